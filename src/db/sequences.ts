import type { Executor } from './index.ts';

/**
 * The next number of a named sequence (members' and shops' account codes). The update holds the
 * row until commit, so two creations in parallel never get the same number.
 */
export async function nextInSequence(db: Executor, kind: string): Promise<number> {
  await db.insertInto('account_code_sequences').values({ kind, last_number: 0 }).onConflict((oc) => oc.column('kind').doNothing()).execute();
  const row = await db
    .updateTable('account_code_sequences')
    .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
    .where('kind', '=', kind)
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}
