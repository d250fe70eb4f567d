// What the public reads of the catalogue: the home page, the member shops and their
// categories, storefronts, offers and search. Only member shops are public; paused offers
// leave every list but keep their page (saying they are unavailable); withdrawn offers are
// gone for the public.
import type { Executor } from '../db/index.ts';
import { notFound } from '../platform/errors.ts';
import { searchTerms } from '../platform/text.ts';
import {
  categoriesWithMemberCounts,
  countShops,
  findShopsByIds,
  formatOpeningHours,
  getCategory,
  getOpeningHours,
  getPublicShop,
  getProviderProfile,
  listCategories,
  listProviders,
  tradesText,
  listShops,
  type Category,
  type OpeningRange,
  type ProviderProfile,
  type Shop,
  type ShopKind,
} from '../shops/index.ts';
import {
  countPublicOffers,
  findOffer,
  listPublicOffers,
  listOrderableOffers,
  listShopOffers,
  type Offer,
  type PublicOfferFilter,
} from './catalogue.repository.ts';
import { hasPublicPage, pageCount } from './catalogue.rules.ts';
import { countSearchedOffers, searchOffers } from './catalogue.search.repository.ts';
import { searchWords } from './catalogue.search.rules.ts';

export const SHOPS_PAGE_SIZE = 20;
export const OFFERS_PAGE_SIZE = 24;
const HOME_OFFERS = 8;
const HOME_SHOPS = 6;
const SEARCH_SHOPS = 20;

/** An offer with the name of its shop, for cards outside the storefront. */
export interface OfferCard {
  offer: Offer;
  shopName: string;
}

export type CategoryCount = Category & { shopCount: number };

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
}

/** Shop names of a list of offers, in one query. */
async function withShopNames(db: Executor, offers: Offer[]): Promise<OfferCard[]> {
  const shops = await findShopsByIds(db, [...new Set(offers.map((offer) => offer.shopId))]);
  const names = new Map(shops.map((shop) => [shop.id, shop.tradeName]));
  return offers.map((offer) => ({ offer, shopName: names.get(offer.shopId) ?? '' }));
}

/** A page past the last one does not exist (page 1 always does). */
function checkPage(page: number, total: number, pageSize: number): number {
  const count = pageCount(total, pageSize);
  if (page > count) throw notFound();
  return count;
}

export interface HomePage {
  offers: OfferCard[];
  categories: CategoryCount[];
  shops: Shop[];
}

/** The newest offers, the categories that have member shops, a few shops: four queries. */
export async function homePage(db: Executor): Promise<HomePage> {
  const [offers, categories, shops] = await Promise.all([
    listPublicOffers(db, { limit: HOME_OFFERS }),
    categoriesWithMemberCounts(db),
    listShops(db, { stage: 'member', limit: HOME_SHOPS }),
  ]);
  return { offers: await withShopNames(db, offers), categories: categories.filter((category) => category.shopCount > 0), shops };
}

export interface ShopList extends Paged<Shop> {
  categories: CategoryCount[];
  /** Providers only (« Prestataires »), or every member shop. */
  kind?: ShopKind;
  /** « Plombier, Chauffagiste » for each provider of the page. */
  trades: Map<string, string>;
}

/** All member shops, or member providers only, by name, with the categories to narrow the list. */
export async function memberShops(db: Executor, page: number, kind?: ShopKind): Promise<ShopList> {
  const [total, categories] = await Promise.all([countShops(db, { stage: 'member', kind }), categoriesWithMemberCounts(db)]);
  const count = checkPage(page, total, SHOPS_PAGE_SIZE);
  const items = await listShops(db, { stage: 'member', kind, limit: SHOPS_PAGE_SIZE, offset: (page - 1) * SHOPS_PAGE_SIZE });
  const providers = items.some((shop) => shop.kind === 'provider') ? await listProviders(db) : [];
  const trades = new Map(providers.map((provider) => [provider.shopId, tradesText(provider.trades)]));
  return { items, total, page, pageCount: count, categories: categories.filter((category) => category.shopCount > 0), kind, trades };
}

export interface CategoryPage extends Paged<Shop> {
  category: Category;
  offers: OfferCard[];
}

/** One category: its member shops (paginated) and its newest offers. */
export async function categoryPage(db: Executor, code: string, page: number): Promise<CategoryPage> {
  const category = await getCategory(db, code);
  const total = await countShops(db, { stage: 'member', categoryCode: code });
  const count = checkPage(page, total, SHOPS_PAGE_SIZE);
  const [items, offers] = await Promise.all([
    listShops(db, { stage: 'member', categoryCode: code, limit: SHOPS_PAGE_SIZE, offset: (page - 1) * SHOPS_PAGE_SIZE }),
    listPublicOffers(db, { categoryCode: code, limit: OFFERS_PAGE_SIZE }),
  ]);
  return { category, items, total, page, pageCount: count, offers: await withShopNames(db, offers) };
}

/** A shop's category label; the shop's code when the category was removed. */
async function categoryOf(db: Executor, shop: Shop): Promise<Category> {
  return getCategory(db, shop.categoryCode).catch(() => ({ code: shop.categoryCode, label: shop.categoryCode, position: 0 }));
}

export interface Storefront {
  shop: Shop;
  category: Category;
  /** One line per day, Monday first; empty when the shop gave no hours. */
  hours: Array<{ day: string; text: string }>;
  ranges: OpeningRange[];
  offers: Offer[];
  /** A provider's trades, labels and area; undefined for a plain shop. */
  provider?: ProviderProfile;
}

export async function storefront(db: Executor, shopId: string): Promise<Storefront> {
  const shop = await getPublicShop(db, shopId);
  const [category, ranges, offers, profile] = await Promise.all([categoryOf(db, shop), getOpeningHours(db, shopId), listShopOffers(db, shopId, 'listed'), getProviderProfile(db, shopId)]);
  const provider = profile.kind === 'provider' ? profile : undefined;
  return { shop, category, hours: ranges.length > 0 ? formatOpeningHours(ranges) : [], ranges, offers, provider };
}

/** An offer's public page: its shop must be a member and the offer not withdrawn. */
export async function publicOffer(db: Executor, offerId: string): Promise<{ offer: Offer; shop: Shop }> {
  const offer = await findOffer(db, offerId);
  if (!offer || !hasPublicPage(offer.availability)) throw notFound();
  const shop = await getPublicShop(db, offer.shopId);
  return { offer, shop };
}

/** Offers that may be ordered now, among `ids`: listed offers of member shops, in one query, in no order. */
export async function orderableOffers(db: Executor, ids: readonly string[]): Promise<Offer[]> {
  if (ids.length === 0) return [];
  return listOrderableOffers(db, [...new Set(ids)]);
}

export interface SearchResult {
  query: string;
  /** False when the query has no word to look for: only the form is shown. */
  searched: boolean;
  shops: Shop[];
  offers: OfferCard[];
}

/**
 * Shops by name or category, and offers through the full-text index (title, unit, category,
 * shop name, description; plurals and accents folded), title hits first: one query for the
 * offers with their shop's name, one for the shops.
 */
export async function search(db: Executor, query: string): Promise<SearchResult> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { query, searched: false, shops: [], offers: [] };
  const words = searchWords(query);
  const [shops, found] = await Promise.all([
    listShops(db, { stage: 'member', terms, limit: SEARCH_SHOPS }),
    words.length > 0 ? searchOffers(db, { words }, { limit: OFFERS_PAGE_SIZE }) : [],
  ]);
  return { query, searched: true, shops, offers: found.map(({ offer, shopName }) => ({ offer, shopName })) };
}

// ---- the public JSON API ----

export const API_PAGE_SIZE = 50;

export interface ShopWithCategory {
  shop: Shop;
  category: Category;
}

async function withCategories(db: Executor, shops: Shop[]): Promise<ShopWithCategory[]> {
  const categories = await listCategories(db);
  const byCode = new Map(categories.map((category) => [category.code, category]));
  return shops.map((shop) => ({ shop, category: byCode.get(shop.categoryCode) ?? { code: shop.categoryCode, label: shop.categoryCode, position: 0 } }));
}

export async function apiShops(db: Executor, page: number): Promise<Paged<ShopWithCategory>> {
  const total = await countShops(db, { stage: 'member' });
  const count = pageCount(total, API_PAGE_SIZE);
  const shops = page > count ? [] : await listShops(db, { stage: 'member', limit: API_PAGE_SIZE, offset: (page - 1) * API_PAGE_SIZE });
  return { items: await withCategories(db, shops), total, page, pageCount: count };
}

export async function apiShop(db: Executor, shopId: string): Promise<Storefront> {
  return storefront(db, shopId);
}

export async function apiOffers(db: Executor, filter: { categoryCode?: string; query?: string; page: number }): Promise<Paged<OfferCard>> {
  // Something typed but no word worth looking for (« de ») finds nothing rather than everything.
  const words = filter.query && searchTerms(filter.query).length > 0 ? searchWords(filter.query) : undefined;
  if (words?.length === 0) return { items: [], total: 0, page: filter.page, pageCount: pageCount(0, API_PAGE_SIZE) };
  const where: PublicOfferFilter = { categoryCode: filter.categoryCode };
  const total = words ? await countSearchedOffers(db, { ...where, words }) : await countPublicOffers(db, where);
  const count = pageCount(total, API_PAGE_SIZE);
  if (filter.page > count) return { items: [], total, page: filter.page, pageCount: count };
  const page = { limit: API_PAGE_SIZE, offset: (filter.page - 1) * API_PAGE_SIZE };
  const items = words
    ? (await searchOffers(db, { ...where, words }, page)).map(({ offer, shopName }) => ({ offer, shopName }))
    : await withShopNames(db, await listPublicOffers(db, { ...where, ...page }));
  return { items, total, page: filter.page, pageCount: count };
}

/** Offers the public can order right now, all shops together (back-office figure). */
export function countOnlineOffers(db: Executor): Promise<number> {
  return countPublicOffers(db, {});
}
