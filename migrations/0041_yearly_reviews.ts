// The town council's yearly review, asked for a year and built by a background job.
// - yearly_reviews: one request; `status` queued → running → done | failed; `progress` 0–100
//   with `step` (a key of the step under way, shown on the page); `run_owner` and
//   `lease_until` name the process building it and until when, so a crashed run is taken up
//   again and two processes never build the same request; `file_id` the PDF (in `files`)
//   once done. A request asked again keeps its row: « refaire » adds a new one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('yearly_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('step', 'text')
    .addColumn('run_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('file_id', 'text', (c) => c.references('files.id'))
    .addColumn('error', 'text')
    .addColumn('requested_by_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('requested_by_label', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('yearly_reviews_status_idx').on('yearly_reviews').columns(['status', 'requested_at']).execute();
  await db.schema.createIndex('yearly_reviews_year_idx').on('yearly_reviews').columns(['year', 'requested_at']).execute();
  // One request under way per year: two people asking at once get the same one.
  await db.schema.createIndex('yearly_reviews_one_under_way').on('yearly_reviews').column('year').unique().where(sql<boolean>`status in ('queued', 'running')`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('yearly_reviews').execute();
}
