// Repeating the closing figure cheaply: the month is generated once (generateMonth of
// scripts/bench/closing.ts), then each run closes a fresh copy of it in its own process and
// checks the result. SQLite: the file is copied after the generator's checkpoint (the WAL is
// empty, so the file alone is the database). PostgreSQL: `CREATE DATABASE … TEMPLATE`.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Period } from '../../src/settlement/settlement.statements.rules.ts';
import { generateMonth, runClosing, verifyClosing, type ClosingFigure, type ClosingSizes } from './closing.ts';

/** A generated month, closed again on a copy at each `close()`. */
export interface MonthTemplate {
  sizes: ClosingSizes;
  generationMs: number;
  close: (profileDir?: string) => Promise<ClosingFigure>;
  remove: () => Promise<void>;
}

interface Generated {
  period: Period;
  purchaseOrders: number;
  generationMs: number;
}

async function generate(env: Record<string, string>, sizes: ClosingSizes): Promise<Generated> {
  const config = loadConfig(env);
  const db = createDb(config.database);
  const started = performance.now();
  try {
    await migrateToLatest(db);
    const { month, period } = await generateMonth(db, config, sizes);
    return { period, purchaseOrders: month.purchaseOrders, generationMs: performance.now() - started };
  } finally {
    await db.destroy();
  }
}

/** Closes the month in the database of `env` (a fresh copy), checks it and answers the figures. */
async function closeCopy(env: Record<string, string>, sizes: ClosingSizes, month: Generated, profileDir?: string): Promise<ClosingFigure> {
  const report = await runClosing(env, month.period, profileDir);
  const check = createDb(loadConfig(env).database);
  try {
    await verifyClosing(check, sizes, month.purchaseOrders);
  } finally {
    await check.destroy();
  }
  // The child's other fields (memory at start, statements…) are the figure's as they are.
  const { elapsedMs, maxRssKb, ...rest } = report;
  return { ...rest, lines: sizes.lines, purchaseOrders: month.purchaseOrders, generationMs: month.generationMs, closingMs: elapsedMs, peakRssKb: maxRssKb };
}

const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

/** A durable SQLite file (WAL, synchronous=FULL, as the app opens it) in a temporary folder. */
export async function sqliteMonth(env: Record<string, string>, sizes: ClosingSizes): Promise<MonthTemplate> {
  const dir = mkdtempSync(join(tmpdir(), 'conciergerie-closing-'));
  const template = join(dir, 'month.db');
  const copy = join(dir, 'closing.db');
  const removeCopy = () => [copy, ...SQLITE_SIDE_FILES.map((suffix) => copy + suffix)].forEach((file) => rmSync(file, { force: true }));
  try {
    const month = await generate({ ...env, DATABASE_URL: `sqlite:${template}` }, sizes);
    if (SQLITE_SIDE_FILES.some((suffix) => existsSync(template + suffix))) throw new Error('the month’s SQLite file still has a WAL after the checkpoint: a copy would miss rows');
    return {
      sizes,
      generationMs: month.generationMs,
      close: async (profileDir) => {
        removeCopy();
        copyFileSync(template, copy);
        try {
          return await closeCopy({ ...env, DATABASE_URL: `sqlite:${copy}` }, sizes, month, profileDir);
        } finally {
          removeCopy();
        }
      },
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A database `name` of the cluster at `clusterUrl` (the `postgres` database of a superuser). */
export async function postgresMonth(env: Record<string, string>, clusterUrl: string, name: string, sizes: ClosingSizes): Promise<MonthTemplate> {
  const admin = createDb({ dialect: 'postgres', url: clusterUrl });
  const urlOf = (database: string) => clusterUrl.replace(/\/postgres$/, `/${database}`);
  const copy = `${name}_copy`;
  const drop = (database: string) => sql`drop database if exists ${sql.id(database)}`.execute(admin);
  try {
    await sql`create database ${sql.id(name)}`.execute(admin);
    const month = await generate({ ...env, DATABASE_URL: urlOf(name) }, sizes);
    return {
      sizes,
      generationMs: month.generationMs,
      close: async (profileDir) => {
        await drop(copy);
        await sql`create database ${sql.id(copy)} template ${sql.id(name)}`.execute(admin);
        try {
          return await closeCopy({ ...env, DATABASE_URL: urlOf(copy) }, sizes, month, profileDir);
        } finally {
          await drop(copy);
        }
      },
      remove: async () => {
        await drop(name);
        await admin.destroy();
      },
    };
  } catch (error) {
    await admin.destroy();
    throw error;
  }
}
