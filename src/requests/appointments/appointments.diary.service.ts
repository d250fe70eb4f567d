// The member's diary: the calendar file of a confirmed appointment to download (« ajouter à
// mon agenda », from « Mes demandes » or from the follow link), and the reminder mailed the
// day before, once per slot, by the named job `appointment-reminders`.
import type { Config } from '../../config.ts';
import { inTransaction, type Db, type Executor } from '../../db/index.ts';
import { nowIso } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Job } from '../../platform/jobs.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import type { ServiceRequest } from '../requests.repository.ts';
import { followedRequest, readableRequest } from '../requests.service.ts';
import { calendarText } from './appointments.calendar.ts';
import { partsOf } from './appointments.context.ts';
import { queueReminderMail, shopAddress } from './appointments.mails.ts';
import { latestAppointmentOf, listDueReminders, markReminded } from './appointments.repository.ts';

/** The .ics of the request's confirmed appointment (REQUEST, its current SEQUENCE); 404 otherwise. */
async function calendarOf(db: Executor, config: Config, request: ServiceRequest): Promise<string> {
  const appointment = await latestAppointmentOf(db, request.id);
  if (!appointment || appointment.status !== 'confirmed') throw notFound();
  const { shop } = await partsOf(db, appointment);
  const entry = { appointment, sequence: appointment.sequence, providerName: shop.tradeName, providerAddress: shopAddress(shop), requestTitle: request.title };
  return calendarText(config, entry, 'request', nowIso());
}

/** For the member who owns the request (or the concierge). */
export async function calendarForReader(db: Executor, config: Config, actor: CurrentAccount | null, requestId: string): Promise<string> {
  return calendarOf(db, config, await readableRequest(db, actor, requestId));
}

/** For whoever holds the member's follow link. */
export async function calendarForFollower(db: Executor, config: Config, requestId: string, token: string): Promise<string> {
  const { request } = await followedRequest(db, config, requestId, token);
  return calendarOf(db, config, request);
}

const REMINDER_BATCH = 100;

/** Mails every reminder due now, each once (the mark and the mail in one transaction); returns how many went. */
export async function sendAppointmentReminders(db: Db, config: Config): Promise<number> {
  const due = await listDueReminders(db, nowIso(), REMINDER_BATCH);
  let sent = 0;
  for (const appointment of due) {
    const mailed = await inTransaction(db, async (trx) => {
      const at = nowIso();
      if (!(await markReminded(trx, appointment, at))) return false;
      return queueReminderMail(trx, { config, appointment, ...(await partsOf(trx, appointment)), nowAt: at });
    });
    if (mailed) sent += 1;
  }
  return sent;
}

export const APPOINTMENT_REMINDERS_JOB: Job = {
  name: 'appointment-reminders',
  label: t('appointments.job_label'),
  everySeconds: 15 * 60,
  run: async ({ db, config }) => {
    await sendAppointmentReminders(db, config);
  },
};
