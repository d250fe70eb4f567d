// SQL of the demo loader: many rows per statement, in chunks that stay under the bound
// parameter limits (SQLite 32 766, PostgreSQL 65 535), inside the caller's transaction.
import type { Insertable } from 'kysely';
import type { Database, Executor } from '../db/index.ts';

const MAX_PARAMETERS = 30_000;

export async function insertRows<T extends keyof Database & string>(db: Executor, table: T, rows: ReadonlyArray<Insertable<Database[T]>>): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0] as object).length;
  const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / perRow));
  for (let start = 0; start < rows.length; start += chunk) {
    // kysely cannot check a table chosen by a type parameter; the rows are typed by the caller.
    await db.insertInto(table).values(rows.slice(start, start + chunk) as never).execute();
  }
}

/** Categories may already exist (a town that set its own): those are kept as they are. */
export async function insertCategories(db: Executor, rows: ReadonlyArray<Database['categories']>): Promise<void> {
  await db
    .insertInto('categories')
    .values([...rows])
    .onConflict((conflict) => conflict.column('code').doNothing())
    .execute();
}

export async function hasShops(db: Executor): Promise<boolean> {
  return (await db.selectFrom('shops').select('id').limit(1).executeTakeFirst()) !== undefined;
}
