// The route solver shared by the tricycle's collection round and the van's delivery runs.
// planRoute orders the stops (locked ones stay where the concierge put them), checks opening
// windows, and when the loads exceed the vehicle cuts the tour into runs that each fit, the
// next run leaving when the previous one is back and unloaded. It never throws: a stop that
// cannot be reached in time is reported late, a stop too big for the vehicle gets a run of
// its own, flagged. Times are local minutes of the day, distances whole metres.
// The solver minimises, in this order: late stops, lateness, time back at the depot, metres.
import {
  buildInstance,
  schedule,
  type Load,
  type RoutingProblem,
  type RoutingStop,
} from './rounds.routing.rules.model.ts';
import { orderRun } from './rounds.routing.rules.search.ts';
import { addLoads, fitsIn, splitTour } from './rounds.routing.rules.split.ts';

export {
  compareCosts,
  TRICYCLE_SPEED_KMH,
  VAN_SPEED_KMH,
  type Cost,
  type Load,
  type RoutingProblem,
  type RoutingStop,
  type TimeWindow,
  type Vehicle,
} from './rounds.routing.rules.model.ts';
export { EXACT_MAX_FREE_STOPS } from './rounds.routing.rules.search.ts';
export { addLoads, fitsIn } from './rounds.routing.rules.split.ts';

export interface PlannedStop<S extends RoutingStop> {
  stop: S;
  /** 1, 2… : the run it belongs to. */
  run: number;
  /** When the vehicle gets there, and when the visit starts (later when it waits for opening). */
  arrivalMinutes: number;
  startMinutes: number;
  /** From the previous stop, or from the depot for a run's first stop. */
  legMetres: number;
  /** Reached after its last window closed, or on a day it is closed. */
  late: boolean;
}

export interface PlannedRun<S extends RoutingStop> {
  number: number;
  stops: Array<PlannedStop<S>>;
  departureMinutes: number;
  returnMinutes: number;
  /** Depot to depot, the way back included. */
  metres: number;
  returnLegMetres: number;
  load: Load;
  /** It carries a stop bigger than the vehicle: it cannot be done as planned. */
  overCapacity: boolean;
}

export interface RoutePlan<S extends RoutingStop> {
  runs: Array<PlannedRun<S>>;
  /** Every stop once, run after run, in visiting order. */
  stops: Array<PlannedStop<S>>;
  totalMetres: number;
  lateStopIds: string[];
  /** Stops whose load alone exceeds the vehicle. */
  overCapacityStopIds: string[];
  /** Every run's order was proven the best by exhaustive search. */
  exact: boolean;
}

/** Seconds to the minute shown, rounded up: a plan never promises an arrival earlier than it can be. */
const toMinutes = (seconds: number) => Math.ceil(seconds / 60);

/** Loads as whole, non-negative amounts: a typo cannot make room in the vehicle. */
function cleanLoad(load: Load): Load {
  return Object.fromEntries(Object.entries(load).map(([name, amount]) => [name, Number.isFinite(amount) ? Math.max(0, Math.round(amount)) : 0]));
}

/** Orders, schedules and, when needed, splits the stops of `problem`. */
export function planRoute<S extends RoutingStop>(problem: RoutingProblem<S>): RoutePlan<S> {
  const stops = problem.stops.map((stop) => ({ ...stop, load: cleanLoad(stop.load) }));
  const whole = buildInstance(problem, stops, problem.departureMinutes);
  const tour = orderRun(whole);
  const loads = [{}, ...stops.map((stop) => stop.load)];
  const total = stops.reduce<Load>((sum, stop) => addLoads(sum, stop.load), {});
  const parts = fitsIn(total, problem.vehicle.capacity) ? [tour.route] : splitTour(whole, tour.route, loads, problem.vehicle.capacity);
  // slot of each locked stop in the whole tour, kept when the tour is cut
  const lockedSlot = new Map([...whole.lockedAt].map(([slot, index]) => [index, slot]));
  const runs: Array<PlannedRun<S>> = [];
  let exact = true;
  let offset = 0;
  let departure = problem.departureMinutes;
  for (const part of parts) {
    const runStops = part.map((index) => ({ ...stops[index - 1], lockedPosition: lockedSlot.has(index) ? lockedSlot.get(index)! - offset : null }));
    const instance = buildInstance(problem, runStops, departure);
    const order = parts.length === 1 ? { route: part.map((_, position) => position + 1), exact: tour.exact } : orderRun(instance);
    exact &&= order.exact;
    const planned = schedule(instance, order.route);
    const number = runs.length + 1;
    const load = runStops.reduce<Load>((sum, stop) => addLoads(sum, stop.load), {});
    runs.push({
      number,
      stops: planned.visits.map((visit) => ({
        stop: problem.stops[part[visit.index - 1] - 1],
        run: number,
        arrivalMinutes: toMinutes(visit.arrival),
        startMinutes: toMinutes(visit.start),
        legMetres: visit.legMetres,
        late: visit.late,
      })),
      departureMinutes: departure,
      returnMinutes: toMinutes(planned.finishSeconds),
      metres: planned.metres,
      returnLegMetres: planned.returnLegMetres,
      load,
      overCapacity: !fitsIn(load, problem.vehicle.capacity),
    });
    offset += part.length;
    departure = toMinutes(planned.finishSeconds) + Math.max(0, problem.vehicle.reloadMinutes);
  }
  const all = runs.flatMap((run) => run.stops);
  return {
    runs,
    stops: all,
    totalMetres: runs.reduce((sum, run) => sum + run.metres, 0),
    lateStopIds: all.filter((planned) => planned.late).map((planned) => planned.stop.id),
    overCapacityStopIds: stops.filter((stop) => !fitsIn(stop.load, problem.vehicle.capacity)).map((stop) => stop.id),
    exact,
  };
}
