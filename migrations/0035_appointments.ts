// Appointments with a provider, booked by the concierge on an 'appointment' request.
// - appointments: one slot proposed to one provider; `starts_at`/`ends_at` are UTC instants and
//   `local_date`/`local_time` the wall clock the concierge typed (the town's zone), kept so a
//   change of time never moves what was agreed; `sequence` counts the moves (the calendar
//   file's SEQUENCE), `told_sequence` is the last one mailed to the member with a calendar
//   file (null: the member holds none); `remind_from_at` is when the eve's reminder may go,
//   `reminded_at` that it went (once per slot).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('service_requests.id'))
    .addColumn('provider_shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('proposed', 'confirmed', 'declined', 'cancelled', 'done')`))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('told_sequence', 'integer')
    .addColumn('decline_reason', 'text')
    .addColumn('remind_from_at', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'text')
    .addColumn('created_by_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appointments_request_idx').on('appointments').columns(['request_id', 'created_at']).execute();
  await db.schema.createIndex('appointments_reminder_idx').on('appointments').columns(['status', 'remind_from_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appointments').execute();
}
