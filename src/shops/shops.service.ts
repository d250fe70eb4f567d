// Use cases of the town's shops. Authorisation is checked here, against the shop: a
// merchant manages its own shop only, the concierge any shop.
import type { Db, Executor } from '../db/index.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { foldForSearch } from '../platform/text.ts';
import {
  countMemberShopsByCategory,
  findCategory,
  findShop,
  insertShop,
  listCategories,
  listOpeningHours,
  moveStage,
  replaceOpeningHours,
  siretTaken,
  updateShopRow,
  type Category,
  type Shop,
} from './shops.repository.ts';
import { canMoveStage, isPublicStage, isValidSiret, normaliseRanges, type OpeningRange, type ShopStage } from './shops.rules.ts';

/** Who may change a shop's storefront: the concierge, or a merchant of that very shop. */
export function canManageShop(actor: CurrentAccount | null, shopId: string): boolean {
  if (!actor) return false;
  return actor.role === 'concierge' || (actor.role === 'merchant' && actor.shopId === shopId);
}

/** A foreign shop answers 404, so its existence is not even revealed. */
export function assertCanManageShop(actor: CurrentAccount | null, shopId: string): void {
  if (!canManageShop(actor, shopId)) throw notFound();
}

export function assertConcierge(actor: CurrentAccount | null): void {
  if (actor?.role !== 'concierge') throw notFound();
}

export async function getShop(db: Executor, id: string): Promise<Shop> {
  const shop = await findShop(db, id);
  if (!shop) throw notFound();
  return shop;
}

/** A shop as the public may see it: members only. */
export async function getPublicShop(db: Executor, id: string): Promise<Shop> {
  const shop = await findShop(db, id);
  if (!shop || !isPublicStage(shop.stage)) throw notFound();
  return shop;
}

export async function getManagedShop(db: Executor, actor: CurrentAccount | null, id: string): Promise<Shop> {
  assertCanManageShop(actor, id);
  return getShop(db, id);
}

export async function categoriesWithMemberCounts(db: Executor): Promise<Array<Category & { shopCount: number }>> {
  const [categories, counts] = await Promise.all([listCategories(db), countMemberShopsByCategory(db)]);
  return categories.map((category) => ({ ...category, shopCount: counts[category.code] ?? 0 }));
}

export async function getCategory(db: Executor, code: string): Promise<Category> {
  const category = await findCategory(db, code);
  if (!category) throw notFound();
  return category;
}

export interface ShopIdentityInput {
  tradeName: string;
  legalName: string;
  siret: string | null;
  categoryCode: string;
  addressLine: string;
  postalCode: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  email: string | null;
  description: string;
}

async function checkIdentity(db: Executor, input: ShopIdentityInput, exceptId?: string): Promise<void> {
  if (input.siret !== null) {
    if (!isValidSiret(input.siret)) throw new DomainError('bad_request', 'siret');
    if (await siretTaken(db, input.siret, exceptId)) throw new DomainError('siret_taken', 'siret');
  }
  if (!(await findCategory(db, input.categoryCode))) throw new DomainError('bad_request', 'category_code');
}

export function shopSearchText(input: Pick<ShopIdentityInput, 'tradeName' | 'legalName' | 'city' | 'description'> & { categoryLabel?: string }): string {
  return foldForSearch([input.tradeName, input.legalName, input.categoryLabel ?? '', input.city].join(' '));
}

export async function createShop(db: Executor, actor: CurrentAccount | null, input: ShopIdentityInput, stage: ShopStage = 'prospect'): Promise<string> {
  assertConcierge(actor);
  await checkIdentity(db, input);
  const category = await findCategory(db, input.categoryCode);
  const id = newId();
  const now = nowIso();
  await insertShop(db, {
    id,
    trade_name: input.tradeName,
    legal_name: input.legalName,
    siret: input.siret,
    category_code: input.categoryCode,
    address_line: input.addressLine,
    postal_code: input.postalCode,
    city: input.city,
    latitude: input.latitude,
    longitude: input.longitude,
    phone: input.phone,
    email: input.email,
    description: input.description,
    image_id: null,
    stage,
    stage_changed_at: now,
    joined_at: stage === 'member' ? now : null,
    search_text: shopSearchText({ ...input, categoryLabel: category?.label }),
    created_at: now,
    updated_at: now,
  });
  return id;
}

export async function updateShopIdentity(db: Executor, actor: CurrentAccount | null, id: string, input: ShopIdentityInput): Promise<void> {
  assertCanManageShop(actor, id);
  await getShop(db, id);
  await checkIdentity(db, input, id);
  const category = await findCategory(db, input.categoryCode);
  await updateShopRow(db, id, {
    trade_name: input.tradeName,
    legal_name: input.legalName,
    siret: input.siret,
    category_code: input.categoryCode,
    address_line: input.addressLine,
    postal_code: input.postalCode,
    city: input.city,
    latitude: input.latitude,
    longitude: input.longitude,
    phone: input.phone,
    email: input.email,
    description: input.description,
    search_text: shopSearchText({ ...input, categoryLabel: category?.label }),
    updated_at: nowIso(),
  });
}

export async function setShopImage(db: Executor, actor: CurrentAccount | null, id: string, imageId: string | null): Promise<void> {
  assertCanManageShop(actor, id);
  await updateShopRow(db, id, { image_id: imageId, updated_at: nowIso() });
}

/** The concierge validates a membership, pauses or ends it. */
export async function changeStage(db: Db, actor: CurrentAccount | null, id: string, to: ShopStage): Promise<void> {
  assertConcierge(actor);
  const shop = await getShop(db, id);
  if (shop.stage === to) return;
  if (!canMoveStage(shop.stage, to)) throw new DomainError('bad_request', 'stage');
  if (!(await moveStage(db, id, shop.stage, to, nowIso()))) throw new DomainError('bad_request', 'stage');
}

export async function getOpeningHours(db: Executor, shopId: string): Promise<OpeningRange[]> {
  return listOpeningHours(db, shopId);
}

export async function setOpeningHours(db: Db, actor: CurrentAccount | null, shopId: string, ranges: OpeningRange[]): Promise<void> {
  assertCanManageShop(actor, shopId);
  const normalised = normaliseRanges(ranges);
  if (!normalised) throw new DomainError('bad_request', 'hours');
  await db.transaction().execute((trx) => replaceOpeningHours(trx, shopId, normalised));
}
