// The calendar file (.ics) of an appointment, for the member's diary. Instants are written in
// UTC (« …Z »): a bare TZID is shifted by an hour in some diaries. One UID per appointment for
// its whole life, so a move updates the same entry (SEQUENCE one more) and a cancellation
// removes it (METHOD:CANCEL, the next SEQUENCE).
import { createRequire } from 'node:module';
import type { Config } from '../../config.ts';
import { t } from '../../platform/i18n/index.ts';
import type { MailAttachment } from '../../platform/mail/mail.ts';
import { formatPhone } from '../../platform/typography.ts';
import type { Appointment } from './appointments.repository.ts';

/** ical-generator, required with the first calendar file (node keeps it after), not when the server starts. */
const icalGenerator = () => createRequire(import.meta.url)('ical-generator') as typeof import('ical-generator');

export interface CalendarEntry {
  appointment: Pick<Appointment, 'id' | 'startsAt' | 'endsAt'>;
  sequence: number;
  providerName: string;
  providerAddress: string;
  requestTitle: string;
}

/** The UID a diary knows the appointment by: the same for every version of it. */
export function calendarUid(config: Pick<Config, 'baseUrl'>, appointmentId: string): string {
  return `rendez-vous-${appointmentId}@${new URL(config.baseUrl).hostname}`;
}

/** « Conciergerie d’Istres <conciergerie@istres.example> » → its name and address. */
function organizerOf(config: Pick<Config, 'mailFrom' | 'conciergerie'>): { name: string; email: string } {
  const match = /^(.*?)\s*<([^>]+)>\s*$/.exec(config.mailFrom);
  return match ? { name: match[1] || config.conciergerie.name, email: match[2] } : { name: config.conciergerie.name, email: config.mailFrom.trim() };
}

export function calendarText(config: Config, entry: CalendarEntry, method: 'request' | 'cancel', stampAt: string): string {
  const { default: ical, ICalCalendarMethod, ICalEventStatus } = icalGenerator();
  const calendar = ical({
    prodId: { company: config.conciergerie.name, product: 'rendez-vous', language: 'FR' },
    method: method === 'cancel' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: calendarUid(config, entry.appointment.id),
    sequence: entry.sequence,
    stamp: new Date(stampAt),
    start: new Date(entry.appointment.startsAt),
    end: new Date(entry.appointment.endsAt),
    summary: t('appointments.ics.summary', { provider: entry.providerName }),
    location: entry.providerAddress,
    description: t('appointments.ics.description', { title: entry.requestTitle, phone: formatPhone(config.conciergerie.phone) }),
    organizer: organizerOf(config),
    status: method === 'cancel' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

/** The file as a mail carries it: its type says the method, as diaries expect. */
export function calendarAttachment(config: Config, entry: CalendarEntry, method: 'request' | 'cancel', stampAt: string): MailAttachment {
  return {
    filename: 'rendez-vous.ics',
    contentType: `text/calendar; charset=utf-8; method=${method === 'cancel' ? 'CANCEL' : 'REQUEST'}`,
    content: calendarText(config, entry, method, stampAt),
  };
}
