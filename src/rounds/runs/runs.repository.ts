// All SQL of delivery runs: vehicles, runs, their stops and the orders each stop carries.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { Database } from '../../db/schema.ts';
import type { Outcome, RunStatus, VehicleKind } from './runs.rules.ts';

export interface VehicleRow {
  id: string;
  kind: VehicleKind;
  name: string;
  volumeUnits: number;
  weightGrams: number;
}

export interface Run {
  id: string;
  runDate: string;
  vehicle: VehicleRow;
  number: number;
  driverAccountId: string | null;
  driverName: string | null;
  status: RunStatus;
  windowOpens: string;
  windowCloses: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface StopRow {
  id: string;
  runId: string;
  position: number;
  placeId: string | null;
  address: string | null;
  locked: boolean;
  plannedArrivalAt: string | null;
  actualArrivalAt: string | null;
  legMetres: number | null;
}

export interface DeliveryOrderRow {
  orderId: string;
  stopId: string;
  outcome: Outcome | null;
  recipientName: string | null;
  refusalReason: string | null;
  paymentMethod: string | null;
  recordedAt: string | null;
  recordedByAccountId: string | null;
  settledAt: string | null;
}

export async function listVehicles(db: Executor): Promise<VehicleRow[]> {
  const rows = await db.selectFrom('vehicles').selectAll().orderBy('kind').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind as VehicleKind, name: row.name, volumeUnits: row.volume_units, weightGrams: row.weight_grams }));
}

/**
 * Makes the transaction that plans runs wait for any other one doing the same: a write to the
 * vehicles' rows holds their row locks until commit on PostgreSQL (SQLite runs one writer at a
 * time anyway). Two « Préparer » sent together then run one after the other, the second seeing
 * the runs the first wrote, instead of both inserting the same run numbers and stops.
 */
export async function lockRunPlanning(db: Executor): Promise<void> {
  await db.updateTable('vehicles').set({ kind: sql`kind` }).execute();
}

function runQuery(db: Executor) {
  return db
    .selectFrom('delivery_runs as r')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .leftJoin('accounts as a', 'a.id', 'r.driver_account_id')
    .select([
      'r.id',
      'r.run_date',
      'r.number',
      'r.driver_account_id',
      'r.status',
      'r.window_opens',
      'r.window_closes',
      'r.started_at',
      'r.finished_at',
      'v.id as vehicle_id',
      'v.kind as vehicle_kind',
      'v.name as vehicle_name',
      'v.volume_units',
      'v.weight_grams',
      'a.display_name as driver_name',
    ]);
}

type RunQueryRow = Awaited<ReturnType<ReturnType<typeof runQuery>['executeTakeFirstOrThrow']>>;

function toRun(row: RunQueryRow): Run {
  return {
    id: row.id,
    runDate: row.run_date,
    vehicle: { id: row.vehicle_id, kind: row.vehicle_kind as VehicleKind, name: row.vehicle_name, volumeUnits: row.volume_units, weightGrams: row.weight_grams },
    number: row.number,
    driverAccountId: row.driver_account_id,
    driverName: row.driver_name,
    status: row.status as RunStatus,
    windowOpens: row.window_opens,
    windowCloses: row.window_closes,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** The runs of a date, the van first, then by number. */
export async function listRunsOn(db: Executor, runDate: string): Promise<Run[]> {
  const rows = await runQuery(db).where('r.run_date', '=', runDate).orderBy('v.kind', 'desc').orderBy('r.number').execute();
  return rows.map(toRun);
}

/** A driver's runs between two dates (inclusive), latest first. */
export async function listRunsOfDriver(db: Executor, accountId: string, fromDate: string, toDate: string): Promise<Run[]> {
  const rows = await runQuery(db)
    .where('r.driver_account_id', '=', accountId)
    .where('r.run_date', '>=', fromDate)
    .where('r.run_date', '<=', toDate)
    .orderBy('r.run_date', 'desc')
    .orderBy('r.window_opens')
    .execute();
  return rows.map(toRun);
}

export async function findRun(db: Executor, id: string): Promise<Run | undefined> {
  const row = await runQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row ? toRun(row) : undefined;
}

export async function insertRun(db: Executor, row: Insertable<Database['delivery_runs']>): Promise<void> {
  await db.insertInto('delivery_runs').values(row).execute();
}

/**
 * Touches the planned runs named (by date or by id), which takes their row locks: a run the
 * driver is starting right now is waited for, then no longer counted as planned. Returns how
 * many are planned and now held until commit, so a plan is never written onto a run that left.
 */
export async function holdPlannedRuns(db: Executor, which: { runDate: string } | { runIds: readonly string[] }): Promise<number> {
  // a write that changes nothing: the lock without a trace (a refused move leaves the row as it was)
  let query = db.updateTable('delivery_runs').set({ status: sql`status` }).where('status', '=', 'planned');
  if ('runDate' in which) query = query.where('run_date', '=', which.runDate);
  else if (which.runIds.length === 0) return 0;
  else query = query.where('id', 'in', [...which.runIds]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updateRunWindow(db: Executor, id: string, window: { opens: string; closes: string }, at: string): Promise<void> {
  await db.updateTable('delivery_runs').set({ window_opens: window.opens, window_closes: window.closes, updated_at: at }).where('id', '=', id).where('status', '=', 'planned').execute();
}

export async function updateRunDriver(db: Executor, id: string, driverAccountId: string | null, at: string): Promise<boolean> {
  // a run on its way keeps its driver: another one would find it gone from their phone mid-run
  const result = await db.updateTable('delivery_runs').set({ driver_account_id: driverAccountId, updated_at: at }).where('id', '=', id).where('status', '=', 'planned').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The one conditional update of a run's status (runs.service.ts `moveRun`). */
export async function updateRunStatus(db: Executor, id: string, from: readonly RunStatus[], to: RunStatus, at: string): Promise<boolean> {
  if (from.length === 0) return false;
  const stamp = to === 'under_way' ? { started_at: at } : to === 'finished' ? { finished_at: at } : {};
  const result = await db
    .updateTable('delivery_runs')
    .set({ status: to, updated_at: at, ...stamp })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Planned runs only: a run that has left keeps what it carries. */
export async function deletePlannedRuns(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const stops = db.selectFrom('delivery_stops').select('id').where('run_id', 'in', [...ids]);
  await db.deleteFrom('delivery_orders').where('stop_id', 'in', stops).execute();
  await db.deleteFrom('delivery_stops').where('run_id', 'in', [...ids]).execute();
  await db.deleteFrom('delivery_runs').where('id', 'in', [...ids]).where('status', '=', 'planned').execute();
}

/** Old stops of planned runs once written again, with the orders still on them (no longer due). */
export async function deleteStopsWithOrders(db: Executor, stopIds: readonly string[]): Promise<void> {
  if (stopIds.length === 0) return;
  await db.deleteFrom('delivery_orders').where('stop_id', 'in', [...stopIds]).where('outcome', 'is', null).execute();
  await db.deleteFrom('delivery_stops').where('id', 'in', [...stopIds]).execute();
}

/** Moves orders' rows to their new stops in one statement; only rows with nothing recorded. */
export async function reattachDeliveryOrders(db: Executor, rows: ReadonlyArray<{ orderId: string; stopId: string }>): Promise<void> {
  if (rows.length === 0) return;
  const stopOf = sql<string>`case ${sql.join(rows.map((row) => sql`when order_id = ${row.orderId} then ${row.stopId}`), sql` `)} end`;
  await db
    .updateTable('delivery_orders')
    .set({ stop_id: stopOf })
    .where('order_id', 'in', rows.map((row) => row.orderId))
    .where('outcome', 'is', null)
    .execute();
}

function toStop(row: Selectable<Database['delivery_stops']>): StopRow {
  return {
    id: row.id,
    runId: row.run_id,
    position: row.position,
    placeId: row.place_id,
    address: row.address,
    locked: row.locked === 1,
    plannedArrivalAt: row.planned_arrival_at,
    actualArrivalAt: row.actual_arrival_at,
    legMetres: row.leg_metres,
  };
}

export async function listStopsOfRuns(db: Executor, runIds: readonly string[]): Promise<StopRow[]> {
  if (runIds.length === 0) return [];
  const rows = await db.selectFrom('delivery_stops').selectAll().where('run_id', 'in', [...runIds]).orderBy('run_id').orderBy('position').execute();
  return rows.map(toStop);
}

export async function findStop(db: Executor, id: string): Promise<StopRow | undefined> {
  const row = await db.selectFrom('delivery_stops').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStop(row) : undefined;
}

export async function insertStops(db: Executor, rows: ReadonlyArray<Insertable<Database['delivery_stops']>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('delivery_stops').values([...rows]).execute();
}

export interface StopPlan {
  id: string;
  position: number;
  locked: boolean;
  plannedArrivalAt: string | null;
  legMetres: number | null;
}

/** A run's stops in their new order, with their times and legs: one statement for the whole run. */
export async function updateStopPlans(db: Executor, plans: readonly StopPlan[]): Promise<void> {
  if (plans.length === 0) return;
  // each value cast to its column's type: PostgreSQL reads a bare parameter in a CASE as text
  const byId = (type: 'integer' | 'text', value: (plan: StopPlan) => number | string | null) =>
    sql<never>`case ${sql.join(plans.map((plan) => sql`when id = ${plan.id} then cast(${value(plan)} as ${sql.raw(type)})`), sql` `)} end`;
  await db
    .updateTable('delivery_stops')
    .set({
      position: byId('integer', (plan) => plan.position),
      locked: byId('integer', (plan) => (plan.locked ? 1 : 0)),
      planned_arrival_at: byId('text', (plan) => plan.plannedArrivalAt),
      leg_metres: byId('integer', (plan) => plan.legMetres),
    })
    .where('id', 'in', plans.map((plan) => plan.id))
    .execute();
}

/** The first record at a stop is when the driver got there. */
export async function markStopReached(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('delivery_stops').set({ actual_arrival_at: at }).where('id', '=', id).where('actual_arrival_at', 'is', null).execute();
}

export async function deleteStops(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('delivery_stops').where('id', 'in', [...ids]).execute();
}

function toDeliveryOrder(row: Selectable<Database['delivery_orders']>): DeliveryOrderRow {
  return {
    orderId: row.order_id,
    stopId: row.stop_id,
    outcome: row.outcome as Outcome | null,
    recipientName: row.recipient_name,
    refusalReason: row.refusal_reason,
    paymentMethod: row.payment_method,
    recordedAt: row.recorded_at,
    recordedByAccountId: row.recorded_by_account_id,
    settledAt: row.settled_at,
  };
}

export async function listDeliveryOrdersOfStops(db: Executor, stopIds: readonly string[]): Promise<DeliveryOrderRow[]> {
  if (stopIds.length === 0) return [];
  const rows = await db.selectFrom('delivery_orders').selectAll().where('stop_id', 'in', [...stopIds]).orderBy('order_id').execute();
  return rows.map(toDeliveryOrder);
}

/** Which of these orders already travel on a run, and on which stop. */
export async function listDeliveryOrders(db: Executor, orderIds: readonly string[]): Promise<DeliveryOrderRow[]> {
  if (orderIds.length === 0) return [];
  const rows = await db.selectFrom('delivery_orders').selectAll().where('order_id', 'in', [...orderIds]).execute();
  return rows.map(toDeliveryOrder);
}

export async function insertDeliveryOrders(db: Executor, rows: ReadonlyArray<{ orderId: string; stopId: string }>): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('delivery_orders')
    .values(rows.map((row) => ({ order_id: row.orderId, stop_id: row.stopId })))
    .execute();
}

/** Puts an order on another stop; only while nothing was recorded for it. */
export async function moveDeliveryOrder(db: Executor, orderId: string, stopId: string): Promise<boolean> {
  const result = await db.updateTable('delivery_orders').set({ stop_id: stopId }).where('order_id', '=', orderId).where('outcome', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countOrdersOfStops(db: Executor, stopIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(stopIds.map((id) => [id, 0]));
  if (stopIds.length === 0) return counts;
  const rows = await db
    .selectFrom('delivery_orders')
    .select(['stop_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('stop_id', 'in', [...stopIds])
    .groupBy('stop_id')
    .execute();
  for (const row of rows) counts.set(row.stop_id, Number(row.n));
  return counts;
}
