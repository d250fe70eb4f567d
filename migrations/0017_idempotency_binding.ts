// A money form's idempotency key belongs to the object it was shown for (an order, a payout
// batch) and to the account it was shown to. The binding is kept beside the key, so a key
// replayed on another object or by another account is recognised and refused instead of
// answering the first submission's result. The key stays unique within its scope, which is
// what lets the primary key catch such a replay, even two sent at once.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // « <object id>:<account id> »; null for the forms that bind nothing (and rows written before)
  await db.schema.alterTable('idempotency_keys').addColumn('bound_to', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('idempotency_keys').dropColumn('bound_to').execute();
}
