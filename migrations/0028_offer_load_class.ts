// An offer's load class: how much room one item takes in the tricycle or the van (see
// LOAD_CLASSES in the catalogue's rules for the figures behind each class). Offers already
// there are small, what most shops sell; merchants change the bulky and heavy ones.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('offers')
    .addColumn('load_class', 'text', (c) => c.notNull().defaultTo('small').check(sql`load_class in ('small', 'medium', 'large', 'heavy')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('offers').dropColumn('load_class').execute();
}
