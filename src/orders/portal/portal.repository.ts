// SQL of the merchant's pages: the lines of a page of purchase orders in one query, and the
// earliest collection round planned for a shop.
import type { Executor } from '../../db/index.ts';
import { toLine, type OrderLine } from '../orders.repository.ts';
import type { PurchaseOrderStatus } from '../orders.rules.ts';

/** The lines of these purchase orders, each purchase order's in its order. */
export async function listLinesOfPurchaseOrders(db: Executor, purchaseOrderIds: readonly string[]): Promise<Map<string, OrderLine[]>> {
  const byPurchaseOrder = new Map<string, OrderLine[]>();
  if (purchaseOrderIds.length === 0) return byPurchaseOrder;
  const rows = await db
    .selectFrom('order_lines')
    .selectAll()
    .where('purchase_order_id', 'in', purchaseOrderIds)
    .orderBy('purchase_order_id')
    .orderBy('position')
    .execute();
  for (const line of rows.map(toLine)) {
    if (!line.purchaseOrderId) continue;
    const list = byPurchaseOrder.get(line.purchaseOrderId) ?? [];
    list.push(line);
    byPurchaseOrder.set(line.purchaseOrderId, list);
  }
  return byPurchaseOrder;
}

/**
 * The earliest round planned for one of the shop's purchase orders in these statuses;
 * undefined when none. Each round was chosen at checkout from the round times and the shop's
 * hours (orders.timing.ts); one in the past means a round went by without that order.
 */
export async function earliestCollectionRoundAt(db: Executor, shopId: string, statuses: readonly PurchaseOrderStatus[]): Promise<string | undefined> {
  const row = await db
    .selectFrom('purchase_orders')
    .select((eb) => eb.fn.min('collection_round_at').as('earliest'))
    .where('shop_id', '=', shopId)
    .where('status', 'in', statuses)
    .executeTakeFirst();
  return row?.earliest ?? undefined;
}
