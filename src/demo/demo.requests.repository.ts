// What the demo's requests read back between two use cases: the quotes a round asked for,
// the order a repair or a quote became and its provider's part. Reads only.
import type { Executor } from '../db/index.ts';

export async function quotesOfRequest(db: Executor, requestId: string): Promise<Array<{ id: string; shopId: string }>> {
  const rows = await db.selectFrom('service_quotes').select(['id', 'shop_id']).where('request_id', '=', requestId).orderBy('asked_at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, shopId: row.shop_id }));
}

/** The order a repair came back with, or an accepted quote became. */
export async function orderOfRequest(db: Executor, requestId: string): Promise<string | null> {
  const item = await db.selectFrom('repair_items').select('order_id').where('request_id', '=', requestId).executeTakeFirst();
  if (item) return item.order_id;
  const quote = await db.selectFrom('service_quotes').select('order_id').where('request_id', '=', requestId).where('order_id', 'is not', null).executeTakeFirst();
  return quote?.order_id ?? null;
}

/** The order's purchase orders with their amounts: what the counter hands over. */
export async function purchaseOrdersOf(db: Executor, orderId: string): Promise<Array<{ id: string; totalCents: number }>> {
  const rows = await db.selectFrom('purchase_orders').select(['id', 'total_cents']).where('order_id', '=', orderId).execute();
  return rows.map((row) => ({ id: row.id, totalCents: Number(row.total_cents) }));
}
