// The French dictionary: the union of every subject's messages.
import { errors } from './errors.ts';
import { common } from './common.ts';
import { auth } from './auth.ts';

export const messages = {
  ...errors,
  ...common,
  ...auth,
} as const;
