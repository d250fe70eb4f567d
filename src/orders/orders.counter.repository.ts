// SQL of the counter: finding open orders by code or member, the payments taken at the
// counter, the orders waiting too long for their member, and the reminder stamp.
import type { Executor } from '../db/index.ts';
import type { CounterPaymentsTable } from '../db/schema.ts';
import { toOrder, type Order } from './orders.repository.ts';
import { OPEN_ORDER_STATUSES, WAITING_ORDER_STATUSES, type CounterPaymentMethod } from './orders.rules.ts';

export interface CounterPayment {
  id: string;
  orderId: string;
  method: CounterPaymentMethod;
  amountCents: number;
  accountId: string | null;
  actorLabel: string;
  at: string;
}

function toPayment(row: CounterPaymentsTable): CounterPayment {
  return {
    id: row.id,
    orderId: row.order_id,
    method: row.method as CounterPaymentMethod,
    amountCents: Number(row.amount_cents),
    accountId: row.account_id,
    actorLabel: row.actor_label,
    at: row.at,
  };
}

/** Open orders with this collection code (one, unless codes were reused by mistake). */
export async function findOpenOrdersByCode(db: Executor, code: string): Promise<Order[]> {
  const rows = await db.selectFrom('orders').selectAll().where('collection_code', '=', code).where('status', 'in', OPEN_ORDER_STATUSES).limit(10).execute();
  return rows.map(toOrder);
}

/** Open orders of some members, the soonest slot first. */
export async function listOpenOrdersOfMembers(db: Executor, memberIds: readonly string[], limit: number): Promise<Order[]> {
  if (memberIds.length === 0) return [];
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .where('member_id', 'in', memberIds)
    .where('status', 'in', OPEN_ORDER_STATUSES)
    .orderBy('slot_start_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toOrder);
}

export async function insertCounterPayment(db: Executor, row: CounterPaymentsTable): Promise<void> {
  await db.insertInto('counter_payments').values(row).execute();
}

export async function listCounterPayments(db: Executor, orderId: string): Promise<CounterPayment[]> {
  const rows = await db.selectFrom('counter_payments').selectAll().where('order_id', '=', orderId).orderBy('at').orderBy('id').execute();
  return rows.map(toPayment);
}

/** Orders waiting for their member since before `readyBefore` (index orders_status_ready_idx). */
function waiting(db: Executor, readyBefore: string) {
  return db.selectFrom('orders').where('status', 'in', WAITING_ORDER_STATUSES).where('ready_at', '<=', readyBefore);
}

/** The oldest first. */
export async function listWaitingOrders(db: Executor, readyBefore: string, page: { limit: number; offset: number }): Promise<Order[]> {
  const rows = await waiting(db, readyBefore).selectAll().orderBy('ready_at').orderBy('id').limit(page.limit).offset(page.offset).execute();
  return rows.map(toOrder);
}

export async function countWaitingOrders(db: Executor, readyBefore: string): Promise<number> {
  const row = await waiting(db, readyBefore).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Orders waiting since before `readyBefore` whose member was not reminded yet, the oldest first. */
export async function listOrdersToRemind(db: Executor, readyBefore: string, limit: number): Promise<Order[]> {
  const rows = await waiting(db, readyBefore).selectAll().where('reminded_at', 'is', null).orderBy('ready_at').orderBy('id').limit(limit).execute();
  return rows.map(toOrder);
}

/** Stamps the reminder unless someone else did: of two processes, one sends it. */
export async function markReminded(db: Executor, orderId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('orders')
    .set({ reminded_at: at })
    .where('id', '=', orderId)
    .where('reminded_at', 'is', null)
    .where('status', 'in', WAITING_ORDER_STATUSES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
