// Use cases of collection points: reading them with their hours (public), and setting them
// up (the demo seed and the town's installation).
import type { Executor } from '../db/index.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { insertPlace, listOpeningHoursOf, listPlaces, replaceOpeningHours, type Place } from './places.repository.ts';
import { normaliseRanges, PLACE_KINDS, type OpeningRange, type PlaceKind } from './places.rules.ts';

export interface PlaceWithHours extends Place {
  hours: OpeningRange[];
}

/** Every collection point with its weekly hours, the counter first: two queries in all. */
export async function listPlacesWithHours(db: Executor): Promise<PlaceWithHours[]> {
  const places = await listPlaces(db);
  const hours = await listOpeningHoursOf(db, places.map((place) => place.id));
  return places.map((place) => ({ ...place, hours: hours.get(place.id) ?? [] }));
}

/** The conciergerie's counter (the first one when a town has several), if set up. */
export function counterOf(places: readonly PlaceWithHours[]): PlaceWithHours | undefined {
  return places.find((place) => place.kind === 'counter');
}

export interface NewPlace {
  name: string;
  kind: PlaceKind;
  addressLine: string;
  postalCode: string;
  city: string;
  phone: string | null;
  position: number;
  hours: OpeningRange[];
}

/** Sets up a collection point with its hours, in the caller's transaction. */
export async function createPlace(trx: Executor, input: NewPlace): Promise<string> {
  if (!PLACE_KINDS.includes(input.kind)) throw new DomainError('bad_request', 'kind');
  const hours = normaliseRanges(input.hours);
  if (!hours) throw new DomainError('bad_request', 'hours');
  const id = newId();
  await insertPlace(trx, {
    id,
    name: input.name,
    kind: input.kind,
    address_line: input.addressLine,
    postal_code: input.postalCode,
    city: input.city,
    phone: input.phone,
    position: input.position,
    created_at: nowIso(),
  });
  await replaceOpeningHours(trx, id, hours);
  return id;
}
