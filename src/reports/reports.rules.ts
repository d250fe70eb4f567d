// Rules of the town's figures: months and periods, the measures a month is rolled up into,
// where an order went, and the figures derived from the sums (no I/O here).
import type { FieldErrors } from '../platform/forms.ts';
import { t } from '../platform/i18n/index.ts';

/** A local month, `YYYY-MM`. */
export type Month = string;

/** Both months included. */
export interface MonthPeriod {
  fromMonth: Month;
  toMonth: Month;
}

/** The longest period the dashboard shows at once: three years, the town's trial. */
export const MAX_MONTHS = 36;

/**
 * What a month is rolled up into. Counts unless named otherwise; `*_cents` in cents, `run_metres`
 * in metres. A breakdown (`…_by_…`, `runs`, `requests`) has one row per key.
 */
export const MEASURES = [
  /** residents registered during the month */
  'members_new',
  /** residents registered at the month's end */
  'members_total',
  /** residents with an order placed in the 12 months up to the month's end */
  'members_active',
  /** shops that became members during the month */
  'shops_joined',
  /** shops with at least one purchase order handed over in the month */
  'shops_active',
  /** orders placed in the month, not cancelled, by channel */
  'orders_by_channel',
  /** orders with goods handed over in the month (the average basket's divisor) */
  'goods_orders',
  /** the shops' goods handed over in the month */
  'sales_goods_cents',
  /** the providers' services handed over in the month */
  'sales_services_cents',
  /** everything handed over, by shop category, by channel of the order and by destination */
  'sales_by_category_cents',
  'sales_by_channel_cents',
  'sales_by_destination_cents',
  /** the conciergerie's commission of the month, as the ledger holds it */
  'commission_cents',
  /** delivery runs of the month and their length, by vehicle name */
  'runs',
  'run_metres',
  /** service requests made in the month, by kind */
  'requests',
] as const;
export type Measure = (typeof MEASURES)[number];

/** One rolled-up figure. */
export interface MonthFigure {
  month: Month;
  measure: Measure;
  /** '' for a plain figure */
  key: string;
  value: number;
}

/** Where the member received an order, as the town counts it. */
export type Destination = 'counter' | 'hamlet' | 'business_park' | 'residence' | 'home';
export const DESTINATIONS: readonly Destination[] = ['counter', 'hamlet', 'business_park', 'residence', 'home'];

const DESTINATION_OF_PLACE: Readonly<Record<string, Destination>> = {
  counter: 'counter',
  community_centre: 'hamlet',
  residence: 'residence',
  company: 'business_park',
};

/** An order delivered at home or at work goes there; one collected goes where its place is. */
export function destinationOf(destinationKind: string, placeKind: string): Destination {
  if (destinationKind === 'home') return 'home';
  if (destinationKind === 'workplace') return 'business_park';
  return DESTINATION_OF_PLACE[placeKind] ?? 'counter';
}

/** The channels of an order, in the order the dashboard lists them (the orders area's codes). */
export const CHANNELS: readonly string[] = ['site', 'telephone', 'courriel', 'comptoir'];

// ---- months ----

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** Months since year 0: what two months are compared and counted by (« 10000-01 » sorts before « 9999-12 » as text). */
function monthIndex(month: Month): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** « 2026-03 » + 2 → « 2026-05 »; negative steps go back. */
export function addMonths(month: Month, count: number): Month {
  const index = monthIndex(month) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many months from `from` to `to`, both included; 0 when `to` is before `from`. */
export function monthCount(period: MonthPeriod): number {
  return Math.max(0, monthIndex(period.toMonth) - monthIndex(period.fromMonth) + 1);
}

/** Every month from `from` to `to`, both included; none when `to` is before `from`. */
export function monthsOf(period: MonthPeriod): Month[] {
  return Array.from({ length: monthCount(period) }, (_, step) => addMonths(period.fromMonth, step));
}

/** The first local day of a month and the first of the next: the month is [start, next). */
export function monthBounds(month: Month): { startDate: string; nextDate: string } {
  return { startDate: `${month}-01`, nextDate: `${addMonths(month, 1)}-01` };
}

/** « 03/2026 », « 3/2026 », « 2026-03 » → « 2026-03 »; anything else: undefined. */
export function parseMonth(input: string): Month | undefined {
  const trimmed = input.trim();
  const french = /^(\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const month = french ? `${french[2]}-${french[1].padStart(2, '0')}` : trimmed;
  return isMonth(month) ? month : undefined;
}

/** « 2026-03 » → « 03/2026 », as the form shows it. */
export function monthInput(month: Month): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** The period of the form, or a French message beside each field to correct. */
export function readPeriod(values: { from?: string; to?: string }): { period: MonthPeriod } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const fromMonth = parseMonth(values.from ?? '');
  const toMonth = parseMonth(values.to ?? '');
  if (!fromMonth) errors.from = t('reports.error.month');
  if (!toMonth) errors.to = t('reports.error.month');
  if (fromMonth && toMonth && toMonth < fromMonth) errors.to = t('reports.error.order');
  else if (fromMonth && toMonth && monthCount({ fromMonth, toMonth }) > MAX_MONTHS) errors.to = t('reports.error.span', { max: MAX_MONTHS });
  return fromMonth && toMonth && Object.keys(errors).length === 0 ? { period: { fromMonth, toMonth } } : { errors };
}

/** The twelve months up to the current one: the period the dashboard opens on. */
export function lastTwelveMonths(currentMonth: Month): MonthPeriod {
  return { fromMonth: addMonths(currentMonth, -11), toMonth: currentMonth };
}

// ---- derived figures ----

/** A share in basis points (1 234 = 12,34 %), rounded half-up; 0 of nothing is 0. */
export function shareBp(part: number, whole: number): number {
  return whole > 0 ? Math.floor((part * 10_000 * 2 + whole) / (2 * whole)) : 0;
}

/** cents ÷ count, rounded half-up to the cent; undefined when there is nothing to divide by. */
export function perUnitCents(cents: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  return Math.floor((cents * 2 + count) / (2 * count));
}

/**
 * The goods a member buys in a year: goods sold over the period, brought to twelve months,
 * shared among the members registered at its end (the article counts about 60 € a year).
 */
export function goodsPerMemberPerYearCents(goodsCents: number, months: number, members: number): number | undefined {
  if (months <= 0) return undefined;
  return perUnitCents(goodsCents * 12, months * members);
}

/** The town's budget for a period of `months` months: its share of the yearly budget, to the cent. */
export function budgetForMonthsCents(yearlyBudgetCents: number, months: number): number {
  return Math.floor((yearlyBudgetCents * months * 2 + 12) / 24);
}
