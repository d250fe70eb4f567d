// A throwaway PostgreSQL cluster for the test suite: a temporary folder, a free port on
// 127.0.0.1, trust authentication, gone after `stop()`. Uses the installed PostgreSQL
// binaries (Debian: /usr/lib/postgresql/15/bin). As root, the server refuses to run, so
// every binary runs as the `postgres` system user, which owns the folder.
//
// Run alone for development: `node --import tsx scripts/postgres.ts` prints the URL to put
// in TEST_PG_URL and keeps the cluster until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isRoot, userIds } from './system.ts';

export const DEFAULT_PG_BIN = '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres, a superuser that may create databases. */
  url: string;
  port: number;
  dir: string;
  /** Stops the server and deletes its folder; safe to call twice. */
  stop: () => void;
}

export function postgresBinDir(): string {
  return process.env.PG_BIN ?? DEFAULT_PG_BIN;
}

/** Why the cluster cannot be started here, or undefined when it can. */
export function postgresUnavailable(binDir = postgresBinDir()): string | undefined {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(binDir, tool))) return `${join(binDir, tool)} is missing`;
  }
  if (isRoot() && userIds('postgres') === undefined) return 'running as root but there is no `postgres` system user';
  return undefined;
}

/** Runs a PostgreSQL binary, as the postgres user when we are root; throws with its output. */
function run(binDir: string, tool: string, args: string[], owner: { uid: number; gid: number } | undefined, cwd: string): void {
  const result = spawnSync(join(binDir, tool), args, {
    cwd,
    encoding: 'utf8',
    uid: owner?.uid,
    gid: owner?.gid,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    timeout: 60_000,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim();
    throw new Error(`${tool} ${args.join(' ')} failed (exit ${result.status}):\n${output}`);
  }
}

export async function startPostgres(binDir = postgresBinDir(), durable = false): Promise<ThrowawayPostgres> {
  const unavailable = postgresUnavailable(binDir);
  if (unavailable) throw new Error(`PostgreSQL cannot start: ${unavailable}`);
  const owner = isRoot() ? userIds('postgres') : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'conciergerie-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const port = await freePort();
  let started = false;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (started) run(binDir, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], owner, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run(binDir, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], owner, dir);
    // fsync off: a test cluster is thrown away, durability only costs time here (the
    // benchmark asks for a durable one: its figures must be those of a real server).
    const unsafe = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${unsafe} -c max_connections=200`;
    started = true;
    run(binDir, 'pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start'], owner, dir);
  } catch (error) {
    const serverLog = existsSync(log) ? `\n--- server log ---\n${readFileSync(log, 'utf8').slice(-4000)}` : '';
    try {
      stop();
    } catch {
      // the original error says more than a failed stop
    }
    throw new Error(`${error instanceof Error ? error.message : String(error)}${serverLog}`);
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
}

// Development use: keep a cluster running until Ctrl-C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const cluster = await startPostgres();
  console.log(`PostgreSQL is running. Run the tests against it with:\n  TEST_DIALECT=postgres TEST_PG_URL=${cluster.url} node --import tsx --test <files>\nCtrl-C stops and deletes it.`);
  const stopAndExit = () => {
    cluster.stop();
    process.exit(0);
  };
  process.once('SIGINT', stopAndExit);
  process.once('SIGTERM', stopAndExit);
  setInterval(() => {}, 1 << 30);
}
