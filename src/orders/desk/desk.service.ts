// Orders the concierge takes for a member — by phone, by e-mail or at the counter. The
// concierge finds the member (or registers them on the spot), fills a basket kept apart
// for that member (`desk:<memberId>`, so the member's own site basket is untouched) with
// catalogue offers and « à acheter pour moi » lines at an estimated price, and places the
// order through the same checkout as the site, with the channel recorded. The estimated
// price is confirmed later, on the order's record (orders.price.service.ts).
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { memberShopChoices, searchCatalogue, type OfferCard } from '../../catalogue/index.ts';
import { getMember, registerMember, searchMembers, type Member, type MemberInput } from '../../members/index.ts';
import { markInboundMailConverted, readInboundMail, type InboundMail } from '../../notifications/index.ts';
import { DomainError } from '../../platform/errors.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { acceptChanges, addFreeTextLine, addToBasket, changeQuantity, readBasket, removeLine, type Basket } from '../site/basket.service.ts';
import { takeBasketLines } from '../site/basket.repository.ts';
import { takeUpRequestBasket } from '../site/membership.service.ts';
import { openOrdersInSlots, type UpcomingOrder } from './desk.repository.ts';
import { checkoutDestinations, collectionPoints, placeOrder, type Buyer, type CheckoutChoice } from '../site/checkout.service.ts';
import type { Destinations } from '../site/checkout.destinations.ts';
import { checkEstimatePrice, type Channel } from '../orders.rules.ts';
import { actorOf, assertConcierge } from '../../platform/actor.ts';

/** The channels of an order the concierge takes (the site is the member's own). */
export const DESK_CHANNELS: readonly Channel[] = ['telephone', 'courriel', 'comptoir'];

/** Offers shown for one catalogue search at the desk. */
export const DESK_SEARCH_LIMIT = 24;

/** The basket the concierge fills for a member: one per member, apart from their site basket. */
export function deskBasketKey(memberId: string): string {
  return `desk:${memberId}`;
}

export function deskBuyer(memberId: string, channel: Channel): Buyer {
  return { ownerKey: deskBasketKey(memberId), memberId, channel };
}

/** Members by name, phone or e-mail, a page at a time. */
export async function findMembers(db: Executor, actor: CurrentAccount | null, query: string, page: number) {
  assertConcierge(actor);
  return searchMembers(db, actor, query, page);
}

/** A member registered on the spot, without site access: one per idempotency key. */
export async function registerDeskMember(db: Db, config: Config, actor: CurrentAccount | null, key: string, input: MemberInput): Promise<string> {
  return registerMember(db, config, actor, key, input, false);
}

export interface DeskBasket {
  member: Member;
  basket: Basket;
  /** Member shops, by name, for a free-text line. */
  shops: Array<{ id: string; name: string }>;
  /** Catalogue offers matching the search, when there is one. */
  offers: OfferCard[] | undefined;
}

/** The member, their desk basket, and the offers matching `query` (when given). */
export async function deskBasket(db: Executor, actor: CurrentAccount | null, memberId: string, query?: string): Promise<DeskBasket> {
  assertConcierge(actor);
  const member = await getMember(db, actor, memberId);
  const searched = query?.trim() ? searchCatalogue(db, query) : undefined;
  const [basket, shops, found] = await Promise.all([readBasket(db, deskBasketKey(member.id)), memberShopChoices(db), searched]);
  return { member, basket, shops, offers: found?.searched ? found.offers : found ? [] : undefined };
}

/** The member must exist before anything goes into their basket. */
async function memberKey(db: Executor, actor: CurrentAccount | null, memberId: string): Promise<string> {
  assertConcierge(actor);
  return deskBasketKey((await getMember(db, actor, memberId)).id);
}

export async function addOfferForMember(db: Db, actor: CurrentAccount | null, memberId: string, offerId: string, quantity: number): Promise<void> {
  await addToBasket(db, await memberKey(db, actor, memberId), offerId, quantity);
}

export interface FreeTextInput {
  shopId: string;
  title: string;
  estimatedPriceCents: number;
  quantity: number;
}

/** « À acheter pour moi »: a member shop, the member's words and an estimated price. */
export async function addFreeTextForMember(db: Db, actor: CurrentAccount | null, memberId: string, input: FreeTextInput): Promise<void> {
  const key = await memberKey(db, actor, memberId);
  checkEstimatePrice(input.estimatedPriceCents, 'price');
  const shops = await memberShopChoices(db);
  if (!shops.some((shop) => shop.id === input.shopId)) throw new DomainError('desk_shop_unknown', 'shop_id');
  await addFreeTextLine(db, key, input);
}

export async function changeDeskQuantity(db: Db, actor: CurrentAccount | null, memberId: string, lineId: string, quantity: number): Promise<void> {
  await changeQuantity(db, await memberKey(db, actor, memberId), lineId, quantity);
}

export async function removeDeskLine(db: Db, actor: CurrentAccount | null, memberId: string, lineId: string): Promise<void> {
  await removeLine(db, await memberKey(db, actor, memberId), lineId);
}

/** The concierge read the changes to the member (a new price, an offer gone) and accepts them. */
export async function acceptDeskChanges(db: Db, actor: CurrentAccount | null, memberId: string): Promise<void> {
  await acceptChanges(db, await memberKey(db, actor, memberId));
}

/** The mail an order is taken from, when the desk was opened from the inbox; 404 when unknown. */
export async function deskMail(db: Executor, actor: CurrentAccount | null, mailId: string | undefined): Promise<InboundMail | undefined> {
  assertConcierge(actor);
  return mailId ? readInboundMail(db, actor, mailId) : undefined;
}

/**
 * Places the member's desk basket as an order through `channel`; the same key returns the
 * same order. The mail it came from is marked as turned into this order in the order's own
 * transaction: of two clerks working from one mail, the second is told it was handled and
 * their order is not placed.
 */
export async function placeDeskOrder(
  db: Db,
  config: Config,
  actor: CurrentAccount | null,
  input: { memberId: string; channel: Channel; choice: CheckoutChoice; idempotencyKey: string; mailId?: string },
): Promise<string> {
  assertConcierge(actor);
  if (!DESK_CHANNELS.includes(input.channel)) throw new DomainError('bad_request', 'canal');
  const member = await getMember(db, actor, input.memberId);
  const mail = await deskMail(db, actor, input.mailId);
  const label = actorOf(actor).label;
  const markMail = mail
    ? async (trx: Executor, orderId: string) => {
        if (!(await markInboundMailConverted(trx, mail.id, orderId, label))) throw new DomainError('inbox_mail_already_handled');
      }
    : undefined;
  return placeOrder(db, config, actor, deskBuyer(member.id, input.channel), input.choice, input.idempotencyKey, markMail);
}

/** « Vider le panier »: a basket left from an earlier call is not wanted any more. */
export async function emptyDeskBasket(db: Db, actor: CurrentAccount | null, memberId: string): Promise<void> {
  const key = await memberKey(db, actor, memberId);
  await db.transaction().execute(async (trx) => {
    await takeBasketLines(trx, key);
  });
}

/** « Reprendre le panier n° 4821 K »: a membership request's basket joins the member's desk basket, at today's prices. */
export async function takeUpForMember(db: Db, actor: CurrentAccount | null, memberId: string, basketNumber: string) {
  return takeUpRequestBasket(db, actor, { basketNumber, memberId, toKey: await memberKey(db, actor, memberId) });
}

/** The member's orders still to collect in one of these slots: a warning, never a refusal. */
export async function ordersInSameSlots(db: Executor, actor: CurrentAccount | null, memberId: string, slotStarts: readonly string[]): Promise<UpcomingOrder[]> {
  assertConcierge(actor);
  return openOrdersInSlots(db, memberId, slotStarts);
}

/**
 * Where the member's order may go, as the desk offers it: the checkout's own destinations
 * (their company's run, home delivery when open to them) once the basket holds something;
 * the collection points alone before.
 */
export async function deskDestinations(db: Executor, config: Config, actor: CurrentAccount | null, memberId: string, basketFilled: boolean): Promise<Destinations> {
  assertConcierge(actor);
  const pointsOnly = async (): Promise<Destinations> => ({ points: await collectionPoints(db), work: null, homeOpen: false, memberAddress: { addressLine: '', postalCode: '' } });
  if (!basketFilled) return pointsOnly();
  try {
    return await checkoutDestinations(db, config, actor, deskBuyer(memberId, 'telephone'));
  } catch (error) {
    // a basket the checkout refuses as it is (a paused offer…): the basket page says why
    if (error instanceof DomainError && error.status !== 404) return pointsOnly();
    throw error;
  }
}
