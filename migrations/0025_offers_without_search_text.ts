// Offers are found through the full-text index of 0023 (title, unit, category, shop,
// description, kept by triggers); the folded text column it replaced is read by nothing.
import { type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('offers').dropColumn('search_text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('offers').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
}
