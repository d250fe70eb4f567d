// Figures of orders for the town's money page: how many orders were placed in each of a
// run of consecutive periods. One query for all the periods, on the placed_at index.
import { sql } from 'kysely';
import type { Executor } from '../db/index.ts';

/**
 * Orders placed (cancelled ones left out) in each period [boundaries[i], boundaries[i + 1]),
 * UTC instants in increasing order; answers one count per period.
 */
export async function countOrdersPlacedPerPeriod(db: Executor, boundaries: readonly string[]): Promise<number[]> {
  const periods = boundaries.length - 1;
  if (periods < 1) return [];
  const whens = boundaries.slice(1).map((end, index) => sql`when placed_at < ${end} then ${sql.lit(index)}`);
  const period = sql<number>`case ${sql.join(whens, sql` `)} end`;
  // Grouped outside: PostgreSQL would not match the parameters of the same case twice.
  const placed = db
    .selectFrom('orders')
    .select(period.as('period'))
    .where('placed_at', '>=', boundaries[0])
    .where('placed_at', '<', boundaries[periods])
    .where('status', '!=', 'cancelled')
    .as('placed');
  const rows = await db
    .selectFrom(placed)
    .select(['placed.period', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('placed.period')
    .execute();
  const counts = new Array<number>(periods).fill(0);
  // pg answers counts as strings
  for (const row of rows) counts[Number(row.period)] = Number(row.count);
  return counts;
}
