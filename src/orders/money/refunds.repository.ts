// SQL of refunds and of the online payments they draw on: the refunds of an order, writing
// them, and the refunds in the order they were made for the ledger.
import type { Executor } from '../../db/index.ts';
import type { RefundsTable } from '../../db/schema.ts';
import { afterCursor, type FactCursor } from './money.repository.ts';
import type { RefundMethod } from './refunds.rules.ts';

export interface Refund {
  id: string;
  orderId: string;
  orderLineId: string | null;
  shopId: string | null;
  method: RefundMethod;
  onlinePaymentId: string | null;
  amountCents: number;
  reason: string;
  actorLabel: string;
  at: string;
}

export interface PaidOnline {
  id: string;
  providerPaymentId: string | null;
  amountCents: number;
}

/** A refund as the ledger reads it. */
export interface RefundFact {
  id: string;
  orderId: string;
  memberId: string;
  shopId: string | null;
  method: RefundMethod;
  amountCents: number;
  collectionCode: string;
  at: string;
}

function toRefund(row: RefundsTable): Refund {
  return {
    id: row.id,
    orderId: row.order_id,
    orderLineId: row.order_line_id,
    shopId: row.shop_id,
    method: row.method as RefundMethod,
    onlinePaymentId: row.online_payment_id,
    amountCents: Number(row.amount_cents),
    reason: row.reason,
    actorLabel: row.actor_label,
    at: row.at,
  };
}

export async function listRefundsOfOrder(db: Executor, orderId: string): Promise<Refund[]> {
  const rows = await db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).orderBy('at').orderBy('id').execute();
  return rows.map(toRefund);
}

export async function insertRefunds(db: Executor, rows: RefundsTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('refunds').values(rows).execute();
}

/** Online payments of an order confirmed by the provider. */
export async function listPaidOnline(db: Executor, orderId: string): Promise<PaidOnline[]> {
  const rows = await db
    .selectFrom('online_payments')
    .select(['id', 'provider_payment_id', 'amount_cents'])
    .where('order_id', '=', orderId)
    .where('status', '=', 'paid')
    .orderBy('paid_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, providerPaymentId: row.provider_payment_id, amountCents: Number(row.amount_cents) }));
}

function refundFacts(db: Executor) {
  return db
    .selectFrom('refunds as r')
    .innerJoin('orders as o', 'o.id', 'r.order_id')
    .select(['r.id', 'r.order_id', 'o.member_id', 'r.shop_id', 'r.method', 'r.amount_cents', 'o.collection_code', 'r.at']);
}

function toRefundFact(row: { id: string; order_id: string; member_id: string; shop_id: string | null; method: string; amount_cents: number; collection_code: string; at: string }): RefundFact {
  return {
    id: row.id,
    orderId: row.order_id,
    memberId: row.member_id,
    shopId: row.shop_id,
    method: row.method as RefundMethod,
    amountCents: Number(row.amount_cents),
    collectionCode: row.collection_code,
    at: row.at,
  };
}

/** Up to `limit` refunds after `cursor`, in the order they were made (index refunds_at_idx). */
export async function listRefundsAfter(db: Executor, cursor: FactCursor, limit: number): Promise<RefundFact[]> {
  const rows = await refundFacts(db)
    .where((eb) => afterCursor(eb, 'r.at', 'r.id', cursor))
    .orderBy('r.at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return rows.map(toRefundFact);
}

/** These refunds, in the order they were made. */
export async function listRefundsByIds(db: Executor, ids: readonly string[]): Promise<RefundFact[]> {
  if (ids.length === 0) return [];
  const rows = await refundFacts(db).where('r.id', 'in', ids).orderBy('r.at').orderBy('r.id').execute();
  return rows.map(toRefundFact);
}
