// Rules of the collection round: the order in which the tricycle visits the shops. The round
// leaves the counter and comes back to it, so its length is that of a closed tour. The order
// is the nearest shop first, then improved by 2-opt (reversing a stretch of the tour when that
// shortens it); the order the shops came in is improved the same way and the shorter of the
// two is kept, so the computed order is never longer than the one given (to the millimetre). Shops whose position
// is unknown cannot be placed on the map: they come last, by name. The round as the tricycle
// rides it (opening hours, load, trips) is planned by the route solver, rounds.routing.rules.ts,
// from the problem built by the functions at the end of this file. Pure functions only.
import { distanceMetres, TRICYCLE_SPEED_KMH, type Coordinates, type Load, type TimeWindow, type Vehicle } from './rounds.routing.rules.model.ts';

export { distanceMetres, type Coordinates };

/** A shop to visit; its coordinates are null when its address was never placed on the map. */
export interface Stop {
  id: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
}

/** 2-opt stops after this many passes; a pass that improves nothing ends it sooner. */
const MAX_PASSES = 50;
/** Gains below a millimetre are rounding noise: ignoring them guarantees the passes end. */
const EPSILON_METRES = 1e-3;

export function isLocated(stop: Stop): stop is Stop & Coordinates {
  return stop.latitude !== null && stop.longitude !== null && Number.isFinite(stop.latitude) && Number.isFinite(stop.longitude);
}

/**
 * Length in metres of the closed tour: from `start` through the located stops in this order
 * and back to `start`; without a start, the tour closes on its first stop. Unlocated stops
 * add nothing (they are not on the map).
 */
export function tourLengthMetres(start: Coordinates | null, stops: readonly Stop[]): number {
  const points: Coordinates[] = stops.filter(isLocated);
  if (start) points.unshift(start);
  let length = 0;
  for (let index = 1; index < points.length; index += 1) length += distanceMetres(points[index - 1], points[index]);
  if (points.length > 1) length += distanceMetres(points[points.length - 1], points[0]);
  return length;
}

const byName = (a: Stop, b: Stop) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id);

/** Nearest neighbour: from `start` (or the first stop), always the closest stop not yet visited. */
function nearestNeighbour<T extends Stop & Coordinates>(start: Coordinates | null, stops: readonly T[]): T[] {
  const left = [...stops];
  const tour: T[] = [];
  let here: Coordinates | null = start;
  while (left.length > 0) {
    let best = 0;
    if (here) {
      for (let index = 1; index < left.length; index += 1) {
        if (distanceMetres(here, left[index]) < distanceMetres(here, left[best])) best = index;
      }
    }
    const [next] = left.splice(best, 1);
    tour.push(next);
    here = next;
  }
  return tour;
}

/**
 * 2-opt on the closed tour anchor → tour → anchor: reverses tour[i..k] whenever that shortens
 * it. The anchor is the start, or the tour's first stop (which then stays first).
 */
function twoOpt<T extends Stop & Coordinates>(start: Coordinates | null, tour: readonly T[]): T[] {
  const path: Coordinates[] = start ? [start, ...tour] : [...tour];
  const count = path.length;
  if (count < 4) return [...tour];
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    let improved = false;
    for (let i = 1; i < count - 1; i += 1) {
      for (let k = i + 1; k < count; k += 1) {
        const before = path[i - 1];
        const after = path[(k + 1) % count];
        const gain = distanceMetres(before, path[i]) + distanceMetres(path[k], after) - distanceMetres(before, path[k]) - distanceMetres(path[i], after);
        if (gain > EPSILON_METRES) {
          const reversed = path.slice(i, k + 1).reverse();
          path.splice(i, reversed.length, ...reversed);
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return (start ? path.slice(1) : path) as T[];
}

/**
 * The order in which to visit the stops, starting from `start` (the counter) when its
 * position is known. Always a permutation of `stops`; never a longer tour than `stops` as given.
 */
export function visitingOrder<T extends Stop>(start: Coordinates | null, stops: readonly T[]): T[] {
  const located = stops.filter(isLocated) as Array<T & Coordinates>;
  const unlocated = stops.filter((stop) => !isLocated(stop)).sort(byName);
  const fromNearest = twoOpt(start, nearestNeighbour(start, [...located].sort(byName)));
  const fromGiven = twoOpt(start, located);
  // A closed tour is as long either way round: keep the nearest-first one unless the other is really shorter.
  const best = tourLengthMetres(start, fromGiven) < tourLengthMetres(start, fromNearest) - EPSILON_METRES ? fromGiven : fromNearest;
  return [...best, ...unlocated];
}

// ---- dates of the board ----

/** A real calendar date written YYYY-MM-DD. */
export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** `date` plus `days` calendar days (negative to go back). */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOfDate(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The storage place as typed at the counter (« B3 », « Frigo 2 »), spaces tidied. */
export function tidyStorageLocation(input: string): string {
  return input.trim().replace(/\s+/g, ' ');
}

export const STORAGE_LOCATION_MAX = 20;

// ---- the collection round as a routing problem (rounds.routing.rules.ts) ----

/** Minutes at a shop: greet, check the bags against the list, load them; a little more per extra bag. */
export const COLLECTION_SERVICE_MINUTES = 5;
export const COLLECTION_EXTRA_BAG_MINUTES = 2;

/**
 * The cargo tricycle: its box holds about forty bagged articles, and a payload of 100 kg of
 * goods keeps a margin under what such tricycles are built for (about 150 kg with the box).
 * After a first trip the concierge needs about a quarter of an hour to unload at the counter.
 */
export const TRICYCLE: Vehicle = { speedKmh: TRICYCLE_SPEED_KMH, capacity: { articles: 40, weightGrams: 100_000 }, reloadMinutes: 15 };

/**
 * What an article weighs when its unit does not say: a bag of groceries' worth. Offers carry
 * no weight yet, so the load is read from the unit's text (« le sachet de 250 g », « la
 * bouteille 75 cl ») where it can be, this otherwise.
 */
export const ARTICLE_GRAMS_UNKNOWN = 500;

const MEASURE = /(\d+(?:[.,]\d+)?)\s*(kg|g|l|cl|ml)\b/i;
/** Grams per measure unit; a litre of drink counts a kilo, its glass the rest of ARTICLE_GRAMS_UNKNOWN's margin. */
const GRAMS_PER: Record<string, number> = { kg: 1000, g: 1, l: 1000, cl: 10, ml: 1 };

/** An article's weight read from its unit text, in grams. */
export function articleGrams(unit: string): number {
  const match = MEASURE.exec(unit);
  if (!match) return ARTICLE_GRAMS_UNKNOWN;
  return Math.max(1, Math.round(Number(match[1].replace(',', '.')) * GRAMS_PER[match[2].toLowerCase()]));
}

/** The load of pick lines in the tricycle's classes: articles and grams. */
export function loadOfLines(lines: ReadonlyArray<{ quantity: number; unit: string }>): Load {
  let articles = 0;
  let weightGrams = 0;
  for (const line of lines) {
    articles += line.quantity;
    weightGrams += line.quantity * articleGrams(line.unit);
  }
  return { articles, weightGrams };
}

/** "09:30" → 570. */
export function minutesOfClock(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** 570 → "09:30". */
export function clockOfMinutes(total: number): string {
  const minutes = ((Math.round(total) % 1440) + 1440) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * A shop's windows on a weekday, from its weekly hours. A shop that never gave its hours can
 * be visited any time (null): the round cannot know better. A shop with hours but none that
 * day is closed all day (an empty list).
 */
export function windowsOn(ranges: ReadonlyArray<{ weekday: number; opensAt: string; closesAt: string }>, weekday: number): TimeWindow[] | null {
  if (ranges.length === 0) return null;
  return ranges
    .filter((range) => range.weekday === weekday)
    .map((range) => ({ opensAt: minutesOfClock(range.opensAt), closesAt: minutesOfClock(range.closesAt) }))
    .sort((a, b) => a.opensAt - b.opensAt);
}

/** Minutes at a shop with this many purchase orders to fetch. */
export function collectionServiceMinutes(purchaseOrderCount: number): number {
  return COLLECTION_SERVICE_MINUTES + COLLECTION_EXTRA_BAG_MINUTES * Math.max(0, purchaseOrderCount - 1);
}
