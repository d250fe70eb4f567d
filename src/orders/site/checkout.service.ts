// Checkout: from a basket to an order. The earliest collection time follows from each
// line's lead time, the shops' hours at the collection round's times and the collection
// point's hours; the member picks a slot from then on and a payment method, and confirms.
// Placing the order is one transaction: the basket is taken, every price and availability
// is checked again, the slot is booked, the order is split into one purchase order per shop,
// and the mails are queued. An idempotency key per checkout makes a repeat return the same
// order; a second tab with its own key finds the basket already taken.
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import type { OrderLinesTable, PurchaseOrdersTable } from '../../db/schema.ts';
import { orderingShops, type OrderingShop } from '../../catalogue/index.ts';
import { findMembersByIds, fullName } from '../../members/index.ts';
import { listSlots, localDateOf, localToUtc, reserveSlot, type CollectionPoint, type Slot } from '../../places/index.ts';
import { nowIso } from '../../platform/clock.ts';
import { t } from '../../platform/i18n/index.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { isLocalDate } from '../../platform/calendar.ts';
import { newId } from '../../platform/ids.ts';
import { createOnce } from '../../platform/idempotency/index.ts';
import { findResult } from '../../platform/idempotency/idempotency.repository.ts';
import { queueMails, signatureOf, type MailContent } from '../../platform/mail/mail.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { takeBasketLines } from './basket.repository.ts';
import { accountBasketKey, describeBasket, readBasket, type Basket } from './basket.service.ts';
import { confirmationMail, newPurchaseOrderMail, slotText } from '../orders.mails.ts';
import { eventRow } from '../orders.moves.ts';
import { insertPurchaseOrders } from '../orders.purchase-orders.repository.ts';
import { insertEvents, insertOrder, insertOrderLines, newCollectionCode } from '../orders.repository.ts';
import { canPayOnline, groupByShop, type Channel, type PaymentMethod } from '../orders.rules.ts';
import { addLocalDays, planCollection, type TimingSettings } from '../orders.timing.ts';
import { actorOf, requireRole } from '../../platform/actor.ts';
import { collectionPointsOnly, destinationsFor, resolveDestination, runSlot, type Destination, type DestinationParams, type Destinations } from './checkout.destinations.ts';

/** Whose basket becomes an order, for which member, through which channel. */
export interface Buyer {
  ownerKey: string;
  memberId: string;
  channel: Channel;
}

export interface CheckoutChoice {
  /** A place's id, or HOME for a home delivery (see checkout.destinations.ts). */
  placeId: string;
  slotStartAt: string;
  paymentMethod: PaymentMethod;
  /** The address typed for a home delivery. */
  address?: string;
  postalCode?: string;
}

/** Days of slots shown at once: a short list reads better than a month of radio buttons. */
export const SLOT_DAYS_SHOWN = 3;
const SLOT_SEARCH_DAYS = 14;

/** A resident orders from their own basket, for their own member row, on the site. */
export function residentBuyer(actor: CurrentAccount | null): Buyer {
  const resident = requireRole(actor, 'resident');
  if (!resident.memberId) throw new DomainError('member_required');
  return { ownerKey: accountBasketKey(resident.id), memberId: resident.memberId, channel: 'site' };
}

/** A resident may only be their own buyer; the concierge orders for any member. */
function checkBuyer(actor: CurrentAccount | null, buyer: Buyer): void {
  if (actor?.role === 'concierge') return;
  const own = residentBuyer(actor);
  if (own.ownerKey !== buyer.ownerKey || own.memberId !== buyer.memberId || own.channel !== buyer.channel) throw notFound();
}

export function timingOf(config: Config): TimingSettings {
  return { roundTimes: config.collectionRoundTimes, roundMinutes: config.collectionRoundMinutes, timeZone: config.timeZone };
}

export interface CheckoutPlan {
  basket: Basket;
  shops: OrderingShop[];
  /** Planned round departure per shop id. */
  rounds: Map<string, string>;
  /** The earliest instant a slot may start. */
  notBeforeAt: string;
}

async function planFor(db: Executor, config: Config, basket: Basket, nowAt: string): Promise<CheckoutPlan> {
  if (basket.items.length === 0) throw new DomainError('basket_empty');
  if (basket.needsReview) throw new DomainError('basket_needs_review');
  const shops = await orderingShops(db, basket.groups.map((group) => group.shopId));
  const hoursOf = new Map(shops.map((shop) => [shop.id, shop.hours]));
  const lines = basket.items.map((item) => ({ shopId: item.line.shopId, leadTimeDays: item.offer?.leadTimeDays ?? 0 }));
  const plan = planCollection(nowAt, lines, hoursOf, timingOf(config));
  if (!plan.ok) {
    const shop = basket.groups.find((group) => group.shopId === plan.shopId)?.shopName ?? '';
    throw new DomainError('no_collection_round', undefined, { shop });
  }
  return { basket, shops, rounds: plan.rounds, notBeforeAt: plan.notBeforeAt };
}

/** The basket ready to be ordered, with its earliest collection time. */
export async function checkoutPlan(db: Executor, config: Config, actor: CurrentAccount | null, buyer: Buyer): Promise<CheckoutPlan> {
  checkBuyer(actor, buyer);
  return planFor(db, config, await readBasket(db, buyer.ownerKey), nowIso());
}

/** The places the concierge's phone desk offers: collection points, never a company's stop. */
export async function collectionPoints(db: Executor): Promise<CollectionPoint[]> {
  return collectionPointsOnly(db);
}

/** What the member may choose on the first step, the basket checked first. */
export async function checkoutDestinations(db: Executor, config: Config, actor: CurrentAccount | null, buyer: Buyer): Promise<Destinations> {
  const plan = await checkoutPlan(db, config, actor, buyer);
  return destinationsFor(db, config, buyer.memberId, { nowAt: nowIso(), notBeforeAt: plan.notBeforeAt });
}

function paramsOf(choice: string | DestinationParams): DestinationParams {
  return typeof choice === 'string' ? { placeId: choice } : choice;
}

export interface SlotDay {
  localDate: string;
  slots: Slot[];
}

export interface SlotChoice {
  plan: CheckoutPlan;
  destination: Destination;
  place: CollectionPoint;
  days: SlotDay[];
  /** The local date to look from for later days, when there are any. */
  laterFrom: string | undefined;
}

/** The first days with open slots at a collection point, from the earliest possible time (or a later date). */
export async function slotChoice(
  db: Executor,
  config: Config,
  actor: CurrentAccount | null,
  buyer: Buyer,
  chosen: string | DestinationParams,
  fromDate?: string,
  daysShown = SLOT_DAYS_SHOWN,
): Promise<SlotChoice> {
  const plan = await checkoutPlan(db, config, actor, buyer);
  const destination = await resolveDestination(db, config, buyer.memberId, paramsOf(chosen), { nowAt: nowIso(), notBeforeAt: plan.notBeforeAt });
  const { place } = destination;
  const placeId = place.id;
  // A made-up date (2026-02-31) is ignored rather than read as another day.
  // isLocalDate first: 9999-99-99 is no date at all, and adding days to it would throw.
  const validFrom = fromDate && isLocalDate(fromDate) ? fromDate : undefined;
  const fromAt = validFrom ? localToUtc(validFrom, '00:00', config.timeZone) : undefined;
  const notBeforeAt = fromAt && fromAt > plan.notBeforeAt ? fromAt : plan.notBeforeAt;
  const slots = await listSlots(db, placeId, { notBeforeAt, days: SLOT_SEARCH_DAYS, timeZone: config.timeZone });
  const days = groupByDay(slots);
  const shown = days.slice(0, daysShown);
  const laterFrom = days.length > daysShown ? addLocalDays(shown[shown.length - 1].localDate, 1) : undefined;
  return { plan, destination, place, days: shown, laterFrom };
}

export interface CheckedChoice {
  plan: CheckoutPlan;
  destination: Destination;
  place: CollectionPoint;
  slot: Slot;
}

/** The chosen slot, if it is still open and late enough for this basket; slot_unavailable otherwise. */
export async function checkChoice(db: Executor, config: Config, actor: CurrentAccount | null, buyer: Buyer, chosen: string | DestinationParams, slotStartAt: string): Promise<CheckedChoice> {
  const plan = await checkoutPlan(db, config, actor, buyer);
  const nowAt = nowIso();
  const destination = await resolveDestination(db, config, buyer.memberId, paramsOf(chosen), { nowAt, notBeforeAt: plan.notBeforeAt });
  const { place } = destination;
  const placeId = place.id;
  const startMs = Date.parse(slotStartAt);
  if (Number.isNaN(startMs)) throw new DomainError('slot_unavailable', 'slot');
  const startAt = new Date(startMs).toISOString();
  if (destination.run) {
    // The run is computed, not chosen: a page left open past the cut-off names a run gone.
    if (destination.run.startAt !== startAt) throw new DomainError('slot_unavailable', 'slot');
    return { plan, destination, place, slot: runSlot(place, destination.run, nowAt, config.timeZone) };
  }
  const dayStart = localToUtc(localDateOf(startAt, config.timeZone), '00:00', config.timeZone) ?? startAt;
  const notBeforeAt = dayStart > plan.notBeforeAt ? dayStart : plan.notBeforeAt;
  const slots = await listSlots(db, placeId, { notBeforeAt, days: 1, timeZone: config.timeZone });
  const slot = slots.find((candidate) => candidate.startAt === startAt);
  if (!slot) throw new DomainError('slot_unavailable', 'slot');
  return { plan, destination, place, slot };
}

function groupByDay(slots: readonly Slot[]): SlotDay[] {
  const days: SlotDay[] = [];
  for (const slot of slots) {
    const last = days[days.length - 1];
    if (last?.localDate === slot.localDate) last.slots.push(slot);
    else days.push({ localDate: slot.localDate, slots: [slot] });
  }
  return days;
}

/** Work that must commit with the new order or not at all (e.g. marking the mail it came from). */
export type WithOrder = (trx: Executor, orderId: string) => Promise<void>;

/**
 * Places the buyer's basket as an order; returns its id. The same idempotency key always
 * returns the same order, however many times and however concurrently it is sent.
 */
export async function placeOrder(
  db: Db,
  config: Config,
  actor: CurrentAccount | null,
  buyer: Buyer,
  choice: CheckoutChoice,
  idempotencyKey: string,
  withOrder?: WithOrder,
): Promise<string> {
  checkBuyer(actor, buyer);
  const scope = `order.place:${buyer.ownerKey}`;
  try {
    return await createOnce(db, scope, idempotencyKey, async (trx, offeredId) => {
      const orderId = await placeOrderIn(trx, config, actor, buyer, choice, offeredId);
      await withOrder?.(trx, orderId);
      return orderId;
    });
  } catch (error) {
    // A repeat that lost the race finds the basket taken: the first submission's order is its answer.
    const winner = await findResult(db, scope, idempotencyKey);
    if (winner) return winner;
    throw error;
  }
}

async function placeOrderIn(trx: Executor, config: Config, actor: CurrentAccount | null, buyer: Buyer, choice: CheckoutChoice, orderId: string): Promise<string> {
  const now = nowIso();
  // Taking the lines first queues concurrent checkouts of one basket here: only one gets them.
  const lines = await takeBasketLines(trx, buyer.ownerKey);
  if (lines.length === 0) throw new DomainError('basket_empty');
  const plan = await planFor(trx, config, await describeBasket(trx, lines), now);
  const pricesKnown = plan.basket.items.map((item) => ({ priceIsEstimate: item.line.priceIsEstimate }));
  if (choice.paymentMethod === 'online' && !canPayOnline(config.payments.provider !== 'none', pricesKnown)) throw new DomainError('online_payment_unavailable', 'payment');
  const destination = await resolveDestination(trx, config, buyer.memberId, choice, { nowAt: now, notBeforeAt: plan.notBeforeAt });
  const slot = await slotOfDestination(trx, config, destination, choice.slotStartAt, { nowAt: now, notBeforeAt: plan.notBeforeAt });
  const [member] = await findMembersByIds(trx, [buyer.memberId]);
  if (!member) throw notFound();
  const place = destination.place;
  const order = buildOrder(plan, { orderId, buyer, choice, destination, slot, actor, code: await newCollectionCode(trx), now });
  await insertOrder(trx, order.row);
  await insertPurchaseOrders(trx, order.purchaseOrders);
  await insertOrderLines(trx, order.lines);
  await insertEvents(trx, order.events);
  const email = member.email ?? (actor?.role === 'resident' ? actor.email : null);
  await queueOrderMails(trx, config, { plan, order, slot, place, destination, memberName: fullName(member), email });
  return order.row.id;
}

/** A run is checked, not booked (the van takes every order of its run); a slot is booked. */
async function slotOfDestination(trx: Executor, config: Config, destination: Destination, slotStartAt: string, times: { nowAt: string; notBeforeAt: string }): Promise<Slot> {
  if (!destination.run) return reserveSlot(trx, destination.place.id, slotStartAt, { notBeforeAt: times.notBeforeAt, timeZone: config.timeZone });
  if (Date.parse(destination.run.startAt) !== Date.parse(slotStartAt)) throw new DomainError('slot_unavailable', 'slot');
  return runSlot(destination.place, destination.run, times.nowAt, config.timeZone);
}

interface PlacedOrder {
  plan: CheckoutPlan;
  order: ReturnType<typeof buildOrder>;
  slot: Slot;
  place: CollectionPoint;
  destination: Destination;
  memberName: string;
  /** Null for a member without e-mail (the concierge tells them by phone). */
  email: string | null;
}

/** The member's confirmation with the code, and « Nouvelle commande à préparer » to each shop: one insert. */
async function queueOrderMails(trx: Executor, config: Config, placed: PlacedOrder): Promise<void> {
  const { plan, order, slot, place } = placed;
  const mails: Array<{ recipients: string[]; content: MailContent }> = [];
  if (placed.email) {
    const content = confirmationMail({
      memberName: placed.memberName,
      code: order.row.collection_code,
      slot: slotText(slot.startAt, slot.endAt, config.timeZone),
      placeName: placed.destination.kind === 'home' ? t('delivery.checkout.home_option') : place.name,
      placeAddress: placed.destination.address ?? `${place.addressLine}, ${place.postalCode} ${place.city}`,
      shops: plan.basket.groups.map((group) => ({ name: group.shopName, lines: group.items.map(mailLineOf) })),
      totalCents: plan.basket.totalCents,
      url: `${config.baseUrl}/compte/commandes/${order.row.id}`,
      paysOnline: order.row.payment_method === 'online',
    });
    mails.push({ recipients: [placed.email], content });
  }
  for (const purchaseOrder of order.purchaseOrders) {
    const shop = plan.shops.find((candidate) => candidate.id === purchaseOrder.shop_id);
    const group = plan.basket.groups.find((candidate) => candidate.shopId === purchaseOrder.shop_id)!;
    const content = newPurchaseOrderMail({
      code: order.row.collection_code,
      lines: group.items.map(mailLineOf),
      totalCents: group.subtotalCents,
      roundAt: purchaseOrder.collection_round_at,
      timeZone: config.timeZone,
      url: `${config.baseUrl}/boutique/${purchaseOrder.shop_id}/commandes/${purchaseOrder.id}`,
    });
    mails.push({ recipients: shop?.notifyEmails ?? [], content });
  }
  await queueMails(trx, mails, signatureOf(config));
}

function mailLineOf(item: Basket['items'][number]) {
  return { title: item.line.title, quantity: item.line.quantity, totalCents: item.totalCents, priceIsEstimate: item.line.priceIsEstimate };
}

interface OrderFacts {
  orderId: string;
  buyer: Buyer;
  choice: CheckoutChoice;
  destination: Destination;
  slot: Slot;
  actor: CurrentAccount | null;
  code: string;
  now: string;
}

/** The rows of a new order: the order, one purchase order per shop, the lines and the first history. */
function buildOrder(plan: CheckoutPlan, facts: OrderFacts) {
  const { orderId } = facts;
  const actor = actorOf(facts.actor);
  const purchaseOrders: PurchaseOrdersTable[] = [];
  const lines: OrderLinesTable[] = [];
  for (const group of groupByShop(plan.basket.items.map((item) => ({ ...item, shopId: item.line.shopId })))) {
    const id = newId();
    const subtotal = group.items.reduce((sum, item) => sum + item.totalCents, 0);
    const round = plan.rounds.get(group.shopId)!;
    purchaseOrders.push({ id, order_id: orderId, shop_id: group.shopId, status: 'sent', total_cents: subtotal, collection_round_at: round, created_at: facts.now, updated_at: facts.now });
    for (const item of group.items) {
      lines.push({
        id: newId(),
        order_id: orderId,
        purchase_order_id: id,
        shop_id: group.shopId,
        offer_id: item.line.offerId,
        title: item.line.title,
        unit: item.line.unit,
        quantity: item.line.quantity,
        unit_price_cents: item.priceCents,
        vat_rate_bp: item.offer?.vatRateBp ?? DEFAULT_VAT_RATE_BP,
        total_cents: item.totalCents,
        price_is_estimate: item.line.priceIsEstimate ? 1 : 0,
        status: 'ordered',
        refusal_reason: null,
        refusal_note: null,
        position: lines.length + 1,
      });
    }
  }
  const row = {
    id: orderId,
    member_id: facts.buyer.memberId,
    placed_by_account_id: facts.actor?.id ?? null,
    channel: facts.buyer.channel,
    status: 'placed',
    place_id: facts.destination.place.id,
    destination_kind: facts.destination.kind,
    delivery_address: facts.destination.address,
    slot_start_at: facts.slot.startAt,
    slot_end_at: facts.slot.endAt,
    slot_local_date: facts.slot.localDate,
    payment_method: facts.choice.paymentMethod,
    collection_code: facts.code,
    total_cents: plan.basket.totalCents,
    placed_at: facts.now,
    updated_at: facts.now,
  };
  const events = [
    eventRow(orderId, actor, 'order_status', { to: 'placed', at: facts.now }),
    ...purchaseOrders.map((po) => eventRow(orderId, actor, 'purchase_order_status', { purchaseOrderId: po.id, to: 'sent', at: facts.now })),
  ];
  return { row, purchaseOrders, lines, events };
}

/** A free-text line's VAT until its price is confirmed: the standard rate. */
const DEFAULT_VAT_RATE_BP = 2000;
