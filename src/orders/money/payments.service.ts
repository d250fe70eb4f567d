// Paying an order online. The resident is sent to the provider's checkout for what is still
// due (the order's total less what was paid and not refunded), never more; a checkout still
// open for that amount is reused, so starting twice opens one session. The provider's events
// (Stripe's webhook, the demo page) are recorded once each: a resent event changes nothing,
// and a session's payment moves pending → paid only once, in the same transaction as the event.
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { addSeconds, nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import { formatEuros } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { demoPaidEvent, paymentProviderFor, type PaymentEvent, type PaymentProvider, type ProviderName } from '../../platform/payments/index.ts';
import { moneyOfOrders, stillDueCents } from './balance.repository.ts';
import { eventRow, lockAndRead } from '../orders.moves.ts';
import type { FactCursor } from './money.repository.ts';
import { tellMoneyFacts } from './money.service.ts';
import {
  findPaymentBySession,
  insertPayment,
  listOnlinePaymentsAfter,
  listPaymentsOfOrder,
  moveOnlinePayment,
  recordEvent,
  type OnlinePayment,
  type OnlinePaymentFact,
} from './payments.repository.ts';
import { findOrder, insertEvents, listLinesOfOrders, type Order } from '../orders.repository.ts';
import { CLOSED_TO_PAYMENT } from './refunds.rules.ts';
import { OPEN_ORDER_STATUSES, canPayOnline, type PaymentMethod } from '../orders.rules.ts';

export type { OnlinePayment, OnlinePaymentFact };

/**
 * A checkout closes unpaid after an hour (Stripe accepts 30 minutes to a day), so an old one
 * cannot be paid on top of a newer one. Its end is counted from the minute it was opened:
 * the same checkout asked again (same key) must carry the same instant.
 */
const CHECKOUT_SECONDS = 60 * 60;
/** An open checkout is sent again rather than a new one opened while this much of its hour is left to pay. */
const TIME_TO_PAY_SECONDS = 10 * 60;

function checkoutEndOf(createdAt: string): string {
  const minute = Math.floor(Date.parse(createdAt) / 60_000) * 60_000;
  return new Date(minute + CHECKOUT_SECONDS * 1000).toISOString();
}

/** The ways to pay a basket: online only with a provider and no price still to weigh. */
export function paymentMethodsFor(config: Config, lines: ReadonlyArray<{ priceIsEstimate: boolean }>): PaymentMethod[] {
  return canPayOnline(config.payments.provider !== 'none', lines) ? ['at_counter', 'online'] : ['at_counter'];
}

/** Whether online payment is on but a weighed price keeps it out of this basket (said in plain words). */
export function onlineBlockedByWeighing(config: Config, lines: ReadonlyArray<{ priceIsEstimate: boolean }>): boolean {
  return config.payments.provider !== 'none' && lines.some((line) => line.priceIsEstimate);
}

async function ownOrder(db: Executor, actor: CurrentAccount | null, orderId: string): Promise<Order> {
  if (actor?.role !== 'resident' || !actor.memberId) throw notFound();
  const order = await findOrder(db, orderId);
  if (!order || order.memberId !== actor.memberId) throw notFound();
  return order;
}

function providerOf(config: Config): PaymentProvider {
  const provider = paymentProviderFor(config);
  if (!provider) throw notFound();
  return provider;
}

/** What the order still needs: its total less the goods given back and what was paid and not refunded. */
async function dueCentsOf(db: Executor, order: Order): Promise<number> {
  const money = (await moneyOfOrders(db, [order.id])).get(order.id)!;
  return stillDueCents(order.totalCents, money);
}

export interface OnlinePaymentDue {
  order: Order;
  dueCents: number;
}

/**
 * What the resident's order still needs online, for « Payer 76,50 € en ligne ». Refused when
 * nothing is due, the order is closed, or a price is still an estimate.
 */
export async function onlinePaymentDue(db: Executor, config: Config, actor: CurrentAccount | null, orderId: string): Promise<OnlinePaymentDue> {
  providerOf(config);
  const order = await ownOrder(db, actor, orderId);
  if (!OPEN_ORDER_STATUSES.includes(order.status)) throw new DomainError('online_payment_closed');
  // Paid at the counter means paid there, in front of the concierge: never marked paid from home.
  if (order.paymentMethod !== 'online') throw new DomainError('online_payment_not_chosen');
  const lines = (await listLinesOfOrders(db, [order.id])).filter((line) => line.status === 'ordered');
  if (!canPayOnline(true, lines)) throw new DomainError('online_payment_unavailable');
  const dueCents = await dueCentsOf(db, order);
  if (dueCents <= 0) throw new DomainError('online_payment_nothing_due');
  return { order, dueCents };
}

/**
 * The address of the provider's checkout for what the resident's order still needs; opens it
 * (or reuses the one already open for that amount). `shownCents` is the amount the resident
 * saw on the button (the demo seed gives none): when what is due changed since, nothing is
 * opened and the page says so.
 */
export async function startOnlinePayment(db: Db, config: Config, actor: CurrentAccount | null, orderId: string, shownCents?: number): Promise<string> {
  const provider = providerOf(config);
  const { order, dueCents } = await onlinePaymentDue(db, config, actor, orderId);
  if (shownCents !== undefined && dueCents !== shownCents) throw new DomainError('online_payment_amount_changed');
  const payments = await listPaymentsOfOrder(db, order.id);
  const now = nowIso();
  const pending = payments.filter((p) => p.status === 'pending' && p.provider === provider.name);
  const reusable = pending.find((p) => p.amountCents === dueCents && addSeconds(now, TIME_TO_PAY_SECONDS) < checkoutEndOf(p.createdAt));
  if (!reusable) await closeCheckouts(db, provider, pending);
  // The n-th checkout of an order has one key: two clicks at once get one session, and an
  // open one is found again at the provider (its address is not stored).
  const attempt = reusable ? payments.indexOf(reusable) : payments.length;
  const checkout = await provider.createCheckout({
    amountCents: dueCents,
    reference: order.id,
    description: t('payments.checkout_description', { code: order.collectionCode }),
    successUrl: `${config.baseUrl}/commandes/${order.id}/paiement/retour`,
    cancelUrl: `${config.baseUrl}/commandes/${order.id}/paiement/annule`,
    metadata: { order_id: order.id, collection_code: order.collectionCode },
    expiresAt: checkoutEndOf(reusable?.createdAt ?? now),
    idempotencyKey: `conciergerie-order-${order.id}-checkout-${attempt}-${dueCents}`,
  });
  if (!reusable) {
    await insertPayment(db, {
      id: newId(),
      order_id: order.id,
      provider: provider.name,
      provider_session_id: checkout.sessionId,
      provider_payment_id: null,
      amount_cents: dueCents,
      status: 'pending',
      created_at: now,
      paid_at: null,
    });
  }
  return checkout.url;
}

/**
 * Closes the order's checkouts still open at the provider before another is opened, so only
 * one can be paid. One the resident already completed (a payment on its way) stops the new one.
 */
async function closeCheckouts(db: Db, provider: PaymentProvider, pending: readonly OnlinePayment[]): Promise<void> {
  for (const payment of pending) {
    if ((await provider.expireCheckout(payment.sessionId)) === 'not_open') throw new DomainError('online_payment_in_progress');
    await moveOnlinePayment(db, payment.id, 'expired', nowIso());
  }
}

export type EventOutcome = 'recorded' | 'duplicate' | 'unknown_session';

/**
 * Records what a provider said about a checkout, once: the event is kept by its id and the
 * payment moves from pending in the same transaction. A paid amount that differs from the
 * checkout's is refused (nothing written).
 */
export async function recordPaymentEvent(db: Db, provider: ProviderName, event: PaymentEvent): Promise<EventOutcome> {
  return db.transaction().execute(async (trx) => {
    const payment = await findPaymentBySession(trx, provider, event.sessionId);
    if (!payment) return 'unknown_session';
    if (event.kind === 'paid' && event.amountCents !== payment.amountCents) throw new DomainError('online_payment_amount_mismatch');
    const at = nowIso();
    if (!(await recordEvent(trx, provider, event.eventId, event.kind, at))) return 'duplicate';
    if (event.kind !== 'paid') {
      await moveOnlinePayment(trx, payment.id, event.kind, at);
      return 'recorded';
    }
    // The order's lock: two payments confirmed at once each see the other's when counting what was due.
    const order = await lockAndRead(trx, payment.orderId);
    const dueCents = order && !CLOSED_TO_PAYMENT.includes(order.status) ? await dueCentsOf(trx, order) : 0;
    if (await moveOnlinePayment(trx, payment.id, 'paid', at, event.paymentRef)) {
      const who = { accountId: null, label: t('payments.history.actor') };
      const notes = [t('payments.history.paid', { amount: formatEuros(payment.amountCents) })];
      // The money moved, so it is recorded; what it paid beyond the due is for the concierge to give back.
      if (payment.amountCents > dueCents) notes.push(t('payments.history.overpaid', { amount: formatEuros(payment.amountCents - dueCents) }));
      await insertEvents(trx, notes.map((note) => eventRow(payment.orderId, who, 'online_payment', { note, at })));
      await tellMoneyFacts(trx, { onlinePayments: [payment.id] });
    }
    return 'recorded';
  });
}

/** A demo checkout and its order, for the resident who opened it. */
export async function demoCheckout(db: Executor, config: Config, actor: CurrentAccount | null, sessionId: string): Promise<{ payment: OnlinePayment; order: Order }> {
  if (config.payments.provider !== 'demo') throw notFound();
  const payment = await findPaymentBySession(db, 'demo', sessionId);
  if (!payment) throw notFound();
  return { payment, order: await ownOrder(db, actor, payment.orderId) };
}

/** « Payer » on the demo page: the same event a real provider would send; returns the order id. */
export async function payDemoCheckout(db: Db, config: Config, actor: CurrentAccount | null, sessionId: string): Promise<string> {
  const { payment } = await demoCheckout(db, config, actor, sessionId);
  if (payment.status !== 'pending') return payment.orderId;
  // Past its hour the demo checkout closes, as a real provider's would.
  const at = nowIso();
  if (at >= checkoutEndOf(payment.createdAt)) await moveOnlinePayment(db, payment.id, 'expired', at);
  else await recordPaymentEvent(db, 'demo', demoPaidEvent(sessionId, payment.amountCents));
  return payment.orderId;
}

export interface PaymentOutcome {
  order: Order;
  /** paid online and confirmed */
  paidCents: number;
  /** a checkout is open and not yet confirmed */
  pending: boolean;
}

/** What came of the resident's online payments of an order (the return page). */
export async function paymentOutcome(db: Executor, actor: CurrentAccount | null, orderId: string): Promise<PaymentOutcome> {
  const order = await ownOrder(db, actor, orderId);
  const payments = await listPaymentsOfOrder(db, order.id);
  const paidCents = payments.filter((p) => p.status === 'paid').reduce((sum, p) => sum + p.amountCents, 0);
  return { order, paidCents, pending: payments.some((p) => p.status === 'pending') };
}

export interface OnlinePaymentSummary {
  paidCents: number;
  /** « Payer maintenant en ligne » is offered: an online order with something due and a provider on */
  canPay: boolean;
}

/** For the resident's order page: what was paid online, and whether paying is still offered. */
export async function onlinePaymentSummary(db: Executor, config: Config, order: Order): Promise<OnlinePaymentSummary> {
  const money = (await moneyOfOrders(db, [order.id])).get(order.id)!;
  const dueCents = stillDueCents(order.totalCents, money);
  const canPay = config.payments.provider !== 'none' && order.paymentMethod === 'online' && OPEN_ORDER_STATUSES.includes(order.status) && dueCents > 0;
  return { paidCents: money.onlineCents, canPay };
}

/** Up to `limit` online payments confirmed after `cursor`, in the order they were paid. */
export function onlinePaymentsAfter(db: Executor, cursor: FactCursor, limit: number): Promise<OnlinePaymentFact[]> {
  return listOnlinePaymentsAfter(db, cursor, limit);
}
