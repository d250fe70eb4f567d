// Command line: serve | migrate | seed | start | create-admin | remove-login-code | job. The demo town (whose logins
// share a published password) exists for development only: in production `start` migrates
// and serves an empty conciergerie, `seed` refuses, and the first concierge is created by
// `create-admin`, which prints a one-time link to choose the password on the owner's terminal.
// `job <name>` runs one background job now (under its lease, as the scheduler would).
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.ts';
import { createDb, type Db } from './db/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp, jobsOf } from './app.ts';
import { startClockAt, formatDateTime } from './platform/clock.ts';
import { DomainError } from './platform/errors.ts';
import { EMAIL_PATTERN } from './platform/forms.ts';
import { t } from './platform/i18n/index.ts';
import { createConciergeWithLink, hasConcierge } from './platform/auth/auth.service.ts';
import { removeTotpOf } from './platform/auth/totp.service.ts';
import { runJobNow, type Job } from './platform/jobs.ts';

const USAGE = `Usage: node --import tsx src/main.ts <command>
  start         migrate, then serve; outside production, first seed the demo town if the database is empty
  serve         serve the site
  migrate       bring the database schema up to date
  seed          fill an empty database with the demo town (refused in production)
  create-admin  --email=… --name=…  create a concierge account and print a one-time link to choose its password
  remove-login-code  --email=…  remove the two-step login of an account whose phone was lost (its owner is mailed)
  job <name>    run one background job now (without a name: list them)
  help          show this text`;

/** A refusal the command explains in one French sentence, without a stack trace. */
class CommandRefused extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

async function serve(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  const shutdown = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  console.log(`\nLa conciergerie est ouverte : ${config.baseUrl}\n`);
}

/** Opens the database brought up to date, runs `work` on it, closes it. */
async function withDatabase<T>(config: Config, work: (db: Db, applied: string[]) => Promise<T>): Promise<T> {
  const db = createDb(config.database);
  try {
    return await work(db, await migrateToLatest(db));
  } finally {
    await db.destroy();
  }
}

async function migrate(): Promise<void> {
  await withDatabase(loadConfig(), async (_db, applied) => {
    console.log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Database schema is up to date.');
  });
}

async function seed(onlyIfEmpty: boolean): Promise<void> {
  const config = loadConfig();
  if (config.env === 'production') throw new CommandRefused(t('cli.seed_refused'));
  startClockAt(config.clockStartsAt);
  await withDatabase(config, async (db) => {
    const { seedDemoTown, printDemoLogins } = await import('./demo/seed.ts');
    const started = Date.now();
    const seeded = await seedDemoTown(db, config, { onlyIfEmpty });
    if (seeded) console.log(`Ville de démonstration créée en ${((Date.now() - started) / 1000).toFixed(1).replace('.', ',')} s.`);
    printDemoLogins(config);
  });
}

/** Production: the schema up to date, nothing seeded; says how to create the first concierge. */
async function prepareProduction(config: Config): Promise<void> {
  await withDatabase(config, async (db) => {
    if (!(await hasConcierge(db))) console.log(`\n${t('cli.no_concierge')}\n`);
  });
}

async function start(): Promise<void> {
  const config = loadConfig();
  if (config.env === 'production') await prepareProduction(config);
  else await seed(true);
  await serve();
}

function adminInput(values: { email?: string; name?: string }): { email: string; displayName: string } {
  const email = values.email?.trim() ?? '';
  const displayName = values.name?.trim() ?? '';
  if (!email || !displayName) throw new CommandRefused(t('cli.create_admin.usage'), 2);
  if (email.length > 254 || !new RegExp(EMAIL_PATTERN).test(email)) throw new CommandRefused(t('cli.create_admin.bad_email', { email }));
  return { email: email.toLowerCase(), displayName: displayName.slice(0, 120) };
}

async function createAdmin(values: { email?: string; name?: string }): Promise<void> {
  const input = adminInput(values);
  const config = loadConfig();
  startClockAt(config.clockStartsAt);
  const { link, expiresAt } = await withDatabase(config, async (db) => {
    try {
      return await createConciergeWithLink(db, config, input);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'email_taken') throw new CommandRefused(t('cli.create_admin.email_taken', { email: input.email }));
      throw error;
    }
  });
  const date = formatDateTime(expiresAt, config.timeZone);
  console.log(['', t('cli.create_admin.done', { name: input.displayName, email: input.email }), t('cli.create_admin.link', { date }), '', `  ${link}`, '', t('cli.create_admin.keep'), ''].join('\n'));
}

async function removeLoginCode(values: { email?: string }): Promise<void> {
  const email = values.email?.trim().toLowerCase() ?? '';
  if (!email) throw new CommandRefused(t('cli.remove_login_code.usage'), 2);
  const config = loadConfig();
  startClockAt(config.clockStartsAt);
  const owner = await withDatabase(config, async (db) => {
    try {
      return await removeTotpOf(db, config, email);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') throw new CommandRefused(t('cli.remove_login_code.unknown', { email }));
      if (error instanceof DomainError && error.code === 'totp_not_on') throw new CommandRefused(t('cli.remove_login_code.not_on', { email }));
      throw error;
    }
  });
  console.log(t('cli.remove_login_code.done', { name: owner.displayName, email: owner.email }));
}

/** The jobs, one a line: name and what it does. */
function jobList(jobs: readonly Job[]): string {
  return jobs.map((job) => `  ${job.name.padEnd(22)} ${job.label}`).join('\n');
}

async function runOneJob(name: string | undefined): Promise<void> {
  const config = loadConfig();
  const jobs = jobsOf(config);
  if (!name) throw new CommandRefused(`${t('cli.job.usage')}\n${jobList(jobs)}`, 2);
  const job = jobs.find((candidate) => candidate.name === name);
  if (!job) throw new CommandRefused(`${t('cli.job.unknown', { name })}\n${jobList(jobs)}`);
  startClockAt(config.clockStartsAt);
  const started = Date.now();
  const outcome = await withDatabase(config, (db) => runJobNow({ db, config, log: { error: (error, message) => console.error(`${message}: ${error instanceof Error ? error.message : String(error)}`) } }, job));
  if (outcome.status === 'not_taken') throw new CommandRefused(t('cli.job.busy', { label: job.label }));
  if (outcome.status === 'failed') throw new CommandRefused(t('cli.job.failed', { label: job.label, error: outcome.error }));
  const seconds = ((Date.now() - started) / 1000).toFixed(1).replace('.', ',');
  console.log(t('cli.job.done', { label: job.label, seconds }));
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  const command = positionals[0] ?? 'help';
  const commands: Record<string, () => Promise<void>> = {
    start,
    serve,
    migrate,
    seed: () => seed(false),
    'create-admin': () => createAdmin(values),
    'remove-login-code': () => removeLoginCode(values),
    job: () => runOneJob(positionals[1]),
    help: async () => console.log(USAGE),
  };
  const run = commands[command];
  if (!run) {
    console.error(USAGE);
    process.exit(2);
  }
  await run();
}

main().catch((error) => {
  if (error instanceof CommandRefused) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  console.error(error);
  process.exit(1);
});
