// The concierge's day and the counter: where the collection round starts (a place's
// coordinates), where each purchase order is stored once received (shelf or bin, chilled
// or not), when an order became ready, was reminded and was closed, the payments taken at
// the counter, and the mails received at the conciergerie's address (the inbox).
import type { Kysely } from 'kysely';
import { doubleType } from '../src/db/migrate.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('places').addColumn('latitude', doubleType(db)).execute();
  await db.schema.alterTable('places').addColumn('longitude', doubleType(db)).execute();

  // e.g. « Étagère B3 »; null until the purchase order is received at the counter
  await db.schema.alterTable('purchase_orders').addColumn('storage_location', 'text').execute();
  await db.schema.alterTable('purchase_orders').addColumn('chilled', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('purchase_orders').addColumn('collected_at', 'text').execute();

  await db.schema.alterTable('orders').addColumn('ready_at', 'text').execute();
  // last reminder sent for an order waiting at the counter
  await db.schema.alterTable('orders').addColumn('reminded_at', 'text').execute();
  // handed over, cancelled or not collected
  await db.schema.alterTable('orders').addColumn('closed_at', 'text').execute();
  // The uncollected list and the reminders read ready orders by age.
  await db.schema.createIndex('orders_status_ready_idx').on('orders').columns(['status', 'ready_at']).execute();

  await db.schema
    .createTable('counter_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    // espèces, carte or chèque
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('counter_payments_order_idx').on('counter_payments').column('order_id').execute();
  await db.schema.createIndex('counter_payments_at_idx').on('counter_payments').columns(['at', 'id']).execute();

  await db.schema
    .createTable('inbound_mails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // the Message-ID header (or a digest of the message when it has none): fetched once
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    // new | converted | archived
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('handled_by_label', 'text')
    .addColumn('handled_at', 'text')
    .execute();
  await db.schema.createIndex('inbound_mails_status_received_idx').on('inbound_mails').columns(['status', 'received_at', 'id']).execute();
  await db.schema.createIndex('inbound_mails_from_idx').on('inbound_mails').column('from_address').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbound_mails').execute();
  await db.schema.dropTable('counter_payments').execute();
  await db.schema.dropIndex('orders_status_ready_idx').execute();
  for (const column of ['closed_at', 'reminded_at', 'ready_at']) await db.schema.alterTable('orders').dropColumn(column).execute();
  for (const column of ['collected_at', 'chilled', 'storage_location']) await db.schema.alterTable('purchase_orders').dropColumn(column).execute();
  for (const column of ['longitude', 'latitude']) await db.schema.alterTable('places').dropColumn(column).execute();
}
