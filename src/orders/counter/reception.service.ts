// The concierge's day on the orders side, as the rounds area asks for it: the purchase orders
// the collection round fetches (with their pick lists), reception at the counter (where each
// one is stored, chilled or not), what waits at the counter, who is expected in a day's slots
// and what is late. Reception is the move that makes an order « prête »: when the last
// purchase order due is in, the member is told by mail with the collection code, the place,
// the slot and what is left to pay. Only the concierge reaches any of it.
//
// A purchase order still « acceptée » may be received directly: merchants often hand the bag
// over without clicking « prête », and the goods in the concierge's hands are what counts.
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { findMembersByIds, fullName, type Member } from '../../members/index.ts';
import { getCollectionPoint, listPlacesWithHours, localToUtc } from '../../places/index.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { queueMail, signatureOf, type MailContent } from '../../platform/mail/mail.ts';
import { formatEuros } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { slotText } from '../orders.mails.ts';
import { followPurchaseOrders, lockAndRead, movePurchaseOrder } from '../orders.moves.ts';
import { findPurchaseOrder, listPurchaseOrdersOfOrders } from '../orders.purchase-orders.repository.ts';
import {
  countAtCounter,
  listAtCounter,
  listExpectedOn,
  listLatePurchaseOrders,
  listOverdueOrders,
  listPickLines,
  listRoundPurchaseOrders,
  paidAtCounterCents,
  markRestReady,
  findDestinationKind,
  storeReceived,
  type ExpectedOrder,
  type PickLine,
  type RoundPurchaseOrder,
} from './reception.repository.ts';
import { findOrder } from '../orders.repository.ts';
import { isDropped } from '../orders.rules.ts';
import { addLocalDays } from '../orders.timing.ts';
import { actorOf, assertConcierge } from '../../platform/actor.ts';

export type { ExpectedOrder, PickLine, RoundPurchaseOrder };

/** A round is a day's work: more than this is a backlog to clear, shown as « and more ». */
export const ROUND_LIMIT = 300;
/** Board lists show this many rows at most, with the full count. */
export const BOARD_LIMIT = 100;

/** Who an order is for, as the counter needs it. */
export interface MemberContact {
  memberName: string;
  memberPhone: string | null;
}

async function contactsOf(db: Executor, memberIds: readonly string[]): Promise<Map<string, MemberContact>> {
  const members = await findMembersByIds(db, [...new Set(memberIds)]);
  return new Map(members.map((member: Member) => [member.id, { memberName: fullName(member), memberPhone: member.phone }]));
}

const unknownMember: MemberContact = { memberName: '', memberPhone: null };

// ---- the collection round ----

export interface RoundItem extends RoundPurchaseOrder {
  lines: PickLine[];
}

/**
 * Purchase orders still at the shops whose round leaves on `localDate` or earlier (late ones
 * are fetched too), each with its pick list: two queries in all.
 */
export async function purchaseOrdersForRound(
  db: Executor,
  actor: CurrentAccount | null,
  localDate: string,
  timeZone: string,
): Promise<{ items: RoundItem[]; truncated: boolean }> {
  assertConcierge(actor);
  const endOfDay = localToUtc(addLocalDays(localDate, 1), '00:00', timeZone) ?? `${addLocalDays(localDate, 1)}T00:00:00.000Z`;
  const purchaseOrders = await listRoundPurchaseOrders(db, endOfDay, ROUND_LIMIT + 1);
  const kept = purchaseOrders.slice(0, ROUND_LIMIT);
  const lines = await listPickLines(
    db,
    kept.map((po) => po.id),
  );
  const byPurchaseOrder = new Map<string, PickLine[]>();
  for (const line of lines) byPurchaseOrder.set(line.purchaseOrderId, [...(byPurchaseOrder.get(line.purchaseOrderId) ?? []), line]);
  return { items: kept.map((po) => ({ ...po, lines: byPurchaseOrder.get(po.id) ?? [] })), truncated: purchaseOrders.length > ROUND_LIMIT };
}

// ---- reception at the counter ----

export interface Reception {
  storageLocation: string;
  chilled: boolean;
}

export interface ReceptionResult {
  collectionCode: string;
  /** Everything due is now at the counter. */
  orderComplete: boolean;
  /** The member was sent the « prête » mail (false without an e-mail: call them). */
  memberMailed: boolean;
}

/**
 * The round brought a purchase order back: it is collected, stored at `storageLocation`, and
 * its order follows. Under the order's lock, so of two clerks receiving the same bag one
 * moves it and the other is told it is already in; the mail goes once.
 */
export async function receivePurchaseOrder(
  db: Db,
  config: Config,
  actor: CurrentAccount | null,
  purchaseOrderId: string,
  reception: Reception,
): Promise<ReceptionResult> {
  assertConcierge(actor);
  const storageLocation = reception.storageLocation.trim().replace(/\s+/g, ' ');
  if (storageLocation === '') throw new DomainError('storage_location_required', 'storage_location');
  return db.transaction().execute(async (trx) => {
    const first = await findPurchaseOrder(trx, purchaseOrderId);
    if (!first) throw notFound();
    const order = await lockAndRead(trx, first.orderId);
    if (!order) throw notFound();
    const purchaseOrder = (await findPurchaseOrder(trx, purchaseOrderId))!;
    if (purchaseOrder.status === 'collected' || purchaseOrder.status === 'handed_over') throw new DomainError('purchase_order_already_received');
    if (purchaseOrder.status !== 'ready' && purchaseOrder.status !== 'accepted') throw new DomainError('purchase_order_not_receivable');
    const who = actorOf(actor);
    const note = t(reception.chilled ? 'rounds.event.stored_chilled' : 'rounds.event.stored', { place: storageLocation });
    await movePurchaseOrder(trx, purchaseOrder, 'collected', who, { note });
    if (!(await storeReceived(trx, purchaseOrder.id, storageLocation, reception.chilled, nowIso()))) throw new DomainError('purchase_order_already_received');
    await followPurchaseOrders(trx, order, who);
    const orderComplete = await everythingArrived(trx, order.id);
    if (orderComplete && order.status === 'partially_handed_over') await markRestReady(trx, order.id, nowIso());
    const memberMailed = orderComplete && (await tellMemberReady(trx, config, order.id, order.status === 'partially_handed_over'));
    return { collectionCode: order.collectionCode, orderComplete, memberMailed };
  });
}

/** Every purchase order still due is at the counter (or already given to the member). */
async function everythingArrived(trx: Executor, orderId: string): Promise<boolean> {
  const live = (await listPurchaseOrdersOfOrders(trx, [orderId])).filter((po) => !isDropped(po.status));
  return live.length > 0 && live.every((po) => po.status === 'collected' || po.status === 'handed_over');
}

async function tellMemberReady(trx: Executor, config: Config, orderId: string, restOnly: boolean): Promise<boolean> {
  // read again: following its purchase orders has just moved it
  const order = (await findOrder(trx, orderId))!;
  const [[member], place, paidCents, destination] = await Promise.all([
    findMembersByIds(trx, [order.memberId]),
    getCollectionPoint(trx, order.placeId),
    paidAtCounterCents(trx, order.id),
    findDestinationKind(trx, order.id),
  ]);
  if (!member?.email) return false;
  const mail = readyMail({
    deliveredTo: deliveryOf(destination, place.kind),
    memberName: fullName(member),
    code: order.collectionCode,
    restOnly,
    slot: slotText(order.slotStartAt, order.slotEndAt, config.timeZone),
    slotPassed: order.slotEndAt < nowIso(),
    placeName: place.name,
    placeAddress: `${place.addressLine}, ${place.postalCode} ${place.city}`,
    dueCents: Math.max(0, order.totalCents - paidCents),
    url: `${config.baseUrl}/compte/commandes/${order.id}`,
  });
  await queueMail(trx, member.email, mail, signatureOf(config));
  return true;
}

/** Drop-off points: the run leaves the order there, for the member to collect in their slot. */
const DROP_OFF_KINDS: readonly string[] = ['community_centre', 'residence'];

/** An order a run takes beyond the counter: the mail says when and where it comes, not « venez la chercher ». */
function deliveryOf(destination: { kind: string; deliveryAddress: string | null }, placeKind: string): ReadyMail['deliveredTo'] {
  if (destination.kind === 'home') return { kind: 'home', address: destination.deliveryAddress ?? '' };
  if (destination.kind === 'workplace') return { kind: 'work' };
  return DROP_OFF_KINDS.includes(placeKind) ? { kind: 'drop_off' } : undefined;
}

export interface ReadyMail {
  /** Set when a run brings the order (home, workplace, drop-off point) instead of the member coming to the counter. */
  deliveredTo?: { kind: 'home'; address: string } | { kind: 'work' | 'drop_off' };
  memberName: string;
  code: string;
  /** Part of the order was already taken: this mail is about the rest. */
  restOnly: boolean;
  slot: string;
  slotPassed: boolean;
  placeName: string;
  placeAddress: string;
  dueCents: number;
  url: string;
}

export function readyMail(input: ReadyMail): MailContent {
  if (input.deliveredTo) return readyToLeaveMail(input, input.deliveredTo);
  return {
    subject: t('rounds.mail.ready.subject', { code: input.code }),
    paragraphs: [
      t('orders.mail.hello_name', { name: input.memberName }),
      input.restOnly ? t('rounds.mail.ready.rest') : t('rounds.mail.ready.intro'),
      t('rounds.mail.ready.code', { code: input.code }),
      input.slotPassed
        ? t('rounds.mail.ready.slot_passed', { slot: input.slot, place: input.placeName, address: input.placeAddress })
        : t('rounds.mail.ready.where', { slot: input.slot, place: input.placeName, address: input.placeAddress }),
      input.dueCents > 0 ? t('rounds.mail.ready.due', { amount: formatEuros(input.dueCents) }) : t('rounds.mail.ready.paid'),
      input.url,
    ],
  };
}

/** The same news for an order a run brings: when and where it comes, and what is paid on delivery. */
function readyToLeaveMail(input: ReadyMail, to: NonNullable<ReadyMail['deliveredTo']>): MailContent {
  const where =
    to.kind === 'home'
      ? t('driver.ready.home', { slot: input.slot, address: to.address })
      : t(to.kind === 'work' ? 'driver.ready.work' : 'driver.ready.drop_off', { slot: input.slot, place: input.placeName, address: input.placeAddress });
  const amount = formatEuros(input.dueCents);
  return {
    subject: t('rounds.mail.ready.subject', { code: input.code }),
    paragraphs: [
      t('orders.mail.hello_name', { name: input.memberName }),
      t('driver.ready.intro'),
      t('rounds.mail.ready.code', { code: input.code }),
      where,
      input.dueCents > 0 ? t(to.kind === 'drop_off' ? 'driver.mail.due_drop_off' : 'driver.mail.due', { amount }) : t('driver.mail.paid'),
      input.url,
    ],
  };
}

// ---- the counter and the day ----

export interface CounterItem extends RoundPurchaseOrder, MemberContact {}

/** Received purchase orders waiting at the counter, by storage place, with the member's name. */
export async function atTheCounter(db: Executor, actor: CurrentAccount | null): Promise<{ items: CounterItem[]; total: number }> {
  assertConcierge(actor);
  const [items, total] = await Promise.all([listAtCounter(db, BOARD_LIMIT), countAtCounter(db)]);
  const contacts = await contactsOf(
    db,
    items.map((item) => item.memberId),
  );
  return { items: items.map((item) => ({ ...item, ...(contacts.get(item.memberId) ?? unknownMember) })), total };
}

export interface ExpectedItem extends ExpectedOrder, MemberContact {
  placeName: string;
}

async function withContactsAndPlaces(db: Executor, orders: readonly ExpectedOrder[], placeNames?: Map<string, string>): Promise<ExpectedItem[]> {
  const names = placeNames ?? new Map((await listPlacesWithHours(db)).map((place) => [place.id, place.name]));
  const contacts = await contactsOf(
    db,
    orders.map((order) => order.memberId),
  );
  return orders.map((order) => ({ ...order, ...(contacts.get(order.memberId) ?? unknownMember), placeName: names.get(order.placeId) ?? '' }));
}

/** Orders whose collection slot falls on `localDate`, at every collection point, by slot. */
export async function expectedOn(db: Executor, actor: CurrentAccount | null, localDate: string): Promise<ExpectedItem[]> {
  assertConcierge(actor);
  const places = await listPlacesWithHours(db);
  const orders = await listExpectedOn(
    db,
    places.map((place) => place.id),
    localDate,
    BOARD_LIMIT,
  );
  return withContactsAndPlaces(db, orders, new Map(places.map((place) => [place.id, place.name])));
}

export interface LateThings {
  /** Still not ready at the shop although their round has left. */
  purchaseOrders: RoundPurchaseOrder[];
  /** Slot over, not (fully) collected by the member. */
  orders: ExpectedItem[];
}

export async function lateThings(db: Executor, actor: CurrentAccount | null, nowAt: string): Promise<LateThings> {
  assertConcierge(actor);
  const [purchaseOrders, overdue] = await Promise.all([listLatePurchaseOrders(db, nowAt, BOARD_LIMIT), listOverdueOrders(db, nowAt, BOARD_LIMIT)]);
  return { purchaseOrders, orders: await withContactsAndPlaces(db, overdue) };
}
