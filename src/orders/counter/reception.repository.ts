// All SQL of the concierge's day on the orders side: purchase orders the collection round
// fetches, their pick lists, what waits at the counter, who is expected in a day's slots and
// what is late. Each list is one query (lines: one more, `where in`), never one per row.
import type { Executor } from '../../db/index.ts';
import type { OrderStatus, PurchaseOrderStatus } from '../orders.rules.ts';

/** A purchase order as the round and the counter see it: its shop, its order's code and member. */
export interface RoundPurchaseOrder {
  id: string;
  orderId: string;
  shopId: string;
  status: PurchaseOrderStatus;
  totalCents: number;
  collectionRoundAt: string;
  storageLocation: string | null;
  chilled: boolean;
  collectedAt: string | null;
  collectionCode: string;
  orderStatus: OrderStatus;
  memberId: string;
  placeId: string;
  slotStartAt: string;
  slotEndAt: string;
}

/** One line of a pick list. */
export interface PickLine {
  purchaseOrderId: string;
  title: string;
  unit: string;
  quantity: number;
}

/** An order expected at a collection point, as the counter follows it. */
export interface ExpectedOrder {
  id: string;
  memberId: string;
  placeId: string;
  status: OrderStatus;
  collectionCode: string;
  slotStartAt: string;
  slotEndAt: string;
  totalCents: number;
}

/** Purchase orders still at the shops: the round has to come by. */
export const AT_SHOP: readonly PurchaseOrderStatus[] = ['sent', 'accepted', 'ready'];
/** Not yet ready at the shop. */
const NOT_READY: readonly PurchaseOrderStatus[] = ['sent', 'accepted'];
/** Orders the member has not finished collecting. */
const NOT_HANDED_OVER: readonly OrderStatus[] = ['placed', 'preparing', 'ready', 'partially_handed_over'];

function purchaseOrdersWithOrder(db: Executor) {
  return db
    .selectFrom('purchase_orders')
    .innerJoin('orders', 'orders.id', 'purchase_orders.order_id')
    .select([
      'purchase_orders.id',
      'purchase_orders.order_id',
      'purchase_orders.shop_id',
      'purchase_orders.status',
      'purchase_orders.total_cents',
      'purchase_orders.collection_round_at',
      'purchase_orders.storage_location',
      'purchase_orders.chilled',
      'purchase_orders.collected_at',
      'orders.collection_code',
      'orders.status as order_status',
      'orders.member_id',
      'orders.place_id',
      'orders.slot_start_at',
      'orders.slot_end_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof purchaseOrdersWithOrder>['execute']>>[number];

function toRoundPurchaseOrder(row: Row): RoundPurchaseOrder {
  return {
    id: row.id,
    orderId: row.order_id,
    shopId: row.shop_id,
    status: row.status as PurchaseOrderStatus,
    totalCents: Number(row.total_cents),
    collectionRoundAt: row.collection_round_at,
    storageLocation: row.storage_location,
    chilled: Number(row.chilled) === 1,
    collectedAt: row.collected_at,
    collectionCode: row.collection_code,
    orderStatus: row.order_status as OrderStatus,
    memberId: row.member_id,
    placeId: row.place_id,
    slotStartAt: row.slot_start_at,
    slotEndAt: row.slot_end_at,
  };
}

/** Purchase orders still at the shops whose round leaves before `beforeAt` (late ones included), oldest round first. */
export async function listRoundPurchaseOrders(db: Executor, beforeAt: string, limit: number): Promise<RoundPurchaseOrder[]> {
  const rows = await purchaseOrdersWithOrder(db)
    .where('purchase_orders.status', 'in', AT_SHOP)
    .where('purchase_orders.collection_round_at', '<', beforeAt)
    .orderBy('purchase_orders.collection_round_at')
    .orderBy('purchase_orders.id')
    .limit(limit)
    .execute();
  return rows.map(toRoundPurchaseOrder);
}

/** The lines still ordered of these purchase orders, in their order. */
export async function listPickLines(db: Executor, purchaseOrderIds: readonly string[]): Promise<PickLine[]> {
  if (purchaseOrderIds.length === 0) return [];
  const rows = await db
    .selectFrom('order_lines')
    .select(['purchase_order_id', 'title', 'unit', 'quantity'])
    .where('purchase_order_id', 'in', purchaseOrderIds)
    .where('status', '=', 'ordered')
    .orderBy('purchase_order_id')
    .orderBy('position')
    .execute();
  return rows.map((row) => ({ purchaseOrderId: row.purchase_order_id, title: row.title, unit: row.unit, quantity: Number(row.quantity) }));
}

/** Received purchase orders still waiting at the counter, by storage place. */
export async function listAtCounter(db: Executor, limit: number): Promise<RoundPurchaseOrder[]> {
  const rows = await purchaseOrdersWithOrder(db)
    .where('purchase_orders.status', '=', 'collected')
    .orderBy('purchase_orders.storage_location')
    .orderBy('purchase_orders.collected_at')
    .orderBy('purchase_orders.id')
    .limit(limit)
    .execute();
  return rows.map(toRoundPurchaseOrder);
}

export async function countAtCounter(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('purchase_orders')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('status', '=', 'collected')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Purchase orders whose round has left while the shop had not marked them ready. */
export async function listLatePurchaseOrders(db: Executor, nowAt: string, limit: number): Promise<RoundPurchaseOrder[]> {
  const rows = await purchaseOrdersWithOrder(db)
    .where('purchase_orders.status', 'in', NOT_READY)
    .where('purchase_orders.collection_round_at', '<', nowAt)
    .orderBy('purchase_orders.collection_round_at')
    .orderBy('purchase_orders.id')
    .limit(limit)
    .execute();
  return rows.map(toRoundPurchaseOrder);
}

function orderColumns(db: Executor) {
  return db
    .selectFrom('orders')
    .select(['id', 'member_id', 'place_id', 'status', 'collection_code', 'slot_start_at', 'slot_end_at', 'total_cents']);
}

function toExpected(row: Awaited<ReturnType<ReturnType<typeof orderColumns>['execute']>>[number]): ExpectedOrder {
  return {
    id: row.id,
    memberId: row.member_id,
    placeId: row.place_id,
    status: row.status as OrderStatus,
    collectionCode: row.collection_code,
    slotStartAt: row.slot_start_at,
    slotEndAt: row.slot_end_at,
    totalCents: Number(row.total_cents),
  };
}

/**
 * Orders whose slot falls on a local date at these places (cancelled ones left out), by slot.
 * Filtering on the places lets the (place, local date, slot) index answer.
 */
export async function listExpectedOn(db: Executor, placeIds: readonly string[], localDate: string, limit: number): Promise<ExpectedOrder[]> {
  if (placeIds.length === 0) return [];
  const rows = await orderColumns(db)
    .where('place_id', 'in', placeIds)
    .where('slot_local_date', '=', localDate)
    .where('status', '!=', 'cancelled')
    .orderBy('slot_start_at')
    .orderBy('collection_code')
    .limit(limit)
    .execute();
  return rows.map(toExpected);
}

/** Orders whose slot has ended and that the member has not (fully) collected, the oldest first. */
export async function listOverdueOrders(db: Executor, nowAt: string, limit: number): Promise<ExpectedOrder[]> {
  const rows = await orderColumns(db)
    .where('status', 'in', NOT_HANDED_OVER)
    .where('slot_end_at', '<', nowAt)
    .orderBy('slot_end_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toExpected);
}

/**
 * Writes where a received purchase order is stored, once: only a collected purchase order
 * not yet stamped, so a second clerk never overwrites the first one's shelf.
 */
export async function storeReceived(db: Executor, id: string, storageLocation: string, chilled: boolean, at: string): Promise<boolean> {
  const result = await db
    .updateTable('purchase_orders')
    .set({ storage_location: storageLocation, chilled: chilled ? 1 : 0, collected_at: at, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'collected')
    .where('collected_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The rest of an order taken in part is now all at the counter: the wait (and the reminder)
 * counts from now, as if the order had just become ready.
 */
export async function markRestReady(db: Executor, orderId: string, at: string): Promise<void> {
  await db
    .updateTable('orders')
    .set({ ready_at: at, reminded_at: null, updated_at: at })
    .where('id', '=', orderId)
    .where('status', '=', 'partially_handed_over')
    .execute();
}

/** What the member already paid at the counter for an order (a part taken earlier). */
export async function paidAtCounterCents(db: Executor, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('counter_payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('paid'))
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  return Number(row.paid);
}

/** Where an order goes beyond its place: « home » and « workplace » are delivered, the address typed for a home. */
export async function findDestinationKind(db: Executor, orderId: string): Promise<{ kind: string; deliveryAddress: string | null }> {
  const row = await db.selectFrom('orders').select(['destination_kind', 'delivery_address']).where('id', '=', orderId).executeTakeFirstOrThrow();
  return { kind: row.destination_kind, deliveryAddress: row.delivery_address };
}
