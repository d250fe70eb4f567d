// When the stops do not fit in the vehicle at once: the best single tour is cut into
// consecutive runs, each within capacity, with the fewest runs and then the fewest metres
// (a shortest path over the cut points, Prins' "route first, cluster second"). Cutting the
// tour rather than sorting stops into runs keeps neighbours together and keeps a locked
// stop's place in the overall order. A stop that alone exceeds the vehicle gets a run of its own.
import type { Instance, Load } from './rounds.routing.rules.model.ts';

/** a + b, class by class. */
export function addLoads(a: Load, b: Load): Record<string, number> {
  const sum: Record<string, number> = { ...a };
  for (const [name, amount] of Object.entries(b)) sum[name] = (sum[name] ?? 0) + amount;
  return sum;
}

/** Within the capacity in every class the vehicle limits; a class it does not name is not limited. */
export function fitsIn(load: Load, capacity: Load): boolean {
  return Object.entries(capacity).every(([name, limit]) => (load[name] ?? 0) <= limit);
}

interface Best {
  runs: number;
  metres: number;
  cutAt: number;
}

/**
 * Cuts `route` (stop indices of `instance`) into runs within `capacity`; `loads[index]` is the
 * load of stop `index`. Returns the runs in order; together they are `route`, each stop once.
 */
export function splitTour(instance: Instance, route: readonly number[], loads: readonly Load[], capacity: Load): number[][] {
  const count = route.length;
  // metres from route[0] to route[k] along the tour
  const along = [0];
  for (let k = 1; k < count; k += 1) along.push(along[k - 1] + instance.metres[route[k - 1]][route[k]]);
  const best: Best[] = [{ runs: 0, metres: 0, cutAt: 0 }];
  for (let end = 1; end <= count; end += 1) {
    let choice: Best = { runs: Infinity, metres: Infinity, cutAt: end - 1 };
    let load: Load = {};
    for (let start = end - 1; start >= 0; start -= 1) {
      load = addLoads(load, loads[route[start]]);
      // Loads are never negative: once a run is too heavy, starting it earlier only adds.
      if (start < end - 1 && !fitsIn(load, capacity)) break;
      const metres = best[start].metres + instance.metres[0][route[start]] + along[end - 1] - along[start] + instance.metres[route[end - 1]][0];
      const runs = best[start].runs + 1;
      if (runs < choice.runs || (runs === choice.runs && metres < choice.metres)) choice = { runs, metres, cutAt: start };
    }
    best.push(choice);
  }
  const runs: number[][] = [];
  for (let end = count; end > 0; end = best[end].cutAt) runs.unshift(route.slice(best[end].cutAt, end));
  return runs;
}
