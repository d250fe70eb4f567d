// Members are listed alphabetically with accents ignored: the folded search_text starts with
// the last then the first name, so this index serves the paginated list in that order.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('members_search_idx').on('members').columns(['search_text', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('members_search_idx').execute();
}
