// Use cases of the concierge's day: the collection round of a date (shops in visiting order,
// each with its pick list), the « Aujourd’hui » board, and reception at the counter. The
// purchase orders come from the orders area, the shops and their hours from the shops area,
// the counter's position from the places area; only the concierge reaches any of it.
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/index.ts';
import {
  atTheCounter,
  expectedOn,
  lateThings,
  purchaseOrdersForRound,
  receivePurchaseOrder,
  type CounterItem,
  type ExpectedItem,
  type ReceptionResult,
  type RoundItem,
  type RoundPurchaseOrder,
} from '../orders/index.ts';
import { counterOf, listPlacesWithHours, localDateOf } from '../places/index.ts';
import { t } from '../platform/i18n/index.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { findShopsByIds, formatOpeningHours, listOpeningHoursOfShops, type OpeningRange, type Shop } from '../shops/index.ts';
import { STORAGE_LOCATION_MAX, tidyStorageLocation, tourLengthMetres, visitingOrder, weekdayOfDate, type Coordinates } from './rounds.rules.ts';
import { assertConcierge } from '../platform/actor.ts';

/** A shop as the round sheet shows it. */
export type RoundShop = Pick<Shop, 'id' | 'tradeName' | 'addressLine' | 'postalCode' | 'city' | 'phone' | 'latitude' | 'longitude'>;

export interface RoundPurchaseOrderItem extends RoundItem {
  /** Its round left on an earlier day: it should already be at the counter. */
  late: boolean;
}

export interface RoundStop {
  /** 1, 2, 3… in visiting order. */
  number: number;
  shop: RoundShop;
  /** The shop's hours on the round's day: « 9 h – 12 h, 14 h 30 – 19 h » or « fermé ». */
  hoursText: string;
  purchaseOrders: RoundPurchaseOrderItem[];
}

export interface CollectionRound {
  date: string;
  stops: RoundStop[];
  purchaseOrderCount: number;
  /** Purchase orders the shops have marked ready (the others are to check on the spot). */
  readyCount: number;
  /** More purchase orders wait than one sheet lists. */
  truncated: boolean;
  /** Shops whose position is unknown: at the end of the round, by name. */
  unlocatedCount: number;
  /** Length of the tour from the counter and back, in metres; null when nothing is on the map. */
  lengthMetres: number | null;
}

async function counterPosition(db: Executor): Promise<Coordinates | null> {
  const counter = counterOf(await listPlacesWithHours(db, { activeOnly: true }));
  return counter && counter.latitude !== null && counter.longitude !== null ? { latitude: counter.latitude, longitude: counter.longitude } : null;
}

function toRoundShop(shop: Shop): RoundShop {
  const { id, tradeName, addressLine, postalCode, city, phone, latitude, longitude } = shop;
  return { id, tradeName, addressLine, postalCode, city, phone, latitude, longitude };
}

/** A shop's hours on a weekday; a shop that never gave its hours is said so, not « fermé ». */
function hoursOn(ranges: readonly OpeningRange[], weekday: number): string {
  return ranges.length === 0 ? t('rounds.round.hours_unknown') : formatOpeningHours(ranges)[weekday - 1].text;
}

/** The collection round of a local date: every purchase order due by then, shop by shop, in visiting order. */
export async function collectionRound(db: Executor, config: Config, actor: CurrentAccount | null, date: string): Promise<CollectionRound> {
  assertConcierge(actor);
  const { items, truncated } = await purchaseOrdersForRound(db, actor, date, config.timeZone);
  const shopIds = [...new Set(items.map((item) => item.shopId))];
  const [shops, hours, start] = await Promise.all([findShopsByIds(db, shopIds), listOpeningHoursOfShops(db, shopIds), counterPosition(db)]);
  const ordered = visitingOrder(
    start,
    shops.map((shop) => ({ ...toRoundShop(shop), name: shop.tradeName })),
  );
  const weekday = weekdayOfDate(date);
  const stops = ordered.map(({ name: _name, ...shop }, index) => ({
    number: index + 1,
    shop,
    hoursText: hoursOn(hours.get(shop.id) ?? [], weekday),
    purchaseOrders: items
      .filter((item) => item.shopId === shop.id)
      .map((item) => ({ ...item, late: localDateOf(item.collectionRoundAt, config.timeZone) < date })),
  }));
  const located = ordered.filter((shop) => shop.latitude !== null && shop.longitude !== null);
  return {
    date,
    stops,
    purchaseOrderCount: items.length,
    readyCount: items.filter((item) => item.status === 'ready').length,
    truncated,
    unlocatedCount: ordered.length - located.length,
    lengthMetres: located.length > 0 ? tourLengthMetres(start, located) : null,
  };
}

export interface ShopNamed {
  shopName: string;
}

export interface TodayBoard {
  date: string;
  round: Pick<CollectionRound, 'purchaseOrderCount' | 'readyCount' | 'truncated'> & { shopCount: number };
  counter: { items: Array<CounterItem & ShopNamed>; total: number };
  expected: ExpectedItem[];
  late: { purchaseOrders: Array<RoundPurchaseOrder & ShopNamed>; orders: ExpectedItem[] };
}

/** The « Aujourd’hui » board: the round in brief, what is at the counter, who comes today, what is late. */
export async function todayBoard(db: Executor, config: Config, actor: CurrentAccount | null, nowAt: string): Promise<TodayBoard> {
  assertConcierge(actor);
  const date = localDateOf(nowAt, config.timeZone);
  const [round, counter, expected, late] = await Promise.all([
    purchaseOrdersForRound(db, actor, date, config.timeZone),
    atTheCounter(db, actor),
    expectedOn(db, actor, date),
    lateThings(db, actor, nowAt),
  ]);
  const shopIds = new Set([...counter.items, ...late.purchaseOrders].map((item) => item.shopId));
  const names = new Map((await findShopsByIds(db, [...shopIds])).map((shop) => [shop.id, shop.tradeName]));
  const named = <T extends { shopId: string }>(item: T): T & ShopNamed => ({ ...item, shopName: names.get(item.shopId) ?? '' });
  return {
    date,
    round: {
      shopCount: new Set(round.items.map((item) => item.shopId)).size,
      purchaseOrderCount: round.items.length,
      readyCount: round.items.filter((item) => item.status === 'ready').length,
      truncated: round.truncated,
    },
    counter: { items: counter.items.map(named), total: counter.total },
    expected,
    late: { purchaseOrders: late.purchaseOrders.map(named), orders: late.orders },
  };
}

export interface ReceptionInput {
  storageLocation: string;
  chilled: boolean;
}

/** The round brought a purchase order back: stored at the counter; the member told when all is in. */
export async function receive(db: Db, config: Config, actor: CurrentAccount | null, purchaseOrderId: string, input: ReceptionInput): Promise<ReceptionResult> {
  assertConcierge(actor);
  return receivePurchaseOrder(db, config, actor, purchaseOrderId, {
    storageLocation: tidyStorageLocation(input.storageLocation).slice(0, STORAGE_LOCATION_MAX),
    chilled: input.chilled,
  });
}
