// Rules of the collection round: the order in which the tricycle visits the shops. The round
// leaves the counter and comes back to it, so its length is that of a closed tour. The order
// is the nearest shop first, then improved by 2-opt (reversing a stretch of the tour when that
// shortens it); the order the shops came in is improved the same way and the shorter of the
// two is kept, so the computed order is never longer than the one given (to the millimetre). Shops whose position
// is unknown cannot be placed on the map: they come last, by name. Pure functions only.

/** A point on the map, in degrees. */
export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** A shop to visit; its coordinates are null when its address was never placed on the map. */
export interface Stop {
  id: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
}

const EARTH_RADIUS_METRES = 6_371_000;
/** 2-opt stops after this many passes; a pass that improves nothing ends it sooner. */
const MAX_PASSES = 50;
/** Gains below a millimetre are rounding noise: ignoring them guarantees the passes end. */
const EPSILON_METRES = 1e-3;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: Coordinates, b: Coordinates): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

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
