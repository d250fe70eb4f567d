// The processes the bench measures: the app as it runs in production on the seeded demo town,
// a bare fastify hello, `src/main.ts` commands, and a durable throwaway PostgreSQL. Every
// server runs in its own process; the load comes from the bench's process.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createDb } from '../../src/db/index.ts';
import { freePort, startAppProcess, type AppProcess } from '../../test/helpers/server.ts';
import { startPostgres } from '../postgres.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SESSION_SECRET = 'bench-secret-0123456789-0123456789-0123';
export const APP_ENV = { NODE_ENV: 'production', SESSION_SECRET, LOG_LEVEL: 'warn', MAIL_WORKER: 'false', TRUST_PROXY: '127.0.0.1' };

/** Node flags for the app processes: `--profile-app=DIR` makes each write a CPU profile there when it stops. */
export const profileArgs = (profileDir: string | undefined) => (profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);

export async function startHello(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/hello.ts', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`hello server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

/** `src/main.ts <command>` in its own process; rejects when it fails. */
export function runMain(command: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', command], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    child.on('close', (code) => (code === 0 ? resolveRun() : rejectRun(new Error(`src/main.ts ${command} exited with ${code}`))));
  });
}

export interface DemoTown {
  databaseUrl: string;
  /** Starts the app in production on the town; several may run one after the other. */
  start: () => Promise<AppProcess>;
  remove: () => void;
}

const seed = (url: string) => runMain('seed', { NODE_ENV: 'development', DATABASE_URL: url, LOG_LEVEL: 'warn' });

let seededSqlite: Promise<string> | undefined;

/** The demo town seeded once per bench into a SQLite file, removed when the bench ends. */
function seededSqliteFile(): Promise<string> {
  seededSqlite ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conciergerie-seeded-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'town.db');
    await seed(`sqlite:${file}`);
    return file;
  })();
  return seededSqlite;
}

/**
 * The demo town seeded by the development command into a database the app then serves in
 * production (production never seeds). On SQLite each figure gets its own copy of a town
 * seeded once (the seed takes a quarter of a minute); on PostgreSQL, `databaseUrl` is seeded.
 */
export async function seedDemoTown(nodeArgs: string[], databaseUrl?: string): Promise<DemoTown> {
  const dir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'conciergerie-bench-'));
  const url = databaseUrl ?? `sqlite:${join(dir!, 'town.db')}`;
  if (databaseUrl) await seed(databaseUrl);
  else {
    const seeded = await seededSqliteFile();
    // The seed process has closed the file, which empties its WAL; a WAL left over is copied too.
    for (const suffix of ['', '-wal']) if (existsSync(seeded + suffix)) copyFileSync(seeded + suffix, join(dir!, `town.db${suffix}`));
  }
  return {
    databaseUrl: url,
    start: () => startAppProcess({ ...APP_ENV, DATABASE_URL: url }, undefined, nodeArgs),
    remove: () => dir && rmSync(dir, { recursive: true, force: true }),
  };
}

/** The app on a freshly seeded demo town, removed with the app. */
export async function startDemoTown(nodeArgs: string[], databaseUrl?: string): Promise<AppProcess> {
  const town = await seedDemoTown(nodeArgs, databaseUrl);
  try {
    const app = await town.start();
    return { ...app, databaseUrl: town.databaseUrl, stop: async () => {
      await app.stop();
      town.remove();
    } };
  } catch (error) {
    town.remove();
    throw error;
  }
}

/**
 * A durable throwaway PostgreSQL (fsync on, as a real server) with an empty database `name`;
 * the cluster is stopped when `use` ends.
 */
export async function withPostgres<T>(name: string, use: (url: string, clusterUrl: string) => Promise<T>): Promise<T> {
  const cluster = await startPostgres(undefined, true);
  try {
    const admin = createDb({ dialect: 'postgres', url: cluster.url });
    await sql`create database ${sql.id(name)}`.execute(admin);
    await admin.destroy();
    return await use(cluster.url.replace(/\/postgres$/, `/${name}`), cluster.url);
  } finally {
    cluster.stop();
  }
}
