// SQL of the counter: finding open orders by code or member, the orders waiting too long for
// their member, and the reminder stamp. The payments taken at the counter are money facts.
import type { Executor } from '../../db/index.ts';
import { toOrder, type Order } from '../orders.repository.ts';
import { OPEN_ORDER_STATUSES, WAITING_ORDER_STATUSES } from '../orders.rules.ts';

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

/** Open orders whose slot falls on a local date at these places, by slot (index orders_place_slot_idx). */
export async function listOpenOrdersOn(db: Executor, placeIds: readonly string[], localDate: string, limit: number): Promise<Order[]> {
  if (placeIds.length === 0) return [];
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .where('place_id', 'in', placeIds)
    .where('slot_local_date', '=', localDate)
    .where('status', 'in', OPEN_ORDER_STATUSES)
    .orderBy('slot_start_at')
    .orderBy('collection_code')
    .limit(limit)
    .execute();
  return rows.map(toOrder);
}

/** Open orders whose slot was on an earlier local date (few: the status index finds open orders). */
function openBefore(db: Executor, placeIds: readonly string[], localDate: string) {
  return db.selectFrom('orders').where('status', 'in', OPEN_ORDER_STATUSES).where('place_id', 'in', placeIds).where('slot_local_date', '<', localDate);
}

/** The most recent slot first: who missed lunch yesterday is likelier to come than who forgot last month. */
export async function listOpenOrdersBefore(db: Executor, placeIds: readonly string[], localDate: string, limit: number): Promise<Order[]> {
  if (placeIds.length === 0) return [];
  const rows = await openBefore(db, placeIds, localDate).selectAll().orderBy('slot_start_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(toOrder);
}

export async function countOpenOrdersBefore(db: Executor, placeIds: readonly string[], localDate: string): Promise<number> {
  if (placeIds.length === 0) return 0;
  const row = await openBefore(db, placeIds, localDate).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
