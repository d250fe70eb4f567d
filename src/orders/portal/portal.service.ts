// The merchant's side of orders: a shop's purchase orders (to prepare, ready, done) with the
// collection round that will fetch each, and the moves a merchant makes — accept, refuse a
// line (the order's total changes, the member is told, the history shows it), mark ready.
// A merchant reaches only its own shop's purchase orders, the concierge any shop's; any other
// request answers 404, whatever the route.
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { orderingShops, shopName } from '../../catalogue/index.ts';
import { findMembersByIds, fullName } from '../../members/index.ts';
import { releaseSlot } from '../../places/index.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { tDynamic } from '../../platform/i18n/index.ts';
import { queueMail, signatureOf } from '../../platform/mail/mail.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { refusedLineMail } from '../orders.mails.ts';
import { followPurchaseOrders, lockAndRead, moveOrderLine, movePurchaseOrder } from '../orders.moves.ts';
import {
  countShopPurchaseOrders,
  findPurchaseOrder,
  listShopPurchaseOrders,
  type PurchaseOrder,
  type PurchaseOrderSummary,
} from '../orders.purchase-orders.repository.ts';
import { findOrder, listLinesOfPurchaseOrder, recomputeTotals, type Order, type OrderLine } from '../orders.repository.ts';
import { PURCHASE_ORDER_TABS, type PurchaseOrderTab, type RefusalReason } from '../orders.rules.ts';
import { type Actor, actorOf } from '../../platform/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import { earliestCollectionRoundAt, listLinesOfPurchaseOrders } from './portal.repository.ts';
import { collectionRoundFor, type TimingSettings } from '../orders.timing.ts';

export const PURCHASE_ORDERS_PER_PAGE = 20;

/** The concierge, or a merchant of this very shop; anyone else is told the page does not exist. */
function assertShopAccess(actor: CurrentAccount | null, shopId: string): void {
  const allowed = actor?.role === 'concierge' || (actor?.role === 'merchant' && actor.shopId === shopId);
  if (!allowed) throw notFound();
}

/** What waits at the shop, said at the top of the merchant's pages. */
export interface PrepareSummary {
  /** Purchase orders to prepare: new ones and accepted ones. */
  toPrepare: number;
  /** Of those, the new ones still waiting for the merchant's answer. */
  newOrders: number;
  /** Prepared, waiting for the round. */
  ready: number;
  /** The next round planned to fetch one of them; undefined when none is planned from now on. */
  nextRoundAt?: string;
}

/** The summary for a shop the actor may see (404 otherwise). */
export async function shopPrepareSummary(db: Executor, actor: CurrentAccount | null, shopId: string, timing: TimingSettings, nowAt = nowIso()): Promise<PrepareSummary> {
  assertShopAccess(actor, shopId);
  const [toPrepare, newOrders, ready, earliest] = await Promise.all([
    countShopPurchaseOrders(db, shopId, PURCHASE_ORDER_TABS.to_prepare),
    countShopPurchaseOrders(db, shopId, ['sent']),
    countShopPurchaseOrders(db, shopId, PURCHASE_ORDER_TABS.ready),
    earliestCollectionRoundAt(db, shopId, [...PURCHASE_ORDER_TABS.to_prepare, ...PURCHASE_ORDER_TABS.ready]),
  ]);
  return { toPrepare, newOrders, ready, nextRoundAt: await nextRoundOf(db, shopId, earliest, timing, nowAt) };
}

/**
 * The round that comes next for the shop's waiting orders: the earliest one planned, or, when
 * a planned round went by without an order, the next round the shop is open for (a day's
 * round takes every order due by then), with the usual notice to prepare.
 */
async function nextRoundOf(db: Executor, shopId: string, earliest: string | undefined, timing: TimingSettings, nowAt: string): Promise<string | undefined> {
  if (!earliest || earliest >= nowAt) return earliest;
  const [shop] = await orderingShops(db, [shopId]);
  return collectionRoundFor(nowAt, 0, shop?.hours ?? [], timing);
}

/** A purchase order of the merchant's list with its lines, so the list says what to prepare. */
export interface PurchaseOrderItem extends PurchaseOrderSummary {
  lines: OrderLine[];
}

export interface ShopPurchaseOrders {
  shopId: string;
  shopName: string;
  tab: PurchaseOrderTab;
  counts: Record<PurchaseOrderTab, number>;
  summary: PrepareSummary;
  items: PurchaseOrderItem[];
  page: number;
  pageCount: number;
}

export async function shopPurchaseOrders(db: Executor, actor: CurrentAccount | null, shopId: string, timing: TimingSettings, tab: PurchaseOrderTab, page: number): Promise<ShopPurchaseOrders> {
  const summary = await shopPrepareSummary(db, actor, shopId, timing);
  const [name, done] = await Promise.all([shopName(db, shopId), countShopPurchaseOrders(db, shopId, PURCHASE_ORDER_TABS.done)]);
  const counts = { to_prepare: summary.toPrepare, ready: summary.ready, done };
  const pageCount = Math.max(1, Math.ceil(counts[tab] / PURCHASE_ORDERS_PER_PAGE));
  if (page > pageCount) throw notFound();
  const summaries = await listShopPurchaseOrders(db, shopId, PURCHASE_ORDER_TABS[tab], {
    limit: PURCHASE_ORDERS_PER_PAGE,
    offset: (page - 1) * PURCHASE_ORDERS_PER_PAGE,
    // What is still to do comes by the next round; what is done, the latest first.
    newestFirst: tab === 'done',
  });
  const lines = await listLinesOfPurchaseOrders(db, summaries.map((po) => po.id));
  const items = summaries.map((po) => ({ ...po, lines: lines.get(po.id) ?? [] }));
  return { shopId, shopName: name, tab, counts, summary, items, page, pageCount };
}

export interface PurchaseOrderDetail {
  shopName: string;
  purchaseOrder: PurchaseOrder;
  lines: OrderLine[];
  order: Pick<Order, 'id' | 'collectionCode' | 'status' | 'slotStartAt' | 'slotEndAt' | 'placedAt'>;
}

async function shopPurchaseOrderOf(db: Executor, shopId: string, purchaseOrderId: string): Promise<PurchaseOrder> {
  const purchaseOrder = await findPurchaseOrder(db, purchaseOrderId);
  if (!purchaseOrder || purchaseOrder.shopId !== shopId) throw notFound();
  return purchaseOrder;
}

export async function purchaseOrderDetail(db: Executor, actor: CurrentAccount | null, shopId: string, purchaseOrderId: string): Promise<PurchaseOrderDetail> {
  assertShopAccess(actor, shopId);
  const purchaseOrder = await shopPurchaseOrderOf(db, shopId, purchaseOrderId);
  const [name, lines, order] = await Promise.all([shopName(db, shopId), listLinesOfPurchaseOrder(db, purchaseOrder.id), findOrder(db, purchaseOrder.orderId)]);
  if (!order) throw notFound();
  const { id, collectionCode, status, slotStartAt, slotEndAt, placedAt } = order;
  return { shopName: name, purchaseOrder, lines, order: { id, collectionCode, status, slotStartAt, slotEndAt, placedAt } };
}

/**
 * Runs a change on a shop's purchase order in a transaction, holding its order's lock; the
 * purchase order is read again under the lock, so the change sees the latest status.
 */
async function changePurchaseOrder<T>(
  db: Db,
  actor: CurrentAccount | null,
  shopId: string,
  purchaseOrderId: string,
  change: (trx: Executor, purchaseOrder: PurchaseOrder, order: Order, who: Actor) => Promise<T>,
): Promise<T> {
  assertShopAccess(actor, shopId);
  return db.transaction().execute(async (trx) => {
    const first = await shopPurchaseOrderOf(trx, shopId, purchaseOrderId);
    const order = await lockAndRead(trx, first.orderId);
    if (!order) throw notFound();
    return change(trx, await shopPurchaseOrderOf(trx, shopId, purchaseOrderId), order, actorOf(actor));
  });
}

export async function acceptPurchaseOrder(db: Db, actor: CurrentAccount | null, shopId: string, purchaseOrderId: string): Promise<void> {
  await changePurchaseOrder(db, actor, shopId, purchaseOrderId, async (trx, purchaseOrder, order, who) => {
    await movePurchaseOrder(trx, purchaseOrder, 'accepted', who);
    await followPurchaseOrders(trx, order, who);
  });
}

/** Prepared, waiting at the shop for the collection round. */
export async function markPurchaseOrderReady(db: Db, actor: CurrentAccount | null, shopId: string, purchaseOrderId: string): Promise<void> {
  await changePurchaseOrder(db, actor, shopId, purchaseOrderId, async (trx, purchaseOrder, order, who) => {
    await movePurchaseOrder(trx, purchaseOrder, 'ready', who);
    await followPurchaseOrders(trx, order, who);
  });
}

export interface Refusal {
  reason: RefusalReason;
  note: string | null;
}

/**
 * The shop cannot supply a line: it leaves the totals, the history says why, the member is
 * told by mail. A purchase order with nothing left is refused; an order with nothing left
 * is cancelled and its slot given back.
 */
export async function refuseLine(
  db: Db,
  config: Config,
  actor: CurrentAccount | null,
  shopId: string,
  purchaseOrderId: string,
  lineId: string,
  refusal: Refusal,
): Promise<void> {
  await changePurchaseOrder(db, actor, shopId, purchaseOrderId, async (trx, purchaseOrder, order, who) => {
    const line = (await listLinesOfPurchaseOrder(trx, purchaseOrder.id)).find((candidate) => candidate.id === lineId);
    if (!line) throw notFound();
    const refusable = purchaseOrder.status === 'sent' || purchaseOrder.status === 'accepted';
    const reasonText = tDynamic(`orders.refusal.${refusal.reason}`) + (refusal.note ? ` : ${refusal.note}` : '');
    const note = `${line.quantity} × ${line.title} — ${reasonText}`;
    if (!refusable || !(await moveOrderLine(trx, line, 'refused', who, { refusal, note }))) throw new DomainError('line_not_refusable');
    await recomputeTotals(trx, order.id);
    const remaining = (await listLinesOfPurchaseOrder(trx, purchaseOrder.id)).filter((candidate) => candidate.status === 'ordered');
    if (remaining.length === 0) await movePurchaseOrder(trx, purchaseOrder, 'refused', who);
    const status = await followPurchaseOrders(trx, order, who);
    if (status === 'cancelled') await releaseSlot(trx, order.placeId, order.slotStartAt);
    await tellMember(trx, config, order.id, shopId, line, refusal, status === 'cancelled');
  });
}

async function tellMember(trx: Executor, config: Config, orderId: string, shopId: string, line: OrderLine, refusal: Refusal, cancelled: boolean): Promise<void> {
  const order = (await findOrder(trx, orderId))!;
  const [[member], name] = await Promise.all([findMembersByIds(trx, [order.memberId]), shopName(trx, shopId)]);
  if (!member?.email) return;
  const mail = refusedLineMail({
    memberName: fullName(member),
    shopName: name,
    line: { title: line.title, quantity: line.quantity, totalCents: line.totalCents },
    reason: refusal.reason,
    note: refusal.note,
    totalCents: order.totalCents,
    orderCancelled: cancelled,
    url: `${config.baseUrl}/compte/commandes/${order.id}`,
  });
  await queueMail(trx, member.email, mail, signatureOf(config));
}
