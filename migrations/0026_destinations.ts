// Destinations a member can choose beyond the counter and the drop-off points:
// - companies of the business park (zone du Tubé), whose employees (members linked by
//   `company_id`) may be delivered at work on the company place's recurring run;
// - the cut-off of a run, as data on the place: an order must be placed before
//   `run_cutoff_days` days before the run's date, at `run_cutoff_time` local time;
// - home delivery inside a zone the town defines as a list of streets and postcodes, for
//   everyone or only for members marked as needing it (`needs_delivery`);
// - what an order's destination is (`destination_kind`) and, for a home delivery, its address.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address_line', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    // 1: the company pays the delivery fee for its employees
    .addColumn('pays_delivery_fee', 'integer', (c) => c.notNull().defaultTo(0))
    // where the van stops: a place of kind « company »
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('members').addColumn('company_id', 'text', (c) => c.references('companies.id')).execute();
  await db.schema.alterTable('members').addColumn('needs_delivery', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('members_company_idx').on('members').column('company_id').execute();

  await db.schema.alterTable('places').addColumn('run_cutoff_days', 'integer').execute();
  await db.schema.alterTable('places').addColumn('run_cutoff_time', 'text').execute();

  await db.schema
    .createTable('home_delivery_settings')
    // one row, id 'town'
    .addColumn('id', 'text', (c) => c.primaryKey())
    // nobody: no home delivery | needs_delivery: only members marked as needing it | everyone
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('nobody', 'needs_delivery', 'everyone')`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('home_delivery_streets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // as the town wrote it (« avenue Hélène Boucher »)
    .addColumn('street', 'text', (c) => c.notNull())
    // folded: lower case, no accents, abbreviations spelt out (« avenue helene boucher »)
    .addColumn('street_key', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addUniqueConstraint('home_delivery_streets_uq', ['street_key', 'postal_code'])
    .execute();

  // collection: at a place (counter, drop-off point) | workplace: the company's run | home: the member's door
  await db.schema
    .alterTable('orders')
    .addColumn('destination_kind', 'text', (c) => c.notNull().defaultTo('collection').check(sql`destination_kind in ('collection', 'workplace', 'home')`))
    .execute();
  await db.schema.alterTable('orders').addColumn('delivery_address', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('delivery_address').execute();
  await db.schema.alterTable('orders').dropColumn('destination_kind').execute();
  await db.schema.dropTable('home_delivery_streets').execute();
  await db.schema.dropTable('home_delivery_settings').execute();
  await db.schema.alterTable('places').dropColumn('run_cutoff_time').execute();
  await db.schema.alterTable('places').dropColumn('run_cutoff_days').execute();
  await db.schema.dropIndex('members_company_idx').execute();
  await db.schema.alterTable('members').dropColumn('needs_delivery').execute();
  await db.schema.alterTable('members').dropColumn('company_id').execute();
  await db.schema.dropTable('companies').execute();
}
