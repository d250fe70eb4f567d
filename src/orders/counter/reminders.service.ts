// Orders waiting at the counter: once an order has waited `uncollectedReminderDays`, its
// member gets one reminder (the code, the place and its hours, the day the goods go back);
// after `uncollectedLimitDays` the order is listed as not collected at the counter. Also the
// mails of a declared non-collection, to the member and to the shops.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { findMembersByIds, fullName } from '../../members/index.ts';
import { formatWeek, listPlacesWithHours, type PlaceWithHours } from '../../places/index.ts';
import { formatDate, now } from '../../platform/clock.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Job } from '../../platform/jobs.ts';
import type { MailContent } from '../../platform/mail/mail.ts';
import { queueMail, signatureOf } from '../../platform/mail/mail.ts';
import { listOrdersToRemind, markReminded } from './counter.repository.ts';
import { eventRow } from '../orders.moves.ts';
import { insertEvents } from '../orders.repository.ts';
import { readyBefore } from '../orders.rules.ts';
import { actorOf } from '../../platform/actor.ts';

const BATCH = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReminderMail {
  memberName: string;
  code: string;
  readyAt: string;
  /** The day after which the goods go back to the shops. */
  limitAt: string;
  place: Pick<PlaceWithHours, 'name' | 'addressLine' | 'postalCode' | 'city' | 'hours'>;
  timeZone: string;
}

export function reminderMail(input: ReminderMail): MailContent {
  const { place } = input;
  const hours = formatWeek(place.hours)
    .map((day) => `${day.day}\u00a0: ${day.text}`)
    .join('\n');
  return {
    subject: t('counter.mail.reminder.subject', { code: input.code }),
    paragraphs: [
      t('orders.mail.hello_name', { name: input.memberName }),
      t('counter.mail.reminder.waiting', { code: input.code, date: formatDate(input.readyAt, input.timeZone) }),
      t('counter.mail.reminder.where', { place: place.name, address: `${place.addressLine}, ${place.postalCode} ${place.city}` }),
      `${t('counter.mail.reminder.hours')}\n${hours}`,
      t('counter.mail.reminder.limit', { date: formatDate(input.limitAt, input.timeZone) }),
    ],
  };
}

export function notCollectedMail(input: { memberName: string; code: string }): MailContent {
  return {
    subject: t('counter.mail.not_collected.subject', { code: input.code }),
    paragraphs: [t('orders.mail.hello_name', { name: input.memberName }), t('counter.mail.not_collected.body', { code: input.code }), t('counter.mail.not_collected.call')],
  };
}

export function returnedToShopMail(code: string): MailContent {
  return { subject: t('counter.mail.returned_shop.subject', { code }), paragraphs: [t('orders.mail.hello'), t('counter.mail.returned_shop.body', { code })] };
}

/**
 * Sends one reminder to each member whose order has waited longer than the reminder delay at
 * `now`. The reminder is stamped by a conditional update in the mail's own transaction, so two
 * processes running this at once never send two. Returns how many orders were reminded.
 */
export async function sendCollectionReminders(db: Db, config: Config, when: Date = now()): Promise<number> {
  const before = readyBefore(config.uncollectedReminderDays, when);
  const at = when.toISOString();
  const system = actorOf(null);
  let places: Map<string, PlaceWithHours> | undefined;
  let reminded = 0;
  for (;;) {
    const orders = await listOrdersToRemind(db, before, BATCH);
    if (orders.length === 0) return reminded;
    places ??= new Map((await listPlacesWithHours(db)).map((place) => [place.id, place]));
    const members = new Map((await findMembersByIds(db, [...new Set(orders.map((order) => order.memberId))])).map((member) => [member.id, member]));
    for (const order of orders) {
      const member = members.get(order.memberId);
      const place = places.get(order.placeId);
      const done = await db.transaction().execute(async (trx) => {
        if (!(await markReminded(trx, order.id, at))) return false;
        // A member without e-mail is stamped too (nobody to write to): the concierge calls them.
        const mailed = Boolean(member?.email && place);
        if (member?.email && place) {
          const limitAt = new Date(Date.parse(order.readyAt ?? at) + config.uncollectedLimitDays * DAY_MS).toISOString();
          const mail = reminderMail({ memberName: fullName(member), code: order.collectionCode, readyAt: order.readyAt ?? at, limitAt, place, timeZone: config.timeZone });
          await queueMail(trx, member.email, mail, signatureOf(config));
        }
        const note = mailed ? 'counter.history.reminded' : member?.email ? 'counter.history.reminder_no_place' : 'counter.history.reminder_no_email';
        await insertEvents(trx, [eventRow(order.id, system, 'counter', { note: t(note), at })]);
        return true;
      });
      if (done) reminded += 1;
    }
  }
}

/** The reminders are sent once an hour: a member hears the day the delay is over. */
export const COLLECTION_REMINDERS_JOB: Job = {
  name: 'collection-reminders',
  label: t('jobs.label.collection_reminders'),
  everySeconds: 60 * 60,
  run: async ({ db, config }) => {
    await sendCollectionReminders(db, config);
  },
};
