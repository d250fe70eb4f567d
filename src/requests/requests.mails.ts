// The mails of a request to its member: a status reached that tells (once per status), a
// message from the conciergerie. Each carries the member's follow link, which opens the
// request without logging in: it is sealed in the outbox like a password link.
import type { Config } from '../config.ts';
import type { Executor } from '../db/index.ts';
import { fullName, type Member } from '../members/index.ts';
import { t } from '../platform/i18n/index.ts';
import { PERSONAL_LINK, queuePersonalMail, signatureOf } from '../platform/mail/mail.ts';
import { signedToken } from '../platform/signed-links.ts';
import { formatPhone } from '../platform/typography.ts';
import { followPath } from './requests.paths.ts';
import type { ServiceRequest } from './requests.repository.ts';
import { requestNumberLabel } from './requests.rules.ts';

export const FOLLOW_PURPOSE = 'request-follow';

/** The member's follow link, as an absolute address. */
export function followLink(config: Config, requestId: string): string {
  return new URL(followPath(requestId, signedToken(config.sessionSecret, FOLLOW_PURPOSE, requestId)), config.baseUrl).href;
}

function closing(config: Config): string {
  return t('requests.mail.call', { phone: formatPhone(config.conciergerie.phone) });
}

/** Tells the member where their request stands; false when they have no e-mail (the concierge calls). */
export async function queueStatusMail(db: Executor, config: Config, request: ServiceRequest, member: Member, note: string): Promise<boolean> {
  if (!member.email) return false;
  const number = requestNumberLabel(request.number);
  const paragraphs = [
    t('requests.mail.hello', { name: fullName(member) }),
    t(`requests.mail.status.${request.status}`, { number, title: request.title }),
    ...(note ? [note] : []),
    t('requests.mail.follow'),
    PERSONAL_LINK,
    closing(config),
  ];
  const subject = t('requests.mail.subject', { number, status: t(`requests.status.${request.status}`) });
  await queuePersonalMail(db, config, member.email, { subject, paragraphs }, signatureOf(config), followLink(config, request.id));
  return true;
}

/** A message from the conciergerie about the request. */
export async function queueMessageMail(db: Executor, config: Config, request: ServiceRequest, member: Member, body: string): Promise<boolean> {
  if (!member.email) return false;
  const number = requestNumberLabel(request.number);
  const paragraphs = [t('requests.mail.hello', { name: fullName(member) }), t('requests.mail.message', { number, title: request.title }), body, t('requests.mail.follow'), PERSONAL_LINK, closing(config)];
  await queuePersonalMail(db, config, member.email, { subject: t('requests.mail.message_subject', { number }), paragraphs }, signatureOf(config), followLink(config, request.id));
  return true;
}
