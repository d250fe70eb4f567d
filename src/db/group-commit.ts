// Group commit for SQLite. One durable COMMIT (WAL with synchronous=FULL) costs an fsync,
// several milliseconds on an ordinary disk, and better-sqlite3 waits for it synchronously:
// one transaction per checkout would cap the whole site at a few hundred commits a second.
// Transactions that arrive while a commit is running are queued and run together, one after
// the other, inside one transaction, each in its own SAVEPOINT:
// - a unit of work that fails is rolled back to its savepoint and fails alone;
// - every caller's promise settles only after the shared COMMIT, so what a caller was told
//   is committed is on disk, and a failed COMMIT fails every unit of the group;
// - the units run one at a time on SQLite's single connection, exactly as separate
//   transactions would, so each sees the ones before it and isolation is unchanged.
// Nothing is kept between groups: several processes may share the file as before.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Unit {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Units per group at most: a group holds the connection, so other reads wait for it. */
const MAX_UNITS_PER_GROUP = 64;

export class GroupCommitter {
  private readonly queue: Unit[] = [];
  private draining = false;

  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in a transaction shared with the units queued at the same time. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // better-sqlite3 answers synchronously, so a request runs from its arrival to its
        // transaction without giving the event loop a turn: started at once, every group
        // would hold one unit. Waiting for the end of this turn of the loop lets the
        // submissions that arrived with this one join the group and share its commit.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.runGroup(this.queue.splice(0, MAX_UNITS_PER_GROUP));
    } finally {
      this.draining = false;
    }
  }

  private async runGroup(units: Unit[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.commitTogether(units);
    } catch (error) {
      for (const unit of units) unit.reject(error);
      return;
    }
    outcomes.forEach((outcome, index) => (outcome.ok ? units[index].resolve(outcome.value) : units[index].reject(outcome.error)));
  }

  /** The units' outcomes once committed; throws (all rolled back) when the group itself fails. */
  private async commitTogether(units: Unit[]): Promise<Outcome[]> {
    const trx = await this.db.startTransaction().execute();
    try {
      const outcomes: Outcome[] = [];
      for (const unit of units) outcomes.push(await runInSavepoint(trx, unit.work));
      await trx.commit().execute();
      return outcomes;
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      throw error;
    }
  }
}

async function runInSavepoint(trx: Awaited<ReturnType<ReturnType<Kysely<Database>['startTransaction']>['execute']>>, work: Work<unknown>): Promise<Outcome> {
  const unit = await trx.savepoint('unit').execute();
  try {
    const value = await work(unit);
    await unit.releaseSavepoint('unit').execute();
    return { ok: true, value };
  } catch (error) {
    // A failure of the rollback itself escapes: the whole group is then rolled back.
    await unit.rollbackToSavepoint('unit').execute();
    await unit.releaseSavepoint('unit').execute();
    return { ok: false, error };
  }
}
