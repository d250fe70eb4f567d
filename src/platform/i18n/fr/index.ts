// The French dictionary: the union of every subject's messages.
import { errors } from './errors.ts';
import { common } from './common.ts';
import { auth } from './auth.ts';
import { shops } from './shops.ts';
import { catalogue } from './catalogue.ts';
import { members } from './members.ts';
import { notifications } from './notifications.ts';
import { places } from './places.ts';
import { site } from './site.ts';
import { orders } from './orders.ts';
import { rounds } from './rounds.ts';
import { counter } from './counter.ts';
import { desk } from './desk.ts';
import { inbox } from './inbox.ts';
import { settlement } from './settlement.ts';

export const messages = {
  ...errors,
  ...common,
  ...auth,
  ...shops,
  ...catalogue,
  ...members,
  ...notifications,
  ...places,
  ...site,
  ...orders,
  ...rounds,
  ...counter,
  ...desk,
  ...inbox,
  ...settlement,
} as const;
