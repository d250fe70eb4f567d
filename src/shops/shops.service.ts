// Use cases of the town's shops. Authorisation is checked here, against the shop: a
// merchant manages its own shop only, the concierge any shop.
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/index.ts';
import { findAccountById, listAccountsOfShop } from '../platform/auth/auth.repository.ts';
import { createAccount, disableAccount, enableAccount } from '../platform/auth/auth.service.ts';
import { createOnce } from '../platform/idempotency/index.ts';
import { formatDateTime, nowIso } from '../platform/clock.ts';
import { queueMail, signatureOf } from '../platform/mail/mail.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { foldForSearch, searchTerms } from '../platform/text.ts';
import { canMove } from '../platform/transitions.ts';
import {
  countMemberShopsByCategory,
  countShops,
  countShopsByStage,
  findCategory,
  findShop,
  insertShop,
  listCategories,
  listOpeningHours,
  listShops,
  insertStageEvent,
  moveStage,
  replaceOpeningHours,
  siretTaken,
  updateShopRow,
  type Category,
  type Shop,
} from './shops.repository.ts';
import { EXIT_REASONS, SHOP_STAGES, STAGE_TRANSITIONS, isPublicStage, needsReason, reasonNeedsNote, type StageExit, isValidRange, isValidSiret, newMerchantAccessMail, normaliseRanges, normaliseSiret, type OpeningRange, type ShopStage } from './shops.rules.ts';
import { assertConcierge } from '../platform/actor.ts';
import { findProfile, listTradesOfShops, saveProfile } from './providers.repository.ts';
import { checkProviderProfile, type ProviderProfile, type ShopKind, type TradeCode } from './providers.rules.ts';

/** Who may change a shop's storefront: the concierge, or a merchant of that very shop. */
export function canManageShop(actor: CurrentAccount | null, shopId: string): boolean {
  if (!actor) return false;
  return actor.role === 'concierge' || (actor.role === 'merchant' && actor.shopId === shopId);
}

/** A foreign shop answers 404, so its existence is not even revealed. */
export function assertCanManageShop(actor: CurrentAccount | null, shopId: string): void {
  if (!canManageShop(actor, shopId)) throw notFound();
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

/** What the concierge types about a shop: everything but its stage, photo and dates. */
export type ShopIdentityInput = Pick<
  Shop,
  | 'tradeName' | 'legalName' | 'siret' | 'categoryCode' | 'addressLine' | 'postalCode' | 'city'
  | 'latitude' | 'longitude' | 'phone' | 'email' | 'description'
>;

async function checkIdentity(db: Executor, input: ShopIdentityInput, exceptId?: string): Promise<void> {
  if (input.siret !== null) {
    if (!isValidSiret(input.siret)) throw new DomainError('siret_invalid', 'siret');
    if (await siretTaken(db, normaliseSiret(input.siret), exceptId)) throw new DomainError('siret_taken', 'siret');
  }
  if (!(await findCategory(db, input.categoryCode))) throw new DomainError('category_unknown', 'category_code');
}

export function shopSearchText(input: Pick<ShopIdentityInput, 'tradeName' | 'legalName' | 'city' | 'description'> & { categoryLabel?: string }): string {
  return foldForSearch([input.tradeName, input.legalName, input.categoryLabel ?? '', input.city].join(' '));
}

/** The identity columns of a shop row, from a checked input. */
async function identityColumns(db: Executor, input: ShopIdentityInput) {
  const category = await findCategory(db, input.categoryCode);
  return {
    trade_name: input.tradeName,
    legal_name: input.legalName,
    siret: input.siret === null ? null : normaliseSiret(input.siret),
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
  };
}

/** Refuses a profile a provider cannot have, on the field to correct. */
function assertValidProfile(profile: ProviderProfile): void {
  const [field, code] = Object.entries(checkProviderProfile(profile))[0] ?? [];
  if (field && code) throw new DomainError(code, field);
}

/**
 * A new shop; with a profile, a provider. Run it in a transaction when a profile is given
 * (the registration form does), so a shop never exists without the trades it was given.
 */
export async function createShop(db: Executor, actor: CurrentAccount | null, input: ShopIdentityInput, stage: ShopStage = 'prospect', profile?: ProviderProfile): Promise<string> {
  assertConcierge(actor);
  await checkIdentity(db, input);
  if (profile) assertValidProfile(profile);
  const id = newId();
  const now = nowIso();
  await insertShop(db, {
    id,
    ...(await identityColumns(db, input)),
    image_id: null,
    stage,
    stage_changed_at: now,
    joined_at: stage === 'member' ? now : null,
    created_at: now,
    updated_at: now,
  });
  await insertStageEvent(db, id, null, stage, now, { accountId: actor?.id ?? null, reasonCode: null, note: '' });
  if (profile) await saveProfile(db, id, profile);
  return id;
}

/** Corrects a shop's identity; a profile (the concierge's only) makes it a provider or a plain shop again. */
export async function updateShopIdentity(db: Db, actor: CurrentAccount | null, id: string, input: ShopIdentityInput, profile?: ProviderProfile): Promise<void> {
  assertCanManageShop(actor, id);
  if (profile) {
    assertConcierge(actor);
    assertValidProfile(profile);
  }
  await getShop(db, id);
  await checkIdentity(db, input, id);
  const columns = await identityColumns(db, input);
  await db.transaction().execute(async (trx) => {
    await updateShopRow(trx, id, { ...columns, updated_at: nowIso() });
    if (profile) await saveProfile(trx, id, profile);
  });
}

export async function setShopImage(db: Executor, actor: CurrentAccount | null, id: string, imageId: string | null): Promise<void> {
  assertCanManageShop(actor, id);
  await updateShopRow(db, id, { image_id: imageId, updated_at: nowIso() });
}

/** The reason an exit stage asks for, on the field to correct; none for other stages. */
function checkedExit(to: ShopStage, exit: StageExit | undefined): StageExit | null {
  if (!needsReason(to)) return null;
  if (!exit || !(EXIT_REASONS as readonly string[]).includes(exit.reason)) throw new DomainError('crm_reason_required', 'reason');
  const note = exit.note.trim();
  if (reasonNeedsNote(exit.reason) && note === '') throw new DomainError('crm_note_required', 'note');
  return { reason: exit.reason, note };
}

/**
 * The concierge moves a shop along its stages: validates a membership, pauses or ends it,
 * records a refusal. An exit (inactive, left, do not contact) takes a reason from the list.
 * `from` is the stage the concierge saw when choosing the move: if someone moved the shop
 * since, the move is refused rather than applied on top of theirs.
 */
export async function changeStage(db: Db, actor: CurrentAccount | null, id: string, to: ShopStage, from?: ShopStage, exit?: StageExit): Promise<void> {
  const concierge = assertConcierge(actor);
  const shop = await getShop(db, id);
  // Already where it was asked to go (a second click): nothing to do.
  if (shop.stage === to) return;
  const expected = from ?? shop.stage;
  if (shop.stage !== expected) throw new DomainError('stage_changed', 'stage');
  if (!canMove(STAGE_TRANSITIONS, expected, to)) throw new DomainError('stage_move_not_allowed', 'stage');
  const why = checkedExit(to, exit);
  const event = { accountId: concierge.id, reasonCode: why?.reason ?? null, note: why?.note ?? '' };
  if (await db.transaction().execute((trx) => moveStage(trx, id, expected, to, nowIso(), event))) return;
  if ((await getShop(db, id)).stage !== to) throw new DomainError('stage_changed', 'stage');
}

export async function getOpeningHours(db: Executor, shopId: string): Promise<OpeningRange[]> {
  return listOpeningHours(db, shopId);
}

export async function setOpeningHours(db: Db, actor: CurrentAccount | null, shopId: string, ranges: OpeningRange[]): Promise<void> {
  assertCanManageShop(actor, shopId);
  const normalised = ranges.every(isValidRange) ? normaliseRanges(ranges) : undefined;
  if (!normalised) throw new DomainError('hours_invalid', 'hours');
  await getShop(db, shopId);
  await db.transaction().execute((trx) => replaceOpeningHours(trx, shopId, normalised));
}

// ---- the concierge's back office: directory, registration, merchant accounts ----

export const DIRECTORY_PAGE_SIZE = 25;

/** The town reads the directory to follow the canvassing; only the concierge changes it. */
export function canReadDirectory(actor: CurrentAccount | null): boolean {
  return actor?.role === 'concierge' || actor?.role === 'town';
}

export function assertCanReadDirectory(actor: CurrentAccount | null): void {
  if (!canReadDirectory(actor)) throw notFound();
}

export interface DirectoryQuery {
  stage?: ShopStage;
  kind?: ShopKind;
  categoryCode?: string;
  query?: string;
  page?: number;
}

export interface Directory {
  shops: Shop[];
  /** Shops matching the filters. */
  matching: number;
  page: number;
  pageCount: number;
  /** Every shop of the town per stage, whatever the filters. */
  stageCounts: Record<ShopStage, number>;
  categories: Category[];
  /** The trades of the providers on the page. */
  trades: Map<string, TradeCode[]>;
}

/** One page of the directory: four queries whatever the page size. */
export async function listDirectory(db: Executor, actor: CurrentAccount | null, input: DirectoryQuery): Promise<Directory> {
  assertCanReadDirectory(actor);
  const filter = { stage: input.stage, categoryCode: input.categoryCode, kind: input.kind, terms: searchTerms(input.query ?? '') };
  const [matching, byStage, categories] = await Promise.all([countShops(db, filter), countShopsByStage(db), listCategories(db)]);
  const pageCount = Math.max(1, Math.ceil(matching / DIRECTORY_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const shops = await listShops(db, { ...filter, limit: DIRECTORY_PAGE_SIZE, offset: (page - 1) * DIRECTORY_PAGE_SIZE });
  const stageCounts = Object.fromEntries(SHOP_STAGES.map((stage) => [stage, byStage[stage] ?? 0])) as Record<ShopStage, number>;
  const trades = await listTradesOfShops(db, shops.filter((shop) => shop.kind === 'provider').map((shop) => shop.id));
  return { shops, matching, page, pageCount, stageCounts, categories, trades };
}

export interface ShopRegistration extends ShopIdentityInput {
  /** The answer to « Ce commerce est-il un commerce indépendant ? ». */
  independent: boolean;
  profile?: ProviderProfile;
}

/**
 * The concierge records a shop of the town (a prospect, usually). Chains and big retail
 * brands are refused: the conciergerie serves independent local shops only. A repeated
 * submission of the same form (same key) creates nothing more and returns the same id.
 */
export async function registerShop(db: Db, actor: CurrentAccount | null, input: ShopRegistration, idempotencyKey: string): Promise<string> {
  assertConcierge(actor);
  if (!input.independent) throw new DomainError('shop_chain_refused', 'independent');
  const { independent: _independent, profile, ...identity } = input;
  return createOnce(db, 'shops.register', idempotencyKey, (trx) => createShop(trx, actor, identity, 'prospect', profile));
}

export interface ShopRecord {
  shop: Shop;
  category: Category | undefined;
  hours: OpeningRange[];
  profile: ProviderProfile;
  /** Merchant accounts, for the concierge only: the town does not see people's addresses. */
  merchants: MerchantAccount[] | null;
}

/** A shop's page in the back office. */
export async function getShopRecord(db: Executor, actor: CurrentAccount | null, id: string): Promise<ShopRecord> {
  assertCanReadDirectory(actor);
  const shop = await getShop(db, id);
  const [category, hours, profile, merchants] = await Promise.all([
    findCategory(db, shop.categoryCode),
    listOpeningHours(db, id),
    findProfile(db, id),
    actor?.role === 'concierge' ? listMerchantAccounts(db, id) : Promise.resolve(null),
  ]);
  return { shop, category, hours, profile: profile!, merchants };
}

export interface MerchantAccount {
  id: string;
  email: string;
  displayName: string;
  lastLoginAt: string | null;
  disabledAt: string | null;
  /** False until the merchant has chosen a password through the invitation link. */
  hasPassword: boolean;
}

async function listMerchantAccounts(db: Executor, shopId: string): Promise<MerchantAccount[]> {
  const accounts = await listAccountsOfShop(db, shopId);
  return accounts
    .filter((account) => account.role === 'merchant')
    .map(({ id, email, displayName, lastLoginAt, disabledAt, hasPassword }) => ({ id, email, displayName, lastLoginAt, disabledAt, hasPassword }));
}

/**
 * Opens a merchant account for a shop; the invitation mail (a link to choose a password)
 * is queued in the same transaction, so a refused account sends nothing.
 */
export async function addMerchantAccount(
  db: Db,
  config: Config,
  actor: CurrentAccount | null,
  shopId: string,
  input: { displayName: string; email: string },
  idempotencyKey: string,
): Promise<string> {
  assertConcierge(actor);
  const shop = await getShop(db, shopId);
  return createOnce(db, `shops.merchant.${shopId}`, idempotencyKey, async (trx) => {
    const others = await listAccountsOfShop(trx, shopId);
    const id = await createAccount(trx, config, { role: 'merchant', shopId, displayName: input.displayName, email: input.email, createdByAccountId: actor!.id });
    await tellMerchantsOfNewAccess(trx, config, shop, others, { name: input.displayName, email: input.email.trim().toLowerCase(), who: actor!.displayName });
    return id;
  });
}

/**
 * Tells each merchant the shop already had (disabled ones included) that an access was
 * opened: a new access can confirm a change of bank details, so none may appear unseen.
 */
async function tellMerchantsOfNewAccess(trx: Executor, config: Config, shop: Shop, merchants: Array<{ role: string; email: string }>, facts: { name: string; email: string; who: string }): Promise<void> {
  const mail = newMerchantAccessMail({ ...facts, shopName: shop.tradeName, when: formatDateTime(nowIso(), config.timeZone), phone: config.conciergerie.phone });
  for (const merchant of merchants.filter((account) => account.role === 'merchant')) await queueMail(trx, merchant.email, mail, signatureOf(config));
}

/** Disabling ends every session of the account at once; re-enabling lets it log in again. */
export async function setMerchantAccountEnabled(db: Db, actor: CurrentAccount | null, shopId: string, accountId: string, enabled: boolean): Promise<void> {
  assertConcierge(actor);
  const account = await findAccountById(db, accountId);
  if (!account || account.role !== 'merchant' || account.shopId !== shopId) throw notFound();
  if (enabled) await enableAccount(db, accountId);
  else await disableAccount(db, accountId);
}
