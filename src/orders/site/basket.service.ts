// The basket: lines across shops, kept in the database for a resident (and for a visitor,
// by the session's visitor id, until they log in and it joins theirs). Prices and
// availability are always read again from the catalogue: a line whose offer is no longer
// orderable, or whose price changed since the person saw it, is flagged and must be
// acknowledged before checkout — never charged silently.
import type { Db, Executor } from '../../db/index.ts';
import { orderableOffers, shopNames, type Offer } from '../../catalogue/index.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Job } from '../../platform/jobs.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import {
  changeOwner,
  countBasketLines,
  deleteBasketLines,
  deleteVisitorLinesBefore,
  findBasketLineOfOffer,
  insertBasketLines,
  listBasketLines,
  setQuantities,
  setSeenPrices,
  updateBasketLine,
  type BasketLine,
} from './basket.repository.ts';
import { FREE_TEXT_MAX, groupByShop, isValidQuantity, MAX_BASKET_LINES, MAX_QUANTITY } from '../orders.rules.ts';

export function accountBasketKey(accountId: string): string {
  return `account:${accountId}`;
}

export function visitorBasketKey(visitorId: string): string {
  return `visitor:${visitorId}`;
}

/** The lines of a resident's or a visitor's basket, for « Panier (2) » in the navigation; other accounts have none. */
export async function basketLineCount(db: Executor, holder: { account: Pick<CurrentAccount, 'id' | 'role'> | null; visitorId: string | undefined }): Promise<number> {
  if (holder.account) return holder.account.role === 'resident' ? countBasketLines(db, accountBasketKey(holder.account.id)) : 0;
  return holder.visitorId ? countBasketLines(db, visitorBasketKey(holder.visitorId)) : 0;
}

/** A basket line with what the catalogue says of it now. */
export interface BasketItem {
  line: BasketLine;
  /** The offer as it is now; undefined when it can no longer be ordered (paused, withdrawn…). */
  offer: Offer | undefined;
  /** The price that would be charged now (the seen one for a free-text line). */
  priceCents: number;
  /** The offer left the catalogue or was paused. */
  unavailable: boolean;
  /** The price changed since the person saw it. */
  priceChanged: boolean;
  totalCents: number;
}

export interface BasketGroup {
  shopId: string;
  shopName: string;
  items: BasketItem[];
  subtotalCents: number;
}

export interface Basket {
  groups: BasketGroup[];
  items: BasketItem[];
  totalCents: number;
  /** Something changed that the person must see and accept before ordering. */
  needsReview: boolean;
}

function itemOf(line: BasketLine, offers: ReadonlyMap<string, Offer>): BasketItem {
  if (line.offerId === null) {
    return { line, offer: undefined, priceCents: line.seenPriceCents, unavailable: false, priceChanged: false, totalCents: line.seenPriceCents * line.quantity };
  }
  const offer = offers.get(line.offerId);
  const priceCents = offer?.priceCents ?? line.seenPriceCents;
  return {
    // The offer's words as they are now (the merchant may have corrected a title).
    line: offer ? { ...line, title: offer.title, unit: offer.unit } : line,
    offer,
    priceCents,
    unavailable: offer === undefined,
    priceChanged: offer !== undefined && offer.priceCents !== line.seenPriceCents,
    totalCents: offer ? priceCents * line.quantity : 0,
  };
}

/** The basket as it stands now, grouped by shop with subtotals: three queries. */
export async function readBasket(db: Executor, ownerKey: string): Promise<Basket> {
  return describeBasket(db, await listBasketLines(db, ownerKey));
}

/** Lines already read, with the catalogue's current prices and availability; `knownNames`: the shops' names when the caller has read them already. */
export async function describeBasket(db: Executor, lines: readonly BasketLine[], knownNames?: ReadonlyMap<string, string>): Promise<Basket> {
  const offerIds = lines.flatMap((line) => (line.offerId ? [line.offerId] : []));
  const [offers, names] = await Promise.all([orderableOffers(db, offerIds), knownNames ?? shopNames(db, lines.map((line) => line.shopId))]);
  const byId = new Map(offers.map((offer) => [offer.id, offer]));
  const items = lines.map((line) => itemOf(line, byId));
  const groups = groupByShop(items.map((item) => ({ ...item, shopId: item.line.shopId }))).map(({ shopId, items: grouped }) => ({
    shopId,
    shopName: names.get(shopId) ?? '',
    items: grouped,
    subtotalCents: grouped.reduce((sum, item) => sum + item.totalCents, 0),
  }));
  return {
    groups,
    items,
    totalCents: items.reduce((sum, item) => sum + item.totalCents, 0),
    needsReview: items.some((item) => item.unavailable || item.priceChanged),
  };
}

function checkQuantity(quantity: number): void {
  if (!isValidQuantity(quantity)) throw new DomainError('basket_quantity', 'quantity', { max: MAX_QUANTITY });
}

/** A retry after a unique-key clash: two adds of the same offer at once. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function addOffer(trx: Executor, ownerKey: string, offer: Offer, quantity: number): Promise<void> {
  const now = nowIso();
  const existing = await findBasketLineOfOffer(trx, ownerKey, offer.id);
  if (existing) {
    const total = existing.quantity + quantity;
    if (total > MAX_QUANTITY) throw new DomainError('basket_quantity_total', 'quantity', { max: MAX_QUANTITY, already: existing.quantity });
    // The person is looking at the offer: the price they see now is the one they accept.
    await updateBasketLine(trx, ownerKey, existing.id, { quantity: total, seen_price_cents: offer.priceCents, updated_at: now });
    return;
  }
  if ((await countBasketLines(trx, ownerKey)) >= MAX_BASKET_LINES) throw new DomainError('basket_full', 'quantity', { max: MAX_BASKET_LINES });
  await insertBasketLines(trx, [newLineRow(ownerKey, offer, quantity, now)]);
}

/** Adds an orderable offer (or more of it) to the basket; returns the offer as added. */
export async function addToBasket(db: Db, ownerKey: string, offerId: string, quantity: number): Promise<Offer> {
  checkQuantity(quantity);
  const [offer] = await orderableOffers(db, [offerId]);
  if (!offer) throw new DomainError('offer_unavailable', 'offer_id');
  const attempt = () => db.transaction().execute((trx) => addOffer(trx, ownerKey, offer, quantity));
  try {
    await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await attempt();
  }
  return offer;
}

/** « 2 articles, 51,50 € »: units that can still be ordered, and what they cost now. */
export function summarizeBasket(basket: Basket): { articleCount: number; totalCents: number } {
  const orderable = basket.items.filter((item) => !item.unavailable);
  return { articleCount: orderable.reduce((sum, item) => sum + item.line.quantity, 0), totalCents: basket.totalCents };
}

export interface FreeTextLine {
  shopId: string;
  /** What to buy, in the member's words (« une carte d’anniversaire pour ma petite-fille »). */
  title: string;
  quantity: number;
  /** An estimate, confirmed later by the concierge. */
  estimatedPriceCents: number;
}

/**
 * Adds a line that is not in the catalogue (« à acheter pour moi »): its shop, words and an
 * estimated price; it has no offer, so nothing about it can change under the member.
 */
export async function addFreeTextLine(db: Db, ownerKey: string, line: FreeTextLine): Promise<void> {
  checkQuantity(line.quantity);
  const title = line.title.trim();
  if (title.length === 0 || title.length > FREE_TEXT_MAX) throw new DomainError('bad_request', 'title');
  if (!Number.isInteger(line.estimatedPriceCents) || line.estimatedPriceCents < 0) throw new DomainError('offer_price', 'price');
  await db.transaction().execute(async (trx) => {
    if ((await countBasketLines(trx, ownerKey)) >= MAX_BASKET_LINES) throw new DomainError('basket_full', 'quantity', { max: MAX_BASKET_LINES });
    const now = nowIso();
    await insertBasketLines(trx, [
      {
        id: newId(),
        owner_key: ownerKey,
        offer_id: null,
        shop_id: line.shopId,
        title,
        unit: '',
        quantity: line.quantity,
        seen_price_cents: line.estimatedPriceCents,
        price_is_estimate: 1,
        created_at: now,
        updated_at: now,
      },
    ]);
  });
}

/** Forgets visitors' baskets older than a session can live; returns how many lines went. */
export async function forgetAbandonedBaskets(db: Executor, sessionMaxAgeSeconds: number, nowAt = nowIso()): Promise<number> {
  return deleteVisitorLinesBefore(db, new Date(Date.parse(nowAt) - sessionMaxAgeSeconds * 1000).toISOString());
}

/** A visitor's basket untouched for longer than a session lives idle has no one to come back to it. */
export const ABANDONED_BASKETS_JOB: Job = {
  name: 'abandoned-baskets',
  label: t('jobs.label.abandoned_baskets'),
  everySeconds: 60 * 60,
  run: async ({ db, config }) => {
    await forgetAbandonedBaskets(db, config.sessionMaxAgeSeconds);
  },
};

/** Changes a line's quantity; a line of another basket is not found. */
export async function changeQuantity(db: Executor, ownerKey: string, lineId: string, quantity: number): Promise<void> {
  checkQuantity(quantity);
  if (!(await updateBasketLine(db, ownerKey, lineId, { quantity, updated_at: nowIso() }))) throw notFound();
}

export async function removeLine(db: Executor, ownerKey: string, lineId: string): Promise<void> {
  if ((await deleteBasketLines(db, ownerKey, [lineId])) === 0) throw notFound();
}

/** The person saw the changes: new prices become theirs, lines no longer orderable leave. */
export async function acceptChanges(db: Db, ownerKey: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const basket = await readBasket(trx, ownerKey);
    const now = nowIso();
    await deleteBasketLines(trx, ownerKey, basket.items.filter((item) => item.unavailable).map((item) => item.line.id));
    await setSeenPrices(
      trx,
      ownerKey,
      basket.items.filter((item) => item.priceChanged).map((item) => ({ id: item.line.id, priceCents: item.priceCents })),
      now,
    );
  });
}

/**
 * A visitor who logs in keeps their basket: its lines join the account's; an offer in both
 * keeps one line with the quantities added (up to the maximum).
 */
export async function mergeBaskets(db: Db, fromKey: string, toKey: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const [incoming, existing] = await Promise.all([listBasketLines(trx, fromKey), listBasketLines(trx, toKey)]);
    if (incoming.length === 0) return;
    const byOffer = new Map(existing.flatMap((line) => (line.offerId ? [[line.offerId, line] as const] : [])));
    const both = incoming.filter((line) => line.offerId !== null && byOffer.has(line.offerId));
    const now = nowIso();
    await setQuantities(
      trx,
      toKey,
      both.map((line) => {
        const kept = byOffer.get(line.offerId!)!;
        return { id: kept.id, quantity: Math.min(MAX_QUANTITY, kept.quantity + line.quantity) };
      }),
      now,
    );
    await deleteBasketLines(trx, fromKey, both.map((line) => line.id));
    await changeOwner(trx, fromKey, toKey, now);
  });
}

/**
 * Run by the login (a hook app.ts gives it): the basket a resident filled as a visitor joins
 * theirs, once. Other accounts have no basket; theirs is left to be forgotten with the
 * abandoned ones.
 */
export async function joinVisitorBasket(db: Db, login: { account: Pick<CurrentAccount, 'id' | 'role'>; visitorId: string }): Promise<void> {
  if (login.account.role !== 'resident') return;
  await mergeBaskets(db, visitorBasketKey(login.visitorId), accountBasketKey(login.account.id));
}

function newLineRow(ownerKey: string, offer: Offer, quantity: number, now: string) {
  return {
    id: newId(),
    owner_key: ownerKey,
    offer_id: offer.id,
    shop_id: offer.shopId,
    title: offer.title,
    unit: offer.unit,
    quantity,
    seen_price_cents: offer.priceCents,
    price_is_estimate: 0,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Puts offers back in the basket at today's prices (« Commander à nouveau »); returns how
 * many were added and how many are no longer orderable (or do not fit).
 */
export async function addAgain(db: Db, ownerKey: string, wanted: ReadonlyArray<{ offerId: string; quantity: number }>): Promise<{ added: number; missing: number }> {
  const offers = await orderableOffers(db, wanted.map((item) => item.offerId));
  const byId = new Map(offers.map((offer) => [offer.id, offer]));
  return db.transaction().execute(async (trx) => {
    const existing = new Map((await listBasketLines(trx, ownerKey)).flatMap((line) => (line.offerId ? [[line.offerId, line] as const] : [])));
    const now = nowIso();
    const updates: Array<{ id: string; quantity: number; priceCents: number }> = [];
    const inserts: ReturnType<typeof newLineRow>[] = [];
    let room = MAX_BASKET_LINES - (await countBasketLines(trx, ownerKey));
    for (const item of wanted) {
      const offer = byId.get(item.offerId);
      const line = offer ? existing.get(offer.id) : undefined;
      if (offer && line) updates.push({ id: line.id, quantity: Math.min(MAX_QUANTITY, line.quantity + item.quantity), priceCents: offer.priceCents });
      else if (offer && room > 0) {
        inserts.push(newLineRow(ownerKey, offer, Math.min(MAX_QUANTITY, item.quantity), now));
        room -= 1;
      }
    }
    await setQuantities(trx, ownerKey, updates, now);
    await setSeenPrices(trx, ownerKey, updates, now);
    await insertBasketLines(trx, inserts);
    const added = updates.length + inserts.length;
    return { added, missing: wanted.length - added };
  });
}
