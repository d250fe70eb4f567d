// Providers (« prestataires »: craftsmen and service providers) in the shops directory: a
// shop's kind, its trades, the area it serves, how it takes requests, its labels, and its
// absences. The town's commission rate may differ for services: a rate says what it
// applies to (goods, the default, or services).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('shops')
    // shop: sells goods | provider: sells services (repairs, home help…)
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('shop').check(sql`kind in ('shop', 'provider')`))
    .execute();
  // « Istres et Entressen »: free text, as the provider says it
  await db.schema.alterTable('shops').addColumn('area_served', 'text', (c) => c.notNull().defaultTo('')).execute();
  // codes separated by spaces (« phone email »): a small fixed set, never searched
  await db.schema.alterTable('shops').addColumn('request_channels', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('shops').addColumn('provider_labels', 'text', (c) => c.notNull().defaultTo('')).execute();
  // 0/1 on both databases
  await db.schema.alterTable('shops').addColumn('makes_quotes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('shops').addColumn('usual_delay_days', 'integer').execute();

  // A provider's trades, searched by trade (« un plombier »): one row each.
  await db.schema
    .createTable('shop_trades')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('trade_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shop_trades_pk', ['shop_id', 'trade_code'])
    .execute();
  await db.schema.createIndex('shop_trades_trade_idx').on('shop_trades').columns(['trade_code', 'shop_id']).execute();

  // Days a provider takes no appointment (holidays, training), local dates, both included.
  await db.schema
    .createTable('shop_absences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addCheckConstraint('shop_absences_order', sql`ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex('shop_absences_shop_idx').on('shop_absences').columns(['shop_id', 'starts_on']).execute();

  await db.schema
    .alterTable('commission_rates')
    .addColumn('applies_to', 'text', (c) => c.notNull().defaultTo('goods').check(sql`applies_to in ('goods', 'services')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('commission_rates').dropColumn('applies_to').execute();
  await db.schema.dropTable('shop_absences').execute();
  await db.schema.dropTable('shop_trades').execute();
  for (const column of ['usual_delay_days', 'makes_quotes', 'provider_labels', 'request_channels', 'area_served', 'kind']) {
    await db.schema.alterTable('shops').dropColumn(column).execute();
  }
}
