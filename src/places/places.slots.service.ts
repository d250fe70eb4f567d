// What the rest of the conciergerie asks of collection points: where an order can be
// collected, which slots are open, booking and giving back a place in a slot, and whether a
// point is open now. Instants are UTC ISO strings; the zone is the town's (config.timeZone).
import type { Executor } from '../db/index.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import type { PlaceKind } from './places.rules.ts';
import {
  bookedBetween,
  decrementBooking,
  findPlace,
  incrementBooking,
  listClosuresOf,
  listOpeningHoursOf,
  listOpeningsOf,
  listPlaces,
  type Place,
} from './places.repository.ts';
import {
  addDays,
  isOpenAtRule,
  localDateOf,
  remainingOf,
  slotLabel,
  slotTimeAt,
  slotTimesBetween,
  type PlaceCalendar,
  type SlotTime,
} from './places.slots.rules.ts';

/** A place where a member can collect an order. */
export interface CollectionPoint {
  id: string;
  name: string;
  kind: PlaceKind;
  addressLine: string;
  postalCode: string;
  city: string;
  phone: string | null;
}

/** A collection slot as members choose it. */
export interface Slot {
  placeId: string;
  startAt: string;
  endAt: string;
  /** Local date of the slot in the town's zone. */
  localDate: string;
  /** « vendredi 4 décembre, de 18 h à 18 h 30 » */
  label: string;
  /** Orders the slot takes in all; null: no limit. */
  capacity: number | null;
  /** Places still free; null: no limit. */
  remaining: number | null;
}

const MAX_DAYS = 366;

function toCollectionPoint(place: Place): CollectionPoint {
  const { id, name, kind, addressLine, postalCode, city, phone } = place;
  return { id, name, kind, addressLine, postalCode, city, phone };
}

/** Active collection points, the counter first. */
export async function listCollectionPoints(db: Executor): Promise<CollectionPoint[]> {
  return (await listPlaces(db, { activeOnly: true })).map(toCollectionPoint);
}

/** A collection point, active or not (past orders keep theirs); not_found when missing. */
export async function getCollectionPoint(db: Executor, id: string): Promise<CollectionPoint> {
  const place = await findPlace(db, id);
  if (!place) throw notFound();
  return toCollectionPoint(place);
}

/** The calendar of a place over a range of local dates: hours, closures and exceptional openings. */
export async function loadCalendar(db: Executor, place: Place, fromDate: string, toDate: string): Promise<PlaceCalendar> {
  const hours = await listOpeningHoursOf(db, [place.id]);
  const closures = await listClosuresOf(db, [place.id], fromDate, toDate);
  const openings = await listOpeningsOf(db, [place.id], fromDate, toDate);
  return { weekly: hours.get(place.id) ?? [], closures: closures.get(place.id) ?? [], openings: openings.get(place.id) ?? [], slotMinutes: place.slotMinutes };
}

function instantMs(at: string): number {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new DomainError('bad_request');
  return ms;
}

function toSlot(place: Place, time: SlotTime, booked: number, today: string): Slot {
  return {
    placeId: place.id,
    startAt: time.startAt,
    endAt: time.endAt,
    localDate: time.localDate,
    label: slotLabel(time, today),
    capacity: place.slotCapacity,
    remaining: remainingOf(place.slotCapacity, booked),
  };
}

/** Open slots of a point from `notBeforeAt` over `days` local days: in opening hours, not closed, not full, not past. */
export async function listSlots(db: Executor, placeId: string, options: { notBeforeAt: string; days: number; timeZone: string }): Promise<Slot[]> {
  const notBefore = instantMs(options.notBeforeAt);
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_DAYS) throw new DomainError('bad_request');
  const place = await findPlace(db, placeId);
  if (!place) throw notFound();
  if (!place.active) return [];
  const fromDate = localDateOf(options.notBeforeAt, options.timeZone);
  const toDate = addDays(fromDate, options.days - 1);
  const calendar = await loadCalendar(db, place, fromDate, toDate);
  const times = slotTimesBetween(calendar, fromDate, options.days, options.timeZone).filter((time) => Date.parse(time.startAt) >= notBefore);
  if (times.length === 0) return [];
  const booked = await bookedBetween(db, place.id, times[0].startAt, times[times.length - 1].startAt);
  return times
    .map((time) => toSlot(place, time, booked.get(time.startAt) ?? 0, fromDate))
    .filter((slot) => slot.remaining !== 0);
}

/** The real slot of an active place starting at `startAt`, at or after `notBeforeAt`. */
async function openSlotAt(db: Executor, placeId: string, startAt: string, options: { notBeforeAt: string; timeZone: string }): Promise<{ place: Place; time: SlotTime }> {
  const unavailable = new DomainError('slot_unavailable', 'slot');
  const start = Date.parse(startAt);
  if (Number.isNaN(start) || start < instantMs(options.notBeforeAt)) throw unavailable;
  const place = await findPlace(db, placeId);
  if (!place || !place.active) throw unavailable;
  const date = localDateOf(startAt, options.timeZone);
  const time = slotTimeAt(await loadCalendar(db, place, date, date), startAt, options.timeZone);
  if (!time) throw unavailable;
  return { place, time };
}

/**
 * Inside the caller's transaction: checks the slot is a real open slot at or after
 * notBeforeAt and books one place in it (conditional update on a counter, so capacity can
 * never be exceeded even with concurrent checkouts). Throws DomainError('slot_unavailable', 'slot') otherwise.
 */
export async function reserveSlot(trx: Executor, placeId: string, startAt: string, options: { notBeforeAt: string; timeZone: string }): Promise<Slot> {
  const { place, time } = await openSlotAt(trx, placeId, startAt, options);
  const booked = await incrementBooking(trx, place.id, time.startAt, place.slotCapacity);
  if (booked === undefined) throw new DomainError('slot_unavailable', 'slot');
  return toSlot(place, time, booked, localDateOf(options.notBeforeAt, options.timeZone));
}

/** Gives the place back (order cancelled). */
export async function releaseSlot(trx: Executor, placeId: string, startAt: string): Promise<void> {
  await decrementBooking(trx, placeId, new Date(instantMs(startAt)).toISOString());
}

/** Whether the point is open at that instant (for the counter board). */
export async function isOpenAt(db: Executor, placeId: string, at: string, timeZone: string): Promise<boolean> {
  instantMs(at);
  const place = await findPlace(db, placeId);
  if (!place) throw notFound();
  if (!place.active) return false;
  const date = localDateOf(at, timeZone);
  return isOpenAtRule(await loadCalendar(db, place, date, date), at, timeZone);
}
