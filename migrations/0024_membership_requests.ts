// A visitor who filled a basket but is not yet a member asks to join: name, phone, an
// optional e-mail. The request keeps a copy of the basket (basket_lines under the owner key
// "adhesion:<id>", so the clean-up of visitors' baskets leaves it alone) and a short basket
// number, read on the phone, that the concierge takes up into a phone order.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('membership_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // « 4821K »: four digits and a letter
    .addColumn('basket_number', 'text', (c) => c.notNull())
    // open: waits for the concierge's call | taken_up: its basket went into a member's phone order | closed: filed
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'taken_up', 'closed')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    // the member whose phone order took the basket up; null before
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // who made the last move and when (null while open)
    .addColumn('handled_by_label', 'text')
    .addColumn('handled_at', 'text')
    .execute();
  // A number names one request still being handled; a filed request frees its number.
  await db.schema
    .createIndex('membership_requests_number_uq')
    .on('membership_requests')
    .column('basket_number')
    .unique()
    .where(sql.ref('status'), '<>', 'closed')
    .execute();
  await db.schema.createIndex('membership_requests_status_created_idx').on('membership_requests').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('membership_requests').execute();
}
