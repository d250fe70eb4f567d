// The one query behind a company's usage page: its employees' orders delivered at work,
// summed by month of delivery, in a single GROUP BY.
import { sql } from 'kysely';
import type { Executor } from '../../db/index.ts';
import { DELIVERED_STATUSES, type MonthTotals } from './company-usage.rules.ts';

/** The month of a local date, written without parameters so PostgreSQL sees the same expression in SELECT and GROUP BY. */
const MONTH = sql<string>`substr(orders.slot_local_date, 1, 7)`;

/**
 * Orders delivered at the company's stop to members who are its employees, by month of the
 * delivery's local date (a run late in the evening of the 31st stays in its month). An
 * employee's orders collected elsewhere, and a former employee's, are not the company's.
 */
export async function sumDeliveredAtWork(
  db: Executor,
  company: { id: string; placeId: string },
  range: { fromDate: string; untilDate: string },
): Promise<MonthTotals[]> {
  const rows = await db
    .selectFrom('orders')
    .innerJoin('members', 'members.id', 'orders.member_id')
    .select((eb) => [
      MONTH.as('month'),
      eb.fn.countAll().as('order_count'),
      eb.fn.count('orders.member_id').distinct().as('employee_count'),
      eb.fn.sum('orders.total_cents').as('total_cents'),
    ])
    .where('members.company_id', '=', company.id)
    .where('orders.place_id', '=', company.placeId)
    .where('orders.destination_kind', '=', 'workplace')
    .where('orders.status', 'in', DELIVERED_STATUSES)
    .where('orders.slot_local_date', '>=', range.fromDate)
    .where('orders.slot_local_date', '<', range.untilDate)
    .groupBy(MONTH)
    .execute();
  // pg returns counts and sums as strings.
  return rows.map((row) => ({
    month: row.month,
    orderCount: Number(row.order_count),
    employeeCount: Number(row.employee_count),
    totalCents: Number(row.total_cents ?? 0),
  }));
}
