// npm run proof: the promises the conciergerie makes, checked under stress, ending with one
// table (check, figure, target, met or not).
//
//   matrix      every route asked by every role for every object of someone else (SQLite, PostgreSQL)
//   fuzz        random and hostile input to every form, query and API endpoint (SQLite, PostgreSQL)
//   crash       SIGKILL at random moments under load, then the database, answers and mails checked
//   two         two app processes on one PostgreSQL: mails, jobs, sessions, cached prices
//   crawl       every page of every role in Chromium: axe, h1, lang, 320 px, 200 %, console, weight
//   lighthouse  home, storefront, offer, basket and checkout: four scores ≥ 95
//   keyboard    the checkout and the counter's hand-over with Tab, Enter and Space alone
//
//   npm run proof -- --only=matrix,fuzz  --kills=200  --fuzz-runs=6000  --seed=N
// CI runs matrix, fuzz and the crawl as ordinary tests (npm test); this command runs them all,
// with more cases, on the 2-core machine in under 20 minutes.
import { parseArgs } from 'node:util';
import { startPostgres, type ThrowawayPostgres } from './postgres.ts';
import { printProofTable, type ProofRow } from './proof/row.ts';
import { runTestFiles, type TestRun } from './proof/tests.ts';
import { crawlDemoTown } from './proof/crawl.ts';
import { measureLighthouse } from './lighthouse.ts';
import { CRASH_DEFAULTS, proveCrashSafety } from './proof/crash.ts';
import { proveTwoProcesses } from './proof/two-processes.ts';

const CHECKS = ['matrix', 'fuzz', 'crash', 'two', 'crawl', 'lighthouse', 'keyboard'] as const;
type Check = (typeof CHECKS)[number];

interface Options {
  kills: number;
  fuzzRuns: number;
  seed: number;
  postgres: () => Promise<string>;
}

const minutes = (ms: number) => `${(ms / 60_000).toFixed(1).replace('.', ',')} min`;

function testRows(name: string, run: TestRun): ProofRow[] {
  const figure = run.summaries.length > 0 ? run.summaries.join(' ; ') : `${run.pass} tests passés`;
  return [{ check: name, figure: `${figure} (${run.fail} échec, ${minutes(run.durationMs)})`, target: '0 échec', met: run.fail === 0 && run.pass > 0 }];
}

async function onBothDatabases(label: string, files: string[], prefixes: string[], env: Record<string, string>, options: Options): Promise<ProofRow[]> {
  // Side by side: each run is mostly one app process waiting on its database, and there are two cores.
  const postgresUrl = await options.postgres();
  const [sqlite, postgres] = await Promise.all([runTestFiles(files, env, prefixes), runTestFiles(files, { ...env, TEST_DIALECT: 'postgres', TEST_PG_URL: postgresUrl }, prefixes)]);
  return [...testRows(`${label}, SQLite`, sqlite), ...testRows(`${label}, PostgreSQL`, postgres)];
}

const RUN: Record<Check, (options: Options) => Promise<ProofRow[]>> = {
  matrix: (options) => onBothDatabases('matrice d’accès', ['test/integration/route-access.test.ts'], ['matrix:'], {}, options),
  fuzz: (options) => onBothDatabases('entrées hostiles', ['test/integration/fuzz.test.ts'], ['fuzz:'], { FUZZ_RUNS: String(options.fuzzRuns), FUZZ_SEED: String(options.seed) }, options),
  crash: (options) => proveCrashSafety({ ...CRASH_DEFAULTS, kills: options.kills, seed: options.seed }),
  two: () => proveTwoProcesses(),
  crawl: async () => (await crawlDemoTown({ log: (line) => console.log(line) })).rows,
  lighthouse: () => measureLighthouse(),
  keyboard: async () => testRows('clavier seul : commande et remise au comptoir', await runTestFiles(['test/e2e/journeys-keyboard.test.ts'], {}, ['keyboard:'])),
};

function parseOptions(): { checks: Check[]; options: Omit<Options, 'postgres'> } {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, kills: { type: 'string', default: '200' }, 'fuzz-runs': { type: 'string', default: '6000' }, seed: { type: 'string' } },
  });
  const checks = values.only ? values.only.split(',').map((name) => name.trim()) : [...CHECKS];
  const unknown = checks.filter((name) => !CHECKS.includes(name as Check));
  if (unknown.length > 0) {
    console.error(`Unknown check: ${unknown.join(', ')}. Checks: ${CHECKS.join(', ')}.`);
    process.exit(2);
  }
  const seed = values.seed ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  return { checks: checks as Check[], options: { kills: Number(values.kills), fuzzRuns: Number(values['fuzz-runs']), seed } };
}

async function main(): Promise<number> {
  const started = Date.now();
  const { checks, options } = parseOptions();
  console.log(`npm run proof — ${checks.join(', ')}; seed ${options.seed}`);
  let cluster: ThrowawayPostgres | undefined;
  const postgres = async () => (cluster ??= await startPostgres()).url;
  const rows: ProofRow[] = [];
  try {
    for (const check of checks) {
      const checkStarted = Date.now();
      console.log(`\n=== ${check}`);
      try {
        rows.push(...(await RUN[check]({ ...options, postgres })));
      } catch (error) {
        console.error(error);
        rows.push({ check, figure: `interrompu : ${(error as Error).message.split('\n')[0]}`, target: 'aboutit', met: false });
      }
      console.log(`(${check}: ${minutes(Date.now() - checkStarted)})`);
    }
  } finally {
    cluster?.stop();
  }
  const totalMs = Date.now() - started;
  rows.push({ check: 'durée totale', figure: minutes(totalMs), target: '≤ 20 min', met: totalMs <= 20 * 60_000 });
  console.log('');
  printProofTable(rows);
  return rows.every((row) => row.met) ? 0 : 1;
}

process.exitCode = await main();
