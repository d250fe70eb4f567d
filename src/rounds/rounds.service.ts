// Use cases of the concierge's day: the collection round of a date (shops in the order the
// tricycle can visit them while they are open, in one trip or more, each with its pick
// list), the « Aujourd’hui » board, and reception at the counter. The purchase orders come
// from the orders area, the shops and their hours from the shops area, the counter's
// position from the places area; only the concierge reaches any of it.
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
import { findShopsByIds, formatOpeningHours, listOpeningHoursOfShops, tasksToFollowUp, type OpeningRange, type Shop, type TaskBoard } from '../shops/index.ts';
import {
  clockOfMinutes,
  collectionServiceMinutes,
  isLocated,
  loadOfLines,
  minutesOfClock,
  STORAGE_LOCATION_MAX,
  tidyStorageLocation,
  TRICYCLE,
  weekdayOfDate,
  windowsOn,
  type Coordinates,
} from './rounds.rules.ts';
import { planRoute, type RoutingStop, type Vehicle } from './rounds.routing.rules.ts';
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
  /** When the tricycle should get there, local "HH:MM"; null for a shop not on the map. */
  arrivalClock: string | null;
  /** The tricycle's trip it belongs to: 1, or 2 when the load needs a second trip. */
  trip: number;
  /** The shop has hours that day but the tricycle cannot get there before it closes. */
  closedAtArrival: boolean;
  /** The shop has given its hours and is not open at all that day. */
  closedAllDay: boolean;
}

/** One departure of the tricycle from the counter. */
export interface RoundTrip {
  number: number;
  firstStop: number;
  lastStop: number;
  departureClock: string;
  returnClock: string;
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
  /** Length of the round from the counter and back (every trip), in metres; null when nothing is on the map. */
  lengthMetres: number | null;
  /** One trip, or more when the bags do not fit in the tricycle at once. */
  trips: RoundTrip[];
  /** Shops the tricycle will find closed (at the planned hour or all day). */
  closedCount: number;
  /** A shop's bags alone exceed the tricycle: another way must be found for them. */
  tooBigCount: number;
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

/** The tricycle leaves at the first round time of the day (COLLECTION_ROUND_TIMES). */
function departureMinutes(config: Config): number {
  const [first] = [...config.collectionRoundTimes].sort();
  return minutesOfClock(first ?? '10:30');
}

interface ShopStop extends RoutingStop {
  shop: RoundShop;
  name: string;
  purchaseOrders: RoundPurchaseOrderItem[];
  hours: readonly OpeningRange[];
}

const byName = (a: ShopStop, b: ShopStop) => a.name.localeCompare(b.name, 'fr') || a.shop.id.localeCompare(b.shop.id);

function roundStop(stop: ShopStop, number: number, weekday: number, planned: { arrivalClock: string | null; trip: number; late: boolean }): RoundStop {
  const closedAllDay = stop.windows !== null && stop.windows.length === 0;
  return {
    number,
    shop: stop.shop,
    hoursText: hoursOn(stop.hours, weekday),
    purchaseOrders: stop.purchaseOrders,
    arrivalClock: planned.arrivalClock,
    trip: planned.trip,
    closedAtArrival: planned.late && !closedAllDay,
    closedAllDay,
  };
}

/**
 * The collection round of a local date: every purchase order due by then, shop by shop, in
 * the order the tricycle can visit them while they are open, in as many trips as its load
 * needs. `vehicle` is the tricycle; another one can be given to plan with a smaller box.
 */
export async function collectionRound(db: Executor, config: Config, actor: CurrentAccount | null, date: string, vehicle: Vehicle = TRICYCLE): Promise<CollectionRound> {
  assertConcierge(actor);
  const { items, truncated } = await purchaseOrdersForRound(db, actor, date, config.timeZone);
  const shopIds = [...new Set(items.map((item) => item.shopId))];
  const [shops, hours, start] = await Promise.all([findShopsByIds(db, shopIds), listOpeningHoursOfShops(db, shopIds), counterPosition(db)]);
  const weekday = weekdayOfDate(date);
  const shopStops: ShopStop[] = shops.map((shop) => {
    const purchaseOrders = items.filter((item) => item.shopId === shop.id).map((item) => ({ ...item, late: localDateOf(item.collectionRoundAt, config.timeZone) < date }));
    const shopHours = hours.get(shop.id) ?? [];
    return {
      id: shop.id,
      name: shop.tradeName,
      shop: toRoundShop(shop),
      purchaseOrders,
      hours: shopHours,
      point: { latitude: shop.latitude ?? 0, longitude: shop.longitude ?? 0 },
      windows: windowsOn(shopHours, weekday),
      serviceMinutes: collectionServiceMinutes(purchaseOrders.length),
      load: loadOfLines(purchaseOrders.flatMap((po) => po.lines)),
      lockedPosition: null,
    };
  });
  const located = shopStops.filter((stop) => isLocated({ id: stop.id, name: stop.name, latitude: stop.shop.latitude, longitude: stop.shop.longitude })).sort(byName);
  const unlocated = shopStops.filter((stop) => !located.includes(stop)).sort(byName);
  // Without the counter's position the round starts at its first shop: a depot there costs nothing.
  const plan = planRoute({ depot: start ?? located[0]?.point ?? { latitude: 0, longitude: 0 }, stops: located, vehicle, departureMinutes: departureMinutes(config) });
  const stops = [
    ...plan.stops.map((planned, index) => roundStop(planned.stop, index + 1, weekday, { arrivalClock: clockOfMinutes(planned.arrivalMinutes), trip: planned.run, late: planned.late })),
    ...unlocated.map((stop, index) => roundStop(stop, plan.stops.length + index + 1, weekday, { arrivalClock: null, trip: plan.runs.length || 1, late: false })),
  ];
  return {
    date,
    stops,
    purchaseOrderCount: items.length,
    readyCount: items.filter((item) => item.status === 'ready').length,
    truncated,
    unlocatedCount: unlocated.length,
    lengthMetres: located.length > 0 ? plan.totalMetres : null,
    trips: tripsOf(plan.runs),
    closedCount: stops.filter((stop) => stop.closedAtArrival || stop.closedAllDay).length,
    tooBigCount: plan.overCapacityStopIds.length,
  };
}

function tripsOf(runs: ReturnType<typeof planRoute>['runs']): RoundTrip[] {
  let next = 1;
  return runs.map((run) => {
    const trip = { number: run.number, firstStop: next, lastStop: next + run.stops.length - 1, departureClock: clockOfMinutes(run.departureMinutes), returnClock: clockOfMinutes(run.returnMinutes) };
    next += run.stops.length;
    return trip;
  });
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
  /** « Commerces à relancer »: the shops' follow-ups overdue, of the day and of the next 7 days. */
  followUps: TaskBoard;
}

/** The « Aujourd’hui » board: the round in brief, what is at the counter, who comes today, what is late. */
export async function todayBoard(db: Executor, config: Config, actor: CurrentAccount | null, nowAt: string): Promise<TodayBoard> {
  assertConcierge(actor);
  const date = localDateOf(nowAt, config.timeZone);
  const [round, counter, expected, late, followUps] = await Promise.all([
    purchaseOrdersForRound(db, actor, date, config.timeZone),
    atTheCounter(db, actor),
    expectedOn(db, actor, date),
    lateThings(db, actor, nowAt),
    tasksToFollowUp(db, date),
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
    followUps,
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
