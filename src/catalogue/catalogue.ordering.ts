// What orders need to know about the shops whose offers they sell: their names, their
// weekly opening hours (a collection round can only fetch goods from an open shop) and where
// a new purchase order is sent (the shop's merchant accounts, or the shop's own e-mail).
import type { Executor } from '../db/index.ts';
import { listAccountsOfShops } from '../platform/auth/auth.repository.ts';
import { findShopsByIds, getShop, listOpeningHoursOfShops, listShops, type OpeningRange } from '../shops/index.ts';

export interface OrderingShop {
  id: string;
  tradeName: string;
  phone: string | null;
  addressLine: string;
  latitude: number | null;
  longitude: number | null;
  /** Weekly hours, local time; empty when the shop gave none. */
  hours: OpeningRange[];
  /** Where a new purchase order is announced: enabled merchant accounts, else the shop's e-mail. */
  notifyEmails: string[];
}

/** The shops of an order with their hours and contacts: three queries, whatever the number of shops. */
export async function orderingShops(db: Executor, shopIds: readonly string[]): Promise<OrderingShop[]> {
  const ids = [...new Set(shopIds)];
  if (ids.length === 0) return [];
  const [shops, hoursOf, accountsOf] = await Promise.all([findShopsByIds(db, ids), listOpeningHoursOfShops(db, ids), listAccountsOfShops(db, ids)]);
  return shops.map((shop) => {
    const merchants = (accountsOf.get(shop.id) ?? []).filter((account) => account.role === 'merchant' && account.disabledAt === null);
    const notifyEmails = merchants.length > 0 ? merchants.map((account) => account.email) : shop.email ? [shop.email] : [];
    return {
      id: shop.id,
      tradeName: shop.tradeName,
      phone: shop.phone,
      addressLine: shop.addressLine,
      latitude: shop.latitude,
      longitude: shop.longitude,
      hours: hoursOf.get(shop.id) ?? [],
      notifyEmails,
    };
  });
}

/** Trade names of shops by id, in one query. */
export async function shopNames(db: Executor, shopIds: readonly string[]): Promise<Map<string, string>> {
  const shops = await findShopsByIds(db, [...new Set(shopIds)]);
  return new Map(shops.map((shop) => [shop.id, shop.tradeName]));
}

/** A shop's name for its purchase-order pages; not_found when there is no such shop. */
export async function shopName(db: Executor, shopId: string): Promise<string> {
  return (await getShop(db, shopId)).tradeName;
}

/** The most member shops a town has: the list of shops to buy from fits in one select. */
const MEMBER_SHOPS_MAX = 1000;

/** Member shops by name (id and name), for the concierge's « à acheter pour moi » line. */
export async function memberShopChoices(db: Executor): Promise<Array<{ id: string; name: string }>> {
  const shops = await listShops(db, { stage: 'member', limit: MEMBER_SHOPS_MAX });
  return shops.map((shop) => ({ id: shop.id, name: shop.tradeName }));
}
