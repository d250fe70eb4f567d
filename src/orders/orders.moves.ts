// Status moves of orders, purchase orders and lines: one function per entity, the only one
// that changes its status. Each takes the instant of the move (a caller making several moves
// at once passes one instant to all, so the history groups them), checks the transition
// table, moves the row by a conditional update (only from the status read, so of two clerks
// moving the same thing one wins) and writes the move to the order's history with who made
// it, in the caller's transaction. Callers take the order's lock first (`lockOrder`), so moves
// of one order never interleave. (An online payment's status has its own move,
// `moveOnlinePayment`; it has no history of its own.)
import type { Executor } from '../db/index.ts';
import type { OrderEventsTable } from '../db/schema.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { movableFrom } from '../platform/transitions.ts';
import type { Actor } from '../platform/actor.ts';
import { listPurchaseOrdersOfOrders, updatePurchaseOrderStatus, type PurchaseOrder } from './orders.purchase-orders.repository.ts';
import {
  findOrder,
  insertEvents,
  lockOrder,
  updateLineStatus,
  updateOrderStatus,
  type EventKind,
  type LineRefusal,
  type Order,
  type OrderLine,
} from './orders.repository.ts';
import {
  LINE_TRANSITIONS,
  ORDER_TRANSITIONS,
  PURCHASE_ORDER_TRANSITIONS,
  orderStatusFor,
  type LineStatus,
  type OrderStatus,
  type PurchaseOrderStatus,
} from './orders.rules.ts';

let lastEventId = '';

/**
 * Event ids that increase within the process: the history is read in (at, id) order, and
 * the events of one change are often written in the same millisecond.
 */
function nextEventId(): string {
  let id = newId();
  if (id <= lastEventId) {
    const next = (BigInt(`0x${lastEventId.replace(/-/g, '')}`) + 1n).toString(16).padStart(32, '0');
    id = `${next.slice(0, 8)}-${next.slice(8, 12)}-${next.slice(12, 16)}-${next.slice(16, 20)}-${next.slice(20)}`;
  }
  lastEventId = id;
  return id;
}

export function eventRow(
  orderId: string,
  actor: Actor,
  kind: EventKind,
  fields: { purchaseOrderId?: string; from?: string | null; to?: string | null; note?: string; at?: string },
): OrderEventsTable {
  return {
    id: nextEventId(),
    order_id: orderId,
    purchase_order_id: fields.purchaseOrderId ?? null,
    account_id: actor.accountId,
    actor_label: actor.label,
    kind,
    from_status: fields.from ?? null,
    to_status: fields.to ?? null,
    note: fields.note ?? '',
    at: fields.at ?? nowIso(),
  };
}

/** Locks the order for the transaction and reads it as it now stands; undefined when missing. */
export async function lockAndRead(trx: Executor, orderId: string): Promise<Order | undefined> {
  if (!(await lockOrder(trx, orderId, nowIso()))) return undefined;
  return findOrder(trx, orderId);
}

/** When a move happens (now, unless the caller moves several things at one instant) and what the history adds to it. */
export interface MoveOptions {
  at?: string;
  note?: string;
}

/** The one move of an order's status; refused (`order_status_changed`) when the table forbids it or someone moved the order first. */
export async function moveOrder(trx: Executor, order: Pick<Order, 'id' | 'status'>, to: OrderStatus, actor: Actor, options: MoveOptions = {}): Promise<void> {
  const { at = nowIso(), note = '' } = options;
  if (!(await updateOrderStatus(trx, order.id, movableFrom(ORDER_TRANSITIONS, to, order.status), to, at))) {
    throw new DomainError('order_status_changed');
  }
  await insertEvents(trx, [eventRow(order.id, actor, 'order_status', { from: order.status, to, note, at })]);
}

/** The one move of a purchase order's status; refused (`purchase_order_status_changed`) when the table forbids it or someone moved it first. */
export async function movePurchaseOrder(
  trx: Executor,
  purchaseOrder: Pick<PurchaseOrder, 'id' | 'orderId' | 'status'>,
  to: PurchaseOrderStatus,
  actor: Actor,
  options: MoveOptions = {},
): Promise<void> {
  const { at = nowIso(), note = '' } = options;
  const from = purchaseOrder.status;
  if (!(await updatePurchaseOrderStatus(trx, purchaseOrder.id, movableFrom(PURCHASE_ORDER_TRANSITIONS, to, from), to, at))) {
    throw new DomainError('purchase_order_status_changed');
  }
  await insertEvents(trx, [eventRow(purchaseOrder.orderId, actor, 'purchase_order_status', { purchaseOrderId: purchaseOrder.id, from, to, note, at })]);
}

/**
 * The one move of a line's status (a shop refusing it, with its reason); the history reads
 * `note`. False, with nothing written, when the table forbids the move or the line was moved
 * first (or is not of this purchase order).
 */
export async function moveOrderLine(
  trx: Executor,
  line: Pick<OrderLine, 'id' | 'orderId' | 'purchaseOrderId' | 'status'>,
  to: LineStatus,
  actor: Actor,
  options: MoveOptions & { refusal?: LineRefusal } = {},
): Promise<boolean> {
  const { at = nowIso(), note = '', refusal } = options;
  if (!(await updateLineStatus(trx, line, movableFrom(LINE_TRANSITIONS, to, line.status), to, refusal))) return false;
  await insertEvents(trx, [eventRow(line.orderId, actor, 'line_refused', { purchaseOrderId: line.purchaseOrderId, note, at })]);
  return true;
}

/**
 * Moves the order to the status its purchase orders call for (preparing once a shop
 * accepts, ready once everything due is at the counter, cancelled when nothing is left);
 * returns the order's status afterwards.
 */
export async function followPurchaseOrders(trx: Executor, order: Pick<Order, 'id' | 'status'>, actor: Actor): Promise<OrderStatus> {
  const purchaseOrders = await listPurchaseOrdersOfOrders(trx, [order.id]);
  const next = orderStatusFor(
    order.status,
    purchaseOrders.map((po) => po.status),
  );
  if (!next) return order.status;
  await moveOrder(trx, order, next, actor);
  return next;
}
