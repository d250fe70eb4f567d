// Quote rounds: the concierge asks one to three providers; each provider answers through its
// signed link, its portal, or by phone to the concierge who types the quote in; the work done
// closes the request. Who may act on a quote is settled once, in `quoteInHand`: the link's
// token opens its own quote only, a merchant its own shop's, the concierge any. (Accepting a
// quote: quotes.accept.service.ts.)
import type { Config } from '../../config.ts';
import type { Db, Executor, Trx } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import { findMembersByIds, type Member } from '../../members/index.ts';
import { markServiceDone } from '../../orders/index.ts';
import { actorOf, assertConcierge, requireRole, type Actor } from '../../platform/actor.ts';
import { formatLocalDate, localDateOf } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { boundTo, createOnce } from '../../platform/idempotency/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { isSignedToken } from '../../platform/signed-links.ts';
import { canManageShop, findProvidersByIds, findShopsByIds, listProviders, PROVIDER_LABELS, tradesText, type Provider, type Shop } from '../../shops/index.ts';
import { findRequest, insertEvent, type ServiceRequest } from '../requests.repository.ts';
import { FOLLOW_PURPOSE } from '../requests.mails.ts';
import { moveRequest, readableRequest } from '../requests.service.ts';
import { QUOTE_LINK_PURPOSE, queueAskMail } from './quotes.mails.ts';
import { findQuote, findQuotePdf, insertAskedQuote, listQuotesOfRequest, listQuotesOfShop, recordAnswer, updateQuoteStatus, type EnteredBy, type Quote } from './quotes.repository.ts';
import { ASKING_STATUSES, isAcceptableValidity, MAX_PROVIDERS, providerStep, type ProviderStep, type QuoteStatus } from './quotes.rules.ts';

/** A provider the concierge may ask, with what the comparison shows of it. */
export interface ProviderChoice {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** Its trades, in words (« Plombier, Chauffagiste »). */
  trades: string;
  /** Labels such as « Bonus réparation ». */
  labels: string[];
}

function choiceOf(provider: Provider): ProviderChoice {
  return {
    id: provider.shopId,
    name: provider.tradeName,
    email: provider.email,
    phone: provider.phone,
    trades: tradesText(provider.trades),
    labels: provider.labels.map((label) => PROVIDER_LABELS[label]),
  };
}

/** The providers the concierge may ask: those of the directory who make quotes (or, by id, any provider). */
export async function providerChoices(db: Executor, ids?: readonly string[]): Promise<ProviderChoice[]> {
  if (ids) return (await findProvidersByIds(db, ids)).map(choiceOf);
  return (await listProviders(db, {})).filter((provider) => provider.makesQuotes).map(choiceOf);
}

/** A quote with its provider, as the pages show it. */
export interface QuoteLine extends Quote {
  provider: ProviderChoice;
}

export async function quoteLinesOf(db: Executor, requestId: string): Promise<QuoteLine[]> {
  const quotes = await listQuotesOfRequest(db, requestId);
  const providers = new Map((await findProvidersByIds(db, [...new Set(quotes.map((quote) => quote.shopId))])).map((provider) => [provider.shopId, choiceOf(provider)]));
  return quotes.flatMap((quote) => {
    const provider = providers.get(quote.shopId);
    return provider ? [{ ...quote, provider }] : [];
  });
}

export function todayIn(config: Config): string {
  return localDateOf(nowIso(), config.timeZone);
}

// ---- the concierge asks providers ----

export interface AskInput {
  providerIds: readonly string[];
  shareContact: boolean;
}

export interface AskOutcome {
  asked: ProviderChoice[];
  /** asked, but without an e-mail address: the concierge calls them */
  toCall: ProviderChoice[];
}

/** Asks one to three providers for a quote; once per form (its key). */
export async function askProviders(db: Db, config: Config, actor: CurrentAccount | null, requestId: string, input: AskInput, key: string): Promise<AskOutcome> {
  const concierge = assertConcierge(actor);
  const ids = [...new Set(input.providerIds)];
  if (ids.length === 0) throw new DomainError('quote_providers_none', 'providers');
  if (ids.length > MAX_PROVIDERS) throw new DomainError('quote_providers_too_many', 'providers', { max: MAX_PROVIDERS });
  const request = await quoteRequest(db, requestId);
  const providers = await providerChoices(db, ids);
  if (providers.length !== ids.length) throw new DomainError('quote_provider_unknown', 'providers');
  await createOnce(
    db,
    `quote.ask:${concierge.id}`,
    key,
    async (trx) => {
      const current = await quoteRequest(trx, request.id);
      if (!ASKING_STATUSES.includes(current.status)) throw new DomainError('quote_not_asking');
      const already = new Set((await listQuotesOfRequest(trx, current.id)).map((quote) => quote.shopId));
      const twice = providers.find((provider) => already.has(provider.id));
      if (twice) throw new DomainError('quote_provider_already_asked', 'providers', { name: twice.name });
      await askEach(trx, config, current, ids, input.shareContact);
      const by = actorOf(concierge);
      const names = providers.map((provider) => provider.name).join(', ');
      await insertEvent(trx, { requestId: current.id, kind: 'quotes_asked', note: t('quotes.history.asked', { names }), accountId: by.accountId, actorLabel: by.label, at: nowIso() });
      if (current.status === 'new') await moveRequest(trx, config, current, 'quotes_asked', by);
      return current.id;
    },
    boundTo(request.id, concierge.id),
  );
  return { asked: providers, toCall: providers.filter((provider) => !provider.email) };
}

async function askEach(trx: Trx, config: Config, request: ServiceRequest, shopIds: readonly string[], shareContact: boolean): Promise<void> {
  const shops = await findShopsByIds(trx, shopIds);
  for (const shop of shops) {
    const quoteId = await insertAskedQuote(trx, { requestId: request.id, shopId: shop.id, shareContact, at: nowIso() });
    await queueAskMail(trx, config, shop, request, quoteId);
  }
}

/** A request of kind « quote », or « not found ». */
async function quoteRequest(db: Executor, requestId: string): Promise<ServiceRequest> {
  const request = await findRequest(db, requestId);
  if (!request || request.kind !== 'quote') throw notFound();
  return request;
}

// ---- who holds a quote: the provider's link, its portal, the concierge ----

export type QuoteHand =
  | { by: 'link'; quoteId: string; token: string }
  | { by: 'portal'; actor: CurrentAccount | null; shopId: string; quoteId: string }
  | { by: 'concierge'; actor: CurrentAccount | null; requestId: string; quoteId: string };

export interface HeldQuote {
  quote: Quote;
  request: ServiceRequest;
  shop: Shop;
  /** the account acting, when there is one (the link has none) */
  account: CurrentAccount | null;
  actor: Actor;
  enteredBy: EnteredBy;
}

/** The quote when this hand may act on it; « not found » otherwise, whatever the reason. */
export async function quoteInHand(db: Executor, config: Config, hand: QuoteHand): Promise<HeldQuote> {
  const account = hand.by === 'link' ? null : requireRole(hand.actor, ...(hand.by === 'portal' ? (['merchant', 'concierge'] as const) : (['concierge'] as const)));
  if (hand.by === 'link' && !isSignedToken(config.sessionSecret, QUOTE_LINK_PURPOSE, hand.quoteId, hand.token)) throw notFound();
  const quote = await findQuote(db, hand.quoteId);
  if (!quote) throw notFound();
  if (hand.by === 'portal' && (quote.shopId !== hand.shopId || !canManageShop(account, hand.shopId))) throw notFound();
  if (hand.by === 'concierge' && quote.requestId !== hand.requestId) throw notFound();
  const [request, [shop]] = await Promise.all([findRequest(db, quote.requestId), findShopsByIds(db, [quote.shopId])]);
  if (!request || !shop) throw notFound();
  const actor = account ? actorOf(account) : { accountId: null, label: t('quotes.actor.link', { name: shop.tradeName }) };
  const enteredBy: EnteredBy = account?.role === 'concierge' ? 'concierge' : 'provider';
  return { quote, request, shop, account, actor, enteredBy };
}

/** What the provider's page shows: the request's needs, the member's contact only when shared or once chosen. */
export interface ProviderView extends HeldQuote {
  step: ProviderStep;
  member: Pick<Member, 'firstName' | 'lastName' | 'phone' | 'addressLine' | 'postalCode' | 'city'> | null;
  today: string;
}

export async function providerView(db: Executor, config: Config, hand: QuoteHand): Promise<ProviderView> {
  const held = await quoteInHand(db, config, hand);
  const step = providerStep(held.request.status, held.quote.status);
  const seesContact = held.quote.shareContact || held.quote.status === 'accepted' || held.quote.status === 'done' || held.enteredBy === 'concierge';
  const [found] = seesContact ? await findMembersByIds(db, [held.request.memberId]) : [];
  const member = found ? { firstName: found.firstName, lastName: found.lastName, phone: found.phone, addressLine: found.addressLine, postalCode: found.postalCode, city: found.city } : null;
  return { ...held, step, member, today: todayIn(config) };
}

/** The refusal that says why this quote can no longer be answered. */
function stepRefusal(step: ProviderStep): DomainError {
  const codes: Record<Exclude<ProviderStep, 'answer'>, DomainError['code']> = {
    sent: 'quote_already_sent',
    declined: 'quote_already_declined',
    accepted: 'quote_already_sent',
    done: 'quote_already_sent',
    closed: 'quote_closed',
    cancelled: 'quote_request_cancelled',
  };
  return new DomainError(codes[step as Exclude<ProviderStep, 'answer'>]);
}

// ---- the provider answers ----

export interface QuoteInput {
  amountCents: number;
  vatRateBp: number;
  validUntilDate: string;
  note: string;
  pdf: Buffer | null;
}

const PDF_MAGIC = Buffer.from('%PDF-');

/** The checks of an answer that the form's schema cannot make: positive amount, a day not over, a real PDF. */
export function checkQuoteInput(config: Config, input: QuoteInput): void {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw new DomainError('quote_amount_positive', 'amount');
  if (!isAcceptableValidity(input.validUntilDate, todayIn(config))) throw new DomainError('quote_valid_until_past', 'valid_until');
  if (input.pdf && input.pdf.length > config.uploadMaxBytes) throw new DomainError('quote_file_too_big', 'file');
  if (input.pdf && !input.pdf.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) throw new DomainError('quote_file_not_pdf', 'file');
}

/** The quote comes in: recorded once; the first one tells the member there is something to compare. */
export async function sendQuote(db: Db, config: Config, hand: QuoteHand, input: QuoteInput): Promise<HeldQuote> {
  checkQuoteInput(config, input);
  return inTransaction(db, async (trx) => {
    const held = await quoteInHand(trx, config, hand);
    const step = providerStep(held.request.status, held.quote.status);
    if (step !== 'answer') throw stepRefusal(step);
    const at = nowIso();
    const recorded = await recordAnswer(trx, held.quote.id, { ...input, enteredBy: held.enteredBy, byLabel: held.actor.label, at });
    if (!recorded) throw new DomainError('quote_already_sent');
    const note = t('quotes.history.received', { name: held.shop.tradeName, amount: formatEuros(input.amountCents), date: formatLocalDate(input.validUntilDate) });
    await insertEvent(trx, { requestId: held.request.id, kind: 'quote_received', note, accountId: held.actor.accountId, actorLabel: held.actor.label, at });
    if (held.request.status === 'quotes_asked') await moveRequest(trx, config, held.request, 'quotes_received', held.actor, note);
    return held;
  });
}

/** The provider will not quote. */
export async function declineQuote(db: Db, config: Config, hand: QuoteHand, reason: string): Promise<HeldQuote> {
  return inTransaction(db, async (trx) => {
    const held = await quoteInHand(trx, config, hand);
    const step = providerStep(held.request.status, held.quote.status);
    if (step !== 'answer') throw stepRefusal(step);
    const at = nowIso();
    const changes = { note: reason, entered_by: held.enteredBy, answered_by_label: held.actor.label, answered_at: at };
    if (!(await updateQuoteStatus(trx, held.quote.id, 'asked', 'declined', at, changes))) throw new DomainError('quote_already_sent');
    const note = t('quotes.history.declined', { name: held.shop.tradeName, reason });
    await insertEvent(trx, { requestId: held.request.id, kind: 'quote_declined', note, accountId: held.actor.accountId, actorLabel: held.actor.label, at });
    return held;
  });
}

/** The work of the accepted quote is done: the request is done and its order waits at the counter to be paid. */
export async function markWorkDone(db: Db, config: Config, hand: QuoteHand): Promise<HeldQuote> {
  return inTransaction(db, async (trx) => {
    const held = await quoteInHand(trx, config, hand);
    const step = providerStep(held.request.status, held.quote.status);
    if (step === 'done') throw new DomainError('quote_already_done');
    if (step !== 'accepted') throw step === 'cancelled' ? stepRefusal(step) : new DomainError('quote_not_accepted');
    const at = nowIso();
    if (!(await updateQuoteStatus(trx, held.quote.id, 'accepted', 'done', at, { done_at: at }))) throw new DomainError('quote_already_done');
    await moveRequest(trx, config, held.request, 'done', held.actor, t('quotes.history.done', { name: held.shop.tradeName }));
    if (held.quote.orderId) await markServiceDone(trx, held.quote.orderId, held.account);
    return held;
  });
}

// ---- reading ----

/** The quote's PDF for whoever holds the quote (link, portal, concierge). */
export async function quotePdf(db: Executor, config: Config, hand: QuoteHand): Promise<{ filename: string; bytes: Buffer }> {
  const held = await quoteInHand(db, config, hand);
  return pdfOf(db, held.quote, held.request);
}

export async function pdfOf(db: Executor, quote: Quote, request: ServiceRequest): Promise<{ filename: string; bytes: Buffer }> {
  const bytes = quote.hasPdf ? await findQuotePdf(db, quote.id) : undefined;
  if (!bytes) throw notFound();
  return { filename: `devis-D-${String(request.number).padStart(4, '0')}.pdf`, bytes };
}

/** What a provider's portal lists: the requests addressed to its shop that still concern it. */
const PORTAL_STATUSES: readonly QuoteStatus[] = ['asked', 'received', 'accepted'];

export interface PortalQuote {
  quote: Quote;
  request: ServiceRequest;
  step: ProviderStep;
}

export async function portalQuotes(db: Executor, actor: CurrentAccount | null, shopId: string): Promise<{ shop: Shop; quotes: PortalQuote[] }> {
  const account = requireRole(actor, 'merchant', 'concierge');
  if (!canManageShop(account, shopId)) throw notFound();
  const [shop] = await findShopsByIds(db, [shopId]);
  if (!shop) throw notFound();
  const quotes = await listQuotesOfShop(db, shopId, PORTAL_STATUSES, 100);
  const requests = await Promise.all(quotes.map((quote) => findRequest(db, quote.requestId)));
  return {
    shop,
    quotes: quotes.flatMap((quote, index) => {
      const request = requests[index];
      return request ? [{ quote, request, step: providerStep(request.status, quote.status) }] : [];
    }),
  };
}

/** A « quote » request its reader may see: the concierge, or the member it belongs to. */
export async function readableQuoteRequest(db: Executor, actor: CurrentAccount | null, requestId: string): Promise<ServiceRequest> {
  const request = await readableRequest(db, actor, requestId);
  if (request.kind !== 'quote') throw notFound();
  return request;
}

/** One quote of a request its reader may see, with its provider. */
export async function readableQuoteLine(db: Executor, actor: CurrentAccount | null, requestId: string, quoteId: string): Promise<{ request: ServiceRequest; line: QuoteLine }> {
  const request = await readableQuoteRequest(db, actor, requestId);
  const line = (await quoteLinesOf(db, request.id)).find((quote) => quote.id === quoteId);
  if (!line) throw notFound();
  return { request, line };
}

/** A quote's PDF for the member (or the concierge) reading the request. */
export async function readablePdf(db: Executor, actor: CurrentAccount | null, requestId: string, quoteId: string): Promise<{ filename: string; bytes: Buffer }> {
  const { request, line } = await readableQuoteLine(db, actor, requestId, quoteId);
  return pdfOf(db, line, request);
}

/** A quote's PDF from the member's follow page: the follow link's token opens its own request's quotes. */
export async function followedPdf(db: Executor, config: Config, requestId: string, token: string, quoteId: string): Promise<{ filename: string; bytes: Buffer }> {
  if (!isSignedToken(config.sessionSecret, FOLLOW_PURPOSE, requestId, token)) throw notFound();
  const [request, quote] = await Promise.all([findRequest(db, requestId), findQuote(db, quoteId)]);
  if (!request || !quote || quote.requestId !== request.id) throw notFound();
  return pdfOf(db, quote, request);
}
