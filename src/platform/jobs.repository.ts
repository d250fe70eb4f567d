// SQL of the background jobs: one row per job, its lease taken and given back by conditional
// updates, so that of several processes asking at once exactly one gets it.
import type { Executor } from '../db/index.ts';

export interface JobRow {
  name: string;
  nextRunAt: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  runs: number;
}

/** Creates the rows of jobs seen for the first time, first due at the given instants; others are left as they are. */
export async function insertMissingJobs(db: Executor, jobs: ReadonlyArray<{ name: string; nextRunAt: string }>): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insertInto('jobs')
    .values(jobs.map((job) => ({ name: job.name, next_run_at: job.nextRunAt })))
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
}

export async function listJobRows(db: Executor, names: readonly string[]): Promise<JobRow[]> {
  if (names.length === 0) return [];
  const rows = await db.selectFrom('jobs').selectAll().where('name', 'in', names).execute();
  return rows.map((row) => ({
    name: row.name,
    nextRunAt: row.next_run_at,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    lastStartedAt: row.last_started_at,
    lastFinishedAt: row.last_finished_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    runs: Number(row.runs),
  }));
}

export interface Claim {
  name: string;
  owner: string;
  at: string;
  leaseUntil: string;
  nextRunAt: string;
  /** Taken even when the job is not due yet (a run asked for by hand); never while another holds the lease. */
  evenIfNotDue: boolean;
}

/**
 * Takes the job's lease when nobody holds it (or the holder's lease ran out) and, unless asked
 * by hand, when it is due; moves its next run forward in the same statement. One statement
 * on one row: of two processes racing, the second finds the row changed and takes nothing.
 */
export async function claimJob(db: Executor, claim: Claim): Promise<boolean> {
  let query = db
    .updateTable('jobs')
    .set((eb) => ({
      lease_owner: claim.owner,
      lease_until: claim.leaseUntil,
      last_started_at: claim.at,
      next_run_at: claim.nextRunAt,
      runs: eb(eb.ref('runs'), '+', 1),
    }))
    .where('name', '=', claim.name)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', claim.at)]));
  if (!claim.evenIfNotDue) query = query.where('next_run_at', '<=', claim.at);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives the lease back and records how the run ended; false when the lease was no longer this owner's. */
export async function finishJob(db: Executor, run: { name: string; owner: string; at: string; error?: string }): Promise<boolean> {
  const outcome = run.error === undefined ? {} : { last_error: run.error, last_error_at: run.at };
  const result = await db
    .updateTable('jobs')
    .set({ lease_owner: null, lease_until: null, last_finished_at: run.at, ...outcome })
    .where('name', '=', run.name)
    .where('lease_owner', '=', run.owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
