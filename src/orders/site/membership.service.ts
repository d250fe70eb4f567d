// A visitor's request to join (« Je ne suis pas encore adhérent »). Ordering needs a member,
// and membership is made with the concierge, by phone: the request keeps a copy of the
// visitor's basket under a short basket number, shown only to the visitor who asked (their
// session holds the request) and to the concierge. The concierge calls back, registers the
// member, and the desk takes the basket up into the member's phone order by its number,
// at today's prices.
import { randomInt } from 'node:crypto';
import type { Db, Executor } from '../../db/index.ts';
import { orderableOffers } from '../../catalogue/index.ts';
import { actorOf, assertConcierge } from '../../platform/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { createOnce } from '../../platform/idempotency/index.ts';
import { newId } from '../../platform/ids.ts';
import { movableFrom } from '../../platform/transitions.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { insertBasketLines, listBasketLines, setQuantities, setSeenPrices, takeBasketLines } from './basket.repository.ts';
import { readBasket, type Basket } from './basket.service.ts';
import { countPendingRequests, findRequest, findRequestByNumber, insertRequest, listPendingRequests, updateRequestStatus, type MembershipRequest } from './membership.repository.ts';
import { BASKET_NUMBER_COUNT, MEMBERSHIP_REQUEST_TRANSITIONS, basketNumberOf, requestBasketKey, type MembershipRequestStatus } from './membership.rules.ts';
import { MAX_BASKET_LINES, MAX_QUANTITY } from '../orders.rules.ts';

export type { MembershipRequest } from './membership.repository.ts';

/** The requests the back office lists at most. */
export const REQUESTS_SHOWN = 100;

export interface RequestInput {
  name: string;
  /** Normalised (« 04 42 55 00 00 »). */
  phone: string;
  email: string | null;
}

/** A request with its basket as it stands today. */
export interface RequestWithBasket {
  request: MembershipRequest;
  basket: Basket;
}

/** A number no request being handled holds; with ~200 000 numbers, a few draws at most. */
async function freeBasketNumber(trx: Executor): Promise<string> {
  for (;;) {
    const number = basketNumberOf(randomInt(BASKET_NUMBER_COUNT));
    if (!(await findRequestByNumber(trx, number))) return number;
  }
}

/**
 * Copies the orderable offers of one basket into another at today's prices: an offer in both
 * keeps one line with the quantities added (up to the maximum); lines past the basket's limit,
 * free-text lines and offers no longer orderable stay behind. Returns how many came and how
 * many could not.
 */
export async function copyOffers(trx: Executor, fromKey: string, toKey: string): Promise<{ copied: number; missing: number }> {
  const wanted = (await listBasketLines(trx, fromKey)).filter((line) => line.offerId !== null);
  const offers = new Map((await orderableOffers(trx, wanted.map((line) => line.offerId!))).map((offer) => [offer.id, offer]));
  const existing = await listBasketLines(trx, toKey);
  const byOffer = new Map(existing.flatMap((line) => (line.offerId ? [[line.offerId, line] as const] : [])));
  const now = nowIso();
  const updates: Array<{ id: string; quantity: number; priceCents: number }> = [];
  const inserts = [];
  let room = MAX_BASKET_LINES - existing.length;
  for (const line of wanted) {
    const offer = offers.get(line.offerId!);
    const kept = offer ? byOffer.get(offer.id) : undefined;
    if (offer && kept) updates.push({ id: kept.id, quantity: Math.min(MAX_QUANTITY, kept.quantity + line.quantity), priceCents: offer.priceCents });
    else if (offer && room > 0) {
      room -= 1;
      inserts.push({
        id: newId(),
        owner_key: toKey,
        offer_id: offer.id,
        shop_id: offer.shopId,
        title: offer.title,
        unit: offer.unit,
        quantity: line.quantity,
        seen_price_cents: offer.priceCents,
        price_is_estimate: 0,
        created_at: now,
        updated_at: now,
      });
    }
  }
  await setQuantities(trx, toKey, updates, now);
  await setSeenPrices(trx, toKey, updates, now);
  await insertBasketLines(trx, inserts);
  const copied = updates.length + inserts.length;
  return { copied, missing: wanted.length - copied };
}

/**
 * Records a visitor's request with a copy of their basket (`visitorKey`, when they have one);
 * one request per form (`key`), bound to the visitor who was shown the form.
 */
export async function submitMembershipRequest(
  db: Db,
  actor: CurrentAccount | null,
  input: { key: string; visitorId: string; visitorKey: string | undefined; request: RequestInput },
): Promise<string> {
  // An account is a member already, or staff: the form is for visitors. The form's page
  // comes back saying so (a refusal of the form, not a forbidden page).
  if (actor) throw new DomainError('membership_account_exists');
  return createOnce(
    db,
    'membership.request',
    input.key,
    async (trx) => {
      const id = newId();
      const now = nowIso();
      const { name, phone, email } = input.request;
      const basketNumber = await freeBasketNumber(trx);
      await insertRequest(trx, { id, basket_number: basketNumber, status: 'open', name, phone, email, member_id: null, created_at: now, updated_at: now, handled_by_label: null, handled_at: null });
      if (input.visitorKey) await copyOffers(trx, input.visitorKey, requestBasketKey(id));
      return id;
    },
    input.visitorId,
  );
}

async function withBasket(db: Executor, request: MembershipRequest): Promise<RequestWithBasket> {
  return { request, basket: await readBasket(db, requestBasketKey(request.id)) };
}

/** The request the visitor's own session made (the route passes the session's id, never a typed one). */
export async function ownMembershipRequest(db: Executor, sessionRequestId: string | undefined): Promise<RequestWithBasket | undefined> {
  const request = sessionRequestId ? await findRequest(db, sessionRequestId) : undefined;
  return request ? withBasket(db, request) : undefined;
}

/** Requests not filed yet, newest first, each with its basket; and how many there are. */
export async function pendingMembershipRequests(db: Executor, actor: CurrentAccount | null): Promise<{ requests: RequestWithBasket[]; total: number }> {
  assertConcierge(actor);
  const [requests, total] = await Promise.all([listPendingRequests(db, REQUESTS_SHOWN), countPendingRequests(db)]);
  return { requests: await Promise.all(requests.map((request) => withBasket(db, request))), total };
}

export async function countMembershipRequests(db: Executor, actor: CurrentAccount | null): Promise<number> {
  assertConcierge(actor);
  return countPendingRequests(db);
}

export async function getMembershipRequest(db: Executor, actor: CurrentAccount | null, id: string): Promise<MembershipRequest> {
  assertConcierge(actor);
  const request = await findRequest(db, id);
  if (!request) throw notFound();
  return request;
}

/**
 * One request still waiting for its call, with its basket, for the desk that registers its
 * member; undefined once it was taken up or filed (an old link registers nobody from it).
 */
export async function membershipRequestWithBasket(db: Executor, actor: CurrentAccount | null, id: string): Promise<RequestWithBasket | undefined> {
  const request = await getMembershipRequest(db, actor, id);
  return request.status === 'open' ? withBasket(db, request) : undefined;
}

/**
 * The one move of a request's status: checked against the table, made only from the status
 * read (of two clerks handling one request, the second is told), recording who and when.
 */
async function moveRequest(trx: Executor, request: MembershipRequest, to: MembershipRequestStatus, actor: CurrentAccount, memberId?: string): Promise<void> {
  const moved = await updateRequestStatus(trx, request.id, movableFrom(MEMBERSHIP_REQUEST_TRANSITIONS, to, request.status), { status: to, at: nowIso(), label: actorOf(actor).label, memberId });
  if (!moved) throw new DomainError('membership_request_moved');
}

/** « Classer »: the request is handled or needs nothing more; its basket copy goes. */
export async function closeMembershipRequest(db: Db, actor: CurrentAccount | null, id: string): Promise<void> {
  const concierge = assertConcierge(actor);
  await db.transaction().execute(async (trx) => {
    const request = await getMembershipRequest(trx, concierge, id);
    await moveRequest(trx, request, 'closed', concierge);
    const key = requestBasketKey(request.id);
    await takeBasketLines(trx, key);
  });
}

/**
 * « Reprendre le panier n° 4821 K »: copies the request's basket into `toKey` (a member's
 * phone-order basket) at today's prices, once: the request moves to taken_up in the same
 * transaction. The caller checked the member.
 */
export async function takeUpRequestBasket(
  db: Db,
  actor: CurrentAccount | null,
  input: { basketNumber: string; memberId: string; toKey: string },
): Promise<{ request: MembershipRequest; copied: number; missing: number }> {
  const concierge = assertConcierge(actor);
  return db.transaction().execute(async (trx) => {
    const request = await findRequestByNumber(trx, input.basketNumber);
    if (!request) throw new DomainError('membership_request_unknown', 'basket_number');
    await moveRequest(trx, request, 'taken_up', concierge, input.memberId);
    return { request, ...(await copyOffers(trx, requestBasketKey(request.id), input.toKey)) };
  });
}
