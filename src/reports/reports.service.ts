// Use cases of the town's figures: computing one month from the day-to-day tables, rolling it
// up (the job and the demo), and reading a period for the dashboard — rolled-up months from
// their tables, the open month (or any month not rolled up yet) live with the same queries.
import type { Config } from '../config.ts';
import { inTransaction, type Db, type Executor } from '../db/index.ts';
import { requireRole } from '../platform/actor.ts';
import { localDateOf, localToUtc } from '../platform/calendar.ts';
import { nowIso } from '../platform/clock.ts';
import { t } from '../platform/i18n/index.ts';
import type { Job } from '../platform/jobs.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { moneyPerPeriod } from '../settlement/index.ts';
import {
  countMembersBefore,
  countMembersCreated,
  countOrderingMembers,
  countShopsJoined,
  firstActivityAt,
  handOverCounts,
  handOverSums,
  ordersByChannel,
  readRolledFigures,
  replaceMonthFigures,
  requestsByKind,
  rolledMonthsBetween,
  runsByVehicle,
  type HandOverSum,
  type MonthRange,
} from './reports.repository.ts';
import { addMonths, destinationOf, monthBounds, monthsOf, type Measure, type Month, type MonthFigure, type MonthPeriod } from './reports.rules.ts';
import { assembleFigures, type TownFigures } from './reports.figures.ts';

/** Local midnight of a date as a UTC instant (midnight exists every day in the town's zones). */
function midnightUtc(date: string, timeZone: string): string {
  return localToUtc(date, '00:00', timeZone) ?? `${date}T00:00:00.000Z`;
}

export function monthRange(month: Month, timeZone: string): MonthRange {
  const { startDate, nextDate } = monthBounds(month);
  return {
    startAt: midnightUtc(startDate, timeZone),
    nextAt: midnightUtc(nextDate, timeZone),
    startDate,
    nextDate,
    activeFromAt: midnightUtc(`${addMonths(month, -11)}-01`, timeZone),
  };
}

/** The month of an instant, in the town's zone. */
export function monthOf(at: string, timeZone: string): Month {
  return localDateOf(at, timeZone).slice(0, 7);
}

/** Adds `value` to a keyed figure of the list being built. */
function addTo(sums: Map<string, MonthFigure>, month: Month, measure: Measure, key: string, value: number): void {
  const id = `${measure}\u0000${key}`;
  const figure = sums.get(id);
  if (figure) figure.value += value;
  else sums.set(id, { month, measure, key, value });
}

function addSales(sums: Map<string, MonthFigure>, month: Month, sum: HandOverSum): void {
  addTo(sums, month, sum.shopKind === 'provider' ? 'sales_services_cents' : 'sales_goods_cents', '', sum.cents);
  addTo(sums, month, 'sales_by_category_cents', sum.category, sum.cents);
  addTo(sums, month, 'sales_by_channel_cents', sum.channel, sum.cents);
  addTo(sums, month, 'sales_by_destination_cents', destinationOf(sum.destinationKind, sum.placeKind), sum.cents);
}

/** Every figure of one month, read from the day-to-day tables (and the ledger for the commission). */
export async function computeMonth(db: Executor, month: Month, timeZone: string): Promise<MonthFigure[]> {
  const range = monthRange(month, timeZone);
  const [membersNew, membersTotal, membersActive, shopsJoined, channels, sums, counts, runs, requests, money] = await Promise.all([
    countMembersCreated(db, range.startAt, range.nextAt),
    countMembersBefore(db, range.nextAt),
    countOrderingMembers(db, range.activeFromAt, range.nextAt),
    countShopsJoined(db, range.startAt, range.nextAt),
    ordersByChannel(db, range.startAt, range.nextAt),
    handOverSums(db, range),
    handOverCounts(db, range),
    runsByVehicle(db, range),
    requestsByKind(db, range.startAt, range.nextAt),
    moneyPerPeriod(db, [range.startAt, range.nextAt]),
  ]);
  const figures = new Map<string, MonthFigure>();
  const plain: Array<[Measure, number]> = [
    ['members_new', membersNew],
    ['members_total', membersTotal],
    ['members_active', membersActive],
    ['shops_joined', shopsJoined],
    ['shops_active', counts.shops],
    ['goods_orders', counts.goodsOrders],
    ['sales_goods_cents', 0],
    ['sales_services_cents', 0],
    ['commission_cents', money[0]?.commissionCents ?? 0],
  ];
  for (const [measure, value] of plain) addTo(figures, month, measure, '', value);
  for (const row of channels) addTo(figures, month, 'orders_by_channel', row.channel, row.count);
  for (const sum of sums) addSales(figures, month, sum);
  for (const row of runs) {
    addTo(figures, month, 'runs', row.vehicle, row.runs);
    addTo(figures, month, 'run_metres', row.vehicle, row.metres);
  }
  for (const row of requests) addTo(figures, month, 'requests', row.kind, row.count);
  return [...figures.values()];
}

/** Deletes and rewrites one month's figures in the caller's transaction: running it twice gives the same rows. */
export async function rollUpMonth(trx: Executor, month: Month, timeZone: string): Promise<number> {
  const figures = await computeMonth(trx, month, timeZone);
  await replaceMonthFigures(trx, month, figures, nowIso());
  return figures.length;
}

/**
 * Rolls up every complete month since the town's first member or order that is not rolled up
 * yet, and always the last complete one again (a hand-over or a commission recorded late).
 * Each month in its own transaction. Answers the months rolled up.
 */
export async function rollUpCompleteMonths(db: Db, timeZone: string): Promise<Month[]> {
  const first = await firstActivityAt(db);
  if (!first) return [];
  const lastComplete = addMonths(monthOf(nowIso(), timeZone), -1);
  const period = { fromMonth: monthOf(first, timeZone), toMonth: lastComplete };
  const rolled = await rolledMonthsBetween(db, period.fromMonth, period.toMonth);
  const due = monthsOf(period).filter((month) => month === lastComplete || !rolled.has(month));
  for (const month of due) await inTransaction(db, (trx) => rollUpMonth(trx, month, timeZone));
  return due;
}

export const MONTHLY_FIGURES_JOB: Job = {
  name: 'monthly-figures',
  label: t('jobs.label.monthly_figures'),
  // Daily: a month is rolled up the day after it ends, and its last days again the next days.
  everySeconds: 24 * 60 * 60,
  firstRunAfterSeconds: 10 * 60,
  run: async ({ db, config }) => {
    await rollUpCompleteMonths(db, config.timeZone);
  },
};

/** The figures of the months of a period: rolled-up ones read, the others (the open month) computed live. */
export async function figuresOfMonths(db: Executor, period: MonthPeriod, timeZone: string): Promise<{ figures: MonthFigure[]; live: Set<Month> }> {
  const current = monthOf(nowIso(), timeZone);
  const months = monthsOf(period).filter((month) => month <= current);
  if (months.length === 0) return { figures: [], live: new Set() };
  const [rolled, stored] = await Promise.all([rolledMonthsBetween(db, period.fromMonth, period.toMonth), readRolledFigures(db, period.fromMonth, period.toMonth)]);
  const live = months.filter((month) => month === current || !rolled.has(month));
  const computed = await Promise.all(live.map((month) => computeMonth(db, month, timeZone)));
  const liveSet = new Set(live);
  return { figures: [...stored.filter((figure) => !liveSet.has(figure.month)), ...computed.flat()], live: liveSet };
}

/** The town's figures for a period, for any reader that has checked who asks (the dashboard, the yearly review). */
export async function townFigures(db: Executor, config: Pick<Config, 'timeZone' | 'townYearlyBudgetCents'>, period: MonthPeriod): Promise<TownFigures> {
  const { figures, live } = await figuresOfMonths(db, period, config.timeZone);
  return assembleFigures(db, period, figures, live, config.townYearlyBudgetCents);
}

/** The town and the concierge read the dashboard; anyone else is told it does not exist. */
export function assertCanReadFigures(actor: CurrentAccount | null): void {
  requireRole(actor, 'town', 'concierge');
}

export async function townDashboard(db: Executor, actor: CurrentAccount | null, config: Pick<Config, 'timeZone' | 'townYearlyBudgetCents'>, period: MonthPeriod): Promise<TownFigures> {
  assertCanReadFigures(actor);
  return townFigures(db, config, period);
}
