// All SQL of the town's figures. The live queries read one month of one table each, through
// an index on its date; the roll-up tables are read for a whole period at once.
// pg answers count, sum and bigint as strings: every number is converted here.
import { sql } from 'kysely';
import type { Executor } from '../db/index.ts';
import type { Measure, Month, MonthFigure } from './reports.rules.ts';

/** A month as UTC instants [startAt, nextAt) and as local dates [startDate, nextDate). */
export interface MonthRange {
  startAt: string;
  nextAt: string;
  startDate: string;
  nextDate: string;
  /** 12 months before nextAt: the window of « active » members */
  activeFromAt: string;
}

const num = (value: unknown): number => Number(value ?? 0);

export async function countMembersCreated(db: Executor, fromAt: string, toAt: string): Promise<number> {
  const row = await db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).where('created_at', '>=', fromAt).where('created_at', '<', toAt).executeTakeFirst();
  return num(row?.n);
}

export async function countMembersBefore(db: Executor, at: string): Promise<number> {
  const row = await db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).where('created_at', '<', at).executeTakeFirst();
  return num(row?.n);
}

/** Residents who placed an order (not cancelled) in [fromAt, toAt). */
export async function countOrderingMembers(db: Executor, fromAt: string, toAt: string): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select(sql<number>`count(distinct member_id)`.as('n'))
    .where('placed_at', '>=', fromAt)
    .where('placed_at', '<', toAt)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();
  return num(row?.n);
}

/** Local shops (not providers) that joined in [fromAt, toAt). */
export async function countShopsJoined(db: Executor, fromAt: string, toAt: string): Promise<number> {
  const row = await db
    .selectFrom('shops')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('kind', '=', 'shop')
    .where('joined_at', '>=', fromAt)
    .where('joined_at', '<', toAt)
    .executeTakeFirst();
  return num(row?.n);
}

export async function ordersByChannel(db: Executor, fromAt: string, toAt: string): Promise<Array<{ channel: string; count: number }>> {
  const rows = await db
    .selectFrom('orders')
    .select(['channel', (eb) => eb.fn.countAll().as('n')])
    .where('placed_at', '>=', fromAt)
    .where('placed_at', '<', toAt)
    .where('status', '!=', 'cancelled')
    .groupBy('channel')
    .execute();
  return rows.map((row) => ({ channel: row.channel, count: num(row.n) }));
}

/** The purchase orders handed over in the month: what the ledger posts as the shops' sales, at the same instant. */
function handedOver(db: Executor, range: MonthRange) {
  return db
    .selectFrom('purchase_orders as po')
    .innerJoin('shops as s', 's.id', 'po.shop_id')
    .where('po.status', '=', 'handed_over')
    .where('po.updated_at', '>=', range.startAt)
    .where('po.updated_at', '<', range.nextAt);
}

export interface HandOverSum {
  shopKind: string;
  category: string;
  channel: string;
  destinationKind: string;
  placeKind: string;
  cents: number;
}

export async function handOverSums(db: Executor, range: MonthRange): Promise<HandOverSum[]> {
  const rows = await handedOver(db, range)
    .innerJoin('orders as o', 'o.id', 'po.order_id')
    .innerJoin('places as p', 'p.id', 'o.place_id')
    .select(['s.kind', 's.category_code', 'o.channel', 'o.destination_kind', 'p.kind as place_kind', (eb) => eb.fn.sum<number>('po.total_cents').as('cents')])
    .groupBy(['s.kind', 's.category_code', 'o.channel', 'o.destination_kind', 'p.kind'])
    .execute();
  return rows.map((row) => ({ shopKind: row.kind, category: row.category_code, channel: row.channel, destinationKind: row.destination_kind, placeKind: row.place_kind, cents: num(row.cents) }));
}

/** Shops that handed something over in the month, and orders with goods handed over. */
export async function handOverCounts(db: Executor, range: MonthRange): Promise<{ shops: number; goodsOrders: number }> {
  const [shops, goods] = await Promise.all([
    handedOver(db, range).select(sql<number>`count(distinct po.shop_id)`.as('n')).executeTakeFirst(),
    handedOver(db, range).select(sql<number>`count(distinct po.order_id)`.as('n')).where('s.kind', '!=', 'provider').executeTakeFirst(),
  ]);
  return { shops: num(shops?.n), goodsOrders: num(goods?.n) };
}

/** Delivery runs dated in the month and the metres of their legs, by vehicle name. */
export async function runsByVehicle(db: Executor, range: MonthRange): Promise<Array<{ vehicle: string; runs: number; metres: number }>> {
  const inMonth = db
    .selectFrom('delivery_runs as r')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .where('r.run_date', '>=', range.startDate)
    .where('r.run_date', '<', range.nextDate);
  const [runs, metres] = await Promise.all([
    inMonth.select(['v.name', (eb) => eb.fn.countAll().as('n')]).groupBy('v.name').execute(),
    inMonth.innerJoin('delivery_stops as st', 'st.run_id', 'r.id').select(['v.name', (eb) => eb.fn.sum<number>('st.leg_metres').as('m')]).groupBy('v.name').execute(),
  ]);
  const metresOf = new Map(metres.map((row) => [row.name, num(row.m)]));
  return runs.map((row) => ({ vehicle: row.name, runs: num(row.n), metres: metresOf.get(row.name) ?? 0 }));
}

export async function requestsByKind(db: Executor, fromAt: string, toAt: string): Promise<Array<{ kind: string; count: number }>> {
  const rows = await db
    .selectFrom('service_requests')
    .select(['kind', (eb) => eb.fn.countAll().as('n')])
    .where('created_at', '>=', fromAt)
    .where('created_at', '<', toAt)
    .groupBy('kind')
    .execute();
  return rows.map((row) => ({ kind: row.kind, count: num(row.n) }));
}

// ---- what stands now (small tables, read live) ----

/** Local shops (providers apart) by stage, now. */
export async function shopsByStage(db: Executor): Promise<Array<{ stage: string; count: number }>> {
  const rows = await db.selectFrom('shops').select(['stage', (eb) => eb.fn.countAll().as('n')]).where('kind', '=', 'shop').groupBy('stage').execute();
  return rows.map((row) => ({ stage: row.stage, count: num(row.n) }));
}

/** Service requests by kind and status, now. */
export async function requestsByKindAndStatus(db: Executor): Promise<Array<{ kind: string; status: string; count: number }>> {
  const rows = await db.selectFrom('service_requests').select(['kind', 'status', (eb) => eb.fn.countAll().as('n')]).groupBy(['kind', 'status']).execute();
  return rows.map((row) => ({ kind: row.kind, status: row.status, count: num(row.n) }));
}

export async function categoryLabels(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('categories').select(['code', 'label']).execute();
  return new Map(rows.map((row) => [row.code, row.label]));
}

/** The earliest instant the town's figures start from: the first member or order; undefined on an empty town. */
export async function firstActivityAt(db: Executor): Promise<string | undefined> {
  const [members, orders] = await Promise.all([
    db.selectFrom('members').select((eb) => eb.fn.min<string>('created_at').as('at')).executeTakeFirst(),
    db.selectFrom('orders').select((eb) => eb.fn.min<string>('placed_at').as('at')).executeTakeFirst(),
  ]);
  const ats = [members?.at, orders?.at].filter((at): at is string => Boolean(at));
  return ats.sort()[0];
}

// ---- the roll-up tables ----

export async function rolledMonthsBetween(db: Executor, fromMonth: Month, toMonth: Month): Promise<Set<Month>> {
  const rows = await db.selectFrom('report_rolled_months').select('month').where('month', '>=', fromMonth).where('month', '<=', toMonth).execute();
  return new Set(rows.map((row) => row.month));
}

export async function readRolledFigures(db: Executor, fromMonth: Month, toMonth: Month): Promise<MonthFigure[]> {
  const rows = await db.selectFrom('report_months').select(['month', 'measure', 'key', 'value']).where('month', '>=', fromMonth).where('month', '<=', toMonth).execute();
  return rows.map((row) => ({ month: row.month, measure: row.measure as Measure, key: row.key, value: num(row.value) }));
}

/** Rows inserted per statement: well under SQLite's limit of bound parameters. */
const INSERT_BATCH = 200;

/** Replaces every figure of one month and marks it rolled up; the caller's transaction makes it one change. */
export async function replaceMonthFigures(trx: Executor, month: Month, figures: readonly MonthFigure[], at: string): Promise<void> {
  await trx.deleteFrom('report_months').where('month', '=', month).execute();
  for (let index = 0; index < figures.length; index += INSERT_BATCH) {
    const rows = figures.slice(index, index + INSERT_BATCH).map((figure) => ({ month, measure: figure.measure, key: figure.key, value: figure.value }));
    await trx.insertInto('report_months').values(rows).execute();
  }
  await trx.deleteFrom('report_rolled_months').where('month', '=', month).execute();
  await trx.insertInto('report_rolled_months').values({ month, rolled_at: at }).execute();
}
