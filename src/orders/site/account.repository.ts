// The resident's orders in the order they matter to them: those still to collect by their
// slot, soonest first; the others by the day they ended (collected, cancelled, not
// collected), latest first.
import { sql } from 'kysely';
import type { Executor } from '../../db/index.ts';
import { toOrder, type Order } from '../orders.repository.ts';
import { OPEN_ORDER_STATUSES } from '../orders.rules.ts';

/** Every order of the member still to collect, the soonest slot first (a member has few at once). */
export async function listUpcomingOrdersOfMember(db: Executor, memberId: string): Promise<Order[]> {
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('status', 'in', OPEN_ORDER_STATUSES)
    .orderBy('slot_start_at')
    .orderBy('id')
    .execute();
  return rows.map(toOrder);
}

export async function countPastOrdersOfMember(db: Executor, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('member_id', '=', memberId)
    .where('status', 'not in', OPEN_ORDER_STATUSES)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One page of the member's finished orders, the latest ended first. */
export async function listPastOrdersOfMember(db: Executor, memberId: string, page: { limit: number; offset: number }): Promise<Order[]> {
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('status', 'not in', OPEN_ORDER_STATUSES)
    .orderBy(sql`coalesce(closed_at, slot_start_at)`, 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toOrder);
}

/** Where an order goes (0026's columns, which the shared Order does not carry). */
export async function findDestinationColumns(db: Executor, orderId: string): Promise<{ kind: string; deliveryAddress: string | null } | undefined> {
  const row = await db.selectFrom('orders').select(['destination_kind', 'delivery_address']).where('id', '=', orderId).executeTakeFirst();
  return row ? { kind: row.destination_kind, deliveryAddress: row.delivery_address } : undefined;
}
