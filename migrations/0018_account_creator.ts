// Who opened each account: a merchant account opened by a concierge may not stand as the
// « second person » for a change of bank details that same concierge made (she could have
// given the account her own address). Accounts opened before, by the seed or from the
// command line have none.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('created_by_account_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('created_by_account_id').execute();
}
