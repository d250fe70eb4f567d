// The town's figures of a period, typed, built from the months' rolled-up (or live) figures
// and from what stands now (shops by stage, requests by status). Labels are French words, so
// the dashboard, its files and the yearly review show the same names.
import type { Executor } from '../db/index.ts';
import { tDynamic } from '../platform/i18n/index.ts';
import { categoryLabels, requestsByKindAndStatus, shopsByStage } from './reports.repository.ts';
import {
  budgetForMonthsCents,
  CHANNELS,
  DESTINATIONS,
  goodsPerMemberPerYearCents,
  monthsOf,
  perUnitCents,
  shareBp,
  type Measure,
  type Month,
  type MonthFigure,
  type MonthPeriod,
} from './reports.rules.ts';

/** One month of the dashboard's tables. */
export interface MonthFigures {
  month: Month;
  /** computed from the day-to-day tables now (the open month), not read from the roll-up */
  live: boolean;
  membersNew: number;
  membersTotal: number;
  membersActive: number;
  shopsJoined: number;
  shopsActive: number;
  orders: number;
  goodsOrders: number;
  goodsCents: number;
  servicesCents: number;
  commissionCents: number;
  runs: number;
  runMetres: number;
}

/** A part of a breakdown: its key, its French name, its value (cents, metres or a count). */
export interface Part {
  key: string;
  label: string;
  value: number;
}

export interface VehicleFigures {
  vehicle: string;
  runs: number;
  metres: number;
}

export interface RequestStatusFigures {
  kind: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  count: number;
}

export interface TownFigures {
  period: MonthPeriod;
  months: MonthFigures[];
  members: { total: number; active12Months: number; newInPeriod: number };
  shops: {
    /** local shops (providers apart) by stage, now */
    byStage: Part[];
    members: number;
    all: number;
    /** members ÷ all local shops, in basis points */
    adherenceBp: number;
    joinedInPeriod: number;
  };
  orders: { total: number; byChannel: Part[] };
  sales: {
    goodsCents: number;
    servicesCents: number;
    byCategory: Part[];
    byChannel: Part[];
    byDestination: Part[];
    /** goods handed over ÷ orders with goods */
    basketPerOrderCents: number | undefined;
    /** goods of the period brought to a year ÷ members at its end */
    goodsPerMemberPerYearCents: number | undefined;
  };
  commission: { earnedCents: number; budgetCents: number; yearlyBudgetCents: number; costPerOrderCents: number | undefined };
  vehicles: VehicleFigures[];
  requests: { byKind: Part[]; byKindAndStatus: RequestStatusFigures[] };
}

const PLAIN_FIELDS: ReadonlyArray<[Measure, keyof MonthFigures]> = [
  ['members_new', 'membersNew'],
  ['members_total', 'membersTotal'],
  ['members_active', 'membersActive'],
  ['shops_joined', 'shopsJoined'],
  ['shops_active', 'shopsActive'],
  ['orders_by_channel', 'orders'],
  ['goods_orders', 'goodsOrders'],
  ['sales_goods_cents', 'goodsCents'],
  ['sales_services_cents', 'servicesCents'],
  ['commission_cents', 'commissionCents'],
  ['runs', 'runs'],
  ['run_metres', 'runMetres'],
];
const FIELD_OF = new Map(PLAIN_FIELDS);

function emptyMonth(month: Month, live: boolean): MonthFigures {
  return { month, live, membersNew: 0, membersTotal: 0, membersActive: 0, shopsJoined: 0, shopsActive: 0, orders: 0, goodsOrders: 0, goodsCents: 0, servicesCents: 0, commissionCents: 0, runs: 0, runMetres: 0 };
}

/** The months of the period, each with its plain figures (a breakdown counts as its sum). */
function monthRows(period: MonthPeriod, figures: readonly MonthFigure[], live: ReadonlySet<Month>): MonthFigures[] {
  const rows = new Map(monthsOf(period).map((month) => [month, emptyMonth(month, live.has(month))]));
  for (const figure of figures) {
    const field = FIELD_OF.get(figure.measure);
    const row = rows.get(figure.month);
    if (field && row) (row[field] as number) += figure.value;
  }
  return [...rows.values()];
}

/** The sum of a breakdown over the period, in the given order of keys first, then the others by size. */
function partsOf(figures: readonly MonthFigure[], measure: Measure, label: (key: string) => string, order: readonly string[] = []): Part[] {
  const sums = new Map<string, number>(order.map((key) => [key, 0]));
  for (const figure of figures) if (figure.measure === measure) sums.set(figure.key, (sums.get(figure.key) ?? 0) + figure.value);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...sums.entries()]
    .map(([key, value]) => ({ key, label: label(key), value }))
    .sort((a, b) => rank(a.key) - rank(b.key) || b.value - a.value || a.label.localeCompare(b.label, 'fr'));
}

function vehiclesOf(figures: readonly MonthFigure[]): VehicleFigures[] {
  const runs = partsOf(figures, 'runs', (key) => key);
  const metres = new Map(partsOf(figures, 'run_metres', (key) => key).map((part) => [part.key, part.value]));
  return runs.map((part) => ({ vehicle: part.key, runs: part.value, metres: metres.get(part.key) ?? 0 })).sort((a, b) => a.vehicle.localeCompare(b.vehicle, 'fr'));
}

const SHOP_STAGE_ORDER = ['member', 'inactive', 'contacted', 'prospect', 'left'];

function sum(rows: readonly MonthFigures[], field: keyof MonthFigures): number {
  return rows.reduce((total, row) => total + (row[field] as number), 0);
}

export async function assembleFigures(db: Executor, period: MonthPeriod, figures: readonly MonthFigure[], live: ReadonlySet<Month>, yearlyBudgetCents: number): Promise<TownFigures> {
  const [stages, statuses, categories] = await Promise.all([shopsByStage(db), requestsByKindAndStatus(db), categoryLabels(db)]);
  const months = monthRows(period, figures, live);
  const shown = months.filter((row) => figures.some((figure) => figure.month === row.month) || row.live);
  const last = shown[shown.length - 1];
  const byStage = stages
    .map((row) => ({ key: row.stage, label: tDynamic(`shops.stage.${row.stage}`), value: row.count }))
    .sort((a, b) => SHOP_STAGE_ORDER.indexOf(a.key) - SHOP_STAGE_ORDER.indexOf(b.key));
  const memberShops = byStage.find((part) => part.key === 'member')?.value ?? 0;
  const allShops = byStage.reduce((total, part) => total + part.value, 0);
  const goodsCents = sum(months, 'goodsCents');
  const orders = sum(months, 'orders');
  // The budget and the yearly rate count the months that have begun, not those still to come.
  const budgetCents = budgetForMonthsCents(yearlyBudgetCents, shown.length);
  return {
    period,
    months,
    members: { total: last?.membersTotal ?? 0, active12Months: last?.membersActive ?? 0, newInPeriod: sum(months, 'membersNew') },
    shops: { byStage, members: memberShops, all: allShops, adherenceBp: shareBp(memberShops, allShops), joinedInPeriod: sum(months, 'shopsJoined') },
    orders: { total: orders, byChannel: partsOf(figures, 'orders_by_channel', (key) => tDynamic(`orders.channel.${key}`), CHANNELS) },
    sales: {
      goodsCents,
      servicesCents: sum(months, 'servicesCents'),
      byCategory: partsOf(figures, 'sales_by_category_cents', (key) => categories.get(key) ?? key),
      byChannel: partsOf(figures, 'sales_by_channel_cents', (key) => tDynamic(`orders.channel.${key}`), CHANNELS),
      byDestination: partsOf(figures, 'sales_by_destination_cents', (key) => tDynamic(`reports.destination.${key}`), DESTINATIONS),
      basketPerOrderCents: perUnitCents(goodsCents, sum(months, 'goodsOrders')),
      goodsPerMemberPerYearCents: goodsPerMemberPerYearCents(goodsCents, shown.length, last?.membersTotal ?? 0),
    },
    commission: { earnedCents: sum(months, 'commissionCents'), budgetCents, yearlyBudgetCents, costPerOrderCents: perUnitCents(budgetCents, orders) },
    vehicles: vehiclesOf(figures),
    requests: {
      byKind: partsOf(figures, 'requests', (key) => tDynamic(`requests.kind.${key}`)),
      byKindAndStatus: statuses.map((row) => ({ kind: row.kind, kindLabel: tDynamic(`requests.kind.${row.kind}`), status: row.status, statusLabel: tDynamic(`requests.status.${row.status}`), count: row.count })),
    },
  };
}
