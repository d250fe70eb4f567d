// What the demo orders draw from: the member shops with what they sold when, the collection
// points with their calendars, the members and their habits, and the seeding day. Local
// dates and times are turned into instants by the places' own conversions (Europe/Paris,
// daylight saving included); slots are cut by the places' own rule, so every demo slot is
// one the counter really offers.
import type { Config } from '../config.ts';
import type { MembersTable, OffersTable, PlaceOpeningHoursTable } from '../db/schema.ts';
import { collectionRoundFor, type CounterPaymentMethod, type TimingSettings } from '../orders/index.ts';
import { localDateOf, localToUtc, slotTimesOn, type OpeningRange, type PlaceCalendar, type SlotTime } from '../places/index.ts';
import { CHILLED_CATEGORIES, FRIDGES, PAYMENT_MIX, SHELVES, type Profile } from './demo.orders.data.ts';
import { SENIOR_FIRST_NAMES, WORKING_FIRST_NAMES } from './demo.people.data.ts';
import type { DemoPlaceRow } from './demo.places.ts';
import type { Random } from './demo.random.ts';
import type { DemoShop } from './demo.shops.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export type PlaceKey = 'counter' | 'community_centre' | 'residence' | 'company';

export interface DemoPlace {
  row: DemoPlaceRow;
  calendar: PlaceCalendar;
  /** Slots by local date, cut once: a year of orders asks for the same days again and again. */
  slotsByDate: Map<string, SlotTime[]>;
}

export interface OrdersTown {
  config: Config;
  timing: TimingSettings;
  timeZone: string;
  /** The seeding day, local date. */
  today: string;
  /**
   * Local midnight of the seeding day: the live day is told as the counter finds it in the
   * morning, so the same day always gives the same town, whatever the hour of seeding.
   */
  nowAt: string;
  /** The day shown live: today, or the counter's next opening day when it is closed today (Sunday). */
  liveDate: string;
  members: MembersTable[];
  demoResidentId: string;
  /** Member shops that have something to sell. */
  shops: DemoShop[];
  offersByShop: Map<string, OffersTable[]>;
  hoursOf: Map<string, OpeningRange[]>;
  places: Record<PlaceKey, DemoPlace>;
}

export interface OrdersInput {
  config: Config;
  today: Date;
  shops: readonly DemoShop[];
  offers: readonly OffersTable[];
  members: readonly MembersTable[];
  demoResidentId: string;
  places: { places: readonly DemoPlaceRow[]; hours: readonly PlaceOpeningHoursTable[] };
}

/** `date` plus `days` calendar days (local dates are plain calendar days). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function plusMinutes(at: string, minutes: number): string {
  return new Date(Date.parse(at) + minutes * MINUTE_MS).toISOString();
}

export function minutesBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / MINUTE_MS);
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** An instant on a local date between two local times (minutes of the day), with seconds. */
export function localInstant(random: Random, town: OrdersTown, date: string, fromMinutes: number, toMinutes: number): string {
  const minutes = random.int(fromMinutes, toMinutes);
  // A time skipped by the change to summer time is read an hour later.
  const at = localToUtc(date, clock(minutes), town.timeZone) ?? localToUtc(date, clock(Math.min(minutes + 60, 23 * 60 + 59)), town.timeZone)!;
  return new Date(Date.parse(at) + random.int(0, 59) * 1000).toISOString();
}

function calendarOf(place: DemoPlaceRow, hours: readonly PlaceOpeningHoursTable[]): PlaceCalendar {
  const weekly = hours.filter((range) => range.place_id === place.id).map((range) => ({ weekday: range.weekday, opensAt: range.opens_at, closesAt: range.closes_at }));
  // The demo places keep the default slot length of migration 0005.
  return { weekly, closures: [], openings: [], slotMinutes: 30 };
}

export function slotsOn(town: OrdersTown, place: DemoPlace, date: string): SlotTime[] {
  let slots = place.slotsByDate.get(date);
  if (!slots) {
    slots = slotTimesOn(place.calendar, date, town.timeZone);
    place.slotsByDate.set(date, slots);
  }
  return slots;
}

const QUARTER_MS = 900_000;
const localDates = new Map<string, string>();

/**
 * The local date of an instant, remembered by quarter of an hour: zone offsets are whole
 * quarters and change on one, so every instant of a UTC quarter falls on the same local date.
 */
export function localDateAt(town: OrdersTown, at: string): string {
  const key = `${town.timeZone} ${Math.floor(Date.parse(at) / QUARTER_MS)}`;
  let date = localDates.get(key);
  if (!date) {
    date = localDateOf(at, town.timeZone);
    if (localDates.size > 50_000) localDates.clear();
    localDates.set(key, date);
  }
  return date;
}

/**
 * The place's slots starting at or after `notBeforeAt`, over at most `days` local days and
 * on at most `openDays` days that have slots (members choose among the first few).
 */
export function slotsFrom(town: OrdersTown, place: DemoPlace, notBeforeAt: string, days: number, openDays = days): SlotTime[] {
  const first = localDateAt(town, notBeforeAt);
  const slots: SlotTime[] = [];
  for (let day = 0, found = 0; day < days && found < openDays; day += 1) {
    const open = slotsOn(town, place, addDays(first, day)).filter((slot) => slot.startAt >= notBeforeAt);
    if (open.length > 0) found += 1;
    slots.push(...open);
  }
  return slots;
}

/** The round that fetches a shop's part, as checkout plans it; undefined when none. */
export function roundFor(town: OrdersTown, shopId: string, placedAt: string, leadTimeDays: number): string | undefined {
  return collectionRoundFor(placedAt, leadTimeDays, town.hoursOf.get(shopId) ?? [], town.timing);
}

/** What a shop had on its storefront at an instant (paused offers were not orderable). */
export function offersAt(town: OrdersTown, shopId: string, at: string): OffersTable[] {
  return (town.offersByShop.get(shopId) ?? []).filter((offer) => offer.created_at <= at);
}

/** A draw among many weighted items (the days of a year): cumulative weights, binary search. */
export function weightedPicker<T>(items: ReadonlyArray<readonly [T, number]>): (random: Random) => T {
  const bounds: number[] = [];
  let total = 0;
  for (const [, weight] of items) bounds.push((total += weight));
  return (random) => {
    const draw = random.float() * total;
    let low = 0;
    let high = bounds.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (bounds[middle] > draw) high = middle;
      else low = middle + 1;
    }
    return items[low][0];
  };
}

export function weighted<T>(random: Random, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random.float() * total;
  for (const [item, weight] of items) {
    draw -= weight;
    if (draw < 0) return item;
  }
  return items[items.length - 1][0];
}

/** Cheap things come by several (croissants), dear ones one at a time. */
export function quantityFor(random: Random, priceCents: number): number {
  if (priceCents < 500) return random.int(2, 4);
  if (priceCents < 1500) return random.chance(0.3) ? 2 : 1;
  return random.chance(0.05) ? 2 : 1;
}

const SENIOR_NAMES = new Set([...SENIOR_FIRST_NAMES.f, ...SENIOR_FIRST_NAMES.m]);
const WORKING_NAMES = new Set([...WORKING_FIRST_NAMES.f, ...WORKING_FIRST_NAMES.m]);

/** The members' list keeps no profile: a senior is known by a first name of their generation. */
export function profileOf(member: MembersTable): Profile {
  if (member.kind === 'employee') return 'employee';
  return SENIOR_NAMES.has(member.first_name) && !WORKING_NAMES.has(member.first_name) ? 'senior' : 'working';
}

export function paymentFor(random: Random, member: MembersTable): CounterPaymentMethod {
  return weighted(random, PAYMENT_MIX[profileOf(member)]);
}

/** Fish, cheese, meat and dishes go to the fridge; the rest on a shelf. */
export function storageFor(random: Random, shop: DemoShop): { location: string; chilled: boolean } {
  if (CHILLED_CATEGORIES.has(shop.row.category_code)) return { location: random.pick(FRIDGES), chilled: true };
  return { location: random.pick(SHELVES), chilled: false };
}

function liveDateOf(counter: DemoPlace, today: string): string {
  for (let day = 0; day < 7; day += 1) {
    const date = addDays(today, day);
    if (counter.calendar.weekly.some((range) => range.weekday === weekdayOf(date))) return date;
  }
  return today;
}

export function ordersTown(input: OrdersInput): OrdersTown {
  const { config } = input;
  const timeZone = config.timeZone;
  const today = localDateOf(input.today.toISOString(), timeZone);
  const placeOf = (kind: PlaceKey): DemoPlace => {
    const row = input.places.places.find((place) => place.kind === kind);
    if (!row) throw new Error(`demo: no ${kind} place`);
    return { row, calendar: calendarOf(row, input.places.hours), slotsByDate: new Map() };
  };
  const places = { counter: placeOf('counter'), community_centre: placeOf('community_centre'), residence: placeOf('residence'), company: placeOf('company') };
  const offersByShop = new Map<string, OffersTable[]>();
  for (const offer of input.offers) {
    if (offer.availability === 'paused') continue;
    offersByShop.set(offer.shop_id, [...(offersByShop.get(offer.shop_id) ?? []), offer]);
  }
  const shops = input.shops.filter((shop) => shop.row.stage === 'member' && offersByShop.has(shop.row.id));
  const hoursOf = new Map(shops.map((shop) => [shop.row.id, shop.hours.map((range) => ({ weekday: range.weekday, opensAt: range.opens_at, closesAt: range.closes_at }))]));
  return {
    config,
    timing: { roundTimes: config.collectionRoundTimes, roundMinutes: config.collectionRoundMinutes, timeZone },
    timeZone,
    today,
    nowAt: localToUtc(today, '00:00', timeZone)!,
    liveDate: liveDateOf(places.counter, today),
    members: [...input.members],
    demoResidentId: input.demoResidentId,
    shops,
    offersByShop,
    hoursOf,
    places,
  };
}
