// Lists of the town's shops imported from a CSV (a chamber of commerce's or a town hall's).
// - shop_imports: one uploaded file, kept between the upload, the column mapping and the final
//   import so no step needs JavaScript nor sends the file twice. `content` is the decoded text
//   (UTF-8 whatever the file's encoding); it belongs to the account that uploaded it and is
//   refused after a day. Once imported, `imported_at` and the counts stay as the import's log
//   and the content is emptied: the shops themselves now hold what mattered.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shop_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('delimiter', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text')
    .addColumn('created_count', 'integer')
    .addColumn('known_count', 'integer')
    .execute();
  await db.schema.createIndex('shop_imports_account_idx').on('shop_imports').columns(['account_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shop_imports').execute();
}
