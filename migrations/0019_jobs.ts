// One row per background job (platform/jobs.ts): when it is next due, who holds its lease,
// and how its last run went. A process runs a job only after taking the lease by a
// conditional update on this row, so several app processes on one database run each due
// run once. Instants are UTC ISO strings, like every other instant of the schema.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    // the job's name, as the command line takes it (ledger-posting…)
    .addColumn('name', 'text', (c) => c.primaryKey())
    // the instant from which the next run is due
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    // the process running it now, and until when its lease holds; null: nobody
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    // the message of the latest run that failed, and when it failed (kept after later successes)
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    // runs started since the row was created
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
