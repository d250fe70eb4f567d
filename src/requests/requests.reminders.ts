// One reminder when a request waits too long on someone (STATUS_RULES.remindAfterDays): to the
// member, to the provider, or to the conciergerie. A wait is reminded once; the next status
// starts a new wait. A named job of platform/jobs.ts sends them.
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/index.ts';
import { inTransaction } from '../db/index.ts';
import { findMembersByIds, fullName, type Member } from '../members/index.ts';
import { findShopsByIds } from '../shops/index.ts';
import { addSeconds, nowIso } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { Job } from '../platform/jobs.ts';
import { PERSONAL_LINK, queueMail, queuePersonalMail, signatureOf } from '../platform/mail/mail.ts';
import { formatPhone } from '../platform/typography.ts';
import { followLink } from './requests.mails.ts';
import { requestPath } from './requests.paths.ts';
import { listUnremindedSince, markReminded, type ServiceRequest } from './requests.repository.ts';
import { daysWaiting, REQUEST_STATUSES, requestNumberLabel, STATUS_RULES } from './requests.rules.ts';

/** Reminders sent per status and run: a backlog is worked through over the next runs. */
const BATCH = 100;

/** Sends the reminders due at `nowAt`; returns how many were sent. */
export async function sendRequestReminders(db: Db, config: Config, nowAt = nowIso()): Promise<number> {
  let sent = 0;
  for (const status of REQUEST_STATUSES) {
    const days = STATUS_RULES[status].remindAfterDays;
    if (days === null) continue;
    const due = await listUnremindedSince(db, status, addSeconds(nowAt, -days * 86_400), BATCH);
    if (due.length === 0) continue;
    const [members, shops] = await Promise.all([
      findMembersByIds(db, [...new Set(due.map((request) => request.memberId))]),
      findShopsByIds(db, [...new Set(due.flatMap((request) => (request.providerShopId ? [request.providerShopId] : [])))]),
    ]);
    for (const request of due) {
      const member = members.find((candidate) => candidate.id === request.memberId);
      const providerEmail = shops.find((shop) => shop.id === request.providerShopId)?.email ?? null;
      sent += (await inTransaction(db, (trx) => remindOnce(trx, config, request, member, providerEmail, nowAt))) ? 1 : 0;
    }
  }
  return sent;
}

async function remindOnce(trx: Executor, config: Config, request: ServiceRequest, member: Member | undefined, providerEmail: string | null, nowAt: string): Promise<boolean> {
  if (!(await markReminded(trx, request.id, request.status, nowAt))) return false;
  const values = {
    number: requestNumberLabel(request.number),
    title: request.title,
    days: daysWaiting(request.statusChangedAt, nowAt),
    status: tDynamic(`requests.status.${request.status}`),
  };
  const subject = t('requests.mail.reminder_subject', values);
  const call = t('requests.mail.call', { phone: formatPhone(config.conciergerie.phone) });
  const signature = signatureOf(config);
  switch (STATUS_RULES[request.status].waitingOn) {
    case 'member':
      if (!member?.email) return true;
      await queuePersonalMail(
        trx,
        config,
        member.email,
        { subject, paragraphs: [t('requests.mail.hello', { name: fullName(member) }), t('requests.mail.reminder_member', values), t('requests.mail.follow'), PERSONAL_LINK, call] },
        signature,
        followLink(config, request.id),
      );
      return true;
    case 'provider':
      if (providerEmail) await queueMail(trx, providerEmail, { subject, paragraphs: [t('requests.mail.reminder_provider', values), call] }, signature);
      return true;
    case 'concierge':
      await queueMail(trx, config.conciergerie.email, { subject, paragraphs: [t('requests.mail.reminder_concierge', values), t('requests.mail.reminder_open'), new URL(requestPath(request.id), config.baseUrl).href] }, signature);
      return true;
    default:
      return true;
  }
}

export const REQUEST_REMINDERS_JOB: Job = {
  name: 'request-reminders',
  label: t('requests.reminders.job'),
  everySeconds: 60 * 60,
  run: async ({ db, config }) => {
    await sendRequestReminders(db, config);
  },
};
