// All SQL of collection points: the places, their weekly hours, exceptional closures and
// openings, and the counter of places booked in each collection slot.
import type { Insertable, Selectable } from 'kysely';
import type { Database, Executor } from '../db/index.ts';
import type { OpeningRange, PlaceKind } from './places.rules.ts';
import type { Closure, ExceptionalOpening, TimeRange } from './places.slots.rules.ts';

export interface Place {
  id: string;
  name: string;
  kind: PlaceKind;
  addressLine: string;
  postalCode: string;
  city: string;
  phone: string | null;
  /** Order in lists: the counter first, then the others. */
  position: number;
  /** Length of a collection slot, in minutes. */
  slotMinutes: number;
  /** Orders a slot can take; null: no limit. */
  slotCapacity: number | null;
  /** An inactive place is kept for past orders but offered no more. */
  active: boolean;
  /** Where it stands (degrees), so the collection round can start from the counter; null when unknown. */
  latitude: number | null;
  longitude: number | null;
  /** For a place of kind « company »: when orders for its delivery run close; null elsewhere. */
  runCutoff: { days: number; time: string } | null;
  /** How a driver gets in (« sonner à l'accueil »); null when nothing was said. */
  accessNotes: string | null;
}

type PlaceRow = Selectable<Database['places']>;

function toPlace(row: PlaceRow): Place {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as PlaceKind,
    addressLine: row.address_line,
    postalCode: row.postal_code,
    city: row.city,
    phone: row.phone,
    position: Number(row.position),
    slotMinutes: Number(row.slot_minutes),
    slotCapacity: row.slot_capacity === null ? null : Number(row.slot_capacity),
    active: Number(row.active) === 1,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    runCutoff: row.run_cutoff_days === null || row.run_cutoff_time === null ? null : { days: Number(row.run_cutoff_days), time: row.run_cutoff_time },
    accessNotes: row.access_notes,
  };
}

export async function listPlaces(db: Executor, options: { activeOnly?: boolean } = {}): Promise<Place[]> {
  let query = db.selectFrom('places').selectAll();
  if (options.activeOnly) query = query.where('active', '=', 1);
  const rows = await query.orderBy('position').orderBy('name').execute();
  return rows.map(toPlace);
}

export async function findPlace(db: Executor, id: string): Promise<Place | undefined> {
  const row = await db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPlace(row) : undefined;
}

export async function insertPlace(db: Executor, row: Insertable<Database['places']>): Promise<void> {
  await db.insertInto('places').values(row).execute();
}

export async function nextPlacePosition(db: Executor): Promise<number> {
  const row = await db.selectFrom('places').select((eb) => eb.fn.max('position').as('last')).executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function updateSlotSettings(db: Executor, placeId: string, slotMinutes: number, slotCapacity: number | null): Promise<void> {
  await db.updateTable('places').set({ slot_minutes: slotMinutes, slot_capacity: slotCapacity }).where('id', '=', placeId).execute();
}

export async function updatePlaceActive(db: Executor, placeId: string, active: boolean): Promise<void> {
  await db.updateTable('places').set({ active: active ? 1 : 0 }).where('id', '=', placeId).execute();
}

/** Hours of several places in one query, grouped by place id. */
export async function listOpeningHoursOf(db: Executor, placeIds: readonly string[]): Promise<Map<string, OpeningRange[]>> {
  const byPlace = new Map<string, OpeningRange[]>(placeIds.map((id) => [id, []]));
  if (placeIds.length === 0) return byPlace;
  const rows = await db
    .selectFrom('place_opening_hours')
    .select(['place_id', 'weekday', 'opens_at', 'closes_at'])
    .where('place_id', 'in', placeIds)
    .orderBy('place_id')
    .orderBy('weekday')
    .orderBy('opens_at')
    .execute();
  for (const row of rows) {
    byPlace.get(row.place_id)?.push({ weekday: Number(row.weekday), opensAt: row.opens_at, closesAt: row.closes_at });
  }
  return byPlace;
}

export async function replaceOpeningHours(db: Executor, placeId: string, ranges: readonly OpeningRange[]): Promise<void> {
  await db.deleteFrom('place_opening_hours').where('place_id', '=', placeId).execute();
  if (ranges.length === 0) return;
  await db
    .insertInto('place_opening_hours')
    .values(ranges.map((range) => ({ place_id: placeId, weekday: range.weekday, opens_at: range.opensAt, closes_at: range.closesAt })))
    .execute();
}

// ---- exceptional closures ----

/** Closures of several places that end on or after `fromDate` (and start by `toDate`), by place. */
export async function listClosuresOf(
  db: Executor,
  placeIds: readonly string[],
  fromDate: string,
  toDate = '9999-12-31',
): Promise<Map<string, Closure[]>> {
  const byPlace = new Map<string, Closure[]>(placeIds.map((id) => [id, []]));
  if (placeIds.length === 0) return byPlace;
  const rows = await db
    .selectFrom('place_closures')
    .select(['id', 'place_id', 'from_date', 'to_date', 'reason'])
    .where('place_id', 'in', placeIds)
    .where('to_date', '>=', fromDate)
    .where('from_date', '<=', toDate)
    .orderBy('from_date')
    .orderBy('id')
    .execute();
  for (const row of rows) byPlace.get(row.place_id)?.push({ id: row.id, fromDate: row.from_date, toDate: row.to_date, reason: row.reason });
  return byPlace;
}

export async function insertClosure(db: Executor, row: Insertable<Database['place_closures']>): Promise<void> {
  await db.insertInto('place_closures').values(row).execute();
}

/** Deletes a closure of that place; false when there was none. */
export async function deleteClosure(db: Executor, placeId: string, closureId: string): Promise<boolean> {
  const result = await db.deleteFrom('place_closures').where('id', '=', closureId).where('place_id', '=', placeId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// ---- exceptional openings ----

/** Exceptional openings of several places between two local dates (included), with their ranges, by place: two queries. */
export async function listOpeningsOf(
  db: Executor,
  placeIds: readonly string[],
  fromDate: string,
  toDate = '9999-12-31',
): Promise<Map<string, ExceptionalOpening[]>> {
  const byPlace = new Map<string, ExceptionalOpening[]>(placeIds.map((id) => [id, []]));
  if (placeIds.length === 0) return byPlace;
  const rows = await db
    .selectFrom('place_openings')
    .select(['id', 'place_id', 'local_date', 'reason'])
    .where('place_id', 'in', placeIds)
    .where('local_date', '>=', fromDate)
    .where('local_date', '<=', toDate)
    .orderBy('local_date')
    .execute();
  if (rows.length === 0) return byPlace;
  const ranges = await db
    .selectFrom('place_opening_ranges')
    .select(['opening_id', 'opens_at', 'closes_at'])
    .where('opening_id', 'in', rows.map((row) => row.id))
    .orderBy('opening_id')
    .orderBy('opens_at')
    .execute();
  const byOpening = new Map<string, TimeRange[]>(rows.map((row) => [row.id, []]));
  for (const range of ranges) byOpening.get(range.opening_id)?.push({ opensAt: range.opens_at, closesAt: range.closes_at });
  for (const row of rows) {
    byPlace.get(row.place_id)?.push({ id: row.id, date: row.local_date, reason: row.reason, ranges: byOpening.get(row.id) ?? [] });
  }
  return byPlace;
}

export async function hasOpeningOn(db: Executor, placeId: string, date: string): Promise<boolean> {
  const row = await db.selectFrom('place_openings').select('id').where('place_id', '=', placeId).where('local_date', '=', date).executeTakeFirst();
  return row !== undefined;
}

export async function insertOpening(db: Executor, row: Insertable<Database['place_openings']>, ranges: readonly TimeRange[]): Promise<void> {
  await db.insertInto('place_openings').values(row).execute();
  if (ranges.length === 0) return;
  await db
    .insertInto('place_opening_ranges')
    .values(ranges.map((range) => ({ opening_id: row.id, opens_at: range.opensAt, closes_at: range.closesAt })))
    .execute();
}

/** Deletes an exceptional opening of that place (its ranges go with it); false when there was none. */
export async function deleteOpening(db: Executor, placeId: string, openingId: string): Promise<boolean> {
  const owned = await db.selectFrom('place_openings').select('id').where('id', '=', openingId).where('place_id', '=', placeId).executeTakeFirst();
  if (!owned) return false;
  await db.deleteFrom('place_opening_ranges').where('opening_id', '=', openingId).execute();
  await db.deleteFrom('place_openings').where('id', '=', openingId).execute();
  return true;
}

// ---- slot bookings ----

/** Places booked per slot start of one place, between two instants (included). */
export async function bookedBetween(db: Executor, placeId: string, fromAt: string, toAt: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('slot_bookings')
    .select(['start_at', 'booked'])
    .where('place_id', '=', placeId)
    .where('start_at', '>=', fromAt)
    .where('start_at', '<=', toAt)
    .execute();
  return new Map(rows.map((row) => [row.start_at, Number(row.booked)]));
}

/**
 * Books one place in a slot. The counter row is created at 0 if missing, then raised by a
 * conditional update that only matches while the slot has room: two concurrent checkouts
 * can never both take the last place (PostgreSQL re-reads the row after the other commits;
 * SQLite runs one write transaction at a time). Returns the new count, or undefined when full.
 */
export async function incrementBooking(db: Executor, placeId: string, startAt: string, capacity: number | null): Promise<number | undefined> {
  if (capacity !== null && capacity < 1) return undefined;
  // One statement: the first booking creates the counter, the next ones add to it while
  // there is room (the row is locked and checked again by a concurrent twin).
  const row = await db
    .insertInto('slot_bookings')
    .values({ place_id: placeId, start_at: startAt, booked: 1 })
    .onConflict((conflict) => {
      const add = conflict.columns(['place_id', 'start_at']).doUpdateSet((eb) => ({ booked: eb('slot_bookings.booked', '+', 1) }));
      return capacity === null ? add : add.where('slot_bookings.booked', '<', capacity);
    })
    .returning('booked')
    .executeTakeFirst();
  return row ? Number(row.booked) : undefined;
}

/** Gives one place back; never below zero. */
export async function decrementBooking(db: Executor, placeId: string, startAt: string): Promise<void> {
  await db
    .updateTable('slot_bookings')
    .set((eb) => ({ booked: eb('booked', '-', 1) }))
    .where('place_id', '=', placeId)
    .where('start_at', '=', startAt)
    .where('booked', '>', 0)
    .execute();
}

export async function updateAccessNotes(db: Executor, placeId: string, accessNotes: string | null): Promise<void> {
  await db.updateTable('places').set({ access_notes: accessNotes }).where('id', '=', placeId).execute();
}
