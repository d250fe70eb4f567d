// All SQL of collection points and their opening hours.
import type { Executor } from '../db/index.ts';
import type { PlacesTable } from '../db/schema.ts';
import type { OpeningRange, PlaceKind } from './places.rules.ts';

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
}

function toPlace(row: PlacesTable): Place {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as PlaceKind,
    addressLine: row.address_line,
    postalCode: row.postal_code,
    city: row.city,
    phone: row.phone,
    position: Number(row.position),
  };
}

export async function listPlaces(db: Executor): Promise<Place[]> {
  const rows = await db.selectFrom('places').selectAll().orderBy('position').orderBy('name').execute();
  return rows.map(toPlace);
}

export async function findPlace(db: Executor, id: string): Promise<Place | undefined> {
  const row = await db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPlace(row) : undefined;
}

export async function insertPlace(db: Executor, row: PlacesTable): Promise<void> {
  await db.insertInto('places').values(row).execute();
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
