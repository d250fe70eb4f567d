// The background jobs through the whole app: two app instances on one database run each due
// job once; the scheduler starts with the app; the concierge's page « Tâches automatiques »
// and who may see it; `npm run job` runs one job by name and refuses an unknown one in French.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, createTestDatabase, testDialect, type TestApp, type TestDatabase } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOrder, makePlace } from '../helpers/orders.ts';
import { runCli } from '../helpers/server.ts';
import { SUITE_CLOCK_START } from '../helpers/clock.ts';
import { buildApp, jobsOf } from '../../src/app.ts';
import { loadConfig, parseDatabaseUrl } from '../../src/config.ts';
import { createDb, type Db } from '../../src/db/index.ts';
import { addSeconds, nowIso } from '../../src/platform/clock.ts';
import { MAIL_JOB_NAME } from '../../src/platform/mail/mail.ts';
import { visibleText as text, plain } from '../helpers/text.ts';

const LONG_AGO = '2000-01-01T00:00:00.000Z';

async function count(db: Db, table: 'ledger_transactions'): Promise<number> {
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count);
}

/** A payment taken at the counter but not in the books: written as a process without the ledger's listener would. */
async function unpostedPayment(db: Db, orderId: string, amountCents: number): Promise<void> {
  await db
    .insertInto('counter_payments')
    .values({ id: crypto.randomUUID(), order_id: orderId, method: 'cash', amount_cents: amountCents, account_id: null, actor_label: 'Test', at: nowIso() })
    .execute();
}

// ---- two app instances on one database ----

let database: TestDatabase;
let secondDb: Db;
let apps: FastifyInstance[] = [];

before(async () => {
  database = await createTestDatabase();
  secondDb = createDb(parseDatabaseUrl(database.databaseUrl));
  // Their schedulers' timers are off: the test starts the ticks itself, both at once.
  const config = loadConfig({ NODE_ENV: 'test', MAIL_WORKER: 'false', JOB_SCHEDULER: 'false', DATABASE_URL: database.databaseUrl, ...(SUITE_CLOCK_START ? { CLOCK_START: SUITE_CLOCK_START } : {}) });
  apps = [await buildApp(config, { db: database.db }), await buildApp(config, { db: secondDb })];
  await Promise.all(apps.map((app) => app.ready()));
});

after(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await secondDb.destroy();
  await database.drop();
});

/**
 * Both instances tick at the same moment. On PostgreSQL their jobs then run side by side, as
 * two processes' would. On SQLite the two instances share this test's one event loop, and
 * SQLite waits for a lock synchronously: one instance waiting for the file would freeze the
 * other in the middle of its transaction, which no two real processes do. There the two
 * take turns, each tick's runs ending before the other instance ticks.
 */
async function tickBoth(one: FastifyInstance, two: FastifyInstance): Promise<void> {
  if (testDialect() === 'postgres') {
    await Promise.all([one.jobs.runDue(), two.jobs.runDue(), one.jobs.runDue(), two.jobs.runDue()]);
    return;
  }
  for (const app of [one, two, one, two]) {
    await app.jobs.runDue();
    await app.jobs.idle();
  }
}

test('two app instances on one database: each due job runs once, whichever takes it', async () => {
  const [one, two] = apps;
  // The first ticks create the rows; nothing is due before its first period.
  await Promise.all([one.jobs.runDue(), two.jobs.runDue()]);
  await Promise.all([one.jobs.idle(), two.jobs.idle()]);
  const names = one.jobs.jobs.map((job) => job.name);
  // Every job of every area is scheduled, except the mail worker, switched off here.
  assert.deepEqual(names.sort(), jobsOf(apps[0].config).map((job) => job.name).filter((name) => name !== MAIL_JOB_NAME).sort());
  for (const name of ['ledger-posting', 'session-sweep', 'collection-reminders']) assert.ok(names.includes(name), name);
  let rows = await database.db.selectFrom('jobs').selectAll().orderBy('name').execute();
  assert.deepEqual(rows.map((row) => [row.name, Number(row.runs)]), names.sort().map((name) => [name, 0]));

  const order = await makeOrder(database.db, loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.databaseUrl }), { placeId: await makePlace(database.db), shops: 1 });
  await unpostedPayment(database.db, order.orderId, 1234);
  const before = await count(database.db, 'ledger_transactions');
  // Everything is due, long ago: both instances tick at the same moment, three times.
  await database.db.updateTable('jobs').set({ next_run_at: LONG_AGO }).execute();
  for (let tick = 0; tick < 3; tick += 1) await tickBoth(one, two);
  await Promise.all([one.jobs.idle(), two.jobs.idle()]);

  rows = await database.db.selectFrom('jobs').selectAll().orderBy('name').execute();
  for (const row of rows) {
    assert.equal(Number(row.runs), 1, `${row.name} ran once`);
    assert.equal(row.lease_owner, null, `${row.name} gave its lease back`);
    assert.ok(row.last_finished_at && row.last_finished_at >= row.last_started_at!, row.name);
    assert.equal(row.last_error, null, row.name);
    assert.ok(row.next_run_at > nowIso(), `${row.name} is next due in an hour`);
  }
  assert.equal(await count(database.db, 'ledger_transactions'), before + 1, 'the payment left out was posted, once');
});

test('the scheduler starts with the app: its first tick writes the rows of the jobs, and stops when the app closes', async (t) => {
  const site = await buildTestApp();
  t.after(site.close);
  const rows = () => site.db.selectFrom('jobs').select('name').execute();
  for (let tries = 0; tries < 100 && (await rows()).length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal((await rows()).length, site.app.jobs.jobs.length);
  assert.ok(site.app.jobs.jobs.length >= 7);
});

// ---- the page ----

test('« Tâches automatiques »: each job in French, how often, its last run and error, its next run; for the concierge only', async (t) => {
  const site: TestApp = await buildTestApp({ JOB_SCHEDULER: 'false' });
  t.after(site.close);
  const concierge = new Agent(site.app);
  const account = await makeAccount(site.db, site.config, 'concierge');
  await concierge.login(account.email, account.password);

  const home = await concierge.get('/gestion');
  assert.match(home.body, /<a href="\/gestion\/taches">Tâches automatiques<\/a>/);
  const fresh = text((await concierge.get('/gestion/taches')).body);
  for (const label of ['Passer en comptabilité les paiements, remises et remboursements restés en attente', 'Rappeler aux adhérents les commandes qui les attendent au comptoir', 'Effacer les paniers de visiteurs abandonnés', 'Effacer les sessions expirées']) {
    assert.ok(fresh.includes(label), label);
  }
  assert.match(fresh, /Fréquence toutes les heures/);
  assert.match(fresh, /Dernier passage jamais/);
  assert.match(fresh, /Prochain passage au démarrage du site/, 'no process has seen the jobs yet');
  assert.match(fresh, /npm run job -- <nom>/);

  // As a process left them: the ledger failed at 10 h 05 (Paris) on a Wednesday, 2 December.
  const failedAt = '2026-12-02T09:05:00.000Z';
  await site.app.jobs.runDue();
  await site.db
    .updateTable('jobs')
    .set({ last_started_at: failedAt, last_finished_at: failedAt, last_error: 'connect ECONNREFUSED 127.0.0.1:5432', last_error_at: failedAt, runs: 3, next_run_at: addSeconds(nowIso(), 600) })
    .where('name', '=', 'ledger-posting')
    .execute();
  await site.db.updateTable('jobs').set({ next_run_at: LONG_AGO }).where('name', '=', 'session-sweep').execute();
  const page = await concierge.get('/gestion/taches');
  assert.equal(page.statusCode, 200);
  const body = text(page.body);
  assert.match(plain(body), /Dernier passage mercredi 2 décembre (2026 )?à 10 h 05, échoué/);
  assert.match(plain(body), /Dernière erreur le mercredi 2 décembre (2026 )?à 10 h 05 : connect ECONNREFUSED 127\.0\.0\.1:5432/);
  assert.match(body, /Passages depuis la mise en service 3/);
  assert.match(plain(body), /Prochain passage dès que possible \(prévu le samedi 1er janvier 2000 à 1 h\)/);
  assert.match(body, /Nom pour la commande ledger-posting/);

  for (const role of ['merchant', 'resident', 'town'] as const) {
    const other = new Agent(site.app);
    const fields = role === 'merchant' ? { shopId: await makeShop(site.db) } : {};
    const someone = await makeAccount(site.db, site.config, role, fields);
    await other.login(someone.email, someone.password);
    assert.equal((await other.get('/gestion/taches')).statusCode, 404, role);
  }
  const visitor = await new Agent(site.app).get('/gestion/taches');
  assert.equal(visitor.statusCode, 303);
  assert.equal(visitor.headers.location, '/connexion?retour=%2Fgestion%2Ftaches');
});

// ---- the command line ----

test('npm run job -- <name> runs that job now; an unknown name is refused in French, with the list', async (t) => {
  const scripts = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts as Record<string, string>;
  assert.equal(scripts.job, 'node --import tsx src/main.ts job');

  const town = await createTestDatabase();
  t.after(town.drop);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: town.databaseUrl });
  const order = await makeOrder(town.db, config, { placeId: await makePlace(town.db), shops: 1 });
  await unpostedPayment(town.db, order.orderId, 2500);
  const env = { NODE_ENV: 'test', DATABASE_URL: town.databaseUrl };

  const [unknown, none] = await Promise.all([runCli(['job', 'grand-livre'], env), runCli(['job'], env)]);
  assert.equal(unknown.code, 1, unknown.output);
  assert.match(plain(unknown.output), /Tâche inconnue : « grand-livre »\. Les tâches sont :/);
  for (const job of jobsOf(config)) assert.ok(unknown.output.includes(job.name) && unknown.output.includes(job.label), job.name);
  assert.doesNotMatch(unknown.output, /at .*\.ts:\d+/, 'no stack trace');
  assert.equal(none.code, 2, none.output);
  assert.match(plain(none.output), /Indiquez la tâche à lancer : npm run job -- <nom>/);

  const before = await count(town.db, 'ledger_transactions');
  const ran = await runCli(['job', 'ledger-posting'], env);
  assert.equal(ran.code, 0, ran.output);
  assert.match(plain(ran.output), /Tâche « Passer en comptabilité les paiements, remises et remboursements restés en attente » faite en \d+,\d s\./);
  assert.equal(await count(town.db, 'ledger_transactions'), before + 1);
  const row = await town.db.selectFrom('jobs').selectAll().where('name', '=', 'ledger-posting').executeTakeFirstOrThrow();
  assert.equal(Number(row.runs), 1);

  // Another process holds the lease: nothing is run.
  await town.db.updateTable('jobs').set({ lease_owner: 'ailleurs', lease_until: addSeconds(nowIso(), 600) }).where('name', '=', 'ledger-posting').execute();
  const busy = await runCli(['job', 'ledger-posting'], env);
  assert.equal(busy.code, 1, busy.output);
  assert.match(plain(busy.output), /est déjà en cours dans un autre processus : rien n’a été lancé/);
});
