// Rules of orders: the statuses of an order, of a purchase order, of a line and of an online
// payment with their transition tables, how an order's status follows from its purchase
// orders, the collection code, quantities and totals. Pure functions only.
import type { Cents } from '../platform/money.ts';
import { canMove, statusesOf, type StatusTables, type Transitions } from '../platform/transitions.ts';
import { DomainError } from '../platform/errors.ts';
import { formatEuros } from '../platform/money.ts';

/** Where an order stands, as the member and the concierge follow it. */
export type OrderStatus =
  /** placed; no shop has started preparing it yet (the member may still cancel) */
  | 'placed'
  /** at least one shop has accepted its purchase order */
  | 'preparing'
  /** every purchase order still due is at the counter: the member can come */
  | 'ready'
  /** the member took part of it; the rest is still at the counter or to come */
  | 'partially_handed_over'
  /** everything was given to the member */
  | 'handed_over'
  /** cancelled before preparation, or because no shop could supply anything */
  | 'cancelled'
  /** never collected within the limit; the goods go back */
  | 'not_collected';

export const ORDER_TRANSITIONS: Transitions<OrderStatus> = {
  placed: ['preparing', 'cancelled'],
  // a member may take what has already arrived while the rest is still on its way
  preparing: ['ready', 'partially_handed_over', 'cancelled'],
  ready: ['partially_handed_over', 'handed_over', 'not_collected'],
  partially_handed_over: ['handed_over', 'not_collected'],
  handed_over: [],
  cancelled: [],
  not_collected: [],
};

export const ORDER_STATUSES: readonly OrderStatus[] = statusesOf(ORDER_TRANSITIONS);

/** Orders whose collection code is in use (kept in step with migration 0006's index). */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['placed', 'preparing', 'ready', 'partially_handed_over'];

/** Where a shop's part of an order stands. */
export type PurchaseOrderStatus =
  /** sent to the shop, waiting for its answer */
  | 'sent'
  /** the shop accepted it and is preparing it */
  | 'accepted'
  /** prepared, waiting at the shop for the collection round */
  | 'ready'
  /** fetched by the collection round, stored at the counter */
  | 'collected'
  /** given to the member */
  | 'handed_over'
  /** the shop could supply none of its lines */
  | 'refused'
  /** the order was cancelled */
  | 'cancelled'
  /** the member never came for it: the goods went back to the shop */
  | 'returned';

export const PURCHASE_ORDER_TRANSITIONS: Transitions<PurchaseOrderStatus> = {
  sent: ['accepted', 'refused', 'cancelled'],
  // received at the counter straight from accepted: the goods are in hand even when the merchant forgot « prête »
  accepted: ['ready', 'refused', 'collected'],
  ready: ['collected'],
  collected: ['handed_over', 'returned'],
  handed_over: [],
  refused: [],
  cancelled: [],
  returned: [],
};

export const PURCHASE_ORDER_STATUSES: readonly PurchaseOrderStatus[] = statusesOf(PURCHASE_ORDER_TRANSITIONS);

/** A line of an order. */
export type LineStatus =
  /** ordered: it counts in the totals */
  | 'ordered'
  /** refused by its shop: it no longer counts */
  | 'refused';

export const LINE_TRANSITIONS: Transitions<LineStatus> = {
  ordered: ['refused'],
  refused: [],
};

/** Where an online payment stands. */
export type OnlinePaymentStatus =
  /** the checkout is open at the provider: the resident may be paying */
  | 'pending'
  /** the provider confirmed the money */
  | 'paid'
  /** the payment was declined after the checkout (e.g. a bank debit) */
  | 'failed'
  /** the checkout was left unpaid until it closed */
  | 'expired';

export const ONLINE_PAYMENT_TRANSITIONS: Transitions<OnlinePaymentStatus> = {
  pending: ['paid', 'failed', 'expired'],
  paid: [],
  // the provider says the money moved after all: money that moved is always recorded
  failed: ['paid'],
  expired: ['paid'],
};

/** The status columns of the orders area and their tables. */
export const ORDERS_STATUS_TABLES = {
  'orders.status': ORDER_TRANSITIONS,
  'purchase_orders.status': PURCHASE_ORDER_TRANSITIONS,
  'order_lines.status': LINE_TRANSITIONS,
  'online_payments.status': ONLINE_PAYMENT_TRANSITIONS,
} as const satisfies StatusTables;

/** How the order reached the conciergerie. */
export type Channel = 'site' | 'telephone' | 'courriel' | 'comptoir';
export const CHANNELS: readonly Channel[] = ['site', 'telephone', 'courriel', 'comptoir'];

/** How the member pays: at the counter when collecting, or online when ordering. */
export type PaymentMethod = 'at_counter' | 'online';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['at_counter', 'online'];
/** An order taken by the concierge (phone, mail, counter) is paid at the counter: paying online needs the member at their screen. */
export const DESK_PAYMENT_METHODS: readonly PaymentMethod[] = ['at_counter'];

/** Online payment needs a provider and a known total: goods weighed at the shop are paid at the counter. */
export function canPayOnline(providerEnabled: boolean, lines: ReadonlyArray<{ priceIsEstimate: boolean }>): boolean {
  return providerEnabled && !lines.some((line) => line.priceIsEstimate);
}

/** How a member paid at the counter. */
export type CounterPaymentMethod = 'cash' | 'card' | 'cheque';
export const COUNTER_PAYMENT_METHODS: readonly CounterPaymentMethod[] = ['cash', 'card', 'cheque'];

/** Why a shop refuses a line. */
export type RefusalReason = 'out_of_stock' | 'not_in_time' | 'other';
export const REFUSAL_REASONS: readonly RefusalReason[] = ['out_of_stock', 'not_in_time', 'other'];

/** The purchase-order lists of a merchant. */
export type PurchaseOrderTab = 'to_prepare' | 'ready' | 'done';
export const PURCHASE_ORDER_TABS: Record<PurchaseOrderTab, readonly PurchaseOrderStatus[]> = {
  to_prepare: ['sent', 'accepted'],
  ready: ['ready'],
  done: ['collected', 'handed_over', 'refused', 'cancelled', 'returned'],
};

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 50;
/** Longest free-text line (« à acheter pour moi »). */
export const FREE_TEXT_MAX = 300;
/** A basket is a few lines; more is a mistake or abuse. */
export const MAX_BASKET_LINES = 40;

/** Still at the shop: the collection round has to come by. */
export function awaitsRound(status: PurchaseOrderStatus): boolean {
  return status === 'sent' || status === 'accepted' || status === 'ready';
}

/** Purchase orders that no longer count: nothing will come from them. */
export function isDropped(status: PurchaseOrderStatus): boolean {
  return status === 'refused' || status === 'cancelled';
}

/**
 * The status an order should have given its purchase orders, or undefined when they do
 * not call for a move. Hand-over and non-collection are decided at the counter, not here,
 * except for an order taken in part whose last missing part is refused: it is complete.
 */
export function orderStatusFor(current: OrderStatus, purchaseOrders: readonly PurchaseOrderStatus[]): OrderStatus | undefined {
  const live = purchaseOrders.filter((status) => !isDropped(status));
  let next: OrderStatus | undefined;
  if (live.length === 0) next = 'cancelled';
  else if (live.every((status) => status === 'handed_over')) next = 'handed_over';
  else if (live.every((status) => status === 'collected' || status === 'handed_over')) next = 'ready';
  else if (live.some((status) => status !== 'sent')) next = 'preparing';
  return next && next !== current && canMove(ORDER_TRANSITIONS, current, next) ? next : undefined;
}

/** The member may cancel while no shop has started: the order is placed and every part sent. */
export function canCancel(status: OrderStatus, purchaseOrders: readonly PurchaseOrderStatus[]): boolean {
  return status === 'placed' && purchaseOrders.every((po) => po === 'sent');
}

export function isValidQuantity(quantity: number): boolean {
  return Number.isInteger(quantity) && quantity >= MIN_QUANTITY && quantity <= MAX_QUANTITY;
}

export function lineTotal(unitPriceCents: Cents, quantity: number): Cents {
  return unitPriceCents * quantity;
}

/** Sum of the lines still ordered. */
export function totalOf(lines: ReadonlyArray<{ totalCents: Cents; status: LineStatus }>): Cents {
  return lines.reduce((sum, line) => (line.status === 'ordered' ? sum + line.totalCents : sum), 0);
}

/**
 * Letters and digits that cannot be mistaken for one another when read aloud or
 * handwritten: no 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G.
 */
export const CODE_ALPHABET = 'ACDEFHJKMNPRTUVWXY3479';
export const CODE_LENGTH = 6;

/** A collection code from random bytes (one byte per character, at least CODE_LENGTH). */
export function collectionCodeFrom(bytes: Uint8Array): string {
  let code = '';
  for (let index = 0; index < CODE_LENGTH; index += 1) code += CODE_ALPHABET[bytes[index] % CODE_ALPHABET.length];
  return code;
}

/** What a person types at the counter, tidied: « ac d-e f h » → « ACDEFH ». */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Groups items by shop, keeping the order in which shops first appear. */
export function groupByShop<T extends { shopId: string }>(items: readonly T[]): Array<{ shopId: string; items: T[] }> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.shopId);
    if (group) group.push(item);
    else groups.set(item.shopId, [item]);
  }
  return [...groups].map(([shopId, grouped]) => ({ shopId, items: grouped }));
}

// ---- the counter ----

/** At the counter, ready to be given to the member. */
export function isAtCounter(status: PurchaseOrderStatus): boolean {
  return status === 'collected';
}

/** Orders the counter may hand over from: something may be waiting at the counter. */
export const HANDOVER_ORDER_STATUSES: readonly OrderStatus[] = ['preparing', 'ready', 'partially_handed_over'];

/** Orders waiting for the member to come: reminded, then listed as not collected. */
export const WAITING_ORDER_STATUSES: readonly OrderStatus[] = ['ready', 'partially_handed_over'];

/**
 * The order's status once some purchase orders are handed over (`after` holds every purchase
 * order's status after the hand-over); undefined when it stays as it is.
 */
export function statusAfterHandOver(current: OrderStatus, after: readonly PurchaseOrderStatus[]): OrderStatus | undefined {
  const live = after.filter((status) => !isDropped(status));
  const next: OrderStatus = live.length > 0 && live.every((status) => status === 'handed_over') ? 'handed_over' : 'partially_handed_over';
  return next !== current && canMove(ORDER_TRANSITIONS, current, next) ? next : undefined;
}

/** Whether an order waiting since `readyAt` is older than `days` at `now`. */
export function waitingLongerThan(readyAt: string | null, days: number, now: Date): boolean {
  return readyAt !== null && Date.parse(readyAt) <= now.getTime() - days * 24 * 60 * 60 * 1000;
}

/** The instant before which an order became ready to be waiting longer than `days` at `now`. */
export function readyBefore(days: number, now: Date): string {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
}

// ---- estimated prices (« à acheter pour moi ») ----

/** The highest unit price of a free-text line: it keeps every total within the database's integers. */
export const MAX_ESTIMATE_CENTS = 1_000_000;

/** A line's price may be confirmed while it is an estimate, ordered, and its part of the order is still on its way or at the counter. */
export function canConfirmPrice(line: { priceIsEstimate: boolean; status: LineStatus }, purchaseOrderStatus: PurchaseOrderStatus): boolean {
  return line.priceIsEstimate && line.status === 'ordered' && ['sent', 'accepted', 'ready', 'collected'].includes(purchaseOrderStatus);
}

/** An estimated or confirmed unit price within bounds, or the refusal next to `field`. */
export function checkEstimatePrice(priceCents: number, field: string): void {
  if (!Number.isInteger(priceCents) || priceCents < 1 || priceCents > MAX_ESTIMATE_CENTS) {
    throw new DomainError('desk_price_range', field, { max: formatEuros(MAX_ESTIMATE_CENTS) });
  }
}
