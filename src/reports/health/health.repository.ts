// The SQL of the shops' health: a fixed set of grouped queries for all shops at once (never one
// query per shop), each bounded by the instant the figures are « as of ». pg returns counts and
// sums as strings: they are converted here.
import { sql } from 'kysely';
import type { Executor } from '../../db/index.ts';

/** The shops whose health is followed: member shops selling goods (providers sell services, without offers). */
export async function listFollowedShops(db: Executor, shopId?: string): Promise<Array<{ id: string; tradeName: string; joinedAt: string | null }>> {
  let query = db.selectFrom('shops').select(['id', 'trade_name', 'joined_at']).where('stage', '=', 'member').where('kind', '=', 'shop');
  if (shopId) query = query.where('id', '=', shopId);
  const rows = await query.orderBy('trade_name').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, tradeName: row.trade_name, joinedAt: row.joined_at }));
}

/** Offers per shop and availability, with the latest change of each group. */
export async function offerGroups(db: Executor, shopIds: readonly string[], at: string): Promise<Array<{ shopId: string; availability: string; count: number; lastUpdateAt: string | null }>> {
  if (shopIds.length === 0) return [];
  const rows = await db
    .selectFrom('offers')
    .select(['shop_id', 'availability', (eb) => eb.fn.countAll().as('count'), (eb) => eb.fn.max('updated_at').as('last_update_at')])
    .where('shop_id', 'in', shopIds)
    .where('created_at', '<=', at)
    .groupBy(['shop_id', 'availability'])
    .execute();
  return rows.map((row) => ({ shopId: row.shop_id, availability: row.availability, count: Number(row.count), lastUpdateAt: row.last_update_at ?? null }));
}

/** Purchase orders per shop: in the last 4 and 12 weeks, and the latest ever (cancelled ones apart). */
export async function orderCounts(db: Executor, shopIds: readonly string[], window: { at: string; since4w: string; since12w: string }) {
  if (shopIds.length === 0) return [];
  const rows = await db
    .selectFrom('purchase_orders')
    .select([
      'shop_id',
      sql<string>`sum(case when created_at >= ${window.since4w} then 1 else 0 end)`.as('orders_4w'),
      sql<string>`sum(case when created_at >= ${window.since12w} then 1 else 0 end)`.as('orders_12w'),
      (eb) => eb.fn.max('created_at').as('last_order_at'),
    ])
    .where('shop_id', 'in', shopIds)
    .where('status', '!=', 'cancelled')
    .where('created_at', '<', window.at)
    .groupBy('shop_id')
    .execute();
  return rows.map((row) => ({ shopId: row.shop_id, orders4w: Number(row.orders_4w ?? 0), orders12w: Number(row.orders_12w ?? 0), lastOrderAt: row.last_order_at ?? null }));
}

/** Lines of the last 12 weeks per shop: all, refused, and the goods sold in cents. */
export async function lineFigures(db: Executor, shopIds: readonly string[], window: { at: string; since12w: string }) {
  if (shopIds.length === 0) return [];
  const rows = await db
    .selectFrom('order_lines as l')
    .innerJoin('purchase_orders as p', 'p.id', 'l.purchase_order_id')
    .select([
      'p.shop_id',
      (eb) => eb.fn.countAll().as('lines'),
      sql<string>`sum(case when l.status = 'refused' then 1 else 0 end)`.as('refused'),
      sql<string>`sum(case when l.status = 'ordered' and p.status not in ('refused', 'cancelled', 'returned') then l.total_cents else 0 end)`.as('sales_cents'),
    ])
    .where('p.shop_id', 'in', shopIds)
    .where('p.status', '!=', 'cancelled')
    .where('p.created_at', '>=', window.since12w)
    .where('p.created_at', '<', window.at)
    .groupBy('p.shop_id')
    .execute();
  return rows.map((row) => ({ shopId: row.shop_id, lines: Number(row.lines), refused: Number(row.refused ?? 0), salesCents: Number(row.sales_cents ?? 0) }));
}

/** For each purchase order of the last 12 weeks: when it was accepted and when it was ready, from its history. */
export async function preparationTimes(db: Executor, shopIds: readonly string[], window: { at: string; since12w: string }) {
  if (shopIds.length === 0) return [];
  const rows = await db
    .selectFrom('order_events as e')
    .innerJoin('purchase_orders as p', 'p.id', 'e.purchase_order_id')
    .select([
      'p.shop_id',
      sql<string | null>`min(case when e.to_status = 'accepted' then e.at end)`.as('accepted_at'),
      sql<string | null>`min(case when e.to_status = 'ready' then e.at end)`.as('ready_at'),
    ])
    .where('p.shop_id', 'in', shopIds)
    .where('p.created_at', '>=', window.since12w)
    .where('e.at', '<', window.at)
    .where('e.to_status', 'in', ['accepted', 'ready'])
    .groupBy(['p.id', 'p.shop_id'])
    .execute();
  return rows.map((row) => ({ shopId: row.shop_id, acceptedAt: row.accepted_at, readyAt: row.ready_at }));
}
