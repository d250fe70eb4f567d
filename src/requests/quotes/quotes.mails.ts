// The mails of a quote round to its providers: the ask (with the provider's own link, which
// acts without an account and is sealed in the outbox like a password link), the news that
// another quote was chosen, and the acceptance (with the member's contact and the link to say
// the work is done). A provider without an e-mail address is called by the concierge instead.
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/index.ts';
import { fullName, type Member } from '../../members/index.ts';
import { t } from '../../platform/i18n/index.ts';
import { PERSONAL_LINK, queueMail, queuePersonalMail, signatureOf } from '../../platform/mail/mail.ts';
import { formatEuros } from '../../platform/money.ts';
import { signedToken } from '../../platform/signed-links.ts';
import { formatPhone } from '../../platform/typography.ts';
import type { Shop } from '../../shops/index.ts';
import type { ServiceRequest } from '../requests.repository.ts';
import { requestNumberLabel } from '../requests.rules.ts';
import { quoteLinkPath } from './quotes.paths.ts';

export const QUOTE_LINK_PURPOSE = 'quote-answer';

export function quoteToken(config: Config, quoteId: string): string {
  return signedToken(config.sessionSecret, QUOTE_LINK_PURPOSE, quoteId);
}

/** The provider's link for one quote, as an absolute address. */
export function quoteLink(config: Config, quoteId: string): string {
  return new URL(quoteLinkPath(quoteId, quoteToken(config, quoteId)), config.baseUrl).href;
}

function call(config: Config): string {
  return t('quotes.mail.call', { phone: formatPhone(config.conciergerie.phone) });
}

function about(request: ServiceRequest): { number: string; title: string } {
  return { number: requestNumberLabel(request.number), title: request.title };
}

/** Asks a provider for its quote; false when it has no address (the concierge calls). */
export async function queueAskMail(db: Executor, config: Config, shop: Shop, request: ServiceRequest, quoteId: string): Promise<boolean> {
  if (!shop.email) return false;
  const paragraphs = [
    t('quotes.mail.hello', { name: shop.tradeName }),
    t('quotes.mail.ask', { ...about(request), conciergerie: config.conciergerie.name }),
    ...(request.details.trim() ? [request.details] : []),
    t('quotes.mail.ask_link'),
    PERSONAL_LINK,
    call(config),
  ];
  await queuePersonalMail(db, config, shop.email, { subject: t('quotes.mail.ask_subject', about(request)), paragraphs }, signatureOf(config), quoteLink(config, quoteId));
  return true;
}

/** Another quote was chosen: the provider has nothing more to do. */
export async function queueClosedMail(db: Executor, config: Config, shop: Shop, request: ServiceRequest): Promise<boolean> {
  if (!shop.email) return false;
  const paragraphs = [t('quotes.mail.hello', { name: shop.tradeName }), t('quotes.mail.closed', about(request)), t('quotes.mail.thanks'), call(config)];
  await queueMail(db, shop.email, { subject: t('quotes.mail.closed_subject', about(request)), paragraphs }, signatureOf(config));
  return true;
}

/** The provider's quote is accepted: whom to contact, and the link to say the work is done. */
export async function queueAcceptedMail(db: Executor, config: Config, shop: Shop, request: ServiceRequest, quote: { id: string; amountCents: number }, member: Member): Promise<boolean> {
  if (!shop.email) return false;
  const contact = [fullName(member), member.phone ? formatPhone(member.phone) : '', `${member.addressLine}, ${member.postalCode} ${member.city}`].filter(Boolean).join(' — ');
  const paragraphs = [
    t('quotes.mail.hello', { name: shop.tradeName }),
    t('quotes.mail.accepted', { ...about(request), amount: formatEuros(quote.amountCents) }),
    t('quotes.mail.contact', { contact }),
    t('quotes.mail.done_link'),
    PERSONAL_LINK,
    call(config),
  ];
  await queuePersonalMail(db, config, shop.email, { subject: t('quotes.mail.accepted_subject', about(request)), paragraphs }, signatureOf(config), quoteLink(config, quote.id));
  return true;
}
