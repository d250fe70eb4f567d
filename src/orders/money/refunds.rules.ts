// Rules of money on one order once placed: what is still due (part payments, hand-over at the
// counter) and what may be refunded, to whom it goes back and who bears it. Pure functions.
//
// Words: a *source* is one way money came in for the order (cash, card or cheque at the
// counter, or one online payment); a refund goes back through the source it came from,
// never more than that source received less its refunds. The member's *credit* is what they
// paid beyond the goods they received: a refund out of it is borne by nobody but the member's
// account. A refund beyond that credit gives back money for goods handed over: the shops that
// sold them bear it (their next statement counts it against their sales).
import { DomainError } from '../../platform/errors.ts';
import { formatEuros, type Cents } from '../../platform/money.ts';
import type { OrderStatus } from '../orders.rules.ts';

/** How money came in, hence how it goes back. */
export type RefundMethod = 'cash' | 'card' | 'cheque' | 'online';
export const REFUND_METHODS: readonly RefundMethod[] = ['cash', 'card', 'cheque', 'online'];

export interface MoneySource {
  /** `cash`, `card`, `cheque`, or `online:<payment id>` */
  key: string;
  method: RefundMethod;
  onlinePaymentId: string | null;
  /** the provider's payment, needed to refund online */
  providerPaymentId: string | null;
  receivedCents: Cents;
  refundedCents: Cents;
}

export interface RefundableLine {
  id: string;
  shopId: string;
  totalCents: Cents;
  /** refused by its shop: never handed over */
  refused: boolean;
  /** its purchase order was handed over to the member */
  handedOver: boolean;
  /** a refund already names this line */
  refunded: boolean;
}

export interface RefundSituation {
  sources: readonly MoneySource[];
  lines: readonly RefundableLine[];
  /** per shop: goods handed over less the refunds that shop already bore */
  handedOverByShop: ReadonlyArray<{ shopId: string; cents: Cents }>;
}

/** What the concierge chose to refund. */
export type RefundScope =
  /** everything paid and not yet refunded, each source its own remainder */
  | { kind: 'all' }
  /** the lines refused by their shops and not yet refunded */
  | { kind: 'refused' }
  /** one line, refused or handed over */
  | { kind: 'line'; lineId: string }
  /** an amount typed by the concierge */
  | { kind: 'amount'; amountCents: Cents };

/** One refund row to write: an amount, through one source, borne by a shop or by nobody. */
export interface RefundPart {
  amountCents: Cents;
  shopId: string | null;
  orderLineId: string | null;
  source: MoneySource;
}

export function remainingOf(source: MoneySource): Cents {
  return source.receivedCents - source.refundedCents;
}

/** Paid and not refunded, every source together. */
export function netPaidOf(situation: RefundSituation): Cents {
  return situation.sources.reduce((sum, source) => sum + remainingOf(source), 0);
}

function goodsReceivedOf(situation: RefundSituation): Cents {
  return situation.handedOverByShop.reduce((sum, shop) => sum + shop.cents, 0);
}

/** What the member paid beyond the goods they received. */
export function creditOf(situation: RefundSituation): Cents {
  return Math.max(0, netPaidOf(situation) - goodsReceivedOf(situation));
}

/** Sources that still hold money to give back. */
export function openSources(situation: RefundSituation): MoneySource[] {
  return situation.sources.filter((source) => remainingOf(source) > 0);
}

/** Lines refused by their shop, not yet refunded. */
export function refusedToRefund(situation: RefundSituation): RefundableLine[] {
  return situation.lines.filter((line) => line.refused && !line.refunded);
}

/** Lines the concierge may refund one by one: refused or handed over, and not refunded yet. */
export function linesToRefund(situation: RefundSituation): RefundableLine[] {
  return situation.lines.filter((line) => (line.refused || line.handedOver) && !line.refunded);
}

/** Refused lines are offered first when money paid for them can go back. */
export function suggestedScope(situation: RefundSituation): 'refused' | 'all' {
  const refused = refusedToRefund(situation).reduce((sum, line) => sum + line.totalCents, 0);
  return refused > 0 && refused <= creditOf(situation) ? 'refused' : 'all';
}

interface Demand {
  amountCents: Cents;
  shopId: string | null;
  orderLineId: string | null;
}

/** An amount without a line: out of the member's credit first, then borne by the shops in turn. */
function splitByBearer(situation: RefundSituation, amountCents: Cents): Demand[] {
  const demands: Demand[] = [];
  const fromCredit = Math.min(creditOf(situation), amountCents);
  if (fromCredit > 0) demands.push({ amountCents: fromCredit, shopId: null, orderLineId: null });
  let rest = amountCents - fromCredit;
  for (const shop of situation.handedOverByShop) {
    const part = Math.min(rest, shop.cents);
    if (part > 0) demands.push({ amountCents: part, shopId: shop.shopId, orderLineId: null });
    rest -= part;
  }
  return demands;
}

function lineDemand(situation: RefundSituation, line: RefundableLine): Demand {
  if (line.refunded) throw new DomainError('refund_line_already', 'quoi');
  if (line.refused) return { amountCents: line.totalCents, shopId: null, orderLineId: line.id };
  if (line.handedOver) return { amountCents: line.totalCents, shopId: line.shopId, orderLineId: line.id };
  throw new DomainError('refund_line_not_refundable', 'quoi');
}

function demandsOf(situation: RefundSituation, scope: RefundScope): Demand[] {
  switch (scope.kind) {
    case 'all':
      return splitByBearer(situation, netPaidOf(situation));
    case 'amount':
      if (scope.amountCents <= 0) throw new DomainError('refund_amount_positive', 'montant');
      if (scope.amountCents > netPaidOf(situation)) throw new DomainError('refund_exceeds_paid', 'montant', { amount: formatEuros(netPaidOf(situation)) });
      return splitByBearer(situation, scope.amountCents);
    case 'refused': {
      const lines = refusedToRefund(situation);
      if (lines.length === 0) throw new DomainError('refund_no_refused_line', 'quoi');
      return lines.map((line) => lineDemand(situation, line));
    }
    case 'line': {
      const line = situation.lines.find((candidate) => candidate.id === scope.lineId);
      if (!line) throw new DomainError('refund_line_not_refundable', 'quoi');
      return [lineDemand(situation, line)];
    }
  }
}

/** Checks the demands against what was paid, the member's credit and each shop's sales. */
function checkDemands(situation: RefundSituation, demands: readonly Demand[]): void {
  const total = demands.reduce((sum, demand) => sum + demand.amountCents, 0);
  const netPaid = netPaidOf(situation);
  if (total <= 0) throw new DomainError(netPaid > 0 ? 'refund_amount_positive' : 'refund_nothing_paid', 'quoi');
  if (total > netPaid) throw new DomainError('refund_exceeds_paid', 'quoi', { amount: formatEuros(netPaid) });
  const unborne = demands.filter((demand) => demand.shopId === null).reduce((sum, demand) => sum + demand.amountCents, 0);
  if (unborne > creditOf(situation)) throw new DomainError('refund_exceeds_credit', 'quoi', { amount: formatEuros(creditOf(situation)) });
  for (const shop of situation.handedOverByShop) {
    const borne = demands.filter((demand) => demand.shopId === shop.shopId).reduce((sum, demand) => sum + demand.amountCents, 0);
    if (borne > shop.cents) throw new DomainError('refund_exceeds_paid', 'quoi', { amount: formatEuros(Math.min(netPaid, shop.cents)) });
  }
}

/** The sources to draw from: all of them for « everything », else the one chosen (or the only one). */
function sourcesFor(situation: RefundSituation, scope: RefundScope, sourceKey: string | undefined, total: Cents): MoneySource[] {
  const open = openSources(situation);
  if (scope.kind === 'all') return open;
  let source: MoneySource | undefined;
  if (sourceKey) source = open.find((candidate) => candidate.key === sourceKey);
  else if (open.length === 1) source = open[0];
  if (!source) throw new DomainError('refund_choose_source', 'source');
  if (total > remainingOf(source)) throw new DomainError('refund_exceeds_source', 'source', { amount: formatEuros(remainingOf(source)) });
  return [source];
}

/** Draws each demand from the sources in turn: one part per (demand, source) pair. */
function drawFrom(demands: readonly Demand[], sources: readonly MoneySource[]): RefundPart[] {
  const left = sources.map((source) => remainingOf(source));
  const parts: RefundPart[] = [];
  for (const demand of demands) {
    let rest = demand.amountCents;
    for (const [index, source] of sources.entries()) {
      const amountCents = Math.min(rest, left[index]);
      if (amountCents <= 0) continue;
      parts.push({ amountCents, shopId: demand.shopId, orderLineId: demand.orderLineId, source });
      left[index] -= amountCents;
      rest -= amountCents;
    }
  }
  return parts;
}

/**
 * The refund rows for a choice, or a DomainError naming the field to correct. The parts sum
 * to the amount chosen; none exceeds its source, the member's credit or a shop's sales.
 */
export function planRefund(situation: RefundSituation, scope: RefundScope, sourceKey?: string): RefundPart[] {
  const demands = demandsOf(situation, scope);
  checkDemands(situation, demands);
  const total = demands.reduce((sum, demand) => sum + demand.amountCents, 0);
  return drawFrom(demands, sourcesFor(situation, scope, sourceKey, total));
}

// ---- what is still due ----

/** Orders that no longer take money: nothing will be handed over. */
export const CLOSED_TO_PAYMENT: readonly OrderStatus[] = ['cancelled', 'not_collected'];

/** Refuses a part payment that is not a positive amount within what is still due (see stillDueCents). */
export function checkPartPayment(status: OrderStatus, dueCents: Cents, amountCents: Cents): void {
  if (CLOSED_TO_PAYMENT.includes(status)) throw new DomainError('payment_order_closed');
  if (amountCents <= 0) throw new DomainError('payment_amount_positive', 'montant');
  if (amountCents > dueCents) throw new DomainError('payment_exceeds_due', 'montant', { amount: formatEuros(dueCents) });
}

/**
 * What the member pays at a hand-over: the goods received before and now, less what they
 * already paid and was not refunded; never below 0 (a credit is refunded, not paid out here).
 */
export function dueAtHandOverCents(goodsReceivedBeforeCents: Cents, handingOverCents: Cents, netPaidCents: Cents): Cents {
  return Math.max(0, goodsReceivedBeforeCents + handingOverCents - netPaidCents);
}
