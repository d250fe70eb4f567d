// The orders the demo's delivery runs carry, told by the demo's one order writer: on the
// live Friday (the live day when it is one, else the next), employees of the Tubé companies
// expect the van at their park, seniors of the second residence and seniors who cannot move
// the tricycle; the foyer of Entressen has its list on the next Wednesday. All of them were
// placed a few days ago and brought in by earlier collection rounds: they are ready at the
// counter. A few past Friday orders found nobody at work: back at the counter, they were
// collected there the same evening. Orders at the park's place are workplace deliveries, as
// checkout makes them.
import type { MembersTable, PlaceOpeningHoursTable } from '../db/schema.ts';
import type { SlotTime } from '../places/index.ts';
import { t } from '../platform/i18n/index.ts';
import type { DemoMemberRow } from './demo.destinations.ts';
import { memberLabel, runInOrder, type DemoOrder, type OrderBook, type PartPlan } from './demo.orders.book.ts';
import {
  addDays,
  localInstant,
  offersAt,
  paymentFor,
  plusMinutes,
  profileOf,
  quantityFor,
  roundFor,
  slotsOn,
  weekdayOf,
  weighted,
  type DemoPlace,
  type OrdersTown,
} from './demo.orders.context.ts';
import { CATEGORY_WEIGHTS } from './demo.orders.data.ts';
import { partMoves } from './demo.orders.history.ts';
import { SECOND_RESIDENCE, type DemoPlaceRow } from './demo.places.ts';
import { Random } from './demo.random.ts';
import type { DemoShop } from './demo.shops.ts';

const OPEN = new Set(['placed', 'preparing', 'ready', 'partially_handed_over']);
const DAY_MINUTES = 24 * 60;
/** How many orders each destination has on its live day. */
const LIVE = { employees: 6, residence: 3, homes: 3, foyer: 4 };
/** Weeks back from the live Friday when an employee was not at work to take the van's order. */
const ABSENT_WEEKS_BACK = [3, 11, 24, 37];

/** The history note of an order the driver found nobody for (as the driver's phone writes it). */
export const ABSENT_NOTE = t('delivery.history.back_to_counter', { why: 'absent' });

/** The first `weekday` (1 = Monday) on or after `date`. */
export function onOrAfter(date: string, weekday: number): string {
  return addDays(date, (weekday - weekdayOf(date) + 7) % 7);
}

class DeliveryStory {
  private readonly random = new Random('orders:deliveries');
  private readonly busy: Set<string>;

  constructor(
    private readonly town: OrdersTown,
    private readonly book: OrderBook,
  ) {
    this.busy = new Set(book.orders.filter((order) => OPEN.has(order.status ?? '')).map((order) => order.member_id));
  }

  /** Members matching `wanted`, registered well before, with no open order: each is expected once. */
  members(count: number, wanted: (member: DemoMemberRow) => boolean): DemoMemberRow[] {
    const registeredBy = plusMinutes(this.town.nowAt, -60 * DAY_MINUTES);
    const free = (this.town.members as DemoMemberRow[]).filter((member) => wanted(member) && !this.busy.has(member.id) && member.created_at < registeredBy);
    const chosen = this.random.sample(free, count);
    for (const member of chosen) this.busy.add(member.id);
    return chosen;
  }

  anyShop(): DemoShop {
    return weighted(this.random, this.town.shops.map((shop) => [shop, CATEGORY_WEIGHTS[shop.row.category_code] ?? 1] as const));
  }

  /** One shop's goods in stock, fetched by a round that left before `latestAt`; undefined when that shop cannot. */
  parts(placedAt: string, latestAt: string): PartPlan[] | undefined {
    const shop = this.anyShop();
    const offers = offersAt(this.town, shop.row.id, placedAt).filter((offer) => offer.lead_time_days === 0);
    const lines = this.random.sample(offers, this.random.chance(0.3) ? 2 : 1).map((offer) => ({ offer, quantity: quantityFor(this.random, offer.price_cents) }));
    if (lines.length === 0) return undefined;
    const roundAt = roundFor(this.town, shop.row.id, placedAt, 0);
    if (!roundAt || plusMinutes(roundAt, this.town.timing.roundMinutes) > latestAt) return undefined;
    return [{ shop, lines, roundAt }];
  }

  /** Placed `daysBefore` days before `date` (or before the seeding day for a live one), fetched and stored at the counter. */
  ready(member: MembersTable, placeId: string, slot: SlotTime, placedOn: string): DemoOrder | undefined {
    const latestAt = [plusMinutes(this.town.nowAt, -60), slot.startAt].sort()[0];
    for (let tries = 0; tries < 20; tries += 1) {
      const placedAt = localInstant(this.random, this.town, placedOn, 9 * 60, 19 * 60);
      const parts = this.parts(placedAt, latestAt);
      if (!parts || placedAt < member.created_at) continue;
      const channel = member.email && this.random.chance(0.6) ? 'site' : 'telephone';
      const placedBy = channel === 'site' ? memberLabel(member) : this.book.conciergeLabel;
      const order = this.book.place({ member, channel, placeId, slot, placedAt, parts, placedBy });
      runInOrder(order.parts.flatMap((_, index) => partMoves(this.random, this.town, order, index, false)));
      return order;
    }
    return undefined;
  }

  placedOn(): string {
    return addDays(this.town.today, -this.random.int(2, 4));
  }

  /** The van's window at the park that day, as a workplace order holds it. */
  runSlot(place: DemoPlace, date: string): SlotTime | undefined {
    const slots = slotsOn(this.town, place, date);
    if (slots.length === 0) return undefined;
    return { ...slots[0], endAt: slots[slots.length - 1].endAt };
  }

  employees(date: string): void {
    const company = this.town.places.company;
    const slot = this.runSlot(company, date);
    if (!slot) return;
    for (const member of this.members(LIVE.employees, (candidate) => (candidate.company_id ?? null) !== null)) {
      const order = this.ready(member, company.row.id, slot, this.placedOn());
      if (order) order.row.destination_kind = 'workplace';
    }
  }

  /** Seniors who order for a drop-off point (the second residence) or their own door. */
  seniors(date: string, residence: DemoPlace | undefined): void {
    const seniors = (member: DemoMemberRow) => profileOf(member) === 'senior' && member.city === 'Istres';
    const residenceSlots = residence ? slotsOn(this.town, residence, date) : [];
    if (residence && residenceSlots.length > 0) {
      for (const member of this.members(LIVE.residence, (candidate) => seniors(candidate) && candidate.needs_delivery === 0)) {
        this.ready(member, residence.row.id, this.random.pick(residenceSlots), this.placedOn());
      }
    }
    // A home delivery is due in one of the counter's slots that day, the door expected then.
    const counterSlots = slotsOn(this.town, this.town.places.counter, date);
    if (counterSlots.length === 0) return;
    for (const member of this.members(LIVE.homes, (candidate) => candidate.needs_delivery === 1)) {
      const order = this.ready(member, this.town.places.counter.row.id, this.random.pick(counterSlots.slice(0, 4)), this.placedOn());
      if (order) Object.assign(order.row, { destination_kind: 'home', delivery_address: `${member.address_line}, ${member.postal_code}` });
    }
  }

  foyer(date: string): void {
    const foyer = this.town.places.community_centre;
    const slots = slotsOn(this.town, foyer, date);
    if (slots.length === 0) return;
    for (const member of this.members(LIVE.foyer, (candidate) => candidate.city === 'Entressen')) {
      this.ready(member, foyer.row.id, this.random.pick(slots), this.placedOn());
    }
  }

  /** Nobody at work when the van came: back at the counter, collected there that evening. */
  absent(friday: string): void {
    const company = this.town.places.company;
    const counter = this.town.places.counter;
    for (const weeks of ABSENT_WEEKS_BACK) {
      const date = addDays(friday, -7 * weeks);
      const slots = slotsOn(this.town, company, date);
      const evening = slotsOn(this.town, counter, date).filter((slot) => slot.opensAt >= '18:00');
      const [member] = this.members(1, (candidate) => (candidate.company_id ?? null) !== null && candidate.created_at < `${date}T00:00:00Z`);
      if (slots.length === 0 || evening.length === 0 || !member) continue;
      const slot = this.random.pick(slots);
      const order = this.ready(member, company.row.id, slot, addDays(date, -3));
      if (!order) continue;
      const missedAt = plusMinutes(slot.startAt, this.random.int(0, 20));
      this.book.events.push({ id: this.book.eventId(missedAt), order_id: order.row.id, purchase_order_id: null, account_id: null, actor_label: driverLabel(), kind: 'counter', from_status: null, to_status: null, note: ABSENT_NOTE, at: missedAt });
      Object.assign(order.row, { place_id: counter.row.id, destination_kind: 'collection', slot_start_at: evening[0].startAt, slot_end_at: evening[0].endAt, slot_local_date: evening[0].localDate });
      order.handOver(plusMinutes(evening[0].startAt, this.random.int(0, 25)), paymentFor(this.random, member));
      this.busy.delete(member.id);
    }
  }
}

function driverLabel(): string {
  return `Karim Haddad (${t('role.driver').toLowerCase()})`;
}

/** The second residence as the orders see a place: its calendar cut from its own hours. */
function secondResidence(places: { places: readonly DemoPlaceRow[]; hours: readonly PlaceOpeningHoursTable[] }): DemoPlace | undefined {
  const row = places.places.find((place) => place.name === SECOND_RESIDENCE.name);
  if (!row) return undefined;
  const weekly = places.hours.filter((range) => range.place_id === row.id).map((range) => ({ weekday: range.weekday, opensAt: range.opens_at, closesAt: range.closes_at }));
  return { row, calendar: { weekly, closures: [], openings: [], slotMinutes: 30 }, slotsByDate: new Map() };
}

/** Tells the deliveries' orders into `book`; the members are the destinations' rows (company, needs_delivery). */
export function tellDeliveries(town: OrdersTown, book: OrderBook, places: { places: readonly DemoPlaceRow[]; hours: readonly PlaceOpeningHoursTable[] }): void {
  const story = new DeliveryStory(town, book);
  const friday = onOrAfter(town.liveDate, 5);
  story.absent(friday);
  story.employees(friday);
  story.seniors(friday, secondResidence(places));
  story.foyer(onOrAfter(town.liveDate, 3));
  // Checkout makes every order for the park's place a workplace delivery: so are the demo's.
  // Every row names its destination: the rows go in bulk, with the columns of the first.
  for (const order of book.orders) {
    order.destination_kind = order.place_id === town.places.company.row.id ? 'workplace' : (order.destination_kind ?? 'collection');
    order.delivery_address ??= null;
  }
}
