// All SQL of purchase orders: the part of an order for one shop.
import type { Executor } from '../db/index.ts';
import type { Selectable } from 'kysely';
import type { PurchaseOrdersTable, PurchaseOrderStorageColumns } from '../db/schema.ts';
import type { OrderStatus, PurchaseOrderStatus } from './orders.rules.ts';

export interface PurchaseOrder {
  id: string;
  orderId: string;
  shopId: string;
  status: PurchaseOrderStatus;
  totalCents: number;
  /** Departure of the collection round planned to fetch it. */
  collectionRoundAt: string;
  createdAt: string;
  updatedAt: string;
  /** Where it waits at the counter once received (« Étagère B3 »); null before. */
  storageLocation: string | null;
  chilled: boolean;
  collectedAt: string | null;
}

/** A purchase order in a merchant's list, with what the shop needs to know of its order. */
export interface PurchaseOrderSummary extends PurchaseOrder {
  collectionCode: string;
  orderStatus: OrderStatus;
}

function toPurchaseOrder(row: Selectable<PurchaseOrdersTable & PurchaseOrderStorageColumns>): PurchaseOrder {
  return {
    id: row.id,
    orderId: row.order_id,
    shopId: row.shop_id,
    status: row.status as PurchaseOrderStatus,
    totalCents: Number(row.total_cents),
    collectionRoundAt: row.collection_round_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    storageLocation: row.storage_location,
    chilled: Number(row.chilled) === 1,
    collectedAt: row.collected_at,
  };
}

export async function insertPurchaseOrders(db: Executor, rows: PurchaseOrdersTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('purchase_orders').values(rows).execute();
}

export async function findPurchaseOrder(db: Executor, id: string): Promise<PurchaseOrder | undefined> {
  const row = await db.selectFrom('purchase_orders').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPurchaseOrder(row) : undefined;
}

export async function listPurchaseOrdersOfOrders(db: Executor, orderIds: readonly string[]): Promise<PurchaseOrder[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom('purchase_orders')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .orderBy('order_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toPurchaseOrder);
}

/**
 * Sets a purchase order's status if it still has one of `from`; false when it was elsewhere
 * (someone moved it first). Only `movePurchaseOrder` calls this.
 */
export async function updatePurchaseOrderStatus(
  db: Executor,
  id: string,
  from: readonly PurchaseOrderStatus[],
  to: PurchaseOrderStatus,
  at: string,
): Promise<boolean> {
  if (from.length === 0) return false;
  const result = await db
    .updateTable('purchase_orders')
    .set({ status: to, updated_at: at })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function shopList(db: Executor, shopId: string, statuses: readonly PurchaseOrderStatus[]) {
  return db
    .selectFrom('purchase_orders')
    .innerJoin('orders', 'orders.id', 'purchase_orders.order_id')
    .where('purchase_orders.shop_id', '=', shopId)
    .where('purchase_orders.status', 'in', statuses);
}

/** A shop's purchase orders in some statuses, the next round first (or the latest first for past ones). */
export async function listShopPurchaseOrders(
  db: Executor,
  shopId: string,
  statuses: readonly PurchaseOrderStatus[],
  page: { limit: number; offset: number; newestFirst: boolean },
): Promise<PurchaseOrderSummary[]> {
  const direction = page.newestFirst ? 'desc' : 'asc';
  const rows = await shopList(db, shopId, statuses)
    .selectAll('purchase_orders')
    .select(['orders.collection_code', 'orders.status as order_status'])
    .orderBy('purchase_orders.collection_round_at', direction)
    .orderBy('purchase_orders.id', direction)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({ ...toPurchaseOrder(row), collectionCode: row.collection_code, orderStatus: row.order_status as OrderStatus }));
}

export async function countShopPurchaseOrders(db: Executor, shopId: string, statuses: readonly PurchaseOrderStatus[]): Promise<number> {
  const row = await shopList(db, shopId, statuses).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
