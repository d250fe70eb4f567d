// The SQL of search, over the full-text index that migration 0023 keeps in step with offers,
// shops and categories. One query returns the page of results with their shop's name,
// ranked: title hits first (tier 0), then unit, category or shop name (tier 1), then
// description only (tier 2); within a tier by the database's relevance, then by title.
// Only listed offers of member shops are found, as in every public list.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/index.ts';
import { isPostgres } from '../db/migrate.ts';
import type { OffersTable } from '../db/schema.ts';
import { LISTED_AVAILABILITIES } from './catalogue.rules.ts';
import { toOffer, type Offer } from './catalogue.repository.ts';
import { ftsQuery, tsQuery, type SearchWord } from './catalogue.search.rules.ts';

/** The stage whose storefronts the public sees (see the shops area's `isPublicStage`). */
const PUBLIC_STAGE = 'member';

export interface OfferSearch {
  /** At least one word: an empty search is decided before any SQL. */
  words: readonly SearchWord[];
  categoryCode?: string;
}

export interface FoundOffer {
  offer: Offer;
  shopName: string;
  /** 0: a word is in the title; 1: in the unit, category or shop name; 2: in the description only. */
  tier: 0 | 1 | 2;
}

type FoundRow = OffersTable & { shop_name: string; tier: number };

/** Visibility shared by both dialects: listed offers of member shops (of one category). */
function visible(search: OfferSearch): RawBuilder<unknown> {
  const category = search.categoryCode ? sql`and shops.category_code = ${search.categoryCode}` : sql``;
  return sql`offers.availability in (${sql.join(LISTED_AVAILABILITIES)}) and shops.stage = ${PUBLIC_STAGE} ${category}`;
}

// Column numbers in highlight() count the unindexed offer_id as 0.
const SQLITE_TIER = sql`case
  when instr(highlight(offer_search, 1, char(1), ''), char(1)) > 0 then 0
  when instr(highlight(offer_search, 2, char(1), '') || highlight(offer_search, 3, char(1), '') || highlight(offer_search, 4, char(1), ''), char(1)) > 0 then 1
  else 2 end`;

function sqliteFrom(search: OfferSearch): RawBuilder<unknown> {
  return sql`from offer_search
    join offers on offers.id = offer_search.offer_id
    join shops on shops.id = offers.shop_id
    where offer_search match ${ftsQuery(search.words)} and ${visible(search)}`;
}

function sqliteSearch(search: OfferSearch, limit: number, offset: number): RawBuilder<FoundRow> {
  return sql<FoundRow>`select offers.*, shops.trade_name as shop_name, ${SQLITE_TIER} as tier
    ${sqliteFrom(search)}
    order by tier, bm25(offer_search, 0, 10, 4, 4, 4, 1), offers.title, offers.id
    limit ${limit} offset ${offset}`;
}

function postgresFrom(search: OfferSearch): RawBuilder<unknown> {
  return sql`from offer_search
    join offers on offers.id = offer_search.offer_id
    join shops on shops.id = offers.shop_id
    where offer_search.document @@ to_tsquery('french_unaccent', ${tsQuery(search.words)}) and ${visible(search)}`;
}

function postgresSearch(search: OfferSearch, limit: number, offset: number): RawBuilder<FoundRow> {
  const words = search.words;
  return sql<FoundRow>`select offers.*, shops.trade_name as shop_name, case
      when offer_search.document @@ to_tsquery('french_unaccent', ${tsQuery(words, 'A')}) then 0
      when offer_search.document @@ to_tsquery('french_unaccent', ${tsQuery(words, 'B')}) then 1
      else 2 end as tier
    ${postgresFrom(search)}
    order by tier, ts_rank(offer_search.document, to_tsquery('french_unaccent', ${tsQuery(words)})) desc, offers.title, offers.id
    limit ${limit} offset ${offset}`;
}

/** A page of offers matching every word, best first, with their shop's name: one query. */
export async function searchOffers(db: Executor, search: OfferSearch, page: { limit: number; offset?: number }): Promise<FoundOffer[]> {
  const offset = page.offset ?? 0;
  const query = isPostgres(db) ? postgresSearch(search, page.limit, offset) : sqliteSearch(search, page.limit, offset);
  const { rows } = await query.execute(db);
  return rows.map((row) => ({ offer: toOffer(row), shopName: row.shop_name, tier: Number(row.tier) as FoundOffer['tier'] }));
}

/** How many offers match every word (for the API's pages). */
export async function countSearchedOffers(db: Executor, search: OfferSearch): Promise<number> {
  const from = isPostgres(db) ? postgresFrom(search) : sqliteFrom(search);
  const { rows } = await sql<{ count: number | string }>`select count(*) as count ${from}`.execute(db);
  return Number(rows[0]?.count ?? 0);
}
