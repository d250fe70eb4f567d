// Accepting a quote: the member online, or the concierge recording what the member said on the
// phone (who, which day; allowed after the quote's validity, with a warning kept in the
// history). One acceptance per request: the request's conditional move to « quote_accepted »
// lets one through, and a unique index on the accepted quote holds even if that were bypassed.
// The accepted quote becomes the member's order (the work still to do); the other providers
// are told the round is closed.
import type { Config } from '../../config.ts';
import type { Db, Trx } from '../../db/index.ts';
import { findMembersByIds } from '../../members/index.ts';
import { placeServiceOrder } from '../../orders/index.ts';
import { actorOf, assertConcierge, requireRole } from '../../platform/actor.ts';
import { formatLocalDate, localDateOf } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { boundTo, createOnce } from '../../platform/idempotency/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { findShopsByIds } from '../../shops/index.ts';
import { findRequest, type ServiceRequest } from '../requests.repository.ts';
import { requestNumberLabel } from '../requests.rules.ts';
import { moveRequest } from '../requests.service.ts';
import { queueAcceptedMail, queueClosedMail } from './quotes.mails.ts';
import { findQuote, listQuotesOfRequest, setQuoteOrder, updateQuoteStatus, type Quote } from './quotes.repository.ts';
import { isStillValid } from './quotes.rules.ts';
import { todayIn } from './quotes.service.ts';

/** What the concierge records of an acceptance made on the phone. */
export interface PhoneAcceptance {
  /** who said yes: « Mme Durand », « son fils Paul » */
  who: string;
  /** the local day it was said */
  onDate: string;
}

export interface AcceptOutcome {
  quoteId: string;
  /** the quote's validity was over when it was accepted (by phone only) */
  expired: boolean;
}

const DEFAULT_VAT_BP = 2000;

/** The member accepts one of their quotes on the site. */
export async function acceptOnline(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, quoteId: string, key: string): Promise<AcceptOutcome> {
  const member = requireRole(actor, 'resident');
  const request = await findRequest(db, requestId);
  if (!request || request.kind !== 'quote' || request.memberId !== member.memberId) throw notFound();
  await createOnce(db, `quote.accept:${member.id}`, key, (trx) => accept(trx, config, request.id, quoteId, { account: member, phone: null }), boundTo(quoteId, member.id));
  return { quoteId, expired: false };
}

/** The concierge records the member's « yes » given on the phone. */
export async function acceptByPhone(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, quoteId: string, phone: PhoneAcceptance, key: string): Promise<AcceptOutcome> {
  const concierge = assertConcierge(actor);
  if (phone.onDate > todayIn(config)) throw new DomainError('quote_accepted_on_future', 'accepted_on');
  const quote = await findQuote(db, quoteId);
  if (!quote || quote.requestId !== requestId) throw notFound();
  // The member could not say yes before the quote came in.
  if (quote.answeredAt && phone.onDate < localDateOf(quote.answeredAt, config.timeZone)) throw new DomainError('quote_accepted_before_received', 'accepted_on');
  await createOnce(db, `quote.accept:${concierge.id}`, key, (trx) => accept(trx, config, requestId, quoteId, { account: concierge, phone }), boundTo(quoteId, concierge.id));
  return { quoteId, expired: quote.validUntilDate !== null && !isStillValid(quote.validUntilDate, phone.onDate) };
}

interface Acceptor {
  account: CurrentAccount;
  phone: PhoneAcceptance | null;
}

async function accept(trx: Trx, config: Config, requestId: string, quoteId: string, by: Acceptor): Promise<string> {
  const [request, quote] = await Promise.all([findRequest(trx, requestId), findQuote(trx, quoteId)]);
  if (!request || request.kind !== 'quote' || !quote || quote.requestId !== request.id) throw notFound();
  if (request.status === 'cancelled') throw new DomainError('quote_request_cancelled');
  if (request.status === 'quote_accepted' || request.status === 'done') throw new DomainError('quote_already_accepted');
  if (quote.status !== 'received' || quote.amountCents === null || quote.validUntilDate === null) throw new DomainError('quote_not_received');
  const expired = !isStillValid(quote.validUntilDate, by.phone?.onDate ?? todayIn(config));
  if (expired && !by.phone) throw new DomainError('quote_expired');
  const [shop] = await findShopsByIds(trx, [quote.shopId]);
  if (!shop) throw notFound();
  const actor = actorOf(by.account);
  const acceptedBy = by.phone ? t('quotes.accepted_by.phone', { who: by.phone.who, date: formatLocalDate(by.phone.onDate) }) : t('quotes.accepted_by.site', { name: by.account.displayName });
  const note = acceptanceNote(quote, shop.tradeName, acceptedBy, expired);
  // The request moves first: of two acceptances at once, the second finds it moved and stops here.
  const moved = await moveRequest(trx, config, request, 'quote_accepted', actor, note);
  if (!moved.moved) throw new DomainError('quote_already_accepted');
  const at = nowIso();
  if (!(await updateQuoteStatus(trx, quote.id, 'received', 'accepted', at, { accepted_by_label: acceptedBy, accepted_at: at }))) throw new DomainError('quote_already_accepted');
  await closeOthers(trx, config, request, quote.id);
  const { orderId } = await placeServiceOrder(trx, config, {
    memberId: request.memberId,
    shopId: quote.shopId,
    title: t('quotes.order_line', { title: request.title, number: requestNumberLabel(request.number), name: shop.tradeName }),
    amountCents: quote.amountCents,
    vatRateBp: quote.vatRateBp ?? DEFAULT_VAT_BP,
    channel: by.phone ? 'telephone' : 'site',
    actor: by.account,
    ready: false,
  });
  await setQuoteOrder(trx, quote.id, orderId);
  const [member] = await findMembersByIds(trx, [request.memberId]);
  if (member) await queueAcceptedMail(trx, config, shop, request, { id: quote.id, amountCents: quote.amountCents }, member);
  return quote.id;
}

function acceptanceNote(quote: Quote, providerName: string, acceptedBy: string, expired: boolean): string {
  const accepted = t('quotes.history.accepted', { name: providerName, amount: formatEuros(quote.amountCents ?? 0), by: acceptedBy });
  return expired ? `${accepted} ${t('quotes.history.accepted_expired', { date: formatLocalDate(quote.validUntilDate ?? '') })}` : accepted;
}

/** The round is over for every other provider asked: each is told by mail. */
async function closeOthers(trx: Trx, config: Config, request: ServiceRequest, acceptedId: string): Promise<void> {
  const others = (await listQuotesOfRequest(trx, request.id)).filter((quote) => quote.id !== acceptedId && (quote.status === 'asked' || quote.status === 'received'));
  const shops = new Map((await findShopsByIds(trx, others.map((quote) => quote.shopId))).map((shop) => [shop.id, shop]));
  for (const quote of others) {
    if (!(await updateQuoteStatus(trx, quote.id, quote.status, 'closed', nowIso()))) continue;
    const shop = shops.get(quote.shopId);
    if (shop) await queueClosedMail(trx, config, shop, request);
  }
}
