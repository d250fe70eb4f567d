// How much a company's employees use the service, month by month, as its contact sees it:
// aggregates only. A month where one or two employees ordered would show what those people
// spent, which a colleague could tell apart; its figures are withheld (see MIN_EMPLOYEES_SHOWN).
import type { Cents } from '../../platform/money.ts';
import type { OrderStatus } from '../orders.rules.ts';

/** The months the page covers, this one included. */
export const USAGE_MONTHS = 12;
/** Fewer employees than this in a month and its figures would point at people. */
export const MIN_EMPLOYEES_SHOWN = 3;
/**
 * An order delivered at work, wholly or in part: what the van handed over. A cancelled order
 * or one nobody took is not use of the service.
 */
export const DELIVERED_STATUSES: readonly OrderStatus[] = ['handed_over', 'partially_handed_over'];

/** What the database sums for one month (`YYYY-MM`). */
export interface MonthTotals {
  month: string;
  orderCount: number;
  employeeCount: number;
  totalCents: Cents;
}

export type UsageRow =
  | ({ shown: true } & MonthTotals)
  /** some employees ordered, too few to show anything without pointing at them */
  | { shown: false; month: string };

/** « 2026-12 » → « 2027-01 ». */
function shiftMonth(month: string, by: number): string {
  const [year, monthNumber] = month.split('-').map(Number);
  const index = year * 12 + (monthNumber - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months covered, newest first, for a local date of today. */
export function usageMonths(todayLocalDate: string, count = USAGE_MONTHS): string[] {
  const current = todayLocalDate.slice(0, 7);
  return Array.from({ length: count }, (_, index) => shiftMonth(current, -index));
}

/** The local dates the query reads: from the first day of the oldest month, to before the first day after the newest. */
export function usageDateRange(months: readonly string[]): { fromDate: string; untilDate: string } {
  return { fromDate: `${months[months.length - 1]}-01`, untilDate: `${shiftMonth(months[0], 1)}-01` };
}

/** One row per month, an empty month as zeros, a month of too few employees withheld. */
export function usageRows(months: readonly string[], totals: readonly MonthTotals[]): UsageRow[] {
  const byMonth = new Map(totals.map((row) => [row.month, row]));
  return months.map((month) => {
    const found = byMonth.get(month) ?? { month, orderCount: 0, employeeCount: 0, totalCents: 0 };
    if (found.employeeCount > 0 && found.employeeCount < MIN_EMPLOYEES_SHOWN) return { shown: false, month };
    return { shown: true, ...found };
  });
}
