// A year of orders before the seeding day: about 400 members spending some 60 € each a year,
// most on the site, seniors by telephone or at the counter, employees of the zone du Tubé
// delivered on Friday, people of Entressen at the foyer. Members come back to their
// favourite shops; December is busy, August quiet. Almost every order was handed over and
// paid at the counter; a few were cancelled by their member before any shop started, a few
// lines ran out of stock, and a few orders were never collected. Every order of the history
// is closed before the seeding day: the live day (demo.orders.live.ts) tells the present.
import type { MembersTable } from '../db/schema.ts';
import type { Channel } from '../orders/index.ts';
import { memberLabel, runInOrder, type DemoOrder, type LinePick, type Move, type OrderBook, type PartPlan } from './demo.orders.book.ts';
import {
  addDays,
  localInstant,
  minutesBetween,
  offersAt,
  paymentFor,
  plusMinutes,
  profileOf,
  quantityFor,
  roundFor,
  slotsFrom,
  storageFor,
  weekdayOf,
  weighted,
  weightedPicker,
  type OrdersTown,
  type PlaceKey,
} from './demo.orders.context.ts';
import {
  CANCEL_SHARE,
  CATEGORY_WEIGHTS,
  CHANNEL_MIX,
  MONTH_WEIGHTS,
  NOT_COLLECTED_SHARE,
  ORDERS_PER_MEMBER,
  OUT_OF_STOCK_NOTES,
  REFUSED_LINE_SHARE,
  REFUSED_PART_SHARE,
  SHOPS_PER_ORDER,
  WEEKDAY_WEIGHTS,
  YEAR_SALES_CENTS,
} from './demo.orders.data.ts';
import { SENIOR_RESIDENCE } from './demo.places.ts';
import { Random } from './demo.random.ts';
import type { DemoShop } from './demo.shops.ts';

const HISTORY_DAYS = 365;
/** The demo resident's shops and her orders of the year (her open one is told live). */
const DEMO_RESIDENT_SHOPS = ['Fromagerie Lou Cabanoun', 'Chocolaterie Duval', 'Librairie L’Encre Bleue', 'Poissonnerie du Port'];
const DEMO_RESIDENT_ORDERS = 9;
const DAY_MINUTES = 24 * 60;

interface Habits {
  favourites: DemoShop[];
  channels: ReadonlyArray<readonly [Channel, number]>;
  places: ReadonlyArray<readonly [PlaceKey, number]>;
}

/** Each day of the year with how busy it was. */
function dayPool(town: OrdersTown): Array<readonly [string, number]> {
  const days: Array<readonly [string, number]> = [];
  for (let back = 1; back <= HISTORY_DAYS; back += 1) {
    const date = addDays(town.today, -back);
    days.push([date, MONTH_WEIGHTS[Number(date.slice(5, 7)) - 1] * WEEKDAY_WEIGHTS[weekdayOf(date) - 1]]);
  }
  return days;
}

function shopWeights(shops: readonly DemoShop[]): Array<readonly [DemoShop, number]> {
  return shops.map((shop) => [shop, CATEGORY_WEIGHTS[shop.row.category_code] ?? 1] as const);
}

export function placesOf(member: MembersTable): ReadonlyArray<readonly [PlaceKey, number]> {
  if (member.kind === 'employee') return [['company', 0.75], ['counter', 0.25]];
  if (member.city === 'Entressen') return [['community_centre', 0.7], ['counter', 0.3]];
  if (member.address_line.startsWith(SENIOR_RESIDENCE.name)) return [['residence', 0.85], ['counter', 0.15]];
  return [['counter', 1]];
}

/** Without an e-mail, a member orders by telephone or at the counter. */
function channelsOf(member: MembersTable): ReadonlyArray<readonly [Channel, number]> {
  const mix = CHANNEL_MIX[profileOf(member)];
  if (member.email) return mix;
  return [['telephone', 0.7], ['comptoir', 0.3]];
}

function habitsOf(random: Random, town: OrdersTown, member: MembersTable, all: Array<readonly [DemoShop, number]>): Habits {
  if (member.id === town.demoResidentId) {
    const favourites = DEMO_RESIDENT_SHOPS.map((name) => town.shops.find((shop) => shop.row.trade_name === name)).filter((shop) => shop !== undefined);
    return { favourites, channels: [['site', 1]], places: [['counter', 1]] };
  }
  const favourites = new Set<DemoShop>();
  const wanted = random.int(2, 4);
  for (let tries = 0; favourites.size < wanted && tries < 20; tries += 1) favourites.add(weighted(random, all));
  return { favourites: [...favourites], channels: channelsOf(member), places: placesOf(member) };
}

/** When the order came in: the site any time, the telephone in the day, the counter in its hours. */
function placedAtOf(random: Random, town: OrdersTown, date: string, channel: Channel): string {
  if (channel === 'site' || channel === 'courriel') return localInstant(random, town, date, 7 * 60, 22 * 60 + 59);
  const day = weekdayOf(date) === 7 ? addDays(date, 1) : date;
  if (channel === 'telephone') return localInstant(random, town, day, 9 * 60, 19 * 60 + 30);
  return random.chance(0.5) ? localInstant(random, town, day, 12 * 60, 13 * 60 + 55) : localInstant(random, town, day, 18 * 60, 19 * 60 + 55);
}

function linesOf(random: Random, town: OrdersTown, shop: DemoShop, at: string): LinePick[] {
  const offers = offersAt(town, shop.row.id, at);
  const chosen = random.sample(offers, random.chance(0.3) ? 2 : 1);
  return chosen.map((offer) => ({ offer, quantity: quantityFor(random, offer.price_cents) }));
}

/** The shops of one order (favourites mostly), each with its lines and its planned round. */
function partsOf(random: Random, town: OrdersTown, habits: Habits, all: Array<readonly [DemoShop, number]>, placedAt: string): PartPlan[] {
  const count = weighted(random, SHOPS_PER_ORDER);
  const shops = new Set<DemoShop>();
  for (let tries = 0; shops.size < count && tries < 8; tries += 1) {
    const shop = habits.favourites.length > 0 && random.chance(0.75) ? random.pick(habits.favourites) : weighted(random, all);
    if (offersAt(town, shop.row.id, placedAt).length > 0) shops.add(shop);
  }
  const parts: PartPlan[] = [];
  for (const shop of shops) {
    const lines = linesOf(random, town, shop, placedAt);
    const roundAt = roundFor(town, shop.row.id, placedAt, Math.max(...lines.map((line) => line.offer.lead_time_days)));
    if (roundAt) parts.push({ shop, lines, roundAt });
  }
  return parts;
}

/** The merchant's moves on one part: accept (or refuse everything), prepare, then the round brings it. */
export function partMoves(random: Random, town: OrdersTown, order: DemoOrder, index: number, refuseAll: boolean): Move[] {
  const part = order.parts[index];
  const placedAt = order.row.placed_at;
  const roundAt = part.row.collection_round_at;
  const acceptAt = plusMinutes(placedAt, random.int(5, Math.max(6, Math.floor(minutesBetween(placedAt, roundAt) / 2))));
  if (refuseAll) {
    return part.lines.map((_, line) => ({ at: plusMinutes(acceptAt, line), run: (at: string) => order.refuseLine(index, line, at, 'out_of_stock', random.pick(OUT_OF_STOCK_NOTES)) }));
  }
  const moves: Move[] = [{ at: acceptAt, run: (at) => order.accept(index, at) }];
  if (part.lines.length > 1 && random.chance(REFUSED_LINE_SHARE)) {
    const reason = random.chance(0.8) ? 'out_of_stock' : 'not_in_time';
    const note = reason === 'out_of_stock' ? random.pick(OUT_OF_STOCK_NOTES) : null;
    moves.push({ at: plusMinutes(acceptAt, 2), run: (at) => order.refuseLine(index, 1, at, reason, note) });
  }
  const readyAt = plusMinutes(acceptAt, random.int(5, Math.max(6, minutesBetween(acceptAt, roundAt) - 5)));
  const roundMinutes = town.timing.roundMinutes;
  const collectAt = plusMinutes(roundAt, roundMinutes - random.int(0, Math.min(30, Math.max(0, roundMinutes - 1))));
  const storage = storageFor(random, part.shop);
  moves.push({ at: readyAt, run: (at) => order.ready(index, at) }, { at: collectAt, run: (at) => order.collect(index, at, storage) });
  return moves;
}

/** How the order ended: cancelled early, never collected, or (nearly always) handed over and paid. */
function outcomeMoves(random: Random, town: OrdersTown, order: DemoOrder, member: MembersTable, placedBy: string): Move[] {
  const placedAt = order.row.placed_at;
  if (random.chance(CANCEL_SHARE)) {
    const firstRound = order.parts.map((part) => part.row.collection_round_at).sort()[0];
    const at = plusMinutes(placedAt, random.int(5, Math.max(6, Math.min(240, minutesBetween(placedAt, firstRound) - 30))));
    return [{ at, run: (when) => order.cancel(when, placedBy) }];
  }
  const refusedPart = order.parts.length > 1 && random.chance(REFUSED_PART_SHARE) ? random.int(0, order.parts.length - 1) : -1;
  const moves = order.parts.flatMap((_, index) => partMoves(random, town, order, index, index === refusedPart));
  const lastCollectAt = moves.map((move) => move.at).sort().at(-1)!;
  const remindAt = plusMinutes(lastCollectAt, town.config.uncollectedReminderDays * DAY_MINUTES);
  const giveUpAt = plusMinutes(lastCollectAt, town.config.uncollectedLimitDays * DAY_MINUTES);
  if (random.chance(NOT_COLLECTED_SHARE) && giveUpAt < town.nowAt) {
    moves.push({ at: remindAt, run: (at) => order.remind(at) }, { at: giveUpAt, run: (at) => order.notCollected(at) });
    return moves;
  }
  const handOverAt = plusMinutes(order.row.slot_start_at, random.int(0, 29));
  const method = paymentFor(random, member);
  moves.push({ at: handOverAt, run: (at) => order.handOver(at, method) });
  return moves;
}

function tellOrder(random: Random, town: OrdersTown, book: OrderBook, member: MembersTable, habits: Habits, all: Array<readonly [DemoShop, number]>, date: string): DemoOrder | undefined {
  const channel = weighted(random, habits.channels);
  const placedAt = placedAtOf(random, town, date, channel);
  if (placedAt < member.created_at) return undefined;
  const parts = partsOf(random, town, habits, all, placedAt);
  if (parts.length === 0) return undefined;
  const notBeforeAt = plusMinutes(parts.map((part) => part.roundAt).sort().at(-1)!, town.timing.roundMinutes);
  const place = town.places[weighted(random, habits.places)];
  const slots = slotsFrom(town, place, notBeforeAt, 14, 3);
  if (slots.length === 0) return undefined;
  const dates = [...new Set(slots.map((slot) => slot.localDate))];
  const chosenDate = dates[Math.min(dates.length - 1, weighted(random, [[0, 0.55], [1, 0.3], [2, 0.15]]))];
  const slot = random.pick(slots.filter((candidate) => candidate.localDate === chosenDate));
  // Whatever would still be open on the seeding day belongs to the live day, not the history.
  if (slot.endAt > town.nowAt) return undefined;
  const placedBy = channel === 'site' ? memberLabel(member) : book.conciergeLabel;
  const order = book.place({ member, channel, placeId: place.row.id, slot, placedAt, parts, placedBy });
  runInOrder(outcomeMoves(random, town, order, member, placedBy));
  return order;
}

interface Wish {
  member: MembersTable;
  habits: Habits;
  date: string;
}

/** Orders members might have placed, the demo resident's first, the others in random order. */
function wishes(random: Random, town: OrdersTown, all: Array<readonly [DemoShop, number]>): Wish[] {
  const pickDay = weightedPicker(dayPool(town));
  const demo: Wish[] = [];
  const others: Wish[] = [];
  for (const member of town.members) {
    const isDemo = member.id === town.demoResidentId;
    const count = isDemo ? DEMO_RESIDENT_ORDERS : weighted(random, ORDERS_PER_MEMBER);
    const habits = habitsOf(random, town, member, all);
    for (let index = 0; index < count; index += 1) (isDemo ? demo : others).push({ member, habits, date: pickDay(random) });
  }
  return [...demo, ...random.shuffle(others)];
}

/** Orders are told until the year's sales reach the article's figure. */
export function tellHistory(town: OrdersTown, book: OrderBook): void {
  const random = new Random('orders:history');
  const all = shopWeights(town.shops);
  let salesCents = 0;
  for (const wish of wishes(random, town, all)) {
    if (salesCents >= YEAR_SALES_CENTS) break;
    const order = tellOrder(random, town, book, wish.member, wish.habits, all, wish.date);
    if (order?.status === 'handed_over') salesCents += Number(order.row.total_cents);
  }
}
