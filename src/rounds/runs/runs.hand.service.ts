// Changes the concierge makes by hand to a planned run: a stop moved up or down (then locked
// there, its run's times worked out again), an order moved onto another run of the same day,
// the driver chosen. A run that has left is not changed; two changes of one day wait for each other.
import type { Config } from '../../config.ts';
import type { Db, Executor, Trx } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import { ordersOnRuns, type OrderForRun } from '../../orders/index.ts';
import { listPlacesWithHours, localToUtc, utcToLocal } from '../../places/index.ts';
import { assertConcierge } from '../../platform/actor.ts';
import { listEnabledAccountsWithRoles } from '../../platform/auth/auth.repository.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { addLoads, fitsIn } from '../rounds.routing.rules.ts';
import { clockOfMinutes, minutesOfClock, weekdayOfDate, windowsOn } from '../rounds.rules.ts';
import { scheduleInOrder, type StopCandidate } from './runs.plan.rules.ts';
import {
  deleteStops,
  findRun,
  findStop,
  insertStops,
  listDeliveryOrders,
  listDeliveryOrdersOfStops,
  listStopsOfRuns,
  holdPlannedRuns,
  lockRunPlanning,
  moveDeliveryOrder,
  updateRunDriver,
  updateStopPlans,
  type Run,
  type StopRow,
} from './runs.repository.ts';
import { loadOfOrderLines, stopKeyOf, vehicleProfile } from './runs.rules.ts';
import { detailsOf, DRIVER_ROLES, placeFacts } from './runs.service.ts';

/** The run, held until commit if it is still planned (a conditional update, not a read that a start could overtake). */
async function plannedRunOf(trx: Executor, runId: string): Promise<Run> {
  const held = await holdPlannedRuns(trx, { runIds: [runId] });
  const run = await findRun(trx, runId);
  if (!run) throw notFound();
  if (held === 0 || run.status !== 'planned') throw new DomainError('run_already_left');
  return run;
}

/**
 * Moves a stop one place up or down in its run; it is then locked there, and the times are
 * worked out again. False when there is nowhere to go (the first stop up, the last down).
 */
export async function moveStop(db: Db, config: Config, actor: CurrentAccount | null, runId: string, stopId: string, direction: 'up' | 'down'): Promise<boolean> {
  assertConcierge(actor);
  return inTransaction(db, async (trx) => {
    await lockRunPlanning(trx);
    const run = await plannedRunOf(trx, runId);
    const stops = await listStopsOfRuns(trx, [run.id]);
    const from = stops.findIndex((stop) => stop.id === stopId);
    if (from < 0) throw notFound();
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= stops.length) return false;
    const reordered = [...stops];
    [reordered[from], reordered[to]] = [reordered[to], reordered[from]];
    await rescheduleRun(trx, config, run, reordered, new Set([stopId]));
    return true;
  });
}

/** Times and legs of a run's stops in the order given; `lockNow` are the stops just placed by hand. */
async function rescheduleRun(trx: Trx, config: Config, run: Run, stops: readonly StopRow[], lockNow: ReadonlySet<string>): Promise<void> {
  const places = placeFacts(await listPlacesWithHours(trx));
  const depot = places.get([...places.values()].find((place) => place.kind === 'counter')?.id ?? '')?.point ?? { latitude: 43.5147, longitude: 4.9889 };
  const weekday = weekdayOfDate(run.runDate);
  const candidates: StopCandidate[] = stops.map((stop) => {
    const place = stop.placeId ? places.get(stop.placeId) : undefined;
    return {
      id: stop.id,
      key: stop.id,
      vehicleKind: run.vehicle.kind,
      placeId: stop.placeId,
      address: stop.address,
      orderIds: [],
      located: place?.point != null,
      point: place?.point ?? { latitude: 0, longitude: 0 },
      windows: place ? windowsOn(place.hours, weekday) : null,
      serviceMinutes: 5,
      load: {},
      lockedPosition: null,
    };
  });
  const timed = scheduleInOrder(candidates, vehicleProfile(run.vehicle), depot, minutesOfClock(run.windowOpens));
  await updateStopPlans(
    trx,
    timed.map((planned, position) => ({
      id: stops[position].id,
      position,
      locked: stops[position].locked || lockNow.has(stops[position].id),
      plannedArrivalAt: planned.arrivalMinutes === null ? null : (localToUtc(run.runDate, clockOfMinutes(planned.arrivalMinutes), config.timeZone) ?? null),
      legMetres: planned.legMetres,
    })),
  );
}

/**
 * Puts an order on another run of the same day (on the stop for its place or door, added at
 * the end when the run has none). Refused for a run of another day, a run that has left, or
 * a run the order would overfill. `fromRunId` is the run whose page the move was made on: an
 * order that is not on it is « not found », so a forged form cannot move an order it does not show.
 */
export async function moveOrderToRun(db: Db, config: Config, actor: CurrentAccount | null, orderId: string, runId: string, fromRunId?: string): Promise<void> {
  assertConcierge(actor);
  await inTransaction(db, async (trx) => {
    // the stops it reads are those a « Préparer » running now would write again
    await lockRunPlanning(trx);
    const [current] = await listDeliveryOrders(trx, [orderId]);
    if (!current) throw notFound();
    const sourceStop = await stopOf(trx, current.stopId);
    if (fromRunId !== undefined && sourceStop.runId !== fromRunId) throw notFound();
    // both runs held before their status is read: a run the driver starts meanwhile is not changed
    const runIds = [...new Set([runId, sourceStop.runId])];
    const held = await holdPlannedRuns(trx, { runIds });
    const target = await findRun(trx, runId);
    if (!target) throw notFound();
    const [order] = await ordersOnRuns(trx, [orderId]);
    const localDate = utcToLocal(order.slotStartAt, config.timeZone).date;
    if (target.runDate !== localDate) throw new DomainError('run_other_day', 'run');
    const from = await listStopsOfRuns(trx, [target.id]);
    const source = await findRun(trx, sourceStop.runId);
    if (target.status !== 'planned' || source?.status !== 'planned' || held !== runIds.length) throw new DomainError('run_already_left', 'run');
    if (target.id === source.id) return;
    const detail = (await detailsOf(trx, [target]))[0];
    const after = addLoads(detail.load, loadOfOrderLines(order.lines));
    if (!fitsIn(after, vehicleProfile(target.vehicle).capacity)) throw new DomainError('run_full', 'run');
    const key = stopKeyOf(order);
    const existing = from.find((stop) => (stop.placeId ? `place:${stop.placeId}` : stopKeyOf({ destination: 'home', placeId: '', deliveryAddress: stop.address })) === key);
    const stopId = existing?.id ?? (await addStop(trx, target.id, from.length, order));
    if (!(await moveDeliveryOrder(trx, orderId, stopId))) throw new DomainError('run_already_left', 'run');
    await dropEmptyStops(trx, current.stopId);
    await rescheduleRun(trx, config, target, await listStopsOfRuns(trx, [target.id]), new Set());
    await rescheduleRun(trx, config, source, await listStopsOfRuns(trx, [source.id]), new Set());
  });
}

async function stopOf(trx: Executor, stopId: string): Promise<StopRow> {
  const stop = await findStop(trx, stopId);
  if (!stop) throw notFound();
  return stop;
}

async function addStop(trx: Trx, runId: string, position: number, order: OrderForRun): Promise<string> {
  const id = newId();
  const home = order.destination === 'home';
  await insertStops(trx, [{ id, run_id: runId, position, place_id: home ? null : order.placeId, address: home ? order.deliveryAddress : null, locked: 0, planned_arrival_at: null, actual_arrival_at: null, leg_metres: null, created_at: nowIso() }]);
  return id;
}

async function dropEmptyStops(trx: Trx, stopId: string): Promise<void> {
  if ((await listDeliveryOrdersOfStops(trx, [stopId])).length === 0) await deleteStops(trx, [stopId]);
}

/** Gives a run to a driver (or takes it back with null); only someone who can drive. */
export async function assignDriver(db: Db, actor: CurrentAccount | null, runId: string, driverAccountId: string | null): Promise<void> {
  assertConcierge(actor);
  await inTransaction(db, async (trx) => {
    if (driverAccountId !== null) {
      const drivers = await listEnabledAccountsWithRoles(trx, DRIVER_ROLES);
      if (!drivers.some((driver) => driver.id === driverAccountId)) throw new DomainError('run_driver_unknown', 'driver');
    }
    if (await updateRunDriver(trx, runId, driverAccountId, nowIso())) return;
    // a run back at the counter keeps who drove it: said in French, not a missing page
    if (await findRun(trx, runId)) throw new DomainError('run_already_left', 'driver');
    throw notFound();
  });
}

