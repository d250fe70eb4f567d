// Crash safety: the app runs as a town runs it (the compiled build, production settings, the
// job runner and its mail worker sending to an SMTP sink) on the seeded demo town, on a
// durable SQLite file and on PostgreSQL. Residents check out and a concierge hands orders
// over, takes part payments, refunds and closes periods, through the real forms; at a random
// moment after the load starts the app is killed with SIGKILL, the database is checked, the
// app is started again and the load goes on. Half of the kills go to each database, both run side by side.
//
// After each kill: SQLite's integrity_check is « ok »; every request answered with success is
// in the database exactly once; no order of that life is half written; every ledger
// transaction balances and the trial balance is zero. After the last kill the outbox is
// drained and every mail is matched with what the sink received, by Message-ID.
//
//   node --import tsx scripts/proof/crash.ts [--kills=200] [--seed=13800] [--checkouts=3]
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../../src/config.ts';
import { createDb, type Db } from '../../src/db/index.ts';
import { Random } from '../../src/demo/demo.random.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { startSmtpServer, type SmtpInbox } from '../../test/helpers/server.ts';
import { launchApp, type LiveApp } from './app-process.ts';
import { APP_ENV, seedDemoTown, withPostgres } from '../bench/apps.ts';
import { prepareResidents, prepareTemplate } from '../bench/checkout.ts';
import { findFaults, integrityOf, type Faults } from './crash-checks.ts';
import { conciergeLogin, driveLoad, type ActionKind, type LoadState } from './crash-load.ts';
import { countMails, drainOutbox, type MailCounts } from './crash-mails.ts';
import { printProofTable, type ProofRow } from './row.ts';

export interface CrashOptions {
  kills: number;
  seed: number;
  /** Residents checking out at once. */
  checkouts: number;
}

export const CRASH_DEFAULTS: CrashOptions = { kills: 200, seed: 13800, checkouts: 3 };

/** Residents given a basket before each life of the app: more than a life can check out. */
const BUYERS_PER_LIFE = 150;
/** The kill falls this long after the load starts, drawn uniformly. */
const KILL_AFTER_MS = { min: 100, max: 1200 };

export interface CrashCounts {
  database: string;
  kills: number;
  /** Lives whose restart failed: the app did not answer again. */
  failedRestarts: number;
  answered: Record<ActionKind, number>;
  unanswered: number;
  integrityFailures: number;
  faults: Faults;
  /** Kills after which the trial balance was not zero. */
  trialBalanceOff: number;
  mails: MailCounts;
  seconds: number;
  /** Seeding and preparing; the kills and restarts; draining the outbox. */
  phases: { setup: number; kills: number; drain: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noAnswers = (): Record<ActionKind, number> => ({ checkout: 0, handover: 0, payment: 0, refund: 0, closing: 0 });

/** Demo orders with something waiting at the counter: the concierge's hand-overs. */
async function ordersAtCounter(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('orders.id')
    .where('orders.status', 'in', ['ready', 'placed', 'accepted'])
    .where((eb) => eb.exists(eb.selectFrom('purchase_orders').select('purchase_orders.id').whereRef('purchase_orders.order_id', '=', 'orders.id').where('purchase_orders.status', '=', 'collected')))
    .orderBy('orders.id')
    .execute();
  return rows.map((row) => row.id);
}

interface Run {
  env: Record<string, string>;
  db: Db;
  config: Config;
  state: LoadState;
  counts: CrashCounts;
  random: Random;
  proofAt: string;
}

/**
 * One life: baskets for new residents, the load, the kill at a random moment. Resolves once the
 * process is dead, with the checks of what it left, which may run while the next life starts.
 */
async function liveAndDie(run: Run, app: LiveApp, options: CrashOptions): Promise<Promise<void>> {
  const { state, counts } = run;
  state.appUrl = app.url;
  state.buyers = await prepareResidents(run.db, run.config, state.template, BUYERS_PER_LIFE);
  state.answered = [];
  const lifeAt = nowIso();
  let stopped = false;
  const load = driveLoad(state, { checkouts: options.checkouts, pick: (items) => run.random.pick(items) }, () => stopped);
  await sleep(run.random.int(KILL_AFTER_MS.min, KILL_AFTER_MS.max));
  await app.kill();
  stopped = true;
  await load;
  counts.kills += 1;
  const answered = state.answered;
  for (const answer of answered) counts.answered[answer.kind] += 1;
  return checkLife(run, answered, lifeAt);
}

/** What one life left: the file sound, its answers there once, its orders whole, the ledger balanced. */
async function checkLife(run: Run, answered: LoadState['answered'], lifeAt: string): Promise<void> {
  const { counts } = run;
  if (run.config.database.dialect === 'sqlite' && (await integrityOf(run.db)) !== 'ok') counts.integrityFailures += 1;
  const faults = await findFaults(run.db, answered, { proofAt: run.proofAt, lifeAt });
  counts.faults.missing += faults.missing;
  counts.faults.duplicates += faults.duplicates;
  counts.faults.halfWritten += faults.halfWritten;
  counts.faults.unbalanced = Math.max(counts.faults.unbalanced, faults.unbalanced);
  if (faults.trialBalanceCents !== 0) counts.trialBalanceOff += 1;
  counts.faults.trialBalanceCents = faults.trialBalanceCents;
}

/** Starts the app again; a start that fails is counted and tried once more. */
async function restart(run: Run): Promise<LiveApp> {
  try {
    return await launchApp(run.env);
  } catch (error) {
    run.counts.failedRestarts += 1;
    console.error(String(error).slice(0, 2000));
    return launchApp(run.env);
  }
}

/** `kills` lives of the app on one database, then the outbox drained and matched with the sink. */
async function crashOn(label: string, databaseUrl: string | undefined, kills: number, options: CrashOptions, inbox: SmtpInbox): Promise<CrashCounts> {
  const started = performance.now();
  const town = await seedDemoTown([], databaseUrl);
  // Every client is 127.0.0.1 and the concierge logs in again after each restart: the login
  // limit per address (counted in the database, so a restart does not reset it) would refuse her.
  const env = { ...APP_ENV, DATABASE_URL: town.databaseUrl, MAIL_WORKER: 'true', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port), LOG_LEVEL: 'error', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' };
  // The proof's own reading of the settings; each app process is given its address by startAppProcess.
  const config = loadConfig({ ...env, BASE_URL: 'http://127.0.0.1' });
  const db = createDb(config.database);
  const counts: CrashCounts = { database: label, kills: 0, failedRestarts: 0, answered: noAnswers(), unanswered: 0, integrityFailures: 0, faults: { missing: 0, duplicates: 0, halfWritten: 0, unbalanced: 0, trialBalanceCents: 0 }, trialBalanceOff: 0, mails: undefined as never, seconds: 0, phases: { setup: 0, kills: 0, drain: 0 } };
  let run: Run;
  try {
    let app = await launchApp(env);
    const concierge = await conciergeLogin(app.url);
    const state: LoadState = {
      appUrl: app.url,
      template: await prepareTemplate(db, config, app.url),
      concierge: concierge.cookie,
      csrf: concierge.csrf,
      buyers: [],
      placed: [],
      paid: [],
      atCounter: await ordersAtCounter(db),
      answered: [],
      unanswered: 0,
      refused: new Map(),
    };
    run = { env, db, config, state, counts, random: new Random(`crash-${label}`, options.seed), proofAt: nowIso() };
    const since = (at: number) => (performance.now() - at) / 1000;
    counts.phases.setup = since(started);
    const killsStarted = performance.now();
    for (let kill = 0; kill < kills; kill += 1) {
      const checks = await liveAndDie(run, app, options);
      [app] = await Promise.all([restart(run), checks]);
      if ((kill + 1) % 10 === 0) console.log(`  ${label}: ${kill + 1} arrêts, ${Object.values(counts.answered).reduce((a, b) => a + b, 0)} réponses OK`);
    }
    await app.stop();
    counts.phases.kills = since(killsStarted);
    const drainStarted = performance.now();
    counts.unanswered = state.unanswered;
    if (state.refused.size > 0) console.log(`  ${label}, refus: ${[...state.refused].map(([why, n]) => `${n} × ${why}`).join(', ')}`);
    const reclaimed = await drainOutbox(db, config);
    await sleep(500); // the sink parses what it received
    counts.mails = await countMails(db, inbox, reclaimed, run.proofAt);
    counts.phases.drain = since(drainStarted);
  } finally {
    await db.destroy();
    town.remove();
  }
  counts.seconds = (performance.now() - started) / 1000;
  return counts;
}

const fr = (n: number) => n.toLocaleString('fr-FR');

function rowsOf(counts: CrashCounts): ProofRow[] {
  const { faults, mails } = counts;
  const ok = Object.values(counts.answered).reduce((a, b) => a + b, 0);
  const integrity = counts.database === 'SQLite' ? `, intégrité ${counts.integrityFailures === 0 ? 'ok' : `${counts.integrityFailures} échec(s)`}` : `, ${counts.failedRestarts} redémarrage(s) manqué(s)`;
  return [
    {
      check: `arrêts brutaux, ${counts.database}`,
      figure: `${fr(counts.kills)} arrêts, ${fr(ok)} réponses OK, ${faults.missing} manquante(s), ${faults.duplicates} doublon(s), ${faults.halfWritten} à moitié écrite(s)${integrity}`,
      target: '0 perte, 0 doublon, 0 à moitié écrite',
      // Each kind of change must have been answered at least once, or the kills proved nothing about it.
      met: Object.values(counts.answered).every((answered) => answered > 0) && faults.missing === 0 && faults.duplicates === 0 && faults.halfWritten === 0 && counts.integrityFailures === 0 && counts.failedRestarts === 0,
    },
    {
      check: `grand livre après arrêts, ${counts.database}`,
      figure: `${faults.unbalanced} écriture(s) déséquilibrée(s), balance non nulle après ${counts.trialBalanceOff} arrêt(s)`,
      target: '0 déséquilibre, balance nulle',
      met: faults.unbalanced === 0 && counts.trialBalanceOff === 0,
    },
    {
      check: `courriels après arrêts, ${counts.database}`,
      figure: `${fr(mails.committed)} validés, ${fr(mails.sent)} envoyés, ${mails.duplicated} en double, ${mails.failed} en échec, ${mails.lost} perdu(s), ${mails.unknown} inconnu(s)`,
      target: '0 perdu, 0 inconnu (double possible : au moins une fois)',
      met: mails.lost === 0 && mails.unknown === 0,
    },
  ];
}

function printCounts(counts: CrashCounts): void {
  const { answered, faults, mails } = counts;
  const { setup, kills, drain } = counts.phases;
  console.log(`${counts.database} (${counts.seconds.toFixed(0)} s : préparation ${setup.toFixed(0)} s, arrêts ${kills.toFixed(0)} s soit ${(kills / Math.max(1, counts.kills)).toFixed(1)} s par cycle, envoi final ${drain.toFixed(0)} s): ${counts.kills} arrêts (SIGKILL), ${counts.failedRestarts} redémarrage(s) manqué(s)`);
  console.log(`  réponses OK : ${answered.checkout} commandes, ${answered.handover} remises au comptoir, ${answered.payment} encaissements, ${answered.refund} remboursements, ${answered.closing} clôtures ; ${counts.unanswered} requêtes coupées par l’arrêt`);
  console.log(`  retrouvées : ${Object.values(answered).reduce((a, b) => a + b, 0) - faults.missing}, manquantes ${faults.missing}, doublons ${faults.duplicates}, à moitié écrites ${faults.halfWritten}, écritures déséquilibrées ${faults.unbalanced}, balance ${faults.trialBalanceCents} c, intégrité en échec ${counts.integrityFailures}`);
  console.log(`  courriels : ${mails.committed} validés, ${mails.sent} envoyés, ${mails.duplicated} en double, ${mails.failed} en échec, ${mails.lost} perdus, ${mails.unknown} inconnus ; ${mails.reclaimed} repris après le bail d’un envoi interrompu`);
  if (mails.demoFailures.size > 0) console.log(`  courriels de la ville de démo en échec (hors compte) : ${[...mails.demoFailures].map(([why, n]) => `${n} × ${why}`).join(', ')}`);
}

/** The crash proof on both databases side by side, `kills` split between them, each with its own mail sink. */
export async function proveCrashSafety(options: CrashOptions = CRASH_DEFAULTS): Promise<ProofRow[]> {
  console.log(`arrêts brutaux : ${options.kills} arrêts (${Math.ceil(options.kills / 2)} SQLite, ${Math.floor(options.kills / 2)} PostgreSQL), graine ${options.seed}`);
  const inboxes = await Promise.all([startSmtpServer(), startSmtpServer()]);
  try {
    const [sqlite, postgres] = await Promise.all([
      crashOn('SQLite', undefined, Math.ceil(options.kills / 2), options, inboxes[0]),
      withPostgres('crash', (url) => crashOn('PostgreSQL', url, Math.floor(options.kills / 2), options, inboxes[1])),
    ]);
    printCounts(sqlite);
    printCounts(postgres);
    return [...rowsOf(sqlite), ...rowsOf(postgres)];
  } finally {
    await Promise.all(inboxes.map((inbox) => inbox.close()));
  }
}

function optionsFromArgs(): CrashOptions {
  const { values } = parseArgs({ options: { kills: { type: 'string' }, seed: { type: 'string' }, checkouts: { type: 'string' } } });
  return {
    kills: Number(values.kills ?? CRASH_DEFAULTS.kills),
    seed: Number(values.seed ?? CRASH_DEFAULTS.seed),
    checkouts: Number(values.checkouts ?? CRASH_DEFAULTS.checkouts),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await proveCrashSafety(optionsFromArgs());
  printProofTable(rows);
  process.exitCode = rows.every((row) => row.met) ? 0 : 1;
}
