// A swapped IBAN is the classic payout fraud, so a change of a shop's bank details is made by
// one person and confirmed by a second. Each change of IBAN or BIC is kept: who made it and
// when, the IBAN before and after (masked: its last 4 characters, enough to recognise it and
// useless to a thief reading a dump), the BIC before and after, and who confirmed it. A shop
// whose latest change is not confirmed is not paid. Bank details already stored when this
// table is created were never checked by a second person: each is recorded as a change
// awaiting confirmation, so it is confirmed once before the shop is paid again.
import { sql, type Kysely } from 'kysely';
import { nowIso } from '../src/platform/clock.ts';
import { newId } from '../src/platform/ids.ts';

/** The mask of the bank details pages as it was when this migration was written. */
function masked(iban: string | null): string | null {
  return iban === null ? null : `•••• ${iban.slice(-4)}`;
}

async function recordStoredDetails(db: Kysely<any>): Promise<void> {
  const shops = await db.selectFrom('shops').select(['id', 'iban', 'bic']).where('iban', 'is not', null).execute();
  const at = nowIso();
  for (const shop of shops) {
    await db
      .insertInto('bank_detail_changes')
      .values({
        id: newId(),
        shop_id: shop.id,
        status: 'pending',
        old_iban_masked: null,
        new_iban_masked: masked(shop.iban),
        old_bic: null,
        new_bic: shop.bic,
        changed_at: at,
        changed_by_account_id: null,
        changed_by_label: 'Coordonnées enregistrées avant le suivi des changements',
      })
      .execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bank_detail_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    // pending: awaits a second person, the shop is not paid | confirmed | superseded: replaced before being confirmed
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'confirmed', 'superseded')`))
    // « •••• 0189 »; null: no IBAN
    .addColumn('old_iban_masked', 'text')
    .addColumn('new_iban_masked', 'text')
    .addColumn('old_bic', 'text')
    .addColumn('new_bic', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    // null: found in place when this table was created
    .addColumn('changed_by_account_id', 'text')
    .addColumn('changed_by_label', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by_account_id', 'text')
    .addColumn('confirmed_by_label', 'text')
    .execute();
  await db.schema.createIndex('bank_detail_changes_shop_idx').on('bank_detail_changes').columns(['shop_id', 'changed_at']).execute();
  // At most one change of a shop awaits confirmation: a new change supersedes the one before.
  await db.schema.createIndex('bank_detail_changes_one_pending_idx').on('bank_detail_changes').column('shop_id').unique().where(sql.ref('status'), '=', 'pending').execute();
  await recordStoredDetails(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bank_detail_changes').execute();
}
