import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildInstance, costOf, type Cost } from './rounds.routing.rules.model.ts';
import { compareCosts, planRoute, TRICYCLE_SPEED_KMH, type RoutingProblem, type RoutingStop, type TimeWindow } from './rounds.routing.rules.ts';

// The counter in Istres; stops within a few kilometres, as the tricycle's town.
const COUNTER = { latitude: 43.5151, longitude: 4.9895 };
const NINE = 9 * 60;
const TRICYCLE = { speedKmh: TRICYCLE_SPEED_KMH, capacity: { volumeUnits: 10, weightGrams: 50_000 }, reloadMinutes: 15 };

function stop(id: string, latitude: number, longitude: number, extra: Partial<RoutingStop> = {}): RoutingStop {
  return { id, point: { latitude, longitude }, windows: null, serviceMinutes: 5, load: {}, lockedPosition: null, ...extra };
}

function problem(stops: RoutingStop[], extra: Partial<RoutingProblem> = {}): RoutingProblem {
  return { depot: COUNTER, stops, vehicle: TRICYCLE, departureMinutes: NINE, ...extra };
}

/** The cost of visiting the stops in exactly this order, in one run. */
function costOfOrder(given: RoutingProblem, order: readonly RoutingStop[]): Cost {
  const instance = buildInstance(given, order, given.departureMinutes);
  return costOf(
    instance,
    order.map((_, index) => index + 1),
  )!;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

/** Every order that keeps the locked stops at their positions; the cheapest one's cost. */
function bruteForceBest(given: RoutingProblem): Cost {
  const free = given.stops.filter((s) => s.lockedPosition === null);
  let best: Cost | null = null;
  for (const order of permutations(free)) {
    const full: RoutingStop[] = [];
    let next = 0;
    for (let slot = 0; slot < given.stops.length; slot += 1) full.push(given.stops.find((s) => s.lockedPosition === slot) ?? order[next++]);
    const cost = costOfOrder(given, full);
    if (best === null || compareCosts(cost, best) < 0) best = cost;
  }
  return best!;
}

const ids = (stops: ReadonlyArray<{ stop: RoutingStop }>) => stops.map((planned) => planned.stop.id);

test('a square around the counter is visited corner by corner, never across', () => {
  const corners = [stop('a', 43.51, 4.98), stop('c', 43.52, 5.0), stop('b', 43.51, 5.0), stop('d', 43.52, 4.98)];
  const plan = planRoute(problem(corners));
  const order = ids(plan.stops).join('');
  assert.ok(['abcd', 'adcb', 'bcda', 'badc', 'cdab', 'cbad', 'dabc', 'dcba'].includes(order), order);
  assert.equal(plan.runs.length, 1);
  assert.equal(plan.exact, true);
  assert.deepEqual(plan.lateStopIds, []);
});

test('metres and minutes are whole numbers; the total is the legs plus the way back', () => {
  const plan = planRoute(problem([stop('a', 43.52, 4.99), stop('b', 43.53, 4.97), stop('c', 43.5, 5.01)]));
  for (const planned of plan.stops) {
    assert.ok(Number.isInteger(planned.arrivalMinutes) && Number.isInteger(planned.legMetres) && planned.legMetres > 0);
    assert.ok(planned.startMinutes >= planned.arrivalMinutes);
  }
  const run = plan.runs[0];
  assert.equal(plan.totalMetres, run.stops.reduce((sum, planned) => sum + planned.legMetres, 0) + run.returnLegMetres);
  // 5 minutes on the spot at each stop: each arrival is at least 5 minutes after the previous one
  for (let index = 1; index < run.stops.length; index += 1) assert.ok(run.stops[index].arrivalMinutes >= run.stops[index - 1].startMinutes + 5);
});

test('arriving before a shop opens means waiting at its door', () => {
  const plan = planRoute(problem([stop('bakery', 43.516, 4.99, { windows: [{ opensAt: 10 * 60, closesAt: 12 * 60 }] })]));
  assert.ok(plan.stops[0].arrivalMinutes < 10 * 60);
  assert.equal(plan.stops[0].startMinutes, 10 * 60);
  assert.equal(plan.stops[0].late, false);
});

test('a shop that closes soon is visited first although it is the farthest', () => {
  const near = stop('near', 43.516, 4.99);
  const middle = stop('middle', 43.52, 4.995);
  const far = stop('far', 43.53, 5.01, { windows: [{ opensAt: NINE, closesAt: NINE + 20 }] });
  const given = problem([near, middle, far]);
  assert.equal(costOfOrder(given, [near, middle, far]).lateCount, 1, 'the nearest-first order reaches it too late');
  const plan = planRoute(given);
  assert.equal(ids(plan.stops)[0], 'far');
  assert.deepEqual(plan.lateStopIds, []);
});

test('when no order reaches a shop in time, it is reported late, and a shop closed that day too; nothing throws', () => {
  const unreachable = stop('entressen', 43.59, 4.93, { windows: [{ opensAt: NINE, closesAt: NINE + 5 }] });
  const closed = stop('closed', 43.517, 4.991, { windows: [] });
  const plan = planRoute(problem([stop('a', 43.516, 4.99), unreachable, closed]));
  assert.deepEqual([...plan.lateStopIds].sort(), ['closed', 'entressen']);
  assert.equal(plan.stops.length, 3);
});

test('a locked stop keeps its position when the others are reordered', () => {
  const stops = [stop('a', 43.51, 4.98), stop('b', 43.52, 5.0), stop('c', 43.51, 5.0, { lockedPosition: 0 }), stop('d', 43.52, 4.98)];
  const plan = planRoute(problem(stops));
  assert.equal(ids(plan.stops)[0], 'c');
  // two stops locked on the same slot: the second takes the next free one
  const twice = planRoute(problem([stop('x', 43.51, 4.98, { lockedPosition: 1 }), stop('y', 43.52, 5.0, { lockedPosition: 1 }), stop('z', 43.53, 4.99)]));
  assert.deepEqual(ids(twice.stops).slice(1), ['x', 'y']);
});

test('loads beyond the tricycle are split into two runs, each within capacity, the second leaving after the first is back', () => {
  const stops = Array.from({ length: 6 }, (_, index) => stop(`s${index}`, 43.51 + index * 0.003, 4.98 + (index % 3) * 0.01, { load: { volumeUnits: 4 } }));
  const plan = planRoute(problem(stops));
  assert.ok(plan.runs.length >= 2);
  for (const run of plan.runs) assert.ok((run.load.volumeUnits ?? 0) <= 10 && !run.overCapacity);
  assert.deepEqual([...ids(plan.stops)].sort(), stops.map((s) => s.id).sort());
  assert.equal(plan.runs[1].departureMinutes, plan.runs[0].returnMinutes + TRICYCLE.reloadMinutes);
  assert.ok(plan.runs[1].stops.every((planned) => planned.run === 2));
});

test('a stop bigger than the vehicle gets a run of its own, flagged, and nothing throws', () => {
  const plan = planRoute(problem([stop('sofa', 43.52, 4.99, { load: { volumeUnits: 30 } }), stop('bread', 43.516, 4.99, { load: { volumeUnits: 1 } })]));
  assert.deepEqual(plan.overCapacityStopIds, ['sofa']);
  const sofaRun = plan.runs.find((run) => run.stops.some((planned) => planned.stop.id === 'sofa'))!;
  assert.equal(sofaRun.stops.length, 1);
  assert.equal(sofaRun.overCapacity, true);
});

test('no stop at all: an empty plan', () => {
  const plan = planRoute(problem([]));
  assert.equal(plan.totalMetres, 0);
  assert.deepEqual(plan.stops, []);
});

// ---- properties on random towns ----

const point = fc.record({ latitude: fc.double({ min: 43.48, max: 43.56, noNaN: true }), longitude: fc.double({ min: 4.94, max: 5.04, noNaN: true }) });
const window = fc
  .tuple(fc.integer({ min: NINE, max: NINE + 120 }), fc.integer({ min: 10, max: 180 }))
  .map(([opensAt, length]): TimeWindow => ({ opensAt, closesAt: opensAt + length }));
const randomStop = fc.record({ point, windows: fc.option(fc.array(window, { minLength: 1, maxLength: 2 }), { nil: null, freq: 2 }), serviceMinutes: fc.integer({ min: 0, max: 10 }), volume: fc.integer({ min: 0, max: 6 }) });

function stopsOf(drawn: Array<{ point: { latitude: number; longitude: number }; windows: TimeWindow[] | null; serviceMinutes: number; volume: number }>, locks: number[] = []): RoutingStop[] {
  return drawn.map((entry, index) => ({
    id: `s${index}`,
    point: entry.point,
    windows: entry.windows ? [...entry.windows].sort((a, b) => a.opensAt - b.opensAt) : null,
    serviceMinutes: entry.serviceMinutes,
    load: { volumeUnits: entry.volume },
    lockedPosition: locks.includes(index) ? index : null,
  }));
}

const lockSet = (max: number) => fc.uniqueArray(fc.integer({ min: 0, max }), { maxLength: 2 });
const roomy = { ...TRICYCLE, capacity: {} };

test('property: on up to 7 stops the plan is as good as the best of every order (brute force), locks included', () => {
  fc.assert(
    fc.property(fc.array(randomStop, { minLength: 1, maxLength: 7 }), lockSet(6), (drawn, locks) => {
      const given = problem(stopsOf(drawn, locks), { vehicle: roomy });
      const plan = planRoute(given);
      const planned = costOfOrder(given, plan.stops.map((p) => p.stop));
      assert.equal(compareCosts(planned, bruteForceBest(given)), 0);
      assert.equal(plan.exact, true);
    }),
    { numRuns: 60 },
  );
});

test('property: never worse than the order given, locked stops never moved, every stop once', () => {
  fc.assert(
    fc.property(fc.array(randomStop, { minLength: 0, maxLength: 18 }), lockSet(17), (drawn, locks) => {
      const given = problem(stopsOf(drawn, locks), { vehicle: roomy });
      const plan = planRoute(given);
      assert.deepEqual([...ids(plan.stops)].sort(), given.stops.map((s) => s.id).sort());
      assert.ok(compareCosts(costOfOrder(given, plan.stops.map((p) => p.stop)), costOfOrder(given, given.stops)) <= 0);
      plan.stops.forEach((p, position) => p.stop.lockedPosition !== null && assert.equal(p.stop.lockedPosition, position));
    }),
    { numRuns: 40 },
  );
});

test('property: split runs are each within capacity and hold every stop once', () => {
  fc.assert(
    fc.property(fc.array(randomStop, { minLength: 1, maxLength: 16 }), (drawn) => {
      const given = problem(stopsOf(drawn));
      const plan = planRoute(given);
      assert.deepEqual([...ids(plan.stops)].sort(), given.stops.map((s) => s.id).sort());
      const total = given.stops.reduce((sum, s) => sum + (s.load.volumeUnits ?? 0), 0);
      if (total > 10) assert.ok(plan.runs.length >= Math.ceil(total / 10));
      for (const run of plan.runs) assert.ok((run.load.volumeUnits ?? 0) <= 10);
      for (let index = 1; index < plan.runs.length; index += 1) assert.ok(plan.runs[index].departureMinutes >= plan.runs[index - 1].returnMinutes);
    }),
    { numRuns: 40 },
  );
});

test('property: the same input gives the same plan', () => {
  fc.assert(
    fc.property(fc.array(randomStop, { maxLength: 14 }), lockSet(13), (drawn, locks) => {
      const given = problem(stopsOf(drawn, locks));
      const asData = (value: unknown) => JSON.parse(JSON.stringify(value));
      assert.deepEqual(asData(planRoute(given)), asData(planRoute(structuredClone(given))));
    }),
    { numRuns: 20 },
  );
});
