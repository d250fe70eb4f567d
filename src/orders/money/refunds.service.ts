// Money on one order, for the concierge: a part payment (acompte) taken at the counter, and
// refunds — everything paid, one line, or the lines refused by their shops — going back the
// way the money came (online through the payment provider, at the counter by the method of
// the payment). Each form runs once per idempotency key; a refund is planned, asked of the
// provider (with a key derived from the form's) and written with its history line in one
// transaction under the order's lock, so neither a retry nor a second refund at the same
// moment gives money back twice. Only the concierge reaches any of this.
import type { Config } from '../../config.ts';
import type { Db, Executor, Trx } from '../../db/index.ts';
import type { RefundsTable } from '../../db/schema.ts';
import { shopNames } from '../../catalogue/index.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { boundTo, createOnce } from '../../platform/idempotency/index.ts';
import { newId } from '../../platform/ids.ts';
import { formatEuros } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { paymentProviderFor } from '../../platform/payments/index.ts';
import { moneyOfOrders, stillDueCents } from './balance.repository.ts';
import { insertCounterPayment, listCounterPayments, type CounterPayment } from './counter-payments.repository.ts';
import type { FactCursor } from './money.repository.ts';
import { tellMoneyFacts } from './money.service.ts';
import { eventRow, lockAndRead } from '../orders.moves.ts';
import { listPurchaseOrdersOfOrders, type PurchaseOrder } from '../orders.purchase-orders.repository.ts';
import { insertRefunds, listPaidOnline, listRefundsAfter, listRefundsOfOrder, type PaidOnline, type Refund, type RefundFact } from './refunds.repository.ts';
import {
  checkPartPayment,
  netPaidOf,
  planRefund,
  type MoneySource,
  type RefundMethod,
  type RefundPart,
  type RefundScope,
  type RefundSituation,
} from './refunds.rules.ts';
import { findOrder, insertEvents, listLinesOfOrders, type Order, type OrderLine } from '../orders.repository.ts';
import type { CounterPaymentMethod } from '../orders.rules.ts';
import { type Actor, actorOf, assertConcierge } from '../../platform/actor.ts';

const PAYMENT_SCOPE = 'order-part-payment';
const REFUND_SCOPE = 'order-refund';

// ---- where an order's money stands ----

interface MoneyRows {
  lines: OrderLine[];
  purchaseOrders: PurchaseOrder[];
  counter: CounterPayment[];
  online: PaidOnline[];
  refunds: Refund[];
}

async function moneyRowsOf(db: Executor, orderId: string): Promise<MoneyRows> {
  const [lines, purchaseOrders, counter, online, refunds] = await Promise.all([
    listLinesOfOrders(db, [orderId]),
    listPurchaseOrdersOfOrders(db, [orderId]),
    listCounterPayments(db, orderId),
    listPaidOnline(db, orderId),
    listRefundsOfOrder(db, orderId),
  ]);
  return { lines, purchaseOrders, counter, online, refunds };
}

function sourcesOf(rows: MoneyRows): MoneySource[] {
  const refundedBy = (match: (refund: Refund) => boolean) => rows.refunds.filter(match).reduce((sum, refund) => sum + refund.amountCents, 0);
  const counter = (['cash', 'card', 'cheque'] as const).flatMap((method) => {
    const receivedCents = rows.counter.filter((payment) => payment.method === method).reduce((sum, payment) => sum + payment.amountCents, 0);
    if (receivedCents === 0) return [];
    return [{ key: method, method, onlinePaymentId: null, providerPaymentId: null, receivedCents, refundedCents: refundedBy((refund) => refund.method === method) }];
  });
  const online = rows.online.map((payment) => ({
    key: `online:${payment.id}`,
    method: 'online' as const,
    onlinePaymentId: payment.id,
    providerPaymentId: payment.providerPaymentId,
    receivedCents: payment.amountCents,
    refundedCents: refundedBy((refund) => refund.onlinePaymentId === payment.id),
  }));
  return [...counter, ...online];
}

function situationOf(rows: MoneyRows): RefundSituation {
  const handedOver = rows.purchaseOrders.filter((po) => po.status === 'handed_over');
  const statusOf = new Map(rows.purchaseOrders.map((po) => [po.id, po.status]));
  const refundedLines = new Set(rows.refunds.flatMap((refund) => (refund.orderLineId ? [refund.orderLineId] : [])));
  const shops = [...new Set(handedOver.map((po) => po.shopId))];
  return {
    sources: sourcesOf(rows),
    lines: rows.lines.map((line) => ({
      id: line.id,
      shopId: line.shopId,
      totalCents: line.totalCents,
      refused: line.status === 'refused',
      handedOver: line.status === 'ordered' && statusOf.get(line.purchaseOrderId) === 'handed_over',
      refunded: refundedLines.has(line.id),
    })),
    handedOverByShop: shops.map((shopId) => {
      const sold = handedOver.filter((po) => po.shopId === shopId).reduce((sum, po) => sum + po.totalCents, 0);
      const borne = rows.refunds.filter((refund) => refund.shopId === shopId).reduce((sum, refund) => sum + refund.amountCents, 0);
      return { shopId, cents: Math.max(0, sold - borne) };
    }),
  };
}

export interface OrderMoneyView {
  order: Order;
  situation: RefundSituation;
  lines: Array<OrderLine & { shopName: string }>;
  counterPayments: CounterPayment[];
  refunds: Refund[];
  netPaidCents: number;
  stillDueCents: number;
}

/** An order's money as the concierge's payment and refund pages show it. */
export async function orderMoney(db: Executor, actor: CurrentAccount | null, orderId: string): Promise<OrderMoneyView> {
  assertConcierge(actor);
  const order = await findOrder(db, orderId);
  if (!order) throw notFound();
  const [rows, money] = await Promise.all([moneyRowsOf(db, orderId), moneyOfOrders(db, [orderId])]);
  const names = await shopNames(db, rows.lines.map((line) => line.shopId));
  const situation = situationOf(rows);
  const netPaid = netPaidOf(situation);
  return {
    order,
    situation,
    lines: rows.lines.map((line) => ({ ...line, shopName: names.get(line.shopId) ?? '' })),
    counterPayments: rows.counter,
    refunds: rows.refunds,
    netPaidCents: netPaid,
    stillDueCents: stillDueCents(order.totalCents, money.get(orderId)!),
  };
}

// ---- a part payment ----

export interface PartPaymentInput {
  method: CounterPaymentMethod;
  amountCents: number;
}

/** Records money taken at the counter ahead of the hand-over; once per form (`key`, bound to the order and the concierge). */
export async function recordPartPayment(db: Db, actor: CurrentAccount | null, orderId: string, input: PartPaymentInput, key: string): Promise<string> {
  const who = actorOf(assertConcierge(actor));
  return createOnce(db, PAYMENT_SCOPE, key, async (trx) => {
    const order = await lockAndRead(trx, orderId);
    if (!order) throw notFound();
    const money = (await moneyOfOrders(trx, [orderId])).get(orderId)!;
    checkPartPayment(order.status, stillDueCents(order.totalCents, money), input.amountCents);
    const at = nowIso();
    const id = newId();
    await insertCounterPayment(trx, { id, order_id: orderId, method: input.method, amount_cents: input.amountCents, account_id: who.accountId, actor_label: who.label, at });
    const note = t('refunds.history.part_payment', { amount: formatEuros(input.amountCents), how: tDynamic(`counter.history.paid_by.${input.method}`) });
    await insertEvents(trx, [eventRow(orderId, who, 'counter', { note, at })]);
    await tellMoneyFacts(trx, { counterPayments: [id] });
    return id;
  }, boundTo(orderId, actor!.id));
}

// ---- a refund ----

export interface RefundInput {
  scope: RefundScope;
  /** the source chosen when money came in several ways */
  sourceKey?: string;
  reason: string;
}

/** One call to the provider per online payment drawn on, for the sum drawn from it. */
interface OnlineRefund {
  onlinePaymentId: string;
  amountCents: number;
  refundId: string;
}

function onlineTotals(parts: readonly RefundPart[]): Map<string, { paymentRef: string | null; amountCents: number }> {
  const totals = new Map<string, { paymentRef: string | null; amountCents: number }>();
  for (const part of parts) {
    if (part.source.method !== 'online' || !part.source.onlinePaymentId) continue;
    const total = totals.get(part.source.onlinePaymentId) ?? { paymentRef: part.source.providerPaymentId, amountCents: 0 };
    total.amountCents += part.amountCents;
    totals.set(part.source.onlinePaymentId, total);
  }
  return totals;
}

/** Gives the online part back through the provider; the key, derived from the form's, makes a retry harmless. */
async function refundOnline(config: Config, parts: readonly RefundPart[], key: string): Promise<OnlineRefund[]> {
  const done: OnlineRefund[] = [];
  for (const [onlinePaymentId, total] of onlineTotals(parts)) {
    const provider = paymentProviderFor(config);
    if (!provider || !total.paymentRef) throw new DomainError('refund_provider_failed');
    try {
      const { refundId } = await provider.refund(total.paymentRef, total.amountCents, `${REFUND_SCOPE}-${key}-${onlinePaymentId}`);
      done.push({ onlinePaymentId, amountCents: total.amountCents, refundId });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError('refund_provider_failed');
    }
  }
  return done;
}

function refundRow(orderId: string, who: Actor, part: RefundPart, reason: string, at: string, done: readonly OnlineRefund[]): RefundsTable {
  return {
    id: newId(),
    order_id: orderId,
    order_line_id: part.orderLineId,
    shop_id: part.shopId,
    method: part.source.method,
    online_payment_id: part.source.onlinePaymentId,
    provider_refund_id: done.find((refund) => refund.onlinePaymentId === part.source.onlinePaymentId)?.refundId ?? null,
    amount_cents: part.amountCents,
    reason,
    account_id: who.accountId,
    actor_label: who.label,
    at,
    statement_id: null,
  };
}

function historyNote(parts: readonly RefundPart[], reason: string): string {
  const byMethod = new Map<RefundMethod, number>();
  for (const part of parts) byMethod.set(part.source.method, (byMethod.get(part.source.method) ?? 0) + part.amountCents);
  const how = [...byMethod].map(([method, cents]) => `${formatEuros(cents)} ${tDynamic(`refunds.method.${method}`).toLowerCase()}`).join(', ');
  return t('refunds.history.refund', { how, reason });
}

/**
 * Refunds what the concierge chose. The plan, the provider's refund and the rows are made in
 * one transaction holding the order's lock: a second refund of the same order waits, then
 * plans on what the first wrote and fails before asking the provider anything. Calling the
 * provider inside a transaction holds the order (and, on SQLite, the database) for that call;
 * refunds are rare and made by one person, so that wait is accepted for never refunding twice.
 * The provider's key is derived from the form's: a replay that reached the provider but not
 * the commit gets the same refund back, and a replay after the commit gets the recorded one.
 */
export async function recordRefund(db: Db, config: Config, actor: CurrentAccount | null, orderId: string, input: RefundInput, key: string): Promise<string> {
  const who = actorOf(assertConcierge(actor));
  const reason = input.reason.trim();
  if (reason === '') throw new DomainError('refund_reason_required', 'motif');
  const binding = boundTo(orderId, actor!.id);
  try {
    return await createOnce(db, REFUND_SCOPE, key, async (trx: Trx) => {
      const order = await lockAndRead(trx, orderId);
      if (!order) throw notFound();
      const parts = planRefund(situationOf(await moneyRowsOf(trx, orderId)), input.scope, input.sourceKey);
      const done = await refundOnline(config, parts, key);
      const at = nowIso();
      const rows = parts.map((part) => refundRow(orderId, who, part, reason, at, done));
      await insertRefunds(trx, rows);
      await insertEvents(trx, [eventRow(orderId, who, 'counter', { note: historyNote(parts, reason), at })]);
      await tellMoneyFacts(trx, { refunds: rows.map((row) => row.id) });
      return rows[0].id;
    }, binding);
  } catch (error) {
    // The same form sent twice at once: the second waited for the first and found nothing
    // left to refund; the first one's refund is the answer.
    if (!(error instanceof DomainError)) throw error;
    return createOnce(db, REFUND_SCOPE, key, async () => {
      throw error;
    }, binding);
  }
}

// ---- the resident ----

/** The refunds of a resident's own order, for « Mes commandes »; another's order is not found. */
export async function ownOrderRefunds(db: Executor, actor: CurrentAccount | null, orderId: string): Promise<Refund[]> {
  const order = await findOrder(db, orderId);
  if (actor?.role !== 'resident' || !actor.memberId || !order || order.memberId !== actor.memberId) throw notFound();
  return listRefundsOfOrder(db, orderId);
}

// ---- the ledger ----

export type { RefundFact };

/** Up to `limit` refunds after `cursor`, in the order they were made. */
export function refundsAfter(db: Executor, cursor: FactCursor, limit: number): Promise<RefundFact[]> {
  return listRefundsAfter(db, cursor, limit);
}
