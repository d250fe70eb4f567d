// Background work: named jobs, each run every so many seconds by whichever app process takes
// its lease first. The lease lives in the `jobs` table (one row per job), taken by one
// conditional update that also moves the next run forward, so with several processes on one
// database each due run happens once. A job's own work stays safe to run twice at once all
// the same (a run longer than its lease can be started again elsewhere): the lease saves the
// work, the job's idempotence keeps the data right.
//
// Each process runs one scheduler: a single timer that, every tick, reads the rows and starts
// the jobs that are due and free. Areas define their jobs and export them from their index;
// app.ts lists them all, in one place.
import { hostname } from 'node:os';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { addSeconds, nowIso } from './clock.ts';
import { t } from './i18n/index.ts';
import { newId } from './ids.ts';
import { claimJob, finishJob, insertMissingJobs, listJobRows, type Claim, type JobRow } from './jobs.repository.ts';

export interface JobLog {
  error: (error: unknown, message: string) => void;
}

/** What a job's run is given. */
export interface JobContext {
  db: Db;
  config: Config;
  log: JobLog;
}

export interface Job {
  /** Lower-case words joined by hyphens, as `npm run job -- <name>` takes it. */
  name: string;
  /** What it does, in French, for the jobs page and the command line. */
  label: string;
  everySeconds: number;
  /** After the first process ever starts, the first run waits this long (default: one period). */
  firstRunAfterSeconds?: number;
  /** How long a run may hold the job before another process may take it (default 15 minutes). */
  leaseSeconds?: number;
  run: (ctx: JobContext) => Promise<void>;
}

export const JOB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const DEFAULT_LEASE_SECONDS = 15 * 60;
/** Bounds of the scheduler's tick: it never waits longer than this to notice a due job. */
const MIN_TICK_SECONDS = 1;
const MAX_TICK_SECONDS = 30;
/** The longest error message kept for the jobs page. */
const ERROR_MAX_LENGTH = 500;

/** Checks a list of jobs once, where they are put together: names unique and well formed, periods positive. */
export function checkJobs(jobs: readonly Job[]): readonly Job[] {
  const seen = new Set<string>();
  for (const job of jobs) {
    if (!JOB_NAME.test(job.name)) throw new Error(`job name "${job.name}" must be lower-case words joined by hyphens`);
    if (seen.has(job.name)) throw new Error(`two jobs are named "${job.name}"`);
    if (!(job.everySeconds >= 1)) throw new Error(`job "${job.name}" must run at least one second apart`);
    seen.add(job.name);
  }
  return jobs;
}

// ---- the lease, as pure functions of the instant ----

/** The claim a process makes at `at` for one run of `job`. */
export function claimOf(job: Job, owner: string, at: string, evenIfNotDue = false): Claim {
  return {
    name: job.name,
    owner,
    at,
    leaseUntil: addSeconds(at, job.leaseSeconds ?? DEFAULT_LEASE_SECONDS),
    nextRunAt: addSeconds(at, job.everySeconds),
    evenIfNotDue,
  };
}

/** When a job seen for the first time is first due. */
export function firstRunAt(job: Job, at: string): string {
  return addSeconds(at, job.firstRunAfterSeconds ?? job.everySeconds);
}

/** Someone runs it now: its lease holds at `at`. */
export function isLeased(row: Pick<JobRow, 'leaseUntil'>, at: string): boolean {
  return row.leaseUntil !== null && row.leaseUntil >= at;
}

/** It may be started at `at`: due, and nobody's lease holds. The same test the claim's update makes. */
export function isDue(row: Pick<JobRow, 'nextRunAt' | 'leaseUntil'>, at: string): boolean {
  return row.nextRunAt <= at && !isLeased(row, at);
}

/** How often, in words: « toutes les 5 secondes », « toutes les heures », « tous les jours ». */
export function everyLabel(seconds: number): string {
  const units = [
    { size: 86_400, one: 'jobs.every.day', many: 'jobs.every.days' },
    { size: 3_600, one: 'jobs.every.hour', many: 'jobs.every.hours' },
    { size: 60, one: 'jobs.every.minute', many: 'jobs.every.minutes' },
  ] as const;
  for (const unit of units) {
    if (seconds % unit.size !== 0) continue;
    const count = seconds / unit.size;
    return count === 1 ? t(unit.one) : t(unit.many, { count });
  }
  return seconds === 1 ? t('jobs.every.second') : t('jobs.every.seconds', { count: seconds });
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.trim() || t('jobs.error.no_message')).slice(0, ERROR_MAX_LENGTH);
}

/** Names this process in the lease column: host, process and a random part (two apps in one process differ). */
export function newOwner(): string {
  return `${hostname()}:${process.pid}:${newId().slice(-12)}`;
}

// ---- one run ----

export type RunOutcome =
  /** ran to its end */
  | { status: 'done' }
  /** ran and failed; the message is recorded */
  | { status: 'failed'; error: string; cause: unknown }
  /** another run holds the lease, or the job is not due: nothing was run */
  | { status: 'not_taken' };

/**
 * Runs `job` once if this owner takes its lease (when due, or at once with `evenIfNotDue`,
 * still never beside a run that holds the lease), then records how it ended.
 */
export async function runJob(ctx: JobContext, job: Job, owner: string, options: { evenIfNotDue?: boolean } = {}): Promise<RunOutcome> {
  const at = nowIso();
  if (!(await claimJob(ctx.db, claimOf(job, owner, at, options.evenIfNotDue)))) return { status: 'not_taken' };
  let failure: { cause: unknown } | undefined;
  try {
    await job.run(ctx);
  } catch (cause) {
    failure = { cause };
  }
  const error = failure ? messageOf(failure.cause) : undefined;
  const finished = await finishJob(ctx.db, { name: job.name, owner, at: nowIso(), error });
  if (!finished) ctx.log.error(new Error(`job ${job.name} outlived its lease`), `job ${job.name} ran longer than its lease; another process may have run it meanwhile`);
  return failure ? { status: 'failed', error: error!, cause: failure.cause } : { status: 'done' };
}

/** Runs a job at once, asked by hand (the command line), unless a run holds its lease. */
export async function runJobNow(ctx: JobContext, job: Job, owner = newOwner()): Promise<RunOutcome> {
  await insertMissingJobs(ctx.db, [{ name: job.name, nextRunAt: firstRunAt(job, nowIso()) }]);
  return runJob(ctx, job, owner, { evenIfNotDue: true });
}

// ---- the scheduler ----

export interface Scheduler {
  readonly jobs: readonly Job[];
  /** Starts the jobs due now that no process runs; resolves once they are started (not finished). */
  runDue: () => Promise<void>;
  /** Resolves when every run this scheduler started has ended. */
  idle: () => Promise<void>;
  start: () => void;
  /** Stops the timer and waits for the runs under way. */
  stop: () => Promise<void>;
}

function tickSecondsOf(jobs: readonly Job[]): number {
  const shortest = Math.min(...jobs.map((job) => job.everySeconds), MAX_TICK_SECONDS);
  return Math.max(MIN_TICK_SECONDS, shortest);
}

/** The scheduler of one process; `start()` sets its single timer going. */
export function createScheduler(ctx: JobContext, jobs: readonly Job[], owner = newOwner()): Scheduler {
  const running = new Map<string, Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let tick: Promise<void> = Promise.resolve();
  let stopped = false;
  let rowsReady = false;

  async function runDue(): Promise<void> {
    const at = nowIso();
    if (!rowsReady) {
      await insertMissingJobs(ctx.db, jobs.map((job) => ({ name: job.name, nextRunAt: firstRunAt(job, at) })));
      rowsReady = true;
    }
    const rows = new Map((await listJobRows(ctx.db, jobs.map((job) => job.name))).map((row) => [row.name, row]));
    for (const job of jobs) {
      const row = rows.get(job.name);
      // A run of this process still going is left alone, whatever its lease says.
      if (stopped || !row || running.has(job.name) || !isDue(row, at)) continue;
      const run = runJob(ctx, job, owner)
        .then((outcome) => {
          if (outcome.status === 'failed') ctx.log.error(outcome.cause, `job ${job.name} failed`);
        })
        .catch((error: unknown) => ctx.log.error(error, `job ${job.name} could not be started or recorded`))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    }
  }

  async function idle(): Promise<void> {
    while (running.size > 0) await Promise.all(running.values());
  }

  function schedule(seconds: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      tick = runDue()
        .catch((error: unknown) => ctx.log.error(error, 'the job scheduler could not read the jobs'))
        .finally(() => schedule(tickSecondsOf(jobs)));
    }, seconds * 1000);
    timer.unref();
  }

  return {
    jobs,
    runDue,
    idle,
    start: () => {
      if (jobs.length > 0 && timer === undefined) schedule(0);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await tick;
      await idle();
    },
  };
}

// ---- what the jobs page shows ----

export interface JobStatus {
  name: string;
  label: string;
  everySeconds: number;
  /** A run holds the lease now (started at lastStartedAt). */
  running: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  /** The last run that ended, ended in error. */
  lastRunFailed: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Undefined until a process has seen the job. */
  nextRunAt: string | undefined;
  runs: number;
}

export async function jobStatuses(db: Db, jobs: readonly Job[], at = nowIso()): Promise<JobStatus[]> {
  const rows = new Map((await listJobRows(db, jobs.map((job) => job.name))).map((row) => [row.name, row]));
  return jobs.map((job) => {
    const row = rows.get(job.name);
    return {
      name: job.name,
      label: job.label,
      everySeconds: job.everySeconds,
      running: row ? isLeased(row, at) : false,
      lastStartedAt: row?.lastStartedAt ?? null,
      lastFinishedAt: row?.lastFinishedAt ?? null,
      lastRunFailed: Boolean(row?.lastErrorAt && row.lastErrorAt === row.lastFinishedAt),
      lastError: row?.lastError ?? null,
      lastErrorAt: row?.lastErrorAt ?? null,
      nextRunAt: row?.nextRunAt,
      runs: row?.runs ?? 0,
    };
  });
}
