// One kysely instance per dialect, chosen by configuration; the rest of the code never
// knows which database it talks to.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig, type Transaction } from 'kysely';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './schema.ts';
import { GroupCommitter } from './group-commit.ts';
import { withStatementCache } from './statement-cache.ts';
import { prepareRepeatedStatements } from './pg-prepared.ts';

export type { Database } from './schema.ts';
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<Database> | Transaction<Database>;

// pg returns bigint (count, sum) and numeric as strings; our amounts fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const connection = new SQLite(file);
  // WAL with synchronous=FULL: a committed order survives a power cut.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  return connection;
}

/**
 * SQLite transactions take the write lock at BEGIN. A transaction that reads and then writes
 * would otherwise hold an old snapshot when it first writes: if another process (a job run
 * from the command line beside the server) wrote meanwhile, SQLite refuses at once with
 * « database is locked » instead of waiting. Taking the lock first makes it wait its turn.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/** The group committer of each SQLite database (PostgreSQL commits concurrently by itself). */
const groupCommitters = new WeakMap<Db, GroupCommitter>();

export function createDb(config: DatabaseConfig): Db {
  if (config.dialect === 'sqlite') {
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(openSqlite(config.file)) }) });
    groupCommitters.set(db, new GroupCommitter(db, config.file === ':memory:' ? undefined : `${config.file}-wal`));
    return db;
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  // An idle connection closed by the server (restart, failover, a dropped database) is
  // reported here; without a listener it would crash the process. The pool reconnects.
  pool.on('error', (error) => console.error(`PostgreSQL: idle connection lost (${error.message})`));
  pool.on('connect', prepareRepeatedStatements);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function dialectOf(config: DatabaseConfig): 'sqlite' | 'postgres' {
  return config.dialect;
}

/**
 * Runs `work` in a transaction. On SQLite, transactions arriving together share one durable
 * commit, each in its own savepoint (see group-commit.ts): use this for the short
 * transactions of form submissions, never for one that waits on anything but the database.
 */
export function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  const committer = groupCommitters.get(db);
  return committer ? committer.run(work) : db.transaction().execute(work);
}
