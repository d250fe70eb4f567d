// SQL of idempotency keys: (scope, key) → the id of what the first submission created.
import type { Executor } from '../../db/index.ts';
import { nowIso } from '../clock.ts';

export async function findResult(db: Executor, scope: string, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('idempotency_keys').select('result_id').where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  return row?.result_id;
}

/** Inserts the key; false when another submission already holds it (primary key). */
export async function claimKey(db: Executor, scope: string, key: string, resultId: string): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ scope, key, result_id: resultId, created_at: nowIso() })
    .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
