// Use cases of collection points: reading them with their hours (public contact page and
// back office), and the concierge's settings — a new drop-off point, weekly hours, slot
// length and capacity, exceptional closures and openings. Only the concierge changes them;
// the town reads them.
import type { Db, Executor } from '../db/index.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { createOnce } from '../platform/idempotency/index.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import type { ClosureInput, OpeningInput } from './places.form.rules.ts';
import { DEFAULT_RUN_CUTOFF } from './places.delivery.rules.ts';
import {
  deleteClosure,
  deleteOpening,
  findPlace,
  hasOpeningOn,
  insertClosure,
  insertOpening,
  insertPlace,
  listClosuresOf,
  listOpeningHoursOf,
  listOpeningsOf,
  listPlaces,
  nextPlacePosition,
  replaceOpeningHours,
  updatePlaceActive,
  updateSlotSettings,
  type Place,
  updateAccessNotes,
} from './places.repository.ts';
import { normaliseRanges, PLACE_KINDS, type OpeningRange, type PlaceKind } from './places.rules.ts';
import { DEFAULT_SLOT_MINUTES, SLOT_MINUTE_CHOICES, isLocalDate, type Closure, type ExceptionalOpening } from './places.slots.rules.ts';
import { requireRole } from '../platform/actor.ts';

export interface PlaceWithHours extends Place {
  hours: OpeningRange[];
}

/** A place with what lies ahead: closures not yet over and exceptional openings to come. */
export interface PlaceWithCalendar extends PlaceWithHours {
  closures: Closure[];
  openings: ExceptionalOpening[];
}

/** Every collection point with its weekly hours, the counter first: two queries in all. */
export async function listPlacesWithHours(db: Executor, options: { activeOnly?: boolean } = {}): Promise<PlaceWithHours[]> {
  const places = await listPlaces(db, options);
  const hours = await listOpeningHoursOf(db, places.map((place) => place.id));
  return places.map((place) => ({ ...place, hours: hours.get(place.id) ?? [] }));
}

/** Places with their hours, closures not over on `today` and openings from `today`: four queries in all. */
export async function listPlacesWithCalendar(db: Executor, today: string, options: { activeOnly?: boolean } = {}): Promise<PlaceWithCalendar[]> {
  const places = await listPlacesWithHours(db, options);
  const ids = places.map((place) => place.id);
  const closures = await listClosuresOf(db, ids, today);
  const openings = await listOpeningsOf(db, ids, today);
  return places.map((place) => ({ ...place, closures: closures.get(place.id) ?? [], openings: openings.get(place.id) ?? [] }));
}

/** The conciergerie's counter (the first one when a town has several), if set up. */
export function counterOf<T extends Place>(places: readonly T[]): T | undefined {
  return places.find((place) => place.kind === 'counter');
}

// ---- who may do what ----

function assertCanRead(actor: CurrentAccount | null): void {
  requireRole(actor, 'concierge', 'town');
}

function assertCanManage(actor: CurrentAccount | null): void {
  requireRole(actor, 'concierge');
}

/** One place with its calendar from `today`, for the concierge and the town. */
export async function getPlaceDetail(db: Executor, actor: CurrentAccount | null, placeId: string, today: string): Promise<PlaceWithCalendar> {
  assertCanRead(actor);
  const place = await findPlace(db, placeId);
  if (!place) throw notFound();
  const [hours, closures, openings] = [
    await listOpeningHoursOf(db, [place.id]),
    await listClosuresOf(db, [place.id], today),
    await listOpeningsOf(db, [place.id], today),
  ];
  return { ...place, hours: hours.get(place.id) ?? [], closures: closures.get(place.id) ?? [], openings: openings.get(place.id) ?? [] };
}

export async function listPlacesForBackOffice(db: Executor, actor: CurrentAccount | null, today: string): Promise<PlaceWithCalendar[]> {
  assertCanRead(actor);
  return listPlacesWithCalendar(db, today);
}

async function managedPlace(db: Executor, actor: CurrentAccount | null, placeId: string): Promise<Place> {
  assertCanManage(actor);
  const place = await findPlace(db, placeId);
  if (!place) throw notFound();
  return place;
}

// ---- setting up a place ----

export interface NewPlace {
  name: string;
  kind: PlaceKind;
  addressLine: string;
  postalCode: string;
  city: string;
  phone: string | null;
  position: number;
  hours: OpeningRange[];
  slotMinutes?: number;
  slotCapacity?: number | null;
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
    slot_minutes: input.slotMinutes ?? DEFAULT_SLOT_MINUTES,
    slot_capacity: input.slotCapacity ?? null,
    active: 1,
    created_at: nowIso(),
    // A company's run closes for orders at the default cut-off until the town says otherwise.
    run_cutoff_days: input.kind === 'company' ? DEFAULT_RUN_CUTOFF.days : null,
    run_cutoff_time: input.kind === 'company' ? DEFAULT_RUN_CUTOFF.time : null,
  });
  await replaceOpeningHours(trx, id, hours);
  return id;
}

export type DropOffPointInput = Omit<NewPlace, 'position' | 'hours' | 'slotMinutes' | 'slotCapacity'>;

/** The concierge adds a collection point, without hours yet; a repeated submission creates it once. */
export async function addDropOffPoint(db: Db, actor: CurrentAccount | null, idempotencyKey: string, input: DropOffPointInput): Promise<string> {
  assertCanManage(actor);
  return createOnce(db, 'places.create', idempotencyKey, async (trx) => createPlace(trx, { ...input, position: await nextPlacePosition(trx), hours: [] }));
}

export async function setWeeklyHours(db: Db, actor: CurrentAccount | null, placeId: string, ranges: OpeningRange[]): Promise<void> {
  const place = await managedPlace(db, actor, placeId);
  const normalised = normaliseRanges(ranges);
  if (!normalised) throw new DomainError('hours_invalid', 'hours');
  await db.transaction().execute((trx) => replaceOpeningHours(trx, place.id, normalised));
}

export async function setSlotSettings(db: Db, actor: CurrentAccount | null, placeId: string, slotMinutes: number, slotCapacity: number | null): Promise<void> {
  const place = await managedPlace(db, actor, placeId);
  if (!(SLOT_MINUTE_CHOICES as readonly number[]).includes(slotMinutes)) throw new DomainError('bad_request', 'slot_minutes');
  if (slotCapacity !== null && (!Number.isInteger(slotCapacity) || slotCapacity < 1)) throw new DomainError('bad_request', 'slot_capacity');
  await updateSlotSettings(db, place.id, slotMinutes, slotCapacity);
}

/** The longest note a run sheet prints for a place. */
export const ACCESS_NOTES_MAX = 300;

/** How a driver gets in at the place, as the concierge writes it; an empty note removes it. */
export async function setAccessNotes(db: Db, actor: CurrentAccount | null, placeId: string, notes: string): Promise<void> {
  const place = await managedPlace(db, actor, placeId);
  // line breaks and runs of spaces become one space; a no-break space before « ; » stays
  const tidy = notes.trim().replace(/[ \t\r\n]+/g, ' ');
  if (tidy.length > ACCESS_NOTES_MAX) throw new DomainError('bad_request', 'access_notes');
  await updateAccessNotes(db, place.id, tidy === '' ? null : tidy);
}

export async function setPlaceActive(db: Db, actor: CurrentAccount | null, placeId: string, active: boolean): Promise<void> {
  const place = await managedPlace(db, actor, placeId);
  await updatePlaceActive(db, place.id, active);
}

// ---- exceptional closures and openings ----

/** Adds a closure; refused when it overlaps one already planned (one reason per day). */
export async function addClosure(db: Db, actor: CurrentAccount | null, idempotencyKey: string, placeId: string, input: ClosureInput): Promise<string> {
  const place = await managedPlace(db, actor, placeId);
  const datesValid = isLocalDate(input.fromDate) && isLocalDate(input.toDate) && input.fromDate <= input.toDate;
  if (!datesValid || input.reason.trim() === '') throw new DomainError('bad_request', 'closure_from');
  return createOnce(db, 'places.closure', idempotencyKey, async (trx) => {
    const overlapping = await listClosuresOf(trx, [place.id], input.fromDate, input.toDate);
    if ((overlapping.get(place.id) ?? []).length > 0) throw new DomainError('closure_overlap', 'closure_from');
    const id = newId();
    await insertClosure(trx, { id, place_id: place.id, from_date: input.fromDate, to_date: input.toDate, reason: input.reason, created_at: nowIso() });
    return id;
  });
}

export async function removeClosure(db: Db, actor: CurrentAccount | null, placeId: string, closureId: string): Promise<void> {
  const place = await managedPlace(db, actor, placeId);
  if (!(await deleteClosure(db, place.id, closureId))) throw notFound();
}

/** Adds an exceptional opening; one per day (the unique index also stops a concurrent twin). */
export async function addOpening(db: Db, actor: CurrentAccount | null, idempotencyKey: string, placeId: string, input: OpeningInput): Promise<string> {
  const place = await managedPlace(db, actor, placeId);
  if (!isLocalDate(input.date)) throw new DomainError('bad_request', 'opening_date');
  const ranges = normaliseRanges(input.ranges.map((range) => ({ weekday: 1, ...range })));
  if (!ranges || ranges.length === 0) throw new DomainError('hours_invalid', 'opening_opens_1');
  return createOnce(db, 'places.opening', idempotencyKey, async (trx) => {
    if (await hasOpeningOn(trx, place.id, input.date)) throw new DomainError('opening_exists', 'opening_date');
    const id = newId();
    await insertOpening(trx, { id, place_id: place.id, local_date: input.date, reason: input.reason, created_at: nowIso() }, input.ranges);
    return id;
  });
}

export async function removeOpening(db: Db, actor: CurrentAccount | null, placeId: string, openingId: string): Promise<void> {
  const place = await managedPlace(db, actor, placeId);
  const removed = await db.transaction().execute((trx) => deleteOpening(trx, place.id, openingId));
  if (!removed) throw notFound();
}
