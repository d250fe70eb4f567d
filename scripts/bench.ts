// npm run bench: the product's throughput against a bare fastify "hello" measured in the same
// run by the same load generator (this process; every server runs in its own process). The
// machine is shared, so the page figure is a ratio; hello and the pages are measured in
// alternation (three rounds) and averaged.
//
// Prints one line per figure: name, measured value, target, met / not met.
// Options: --only=seed,storefront,sqlite,postgres,closing,routing,dashboard (default all)  --seconds=N (per figure, default 10)
//          --residents=N (checkouts prepared per database, default 6000)  --profile-app=DIR
//          --closing-lines=N (order lines of the month closed, default 1000000)
//          --routing-repeats=N (times each route is planned, default 21)
//          --dashboard-lines=N (order lines of the dashboard's year, default 1000000)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createDb } from '../src/db/index.ts';
import { freePort, startAppProcess, type AppProcess } from '../test/helpers/server.ts';
import { startPostgres } from './postgres.ts';
import { measureCheckout, type CheckoutFigure } from './bench/checkout.ts';
import { LARGE_TOWN, measureClosing, type ClosingFigure } from './bench/closing.ts';
import { measureRouting, type RoutingFigure } from './bench/routing.ts';
import { LARGE_YEAR, measureDashboard, type DashboardFigure } from './bench/dashboard.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const SECONDS = Number(option('seconds') ?? 10);
const RESIDENTS = Number(option('residents') ?? 6000);
const ONLY = new Set((option('only') ?? 'seed,storefront,sqlite,postgres,closing,routing,dashboard').split(','));
const CLOSING_LINES = Number(option('closing-lines') ?? LARGE_TOWN.lines);
const ROUTING_REPEATS = Number(option('routing-repeats') ?? 21);
const DASHBOARD_LINES = Number(option('dashboard-lines') ?? LARGE_YEAR.lines);
const CONNECTIONS = 50;
const SESSION_SECRET = 'bench-secret-0123456789-0123456789-0123';
const PROFILE_DIR = option('profile-app');
// --profile-app=DIR: the app processes write a CPU profile there when they stop.
const APP_ENV = { NODE_ENV: 'production', SESSION_SECRET, LOG_LEVEL: 'warn', MAIL_WORKER: 'false', TRUST_PROXY: '127.0.0.1' };
const APP_NODE_ARGS = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];

interface Load {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

async function load(url: string, seconds: number): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, errors: result.errors + result.non2xx };
}

async function startHello(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/hello.ts', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`hello server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

const french = (value: number, digits: number) => value.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/\u202f|\u00a0/g, ' ');

function report(name: string, value: string, target?: string, met?: boolean): void {
  const verdict = target === undefined ? '' : `target ${target.padEnd(20)} ${met ? 'met' : 'not met'}`;
  console.log(`${name.padEnd(34)} ${value.padStart(16)}   ${verdict}`.trimEnd());
}

async function firstStorefront(appUrl: string): Promise<string> {
  const html = await (await fetch(`${appUrl}/commerces`)).text();
  const match = /href="(\/commerces\/[0-9a-f-]{36})"/.exec(html);
  if (!match) throw new Error('no storefront found on /commerces');
  return `${appUrl}${match[1]}`;
}

/** Pages and hello measured in alternation, so that a change of the machine's load hits both alike. */
async function alternate(urls: string[], rounds = 3): Promise<Load[]> {
  const runs: Load[][] = urls.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, url] of urls.entries()) runs[index].push(await load(url, SECONDS / rounds));
  }
  return runs.map((list) => {
    const p99s = list.map((run) => run.p99Ms).sort((a, b) => a - b);
    const mean = list.reduce((sum, run) => sum + run.requestsPerSecond, 0) / list.length;
    return { requestsPerSecond: mean, p99Ms: p99s[Math.floor(p99s.length / 2)], errors: list.reduce((sum, run) => sum + run.errors, 0) };
  });
}

/** `src/main.ts <command>` in its own process; rejects when it fails. */
function runMain(command: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', command], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    child.on('close', (code) => (code === 0 ? resolveRun() : rejectRun(new Error(`src/main.ts ${command} exited with ${code}`))));
  });
}

/**
 * The app as it runs in production, on the demo town: production never seeds, so the town
 * is seeded first by the development command into the database the app then serves.
 */
async function startDemoTown(databaseUrl?: string): Promise<AppProcess> {
  const dir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'conciergerie-bench-'));
  const url = databaseUrl ?? `sqlite:${join(dir!, 'town.db')}`;
  await runMain('seed', { NODE_ENV: 'development', DATABASE_URL: url, LOG_LEVEL: 'warn' });
  const app = await startAppProcess({ ...APP_ENV, DATABASE_URL: url }, undefined, APP_NODE_ARGS);
  return { ...app, databaseUrl: url, stop: async () => {
    await app.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  } };
}

async function benchStorefront(): Promise<void> {
  const hello = await startHello();
  const app = await startDemoTown();
  try {
    const storefrontUrl = await firstStorefront(app.url);
    await load(storefrontUrl, 2); // warm-up: JIT and SQLite page cache
    const [baseline, storefront, home] = await alternate([hello.url, storefrontUrl, `${app.url}/`]);
    report('bare fastify hello', `${french(baseline.requestsPerSecond, 0)} req/s`);
    const ratio = storefront.requestsPerSecond / baseline.requestsPerSecond;
    report('storefront', `${french(storefront.requestsPerSecond, 0)} req/s`);
    report('storefront/hello ratio', `${french(ratio * 100, 1)} %`, '≥ 25 %', ratio >= 0.25 && storefront.errors === 0);
    report('storefront p99', `${french(storefront.p99Ms, 1)} ms`, '≤ 20 ms', storefront.p99Ms <= 20);
    report('home/hello ratio', `${french((home.requestsPerSecond / baseline.requestsPerSecond) * 100, 1)} %`);
    report('home p99', `${french(home.p99Ms, 1)} ms`);
    if (storefront.errors + home.errors > 0) console.log(`  errors or non-2xx answers: storefront ${storefront.errors}, home ${home.errors}`);
  } finally {
    hello.stop();
    await app.stop();
  }
}

function reportCheckout(label: string, figure: CheckoutFigure, targetPerSecond: number): void {
  report(`checkout ${label}`, `${french(figure.ordersPerSecond, 0)} orders/s`, `≥ ${french(targetPerSecond, 0)} orders/s`, figure.ordersPerSecond >= targetPerSecond);
  report(`checkout ${label} p99`, `${french(figure.p99Ms, 1)} ms`, '≤ 50 ms', figure.p99Ms <= 50);
  report(`checkout ${label} p50`, `${french(figure.p50Ms, 1)} ms`);
  const kept = figure.ordersInDatabase === figure.succeeded;
  report(`checkout ${label} orders kept`, `${figure.ordersInDatabase}/${figure.succeeded}`, 'all, none extra', kept);
  if (figure.failed > 0) report(`checkout ${label} refused`, String(figure.failed), '0', false);
}

async function benchCheckout(app: AppProcess, label: string, targetPerSecond: number): Promise<void> {
  const config = loadConfig({ ...APP_ENV, DATABASE_URL: app.databaseUrl, BASE_URL: app.url });
  const db = createDb(config.database);
  try {
    const figure = await measureCheckout(db, config, app.url, { residents: RESIDENTS, connections: CONNECTIONS, seconds: SECONDS });
    reportCheckout(label, figure, targetPerSecond);
  } finally {
    await db.destroy();
  }
}

async function benchSqliteCheckout(): Promise<void> {
  const app = await startDemoTown();
  try {
    await benchCheckout(app, 'SQLite', 1000);
  } finally {
    await app.stop();
  }
}

async function benchPostgresCheckout(): Promise<void> {
  const cluster = await startPostgres(undefined, true);
  try {
    const admin = createDb({ dialect: 'postgres', url: cluster.url });
    await sql`create database bench`.execute(admin);
    await admin.destroy();
    const url = cluster.url.replace(/\/postgres$/, '/bench');
    const app = await startDemoTown(url);
    try {
      await benchCheckout(app, 'PostgreSQL', 500);
    } finally {
      await app.stop();
    }
  } finally {
    cluster.stop();
  }
}

// ---------- closing a month (issue 4): a large town's month closed by closePeriod ----------

function reportClosing(label: string, figure: ClosingFigure): void {
  const peakMb = figure.peakRssKb / 1024;
  report(`closing a month ${label}`, `${french(figure.closingMs, 0)} ms`, '≤ 10 000 ms', figure.closingMs <= 10_000);
  report(`closing a month ${label} peak memory`, `${french(peakMb, 0)} MB`, '≤ 300 MB', peakMb <= 300);
  report(`closing ${label} memory at start`, `${french(figure.startRssKb / 1024, 0)} MB`);
  report(`closing ${label} month generated in`, `${french(figure.generationMs / 1000, 1)} s`);
  report(`closing ${label} statements`, `${figure.statementCount} verified`);
}

/** The closing process's environment; --profile-app=DIR also makes it write a CPU profile there. */
const CLOSING_ENV = { NODE_ENV: 'production', SESSION_SECRET, BASE_URL: 'http://localhost:3000', LOG_LEVEL: 'warn', MAIL_WORKER: 'false', NODE_OPTIONS: '' };

async function benchClosing(): Promise<void> {
  const sizes = { ...LARGE_TOWN, lines: CLOSING_LINES };
  console.log(`Closing a month: ${french(sizes.lines, 0)} order lines over ${sizes.shops} shops; load average before: ${loadavg().map((value) => french(value, 2)).join(' ')}.`);
  report('closing lines', french(sizes.lines, 0));
  // SQLite: a durable file (WAL, synchronous=FULL, as the app opens it) in a temporary folder.
  const dir = mkdtempSync(join(tmpdir(), 'conciergerie-closing-'));
  try {
    const env = { ...CLOSING_ENV, DATABASE_URL: `sqlite:${join(dir, 'closing.db')}` };
    reportClosing('SQLite', await measureClosing(loadConfig(env), env, sizes, PROFILE_DIR));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cluster = await startPostgres(undefined, true);
  try {
    const admin = createDb({ dialect: 'postgres', url: cluster.url });
    await sql`create database bench_closing`.execute(admin);
    await admin.destroy();
    const env = { ...CLOSING_ENV, DATABASE_URL: cluster.url.replace(/\/postgres$/, '/bench_closing') };
    reportClosing('PostgreSQL', await measureClosing(loadConfig(env), env, sizes, PROFILE_DIR));
  } finally {
    cluster.stop();
  }
  console.log(`Load average after: ${loadavg().map((value) => french(value, 2)).join(' ')}.`);
}

// ---------- seeding the demo town: what a newcomer waits for at the first `npm start` ----------

/** `src/main.ts seed` on an empty SQLite file, timed from outside as a newcomer waits for it. */
async function benchSeed(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'conciergerie-seed-'));
  try {
    const started = Date.now();
    await runMain('seed', { NODE_ENV: 'development', DATABASE_URL: `sqlite:${join(dir, 'seed.db')}`, LOG_LEVEL: 'warn' });
    const seconds = (Date.now() - started) / 1000;
    report('seeding the demo town (SQLite)', `${french(seconds, 1)} s`, '≤ 20 s', seconds <= 20);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- the route solver: « Préparer la tournée » must answer at once ----------

function reportRouting(label: string, figure: RoutingFigure, targetMs: number): void {
  const shape = `${figure.runs} run${figure.runs > 1 ? 's' : ''}, ${figure.lateStops} late${figure.exact ? ', exact' : ''}`;
  report(`routing ${label} median`, `${french(figure.medianMs, 1)} ms`);
  report(`routing ${label} p95`, `${french(figure.p95Ms, 1)} ms`, `≤ ${french(targetMs, 0)} ms`, figure.p95Ms <= targetMs);
  report(`routing ${label} plan`, shape);
}

/** In this process: the solver is a pure function, no server is involved. */
function benchRouting(): void {
  console.log(`Route solver: ${ROUTING_REPEATS} plans of each town; load average before: ${loadavg().map((value) => french(value, 2)).join(' ')}.`);
  const { sixty, ten } = measureRouting(ROUTING_REPEATS);
  reportRouting(`${sixty.stops} stops (windows, split)`, sixty, 2000);
  reportRouting(`${ten.stops} stops (exact)`, ten, 200);
}

// ---------- the town's dashboard (issue 16): a large town's year, read from its monthly roll-ups ----------

function reportDashboard(label: string, figure: DashboardFigure): void {
  report(`dashboard, a year ${label} p95`, `${french(figure.p95Ms, 1)} ms`, '≤ 300 ms', figure.p95Ms <= 300);
  report(`dashboard, a year ${label} median`, `${french(figure.medianMs, 1)} ms`);
  report(`dashboard ${label} roll-up`, `${french(figure.rollUpMs / 1000, 1)} s for ${figure.monthsRolled} months`);
  report(`dashboard ${label} year generated in`, `${french(figure.generationMs / 1000, 1)} s`);
}

/** « tableau de bord, une année, 1 000 000 lignes » on SQLite then PostgreSQL. */
async function benchDashboard(): Promise<void> {
  const sizes = { ...LARGE_YEAR, lines: DASHBOARD_LINES };
  console.log(`Dashboard: a year of ${french(sizes.lines, 0)} order lines, ${sizes.shops} shops, ${french(sizes.members, 0)} members; load average before: ${loadavg().map((value) => french(value, 2)).join(' ')}.`);
  const dir = mkdtempSync(join(tmpdir(), 'conciergerie-dashboard-'));
  try {
    const env = { ...APP_ENV, DATABASE_URL: `sqlite:${join(dir, 'year.db')}`, BASE_URL: 'http://localhost:3000' };
    reportDashboard('SQLite', await measureDashboard(loadConfig(env), env, sizes));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cluster = await startPostgres(undefined, true);
  try {
    const admin = createDb({ dialect: 'postgres', url: cluster.url });
    await sql`create database bench_dashboard`.execute(admin);
    await admin.destroy();
    const env = { ...APP_ENV, DATABASE_URL: cluster.url.replace(/\/postgres$/, '/bench_dashboard'), BASE_URL: 'http://localhost:3000' };
    reportDashboard('PostgreSQL', await measureDashboard(loadConfig(env), env, sizes));
  } finally {
    cluster.stop();
  }
}

async function main(): Promise<void> {
  console.log(`Load: ${CONNECTIONS} connections, ${SECONDS} s per figure; checkout: up to ${RESIDENTS} residents per database.\n`);
  if (ONLY.has('seed')) await benchSeed();
  if (ONLY.has('storefront')) await benchStorefront();
  if (ONLY.has('sqlite')) await benchSqliteCheckout();
  if (ONLY.has('postgres')) await benchPostgresCheckout();
  if (ONLY.has('closing')) await benchClosing();
  if (ONLY.has('routing')) benchRouting();
  if (ONLY.has('dashboard')) await benchDashboard();
}

await main();
