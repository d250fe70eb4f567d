// A fresh, migrated database and app for one test file. The dialect is chosen by the test
// script: TEST_DIALECT=postgres with TEST_PG_URL (a server where we may create databases),
// SQLite otherwise.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { createDb, type Db } from '../../src/db/index.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/app.ts';
import { randomBytes } from 'node:crypto';
import { SUITE_CLOCK_START } from './clock.ts';

export interface TestDatabase {
  db: Db;
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  drop: () => Promise<void>;
}

export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

async function createPostgresDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }) });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const db = createDb({ dialect: 'postgres', url: databaseUrl });
  return {
    db,
    databaseUrl,
    dialect: 'postgres',
    drop: async () => {
      await db.destroy();
      // pg's pool.end() resolves before its sockets have closed; forcing the drop under a
      // closing connection makes it raise an error nobody listens to. Let them go first.
      for (let tries = 0; tries < 100; tries += 1) {
        const { rows } = await sql<{ count: number }>`select count(*)::int as count from pg_stat_activity where datname = ${name}`.execute(admin);
        if (Number(rows[0]?.count) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
}

function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'conciergerie-test-'));
  const file = join(dir, 'test.db');
  const db = createDb({ dialect: 'sqlite', file });
  return {
    db,
    databaseUrl: `sqlite:${file}`,
    dialect: 'sqlite',
    drop: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An empty, migrated database of the dialect under test (`migrate: false`: without any table, as a new installation finds it). */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_PG_URL;
  if (testDialect() === 'postgres' && !adminUrl) throw new Error('TEST_DIALECT=postgres needs TEST_PG_URL');
  const database = testDialect() === 'postgres' ? await createPostgresDatabase(adminUrl!) : createSqliteDatabase();
  if (options.migrate !== false) await migrateToLatest(database.db);
  return database;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  /** The database's DATABASE_URL, for a command line run beside the app. */
  databaseUrl: string;
  close: () => Promise<void>;
}

/** The whole app on a fresh database; settings can be overridden as environment strings. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    MAIL_WORKER: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    DATABASE_URL: database.databaseUrl,
    ...(SUITE_CLOCK_START ? { CLOCK_START: SUITE_CLOCK_START } : {}),
    ...env,
  });
  const app = await buildApp(config, { db: database.db });
  await app.ready();
  return {
    app,
    db: database.db,
    config,
    databaseUrl: database.databaseUrl,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
