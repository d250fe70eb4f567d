// Preparing a day's runs, as pure functions: the orders due become stops (one per place, one
// per door), each for the vehicle that serves it; the solver orders each vehicle's stops,
// keeps the ones the concierge placed by hand where they are, and cuts the tour into two
// runs when the load does not fit. A home has no position on the map (addresses are not
// geocoded offline): home stops follow the located ones, street by street, with no planned
// time or distance rather than a made-up one.
import type { Coordinates } from '../rounds.routing.rules.model.ts';
import { planRoute, type Load, type RoutingStop, type TimeWindow, type Vehicle } from '../rounds.routing.rules.ts';
import { addLoads, fitsIn } from '../rounds.routing.rules.ts';
import { windowsOn } from '../rounds.rules.ts';
import { departureFor, loadOfOrderLines, stopKeyOf, stopServiceMinutes, vehicleKindFor, type StopDestination, type VehicleKind } from './runs.rules.ts';

export interface DueOrder {
  orderId: string;
  destination: StopDestination;
  placeId: string;
  deliveryAddress: string | null;
  /** Local minutes of the order's slot on the run's day (a home's window). */
  slotMinutes: TimeWindow;
  lines: ReadonlyArray<{ load: Load }>;
}

export interface PlaceFacts {
  id: string;
  kind: string;
  name: string;
  point: Coordinates | null;
  hours: ReadonlyArray<{ weekday: number; opensAt: string; closesAt: string }>;
}

export interface StopCandidate extends RoutingStop {
  key: string;
  vehicleKind: VehicleKind;
  placeId: string | null;
  address: string | null;
  orderIds: string[];
  /** false: a home, placed after the located stops. */
  located: boolean;
}

/** Groups the orders into stops, each with its window, load and time on the spot. `locks`: key → position in the vehicle's tour. */
export function stopCandidates(orders: readonly DueOrder[], places: ReadonlyMap<string, PlaceFacts>, weekday: number, locks: ReadonlyMap<string, number>): StopCandidate[] {
  const byKey = new Map<string, { first: DueOrder; orders: DueOrder[] }>();
  for (const order of orders) {
    const key = stopKeyOf(order);
    const group = byKey.get(key) ?? { first: order, orders: [] };
    group.orders.push(order);
    byKey.set(key, group);
  }
  return [...byKey.entries()].map(([key, { first, orders: group }]) => {
    const place = places.get(first.placeId);
    const home = first.destination === 'home';
    const point = home ? null : (place?.point ?? null);
    return {
      id: key,
      key,
      vehicleKind: vehicleKindFor(first.destination, place?.kind ?? ''),
      placeId: home ? null : first.placeId,
      address: home ? first.deliveryAddress : null,
      orderIds: group.map((order) => order.orderId),
      located: point !== null,
      point: point ?? { latitude: 0, longitude: 0 },
      windows: home ? [homeWindow(group)] : windowsOn(place?.hours ?? [], weekday),
      serviceMinutes: stopServiceMinutes(group.length),
      load: group.reduce<Load>((sum, order) => addLoads(sum, loadOfOrderLines(order.lines)), {}),
      lockedPosition: locks.get(key) ?? null,
    };
  });
}

/** The widest of the slots the member chose: the door is expected then. */
function homeWindow(orders: readonly DueOrder[]): TimeWindow {
  return { opensAt: Math.min(...orders.map((order) => order.slotMinutes.opensAt)), closesAt: Math.max(...orders.map((order) => order.slotMinutes.closesAt)) };
}

export interface PlannedStopOfRun {
  candidate: StopCandidate;
  /** When the stop is served, local minutes (after waiting for it to open); null for a home (no position). */
  arrivalMinutes: number | null;
  legMetres: number | null;
  late: boolean;
}

export interface PlannedVehicleRun {
  stops: PlannedStopOfRun[];
  departureMinutes: number;
  returnMinutes: number;
  load: Load;
  /** A stop alone is bigger than the vehicle: the run cannot be done as planned. */
  overCapacity: boolean;
}

const byAddress = (a: StopCandidate, b: StopCandidate) => (a.address ?? '').localeCompare(b.address ?? '', 'fr') || a.key.localeCompare(b.key);

/** One vehicle's stops as runs: the located ones ordered by the solver, the homes after them. */
export function planVehicleRuns(candidates: readonly StopCandidate[], vehicle: Vehicle, depot: Coordinates): PlannedVehicleRun[] {
  const located = candidates.filter((stop) => stop.located);
  const homes = candidates.filter((stop) => !stop.located).sort(byAddress);
  const windows = candidates.flatMap((stop) => stop.windows ?? []);
  const departure = departureFor(windows);
  const plan = planRoute({ depot, stops: located, vehicle, departureMinutes: departure });
  const runs: PlannedVehicleRun[] = plan.runs.map((run) => ({
    // the time a stop is served (after waiting for it to open), which is what the driver and the members are told
    stops: run.stops.map((planned) => ({ candidate: planned.stop, arrivalMinutes: planned.startMinutes, legMetres: planned.legMetres, late: planned.late })),
    // no need to leave early only to wait at the first stop: the later stops' times do not change
    departureMinutes: run.departureMinutes + (run.stops[0] ? run.stops[0].startMinutes - run.stops[0].arrivalMinutes : 0),
    returnMinutes: run.returnMinutes,
    load: run.load,
    overCapacity: run.overCapacity,
  }));
  if (homes.length > 0) addHomes(runs, homes, vehicle, departure);
  return runs;
}

/** Homes ride in the last run while it has room, else in a run of their own after it. */
function addHomes(runs: PlannedVehicleRun[], homes: readonly StopCandidate[], vehicle: Vehicle, departure: number): void {
  for (const home of homes) {
    let last = runs[runs.length - 1];
    if (!last || (last.stops.length > 0 && !fitsIn(addLoads(last.load, home.load), vehicle.capacity))) {
      const leaves = last ? last.returnMinutes + vehicle.reloadMinutes : departure;
      last = { stops: [], departureMinutes: leaves, returnMinutes: leaves, load: {}, overCapacity: false };
      runs.push(last);
    }
    last.stops.push({ candidate: home, arrivalMinutes: null, legMetres: null, late: false });
    last.load = addLoads(last.load, home.load);
    last.returnMinutes = Math.max(last.returnMinutes, (home.windows?.[0]?.closesAt ?? last.returnMinutes) + home.serviceMinutes);
    last.overCapacity = !fitsIn(last.load, vehicle.capacity);
  }
}

/** Times and distances of a run's stops in the order given (a hand-made order): nothing is moved. */
export function scheduleInOrder(stops: readonly StopCandidate[], vehicle: Vehicle, depot: Coordinates, departureMinutes: number): PlannedStopOfRun[] {
  const located = stops.filter((stop) => stop.located).map((stop, position) => ({ ...stop, lockedPosition: position }));
  const plan = planRoute({ depot, stops: located, vehicle: { ...vehicle, capacity: {} }, departureMinutes });
  const timed = new Map(plan.stops.map((planned) => [planned.stop.key, planned]));
  return stops.map((stop) => {
    const planned = timed.get(stop.key);
    return { candidate: stop, arrivalMinutes: planned?.startMinutes ?? null, legMetres: planned?.legMetres ?? null, late: planned?.late ?? false };
  });
}
