// The town's figures rolled up by month, so a year of the dashboard reads a few hundred rows
// instead of every order of the year.
// - report_months: one figure of one local month (`YYYY-MM`): a measure (« sales_by_channel »)
//   and, for a breakdown, the key it is broken down by (« telephone »; '' for a plain figure).
//   Money is in cents, distances in metres, the rest are counts: all integers (bigint).
// - report_rolled_months: the months rolled up, and when; a month absent is computed live.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_months')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_months_pk', ['month', 'measure', 'key'])
    .execute();
  await db.schema
    .createTable('report_rolled_months')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('rolled_at', 'text', (c) => c.notNull())
    .execute();
  // The roll-up reads one month of hand-overs, of orders placed and of new members at a time.
  await db.schema.createIndex('members_created_idx').on('members').column('created_at').execute();
  await db.schema.createIndex('service_requests_created_idx').on('service_requests').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('service_requests_created_idx').execute();
  await db.schema.dropIndex('members_created_idx').execute();
  await db.schema.dropTable('report_rolled_months').execute();
  await db.schema.dropTable('report_months').execute();
}
