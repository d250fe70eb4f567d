// The money facts of the counter, read in the order they happened: the payments taken and the
// purchase orders handed over. Each list pages by (instant, id) after a cursor, so a reader
// walks any number of them in batches, one query per batch, on an index.
import type { ExpressionBuilder, ReferenceExpression } from 'kysely';
import type { Executor } from '../db/index.ts';
import type { CounterPaymentMethod } from './orders.rules.ts';

/** A point in a list ordered by (at, id): the next batch starts strictly after it. */
export interface FactCursor {
  at: string;
  id: string;
}

export interface CounterPaymentFact {
  id: string;
  orderId: string;
  memberId: string;
  collectionCode: string;
  method: CounterPaymentMethod;
  amountCents: number;
  at: string;
}

export interface HandOverFact {
  /** the purchase order's id */
  id: string;
  orderId: string;
  memberId: string;
  shopId: string;
  collectionCode: string;
  totalCents: number;
  /** the moment of the hand-over: a handed-over purchase order never moves again */
  at: string;
}

/** Rows strictly after `cursor` in the order (at, id): the predicate every fact list pages by. */
export function afterCursor<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, at: ReferenceExpression<DB, TB>, id: ReferenceExpression<DB, TB>, cursor: FactCursor) {
  return eb.or([eb(at, '>', cursor.at), eb.and([eb(at, '=', cursor.at), eb(id, '>', cursor.id)])]);
}

export async function listCounterPaymentsAfter(db: Executor, cursor: FactCursor, limit: number): Promise<CounterPaymentFact[]> {
  const rows = await db
    .selectFrom('counter_payments as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .select(['p.id', 'p.order_id', 'o.member_id', 'o.collection_code', 'p.method', 'p.amount_cents', 'p.at'])
    .where((eb) => afterCursor(eb, 'p.at', 'p.id', cursor))
    .orderBy('p.at')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    orderId: row.order_id,
    memberId: row.member_id,
    collectionCode: row.collection_code,
    method: row.method as CounterPaymentMethod,
    amountCents: Number(row.amount_cents),
    at: row.at,
  }));
}

export async function listHandOversAfter(db: Executor, cursor: FactCursor, limit: number): Promise<HandOverFact[]> {
  const rows = await db
    .selectFrom('purchase_orders as po')
    .innerJoin('orders as o', 'o.id', 'po.order_id')
    .select(['po.id', 'po.order_id', 'o.member_id', 'po.shop_id', 'o.collection_code', 'po.total_cents', 'po.updated_at'])
    .where('po.status', '=', 'handed_over')
    .where((eb) => afterCursor(eb, 'po.updated_at', 'po.id', cursor))
    .orderBy('po.updated_at')
    .orderBy('po.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    orderId: row.order_id,
    memberId: row.member_id,
    shopId: row.shop_id,
    collectionCode: row.collection_code,
    totalCents: Number(row.total_cents),
    at: row.updated_at,
  }));
}
