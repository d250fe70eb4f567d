// All SQL of shops, categories and shop opening hours.
import type { Executor } from '../db/index.ts';
import { nextInSequence } from '../db/sequences.ts';
import type { ShopsTable } from '../db/schema.ts';
import { newId } from '../platform/ids.ts';
import { escapeLike } from '../platform/text.ts';
import { canMove } from '../platform/transitions.ts';
import { STAGE_TRANSITIONS, type OpeningRange, type ShopStage } from './shops.rules.ts';
import type { ShopKind } from './providers.rules.ts';

export interface Category {
  code: string;
  label: string;
  position: number;
}

export interface Shop {
  id: string;
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
  imageId: string | null;
  stage: ShopStage;
  stageChangedAt: string;
  joinedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Its short code in the accounts (« C0042 »): its auxiliary account in the accounting export. */
  accountCode: string | null;
  /** A plain shop sells goods; a provider (« prestataire ») sells services. */
  kind: ShopKind;
}

export function toShop(row: ShopsTable & { kind: string }): Shop {
  return {
    id: row.id,
    tradeName: row.trade_name,
    legalName: row.legal_name,
    siret: row.siret,
    categoryCode: row.category_code,
    addressLine: row.address_line,
    postalCode: row.postal_code,
    city: row.city,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    phone: row.phone,
    email: row.email,
    description: row.description,
    imageId: row.image_id,
    stage: row.stage as ShopStage,
    stageChangedAt: row.stage_changed_at,
    joinedAt: row.joined_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    accountCode: row.account_code,
    kind: row.kind === 'provider' ? 'provider' : 'shop',
  };
}

export async function listCategories(db: Executor): Promise<Category[]> {
  return db.selectFrom('categories').select(['code', 'label', 'position']).orderBy('position').execute();
}

export async function findCategory(db: Executor, code: string): Promise<Category | undefined> {
  return db.selectFrom('categories').select(['code', 'label', 'position']).where('code', '=', code).executeTakeFirst();
}

export async function findShop(db: Executor, id: string): Promise<Shop | undefined> {
  const row = await db.selectFrom('shops').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toShop(row) : undefined;
}

export async function findShopsByIds(db: Executor, ids: readonly string[]): Promise<Shop[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('shops').selectAll().where('id', 'in', ids).execute();
  return rows.map(toShop);
}

export interface ShopFilter {
  stage?: ShopStage;
  categoryCode?: string;
  kind?: ShopKind;
  /** Folded search words, all of which must appear. */
  terms?: string[];
  limit: number;
  offset?: number;
}

function filtered(db: Executor, filter: Omit<ShopFilter, 'limit' | 'offset'>) {
  let query = db.selectFrom('shops');
  if (filter.stage) query = query.where('stage', '=', filter.stage);
  if (filter.categoryCode) query = query.where('category_code', '=', filter.categoryCode);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  for (const term of filter.terms ?? []) {
    query = query.where('search_text', 'like', `%${escapeLike(term)}%`);
  }
  return query;
}

export async function listShops(db: Executor, filter: ShopFilter): Promise<Shop[]> {
  const rows = await filtered(db, filter).selectAll().orderBy('trade_name').orderBy('id').limit(filter.limit).offset(filter.offset ?? 0).execute();
  return rows.map(toShop);
}

export async function countShops(db: Executor, filter: Omit<ShopFilter, 'limit' | 'offset'>): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Number of shops per stage, for the back office. */
export async function countShopsByStage(db: Executor): Promise<Record<string, number>> {
  const rows = await db.selectFrom('shops').select(['stage', (eb) => eb.fn.countAll().as('count')]).groupBy('stage').execute();
  return Object.fromEntries(rows.map((row) => [row.stage, Number(row.count)]));
}

/** Member shops per category, for the public category list. */
export async function countMemberShopsByCategory(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('shops')
    .select(['category_code', (eb) => eb.fn.countAll().as('count')])
    .where('stage', '=', 'member')
    .groupBy('category_code')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.category_code, Number(row.count)]));
}

/** Inserts a new row with the next short accounting code (« C0001 »…), kept for good. */
export async function insertShop(db: Executor, row: Omit<ShopsTable, 'account_code'>): Promise<void> {
  await db.insertInto('shops').values({ ...row, account_code: await nextAccountCode(db) }).execute();
}

/** « C0001 », « C0012 »…: the account code the accountant reads in the ledger. */
async function nextAccountCode(db: Executor): Promise<string> {
  return `C${String(await nextInSequence(db, 'shops')).padStart(4, '0')}`;
}

export type ShopUpdate = Partial<Omit<ShopsTable, 'id' | 'created_at' | 'stage' | 'stage_changed_at' | 'joined_at'>>;

export async function updateShopRow(db: Executor, id: string, fields: ShopUpdate): Promise<void> {
  await db.updateTable('shops').set(fields).where('id', '=', id).execute();
}

export async function siretTaken(db: Executor, siret: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('shops').select('id').where('siret', '=', siret);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Who moved a shop's stage and why: the history row of a move. */
export interface StageEventInput {
  accountId: string | null;
  reasonCode: string | null;
  note: string;
}

/**
 * The one move of a shop's stage: only if its table allows it and the stage is still `from`
 * (two clerks cannot both move it), stamped with the instant, with its history row written
 * in the same transaction. False when nothing moved (and no history is written).
 */
export async function moveStage(
  db: Executor,
  id: string,
  from: ShopStage,
  to: ShopStage,
  at: string,
  event: StageEventInput = { accountId: null, reasonCode: null, note: '' },
): Promise<boolean> {
  if (!canMove(STAGE_TRANSITIONS, from, to)) return false;
  const result = await db
    .updateTable('shops')
    .set((eb) => ({
      stage: to,
      stage_changed_at: at,
      updated_at: at,
      joined_at: to === 'member' ? eb.fn.coalesce('joined_at', eb.val(at)) : eb.ref('joined_at'),
    }))
    .where('id', '=', id)
    .where('stage', '=', from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await insertStageEvent(db, id, from, to, at, event);
  return true;
}

/** A row of a shop's stage history; `from` is null for the stage a shop was recorded at. */
export async function insertStageEvent(db: Executor, shopId: string, from: ShopStage | null, to: ShopStage, at: string, event: StageEventInput): Promise<void> {
  await db
    .insertInto('shop_stage_events')
    .values({ id: newId(), shop_id: shopId, from_stage: from, to_stage: to, reason_code: event.reasonCode, note: event.note, account_id: event.accountId, at })
    .execute();
}

export async function listOpeningHours(db: Executor, shopId: string): Promise<OpeningRange[]> {
  const rows = await db
    .selectFrom('shop_opening_hours')
    .select(['weekday', 'opens_at', 'closes_at'])
    .where('shop_id', '=', shopId)
    .orderBy('weekday')
    .orderBy('opens_at')
    .execute();
  return rows.map((row) => ({ weekday: Number(row.weekday), opensAt: row.opens_at, closesAt: row.closes_at }));
}

/** The weekly hours of several shops in one query (the collection round lists a dozen). */
export async function listOpeningHoursOfShops(db: Executor, shopIds: readonly string[]): Promise<Map<string, OpeningRange[]>> {
  const hours = new Map<string, OpeningRange[]>(shopIds.map((id) => [id, []]));
  if (shopIds.length === 0) return hours;
  const rows = await db
    .selectFrom('shop_opening_hours')
    .select(['shop_id', 'weekday', 'opens_at', 'closes_at'])
    .where('shop_id', 'in', shopIds)
    .orderBy('shop_id')
    .orderBy('weekday')
    .orderBy('opens_at')
    .execute();
  for (const row of rows) hours.get(row.shop_id)?.push({ weekday: Number(row.weekday), opensAt: row.opens_at, closesAt: row.closes_at });
  return hours;
}

export async function replaceOpeningHours(db: Executor, shopId: string, ranges: OpeningRange[]): Promise<void> {
  await db.deleteFrom('shop_opening_hours').where('shop_id', '=', shopId).execute();
  if (ranges.length === 0) return;
  await db
    .insertInto('shop_opening_hours')
    .values(ranges.map((range) => ({ shop_id: shopId, weekday: range.weekday, opens_at: range.opensAt, closes_at: range.closesAt })))
    .execute();
}
