// The counter: the concierge finds an order (by code, name or phone), sees what waits at the
// counter and what is still to come, hands over all or part of it and takes the payment due
// (espèces, carte, chèque), then prints a receipt. Orders that wait too long are listed and
// may be declared not collected: their goods go back to the shops. Only the concierge reaches
// any of this; anyone else is told the page does not exist.
import type { Config } from '../../config.ts';
import type { Db, Executor, Trx } from '../../db/index.ts';
import { orderingShops, shopNames } from '../../catalogue/index.ts';
import { findMembersByIds, fullName, searchMembers, type Member } from '../../members/index.ts';
import { getCollectionPoint, listCollectionPoints, type CollectionPoint } from '../../places/index.ts';
import { now, nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { boundTo, createOnce } from '../../platform/idempotency/index.ts';
import { newId } from '../../platform/ids.ts';
import { queueMail, signatureOf } from '../../platform/mail/mail.ts';
import { formatEuros } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { countWaitingOrders, findOpenOrdersByCode, listOpenOrdersOfMembers, listWaitingOrders } from './counter.repository.ts';
import { insertCounterPayment, listCounterPayments, type CounterPayment } from '../money/counter-payments.repository.ts';
import { eventRow, lockAndRead, moveOrder, movePurchaseOrder } from '../orders.moves.ts';
import { listPurchaseOrdersOfOrders, type PurchaseOrder } from '../orders.purchase-orders.repository.ts';
import { notCollectedMail, returnedToShopMail } from './reminders.service.ts';
import { moneyOfOrders, netPaidCents } from '../money/balance.repository.ts';
import { listRefundsOfOrder } from '../money/refunds.repository.ts';
import { dueAtHandOverCents } from '../money/refunds.rules.ts';
import { tellMoneyFacts } from '../money/money.service.ts';
import { findOrder, insertEvents, listEvents, listLinesOfOrders, type Order, type OrderEvent, type OrderLine } from '../orders.repository.ts';
import {
  CODE_LENGTH,
  HANDOVER_ORDER_STATUSES,
  WAITING_ORDER_STATUSES,
  awaitsRound,
  isAtCounter,
  isDropped,
  normaliseCode,
  readyBefore,
  statusAfterHandOver,
  waitingLongerThan,
  type CounterPaymentMethod,
} from '../orders.rules.ts';
import { type Actor, actorOf, assertConcierge } from '../../platform/actor.ts';

/** How many open orders a name search shows at most. */
export const COUNTER_RESULTS_MAX = 30;
export const UNCOLLECTED_PER_PAGE = 20;
const HANDOVER_SCOPE = 'counter-handover';

/** Names of collection points: the active ones in one query, any retired one apart. */
async function placeNames(db: Executor, placeIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map((await listCollectionPoints(db)).map((point) => [point.id, point.name]));
  const retired = [...new Set(placeIds)].filter((id) => !names.has(id));
  for (const point of await Promise.all(retired.map((id) => getCollectionPoint(db, id)))) names.set(point.id, point.name);
  return names;
}

// ---- finding an order ----

/** An open order in a list of the counter: who, when, and how much of it is at the counter. */
export interface CounterListItem {
  order: Order;
  member: Member | undefined;
  placeName: string;
  /** Purchase orders waiting at the counter, out of those still expected. */
  atCounter: number;
  live: number;
  /** Where its bags wait: shelf or bin, and whether in the fridge. */
  storage: Array<{ location: string | null; chilled: boolean }>;
}

/** Shelves read in order (« M1, M2, M10 »), so the concierge walks past them once; unknown last. */
function byShelf(a: { location: string | null }, b: { location: string | null }): number {
  if (a.location === null || b.location === null) return Number(a.location === null) - Number(b.location === null);
  return a.location.localeCompare(b.location, 'fr', { numeric: true });
}

export async function listItems(db: Executor, orders: readonly Order[]): Promise<CounterListItem[]> {
  const ids = orders.map((order) => order.id);
  const [purchaseOrders, members, places] = await Promise.all([
    listPurchaseOrdersOfOrders(db, ids),
    findMembersByIds(db, [...new Set(orders.map((order) => order.memberId))]),
    placeNames(db, orders.map((order) => order.placeId)),
  ]);
  const memberOf = new Map(members.map((member) => [member.id, member]));
  return orders.map((order) => {
    const own = purchaseOrders.filter((po) => po.orderId === order.id && !isDropped(po.status) && po.status !== 'handed_over');
    const waiting = own.filter((po) => isAtCounter(po.status));
    return {
      order,
      member: memberOf.get(order.memberId),
      placeName: places.get(order.placeId) ?? '',
      atCounter: waiting.length,
      live: own.length,
      storage: waiting.map((po) => ({ location: po.storageLocation, chilled: po.chilled })).sort(byShelf),
    };
  });
}

export type CounterSearch =
  /** the code names exactly one open order: go straight to it */
  | { kind: 'order'; orderId: string }
  | { kind: 'list'; items: CounterListItem[]; membersFound: number; tooManyMembers: boolean };

/**
 * Finds open orders from what the concierge typed: a collection code (any case, with spaces
 * or dashes), a member's name (accents ignored) or phone number (with or without spaces).
 */
export async function searchCounter(db: Executor, actor: CurrentAccount | null, query: string): Promise<CounterSearch> {
  assertConcierge(actor);
  const typed = query.trim();
  if (typed === '') return { kind: 'list', items: [], membersFound: 0, tooManyMembers: false };
  const code = normaliseCode(typed);
  const byCode = code.length === CODE_LENGTH ? await findOpenOrdersByCode(db, code) : [];
  if (byCode.length === 1) return { kind: 'order', orderId: byCode[0].id };
  const found = await searchMembers(db, actor, typed, 1);
  const ofMembers = await listOpenOrdersOfMembers(db, found.members.map((member) => member.id), COUNTER_RESULTS_MAX);
  const orders = [...byCode, ...ofMembers.filter((order) => !byCode.some((other) => other.id === order.id))];
  return { kind: 'list', items: await listItems(db, orders), membersFound: found.total, tooManyMembers: found.total > found.members.length };
}

// ---- one order at the counter ----

export interface CounterPurchaseOrder extends PurchaseOrder {
  shopName: string;
  lines: OrderLine[];
}

export interface CounterOrder {
  order: Order;
  member: Member | undefined;
  place: CollectionPoint;
  /** Waiting at the counter: may be handed over now. */
  atCounter: CounterPurchaseOrder[];
  /** Still at the shops, the collection round has to fetch them. */
  toCome: CounterPurchaseOrder[];
  handedOver: CounterPurchaseOrder[];
  /** Refused, cancelled, or sent back to the shop. */
  dropped: CounterPurchaseOrder[];
  payments: CounterPayment[];
  /** Paid so far (at the counter and online) less refunds. */
  alreadyPaidCents: number;
  /** Goods handed over before, less refunds their shops bore. */
  goodsReceivedCents: number;
  /** What the member pays if everything at the counter is handed over now. */
  dueForAllCents: number;
}

/** The order's money: paid less refunded, and the goods already received (less what was refunded of them). */
async function moneyAtCounter(db: Executor, orderId: string, purchaseOrders: readonly PurchaseOrder[]): Promise<{ paidCents: number; receivedCents: number }> {
  const [money, refunds] = await Promise.all([moneyOfOrders(db, [orderId]), listRefundsOfOrder(db, orderId)]);
  const handedOver = purchaseOrders.filter((po) => po.status === 'handed_over').reduce((sum, po) => sum + po.totalCents, 0);
  const borneByShops = refunds.filter((refund) => refund.shopId !== null).reduce((sum, refund) => sum + refund.amountCents, 0);
  return { paidCents: netPaidCents(money.get(orderId)!), receivedCents: Math.max(0, handedOver - borneByShops) };
}

async function counterOrderOf(db: Executor, order: Order): Promise<CounterOrder> {
  const [purchaseOrders, lines, place, [member], payments] = await Promise.all([
    listPurchaseOrdersOfOrders(db, [order.id]),
    listLinesOfOrders(db, [order.id]),
    getCollectionPoint(db, order.placeId),
    findMembersByIds(db, [order.memberId]),
    listCounterPayments(db, order.id),
  ]);
  const names = await shopNames(db, purchaseOrders.map((po) => po.shopId));
  const views = purchaseOrders.map((po) => ({ ...po, shopName: names.get(po.shopId) ?? '', lines: lines.filter((line) => line.purchaseOrderId === po.id) }));
  const open = HANDOVER_ORDER_STATUSES.includes(order.status);
  const atCounter = open ? views.filter((po) => isAtCounter(po.status)) : [];
  const money = await moneyAtCounter(db, order.id, purchaseOrders);
  return {
    order,
    member,
    place,
    atCounter,
    toCome: views.filter((po) => awaitsRound(po.status)),
    handedOver: views.filter((po) => po.status === 'handed_over'),
    dropped: views.filter((po) => isDropped(po.status) || po.status === 'returned'),
    payments,
    alreadyPaidCents: money.paidCents,
    goodsReceivedCents: money.receivedCents,
    dueForAllCents: dueAtHandOverCents(money.receivedCents, sumOf(atCounter), money.paidCents),
  };
}

export async function counterOrder(db: Executor, actor: CurrentAccount | null, orderId: string): Promise<CounterOrder> {
  assertConcierge(actor);
  const order = await findOrder(db, orderId);
  if (!order) throw notFound();
  return counterOrderOf(db, order);
}

/** What the member pays for some of the purchase orders waiting at the counter. */
export function dueFor(detail: CounterOrder, purchaseOrderIds: readonly string[]): number {
  const chosen = detail.atCounter.filter((po) => purchaseOrderIds.includes(po.id));
  return dueAtHandOverCents(detail.goodsReceivedCents, sumOf(chosen), detail.alreadyPaidCents);
}

function sumOf(purchaseOrders: ReadonlyArray<{ totalCents: number }>): number {
  return purchaseOrders.reduce((sum, po) => sum + po.totalCents, 0);
}

// ---- the hand-over ----

export interface HandOverInput {
  purchaseOrderIds: readonly string[];
  method: CounterPaymentMethod | undefined;
  /** The purchase orders the page showed as chosen, hence the amount on its button. */
  shownIds: readonly string[];
  /** The amount on the button, when the form says it: a price confirmed since must be shown first. */
  shownCents?: number;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

/**
 * Hands over the chosen purchase orders and records the payment due for them, computed here
 * from their totals. Runs once per form (`key`, bound to the order and the concierge): a
 * double click or a second tab returns the first result. Two concierges handing over the same order at once give one hand-over: the
 * order's lock queues them and the second finds nothing left at the counter.
 */
export async function handOver(db: Db, actor: CurrentAccount | null, orderId: string, input: HandOverInput, key: string): Promise<string> {
  const concierge = assertConcierge(actor);
  const ids = [...new Set(input.purchaseOrderIds)];
  if (ids.length === 0) throw new DomainError('counter_choose_purchase_order', 'bons');
  // The member pays what the button said: a changed choice is shown again with its amount.
  if (!sameSet(ids, [...new Set(input.shownIds)])) throw new DomainError('counter_selection_changed', 'bons');
  const create = (trx: Trx) => recordHandOver(trx, actorOf(concierge), orderId, ids, input.method, input.shownCents);
  const binding = boundTo(orderId, concierge.id);
  try {
    return await createOnce(db, HANDOVER_SCOPE, key, create, binding);
  } catch (error) {
    // The twin of a double click, queued behind it, found nothing left: the twin's result is the answer.
    if (error instanceof DomainError && error.code === 'counter_nothing_to_hand_over') {
      return createOnce(db, HANDOVER_SCOPE, key, async () => {
        throw error;
      }, binding);
    }
    throw error;
  }
}

/**
 * Hands over everything of an order that is at the counter, inside the caller's transaction:
 * a delivery at a door or a drop-off point, where the driver gives the member the whole bag.
 * The payment due is taken as at the counter, so it reaches the ledger the same way.
 */
export async function handOverEverything(trx: Trx, who: Actor, orderId: string, method: CounterPaymentMethod | undefined): Promise<void> {
  const atCounter = (await listPurchaseOrdersOfOrders(trx, [orderId])).filter((po) => isAtCounter(po.status));
  if (atCounter.length === 0) throw new DomainError('counter_nothing_to_hand_over');
  await recordHandOver(trx, who, orderId, atCounter.map((po) => po.id), method, undefined);
}

async function recordHandOver(
  trx: Trx,
  who: Actor,
  orderId: string,
  ids: readonly string[],
  method: CounterPaymentMethod | undefined,
  shownCents: number | undefined,
): Promise<string> {
  const order = await lockAndRead(trx, orderId);
  if (!order) throw notFound();
  const purchaseOrders = await listPurchaseOrdersOfOrders(trx, [orderId]);
  const chosen = purchaseOrders.filter((po) => ids.includes(po.id));
  if (chosen.length !== ids.length) throw notFound();
  if (!HANDOVER_ORDER_STATUSES.includes(order.status) || !chosen.every((po) => isAtCounter(po.status))) throw new DomainError('counter_nothing_to_hand_over');
  // An estimated price (« à acheter pour moi ») is confirmed on the order's record first: once handed over it is final.
  const estimated = (await listLinesOfOrders(trx, [orderId])).find((line) => ids.includes(line.purchaseOrderId) && line.status === 'ordered' && line.priceIsEstimate);
  if (estimated) throw new DomainError('counter_price_estimate', 'bons', { title: estimated.title });
  // Only what is still due: part payments, online payments and refunds are counted.
  const money = await moneyAtCounter(trx, orderId, purchaseOrders);
  const dueCents = dueAtHandOverCents(money.receivedCents, sumOf(chosen), money.paidCents);
  if (shownCents !== undefined && shownCents !== dueCents) throw new DomainError('counter_amount_changed', 'bons');
  if (dueCents > 0 && !method) throw new DomainError('counter_payment_method_required', 'payment');

  // One instant for the whole hand-over: the receipt groups its moves and payment by it.
  const at = nowIso();
  for (const po of chosen) await movePurchaseOrder(trx, po, 'handed_over', who, { at });
  const next = statusAfterHandOver(order.status, purchaseOrders.map((po) => (ids.includes(po.id) ? 'handed_over' : po.status)));
  if (next) await moveOrder(trx, order, next, who, { at });
  const paymentIds: string[] = [];
  if (dueCents > 0 && method) {
    const paymentId = newId();
    await insertCounterPayment(trx, { id: paymentId, order_id: orderId, method, amount_cents: dueCents, account_id: who.accountId, actor_label: who.label, at });
    paymentIds.push(paymentId);
    const note = t('counter.history.payment', { amount: formatEuros(dueCents), how: tDynamic(`counter.history.paid_by.${method}`) });
    await insertEvents(trx, [eventRow(orderId, who, 'counter', { note, at })]);
  }
  await tellMoneyFacts(trx, { handOvers: chosen.map((po) => po.id), counterPayments: paymentIds });
  return orderId;
}

// ---- the receipt ----

/** One hand-over: what was given, by whom, and what was paid. */
export interface HandOverRecord {
  at: string;
  actorLabel: string;
  purchaseOrders: CounterPurchaseOrder[];
  payment: CounterPayment | undefined;
}

/** Hand-overs from the history: the purchase-order moves to « remise » that share an instant. */
function handOversOf(events: readonly OrderEvent[], detail: CounterOrder): HandOverRecord[] {
  const byAt = new Map<string, HandOverRecord>();
  for (const event of events) {
    if (event.kind !== 'purchase_order_status' || event.toStatus !== 'handed_over') continue;
    const po = detail.handedOver.find((candidate) => candidate.id === event.purchaseOrderId);
    if (!po) continue;
    const record = byAt.get(event.at) ?? { at: event.at, actorLabel: event.actorLabel, purchaseOrders: [], payment: detail.payments.find((payment) => payment.at === event.at) };
    record.purchaseOrders.push(po);
    byAt.set(event.at, record);
  }
  return [...byAt.values()].sort((a, b) => b.at.localeCompare(a.at));
}

export async function counterReceipt(db: Executor, actor: CurrentAccount | null, orderId: string): Promise<{ detail: CounterOrder; handOvers: HandOverRecord[] }> {
  const detail = await counterOrder(db, actor, orderId);
  const handOvers = handOversOf(await listEvents(db, orderId), detail);
  if (handOvers.length === 0) throw notFound();
  return { detail, handOvers };
}

// ---- orders not collected ----

export interface UncollectedPage {
  items: CounterListItem[];
  total: number;
  page: number;
  pageCount: number;
  limitDays: number;
}

/** Orders waiting for their member for longer than the limit, the oldest first. */
export async function uncollectedOrders(db: Executor, config: Config, actor: CurrentAccount | null, page: number, when: Date = now()): Promise<UncollectedPage> {
  assertConcierge(actor);
  const before = readyBefore(config.uncollectedLimitDays, when);
  const total = await countWaitingOrders(db, before);
  const pageCount = Math.max(1, Math.ceil(total / UNCOLLECTED_PER_PAGE));
  if (page > pageCount) throw notFound();
  const orders = await listWaitingOrders(db, before, { limit: UNCOLLECTED_PER_PAGE, offset: (page - 1) * UNCOLLECTED_PER_PAGE });
  return { items: await listItems(db, orders), total, page, pageCount, limitDays: config.uncollectedLimitDays };
}

/**
 * The member never came: the order is closed as not collected, what waited at the counter
 * goes back to its shops (the history says so), the member and the shops are told by mail.
 */
export async function declareNotCollected(db: Db, config: Config, actor: CurrentAccount | null, orderId: string, when: Date = now()): Promise<Order> {
  const who = actorOf(assertConcierge(actor));
  return db.transaction().execute(async (trx) => {
    const order = await lockAndRead(trx, orderId);
    if (!order) throw notFound();
    const days = config.uncollectedLimitDays;
    // Closed meanwhile (a colleague's click, or the member came): say so, change nothing.
    if (!WAITING_ORDER_STATUSES.includes(order.status)) throw new DomainError('order_status_changed');
    if (!waitingLongerThan(order.readyAt, days, when)) throw new DomainError('counter_not_overdue', undefined, { days });
    const purchaseOrders = await listPurchaseOrdersOfOrders(trx, [orderId]);
    if (purchaseOrders.some((po) => awaitsRound(po.status))) throw new DomainError('counter_still_to_come');
    const goingBack = purchaseOrders.filter((po) => isAtCounter(po.status));
    for (const po of goingBack) await movePurchaseOrder(trx, po, 'returned', who);
    await moveOrder(trx, order, 'not_collected', who);
    const shops = await orderingShops(trx, goingBack.map((po) => po.shopId));
    const note = t('counter.history.returned', { shops: shops.map((shop) => shop.tradeName).join(', ') || '—' });
    await insertEvents(trx, [eventRow(orderId, who, 'counter', { note })]);
    await tellOfReturn(trx, config, order, shops);
    return order;
  });
}

async function tellOfReturn(trx: Executor, config: Config, order: Order, shops: ReadonlyArray<{ notifyEmails: string[] }>): Promise<void> {
  const [member] = await findMembersByIds(trx, [order.memberId]);
  if (member?.email) await queueMail(trx, member.email, notCollectedMail({ memberName: fullName(member), code: order.collectionCode }), signatureOf(config));
  const shopMail = returnedToShopMail(order.collectionCode);
  for (const recipient of shops.flatMap((shop) => shop.notifyEmails)) await queueMail(trx, recipient, shopMail, signatureOf(config));
}
