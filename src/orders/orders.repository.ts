// All SQL of orders, their lines and their history. Purchase orders have their own file.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/index.ts';
import type { OrderCounterColumns, OrderEventsTable, OrderLinesTable, OrdersTable } from '../db/schema.ts';
import {
  OPEN_ORDER_STATUSES,
  collectionCodeFrom,
  type Channel,
  type LineStatus,
  type OrderStatus,
  type PaymentMethod,
  type RefusalReason,
} from './orders.rules.ts';

export interface Order {
  id: string;
  memberId: string;
  placedByAccountId: string | null;
  channel: Channel;
  status: OrderStatus;
  placeId: string;
  slotStartAt: string;
  slotEndAt: string;
  slotLocalDate: string;
  paymentMethod: PaymentMethod;
  collectionCode: string;
  totalCents: number;
  placedAt: string;
  updatedAt: string;
  /** When everything due reached the counter; null before. */
  readyAt: string | null;
  /** When the member was last reminded to come; null if never. */
  remindedAt: string | null;
  /** When it was handed over, cancelled or declared not collected. */
  closedAt: string | null;
}

export interface OrderLine {
  id: string;
  orderId: string;
  purchaseOrderId: string;
  shopId: string;
  /** Null for a free-text line (« à acheter pour moi »). */
  offerId: string | null;
  title: string;
  unit: string;
  quantity: number;
  unitPriceCents: number;
  vatRateBp: number;
  totalCents: number;
  /** A free-text line's price is an estimate until confirmed. */
  priceIsEstimate: boolean;
  status: LineStatus;
  refusalReason: RefusalReason | null;
  refusalNote: string | null;
  position: number;
}

/** What an event records. */
export type EventKind =
  /** the order moved from one status to another */
  | 'order_status'
  /** a purchase order moved */
  | 'purchase_order_status'
  /** a shop refused one line */
  | 'line_refused'
  /** the concierge confirmed the price of a line that was an estimate */
  | 'price_confirmed'
  /** at the counter: a payment taken, a reminder sent, goods sent back (the note says what) */
  | 'counter'
  /** a payment received online (the note says how much) */
  | 'online_payment';

export interface OrderEvent {
  id: string;
  orderId: string;
  purchaseOrderId: string | null;
  accountId: string | null;
  actorLabel: string;
  kind: EventKind;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
  at: string;
}

export function toOrder(row: OrdersTable & OrderCounterColumns): Order {
  return {
    id: row.id,
    memberId: row.member_id,
    placedByAccountId: row.placed_by_account_id,
    channel: row.channel as Channel,
    status: row.status as OrderStatus,
    placeId: row.place_id,
    slotStartAt: row.slot_start_at,
    slotEndAt: row.slot_end_at,
    slotLocalDate: row.slot_local_date,
    paymentMethod: row.payment_method as PaymentMethod,
    collectionCode: row.collection_code,
    totalCents: Number(row.total_cents),
    placedAt: row.placed_at,
    updatedAt: row.updated_at,
    readyAt: row.ready_at,
    remindedAt: row.reminded_at,
    closedAt: row.closed_at,
  };
}

export function toLine(row: OrderLinesTable): OrderLine {
  return {
    id: row.id,
    orderId: row.order_id,
    purchaseOrderId: row.purchase_order_id,
    shopId: row.shop_id,
    offerId: row.offer_id,
    title: row.title,
    unit: row.unit,
    quantity: Number(row.quantity),
    unitPriceCents: Number(row.unit_price_cents),
    vatRateBp: Number(row.vat_rate_bp),
    totalCents: Number(row.total_cents),
    priceIsEstimate: Number(row.price_is_estimate) === 1,
    status: row.status as LineStatus,
    refusalReason: row.refusal_reason as RefusalReason | null,
    refusalNote: row.refusal_note,
    position: Number(row.position),
  };
}

function toEvent(row: OrderEventsTable): OrderEvent {
  return {
    id: row.id,
    orderId: row.order_id,
    purchaseOrderId: row.purchase_order_id,
    accountId: row.account_id,
    actorLabel: row.actor_label,
    kind: row.kind as EventKind,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    note: row.note,
    at: row.at,
  };
}

// ---- writing ----

export async function insertOrder(db: Executor, row: OrdersTable): Promise<void> {
  await db.insertInto('orders').values(row).execute();
}

export async function insertOrderLines(db: Executor, rows: OrderLinesTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('order_lines').values(rows).execute();
}

export async function insertEvents(db: Executor, rows: OrderEventsTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('order_events').values(rows).execute();
}

/** A code no open order uses; a clash is rare (over 100 million codes), so this loops once. */
export async function newCollectionCode(db: Executor): Promise<string> {
  for (;;) {
    const code = collectionCodeFrom(randomBytes(8));
    if (!(await codeInUse(db, code))) return code;
  }
}

/** Whether an open order already uses this collection code. */
export async function codeInUse(db: Executor, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('collection_code', '=', code)
    .where('status', 'in', OPEN_ORDER_STATUSES)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes the order's row lock for the rest of the transaction (a write both dialects
 * accept): every change to an order or its purchase orders starts here, so concurrent
 * changes queue up in one order and never deadlock. False when there is no such order.
 */
export async function lockOrder(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('orders').set({ updated_at: at }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Statuses after which nothing more happens to an order. */
const CLOSED_STATUSES: readonly OrderStatus[] = ['handed_over', 'cancelled', 'not_collected'];

/**
 * Sets the order's status if it still has one of `from` (of two concurrent moves, one wins),
 * stamping when it became ready or closed. Only `moveOrder` calls this: it checks the
 * transition table and writes the history.
 */
export async function updateOrderStatus(db: Executor, id: string, from: readonly OrderStatus[], to: OrderStatus, at: string): Promise<boolean> {
  if (from.length === 0) return false;
  const stamps = { ...(to === 'ready' ? { ready_at: at } : {}), ...(CLOSED_STATUSES.includes(to) ? { closed_at: at } : {}) };
  const result = await db
    .updateTable('orders')
    .set({ status: to, updated_at: at, ...stamps })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Why a shop refused a line, kept on the line. */
export interface LineRefusal {
  reason: RefusalReason;
  note: string | null;
}

/**
 * Sets a line's status if it still has one of `from` and belongs to this purchase order;
 * false otherwise. Only `moveOrderLine` calls this.
 */
export async function updateLineStatus(
  db: Executor,
  line: { id: string; purchaseOrderId: string },
  from: readonly LineStatus[],
  to: LineStatus,
  refusal: LineRefusal | undefined,
): Promise<boolean> {
  if (from.length === 0) return false;
  const result = await db
    .updateTable('order_lines')
    .set({ status: to, ...(refusal ? { refusal_reason: refusal.reason, refusal_note: refusal.note } : {}) })
    .where('id', '=', line.id)
    .where('purchase_order_id', '=', line.purchaseOrderId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Sets the confirmed price of a line whose price is still an estimate, while it is ordered
 * and its purchase order has not reached the member (nor been dropped); false otherwise.
 */
export async function confirmEstimatedPrice(db: Executor, lineId: string, orderId: string, price: { unitPriceCents: number; totalCents: number }): Promise<boolean> {
  const result = await db
    .updateTable('order_lines')
    .set({ unit_price_cents: price.unitPriceCents, total_cents: price.totalCents, price_is_estimate: 0 })
    .where('id', '=', lineId)
    .where('order_id', '=', orderId)
    .where('price_is_estimate', '=', 1)
    .where('status', '=', 'ordered')
    .where('purchase_order_id', 'in', (eb) =>
      eb.selectFrom('purchase_orders').select('id').where('order_id', '=', orderId).where('status', 'in', ['sent', 'accepted', 'ready', 'collected']),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Recomputes the totals of the order and of its purchase orders from the lines still ordered. */
export async function recomputeTotals(db: Executor, orderId: string): Promise<void> {
  await db
    .updateTable('purchase_orders')
    .set({
      total_cents: sql<number>`(select coalesce(sum(l.total_cents), 0) from order_lines l where l.purchase_order_id = purchase_orders.id and l.status = 'ordered')`,
    })
    .where('order_id', '=', orderId)
    .execute();
  await db
    .updateTable('orders')
    .set({ total_cents: sql<number>`(select coalesce(sum(l.total_cents), 0) from order_lines l where l.order_id = ${orderId} and l.status = 'ordered')` })
    .where('id', '=', orderId)
    .execute();
}

// ---- reading ----

export async function findOrder(db: Executor, id: string): Promise<Order | undefined> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrder(row) : undefined;
}

export async function listLinesOfOrders(db: Executor, orderIds: readonly string[]): Promise<OrderLine[]> {
  if (orderIds.length === 0) return [];
  const rows = await db.selectFrom('order_lines').selectAll().where('order_id', 'in', orderIds).orderBy('order_id').orderBy('position').execute();
  return rows.map(toLine);
}

export async function listLinesOfPurchaseOrder(db: Executor, purchaseOrderId: string): Promise<OrderLine[]> {
  const rows = await db.selectFrom('order_lines').selectAll().where('purchase_order_id', '=', purchaseOrderId).orderBy('position').execute();
  return rows.map(toLine);
}

export async function listEvents(db: Executor, orderId: string): Promise<OrderEvent[]> {
  const rows = await db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('at').orderBy('id').execute();
  return rows.map(toEvent);
}

export interface OrderFilter {
  memberId?: string;
  status?: OrderStatus;
}

function filtered(db: Executor, filter: OrderFilter) {
  let query = db.selectFrom('orders');
  if (filter.memberId) query = query.where('member_id', '=', filter.memberId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query;
}

/** Newest first. */
export async function listOrders(db: Executor, filter: OrderFilter & { limit: number; offset: number }): Promise<Order[]> {
  const rows = await filtered(db, filter).selectAll().orderBy('placed_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
  return rows.map(toOrder);
}

export async function countOrders(db: Executor, filter: OrderFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
