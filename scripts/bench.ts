// npm run bench: the product's figures, each against its target, on this machine. The load
// comes from this process; every server runs in its own process. The machine is shared, so
// the storefront is a ratio to a bare fastify "hello" measured in alternation with it, and
// the load average (1 min) is read at the start of every run of every figure.
//
// Each figure with a target runs --repeats times (default 3) on the same prepared data (the
// seeded town, the generated month or year: only what a run consumes is prepared again), and
// its live lines are printed as each run ends. At the end one table gives every figure as
// « name | value | target | met / not met | load average at the start of each run », a value
// being the median of its runs (for a guarantee, such as orders kept or errors, the worst).
//
// Figures (--only=, comma-separated, default all, in this order):
//   seed        seeding the demo town (SQLite), as a newcomer waits for it            ≤ 20 s
//   storefront  a storefront against hello, in alternation (one round per run)        ≥ 25 %, p99 ≤ 20 ms
//   sqlite      checkout through the real POST /commande, durable SQLite              ≥ 1 000 orders/s, p99 ≤ 50 ms
//   postgres    the same on a durable PostgreSQL                                      ≥ 500 orders/s, p99 ≤ 50 ms
//   memory      the app's resident memory after its start and a first page            ≤ 100 MB
//   mixed       80 % browsing, 10 % basket, 5 % checkout, 5 % back office at rising
//               concurrency until p99 > 200 ms: the capacity, SQLite and PostgreSQL (run once)
//   closing     closing a month of --closing-lines lines and of a tenth of them       ≤ 10 s, ≤ 300 MB, flat
//   routing     the route solver: 60 stops with windows, 10 stops exact               p95 ≤ 2 000 ms / 200 ms
//   dashboard   the town's dashboard over a year of --dashboard-lines lines          p95 ≤ 300 ms
// Options: --seconds=N (per load figure, default 10; the mixed run spends N/2 s, at least 2, at each concurrency)
//          --repeats=N (runs of each figure with a target, default 3)
//          --residents=N (checkouts prepared per run and database, default 6000)  --profile-app=DIR
//          --closing-lines=N (order lines of the large month closed, default 1000000)
//          --routing-repeats=N (times each route is planned, default 21)
//          --dashboard-lines=N (order lines of the dashboard's year, default 1000000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { createDb } from '../src/db/index.ts';
import type { AppProcess } from '../test/helpers/server.ts';
import { startPostgres } from './postgres.ts';
import { APP_ENV, SESSION_SECRET, profileArgs, runMain, seedDemoTown, startDemoTown, startHello, withPostgres } from './bench/apps.ts';
import { measureCheckout, type Template } from './bench/checkout.ts';
import { LARGE_TOWN, type ClosingFigure } from './bench/closing.ts';
import { LARGE_YEAR, openDashboard } from './bench/dashboard.ts';
import { measureStartMemory } from './bench/memory.ts';
import { MIXED_LIMIT_MS, measureMixed, type MixedStep } from './bench/mixed.ts';
import { postgresMonth, sqliteMonth, type MonthTemplate } from './bench/months.ts';
import { measureRouting, type RoutingFigure } from './bench/routing.ts';
import { Results, french, loadNow, printLine, type Measure } from './bench/table.ts';

const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const FIGURES = ['seed', 'storefront', 'sqlite', 'postgres', 'memory', 'mixed', 'closing', 'routing', 'dashboard'];
const SECONDS = Number(option('seconds') ?? 10);
const REPEATS = Number(option('repeats') ?? 3);
const RESIDENTS = Number(option('residents') ?? 6000);
const ONLY = new Set((option('only') ?? FIGURES.join(',')).split(','));
const CLOSING_LINES = Number(option('closing-lines') ?? LARGE_TOWN.lines);
const ROUTING_REPEATS = Number(option('routing-repeats') ?? 21);
const DASHBOARD_LINES = Number(option('dashboard-lines') ?? LARGE_YEAR.lines);
const CONNECTIONS = 50;
const PROFILE_DIR = option('profile-app');
const APP_NODE_ARGS = profileArgs(PROFILE_DIR);
const results = new Results();

const ms = (digits: number) => (value: number) => `${french(value, digits)} ms`;
const mb = (value: number) => `${french(value, 0)} MB`;
const count = (value: number) => french(value, 0);
const atMost = (limit: number) => (value: number) => value <= limit;
const atLeast = (limit: number) => (value: number) => value >= limit;

// ---------- seeding the demo town: what a newcomer waits for at the first `npm start` ----------

/** `src/main.ts seed` on an empty SQLite file, timed from outside as a newcomer waits for it. */
async function seedOnce(): Promise<Measure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'conciergerie-seed-'));
  try {
    const started = Date.now();
    await runMain('seed', { NODE_ENV: 'development', DATABASE_URL: `sqlite:${join(dir, 'seed.db')}`, LOG_LEVEL: 'warn' });
    const seconds = (Date.now() - started) / 1000;
    return [{ name: 'seeding the demo town (SQLite)', value: seconds, show: (value) => `${french(value, 1)} s`, target: '≤ 20 s', meets: atMost(20) }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- the storefront against a bare hello ----------

interface Load {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

async function load(url: string, seconds: number): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, errors: result.errors + result.non2xx };
}

async function firstStorefront(appUrl: string): Promise<string> {
  const html = await (await fetch(`${appUrl}/commerces`)).text();
  const match = /href="(\/commerces\/[0-9a-f-]{36})"/.exec(html);
  if (!match) throw new Error('no storefront found on /commerces');
  return `${appUrl}${match[1]}`;
}

/** One round of the alternation: hello, the storefront and the home page, so a change of the machine's load hits all alike. */
async function storefrontRound(helloUrl: string, storefrontUrl: string, homeUrl: string): Promise<Measure[]> {
  const seconds = SECONDS / 3;
  const [hello, storefront, home] = [await load(helloUrl, seconds), await load(storefrontUrl, seconds), await load(homeUrl, seconds)];
  const percent = (value: number) => `${french(value, 1)} %`;
  const perSecond = (value: number) => `${french(value, 0)} req/s`;
  return [
    { name: 'bare fastify hello', value: hello.requestsPerSecond, show: perSecond },
    { name: 'storefront', value: storefront.requestsPerSecond, show: perSecond },
    { name: 'storefront/hello ratio', value: (storefront.requestsPerSecond / hello.requestsPerSecond) * 100, show: percent, target: '≥ 25 %', meets: atLeast(25) },
    { name: 'storefront p99', value: storefront.p99Ms, show: ms(1), target: '≤ 20 ms', meets: atMost(20) },
    { name: 'home/hello ratio', value: (home.requestsPerSecond / hello.requestsPerSecond) * 100, show: percent },
    { name: 'home p99', value: home.p99Ms, show: ms(1) },
    { name: 'storefront and home errors', value: storefront.errors + home.errors, show: count, target: '0', meets: atMost(0), fold: 'max' },
  ];
}

async function benchStorefront(): Promise<void> {
  const hello = await startHello();
  const app = await startDemoTown(APP_NODE_ARGS);
  try {
    const storefrontUrl = await firstStorefront(app.url);
    await load(storefrontUrl, 2); // warm-up: JIT and SQLite page cache
    await results.figure(REPEATS, () => storefrontRound(hello.url, storefrontUrl, `${app.url}/`));
  } finally {
    hello.stop();
    await app.stop();
  }
}

// ---------- checkout through the real route ----------

async function benchCheckout(app: AppProcess, label: string, targetPerSecond: number): Promise<void> {
  const config = loadConfig({ ...APP_ENV, DATABASE_URL: app.databaseUrl, BASE_URL: app.url });
  const db = createDb(config.database);
  let template: Template | undefined;
  try {
    await results.figure(REPEATS, async () => {
      const figure = await measureCheckout(db, config, app.url, { residents: RESIDENTS, connections: CONNECTIONS, seconds: SECONDS }, template);
      template = figure.template;
      return [
        { name: `checkout ${label}`, value: figure.ordersPerSecond, show: (value) => `${french(value, 0)} orders/s`, target: `≥ ${french(targetPerSecond, 0)} orders/s`, meets: atLeast(targetPerSecond) },
        { name: `checkout ${label} p99`, value: figure.p99Ms, show: ms(1), target: '≤ 50 ms', meets: atMost(50) },
        { name: `checkout ${label} p50`, value: figure.p50Ms, show: ms(1) },
        { name: `checkout ${label} orders lost or extra`, value: Math.abs(figure.ordersInDatabase - figure.succeeded), show: count, target: '0', meets: atMost(0), fold: 'max' },
        { name: `checkout ${label} refused`, value: figure.failed, show: count, target: '0', meets: atMost(0), fold: 'max' },
      ];
    });
  } finally {
    await db.destroy();
  }
}

async function benchSqliteCheckout(): Promise<void> {
  const app = await startDemoTown(APP_NODE_ARGS);
  try {
    await benchCheckout(app, 'SQLite', 1000);
  } finally {
    await app.stop();
  }
}

async function benchPostgresCheckout(): Promise<void> {
  await withPostgres('bench', async (url) => {
    const app = await startDemoTown(APP_NODE_ARGS, url);
    try {
      await benchCheckout(app, 'PostgreSQL', 500);
    } finally {
      await app.stop();
    }
  });
}

// ---------- memory at start ----------

/** The app started in production on the seeded town, one page asked, then its VmRSS. */
async function benchMemory(): Promise<void> {
  const town = await seedDemoTown(APP_NODE_ARGS);
  try {
    await results.figure(REPEATS, async () => {
      const app = await town.start();
      try {
        const figure = await measureStartMemory(app);
        return [
          { name: 'memory at start (after one page)', value: figure.rssKb / 1024, show: mb, target: '≤ 100 MB', meets: atMost(100) },
          { name: 'memory peak during start', value: figure.peakRssKb / 1024, show: mb },
        ];
      } finally {
        await app.stop();
      }
    });
  } finally {
    town.remove();
  }
}

// ---------- the mixed run: capacity at p99 ≤ 200 ms ----------

function printStep(label: string, step: MixedStep): void {
  const mix = Object.entries(step.counts).map(([kind, n]) => `${kind} ${n} (p99 ${french(step.p99ByKindMs[kind as keyof MixedStep['counts']], 0)} ms)`).join(', ');
  printLine(`mixed ${label} ${step.connections} connections`, `${french(step.requestsPerSecond, 0)} req/s`);
  console.log(`    p50 ${french(step.p50Ms, 1)} ms, p99 ${french(step.p99Ms, 1)} ms, errors ${step.errors}; requests by kind: ${mix}`);
}

async function mixedOn(label: string, databaseUrl?: string): Promise<void> {
  const loads = [loadNow()];
  const app = await startDemoTown(APP_NODE_ARGS, databaseUrl);
  const config = loadConfig({ ...APP_ENV, DATABASE_URL: app.databaseUrl, BASE_URL: app.url });
  const db = createDb(config.database);
  try {
    const secondsPerStep = Math.max(2, SECONDS / 2);
    const figure = await measureMixed(db, config, app.url, { buyers: RESIDENTS, secondsPerStep, onStep: (step) => printStep(label, step) });
    const best = figure.capacity;
    const capacity = best ? `${french(best.requestsPerSecond, 0)} req/s at ${best.connections} conn.` : `none: p99 ${french(figure.steps[0].p99Ms, 0)} ms at ${figure.steps[0].connections} conn.`;
    printLine(`mixed ${label} capacity`, capacity);
    results.add(`mixed ${label} capacity (p99 ≤ ${MIXED_LIMIT_MS} ms)`, capacity, undefined, undefined, loads);
    if (best) results.add(`mixed ${label} p99 at capacity`, `${french(best.p99Ms, 1)} ms`, undefined, undefined, loads);
    results.add(`mixed ${label} errors`, count(figure.errors), '0', figure.errors === 0, loads);
    const kept = figure.ordersInDatabase === figure.checkouts;
    results.add(`mixed ${label} orders kept`, `${figure.ordersInDatabase}/${figure.checkouts}`, 'all, none extra', kept, loads);
    if (figure.checkoutsSkipped > 0) console.log(`  ${figure.checkoutsSkipped} checkouts skipped: every prepared resident had ordered (raise --residents)`);
  } finally {
    await db.destroy();
    await app.stop();
  }
}

async function benchMixed(): Promise<void> {
  console.log(`Mixed run: ${Math.max(2, SECONDS / 2)} s at each concurrency until p99 > ${MIXED_LIMIT_MS} ms.`);
  await mixedOn('SQLite');
  await withPostgres('bench_mixed', (url) => mixedOn('PostgreSQL', url));
}

// ---------- closing a month: the large month and a tenth of it, each generated once ----------

/** The closing's added memory: its peak minus what the process held before closePeriod. */
const addedMb = (figure: ClosingFigure) => (figure.peakRssKb - figure.startRssKb) / 1024;

function closingMeasures(label: string, small: ClosingFigure, large: ClosingFigure): Measure[] {
  const lines = (figure: ClosingFigure) => french(figure.lines, 0);
  return [
    { name: `closing ${label} ${lines(large)} lines`, value: large.closingMs, show: ms(0), target: '≤ 10 000 ms', meets: atMost(10_000) },
    { name: `closing ${label} ${lines(large)} peak memory`, value: large.peakRssKb / 1024, show: mb, target: '≤ 300 MB', meets: atMost(300) },
    { name: `closing ${label} ${lines(large)} memory at start`, value: large.startRssKb / 1024, show: mb },
    { name: `closing ${label} ${lines(large)} added memory`, value: addedMb(large), show: mb },
    { name: `closing ${label} ${lines(small)} lines`, value: small.closingMs, show: ms(0) },
    { name: `closing ${label} ${lines(small)} added memory`, value: addedMb(small), show: mb },
  ];
}

/** « Flat »: the added memory of the large month is at most 10 % (or 20 MB) above the small one's. */
function addFlatRow(label: string, values: Map<string, number>, loads: number[], small: number, large: number): void {
  const smallMb = values.get(`closing ${label} ${french(small, 0)} added memory`)!;
  const largeMb = values.get(`closing ${label} ${french(large, 0)} added memory`)!;
  const allowedMb = Math.max(smallMb * 0.1, 20);
  const growth = largeMb - smallMb;
  results.add(`closing ${label} flat (added ${french(large, 0)} − ${french(small, 0)})`, `${growth >= 0 ? '+' : ''}${french(growth, 0)} MB`, `≤ +${french(allowedMb, 0)} MB`, growth <= allowedMb, loads);
}

async function closeRepeatedly(label: string, small: MonthTemplate, large: MonthTemplate): Promise<void> {
  printLine(`closing ${label} months generated in`, `${french(small.generationMs / 1000, 1)} s + ${french(large.generationMs / 1000, 1)} s`);
  const { values, loads } = await results.figure(REPEATS, async () => closingMeasures(label, await small.close(PROFILE_DIR), await large.close(PROFILE_DIR)));
  addFlatRow(label, values, loads, small.sizes.lines, large.sizes.lines);
}

/** The closing process's environment; --profile-app=DIR also makes it write a CPU profile there. */
const CLOSING_ENV = { NODE_ENV: 'production', SESSION_SECRET, BASE_URL: 'http://localhost:3000', LOG_LEVEL: 'warn', MAIL_WORKER: 'false', NODE_OPTIONS: '' };

async function withMonths(open: (lines: number) => Promise<MonthTemplate>, use: (small: MonthTemplate, large: MonthTemplate) => Promise<void>): Promise<void> {
  const small = await open(Math.round(CLOSING_LINES / 10));
  try {
    const large = await open(CLOSING_LINES);
    try {
      await use(small, large);
    } finally {
      await large.remove();
    }
  } finally {
    await small.remove();
  }
}

async function benchClosing(): Promise<void> {
  console.log(`Closing a month: ${french(CLOSING_LINES, 0)} and ${french(Math.round(CLOSING_LINES / 10), 0)} order lines over ${LARGE_TOWN.shops} shops.`);
  const sizes = (lines: number) => ({ ...LARGE_TOWN, lines });
  await withMonths((lines) => sqliteMonth(CLOSING_ENV, sizes(lines)), (small, large) => closeRepeatedly('SQLite', small, large));
  const cluster = await startPostgres(undefined, true);
  try {
    await withMonths((lines) => postgresMonth(CLOSING_ENV, cluster.url, `month_${lines}`, sizes(lines)), (small, large) => closeRepeatedly('PostgreSQL', small, large));
  } finally {
    cluster.stop();
  }
}

// ---------- the route solver: « Préparer la tournée » must answer at once ----------

function routingMeasures(label: string, figure: RoutingFigure, targetMs: number): Measure[] {
  console.log(`routing ${label} plan: ${figure.runs} run${figure.runs > 1 ? 's' : ''}, ${figure.lateStops} late${figure.exact ? ', exact' : ''}`);
  return [
    { name: `routing ${label} median`, value: figure.medianMs, show: ms(1) },
    { name: `routing ${label} p95`, value: figure.p95Ms, show: ms(1), target: `≤ ${french(targetMs, 0)} ms`, meets: atMost(targetMs) },
  ];
}

/** In this process: the solver is a pure function, no server is involved. */
async function benchRouting(): Promise<void> {
  console.log(`Route solver: ${ROUTING_REPEATS} plans of each town.`);
  await results.figure(REPEATS, async () => {
    const { sixty, ten } = measureRouting(ROUTING_REPEATS);
    return [...routingMeasures(`${sixty.stops} stops (windows, split)`, sixty, 2000), ...routingMeasures(`${ten.stops} stops (exact)`, ten, 200)];
  });
}

// ---------- the town's dashboard (issue 16): a large town's year, read from its monthly roll-ups ----------

async function dashboardOn(label: string, env: Record<string, string>): Promise<void> {
  const dashboard = await openDashboard(loadConfig(env), env, { ...LARGE_YEAR, lines: DASHBOARD_LINES });
  try {
    printLine(`dashboard ${label} roll-up`, `${french(dashboard.rollUpMs / 1000, 1)} s for ${dashboard.monthsRolled} months`);
    printLine(`dashboard ${label} year generated in`, `${french(dashboard.generationMs / 1000, 1)} s`);
    await results.figure(REPEATS, async () => {
      const times = await dashboard.time();
      return [
        { name: `dashboard, a year ${label} p95`, value: times.p95Ms, show: ms(1), target: '≤ 300 ms', meets: atMost(300) },
        { name: `dashboard, a year ${label} median`, value: times.medianMs, show: ms(1) },
      ];
    });
  } finally {
    await dashboard.close();
  }
}

/** « tableau de bord, une année, 1 000 000 lignes » on SQLite then PostgreSQL. */
async function benchDashboard(): Promise<void> {
  console.log(`Dashboard: a year of ${french(DASHBOARD_LINES, 0)} order lines, ${LARGE_YEAR.shops} shops, ${french(LARGE_YEAR.members, 0)} members.`);
  const dir = mkdtempSync(join(tmpdir(), 'conciergerie-dashboard-'));
  try {
    await dashboardOn('SQLite', { ...APP_ENV, DATABASE_URL: `sqlite:${join(dir, 'year.db')}`, BASE_URL: 'http://localhost:3000' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await withPostgres('bench_dashboard', (url) => dashboardOn('PostgreSQL', { ...APP_ENV, DATABASE_URL: url, BASE_URL: 'http://localhost:3000' }));
}

const BENCHES: Record<string, () => Promise<void>> = {
  seed: () => results.figure(REPEATS, seedOnce).then(() => undefined),
  storefront: benchStorefront,
  sqlite: benchSqliteCheckout,
  postgres: benchPostgresCheckout,
  memory: benchMemory,
  mixed: benchMixed,
  closing: benchClosing,
  routing: benchRouting,
  dashboard: benchDashboard,
};

async function main(): Promise<void> {
  const unknown = [...ONLY].filter((name) => !FIGURES.includes(name));
  if (unknown.length > 0) throw new Error(`unknown figure(s): ${unknown.join(', ')}; known: ${FIGURES.join(', ')}`);
  if (!Number.isInteger(REPEATS) || REPEATS < 1) throw new Error('--repeats must be a whole number ≥ 1');
  const started = Date.now();
  console.log(`Load: ${CONNECTIONS} connections, ${SECONDS} s per figure, ${REPEATS} run(s) of each figure with a target; checkout: ${RESIDENTS} residents per run and database.\n`);
  for (const name of FIGURES) {
    if (!ONLY.has(name)) continue;
    console.log(`— ${name} (load average ${french(loadNow(), 2)})`);
    await BENCHES[name]();
  }
  results.print(REPEATS);
  console.log(`The bench took ${french((Date.now() - started) / 60_000, 1)} min.`);
}

await main();
