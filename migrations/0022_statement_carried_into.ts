// A negative statement carried forward says which statement took it, as a credit note already
// does (commission_invoices.carried_statement_id): the merchant's statement lists what it
// carries from before, line by line, so its figures add up on the page. Statements carried
// before this migration are linked to the shop's statement written by the same closing (the
// closing moved them at its own instant).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('statements').addColumn('carried_into_id', 'text').execute();
  await sql`
    update statements set carried_into_id = (
      select later.id from statements later
      where later.shop_id = statements.shop_id and later.closed_at = statements.updated_at and later.id <> statements.id
      order by later.period_start desc limit 1
    )
    where status = 'carried_forward'
  `.execute(db);
  await db.schema.createIndex('statements_carried_into_idx').on('statements').column('carried_into_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('statements_carried_into_idx').execute();
  await db.schema.alterTable('statements').dropColumn('carried_into_id').execute();
}
