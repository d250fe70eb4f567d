// `npm test`: every check the project has, in order, with one summary at the end.
//   1. checks: typecheck, import rules (dependency-cruiser), environment read only in config.ts
//   2. unit + integration tests on SQLite
//   3. the same tests on a throwaway PostgreSQL cluster (scripts/postgres.ts)
//   4. browser tests in headless Chromium
// The suites that read mail by IMAP (those using test/helpers/imap.ts) get a throwaway
// dovecot (scripts/dovecot.ts), passed to them through TEST_IMAP_*.
// With CI=true a missing PostgreSQL, Chromium or dovecot fails the run; otherwise that stage
// (or, for dovecot, the inbox tests) is skipped with a note saying how to install it.
//
//   npm test -- --only=check|unit|sqlite|postgres|e2e[,...]   run some stages only
//   npm test -- auth money                                   only test files whose path contains a word
//   npm test -- --now=2027-03-28T00:30:00Z                   run as if it were that instant (CLOCK_START):
//                                                            the suite must pass on any day
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { postgresUnavailable, startPostgres, type ThrowawayPostgres } from './postgres.ts';
import { dovecotUnavailable, imapTestEnv, startDovecot, type ThrowawayImap } from './dovecot.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = join(ROOT, 'test-results');
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** A stage that runs longer than this is stopped and fails (CI has 90 minutes in all). */
const STAGE_TIMEOUT_MS = 45 * 60 * 1000;
// The article journeys (dozens of pages, each checked with axe) need up to four minutes on a quiet
// machine; the three-shop basket file took five and a half alone, so a file gets ten minutes.
const TEST_TIMEOUT_MS = 600_000;

const STAGES = ['check', 'unit', 'sqlite', 'postgres', 'e2e'] as const;
type Stage = (typeof STAGES)[number];

interface Row {
  suite: string;
  status: 'ok' | 'failed' | 'skipped';
  tests?: number;
  pass?: number;
  fail?: number;
  skipped?: number;
  durationMs: number;
  note?: string;
}

const rows: Row[] = [];
let current: { child?: ReturnType<typeof spawn>; postgres?: ThrowawayPostgres; imap?: ThrowawayImap } = {};

// ---------- small helpers ----------

function header(title: string): void {
  const line = '='.repeat(Math.max(20, title.length + 8));
  console.log(`\n${line}\n=== ${title}\n${line}`);
}

function listFiles(dir: string, accept: (name: string) => boolean): string[] {
  const base = join(ROOT, dir);
  if (!existsSync(base)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(base, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !accept(entry.name)) continue;
    const parent = entry.parentPath ?? (entry as unknown as { path: string }).path;
    found.push(relative(ROOT, join(parent, entry.name)));
  }
  return found.sort();
}

const isTestFile = (name: string) => /\.test\.tsx?$/.test(name);

function filtered(files: string[], filters: string[]): string[] {
  return filters.length === 0 ? files : files.filter((file) => filters.some((word) => file.includes(word)));
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs a command in its own process group, output to this terminal; resolves with its exit code. */
function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = STAGE_TIMEOUT_MS): Promise<number> {
  return new Promise((resolveCode) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    current.child = child;
    const timer = setTimeout(() => {
      console.error(`\n${command} ${args.slice(0, 3).join(' ')}… still running after ${seconds(timeoutMs)}: stopped.`);
      killGroup(child);
    }, timeoutMs);
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current.child = undefined;
      resolveCode(code ?? (signal ? 128 : 1));
    });
  });
}

function killGroup(child: ReturnType<typeof spawn>): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000).unref();
}

// ---------- stage 1: static checks ----------

/** Files under src/ other than config.ts that read process.env (dependency-cruiser cannot see it). */
function findEnvReads(): string[] {
  const offenders: string[] = [];
  for (const file of listFiles('src', (name) => /\.(ts|tsx|js|mjs)$/.test(name))) {
    if (file === join('src', 'config.ts')) continue;
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (/process\s*\.\s*env\b|process\s*\[\s*['"`]env['"`]\s*\]/.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
    });
  }
  return offenders;
}

async function timed(suite: string, work: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  const ok = await work();
  rows.push({ suite, status: ok ? 'ok' : 'failed', durationMs: Date.now() - started });
}

async function runChecks(): Promise<void> {
  header('Checks 1/3 — typecheck (tsc --noEmit)');
  await timed('typecheck', async () => (await runCommand('npx', ['--no-install', 'tsc', '--noEmit', '-p', '.'])) === 0);
  header('Checks 2/3 — import rules (dependency-cruiser)');
  await timed('import rules', async () => (await runCommand('npx', ['--no-install', 'depcruise', 'src', '--config', '.dependency-cruiser.cjs'])) === 0);
  header('Checks 3/3 — process.env is read only in src/config.ts');
  await timed('env only in config.ts', async () => {
    const offenders = findEnvReads();
    if (offenders.length === 0) {
      console.log('✔ no other file of src/ reads process.env');
      return true;
    }
    console.error(`✖ only src/config.ts may read process.env; pass settings through Config instead:\n  ${offenders.join('\n  ')}`);
    return false;
  });
}

// ---------- stages 2–4: node's test runner ----------

interface TapSummary {
  tests: number;
  pass: number;
  fail: number;
  cancelled: number;
  skipped: number;
  todo: number;
}

/** The closing `# tests N` … lines of a TAP stream (the last of each, at top level). */
function parseTapSummary(tap: string): TapSummary | undefined {
  const read = (key: string) => {
    const matches = [...tap.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
    return matches.length ? Number(matches[matches.length - 1][1]) : undefined;
  };
  const tests = read('tests');
  if (tests === undefined) return undefined;
  return { tests, pass: read('pass') ?? 0, fail: read('fail') ?? 0, cancelled: read('cancelled') ?? 0, skipped: read('skipped') ?? 0, todo: read('todo') ?? 0 };
}

async function runNodeTests(suite: string, slug: string, files: string[], env: NodeJS.ProcessEnv, concurrency: number): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const tapFile = join(RESULTS_DIR, `${slug}.tap`);
  console.log(`${files.length} file(s): ${files.join(' ')}\n`);
  const started = Date.now();
  const code = await runCommand(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      `--test-timeout=${TEST_TIMEOUT_MS}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    env,
  );
  const durationMs = Date.now() - started;
  const summary = existsSync(tapFile) ? parseTapSummary(readFileSync(tapFile, 'utf8')) : undefined;
  if (!summary) {
    rows.push({ suite, status: 'failed', durationMs, note: `no TAP summary (exit ${code})` });
    return;
  }
  const fail = summary.fail + summary.cancelled;
  const note = summary.tests === 0 ? 'ran no test' : code !== 0 && fail === 0 ? `exit ${code}` : summary.cancelled ? `${summary.cancelled} cancelled` : undefined;
  const ok = summary.tests > 0 && fail === 0 && code === 0;
  rows.push({ suite, status: ok ? 'ok' : 'failed', tests: summary.tests, pass: summary.pass, fail, skipped: summary.skipped + summary.todo, durationMs, note });
}

/** A stage that cannot run here: fails in CI, is skipped with a hint on a developer's machine. */
function unavailable(suite: string, reason: string, install: string): void {
  if (IN_CI) {
    console.error(`✖ ${suite}: ${reason}. CI must run every suite: install it in .ci/run (${install}).`);
    rows.push({ suite, status: 'failed', durationMs: 0, note: reason });
  } else {
    console.warn(`⚠ ${suite} skipped: ${reason}. To run it: ${install}`);
    rows.push({ suite, status: 'skipped', durationMs: 0, note: reason });
  }
}

function testEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', ...extra };
  if (!extra.TEST_DIALECT) {
    delete env.TEST_DIALECT;
    delete env.TEST_PG_URL;
  }
  return env;
}

// ---------- a throwaway IMAP server for the inbox tests ----------

const usesImap = (file: string) => readFileSync(join(ROOT, file), 'utf8').includes('helpers/imap.ts');

/**
 * Starts dovecot when some of the files read mail by IMAP and returns the TEST_IMAP_* settings
 * for them; without dovecot those tests skip themselves (and CI fails the run).
 */
async function imapFor(suite: string, files: string[]): Promise<Record<string, string>> {
  if (!files.some(usesImap)) return {};
  const reason = dovecotUnavailable();
  if (reason) {
    unavailable(`IMAP for ${suite}`, `dovecot not found (${reason}); the inbox tests skip`, 'apt-get install -y dovecot-imapd');
    return {};
  }
  try {
    const started = Date.now();
    current.imap = await startDovecot();
    console.log(`IMAP server (dovecot) up in ${seconds(Date.now() - started)} on port ${current.imap.port}.`);
    return imapTestEnv(current.imap);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    rows.push({ suite: `IMAP for ${suite}`, status: 'failed', durationMs: 0, note: 'dovecot did not start' });
    return {};
  }
}

function stopImap(): void {
  const server = current.imap;
  current.imap = undefined;
  if (!server) return;
  try {
    server.stop();
    console.log('IMAP server stopped and deleted.');
  } catch (error) {
    console.error(`Could not stop dovecot in ${server.dir}: ${error instanceof Error ? error.message : error}`);
  }
}

/** Runs the files with an IMAP server beside them when they need one. */
async function runWithImap(suite: string, slug: string, files: string[], env: Record<string, string>, concurrency: number): Promise<void> {
  try {
    const imap = await imapFor(suite, files);
    await runNodeTests(suite, slug, files, testEnv({ ...env, ...imap }), concurrency);
  } finally {
    stopImap();
  }
}

async function runPostgres(files: string[]): Promise<void> {
  header('PostgreSQL 15 — the same tests on a throwaway cluster');
  const suite = 'PostgreSQL';
  let url = process.env.TEST_PG_URL;
  if (url) {
    console.log(`Using the server of TEST_PG_URL (${url.replace(/\/\/[^@]*@/, '//…@')}).`);
  } else {
    const reason = postgresUnavailable();
    if (reason) return unavailable(suite, `PostgreSQL not found (${reason})`, 'apt-get install -y postgresql-15');
    try {
      const started = Date.now();
      current.postgres = await startPostgres();
      url = current.postgres.url;
      console.log(`Cluster up in ${seconds(Date.now() - started)} on port ${current.postgres.port}.`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      rows.push({ suite, status: 'failed', durationMs: 0, note: 'cluster did not start' });
      return;
    }
  }
  try {
    await runWithImap(suite, 'postgres', files, { TEST_DIALECT: 'postgres', TEST_PG_URL: url }, 3);
  } finally {
    stopPostgres();
  }
}

function stopPostgres(): void {
  const cluster = current.postgres;
  current.postgres = undefined;
  if (!cluster) return;
  try {
    cluster.stop();
    console.log('PostgreSQL cluster stopped and deleted.');
  } catch (error) {
    console.error(`Could not stop PostgreSQL in ${cluster.dir}: ${error instanceof Error ? error.message : error}`);
  }
}

async function runBrowser(files: string[]): Promise<void> {
  header('Browser — headless Chromium');
  if (!existsSync(CHROMIUM)) return unavailable('browser (Chromium)', `${CHROMIUM} not found`, 'apt-get install -y chromium fonts-dejavu-core');
  // One file at a time: each starts the app and a browser, and the machine has 2 cores.
  await runWithImap('browser (Chromium)', 'e2e', files, { CHROMIUM_PATH: CHROMIUM }, 2);
}

// ---------- summary ----------

function printSummary(totalMs: number): boolean {
  header('Summary');
  const table = [
    ['suite', 'tests', 'pass', 'fail', 'skipped', 'duration', 'result'],
    ...rows.map((row) => [
      row.suite,
      row.tests?.toString() ?? '-',
      row.pass?.toString() ?? '-',
      row.fail?.toString() ?? '-',
      row.skipped?.toString() ?? '-',
      seconds(row.durationMs),
      row.status === 'ok' ? 'ok' : `${row.status.toUpperCase()}${row.note ? ` (${row.note})` : ''}`,
    ]),
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const format = (line: string[]) => line.map((cell, column) => (column === 0 || column === 6 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(format(table[0]));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of table.slice(1)) console.log(format(line));
  const sum = (key: 'pass' | 'fail' | 'skipped') => rows.reduce((total, row) => total + (row[key] ?? 0), 0);
  const failedRows = rows.filter((row) => row.status === 'failed');
  console.log(`\nTotal time ${seconds(totalMs)}.${failedRows.length ? ` Failed: ${failedRows.map((row) => row.suite).join(', ')}.` : ''}`);
  // The plain closing line CI reads.
  console.log(`Total: ${sum('pass')} passed, ${sum('fail')} failed, ${sum('skipped')} skipped`);
  return failedRows.length === 0;
}

// ---------- main ----------

function parseOptions(): { stages: Set<Stage>; filters: string[] } {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { only: { type: 'string', multiple: true }, now: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('Usage: npm test -- [--only=check|unit|sqlite|postgres|e2e[,...]] [--now=2027-03-28T00:30:00Z] [words that test file paths must contain]');
    process.exit(0);
  }
  // Every suite, and the app processes the browser tests start, inherit it.
  if (values.now) {
    if (Number.isNaN(Date.parse(values.now))) {
      console.error(`--now wants an instant like 2027-03-28T00:30:00Z, got "${values.now}".`);
      process.exit(2);
    }
    process.env.CLOCK_START = values.now;
  }
  const only = (values.only ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  for (const stage of only) {
    if (!STAGES.includes(stage as Stage)) {
      console.error(`Unknown stage "${stage}". Stages: ${STAGES.join(', ')}.`);
      process.exit(2);
    }
  }
  const stages = new Set<Stage>(only.length ? (only as Stage[]) : ['check', 'sqlite', 'postgres', 'e2e']);
  return { stages, filters: positionals };
}

function onInterrupt(signal: NodeJS.Signals): void {
  console.error(`\n${signal}: stopping the tests.`);
  if (current.child) killGroup(current.child);
  stopPostgres();
  stopImap();
  process.exit(130);
}

async function main(): Promise<void> {
  const started = Date.now();
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  const { stages, filters } = parseOptions();
  const unitFiles = filtered(listFiles('src', isTestFile), filters);
  const integrationFiles = filtered(listFiles(join('test', 'integration'), isTestFile), filters);
  const browserFiles = filtered(listFiles(join('test', 'e2e'), isTestFile), filters);
  console.log(`Conciergerie tests${IN_CI ? ' (CI: every suite must run)' : ''} — stages: ${[...stages].join(', ')}${filters.length ? `; files matching: ${filters.join(', ')}` : ''}${process.env.CLOCK_START ? `; the clock starts at ${process.env.CLOCK_START}` : ''}`);

  const stage = async (name: Stage, files: string[], run: (files: string[]) => Promise<void>) => {
    if (!stages.has(name)) return;
    if (files.length === 0) {
      // Without a filter an empty suite is a broken suite; with one it just matched nothing here.
      if (filters.length === 0) rows.push({ suite: name, status: 'failed', durationMs: 0, note: 'no test file found' });
      else console.log(`\n(${name}: no file matches ${filters.join(', ')})`);
      return;
    }
    await run(files);
  };

  if (stages.has('check')) await runChecks();
  await stage('unit', unitFiles, async (files) => {
    header('Unit tests (SQLite)');
    await runNodeTests('unit (SQLite)', 'unit', files, testEnv({}), 2);
  });
  await stage('sqlite', [...unitFiles, ...integrationFiles], async (files) => {
    header('Unit and integration tests on SQLite');
    await runWithImap('SQLite', 'sqlite', files, {}, 3);
  });
  await stage('postgres', [...unitFiles, ...integrationFiles], runPostgres);
  await stage('e2e', browserFiles, runBrowser);

  if (rows.length === 0) rows.push({ suite: 'tests', status: 'failed', durationMs: 0, note: 'no test file matches' });
  const ok = printSummary(Date.now() - started);
  process.exit(ok ? 0 : 1);
}

await main();
