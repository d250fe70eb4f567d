// Requests per client address on the rate-limited forms (logging in, a login code, a reset
// link, asking to join) are counted in the database, not in one process's memory: two app
// processes behind one load balancer would otherwise each grant an address the full limit.
// One row per route and address; a row whose window has passed is counted again from one,
// and the hourly sweep deletes those.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_windows')
    // the route and the client address, as « POST /connexion 203.0.113.7 »
    .addColumn('key', 'text', (c) => c.primaryKey())
    // milliseconds since 1970 when the current window opened
    .addColumn('window_started_ms', 'bigint', (c) => c.notNull())
    // requests counted in that window
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_windows_started_idx').on('rate_limit_windows').column('window_started_ms').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_windows').execute();
}
