// The SQL of online payments: one row per provider checkout session, the provider's events
// kept by id so a resent event changes nothing, and the payments confirmed, read in the order
// they were paid for the ledger.
import type { Executor } from '../../db/index.ts';
import type { OnlinePaymentsTable } from '../../db/schema.ts';
import { movableFrom } from '../../platform/transitions.ts';
import { afterCursor, type FactCursor } from './money.repository.ts';
import { ONLINE_PAYMENT_TRANSITIONS, type OnlinePaymentStatus } from '../orders.rules.ts';

export interface OnlinePayment {
  id: string;
  orderId: string;
  provider: string;
  sessionId: string;
  paymentRef: string | null;
  amountCents: number;
  status: OnlinePaymentStatus;
  createdAt: string;
  paidAt: string | null;
}

function toPayment(row: OnlinePaymentsTable): OnlinePayment {
  return {
    id: row.id,
    orderId: row.order_id,
    provider: row.provider,
    sessionId: row.provider_session_id,
    paymentRef: row.provider_payment_id,
    amountCents: Number(row.amount_cents),
    status: row.status as OnlinePaymentStatus,
    createdAt: row.created_at,
    paidAt: row.paid_at,
  };
}

/** Every online payment of an order, oldest first. */
export async function listPaymentsOfOrder(db: Executor, orderId: string): Promise<OnlinePayment[]> {
  const rows = await db.selectFrom('online_payments').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toPayment);
}

export async function findPaymentBySession(db: Executor, provider: string, sessionId: string): Promise<OnlinePayment | undefined> {
  const row = await db.selectFrom('online_payments').selectAll().where('provider_session_id', '=', sessionId).where('provider', '=', provider).executeTakeFirst();
  return row ? toPayment(row) : undefined;
}

/** Stores a new checkout; a session already stored (the same checkout opened twice at once) is left as it is. */
export async function insertPayment(db: Executor, row: OnlinePaymentsTable): Promise<void> {
  await db.insertInto('online_payments').values(row).onConflict((oc) => oc.column('provider_session_id').doNothing()).execute();
}

/** Keeps a provider's event; false when it was already received. */
export async function recordEvent(db: Executor, provider: string, eventId: string, kind: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('payment_events')
    .values({ provider, event_id: eventId, kind, received_at: at })
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * The one move of an online payment: to `to` from any status its table lets move there
 * (→ paid also from failed or expired: the provider says the money moved, and money that
 * moved is always recorded; → failed or expired only from pending). Once: of two deliveries
 * of the same news, one moves it. A payment becoming paid is stamped with the instant and the
 * provider's reference. False when nothing moved.
 */
export async function moveOnlinePayment(db: Executor, id: string, to: OnlinePaymentStatus, at: string, paymentRef: string | null = null): Promise<boolean> {
  const from = movableFrom(ONLINE_PAYMENT_TRANSITIONS, to);
  if (from.length === 0) return false;
  const result = await db
    .updateTable('online_payments')
    .set({ status: to, ...(to === 'paid' ? { paid_at: at, provider_payment_id: paymentRef } : {}) })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface OnlinePaymentFact {
  id: string;
  orderId: string;
  memberId: string;
  collectionCode: string;
  amountCents: number;
  /** when the provider confirmed it */
  at: string;
}

function paidOnline(db: Executor) {
  return db
    .selectFrom('online_payments as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .select(['p.id', 'p.order_id', 'o.member_id', 'o.collection_code', 'p.amount_cents', 'p.paid_at'])
    .where('p.status', '=', 'paid');
}

function toOnlinePaymentFact(row: { id: string; order_id: string; member_id: string; collection_code: string; amount_cents: number; paid_at: string | null }): OnlinePaymentFact {
  return {
    id: row.id,
    orderId: row.order_id,
    memberId: row.member_id,
    collectionCode: row.collection_code,
    amountCents: Number(row.amount_cents),
    at: row.paid_at!,
  };
}

/** Payments confirmed after `cursor`, by (paid_at, id), on the (status, paid_at, id) index. */
export async function listOnlinePaymentsAfter(db: Executor, cursor: FactCursor, limit: number): Promise<OnlinePaymentFact[]> {
  const rows = await paidOnline(db)
    .where((eb) => afterCursor(eb, 'p.paid_at', 'p.id', cursor))
    .orderBy('p.paid_at')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map(toOnlinePaymentFact);
}

/** These online payments, if confirmed, in the order they were paid. */
export async function listOnlinePaymentsByIds(db: Executor, ids: readonly string[]): Promise<OnlinePaymentFact[]> {
  if (ids.length === 0) return [];
  const rows = await paidOnline(db).where('p.id', 'in', ids).orderBy('p.paid_at').orderBy('p.id').execute();
  return rows.map(toOnlinePaymentFact);
}
