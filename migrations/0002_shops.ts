// Indexes for the directory of the town's shops: the unfiltered list and the list of one
// category are read in name order (the stage filters already have theirs).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('shops_name_idx').on('shops').columns(['trade_name', 'id']).execute();
  await db.schema.createIndex('shops_category_name_idx').on('shops').columns(['category_code', 'trade_name', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('shops_category_name_idx').execute();
  await db.schema.dropIndex('shops_name_idx').execute();
}
