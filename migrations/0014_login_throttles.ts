// Wrong passwords are counted per account, in the database: a limit per client address alone
// lets someone who rotates addresses guess forever at one account, and it must hold across
// several app processes and restarts. One row per e-mail address tried (known or not, so the
// answer never tells whether an account exists).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttles')
    // the e-mail address tried, lower-cased
    .addColumn('email', 'text', (c) => c.primaryKey())
    // wrong passwords in a row since the last success
    .addColumn('failures', 'integer', (c) => c.notNull())
    // UTC instant before which this address may not try again; null: free to try
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttles').execute();
}
