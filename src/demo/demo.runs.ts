// Delivery runs of the demo town. The year behind: one finished run per day the history
// handed over orders beyond the counter — the van at the business park on Friday and at the
// foyer of Entressen on Wednesday, the tricycle at the residences — with its stops, legs from
// the counter, planned and actual arrivals, and each order's outcome, settled: delivered at
// the park, left at a drop-off point for its list, or absent and back at the counter. They are
// built from the orders already told (demo.orders.history.ts, demo.runs.orders.ts), never
// from orders without goods, and written in bulk. The days ahead: the runs of every date with
// orders due beyond the counter are prepared by the real use case and given to the driver.
import type { Insertable } from 'kysely';
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/index.ts';
import type { Database, OrderEventsTable, PlaceOpeningHoursTable } from '../db/schema.ts';
import { localToUtc } from '../places/index.ts';
import { DomainError } from '../platform/errors.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { assignDriver, distanceMetres, prepareRuns, runsOn } from '../rounds/index.ts';
import type { DemoMemberRow } from './demo.destinations.ts';
import type { DemoOrders } from './demo.orders.ts';
import { plusMinutes, weekdayOf } from './demo.orders.context.ts';
import type { DemoPlaceRow } from './demo.places.ts';
import { Random, SeededIds } from './demo.random.ts';
import { insertRows } from './demo.repository.ts';
import { ABSENT_NOTE } from './demo.runs.orders.ts';

type Outcome = 'delivered' | 'dropped' | 'absent';
type OrderRow = DemoOrders['orders'][number];

/** The conciergerie's two vehicles, as migration 0027 registers them. */
const VEHICLE_OF_KIND: Readonly<Record<string, 'vehicle-van' | 'vehicle-tricycle'>> = {
  company: 'vehicle-van',
  community_centre: 'vehicle-van',
  residence: 'vehicle-tricycle',
};
const OPEN_STATUSES = ['placed', 'preparing', 'ready', 'partially_handed_over'];
/** A wrong tap can be taken back for five minutes (runs.rules.ts UNDO_MINUTES); then the outcome is settled. */
const SETTLED_AFTER_MINUTES = 5;

export interface RunsInput {
  orders: DemoOrders;
  places: { places: readonly DemoPlaceRow[]; hours: readonly PlaceOpeningHoursTable[] };
  members: readonly DemoMemberRow[];
  /** The seeding day, local date: runs before it are finished. */
  today: string;
  timeZone: string;
}

interface Carried {
  order: OrderRow;
  place: DemoPlaceRow;
  outcome: Outcome;
  /** When the outcome happened: the hand-over at the park, the drop at arrival, the missed door. */
  at: string | null;
}

export interface PastRuns {
  runs: Array<Insertable<Database['delivery_runs']>>;
  stops: Array<Insertable<Database['delivery_stops']>>;
  deliveries: Array<Insertable<Database['delivery_orders']>>;
}

/** The past orders each run carried: handed over at a place beyond the counter, or missed there. */
function carriedOrders(input: RunsInput): Carried[] {
  const placeById = new Map(input.places.places.map((place) => [place.id, place]));
  const company = input.places.places.find((place) => place.kind === 'company')!;
  const carried: Carried[] = [];
  for (const order of input.orders.orders) {
    const place = placeById.get(order.place_id)!;
    if (order.status !== 'handed_over' || order.slot_local_date >= input.today || !VEHICLE_OF_KIND[place.kind]) continue;
    carried.push({ order, place, outcome: place.kind === 'company' ? 'delivered' : 'dropped', at: place.kind === 'company' ? (order.closed_at ?? null) : null });
  }
  const orderById = new Map(input.orders.orders.map((order) => [order.id, order]));
  for (const event of input.orders.events.filter((row: OrderEventsTable) => row.kind === 'counter' && row.note === ABSENT_NOTE)) {
    carried.push({ order: orderById.get(event.order_id)!, place: company, outcome: 'absent', at: event.at });
  }
  return carried;
}

function hoursOn(input: RunsInput, place: DemoPlaceRow, date: string): { opens: string; closes: string } {
  const ranges = input.places.hours.filter((range) => range.place_id === place.id && range.weekday === weekdayOf(date));
  return { opens: ranges[0]?.opens_at ?? '09:00', closes: ranges.at(-1)?.closes_at ?? '12:00' };
}

function clockMinus(clock: string, minutes: number): string {
  const total = Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5)) - minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** A year of finished runs, one per day and vehicle, from the orders already told. */
export function buildPastRuns(input: RunsInput, driverAccountId: string | null): PastRuns {
  const random = new Random('runs:past');
  const runIds = new SeededIds('runs');
  const stopIds = new SeededIds('run-stops');
  const counter = input.places.places.find((place) => place.kind === 'counter')!;
  const names = new Map(input.members.map((member) => [member.id, `${member.first_name} ${member.last_name}`]));
  const methods = new Map(input.orders.payments.map((payment) => [payment.order_id, payment.method]));
  const groups = new Map<string, Carried[]>();
  for (const item of carriedOrders(input)) {
    const key = `${item.order.slot_local_date}|${VEHICLE_OF_KIND[item.place.kind]}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const result: PastRuns = { runs: [], stops: [], deliveries: [] };
  for (const [key, items] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [date, vehicleId] = key.split('|');
    const places = [...new Set(items.map((item) => item.place))].sort((a, b) => hoursOn(input, a, date).opens.localeCompare(hoursOn(input, b, date).opens));
    const first = hoursOn(input, places[0], date);
    const last = hoursOn(input, places.at(-1)!, date);
    const startedAt = localToUtc(date, clockMinus(first.opens, 30), input.timeZone)!;
    const runId = runIds.next(startedAt);
    let previous = { latitude: counter.latitude!, longitude: counter.longitude! };
    let lastAt = startedAt;
    places.forEach((place, position) => {
      const ofPlace = items.filter((item) => item.place === place);
      const plannedAt = localToUtc(date, hoursOn(input, place, date).opens, input.timeZone)!;
      // The van is there a little early or late, but before anyone took an order from it.
      const earliest = ofPlace.map((item) => item.at ?? item.order.closed_at!).sort()[0];
      const actualAt = [plusMinutes(plannedAt, random.int(-5, 8)), plusMinutes(earliest, -1)].sort()[0];
      const point = { latitude: place.latitude!, longitude: place.longitude! };
      const stopId = stopIds.next(actualAt);
      result.stops.push({ id: stopId, run_id: runId, position, place_id: place.id, address: null, locked: 0, planned_arrival_at: plannedAt, actual_arrival_at: actualAt, leg_metres: Math.round(distanceMetres(previous, point)), created_at: startedAt });
      previous = point;
      for (const item of ofPlace) {
        const recordedAt = item.at ?? actualAt;
        lastAt = [lastAt, recordedAt].sort().at(-1)!;
        result.deliveries.push({
          order_id: item.order.id,
          stop_id: stopId,
          outcome: item.outcome,
          recipient_name: item.outcome === 'delivered' ? (names.get(item.order.member_id) ?? null) : null,
          refusal_reason: null,
          payment_method: item.outcome === 'delivered' ? (methods.get(item.order.id) ?? null) : null,
          recorded_at: recordedAt,
          recorded_by_account_id: driverAccountId,
          settled_at: plusMinutes(recordedAt, SETTLED_AFTER_MINUTES),
        });
      }
    });
    const finishedAt = plusMinutes(lastAt, 30);
    result.runs.push({
      id: runId,
      run_date: date,
      vehicle_id: vehicleId,
      number: 1,
      driver_account_id: driverAccountId,
      status: 'finished',
      window_opens: clockMinus(first.opens, 30),
      window_closes: clockMinus(last.closes, -30),
      started_at: startedAt,
      finished_at: finishedAt,
      created_at: plusMinutes(startedAt, -24 * 60),
      updated_at: finishedAt,
    });
  }
  return result;
}

export async function insertPastRuns(trx: Executor, runs: PastRuns): Promise<void> {
  await insertRows(trx, 'delivery_runs', runs.runs);
  await insertRows(trx, 'delivery_stops', runs.stops);
  await insertRows(trx, 'delivery_orders', runs.deliveries);
}

/** The dates ahead with orders due beyond the counter (a drop-off point, a company, a home). */
export function liveRunDates(input: RunsInput): string[] {
  const beyond = new Set(input.places.places.filter((place) => VEHICLE_OF_KIND[place.kind]).map((place) => place.id));
  const due = input.orders.orders.filter(
    (order) => OPEN_STATUSES.includes(order.status ?? '') && order.slot_local_date >= input.today && (beyond.has(order.place_id) || order.destination_kind === 'home'),
  );
  return [...new Set(due.map((order) => order.slot_local_date))].sort();
}

/** Prepares the runs of those dates as the concierge's « Préparer les tournées » does, and gives each to the driver. */
export async function prepareLiveRuns(db: Db, config: Config, concierge: CurrentAccount, driverAccountId: string | null, dates: readonly string[]): Promise<number> {
  let count = 0;
  for (const date of dates) {
    try {
      await prepareRuns(db, config, concierge, date);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'run_nothing_due')) throw error;
    }
    const { runs } = await runsOn(db, concierge, date);
    for (const { run } of runs) if (driverAccountId) await assignDriver(db, concierge, run.id, driverAccountId);
    count += runs.length;
  }
  return count;
}
