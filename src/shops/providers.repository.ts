// All SQL of providers: the profile columns of a shop row, its trades (one row each, so a
// trade is searched by index) and its absences.
import type { Executor } from '../db/index.ts';
import { newId } from '../platform/ids.ts';
import {
  PROVIDER_LABEL_CODES,
  REQUEST_CHANNEL_CODES,
  SHOP_PROFILE,
  TRADE_CODES,
  decodeCodes,
  encodeCodes,
  type Absence,
  type ProviderLabel,
  type ProviderProfile,
  type TradeCode,
} from './providers.rules.ts';

/** What another area reads of a provider: how to reach it and what it does. */
export interface Provider {
  shopId: string;
  tradeName: string;
  phone: string | null;
  email: string | null;
  addressLine: string;
  postalCode: string;
  city: string;
  trades: TradeCode[];
  labels: ProviderLabel[];
  areaServed: string;
  requestChannels: string[];
  makesQuotes: boolean;
  usualDelayDays: number | null;
  /** A member (« adhérent ») of the conciergerie; a non-member is still listed for advice. */
  isMember: boolean;
}

const PROFILE_COLUMNS = ['id', 'kind', 'area_served', 'request_channels', 'provider_labels', 'makes_quotes', 'usual_delay_days'] as const;

interface ProfileRow {
  kind: string;
  area_served: string;
  request_channels: string;
  provider_labels: string;
  makes_quotes: number | boolean;
  usual_delay_days: number | null;
}

function toProfile(row: ProfileRow, trades: TradeCode[]): ProviderProfile {
  return {
    kind: row.kind === 'provider' ? 'provider' : 'shop',
    trades,
    labels: decodeCodes(row.provider_labels, PROVIDER_LABEL_CODES),
    areaServed: row.area_served,
    requestChannels: decodeCodes(row.request_channels, REQUEST_CHANNEL_CODES),
    makesQuotes: Boolean(row.makes_quotes),
    usualDelayDays: row.usual_delay_days === null ? null : Number(row.usual_delay_days),
  };
}

/** The trades of these shops, each list in the table's display order. */
async function tradesOf(db: Executor, shopIds: readonly string[]): Promise<Map<string, TradeCode[]>> {
  const byShop = new Map<string, TradeCode[]>(shopIds.map((id) => [id, []]));
  if (shopIds.length === 0) return byShop;
  const rows = await db.selectFrom('shop_trades').select(['shop_id', 'trade_code']).where('shop_id', 'in', shopIds).execute();
  for (const id of shopIds) {
    const codes = rows.filter((row) => row.shop_id === id).map((row) => row.trade_code);
    byShop.set(id, decodeCodes(codes.join(' '), TRADE_CODES));
  }
  return byShop;
}

export async function findProfile(db: Executor, shopId: string): Promise<ProviderProfile | undefined> {
  const row = await db.selectFrom('shops').select(PROFILE_COLUMNS).where('id', '=', shopId).executeTakeFirst();
  if (!row) return undefined;
  return toProfile(row, (await tradesOf(db, [shopId])).get(shopId) ?? []);
}

/** Replaces the profile of a shop; a plain shop is saved with the empty profile. */
export async function saveProfile(trx: Executor, shopId: string, profile: ProviderProfile): Promise<void> {
  const saved = profile.kind === 'provider' ? profile : SHOP_PROFILE;
  await trx
    .updateTable('shops')
    .set({
      kind: saved.kind,
      area_served: saved.areaServed,
      request_channels: encodeCodes(saved.requestChannels),
      provider_labels: encodeCodes(saved.labels),
      makes_quotes: saved.makesQuotes ? 1 : 0,
      usual_delay_days: saved.usualDelayDays,
    })
    .where('id', '=', shopId)
    .execute();
  await trx.deleteFrom('shop_trades').where('shop_id', '=', shopId).execute();
  if (saved.trades.length > 0) await trx.insertInto('shop_trades').values(saved.trades.map((trade_code) => ({ shop_id: shopId, trade_code }))).execute();
}

function providersQuery(db: Executor) {
  return db
    .selectFrom('shops')
    .select([...PROFILE_COLUMNS, 'trade_name', 'phone', 'email', 'address_line', 'postal_code', 'city', 'stage'])
    .where('kind', '=', 'provider');
}

type ProviderRow = Awaited<ReturnType<ReturnType<typeof providersQuery>['execute']>>[number];

/** Names in French order: « Électricité » among the E, not after the Z as bytes would have it. */
const byName = new Intl.Collator('fr', { sensitivity: 'base' });

async function withTrades(db: Executor, rows: ProviderRow[]): Promise<Provider[]> {
  const trades = await tradesOf(db, rows.map((row) => row.id));
  const sorted = [...rows].sort((a, b) => byName.compare(a.trade_name, b.trade_name) || (a.id < b.id ? -1 : 1));
  return sorted.map((row) => {
    const profile = toProfile(row, trades.get(row.id) ?? []);
    return {
      shopId: row.id,
      tradeName: row.trade_name,
      phone: row.phone,
      email: row.email,
      addressLine: row.address_line,
      postalCode: row.postal_code,
      city: row.city,
      trades: profile.trades,
      labels: profile.labels,
      areaServed: profile.areaServed,
      requestChannels: profile.requestChannels,
      makesQuotes: profile.makesQuotes,
      usualDelayDays: profile.usualDelayDays,
      isMember: row.stage === 'member',
    };
  });
}

/** Providers still in the town (a provider that left is not suggested), by name; of one trade when given. */
export async function listProviders(db: Executor, filter: { trade?: TradeCode } = {}): Promise<Provider[]> {
  let query = providersQuery(db).where('stage', '!=', 'left');
  const { trade } = filter;
  if (trade) query = query.where((eb) => eb.exists(eb.selectFrom('shop_trades as st').select('st.shop_id').whereRef('st.shop_id', '=', 'shops.id').where('st.trade_code', '=', trade)));
  return withTrades(db, await query.orderBy('trade_name').orderBy('id').execute());
}

/** These providers, whatever their stage (a request keeps naming a provider that left); shops that are not providers are left out. */
export async function findProvidersByIds(db: Executor, ids: readonly string[]): Promise<Provider[]> {
  if (ids.length === 0) return [];
  return withTrades(db, await providersQuery(db).where('id', 'in', ids).orderBy('trade_name').orderBy('id').execute());
}

/** The trades of several shops at once, for the directory's lines. */
export async function listTradesOfShops(db: Executor, shopIds: readonly string[]): Promise<Map<string, TradeCode[]>> {
  return tradesOf(db, shopIds);
}

// ---- absences ----

function toAbsence(row: { id: string; starts_on: string; ends_on: string; note: string }): Absence {
  return { id: row.id, startsOn: row.starts_on, endsOn: row.ends_on, note: row.note };
}

/** A shop's absences ending on or after `fromDate` (all of them without it), soonest first. */
export async function listAbsences(db: Executor, shopId: string, fromDate?: string): Promise<Absence[]> {
  let query = db.selectFrom('shop_absences').select(['id', 'starts_on', 'ends_on', 'note']).where('shop_id', '=', shopId);
  if (fromDate) query = query.where('ends_on', '>=', fromDate);
  const rows = await query.orderBy('starts_on').orderBy('id').execute();
  return rows.map(toAbsence);
}

/** The absences covering a local date. */
export async function absencesOn(db: Executor, shopId: string, date: string): Promise<Absence[]> {
  const rows = await db
    .selectFrom('shop_absences')
    .select(['id', 'starts_on', 'ends_on', 'note'])
    .where('shop_id', '=', shopId)
    .where('starts_on', '<=', date)
    .where('ends_on', '>=', date)
    .execute();
  return rows.map(toAbsence);
}

export async function insertAbsence(trx: Executor, shopId: string, absence: Omit<Absence, 'id'>, at: string, byLabel: string): Promise<string> {
  const id = newId();
  await trx
    .insertInto('shop_absences')
    .values({ id, shop_id: shopId, starts_on: absence.startsOn, ends_on: absence.endsOn, note: absence.note, created_at: at, created_by_label: byLabel })
    .execute();
  return id;
}

/** False when the absence is not this shop's (or was removed already). */
export async function deleteAbsence(trx: Executor, shopId: string, absenceId: string): Promise<boolean> {
  const result = await trx.deleteFrom('shop_absences').where('id', '=', absenceId).where('shop_id', '=', shopId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
