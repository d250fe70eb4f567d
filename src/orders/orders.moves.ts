// Status moves of orders and purchase orders. Every move is checked against its transition
// table, made by a conditional update (`where status = from`) and written to the order's
// history with who made it and when, in the caller's transaction. Callers take the order's
// lock first (`lockOrder`), so moves of one order never interleave.
import type { Executor } from '../db/index.ts';
import type { OrderEventsTable } from '../db/schema.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import { newId } from '../platform/ids.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { listPurchaseOrdersOfOrders, movePurchaseOrderStatus, type PurchaseOrder } from './orders.purchase-orders.repository.ts';
import { findOrder, insertEvents, lockOrder, moveOrderStatus, type EventKind, type Order } from './orders.repository.ts';
import {
  canMoveOrder,
  canMovePurchaseOrder,
  orderStatusFor,
  type OrderStatus,
  type PurchaseOrderStatus,
} from './orders.rules.ts';

/** Who made a change, as the history shows it. */
export interface Actor {
  accountId: string | null;
  label: string;
}

/** « Marie Martin (commerçant) »; the system when nobody is logged in. */
export function actorOf(account: CurrentAccount | null): Actor {
  if (!account) return { accountId: null, label: t('orders.history.system') };
  return { accountId: account.id, label: `${account.displayName} (${t(`role.${account.role}`).toLowerCase()})` };
}

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

export async function moveOrder(trx: Executor, order: Pick<Order, 'id' | 'status'>, to: OrderStatus, actor: Actor, note = ''): Promise<void> {
  const at = nowIso();
  if (!canMoveOrder(order.status, to) || !(await moveOrderStatus(trx, order.id, order.status, to, at))) {
    throw new DomainError('order_status_changed');
  }
  await insertEvents(trx, [eventRow(order.id, actor, 'order_status', { from: order.status, to, note, at })]);
}

export async function movePurchaseOrder(
  trx: Executor,
  purchaseOrder: Pick<PurchaseOrder, 'id' | 'orderId' | 'status'>,
  to: PurchaseOrderStatus,
  actor: Actor,
  note = '',
): Promise<void> {
  const at = nowIso();
  const from = purchaseOrder.status;
  if (!canMovePurchaseOrder(from, to) || !(await movePurchaseOrderStatus(trx, purchaseOrder.id, [from], to, at))) {
    throw new DomainError('purchase_order_status_changed');
  }
  await insertEvents(trx, [eventRow(purchaseOrder.orderId, actor, 'purchase_order_status', { purchaseOrderId: purchaseOrder.id, from, to, note, at })]);
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
