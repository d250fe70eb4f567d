// The visiting order of one run. Three starting orders (nearest stop first, as given, soonest
// closing first) are each improved by 2-opt (reversing a stretch) and Or-opt (moving a chain
// of one to three stops elsewhere); the cheapest wins. With ten free stops or fewer, a branch
// and bound then searches every order and returns the best one. Only the free stops move:
// locked stops keep their slot in every order tried. A move is kept only when it makes the
// order strictly cheaper, so the result is never worse than the order given, and the same
// input always gives the same order.
import { compareCosts, costOf, mergeLocks, serviceStart, type Cost, type Instance } from './rounds.routing.rules.model.ts';

/** Up to this many free stops the order is proven best by an exhaustive search. */
export const EXACT_MAX_FREE_STOPS = 10;
/** Local search stops after this many passes; a pass that improves nothing ends it sooner. */
const MAX_PASSES = 50;
/** Or-opt moves chains of up to this many consecutive stops. */
const OR_OPT_MAX_CHAIN = 3;

export interface RunOrder {
  route: number[];
  cost: Cost;
  /** True when the exhaustive search proved the order the best there is. */
  exact: boolean;
}

/** The cost of an order of the free stops, or null when it is not strictly cheaper than `limit`. */
function evaluate(instance: Instance, freeOrder: readonly number[], limit?: Cost): Cost | null {
  return costOf(instance, instance.lockedAt.size === 0 ? freeOrder : mergeLocks(instance, freeOrder), limit);
}

/** From the depot, always the closest free stop next; locked stops are passed through in their slot. */
function nearestNeighbour(instance: Instance): number[] {
  const left = [...instance.free];
  const order: number[] = [];
  let here = 0;
  const count = instance.free.length + instance.lockedAt.size;
  for (let slot = 0; slot < count; slot += 1) {
    const locked = instance.lockedAt.get(slot);
    if (locked !== undefined) {
      here = locked;
      continue;
    }
    let best = 0;
    for (let index = 1; index < left.length; index += 1) if (instance.metres[here][left[index]] < instance.metres[here][left[best]]) best = index;
    here = left.splice(best, 1)[0];
    order.push(here);
  }
  return order;
}

/** The stops that close soonest first: a good start when windows are tight. */
function soonestClosing(instance: Instance): number[] {
  const lastClose = (index: number) => {
    const windows = instance.windows[index];
    return windows === null || windows.length === 0 ? Infinity : Math.max(...windows.map((window) => window.closesAt));
  };
  return instance.free.map((index, position) => ({ index, position, close: lastClose(index) })).sort((a, b) => a.close - b.close || a.position - b.position).map((entry) => entry.index);
}

function reverse(order: number[], from: number, to: number): void {
  for (let i = from, k = to; i < k; i += 1, k -= 1) [order[i], order[k]] = [order[k], order[i]];
}

/** Reverses each stretch order[i..k] when that makes the order cheaper; in place, no copy per try. */
function twoOptPass(instance: Instance, order: number[], cost: Cost): Cost {
  for (let i = 0; i < order.length - 1; i += 1) {
    for (let k = i + 1; k < order.length; k += 1) {
      reverse(order, i, k);
      const candidateCost = evaluate(instance, order, cost);
      if (candidateCost) cost = candidateCost;
      else reverse(order, i, k);
    }
  }
  return cost;
}

/** Writes into `target` the order with the chain order[from, from+length) moved to index `to` of what remains. */
function writeMove(target: number[], order: readonly number[], from: number, length: number, to: number, reversed: boolean): void {
  let write = 0;
  const restLength = order.length - length;
  for (let read = 0; read <= restLength; read += 1) {
    if (read === to) for (let c = 0; c < length; c += 1) target[write++] = order[from + (reversed ? length - 1 - c : c)];
    if (read < restLength) target[write++] = order[read < from ? read : read + length];
  }
}

/** Moves each chain of 1–3 stops to wherever it makes the order cheaper, either way round. */
function orOptPass(instance: Instance, order: number[], cost: Cost): Cost {
  const candidate = new Array<number>(order.length);
  for (let length = 1; length <= OR_OPT_MAX_CHAIN; length += 1) {
    for (let from = 0; from + length <= order.length; from += 1) {
      for (let to = 0; to <= order.length - length; to += 1) {
        for (const reversed of length > 1 ? [false, true] : [false]) {
          if (to === from && !reversed) continue;
          writeMove(candidate, order, from, length, to, reversed);
          const candidateCost = evaluate(instance, candidate, cost);
          if (candidateCost) {
            order.splice(0, order.length, ...candidate);
            cost = candidateCost;
          }
        }
      }
    }
  }
  return cost;
}

/** 2-opt and Or-opt in turn until neither finds a cheaper order. */
function improve(instance: Instance, start: readonly number[]): { order: number[]; cost: Cost } {
  const order = [...start];
  let cost = evaluate(instance, order)!;
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const before = cost;
    cost = twoOptPass(instance, order, cost);
    cost = orOptPass(instance, order, cost);
    if (compareCosts(cost, before) === 0) break;
  }
  return { order, cost };
}

/**
 * Branch and bound over the free stops, slot by slot. A partial order's lateness, clock and
 * metres can only grow, and each stop still to visit (and the depot at the end) must be
 * entered by some leg: the shortest leg into each bounds the metres and seconds left. A
 * branch that cannot beat the best order so far is cut; only a strictly cheaper order wins.
 */
function branchAndBound(instance: Instance, incumbent: { order: number[]; cost: Cost }): { order: number[]; cost: Cost } {
  const count = instance.free.length + instance.lockedAt.size;
  const nodes = [0, ...instance.free, ...instance.lockedAt.values()];
  const cheapestInto = (table: number[][]) => new Map(nodes.map((to) => [to, finite(Math.min(...nodes.filter((from) => from !== to).map((from) => table[from][to])))]));
  const metresIn = cheapestInto(instance.metres);
  const secondsIn = cheapestInto(instance.seconds);
  let best = incumbent;
  const chosen: number[] = [];
  const used = new Set<number>();
  let metresLeft = [...metresIn.values()].reduce((sum, value) => sum + value, 0);
  let secondsLeft = [...secondsIn.values()].reduce((sum, value) => sum + value, 0) + instance.serviceSeconds.reduce((sum, value) => sum + value, 0);

  const visit = (slot: number, here: number, clock: number, partial: Cost): void => {
    if (slot === count) {
      const cost = { ...partial, finishSeconds: clock + instance.seconds[here][0], metres: partial.metres + instance.metres[here][0] };
      if (compareCosts(cost, best.cost) < 0) best = { order: [...chosen], cost };
      return;
    }
    const locked = instance.lockedAt.get(slot);
    const candidates = locked !== undefined ? [locked] : instance.free.filter((index) => !used.has(index)).sort((a, b) => instance.metres[here][a] - instance.metres[here][b] || a - b);
    for (const next of candidates) {
      const arrival = clock + instance.seconds[here][next];
      const { start, lateBy } = serviceStart(instance.windows[next], arrival);
      const after = start + instance.serviceSeconds[next];
      const cost = {
        lateCount: partial.lateCount + (lateBy === null ? 0 : 1),
        lateSeconds: partial.lateSeconds + (lateBy ?? 0),
        finishSeconds: after,
        metres: partial.metres + instance.metres[here][next],
      };
      metresLeft -= metresIn.get(next)!;
      secondsLeft -= secondsIn.get(next)! + instance.serviceSeconds[next];
      const bound = { ...cost, finishSeconds: after + secondsLeft, metres: cost.metres + metresLeft };
      if (compareCosts(bound, best.cost) < 0) {
        if (locked === undefined) {
          chosen.push(next);
          used.add(next);
        }
        visit(slot + 1, next, after, cost);
        if (locked === undefined) {
          chosen.pop();
          used.delete(next);
        }
      }
      metresLeft += metresIn.get(next)!;
      secondsLeft += secondsIn.get(next)! + instance.serviceSeconds[next];
    }
  };
  visit(0, 0, instance.departureSeconds, { lateCount: 0, lateSeconds: 0, finishSeconds: instance.departureSeconds, metres: 0 });
  return best;
}

const finite = (value: number) => (Number.isFinite(value) ? value : 0);

/** The best visiting order found for one run, locked stops in their slots. */
export function orderRun(instance: Instance): RunOrder {
  // Nearest first leads: between orders of equal cost (a tour and its reverse) it is the one kept.
  const starts = [nearestNeighbour(instance), instance.free, soonestClosing(instance)];
  let best: { order: number[]; cost: Cost } | null = null;
  for (const start of starts) {
    const improved = improve(instance, start);
    if (best === null || compareCosts(improved.cost, best.cost) < 0) best = improved;
  }
  const exact = instance.free.length <= EXACT_MAX_FREE_STOPS;
  if (exact) best = branchAndBound(instance, best!);
  return { route: mergeLocks(instance, best!.order), cost: best!.cost, exact };
}
