// Orders once placed: what a resident sees of their own orders (« Mes commandes »),
// cancelling while nothing is prepared, ordering the same again, and the concierge's list
// and detail with the history. A resident reaches only the orders of their own member row;
// anything else answers 404.
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/index.ts';
import { orderingShops, shopNames } from '../catalogue/index.ts';
import { findMembersByIds, type Member } from '../members/index.ts';
import { getCollectionPoint, listCollectionPoints, releaseSlot, type CollectionPoint } from '../places/index.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { queueMail, signatureOf } from '../platform/mail/mail.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { cancelledForShopMail } from './orders.mails.ts';
import { lockAndRead, moveOrder, movePurchaseOrder } from './orders.moves.ts';
import { listPurchaseOrdersOfOrders, type PurchaseOrder } from './orders.purchase-orders.repository.ts';
import { countOrders, findOrder, listEvents, listLinesOfOrders, listOrders, type Order, type OrderEvent, type OrderLine } from './orders.repository.ts';
import { canCancel, type OrderStatus } from './orders.rules.ts';
import { actorOf, assertConcierge, requireRole } from '../platform/actor.ts';

export const ORDERS_PER_PAGE = 20;

export interface PurchaseOrderView extends PurchaseOrder {
  shopName: string;
  lines: OrderLine[];
}

export interface OrderDetail {
  order: Order;
  place: CollectionPoint;
  purchaseOrders: PurchaseOrderView[];
  lines: OrderLine[];
  canCancel: boolean;
}

export interface OrderSummary {
  order: Order;
  placeName: string;
  purchaseOrders: Array<{ id: string; shopName: string; status: PurchaseOrder['status'] }>;
}

export interface OrderPage {
  items: OrderSummary[];
  total: number;
  page: number;
  pageCount: number;
}

/** Names of the orders' collection points: the active ones in one query, any retired one apart. */
async function placeNames(db: Executor, placeIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map((await listCollectionPoints(db)).map((point) => [point.id, point.name]));
  const retired = [...new Set(placeIds)].filter((id) => !names.has(id));
  for (const point of await Promise.all(retired.map((id) => getCollectionPoint(db, id)))) names.set(point.id, point.name);
  return names;
}

export async function summaries(db: Executor, orders: Order[]): Promise<OrderSummary[]> {
  const purchaseOrders = await listPurchaseOrdersOfOrders(db, orders.map((order) => order.id));
  const [shops, places] = await Promise.all([shopNames(db, purchaseOrders.map((po) => po.shopId)), placeNames(db, orders.map((order) => order.placeId))]);
  return orders.map((order) => ({
    order,
    placeName: places.get(order.placeId) ?? '',
    purchaseOrders: purchaseOrders.filter((po) => po.orderId === order.id).map((po) => ({ id: po.id, shopName: shops.get(po.shopId) ?? '', status: po.status })),
  }));
}

async function pageOf(db: Executor, filter: { memberId?: string; status?: OrderStatus }, page: number): Promise<OrderPage> {
  const total = await countOrders(db, filter);
  const pageCount = Math.max(1, Math.ceil(total / ORDERS_PER_PAGE));
  if (page > pageCount) throw notFound();
  const orders = await listOrders(db, { ...filter, limit: ORDERS_PER_PAGE, offset: (page - 1) * ORDERS_PER_PAGE });
  return { items: await summaries(db, orders), total, page, pageCount };
}

async function detailOf(db: Executor, order: Order): Promise<OrderDetail> {
  const [purchaseOrders, lines, place] = await Promise.all([listPurchaseOrdersOfOrders(db, [order.id]), listLinesOfOrders(db, [order.id]), getCollectionPoint(db, order.placeId)]);
  const names = await shopNames(db, purchaseOrders.map((po) => po.shopId));
  return {
    order,
    place,
    lines,
    purchaseOrders: purchaseOrders.map((po) => ({ ...po, shopName: names.get(po.shopId) ?? '', lines: lines.filter((line) => line.purchaseOrderId === po.id) })),
    canCancel: canCancel(order.status, purchaseOrders.map((po) => po.status)),
  };
}

// ---- the resident ----

/** The resident's orders, newest first. */
export async function ownOrders(db: Executor, actor: CurrentAccount | null, page: number): Promise<OrderPage> {
  const resident = requireRole(actor, 'resident');
  if (!resident.memberId) return { items: [], total: 0, page: 1, pageCount: 1 };
  return pageOf(db, { memberId: resident.memberId }, page);
}

/** The resident's own order; any other answers « not found ». */
export async function ownOrder(db: Executor, actor: CurrentAccount | null, orderId: string): Promise<Order> {
  const resident = requireRole(actor, 'resident');
  const order = await findOrder(db, orderId);
  if (!order || !resident.memberId || order.memberId !== resident.memberId) throw notFound();
  return order;
}

export async function ownOrderDetail(db: Executor, actor: CurrentAccount | null, orderId: string): Promise<OrderDetail> {
  return detailOf(db, await ownOrder(db, actor, orderId));
}

/**
 * Cancels an order while no shop has started on it (the resident their own, the concierge
 * any): its purchase orders are cancelled, the slot is given back and the shops are told.
 */
export async function cancelOrder(db: Db, config: Config, actor: CurrentAccount | null, orderId: string): Promise<void> {
  if (actor?.role !== 'concierge') await ownOrder(db, actor, orderId);
  await db.transaction().execute(async (trx) => {
    const order = await lockAndRead(trx, orderId);
    if (!order) throw notFound();
    const purchaseOrders = await listPurchaseOrdersOfOrders(trx, [orderId]);
    if (order.status === 'cancelled') throw new DomainError('order_already_cancelled');
    if (!canCancel(order.status, purchaseOrders.map((po) => po.status))) throw new DomainError('order_cannot_cancel');
    const who = actorOf(actor);
    await moveOrder(trx, order, 'cancelled', who);
    for (const purchaseOrder of purchaseOrders) await movePurchaseOrder(trx, purchaseOrder, 'cancelled', who);
    await releaseSlot(trx, order.placeId, order.slotStartAt);
    const shops = await orderingShops(trx, purchaseOrders.map((po) => po.shopId));
    const mail = cancelledForShopMail(order.collectionCode);
    for (const recipient of shops.flatMap((shop) => shop.notifyEmails)) await queueMail(trx, recipient, mail, signatureOf(config));
  });
}

// ---- the concierge ----

export interface OrderRecord extends OrderDetail {
  member: Member | undefined;
  events: OrderEvent[];
}

/** An order with its member and its whole history. */
export async function orderRecord(db: Executor, actor: CurrentAccount | null, orderId: string): Promise<OrderRecord> {
  assertConcierge(actor);
  const order = await findOrder(db, orderId);
  if (!order) throw notFound();
  const [detail, events, [member]] = await Promise.all([detailOf(db, order), listEvents(db, order.id), findMembersByIds(db, [order.memberId])]);
  return { ...detail, member, events };
}
