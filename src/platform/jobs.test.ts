// The jobs' lease: when a job is due, who may take it, and that of several takers at one
// instant exactly one runs it — on two connections to one SQLite file, as two processes would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { createDb, type Db } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { addSeconds, nowIso } from './clock.ts';
import { checkJobs, claimOf, createScheduler, everyLabel, firstRunAt, isDue, isLeased, runJob, runJobNow, jobStatuses, type Job, type JobContext } from './jobs.ts';
import { claimJob, finishJob, insertMissingJobs, listJobRows } from './jobs.repository.ts';

const AT = '2026-12-02T09:05:00.000Z';
const LONG_AGO = '2000-01-01T00:00:00.000Z';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function job(fields: Partial<Job> = {}): Job {
  return { name: 'test-job', label: 'Une tâche', everySeconds: 60, run: async () => {}, ...fields };
}

describe('the lease as pure rules', () => {
  test('a claim leases the job for its lease time and moves the next run one period on', () => {
    const claim = claimOf(job({ leaseSeconds: 120 }), 'a', AT);
    assert.deepEqual(claim, { name: 'test-job', owner: 'a', at: AT, leaseUntil: '2026-12-02T09:07:00.000Z', nextRunAt: '2026-12-02T09:06:00.000Z', evenIfNotDue: false });
    assert.equal(claimOf(job(), 'a', AT).leaseUntil, '2026-12-02T09:20:00.000Z', 'fifteen minutes unless told');
  });

  test('a job seen for the first time is due one period later, or when it says', () => {
    assert.equal(firstRunAt(job(), AT), '2026-12-02T09:06:00.000Z');
    assert.equal(firstRunAt(job({ firstRunAfterSeconds: 0 }), AT), AT);
  });

  test('due: its time has come and no lease holds', () => {
    const free = { nextRunAt: AT, leaseUntil: null };
    assert.equal(isDue(free, AT), true);
    assert.equal(isDue(free, addSeconds(AT, -1)), false, 'not before its time');
    const leased = { nextRunAt: AT, leaseUntil: addSeconds(AT, 30) };
    assert.equal(isLeased(leased, AT), true);
    assert.equal(isDue(leased, AT), false, 'not while someone runs it');
    assert.equal(isDue(leased, addSeconds(AT, 31)), true, 'a lease that ran out (its process died) frees the job');
  });

  test('how often, in French words', () => {
    assert.equal(everyLabel(1), 'toutes les secondes');
    assert.equal(everyLabel(5), 'toutes les 5 secondes');
    assert.equal(everyLabel(90), 'toutes les 90 secondes');
    assert.equal(everyLabel(60), 'toutes les minutes');
    assert.equal(everyLabel(600), 'toutes les 10 minutes');
    assert.equal(everyLabel(3600), 'toutes les heures');
    assert.equal(everyLabel(7200), 'toutes les 2 heures');
    assert.equal(everyLabel(86_400), 'tous les jours');
  });

  test('a list of jobs is refused with two of one name, a badly formed name, or no period', () => {
    assert.throws(() => checkJobs([job(), job()]), /two jobs are named "test-job"/);
    assert.throws(() => checkJobs([job({ name: 'Grand Livre' })]), /lower-case words/);
    assert.throws(() => checkJobs([job({ everySeconds: 0 })]), /at least one second/);
    assert.equal(checkJobs([job(), job({ name: 'other-job' })]).length, 2);
  });
});

describe('the lease in the database, two connections on one file', () => {
  let dir: string;
  let first: Db;
  let second: Db;
  const config = loadConfig({ NODE_ENV: 'test' });
  const silent = { error: () => {} };
  const ctxOf = (db: Db): JobContext => ({ db, config, log: silent });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'conciergerie-jobs-'));
    const file = join(dir, 'jobs.db');
    first = createDb({ dialect: 'sqlite', file });
    await migrateToLatest(first);
    second = createDb({ dialect: 'sqlite', file });
  });

  after(async () => {
    await first.destroy();
    await second.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  let serial = 0;
  /** A job of a name of its own, due at `nextRunAt` (AT, or long ago for a run on the real clock). */
  async function dueJob(fields: Partial<Job> = {}, nextRunAt = AT): Promise<Job> {
    serial += 1;
    const defined = job({ name: `job-${serial}`, ...fields });
    await insertMissingJobs(first, [{ name: defined.name, nextRunAt }]);
    return defined;
  }

  test('a row is created once: a second process starting later keeps the first one’s schedule', async () => {
    const defined = job({ name: 'created-once' });
    await insertMissingJobs(first, [{ name: defined.name, nextRunAt: AT }]);
    await insertMissingJobs(second, [{ name: defined.name, nextRunAt: addSeconds(AT, 999) }]);
    const [row] = await listJobRows(first, [defined.name]);
    assert.equal(row.nextRunAt, AT);
    assert.equal(row.runs, 0);
  });

  test('of two processes claiming a due job at the same instant, exactly one gets it', async () => {
    const defined = await dueJob();
    const results = await Promise.all([claimJob(first, claimOf(defined, 'a', AT)), claimJob(second, claimOf(defined, 'b', AT))]);
    assert.deepEqual(results.filter(Boolean), [true]);
    const [row] = await listJobRows(first, [defined.name]);
    assert.equal(row.runs, 1);
    assert.equal(row.leaseOwner, results[0] ? 'a' : 'b');
    assert.equal(row.nextRunAt, addSeconds(AT, 60));
  });

  test('nobody takes a job not due, nor one whose lease holds (not even by hand); a lease that ran out is taken', async () => {
    const defined = await dueJob({ leaseSeconds: 90 });
    assert.equal(await claimJob(first, claimOf(defined, 'a', addSeconds(AT, -1))), false, 'not due yet');
    assert.equal(await claimJob(first, claimOf(defined, 'a', AT)), true);
    assert.equal(await claimJob(second, claimOf(defined, 'b', addSeconds(AT, 10), true)), false, 'by hand, beside a run under way');
    assert.equal(await claimJob(second, claimOf(defined, 'b', addSeconds(AT, 60))), false, 'due again, still leased');
    assert.equal(await claimJob(second, claimOf(defined, 'b', addSeconds(AT, 91))), true, 'the first process died: its lease ran out');
    assert.equal(await finishJob(first, { name: defined.name, owner: 'a', at: addSeconds(AT, 92) }), false, 'the late first run records nothing');
    assert.equal(await finishJob(second, { name: defined.name, owner: 'b', at: addSeconds(AT, 93), error: 'boom' }), true);
    const [row] = await listJobRows(first, [defined.name]);
    assert.deepEqual([row.leaseOwner, row.leaseUntil, row.lastFinishedAt, row.lastError, row.lastErrorAt, row.runs], [null, null, addSeconds(AT, 93), 'boom', addSeconds(AT, 93), 2]);
  });

  test('a run records how it ended; a later success keeps the last error and its date', async () => {
    let fail = true;
    const defined = await dueJob({
      run: async () => {
        if (fail) throw new Error('serveur injoignable');
      },
    });
    const failed = await runJobNow(ctxOf(first), defined, 'a');
    assert.equal(failed.status, 'failed');
    fail = false;
    assert.deepEqual(await runJobNow(ctxOf(first), defined, 'a'), { status: 'done' });
    const [status] = await jobStatuses(first, [defined]);
    assert.equal(status.lastError, 'serveur injoignable');
    assert.equal(status.lastRunFailed, false);
    assert.equal(status.runs, 2);
    assert.equal(status.running, false);
  });

  test('two runners starting one slow job at once: it runs once', async () => {
    let runs = 0;
    const defined = await dueJob({
      run: async () => {
        runs += 1;
        await sleep(200);
      },
    }, LONG_AGO);
    const outcomes = await Promise.all([runJob(ctxOf(first), defined, 'a'), runJob(ctxOf(second), defined, 'b')]);
    assert.equal(runs, 1);
    assert.deepEqual(outcomes.map((outcome) => outcome.status).sort(), ['done', 'not_taken']);
  });

  test('two schedulers on one database: each due run happens once, and not again before its period', async () => {
    let runs = 0;
    const defined = job({
      name: 'scheduled-job',
      everySeconds: 3600,
      firstRunAfterSeconds: 0,
      run: async () => {
        runs += 1;
        await sleep(100);
      },
    });
    const a = createScheduler(ctxOf(first), [defined], 'a');
    const b = createScheduler(ctxOf(second), [defined], 'b');
    await Promise.all([a.runDue(), b.runDue()]);
    await Promise.all([a.idle(), b.idle()]);
    assert.equal(runs, 1);
    await Promise.all([a.runDue(), b.runDue()]);
    await Promise.all([a.idle(), b.idle()]);
    assert.equal(runs, 1, 'not due again for an hour');
    const [status] = await jobStatuses(first, [defined]);
    assert.equal(status.runs, 1);
    assert.ok(status.nextRunAt! > nowIso());
    await Promise.all([a.stop(), b.stop()]);
  });
});
