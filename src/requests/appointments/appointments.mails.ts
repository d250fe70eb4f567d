// The mails of an appointment: to the provider, the slot to confirm or decline through its
// signed link (a credential: sealed in the outbox, shown to nobody else); to the member, the
// confirmed date in words with the calendar file, the cancellation with the file that removes
// it from the diary, and the eve's reminder; to the provider again when it is called off.
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/index.ts';
import { fullName, type Member } from '../../members/index.ts';
import type { Shop } from '../../shops/index.ts';
import { t } from '../../platform/i18n/index.ts';
import { PERSONAL_LINK, queueMail, queuePersonalMail, signatureOf } from '../../platform/mail/mail.ts';
import { signedToken } from '../../platform/signed-links.ts';
import { formatPhone } from '../../platform/typography.ts';
import { followLink } from '../requests.mails.ts';
import type { ServiceRequest } from '../requests.repository.ts';
import { requestNumberLabel } from '../requests.rules.ts';
import { calendarAttachment } from './appointments.calendar.ts';
import { providerAnswerPath } from './appointments.paths.ts';
import type { Appointment } from './appointments.repository.ts';
import { durationInWords, whenInWords } from './appointments.rules.ts';

export const PROVIDER_PURPOSE = 'appointment-provider';

/** What a provider's link signs: the appointment and the version of its slot. */
export function providerLinkSubject(appointmentId: string, sequence: number): string {
  return `${appointmentId}:${sequence}`;
}

export function providerLink(config: Config, appointment: Pick<Appointment, 'id' | 'sequence'>): string {
  const token = signedToken(config.sessionSecret, PROVIDER_PURPOSE, providerLinkSubject(appointment.id, appointment.sequence));
  return new URL(providerAnswerPath(appointment.id, token), config.baseUrl).href;
}

export function shopAddress(shop: Shop): string {
  return `${shop.addressLine}, ${shop.postalCode} ${shop.city}`;
}

/** « mardi 15 décembre à 14 h 30, chez Plomberie Martin, 12 rue … » */
export function whereAndWhen(config: Config, appointment: Pick<Appointment, 'startsAt'>, shop: Shop, nowAt: string): string {
  return t('appointments.when_where', { when: whenInWords(appointment.startsAt, config.timeZone, nowAt), provider: shop.tradeName, address: shopAddress(shop) });
}

interface AppointmentMail {
  config: Config;
  request: ServiceRequest;
  appointment: Appointment;
  shop: Shop;
  member: Member;
  nowAt: string;
}

function closing(config: Config): string {
  return t('requests.mail.call', { phone: formatPhone(config.conciergerie.phone) });
}

/** The provider is asked to confirm or decline; false when it has no e-mail (the concierge calls). */
export async function queueProposalMail(db: Executor, mail: AppointmentMail, moved: boolean): Promise<boolean> {
  const { config, request, appointment, shop, member, nowAt } = mail;
  if (!shop.email) return false;
  const when = whenInWords(appointment.startsAt, config.timeZone, nowAt);
  const paragraphs = [
    t('appointments.mail.provider_hello'),
    t(moved ? 'appointments.mail.provider_moved' : 'appointments.mail.provider_proposed', { when, duration: durationInWords(appointment.durationMinutes) }),
    t('appointments.mail.provider_for', { member: fullName(member), phone: member.phone ? formatPhone(member.phone) : t('appointments.no_phone') }),
    t('appointments.mail.provider_about', { number: requestNumberLabel(request.number), title: request.title }),
    ...(request.details ? [request.details] : []),
    t('appointments.mail.provider_answer'),
    PERSONAL_LINK,
    closing(config),
  ];
  const subject = t('appointments.mail.provider_subject', { when });
  await queuePersonalMail(db, config, shop.email, { subject, paragraphs }, signatureOf(config), providerLink(config, appointment));
  return true;
}

function entryOf(mail: AppointmentMail, sequence: number) {
  return { appointment: mail.appointment, sequence, providerName: mail.shop.tradeName, providerAddress: shopAddress(mail.shop), requestTitle: mail.request.title };
}

/** The member's confirmation, with the calendar file of this version; false without an e-mail. */
export async function queueConfirmedMail(db: Executor, mail: AppointmentMail, updated: boolean): Promise<boolean> {
  const { config, request, appointment, member, nowAt } = mail;
  if (!member.email) return false;
  const number = requestNumberLabel(request.number);
  const paragraphs = [
    t('requests.mail.hello', { name: fullName(member) }),
    t(updated ? 'appointments.mail.member_moved' : 'appointments.mail.member_confirmed', { number }),
    whereAndWhen(config, appointment, mail.shop, nowAt),
    t('appointments.mail.member_duration', { duration: durationInWords(appointment.durationMinutes) }),
    t('appointments.mail.member_ics'),
    t('requests.mail.follow'),
    PERSONAL_LINK,
    closing(config),
  ];
  const subject = t(updated ? 'appointments.mail.member_moved_subject' : 'appointments.mail.member_confirmed_subject', { when: whenInWords(appointment.startsAt, config.timeZone, nowAt) });
  const file = calendarAttachment(config, entryOf(mail, appointment.sequence), 'request', nowAt);
  await queuePersonalMail(db, config, member.email, { subject, paragraphs }, signatureOf(config), followLink(config, request.id), [file]);
  return true;
}

/** The member's diary drops the appointment: METHOD:CANCEL under `sequence`. */
export async function queueCancelledMail(db: Executor, mail: AppointmentMail, sequence: number, reason: string): Promise<boolean> {
  const { config, appointment, member, nowAt } = mail;
  if (!member.email) return false;
  const when = whenInWords(appointment.startsAt, config.timeZone, nowAt);
  const paragraphs = [
    t('requests.mail.hello', { name: fullName(member) }),
    t('appointments.mail.member_cancelled', { when, provider: mail.shop.tradeName }),
    ...(reason ? [reason] : []),
    t('appointments.mail.member_cancelled_ics'),
    closing(config),
  ];
  const file = calendarAttachment(config, entryOf(mail, sequence), 'cancel', nowAt);
  await queueMail(db, member.email, { subject: t('appointments.mail.member_cancelled_subject', { when }), paragraphs }, signatureOf(config), [file]);
  return true;
}

/** The eve's reminder to the member. */
export async function queueReminderMail(db: Executor, mail: AppointmentMail): Promise<boolean> {
  const { config, request, appointment, member, nowAt } = mail;
  if (!member.email) return false;
  const paragraphs = [
    t('requests.mail.hello', { name: fullName(member) }),
    t('appointments.mail.reminder'),
    whereAndWhen(config, appointment, mail.shop, nowAt),
    t('requests.mail.follow'),
    PERSONAL_LINK,
    closing(config),
  ];
  const subject = t('appointments.mail.reminder_subject', { when: whenInWords(appointment.startsAt, config.timeZone, nowAt) });
  await queuePersonalMail(db, config, member.email, { subject, paragraphs }, signatureOf(config), followLink(config, request.id));
  return true;
}

/** The provider is told the appointment it confirmed (or was asked about) is off. */
export async function queueProviderCancelledMail(db: Executor, mail: AppointmentMail): Promise<boolean> {
  const { config, appointment, shop, member, nowAt } = mail;
  if (!shop.email) return false;
  const when = whenInWords(appointment.startsAt, config.timeZone, nowAt);
  const paragraphs = [t('appointments.mail.provider_hello'), t('appointments.mail.provider_cancelled', { when, member: fullName(member) }), closing(config)];
  await queueMail(db, shop.email, { subject: t('appointments.mail.provider_cancelled_subject', { when }), paragraphs }, signatureOf(config));
  return true;
}
