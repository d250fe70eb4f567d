// Quote rounds: the providers the conciergerie asked for a quote on a « quote » request, and
// what each answered. One row per provider asked:
// - status: asked → received (amount, valid until the end of a local day, optional PDF) or
//   declined; a received quote is accepted (one per request) or closed; an accepted one is done
//   once the work is finished;
// - share_contact: whether the provider may see the member's phone and address;
// - entered_by: who typed the quote in — the provider (signed link or portal) or the concierge
//   (received by phone or on paper);
// - order_id: the member's order the accepted quote became.
// A partial unique index keeps one accepted (or done) quote per request whatever happens.
import { sql, type Kysely } from 'kysely';
import { binaryType } from '../src/db/migrate.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_quotes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('service_requests.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('asked', 'received', 'declined', 'accepted', 'done', 'closed')`))
    .addColumn('share_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_cents', 'integer')
    .addColumn('vat_rate_bp', 'integer')
    .addColumn('valid_until_date', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('pdf_bytes', binaryType(db))
    .addColumn('entered_by', 'text', (c) => c.check(sql`entered_by in ('provider', 'concierge')`))
    .addColumn('answered_by_label', 'text')
    .addColumn('accepted_by_label', 'text')
    .addColumn('order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_quotes_request_shop_idx').on('service_quotes').columns(['request_id', 'shop_id']).unique().execute();
  await db.schema.createIndex('service_quotes_shop_idx').on('service_quotes').columns(['shop_id', 'status']).execute();
  await sql`create unique index service_quotes_one_accepted_idx on service_quotes (request_id) where status in ('accepted', 'done')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_quotes').execute();
}
