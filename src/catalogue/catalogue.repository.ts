// All SQL of offers. Public lists read only offers of member shops: the shops table is
// consulted through a subquery on its stage, so a list stays one query.
import type { Executor } from '../db/index.ts';
import type { OffersTable } from '../db/schema.ts';
import type { ShopStage } from '../shops/index.ts';
import { ACTIVE_AVAILABILITIES, LISTED_AVAILABILITIES, type Availability, type LoadClass, type MeasureUnit } from './catalogue.rules.ts';

/** The stage whose storefronts the public sees (see the shops area's `isPublicStage`). */
const PUBLIC_STAGE: ShopStage = 'member';

export interface Offer {
  id: string;
  shopId: string;
  title: string;
  description: string;
  imageId: string | null;
  priceCents: number;
  vatRateBp: number;
  unit: string;
  measureAmount: number | null;
  measureUnit: MeasureUnit | null;
  availability: Availability;
  leadTimeDays: number;
  loadClass: LoadClass;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export function toOffer(row: OffersTable): Offer {
  return {
    id: row.id,
    shopId: row.shop_id,
    title: row.title,
    description: row.description,
    imageId: row.image_id,
    priceCents: Number(row.price_cents),
    vatRateBp: Number(row.vat_rate_bp),
    unit: row.unit,
    measureAmount: row.measure_amount === null ? null : Number(row.measure_amount),
    measureUnit: row.measure_unit as MeasureUnit | null,
    availability: row.availability as Availability,
    leadTimeDays: Number(row.lead_time_days),
    loadClass: row.load_class as LoadClass,
    position: Number(row.position),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findOffer(db: Executor, id: string): Promise<Offer | undefined> {
  const row = await db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOffer(row) : undefined;
}

/** A shop's offers in storefront order: listed ones only, or every one still managed. */
export async function listShopOffers(db: Executor, shopId: string, which: 'listed' | 'active'): Promise<Offer[]> {
  const availabilities = which === 'listed' ? LISTED_AVAILABILITIES : ACTIVE_AVAILABILITIES;
  const rows = await db
    .selectFrom('offers')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('availability', 'in', availabilities)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toOffer);
}

/** Listed offers of several shops at once, in storefront order. */
export async function listOffersOfShops(db: Executor, shopIds: readonly string[]): Promise<Offer[]> {
  if (shopIds.length === 0) return [];
  const rows = await db
    .selectFrom('offers')
    .selectAll()
    .where('shop_id', 'in', shopIds)
    .where('availability', 'in', LISTED_AVAILABILITIES)
    .orderBy('shop_id')
    .orderBy('position')
    .execute();
  return rows.map(toOffer);
}

export interface PublicOfferFilter {
  categoryCode?: string;
  /** Only these offers. */
  ids?: readonly string[];
}

function publicOffers(db: Executor, filter: PublicOfferFilter) {
  let shops = db.selectFrom('shops').select('shops.id').where('shops.stage', '=', PUBLIC_STAGE);
  if (filter.categoryCode) shops = shops.where('shops.category_code', '=', filter.categoryCode);
  let query = db.selectFrom('offers').where('offers.availability', 'in', LISTED_AVAILABILITIES).where('offers.shop_id', 'in', shops);
  if (filter.ids) query = query.where('offers.id', 'in', filter.ids.length > 0 ? filter.ids : ['']);
  return query;
}

/** Listed offers of member shops, newest first. */
export async function listPublicOffers(db: Executor, filter: PublicOfferFilter & { limit: number; offset?: number }): Promise<Offer[]> {
  const rows = await publicOffers(db, filter)
    .selectAll('offers')
    .orderBy('offers.created_at', 'desc')
    .orderBy('offers.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(toOffer);
}

/**
 * Listed offers of member shops among `ids`, unordered: the basket and the checkout look
 * them up by id. A join on the shop's key, where the public lists' subquery would gather
 * every member shop first.
 */
export async function listOrderableOffers(db: Executor, ids: readonly string[]): Promise<Offer[]> {
  const rows = await db
    .selectFrom('offers')
    .innerJoin('shops', 'shops.id', 'offers.shop_id')
    .selectAll('offers')
    .where('offers.id', 'in', ids)
    .where('offers.availability', 'in', LISTED_AVAILABILITIES)
    .where('shops.stage', '=', PUBLIC_STAGE)
    .execute();
  return rows.map(toOffer);
}

export async function countPublicOffers(db: Executor, filter: PublicOfferFilter): Promise<number> {
  const row = await publicOffers(db, filter).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Offers the merchant still manages: the storefront's limit counts these. */
export async function countActiveOffers(db: Executor, shopId: string): Promise<number> {
  const row = await db
    .selectFrom('offers')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('shop_id', '=', shopId)
    .where('availability', 'in', ACTIVE_AVAILABILITIES)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function nextPosition(db: Executor, shopId: string): Promise<number> {
  const row = await db
    .selectFrom('offers')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertOffer(db: Executor, row: OffersTable): Promise<void> {
  await db.insertInto('offers').values(row).execute();
}

export type OfferUpdate = Partial<Omit<OffersTable, 'id' | 'shop_id' | 'created_at' | 'position'>>;

/** Updates an offer of `shopId` that is not withdrawn; false when there is none. */
export async function updateOfferRow(db: Executor, id: string, shopId: string, fields: OfferUpdate): Promise<boolean> {
  const result = await db
    .updateTable('offers')
    .set(fields)
    .where('id', '=', id)
    .where('shop_id', '=', shopId)
    .where('availability', 'in', ACTIVE_AVAILABILITIES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Moves the availability only from one of `from`: two clicks cannot both move it. */
export async function moveAvailability(
  db: Executor,
  id: string,
  shopId: string,
  from: readonly Availability[],
  to: Availability,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('offers')
    .set({ availability: to, updated_at: at })
    .where('id', '=', id)
    .where('shop_id', '=', shopId)
    .where('availability', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setPositions(db: Executor, shopId: string, positions: Array<{ id: string; position: number }>): Promise<void> {
  for (const { id, position } of positions) {
    await db.updateTable('offers').set({ position }).where('id', '=', id).where('shop_id', '=', shopId).execute();
  }
}

/** The load class of each of these offers (what a delivery run must carry), in one query. */
export async function listLoadClasses(db: Executor, offerIds: readonly string[]): Promise<Map<string, LoadClass>> {
  if (offerIds.length === 0) return new Map();
  const rows = await db.selectFrom('offers').select(['id', 'load_class']).where('id', 'in', [...new Set(offerIds)]).execute();
  return new Map(rows.map((row) => [row.id, row.load_class as LoadClass]));
}
