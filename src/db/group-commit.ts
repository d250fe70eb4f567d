// Group commit for SQLite. One durable COMMIT (WAL with synchronous=FULL) costs an fsync,
// several milliseconds on an ordinary disk, and better-sqlite3 waits for it synchronously:
// one transaction per checkout would cap the whole site at a few hundred commits a second.
// Transactions that arrive in the same turn of the event loop, or while a group is running,
// are queued and run together, one after the other, inside one transaction, each in its own
// SAVEPOINT:
// - a unit of work that fails is rolled back to its savepoint and fails alone;
// - every caller's promise settles only after the shared COMMIT, so what a caller was told
//   is committed is on disk, and a failed COMMIT fails every unit of the group;
// - the units run one at a time on SQLite's single connection, exactly as separate
//   transactions would, so each sees the ones before it and isolation is unchanged.
// Nothing is kept between groups: several processes may share the file as before.
//
// The durable part of a commit, the fsync of the WAL, would stop the whole process while the
// disk works (milliseconds, more on a busy disk). A group therefore commits with
// synchronous=NORMAL, which writes the WAL without waiting for the disk, then has the WAL
// flushed by an fdatasync in node's thread pool, and settles its callers only once that
// flush is done: what a caller is told is committed is on disk, exactly as with FULL, and
// meanwhile the next group runs (one flush at a time, shared by the groups committed while
// it runs: wal-flush.ts). The connection is set back to FULL before anyone else may
// use it, so every other write keeps its own durable commit.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { WalFlusher } from './wal-flush.ts';

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
  /** Undefined for a database in memory; until its WAL file exists, groups commit with FULL. */
  private readonly flusher: WalFlusher | undefined;

  /** `walFile`: the database's `-wal` file, undefined for a database in memory. */
  constructor(
    private readonly db: Kysely<Database>,
    walFile?: string,
  ) {
    this.flusher = walFile === undefined ? undefined : new WalFlusher(walFile);
  }

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

  /** Commits the group, then settles its units once the commit is on disk; the next group does not wait for the disk. */
  private async runGroup(units: Unit[]): Promise<void> {
    const rejectAll = (error: unknown) => units.forEach((unit) => unit.reject(error));
    const flusher = this.flusher?.usable() ? this.flusher : undefined;
    let outcomes: Outcome[];
    try {
      outcomes = await this.commitTogether(units, flusher);
    } catch (error) {
      rejectAll(error);
      return;
    }
    const settle = () => outcomes.forEach((outcome, index) => (outcome.ok ? units[index].resolve(outcome.value) : units[index].reject(outcome.error)));
    if (flusher) void flusher.flush().then(settle, rejectAll);
    else settle();
  }

  /** The units' outcomes once committed; throws (all rolled back) when the group itself fails. */
  private async commitTogether(units: Unit[], flusher: WalFlusher | undefined): Promise<Outcome[]> {
    // One connection for the whole group, so that no other statement runs while it is NORMAL.
    return this.db.connection().execute(async (connection) => {
      if (flusher) await sql`pragma synchronous = normal`.execute(connection);
      try {
        const trx = await connection.startTransaction().execute();
        try {
          const outcomes: Outcome[] = [];
          for (const unit of units) outcomes.push(await runInSavepoint(trx, unit.work));
          await trx.commit().execute();
          return outcomes;
        } catch (error) {
          await trx.rollback().execute().catch(() => undefined);
          throw error;
        }
      } finally {
        if (flusher) await sql`pragma synchronous = full`.execute(connection).catch((error: unknown) => {
          flusher.markBroken();
          throw error;
        });
      }
    });
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
