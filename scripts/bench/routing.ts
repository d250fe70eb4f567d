// The route solver's time: ordering a van's 60 stops with opening windows and more
// load than the van holds (so the tour is split), and a tricycle round of 10 stops where the
// exact search runs. The towns are drawn from a fixed seed, so every run times the same work.
import { performance } from 'node:perf_hooks';
import { Random } from '../../src/demo/demo.random.ts';
import { planRoute, TRICYCLE_SPEED_KMH, VAN_SPEED_KMH, type RoutingProblem, type RoutingStop, type TimeWindow, type Vehicle } from '../../src/rounds/rounds.routing.rules.ts';

export interface RoutingFigure {
  stops: number;
  medianMs: number;
  p95Ms: number;
  runs: number;
  lateStops: number;
  exact: boolean;
}

const COUNTER = { latitude: 43.5151, longitude: 4.9895 };

// Shop-like hours: most open all day with a lunch break, some only in the morning, some only after lunch.
const HOURS: ReadonlyArray<readonly TimeWindow[] | null> = [
  null,
  [
    { opensAt: 9 * 60, closesAt: 12 * 60 },
    { opensAt: 14 * 60, closesAt: 19 * 60 },
  ],
  [{ opensAt: 8 * 60, closesAt: 12 * 60 + 30 }],
  [{ opensAt: 14 * 60, closesAt: 18 * 60 }],
];

function town(count: number, seed: number, spreadDegrees: number): RoutingStop[] {
  const draw = new Random('routing-bench', seed);
  const random = () => draw.float();
  return Array.from({ length: count }, (_, index) => ({
    id: `stop-${index}`,
    point: { latitude: COUNTER.latitude + (random() - 0.5) * spreadDegrees, longitude: COUNTER.longitude + (random() - 0.5) * spreadDegrees * 1.4 },
    windows: HOURS[Math.floor(random() * HOURS.length)],
    serviceMinutes: 3 + Math.floor(random() * 5),
    load: { volumeUnits: 1 + Math.floor(random() * 4), weightGrams: 500 + Math.floor(random() * 8000) },
    lockedPosition: null,
  }));
}

const VAN: Vehicle = { speedKmh: VAN_SPEED_KMH, capacity: { volumeUnits: 100, weightGrams: 300_000 }, reloadMinutes: 20 };
const TRICYCLE: Vehicle = { speedKmh: TRICYCLE_SPEED_KMH, capacity: { volumeUnits: 40, weightGrams: 100_000 }, reloadMinutes: 15 };

function time(problem: RoutingProblem, repeats: number): RoutingFigure {
  planRoute(problem); // warm-up: JIT
  const durations: number[] = [];
  let plan = planRoute(problem);
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const started = performance.now();
    plan = planRoute(problem);
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  const at = (share: number) => durations[Math.min(durations.length - 1, Math.ceil(share * durations.length) - 1)];
  return { stops: problem.stops.length, medianMs: at(0.5), p95Ms: at(0.95), runs: plan.runs.length, lateStops: plan.lateStopIds.length, exact: plan.exact };
}

/** 60 van stops over the town and its business park (split in runs), then 10 tricycle stops in the centre (exact). */
export function measureRouting(repeats: number): { sixty: RoutingFigure; ten: RoutingFigure } {
  const sixty = time({ depot: COUNTER, stops: town(60, 14, 0.12), vehicle: VAN, departureMinutes: 8 * 60 + 30 }, repeats);
  const ten = time({ depot: COUNTER, stops: town(10, 5, 0.03), vehicle: TRICYCLE, departureMinutes: 10 * 60 + 30 }, repeats);
  return { sixty, ten };
}
