// SQL of idempotency keys: (scope, key) → the id of what the first submission created, and
// the object and account that submission was bound to.
import type { Executor } from '../../db/index.ts';
import { nowIso } from '../clock.ts';

export interface Claim {
  resultId: string;
  /** null: the form binds the key to nothing. */
  boundTo: string | null;
}

export async function findClaim(db: Executor, scope: string, key: string): Promise<Claim | undefined> {
  const row = await db.selectFrom('idempotency_keys').select(['result_id', 'bound_to']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  return row ? { resultId: row.result_id, boundTo: row.bound_to } : undefined;
}

export async function findResult(db: Executor, scope: string, key: string): Promise<string | undefined> {
  return (await findClaim(db, scope, key))?.resultId;
}

/**
 * Inserts the key with the id its submission is expected to create (replaced by
 * `recordResult` when it creates another); false when another submission already holds it
 * (primary key). Nobody reads the result before the claiming transaction commits.
 */
export async function claimKey(db: Executor, scope: string, key: string, boundTo: string | null, expectedResultId: string): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ scope, key, result_id: expectedResultId, created_at: nowIso(), bound_to: boundTo })
    .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** The id the claimed key's submission created, written in the same transaction as the claim. */
export async function recordResult(db: Executor, scope: string, key: string, resultId: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ result_id: resultId }).where('scope', '=', scope).where('key', '=', key).execute();
}
