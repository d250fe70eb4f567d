// The route solver's words and its one measure of a plan. A vehicle leaves a depot (the
// counter), visits stops and comes back; each stop may have opening windows, takes some
// minutes on the spot and puts a load in the vehicle. A stop the concierge placed by hand is
// locked at its position. Pure functions only: the solver itself is in
// rounds.routing.rules.search.ts (one run) and rounds.routing.rules.split.ts (several runs).

/** A point on the map, in degrees. */
export interface Coordinates {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_METRES = 6_371_000;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: Coordinates, b: Coordinates): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * An opening window in minutes since local midnight of the run's day (9 h 30 = 570).
 * Local minutes rather than instants: opening hours are written as local times, a run takes
 * place within one day and daylight-saving changes happen at night, so a window never moves;
 * and whole minutes keep every sum an integer. The service turns minutes into instants when it stores them.
 */
export interface TimeWindow {
  opensAt: number;
  closesAt: number;
}

/** Amounts per capacity class, integers: { volumeUnits: 3, weightGrams: 2500 }. */
export type Load = Readonly<Record<string, number>>;

export interface RoutingStop {
  id: string;
  point: Coordinates;
  /**
   * When the stop can be visited. null: any time. An empty list: closed all day (the stop is
   * then late in every order). Arriving between two windows means waiting for the next one.
   */
  windows: readonly TimeWindow[] | null;
  serviceMinutes: number;
  load: Load;
  /** 0-based position in its run, set by hand; re-optimising never moves a locked stop. */
  lockedPosition: number | null;
}

export interface Vehicle {
  /** Average door-to-door speed over straight-line distances: detours, lights and parking included. */
  speedKmh: number;
  /** A class missing here is not limited. */
  capacity: Load;
  /** Unloading at the depot before the next run leaves, when the stops do not fit in one. */
  reloadMinutes: number;
}

/**
 * A loaded cargo tricycle in the old town: pedal-assisted up to 25 km/h by law, but narrow
 * streets, pedestrians and stops bring its average near 12 km/h.
 */
export const TRICYCLE_SPEED_KMH = 12;
/** A van in town: 50 km/h roads, 30 km/h zones in the centre and lights give about 30 km/h on average. */
export const VAN_SPEED_KMH = 30;

export interface RoutingProblem<S extends RoutingStop = RoutingStop> {
  depot: Coordinates;
  stops: readonly S[];
  vehicle: Vehicle;
  /** When the (first) run leaves the depot, in local minutes. */
  departureMinutes: number;
  /** Metres between two points; the great-circle distance when not given. Rounded to whole metres. */
  distance?: (from: Coordinates, to: Coordinates) => number;
}

/**
 * A problem as the search sees it: index 0 is the depot, 1…n the stops; whole metres, and
 * whole seconds so that driving time follows distance closely (a minute per leg would let
 * rounding pick a longer tour); plans are given back in minutes, rounded up.
 */
export interface Instance {
  metres: number[][];
  seconds: number[][];
  /** Windows in seconds since local midnight. */
  windows: Array<readonly TimeWindow[] | null>;
  serviceSeconds: number[];
  departureSeconds: number;
  /** slot → stop index for locked stops, slots 0…n−1 of the visiting order. */
  lockedAt: Map<number, number>;
  /** Stops not locked, in the order given. */
  free: number[];
}

/**
 * What a visiting order costs, compared in this order: late stops, then how late, then when
 * the vehicle is back at the depot (driving, waiting for a shop to open, time on the spot),
 * then metres. Without windows nothing waits, so "back sooner" is "shorter".
 */
export interface Cost {
  lateCount: number;
  lateSeconds: number;
  finishSeconds: number;
  metres: number;
}

export function compareCosts(a: Cost, b: Cost): number {
  return a.lateCount - b.lateCount || a.lateSeconds - b.lateSeconds || a.finishSeconds - b.finishSeconds || a.metres - b.metres;
}

const inSeconds = (windows: readonly TimeWindow[] | null) => windows && windows.map((window) => ({ opensAt: window.opensAt * 60, closesAt: window.closesAt * 60 }));

export function buildInstance(problem: RoutingProblem, stops: readonly RoutingStop[], departureMinutes: number): Instance {
  const measure = problem.distance ?? distanceMetres;
  const points = [problem.depot, ...stops.map((stop) => stop.point)];
  const metres = points.map((from) => points.map((to) => (from === to ? 0 : Math.max(0, Math.round(measure(from, to))))));
  const metresPerSecond = (problem.vehicle.speedKmh * 1000) / 3600;
  return {
    metres,
    seconds: metres.map((row) => row.map((length) => Math.round(length / metresPerSecond))),
    windows: [null, ...stops.map((stop) => inSeconds(stop.windows))],
    serviceSeconds: [0, ...stops.map((stop) => Math.max(0, Math.round(stop.serviceMinutes * 60)))],
    departureSeconds: Math.round(departureMinutes * 60),
    ...placeLocks(stops),
  };
}

/**
 * Locked stops take their slot; a slot out of range is clamped to the last one, and a slot
 * already taken (two stops locked at 3) passes to the nearest free slot after it, else before.
 */
function placeLocks(stops: readonly RoutingStop[]): Pick<Instance, 'lockedAt' | 'free'> {
  const count = stops.length;
  const lockedAt = new Map<number, number>();
  const locked = stops
    .map((stop, index) => ({ index: index + 1, position: stop.lockedPosition }))
    .filter((entry): entry is { index: number; position: number } => entry.position !== null && Number.isFinite(entry.position))
    .sort((a, b) => a.position - b.position || a.index - b.index);
  for (const { index, position } of locked) {
    const wanted = Math.min(count - 1, Math.max(0, Math.trunc(position)));
    let slot = wanted;
    while (lockedAt.has(slot) && slot < count - 1) slot += 1;
    if (lockedAt.has(slot)) for (slot = wanted; lockedAt.has(slot); ) slot -= 1;
    lockedAt.set(slot, index);
  }
  const lockedStops = new Set(lockedAt.values());
  return { lockedAt, free: stops.map((_, index) => index + 1).filter((index) => !lockedStops.has(index)) };
}

/** The full visiting order: the free stops, in the order given, in the slots the locks leave. */
export function mergeLocks(instance: Instance, freeOrder: readonly number[]): number[] {
  const route: number[] = [];
  let next = 0;
  const count = instance.free.length + instance.lockedAt.size;
  for (let slot = 0; slot < count; slot += 1) route.push(instance.lockedAt.get(slot) ?? freeOrder[next++]);
  return route;
}

/**
 * When service starts at a stop reached at `arrival`, and how late that is (null: on time).
 * On time means arriving while a window is open (or waiting for the next one to open): the
 * visit starts before closing; it may end a little after, as a shop serves who came in.
 */
export function serviceStart(windows: readonly TimeWindow[] | null, arrival: number): { start: number; lateBy: number | null } {
  if (windows === null) return { start: arrival, lateBy: null };
  if (windows.length === 0) return { start: arrival, lateBy: 0 };
  let lastClose = -Infinity;
  for (const window of windows) {
    if (arrival <= window.closesAt) return { start: Math.max(arrival, window.opensAt), lateBy: null };
    lastClose = Math.max(lastClose, window.closesAt);
  }
  return { start: arrival, lateBy: arrival - lastClose };
}

export interface Visit {
  index: number;
  /** Seconds since local midnight. */
  arrival: number;
  start: number;
  legMetres: number;
  late: boolean;
}

export interface Schedule extends Cost {
  visits: Visit[];
  returnLegMetres: number;
}

/** The plan of one visiting order: arrivals, legs, lateness and its cost, back to the depot included. */
export function schedule(instance: Instance, route: readonly number[]): Schedule {
  const visits: Visit[] = [];
  let here = 0;
  let clock = instance.departureSeconds;
  for (const index of route) {
    const arrival = clock + instance.seconds[here][index];
    const { start, lateBy } = serviceStart(instance.windows[index], arrival);
    visits.push({ index, arrival, start, legMetres: instance.metres[here][index], late: lateBy !== null });
    clock = start + instance.serviceSeconds[index];
    here = index;
  }
  return { visits, returnLegMetres: route.length > 0 ? instance.metres[here][0] : 0, ...costOf(instance, route)! };
}

/**
 * The cost alone, without building the visits: what the search calls thousands of times.
 * With a `limit`, gives up (null) as soon as the order cannot be cheaper than it: lateness,
 * the clock and metres only grow along the way, so a prefix already as costly never wins.
 */
export function costOf(instance: Instance, route: readonly number[], limit?: Cost): Cost | null {
  let here = 0;
  let clock = instance.departureSeconds;
  let metres = 0;
  let lateCount = 0;
  let lateSeconds = 0;
  for (const index of route) {
    const arrival = clock + instance.seconds[here][index];
    const { start, lateBy } = serviceStart(instance.windows[index], arrival);
    if (lateBy !== null) {
      lateCount += 1;
      lateSeconds += lateBy;
    }
    metres += instance.metres[here][index];
    clock = start + instance.serviceSeconds[index];
    here = index;
    if (limit && compareCosts({ lateCount, lateSeconds, finishSeconds: clock, metres }, limit) >= 0) return null;
  }
  const back = route.length > 0 ? here : 0;
  const cost = { lateCount, lateSeconds, finishSeconds: clock + instance.seconds[back][0], metres: metres + instance.metres[back][0] };
  return limit && compareCosts(cost, limit) >= 0 ? null : cost;
}
