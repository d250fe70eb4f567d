// Service requests: what a resident asks the conciergerie beyond shopping — an item to repair
// or alter, a quote round, an appointment with a provider, or advice.
// - service_requests: one request, of one kind, for one member; `number` is the short number
//   written on the item's label and said on the phone; `status_changed_at` dates the wait the
//   reminders measure and `reminded_at` says the current wait was already reminded once;
// - service_request_events: who did what and when (created, status moves, notes), and whether
//   the move told the member, so a status set back and reached again does not tell twice;
// - service_request_messages: the conversation between the member and the conciergerie.
// Kinds add their own tables (items, quotes, appointments) in later migrations.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('repair', 'quote', 'appointment', 'advice')`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('site', 'phone', 'counter', 'email')`))
    .addColumn('provider_shop_id', 'text', (c) => c.references('shops.id'))
    .addColumn('due_date', 'text')
    .addColumn('answer', 'text')
    .addColumn('rating', 'integer')
    .addColumn('rating_note', 'text')
    .addColumn('created_by_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_requests_status_idx').on('service_requests').columns(['status', 'status_changed_at']).execute();
  await db.schema.createIndex('service_requests_member_idx').on('service_requests').columns(['member_id', 'created_at']).execute();
  await db.schema.createIndex('service_requests_provider_idx').on('service_requests').columns(['provider_shop_id', 'status']).execute();

  await db.schema
    .createTable('service_request_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('service_requests.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('notified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_request_events_request_idx').on('service_request_events').columns(['request_id', 'at']).execute();

  await db.schema
    .createTable('service_request_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('service_requests.id'))
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('member', 'concierge', 'provider')`))
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_request_messages_request_idx').on('service_request_messages').columns(['request_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['service_request_messages', 'service_request_events', 'service_requests']) await db.schema.dropTable(table).execute();
}
