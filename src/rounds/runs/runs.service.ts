// Use cases of delivery runs: the runs of a date and one run in full (a driver reads only
// their own), and preparing a date's runs in one click (the concierge). Changes made by hand
// to a planned run are in runs.hand.service.ts.
import type { Config } from '../../config.ts';
import type { Db, Executor, Trx } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import { ordersForRuns, ordersOnRuns, type OrderForRun } from '../../orders/index.ts';
import { listPlacesWithHours, localToUtc, utcToLocal, type PlaceWithHours } from '../../places/index.ts';
import { assertConcierge, requireRole } from '../../platform/actor.ts';
import { listEnabledAccountsWithRoles, type Account } from '../../platform/auth/auth.repository.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { addLoads, fitsIn, type Load } from '../rounds.routing.rules.ts';
import { clockOfMinutes, minutesOfClock, weekdayOfDate } from '../rounds.rules.ts';
import { planVehicleRuns, stopCandidates, type DueOrder, type PlaceFacts, type PlannedVehicleRun } from './runs.plan.rules.ts';
import {
  deletePlannedRuns,
  deleteStopsWithOrders,
  findRun,
  insertDeliveryOrders,
  insertRun,
  insertStops,
  listDeliveryOrdersOfStops,
  listRunsOn,
  listStopsOfRuns,
  holdPlannedRuns,
  listVehicles,
  lockRunPlanning,
  reattachDeliveryOrders,
  updateRunWindow,
  type DeliveryOrderRow,
  type Run,
  type StopRow,
  type VehicleRow,
} from './runs.repository.ts';
import { loadOfOrderLines, vehicleProfile } from './runs.rules.ts';

export type { Run, VehicleRow } from './runs.repository.ts';

/** Who may drive a run: the drivers, and the concierge who sometimes drives. */
export const DRIVER_ROLES = ['driver', 'concierge'] as const;

export interface OrderOnStop extends OrderForRun {
  delivery: DeliveryOrderRow;
}

export interface StopView {
  id: string;
  /** 1, 2, 3… in the run. */
  number: number;
  placeId: string | null;
  /** The place's name, or the member's for a home. */
  name: string;
  address: string;
  phone: string | null;
  /** How the driver gets in (the place's notes); null for a home or when nothing was said. */
  accessNotes: string | null;
  /** A drop-off point: its orders are left there for the members to collect (« liste d'émargement »). */
  isDropOff: boolean;
  locked: boolean;
  plannedArrivalAt: string | null;
  actualArrivalAt: string | null;
  legMetres: number | null;
  orders: OrderOnStop[];
}

export interface RunDetail {
  run: Run;
  stops: StopView[];
  /** Known legs only (a home's are not): the way back to the counter is not counted. */
  metres: number;
  load: Load;
  overCapacity: boolean;
  orderCount: number;
}

export interface RunsDay {
  date: string;
  runs: RunDetail[];
  /** Orders due that day beyond the counter and on no run yet. */
  waitingCount: number;
  drivers: Account[];
}

// ---- reading ----

function canRead(actor: CurrentAccount, run: Run): boolean {
  return actor.role === 'concierge' || run.driverAccountId === actor.id;
}

/** A run in full; a driver gets only their own (another's is « not found »). */
export async function runDetail(db: Executor, actor: CurrentAccount | null, runId: string): Promise<RunDetail> {
  const reader = requireRole(actor, 'concierge', 'driver');
  const run = await findRun(db, runId);
  if (!run || !canRead(reader, run)) throw notFound();
  const [detail] = await detailsOf(db, [run]);
  return detail;
}

/** The runs of a date with their stops, orders waiting for a run, and who can drive: a fixed number of queries. */
export async function runsOn(db: Executor, actor: CurrentAccount | null, date: string): Promise<RunsDay> {
  assertConcierge(actor);
  const [runs, due, drivers] = await Promise.all([listRunsOn(db, date), ordersForRuns(db, date), listEnabledAccountsWithRoles(db, DRIVER_ROLES)]);
  const details = await detailsOf(db, runs);
  const onRuns = new Set(details.flatMap((detail) => detail.stops.flatMap((stop) => stop.orders.map((order) => order.orderId))));
  return { date, runs: details, waitingCount: due.filter((order) => !onRuns.has(order.orderId)).length, drivers };
}

export async function detailsOf(db: Executor, runs: readonly Run[]): Promise<RunDetail[]> {
  const stops = await listStopsOfRuns(db, runs.map((run) => run.id));
  const deliveries = await listDeliveryOrdersOfStops(db, stops.map((stop) => stop.id));
  const [orders, places] = await Promise.all([ordersOnRuns(db, deliveries.map((row) => row.orderId)), listPlacesWithHours(db)]);
  const placeById = new Map(places.map((place) => [place.id, place]));
  const deliveryOf = new Map(deliveries.map((row) => [row.orderId, row]));
  return runs.map((run) => {
    const ofRun = stops.filter((stop) => stop.runId === run.id);
    const views = ofRun.map((stop, index) => {
      const onStop = orders.filter((order) => deliveryOf.get(order.orderId)?.stopId === stop.id).map((order) => ({ ...order, delivery: deliveryOf.get(order.orderId)! }));
      return stopView(stop, index + 1, placeById, onStop);
    });
    const load = views.flatMap((stop) => stop.orders).reduce<Load>((sum, order) => addLoads(sum, loadOfOrderLines(order.lines)), {});
    return {
      run,
      stops: views,
      metres: views.reduce((sum, stop) => sum + (stop.legMetres ?? 0), 0),
      load,
      overCapacity: !fitsIn(load, vehicleProfile(run.vehicle).capacity),
      orderCount: views.reduce((sum, stop) => sum + stop.orders.length, 0),
    };
  });
}

function stopView(stop: StopRow, number: number, places: ReadonlyMap<string, PlaceWithHours>, orders: OrderOnStop[]): StopView {
  const place = stop.placeId ? places.get(stop.placeId) : undefined;
  const first = orders[0];
  return {
    id: stop.id,
    number,
    placeId: stop.placeId,
    name: place?.name ?? first?.memberName ?? '',
    address: place ? `${place.addressLine}, ${place.postalCode} ${place.city}` : (stop.address ?? ''),
    phone: place ? place.phone : (first?.memberPhone ?? null),
    accessNotes: place?.accessNotes ?? null,
    isDropOff: place !== undefined && place.kind !== 'company',
    locked: stop.locked,
    plannedArrivalAt: stop.plannedArrivalAt,
    actualArrivalAt: stop.actualArrivalAt,
    legMetres: stop.legMetres,
    orders,
  };
}

// ---- preparing ----

export interface Prepared {
  runCount: number;
  orderCount: number;
  /** Stops reached after their place closes. */
  lateCount: number;
  overCapacity: boolean;
}

export function placeFacts(places: readonly PlaceWithHours[]): Map<string, PlaceFacts> {
  return new Map(
    places.map((place) => [
      place.id,
      { id: place.id, kind: place.kind, name: place.name, hours: place.hours, point: place.latitude !== null && place.longitude !== null ? { latitude: place.latitude, longitude: place.longitude } : null },
    ]),
  );
}

function dueOrder(order: OrderForRun, timeZone: string): DueOrder {
  const window = { opensAt: minutesOfClock(utcToLocal(order.slotStartAt, timeZone).time), closesAt: minutesOfClock(utcToLocal(order.slotEndAt, timeZone).time) };
  return { orderId: order.orderId, destination: order.destination, placeId: order.placeId, deliveryAddress: order.deliveryAddress, slotMinutes: window, lines: order.lines };
}

/**
 * Builds (or builds again) the runs of `date` from the orders due beyond the counter: each
 * vehicle's stops ordered by the solver, stops placed by hand kept where they are, a second
 * run when the load does not fit. Runs that have left are not touched, nor their orders.
 */
export async function prepareRuns(db: Db, config: Config, actor: CurrentAccount | null, date: string): Promise<Prepared> {
  assertConcierge(actor);
  return inTransaction(db, async (trx) => {
    await lockRunPlanning(trx);
    await holdPlannedRuns(trx, { runDate: date });
    const [due, runs, vehicles, places] = await Promise.all([ordersForRuns(trx, date), listRunsOn(trx, date), listVehicles(trx), listPlacesWithHours(trx)]);
    const stops = await listStopsOfRuns(trx, runs.map((run) => run.id));
    const leftRunIds = new Set(runs.filter((run) => run.status !== 'planned').map((run) => run.id));
    const onLeftRuns = new Set(
      (await listDeliveryOrdersOfStops(trx, stops.filter((stop) => leftRunIds.has(stop.runId)).map((stop) => stop.id))).map((row) => row.orderId),
    );
    const toPlan = due.filter((order) => !onLeftRuns.has(order.orderId));
    if (toPlan.length === 0) throw new DomainError('run_nothing_due');
    const facts = placeFacts(places);
    const depot = facts.get(places.find((place) => place.kind === 'counter')?.id ?? '')?.point ?? { latitude: 43.5147, longitude: 4.9889 };
    const candidates = stopCandidates(
      toPlan.map((order) => dueOrder(order, config.timeZone)),
      facts,
      weekdayOfDate(date),
      lockedPositions(runs, stops),
    );
    const result: Prepared = { runCount: 0, orderCount: toPlan.length, lateCount: 0, overCapacity: false };
    // The stops of planned runs are written again; their orders' rows are kept (what was mailed stays known).
    const oldStopIds = stops.filter((stop) => !leftRunIds.has(stop.runId)).map((stop) => stop.id);
    const onRuns = new Set((await listDeliveryOrdersOfStops(trx, oldStopIds)).map((row) => row.orderId));
    const surplus: string[] = [];
    for (const kind of ['van', 'tricycle'] as const) {
      const ofKind = candidates.filter((candidate) => candidate.vehicleKind === kind);
      const vehicle = vehicles.find((row) => row.kind === kind);
      const planned = runs.filter((run) => run.vehicle.kind === kind && run.status === 'planned');
      if (ofKind.length > 0 && !vehicle) throw new DomainError('run_no_vehicle');
      const plan = vehicle && ofKind.length > 0 ? planVehicleRuns(ofKind, vehicleProfile(vehicle), depot) : [];
      const numbers = runs.filter((run) => run.vehicle.kind === kind).map((run) => run.number);
      surplus.push(...(await writeVehicleRuns(trx, config, { date, vehicle, planned, numbers, plan, onRuns })));
      result.runCount += plan.length;
      result.lateCount += plan.reduce((sum, run) => sum + run.stops.filter((stop) => stop.late).length, 0);
      result.overCapacity ||= plan.some((run) => run.overCapacity);
    }
    // what is left on the old stops is no longer due (cancelled, moved to another day)
    await deleteStopsWithOrders(trx, oldStopIds);
    await deletePlannedRuns(trx, surplus);
    return result;
  });
}

/** key → position in its vehicle's tour (runs in number order, located stops only) of every stop placed by hand. */
function lockedPositions(runs: readonly Run[], stops: readonly StopRow[]): Map<string, number> {
  const locks = new Map<string, number>();
  for (const kind of ['van', 'tricycle'] as const) {
    const ofKind = runs.filter((run) => run.vehicle.kind === kind && run.status === 'planned').sort((a, b) => a.number - b.number);
    const tour = ofKind.flatMap((run) => stops.filter((stop) => stop.runId === run.id && stop.placeId !== null));
    tour.forEach((stop, position) => {
      if (stop.locked) locks.set(`place:${stop.placeId}`, position);
    });
  }
  return locks;
}

interface VehicleWrite {
  date: string;
  vehicle: VehicleRow | undefined;
  planned: readonly Run[];
  /** Numbers already taken that day by this vehicle's runs. */
  numbers: readonly number[];
  plan: readonly PlannedVehicleRun[];
  /** Orders already on a planned run: their row moves to the new stop. */
  onRuns: ReadonlySet<string>;
}

/** Planned runs are reused in number order (keeping their driver), extra ones created; returns the runs no longer needed. */
async function writeVehicleRuns(trx: Trx, config: Config, write: VehicleWrite): Promise<string[]> {
  const at = nowIso();
  const planned = [...write.planned].sort((a, b) => a.number - b.number);
  let nextNumber = Math.max(0, ...write.numbers) + 1;
  for (const [index, vehicleRun] of write.plan.entries()) {
    const window = { opens: clockOfMinutes(vehicleRun.departureMinutes), closes: clockOfMinutes(vehicleRun.returnMinutes) };
    let runId = planned[index]?.id;
    if (runId) await updateRunWindow(trx, runId, window, at);
    else {
      runId = newId();
      await insertRun(trx, {
        id: runId,
        run_date: write.date,
        vehicle_id: write.vehicle!.id,
        number: nextNumber++,
        driver_account_id: planned[0]?.driverAccountId ?? null,
        status: 'planned',
        window_opens: window.opens,
        window_closes: window.closes,
        started_at: null,
        finished_at: null,
        created_at: at,
        updated_at: at,
      });
    }
    await writeStops(trx, config, { date: write.date, runId, at, onRuns: write.onRuns }, vehicleRun.stops);
  }
  return planned.slice(write.plan.length).map((run) => run.id);
}

async function writeStops(trx: Trx, config: Config, where: { date: string; runId: string; at: string; onRuns: ReadonlySet<string> }, stops: PlannedVehicleRun['stops']): Promise<void> {
  const { date, runId, at } = where;
  const rows = stops.map((planned, position) => ({
    id: newId(),
    run_id: runId,
    position,
    place_id: planned.candidate.placeId,
    address: planned.candidate.address,
    locked: planned.candidate.lockedPosition !== null ? 1 : 0,
    planned_arrival_at: planned.arrivalMinutes === null ? null : (localToUtc(date, clockOfMinutes(planned.arrivalMinutes), config.timeZone) ?? null),
    actual_arrival_at: null,
    leg_metres: planned.legMetres,
    created_at: at,
  }));
  await insertStops(trx, rows);
  const placed = rows.flatMap((row, index) => stops[index].candidate.orderIds.map((orderId) => ({ orderId, stopId: row.id })));
  await reattachDeliveryOrders(trx, placed.filter((row) => where.onRuns.has(row.orderId)));
  await insertDeliveryOrders(trx, placed.filter((row) => !where.onRuns.has(row.orderId)));
}
