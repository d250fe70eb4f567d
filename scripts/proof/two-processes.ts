// Two app processes on one PostgreSQL, as behind a load balancer: both serve, both run the
// jobs (the mail worker included, sending to one SMTP sink). Residents log in on one process
// and go on on the other (basket, checkout, account page); a merchant changes an offer's price
// now on one process, now on the other, while visitors read its storefront on both.
//
// Checked: no request of a logged-in resident is sent back to the login page (no session
// lost); no read of the storefront started more than PUBLIC_PAGE_CACHE_SECONDS after a price
// change was answered shows an older price; no mail reaches the sink twice (by Message-ID);
// no job ran more often than its period allows (the jobs' run counts: with a lease taken
// once per due run, two processes run each job no more than one process would).
//
//   node --import tsx scripts/proof/two-processes.ts [--seconds=40]
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { jobsOf } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { createDb } from '../../src/db/index.ts';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../src/demo/demo.logins.ts';
import { startSmtpServer } from '../../test/helpers/server.ts';
import { APP_ENV, seedDemoTown, withPostgres } from '../bench/apps.ts';
import { prepareTemplate } from '../bench/checkout.ts';
import { launchApp, type LiveApp } from './app-process.ts';
import { printProofTable, type ProofRow } from './row.ts';
import { makeBuyers, residentLoop, type SessionCounts } from './two-processes-residents.ts';
import { changePrices, mostRecentPrice, readStorefronts, type PriceChange, type StorefrontReads } from './two-processes-prices.ts';
import { login } from './two-processes-http.ts';

/** The page cache's stated delay, given to both processes (the production default). */
const CACHE_SECONDS = 5;
const RESIDENTS = 8;
const VISITORS_PER_PROCESS = 2;

export interface TwoProcessCounts {
  seconds: number;
  sessions: SessionCounts;
  prices: { changes: number; reads: number; staleWithinDelay: number; staleBeyondDelay: number; unreadable: number };
  /** `queued`: the outbox's mails of the load by status when both processes stopped. */
  mails: { received: number; distinct: number; twice: number; queued: Record<string, number> };
  jobs: Array<{ name: string; runs: number; allowed: number }>;
}

const fr = (n: number) => n.toLocaleString('fr-FR');

async function jobRuns(db: ReturnType<typeof createDb>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('jobs').select(['name', 'runs']).execute();
  return new Map(rows.map((row) => [row.name, Number(row.runs)]));
}

async function outboxSince(db: ReturnType<typeof createDb>, sinceAt: string): Promise<Record<string, number>> {
  const rows = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('created_at', '>=', sinceAt).groupBy('status').execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

/** Judges every storefront read against the price changes answered before it started. */
function judgeReads(reads: StorefrontReads, changes: readonly PriceChange[]): TwoProcessCounts['prices'] {
  let staleWithinDelay = 0;
  let staleBeyondDelay = 0;
  for (const read of reads.shown) {
    const seen = read.index;
    const latest = mostRecentPrice(changes, read.startedAt);
    const settled = mostRecentPrice(changes, read.startedAt - CACHE_SECONDS * 1000);
    if (seen < latest) staleWithinDelay += seen < settled ? 0 : 1;
    if (seen < settled) staleBeyondDelay += 1;
  }
  return { changes: changes.length, reads: reads.shown.length, staleWithinDelay, staleBeyondDelay, unreadable: reads.unreadable };
}

async function runBoth(url: string, seconds: number): Promise<TwoProcessCounts> {
  const started = performance.now();
  const inbox = await startSmtpServer();
  const town = await seedDemoTown([], url);
  // Every resident logs in from this one address: the per-address login limit would refuse them.
  const env = { ...APP_ENV, DATABASE_URL: url, MAIL_WORKER: 'true', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port), PUBLIC_PAGE_CACHE_SECONDS: String(CACHE_SECONDS), LOGIN_RATE_LIMIT_PER_MINUTE: '100000' };
  const config = loadConfig({ ...env, BASE_URL: 'http://127.0.0.1' });
  const db = createDb(config.database);
  const apps: LiveApp[] = [];
  try {
    // Runs are counted from before both processes start to after both stop: each job may run
    // once per period in that window, and once at the start, whichever process runs it.
    const runsBefore = await jobRuns(db);
    const windowStarted = performance.now();
    const windowStartedAt = nowIso();
    apps.push(await launchApp(env), await launchApp(env));
    const urls = apps.map((app) => app.url);
    const template = await prepareTemplate(db, config, urls[0]);
    const buyers = await makeBuyers(db, config, RESIDENTS);
    const merchant = DEMO_LOGINS.find((candidate) => candidate.role === 'merchant')!;
    const merchantSession = await login(urls[1], merchant.email, DEMO_PASSWORD);
    const deadline = Date.now() + seconds * 1000;
    const sessions: SessionCounts = { logins: 0, requests: 0, lost: 0, orders: 0, failures: new Map() };
    const reads: StorefrontReads = { shown: [], unreadable: 0 };
    const changes: PriceChange[] = [];
    const offer = await changePrices(db, urls, merchant.email, merchantSession, changes, { deadline, cacheSeconds: CACHE_SECONDS, firstOnly: true });
    await Promise.all([
      changePrices(db, urls, merchant.email, merchantSession, changes, { deadline, cacheSeconds: CACHE_SECONDS, offer }),
      ...urls.flatMap((appUrl) => Array.from({ length: VISITORS_PER_PROCESS }, () => readStorefronts(appUrl, offer, changes, reads, deadline))),
      ...buyers.map((buyer, index) => residentLoop(urls, index, buyer, template, sessions, deadline)),
    ]);
    // Both stop as in a deploy (SIGTERM): the runs under way end and are recorded.
    await Promise.all(apps.map((app) => app.stop()));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const runsAfter = await jobRuns(db);
    const windowSeconds = (performance.now() - windowStarted) / 1000;
    const jobs = jobsOf(config).map((job) => ({
      name: job.name,
      runs: (runsAfter.get(job.name) ?? 0) - (runsBefore.get(job.name) ?? 0),
      allowed: Math.floor(windowSeconds / job.everySeconds) + 1,
    }));
    const ids = inbox.mails.map((mail) => mail.messageId ?? '');
    const distinct = new Set(ids).size;
    if (sessions.failures.size > 0) console.log(`  refus : ${[...sessions.failures].map(([why, n]) => `${n} × ${why}`).join(', ')}`);
    return { seconds: (performance.now() - started) / 1000, sessions, prices: judgeReads(reads, changes), mails: { received: ids.length, distinct, twice: ids.length - distinct, queued: await outboxSince(db, windowStartedAt) }, jobs };
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await db.destroy();
    await inbox.close();
    town.remove();
  }
}

function rowsOf(counts: TwoProcessCounts): ProofRow[] {
  const { sessions, prices, mails, jobs } = counts;
  const overRun = jobs.filter((job) => job.runs > job.allowed);
  return [
    {
      check: 'deux processus : sessions',
      figure: `${fr(sessions.logins)} connexions, ${fr(sessions.requests)} requêtes sur l’autre processus, ${fr(sessions.orders)} commandes, ${sessions.lost} session(s) perdue(s)`,
      target: '0 session perdue',
      met: sessions.lost === 0 && sessions.orders > 0,
    },
    {
      check: 'deux processus : prix en vitrine',
      figure: `${prices.changes} changements, ${fr(prices.reads)} lectures, ${prices.staleWithinDelay} ancien(s) prix dans le délai, ${prices.staleBeyondDelay} au-delà`,
      target: `0 ancien prix au-delà de ${CACHE_SECONDS} s`,
      met: prices.staleBeyondDelay === 0 && prices.unreadable === 0 && prices.changes > 1,
    },
    {
      check: 'deux processus : courriels',
      figure: `${fr(mails.received)} reçus, ${mails.twice} en double`,
      target: '0 courriel envoyé deux fois',
      met: mails.twice === 0 && mails.received > 0,
    },
    {
      check: 'deux processus : tâches',
      figure: `${jobs.reduce((sum, job) => sum + job.runs, 0)} exécutions de ${jobs.length} tâches, ${overRun.length} au-delà de leur période`,
      target: '0 tâche exécutée deux fois',
      met: overRun.length === 0,
    },
  ];
}

function printCounts(counts: TwoProcessCounts): void {
  const { sessions, prices, mails } = counts;
  console.log(`deux processus sur un PostgreSQL (${counts.seconds.toFixed(0)} s)`);
  console.log(`  sessions : ${sessions.logins} connexions, ${sessions.requests} requêtes sur l’autre processus, ${sessions.orders} commandes, ${sessions.lost} perdues`);
  console.log(`  vitrine : ${prices.changes} changements de prix, ${prices.reads} lectures, ${prices.staleWithinDelay} ancien prix dans le délai de ${CACHE_SECONDS} s, ${prices.staleBeyondDelay} au-delà, ${prices.unreadable} illisibles`);
  console.log(`  courriels : ${mails.received} reçus, ${mails.distinct} distincts, ${mails.twice} en double ; file d’envoi à l’arrêt : ${Object.entries(mails.queued).map(([status, n]) => `${n} ${status}`).join(', ') || 'vide'}`);
  console.log(`  tâches : ${counts.jobs.map((job) => `${job.name} ${job.runs}/${job.allowed}`).join(', ')}`);
}

export async function proveTwoProcesses(seconds = 40): Promise<ProofRow[]> {
  const counts = await withPostgres('two_processes', (url) => runBoth(url, seconds));
  printCounts(counts);
  return rowsOf(counts);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { seconds: { type: 'string' } } });
  const rows = await proveTwoProcesses(Number(values.seconds ?? 40));
  printProofTable(rows);
  process.exitCode = rows.every((row) => row.met) ? 0 : 1;
}
