// Paying an order online. The resident is sent to the provider's checkout for what is still
// due (the order's total less what was paid and not refunded), never more; a checkout still
// open for that amount is reused, so starting twice opens one session. The provider's events
// (Stripe's webhook, the demo page) are recorded once each: a resent event changes nothing,
// and a session's payment moves pending → paid only once, in the same transaction as the event.
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/index.ts';
import { addSeconds, nowIso } from '../platform/clock.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import { newId } from '../platform/ids.ts';
import { formatEuros } from '../platform/money.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { demoPaidEvent, paymentProviderFor, type PaymentEvent, type PaymentProvider, type ProviderName } from '../platform/payments/index.ts';
import { moneyOfOrders, netPaidCents } from './orders.balance.repository.ts';
import { eventRow } from './orders.moves.ts';
import type { FactCursor } from './orders.money.repository.ts';
import {
  findPaymentBySession,
  insertPayment,
  listOnlinePaymentsAfter,
  listPaymentsOfOrder,
  markEnded,
  markPaid,
  recordEvent,
  type OnlinePayment,
  type OnlinePaymentFact,
} from './orders.payments.repository.ts';
import { findOrder, insertEvents, listLinesOfOrders, type Order } from './orders.repository.ts';
import { OPEN_ORDER_STATUSES, canPayOnline, type PaymentMethod } from './orders.rules.ts';

export type { OnlinePayment, OnlinePaymentFact };

/**
 * An open checkout is sent again rather than a new one opened, for this long: well within
 * the day a provider keeps a session open and remembers its idempotency key.
 */
const REUSE_SECONDS = 12 * 60 * 60;

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

/** What the order still needs: its total less what was paid and not given back. */
async function dueCentsOf(db: Executor, order: Order): Promise<number> {
  const money = (await moneyOfOrders(db, [order.id])).get(order.id)!;
  return order.totalCents - netPaidCents(money);
}

/**
 * The address of the provider's checkout for what the resident's order still needs; opens it
 * (or reuses the one already open for that amount). Refused when nothing is due, the order is
 * closed, or a price is still an estimate.
 */
export async function startOnlinePayment(db: Db, config: Config, actor: CurrentAccount | null, orderId: string): Promise<string> {
  const provider = providerOf(config);
  const order = await ownOrder(db, actor, orderId);
  if (!OPEN_ORDER_STATUSES.includes(order.status)) throw new DomainError('online_payment_closed');
  const lines = (await listLinesOfOrders(db, [order.id])).filter((line) => line.status === 'ordered');
  if (!canPayOnline(true, lines)) throw new DomainError('online_payment_unavailable');
  const dueCents = await dueCentsOf(db, order);
  if (dueCents <= 0) throw new DomainError('online_payment_nothing_due');

  const payments = await listPaymentsOfOrder(db, order.id);
  const now = nowIso();
  const open = payments.findIndex((p) => p.status === 'pending' && p.provider === provider.name && p.amountCents === dueCents && addSeconds(p.createdAt, REUSE_SECONDS) > now);
  // The n-th checkout of an order has one key: two clicks at once get one session, and an
  // open one is found again at the provider (its address is not stored).
  const attempt = open >= 0 ? open : payments.length;
  const checkout = await provider.createCheckout({
    amountCents: dueCents,
    reference: order.id,
    description: t('payments.checkout_description', { code: order.collectionCode }),
    successUrl: `${config.baseUrl}/commandes/${order.id}/paiement/retour`,
    cancelUrl: `${config.baseUrl}/commandes/${order.id}/paiement/annule`,
    metadata: { order_id: order.id, collection_code: order.collectionCode },
    idempotencyKey: `conciergerie-order-${order.id}-checkout-${attempt}-${dueCents}`,
  });
  if (open < 0) {
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
      await markEnded(trx, payment.id, event.kind);
      return 'recorded';
    }
    if (await markPaid(trx, payment.id, event.paymentRef, at)) {
      const who = { accountId: null, label: t('payments.history.actor') };
      await insertEvents(trx, [eventRow(payment.orderId, who, 'online_payment', { note: t('payments.history.paid', { amount: formatEuros(payment.amountCents) }), at })]);
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
  if (payment.status === 'pending') await recordPaymentEvent(db, 'demo', demoPaidEvent(sessionId, payment.amountCents));
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
  const dueCents = order.totalCents - netPaidCents(money);
  const canPay = config.payments.provider !== 'none' && order.paymentMethod === 'online' && OPEN_ORDER_STATUSES.includes(order.status) && dueCents > 0;
  return { paidCents: money.onlineCents, canPay };
}

/** Up to `limit` online payments confirmed after `cursor`, in the order they were paid. */
export function onlinePaymentsAfter(db: Executor, cursor: FactCursor, limit: number): Promise<OnlinePaymentFact[]> {
  return listOnlinePaymentsAfter(db, cursor, limit);
}
