// The merchant's side of the catalogue: a storefront's offers (create, change, pause,
// resume, reorder, withdraw) and its description, contacts and photo. A merchant manages
// its own shop only, the concierge any shop; anything else answers 404.
import type { Db, Executor } from '../db/index.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { emptyToNull, normalisePhone } from '../platform/forms.ts';
import { newId } from '../platform/ids.ts';
import { createOnce } from '../platform/idempotency/index.ts';
import { storeImage, type ProcessedImage } from '../platform/images/images.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { assertCanManageShop, getManagedShop, setShopImage, updateStorefront, type Shop, type StorefrontInput } from '../shops/index.ts';
import {
  countActiveOffers,
  findOffer,
  insertOffer,
  listShopOffers,
  moveAvailability,
  nextPosition,
  setPositions,
  updateOfferRow,
  type Offer,
} from './catalogue.repository.ts';
import {
  ACTIVE_AVAILABILITIES,
  LISTED_AVAILABILITIES,
  MAX_OFFERS_PER_SHOP,
  movedPositions,
  offerProblem,
  resumedAvailability,
  storedLeadTime,
  type OfferInput,
} from './catalogue.rules.ts';

/** Offer forms are converted by the catalogue's rules, then checked by the use cases below. */
export { offerInputFromForm, type OfferForm } from './catalogue.rules.ts';

/** Where "Ma boutique" leads: a merchant's own storefront, the concierge's shop directory. */
export function portalHomePath(actor: CurrentAccount | null): string {
  if (actor?.role === 'merchant' && actor.shopId) return `/boutique/${actor.shopId}`;
  if (actor?.role === 'concierge') return '/gestion/commerces';
  throw notFound();
}

export interface ShopOverview {
  shop: Shop;
  offers: Offer[];
  /** Whether one more offer fits on the storefront. */
  canAdd: boolean;
}

export async function shopOverview(db: Executor, actor: CurrentAccount | null, shopId: string): Promise<ShopOverview> {
  const shop = await getManagedShop(db, actor, shopId);
  const offers = await listShopOffers(db, shopId, 'active');
  return { shop, offers, canAdd: offers.length < MAX_OFFERS_PER_SHOP };
}

export async function managedShop(db: Executor, actor: CurrentAccount | null, shopId: string): Promise<Shop> {
  return getManagedShop(db, actor, shopId);
}

/** An offer of a shop the actor manages, not withdrawn; otherwise 404. */
export async function managedOffer(db: Executor, actor: CurrentAccount | null, shopId: string, offerId: string): Promise<{ shop: Shop; offer: Offer }> {
  const shop = await getManagedShop(db, actor, shopId);
  const offer = await findOffer(db, offerId);
  if (!offer || offer.shopId !== shopId || !ACTIVE_AVAILABILITIES.includes(offer.availability)) throw notFound();
  return { shop, offer };
}

function checkOffer(input: OfferInput): void {
  const problem = offerProblem(input);
  if (problem) throw new DomainError(problem.code, problem.field);
}

function offerColumns(input: OfferInput) {
  return {
    title: input.title,
    description: input.description,
    price_cents: input.priceCents,
    vat_rate_bp: input.vatRateBp,
    unit: input.unit,
    measure_amount: input.measureAmount,
    measure_unit: input.measureUnit,
    availability: input.availability,
    lead_time_days: storedLeadTime(input),
    load_class: input.loadClass,
  };
}

/**
 * Adds an offer at the end of the storefront. The idempotency key of the form makes a double
 * submission create one offer; the photo, when given, is stored in the same transaction.
 */
export async function createOffer(
  db: Db,
  actor: CurrentAccount | null,
  shopId: string,
  input: OfferInput,
  idempotencyKey: string,
  photo?: ProcessedImage,
): Promise<string> {
  await getManagedShop(db, actor, shopId);
  checkOffer(input);
  return createOnce(db, `offer:create:${shopId}`, idempotencyKey, async (trx) => {
    if ((await countActiveOffers(trx, shopId)) >= MAX_OFFERS_PER_SHOP) {
      throw new DomainError('offer_limit', undefined, { max: MAX_OFFERS_PER_SHOP });
    }
    const id = newId();
    const now = nowIso();
    await insertOffer(trx, {
      id,
      shop_id: shopId,
      image_id: photo ? await storeImage(trx, photo) : null,
      position: await nextPosition(trx, shopId),
      created_at: now,
      updated_at: now,
      ...offerColumns(input),
    });
    return id;
  });
}

export interface PhotoChange {
  /** A new photo replaces the current one. */
  photo?: ProcessedImage;
  /** Without a new photo: show the placeholder instead of the current one. */
  remove?: boolean;
}

async function imageIdAfter(trx: Executor, current: string | null, change: PhotoChange): Promise<string | null> {
  if (change.photo) return storeImage(trx, change.photo);
  return change.remove ? null : current;
}

export async function updateOffer(
  db: Db,
  actor: CurrentAccount | null,
  shopId: string,
  offerId: string,
  input: OfferInput,
  change: PhotoChange = {},
): Promise<void> {
  const { offer } = await managedOffer(db, actor, shopId, offerId);
  checkOffer(input);
  await db.transaction().execute(async (trx) => {
    const imageId = await imageIdAfter(trx, offer.imageId, change);
    const updated = await updateOfferRow(trx, offerId, shopId, { ...offerColumns(input), image_id: imageId, updated_at: nowIso() });
    // Withdrawn meanwhile (another tab): nothing to update, and the new photo is not kept.
    if (!updated) throw notFound();
  });
}

/** Takes a listed offer off the lists; a second click changes nothing. */
export async function pauseOffer(db: Executor, actor: CurrentAccount | null, shopId: string, offerId: string): Promise<void> {
  await managedOffer(db, actor, shopId, offerId);
  await moveAvailability(db, offerId, shopId, LISTED_AVAILABILITIES, 'paused', nowIso());
}

/** Puts a paused offer back, in stock or made to order as it was. */
export async function resumeOffer(db: Executor, actor: CurrentAccount | null, shopId: string, offerId: string): Promise<void> {
  const { offer } = await managedOffer(db, actor, shopId, offerId);
  await moveAvailability(db, offerId, shopId, ['paused'], resumedAvailability(offer.leadTimeDays), nowIso());
}

/**
 * Withdraws an offer: it disappears from the storefront, the lists and its page, and frees
 * its place among the storefront's offers. The row stays, for the orders that name it.
 */
export async function withdrawOffer(db: Executor, actor: CurrentAccount | null, shopId: string, offerId: string): Promise<void> {
  await managedOffer(db, actor, shopId, offerId);
  await moveAvailability(db, offerId, shopId, ACTIVE_AVAILABILITIES, 'withdrawn', nowIso());
}

/** Moves an offer one place up or down on the storefront; at an end, nothing moves. */
export async function moveOffer(db: Db, actor: CurrentAccount | null, shopId: string, offerId: string, direction: 'up' | 'down'): Promise<void> {
  await managedOffer(db, actor, shopId, offerId);
  await db.transaction().execute(async (trx) => {
    const offers = await listShopOffers(trx, shopId, 'active');
    const positions = movedPositions(offers.map((offer) => offer.id), offerId, direction);
    if (!positions) return;
    const current = new Map(offers.map((offer) => [offer.id, offer.position]));
    await setPositions(trx, shopId, positions.filter(({ id, position }) => current.get(id) !== position));
  });
}

/** The strings of the storefront form. */
export interface StorefrontForm {
  description?: string;
  phone?: string;
  email?: string;
}

function storefrontInputOf(form: StorefrontForm): StorefrontInput {
  return { description: (form.description ?? '').trim(), phone: normalisePhone(form.phone ?? ''), email: emptyToNull(form.email) };
}

/** The merchant's part of the shop: description, public contacts and photo, at once. */
export async function updateShopStorefront(
  db: Db,
  actor: CurrentAccount | null,
  shopId: string,
  form: StorefrontForm,
  change: PhotoChange = {},
): Promise<void> {
  assertCanManageShop(actor, shopId);
  const input = storefrontInputOf(form);
  await db.transaction().execute(async (trx) => {
    const shop = await getManagedShop(trx, actor, shopId);
    await updateStorefront(trx, actor, shopId, input);
    const imageId = await imageIdAfter(trx, shop.imageId, change);
    if (imageId !== shop.imageId) await setShopImage(trx, actor, shopId, imageId);
  });
}
