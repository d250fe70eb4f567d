// The concierge's pages of delivery runs, through the app: the day's page says how many
// orders wait and prepares the runs in one click; a run's page lists its stops in order with
// their orders; moving a stop locks it; the driver is chosen from the list (a forged one is
// refused in French); an order cannot be moved onto a run of another day (the page says so,
// nothing changes); a day with nothing due says so; a driver cannot reach these pages; how to
// get in at a place is printed on the run sheet.
import { after, before, beforeEach, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { bringToCounter, makeRunOrder, makeRunsTown, RUNS_FRIDAY, RUNS_TUESDAY, RUNS_WEDNESDAY, type RunsTown } from '../helpers/runs.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { startClockAt } from '../../src/platform/clock.ts';

let ctx: TestApp;
let town: RunsTown;
let concierge: Agent;
let driver: Agent;
let driverId: string;

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: RUNS_TUESDAY });
  town = await makeRunsTown(ctx.db);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
  const driverAccount = await makeAccount(ctx.db, ctx.config, 'driver', { displayName: 'Karim Haddad' });
  driverId = driverAccount.id;
  driver = new Agent(ctx.app);
  await driver.login(driverAccount.email, driverAccount.password);
});
beforeEach(() => startClockAt(RUNS_TUESDAY));
after(() => ctx.close());

const text = (html: string) => plain(visibleText(html));
const RUNS = '/gestion/tournees-de-livraison';

async function runIdsOn(date: string): Promise<string[]> {
  return (await ctx.db.selectFrom('delivery_runs').select('id').where('run_date', '=', date).orderBy('number').execute()).map((row) => row.id);
}

test('Friday’s runs are prepared in one click and the run page lists the stops and their orders', async () => {
  const work = await makeRunOrder(ctx.db, ctx.config, town, 'workplace', { lastName: 'Benali' });
  await bringToCounter(ctx.db, ctx.config, work.orderId);
  await makeRunOrder(ctx.db, ctx.config, town, 'home', { lastName: 'Roux' });

  const day = await concierge.get(`${RUNS}?date=${RUNS_FRIDAY}`);
  assert.equal(day.statusCode, 200);
  assert.match(text(day.body), /2 commandes à livrer attendent une tournée/);
  assert.match(text(day.body), /Préparer les tournées du vendredi 11 décembre/);

  const prepared = await concierge.post(`${RUNS}/preparer`, { date: RUNS_FRIDAY }, `${RUNS}?date=${RUNS_FRIDAY}`);
  assert.equal(prepared.statusCode, 303);
  const after = await concierge.get(prepared.headers.location as string);
  assert.match(text(after.body), /Les 2 tournées sont prêtes/);
  assert.match(text(after.body), /Toutes les commandes à livrer ce jour-là sont dans une tournée/);
  assert.match(text(after.body), /Fourgonnette, tournée 1/);
  assert.match(text(after.body), /Triporteur, tournée 1/);

  const [vanRun] = await ctx.db.selectFrom('delivery_runs as r').innerJoin('vehicles as v', 'v.id', 'r.vehicle_id').select('r.id').where('r.run_date', '=', RUNS_FRIDAY).where('v.kind', '=', 'van').execute();
  const page = await concierge.get(`${RUNS}/${vanRun.id}`);
  assert.equal(page.statusCode, 200);
  const body = text(page.body);
  assert.match(body, /Fourgonnette, tournée 1 du vendredi 11 décembre/);
  assert.match(body, /1\. Zone du Tubé/);
  assert.match(body, /Jeanne Benali/);
  assert.match(body, /1 × Pain de campagne|2 × Pain de campagne/);
  assert.match(body, /À encaisser : 9,00 €/);
  assert.match(body, /Feuille de route \(PDF\)/);
});

test('the driver is chosen from the list; a forged driver is refused in French and nothing changes', async () => {
  const [runId] = await runIdsOn(RUNS_FRIDAY);
  const chosen = await concierge.post(`${RUNS}/${runId}/chauffeur`, { driver: driverId }, `${RUNS}/${runId}`);
  assert.equal(chosen.statusCode, 303);
  assert.match(text((await concierge.get(`${RUNS}/${runId}`)).body), /Chauffeur\s*:?\s*Karim Haddad|Karim Haddad/);
  const resident = await makeAccount(ctx.db, ctx.config, 'resident');
  const forged = await concierge.post(`${RUNS}/${runId}/chauffeur`, { driver: resident.id }, `${RUNS}/${runId}`);
  assert.equal(forged.statusCode, 422);
  assert.match(text(forged.body), /Choisissez le chauffeur dans la liste/);
  const row = await ctx.db.selectFrom('delivery_runs').select('driver_account_id').where('id', '=', runId).executeTakeFirstOrThrow();
  assert.equal(row.driver_account_id, driverId);
});

test('moving a stop locks it; an order moved onto a run of another day is refused on the page', async () => {
  await makeRunOrder(ctx.db, ctx.config, town, 'foyer');
  await concierge.post(`${RUNS}/preparer`, { date: RUNS_WEDNESDAY }, `${RUNS}?date=${RUNS_WEDNESDAY}`);
  const [wednesdayRun] = await runIdsOn(RUNS_WEDNESDAY);
  const fridayOrder = await ctx.db
    .selectFrom('delivery_orders as d')
    .innerJoin('delivery_stops as s', 's.id', 'd.stop_id')
    .innerJoin('delivery_runs as r', 'r.id', 's.run_id')
    .select(['d.order_id', 'r.id as run_id', 's.id as stop_id'])
    .where('r.run_date', '=', RUNS_FRIDAY)
    .executeTakeFirstOrThrow();
  const refused = await concierge.post(`${RUNS}/${fridayOrder.run_id}/commandes/deplacer`, { order_id: fridayOrder.order_id, run_id: wednesdayRun }, `${RUNS}/${fridayOrder.run_id}`);
  assert.equal(refused.statusCode, 422);
  assert.match(text(refused.body), /Cette commande est à livrer un autre jour/);
  const still = await ctx.db.selectFrom('delivery_orders').select('stop_id').where('order_id', '=', fridayOrder.order_id).executeTakeFirstOrThrow();
  assert.equal(still.stop_id, fridayOrder.stop_id);

  // a second stop on the tricycle, then moved up by hand
  const other = await makeRunsTown(ctx.db);
  await makeRunOrder(ctx.db, ctx.config, other, 'residence');
  await concierge.post(`${RUNS}/preparer`, { date: RUNS_FRIDAY }, `${RUNS}?date=${RUNS_FRIDAY}`);
  const tricycle = await ctx.db.selectFrom('delivery_runs as r').innerJoin('vehicles as v', 'v.id', 'r.vehicle_id').select('r.id').where('r.run_date', '=', RUNS_FRIDAY).where('v.kind', '=', 'tricycle').executeTakeFirstOrThrow();
  const stops = await ctx.db.selectFrom('delivery_stops').select(['id', 'position']).where('run_id', '=', tricycle.id).orderBy('position').execute();
  const moved = await concierge.post(`${RUNS}/${tricycle.id}/arrets/${stops[1].id}/deplacer`, { direction: 'up' }, `${RUNS}/${tricycle.id}`);
  assert.equal(moved.statusCode, 303);
  const page = text((await concierge.get(`${RUNS}/${tricycle.id}`)).body);
  assert.match(page, /Placé à la main/);
  const first = await ctx.db.selectFrom('delivery_stops').select(['id', 'locked']).where('run_id', '=', tricycle.id).orderBy('position').executeTakeFirstOrThrow();
  assert.deepEqual(first, { id: stops[1].id, locked: 1 });
});

test('a day with nothing due says so, and preparing it is refused in French', async () => {
  const day = await concierge.get(`${RUNS}?date=2026-12-15`);
  assert.match(text(day.body), /Aucune commande n’est à livrer ce jour-là/);
  const refused = await concierge.post(`${RUNS}/preparer`, { date: '2026-12-15' }, `${RUNS}?date=2026-12-15`);
  assert.equal(refused.statusCode, 422);
  assert.match(text(refused.body), /Aucune commande n’est à livrer ce jour-là : il n’y a pas de tournée à préparer/);
});

test('a driver cannot reach the concierge’s run pages', async () => {
  const [runId] = await runIdsOn(RUNS_FRIDAY);
  assert.equal((await driver.get(RUNS)).statusCode, 404);
  assert.equal((await driver.get(`${RUNS}/${runId}`)).statusCode, 404);
});

test('how to get in at a place is written once on its page and printed on the run sheet; too long is refused next to the field', async () => {
  const place = `/gestion/lieux/${town.companyPlaceId}`;
  const notes = 'Sonner à l’accueil, code du portail 1234';
  const saved = await concierge.post(`${place}/acces`, { access_notes: `  ${notes}  ` }, place);
  assert.equal(saved.statusCode, 303);
  assert.match(text((await concierge.get(place)).body), /Indications pour le chauffeur\s*:?\s*Sonner à l’accueil, code du portail 1234/);
  const tooLong = await concierge.post(`${place}/acces`, { access_notes: 'x'.repeat(301) }, place);
  assert.equal(tooLong.statusCode, 422);
  assert.match(text(tooLong.body), /300 caractères au plus/);

  const [van] = await ctx.db.selectFrom('delivery_runs as r').innerJoin('vehicles as v', 'v.id', 'r.vehicle_id').select('r.id').where('r.run_date', '=', RUNS_FRIDAY).where('v.kind', '=', 'van').execute();
  const sheet = await concierge.get(`${RUNS}/${van.id}/feuille.pdf`);
  assert.equal(sheet.statusCode, 200);
  const dir = mkdtempSync(join(tmpdir(), 'acces-'));
  writeFileSync(join(dir, 'feuille.pdf'), sheet.rawPayload);
  assert.match(plain(execFileSync('pdftotext', ['-layout', join(dir, 'feuille.pdf'), '-'], { encoding: 'utf8' })), /Accès : Sonner à l’accueil, code du portail 1234/);
});
