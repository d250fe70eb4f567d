// The photos each account sent in the last hour, so the number of uploads an account may have
// decoded is bounded in the database, where every app process counts the same rows. A row
// older than an hour is deleted when its account sends the next photo.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('image_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('image_uploads_account_sent_idx').on('image_uploads').columns(['account_id', 'sent_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('image_uploads').execute();
}
