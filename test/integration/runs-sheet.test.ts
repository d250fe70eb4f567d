// A delivery run's papers through the app, read back as a person would: each PDF is rendered
// to PNG (pdftoppm) and its text read with pdftotext. The run sheet lists the stops in the
// run's order with their orders, the amount to collect and a signature column; the copy
// without prices has no amount at all; the foyer's list has one line per member. The
// concierge and the run's own driver may print them; another driver or a resident may not.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeRunOrder, makeRunsTown, RUNS_FRIDAY, RUNS_TUESDAY, RUNS_WEDNESDAY, type RunsTown } from '../helpers/runs.ts';
import { plain } from '../helpers/text.ts';
import { CONCIERGE } from '../helpers/orders.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { prepareRuns, runsOn, type RunDetail } from '../../src/rounds/index.ts';

let ctx: TestApp;
let town: RunsTown;
let concierge: Agent;
let dir: string;
let tricycle: RunDetail;
let foyerRun: RunDetail;

const RUNS = '/gestion/tournees-de-livraison';

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: RUNS_TUESDAY });
  dir = mkdtempSync(join(tmpdir(), 'runs-sheet-'));
  town = await makeRunsTown(ctx.db);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
  // Friday: the residence (two members) and a home by tricycle; Wednesday: three members at the foyer.
  for (const lastName of ['Martin', 'Bernard']) await makeRunOrder(ctx.db, ctx.config, town, 'residence', { lastName });
  await makeRunOrder(ctx.db, ctx.config, town, 'home', { lastName: 'Roux', quantity: 3 });
  for (const lastName of ['Garcia', 'Fabre', 'Arnaud']) await makeRunOrder(ctx.db, ctx.config, town, 'foyer', { lastName });
  for (const date of [RUNS_FRIDAY, RUNS_WEDNESDAY]) await prepareRuns(ctx.db, ctx.config, CONCIERGE, date);
  tricycle = (await runsOn(ctx.db, CONCIERGE, RUNS_FRIDAY)).runs.find((detail) => detail.run.vehicle.kind === 'tricycle')!;
  foyerRun = (await runsOn(ctx.db, CONCIERGE, RUNS_WEDNESDAY)).runs[0];
});
beforeEach(() => startClockAt(RUNS_TUESDAY));
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await ctx.close();
});

/** Renders page 1 to PNG at 60 dpi (it must draw something) and answers the text, spaces made plain. */
function readPdf(bytes: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, name)]);
  assert.ok(readFileSync(join(dir, `${name}-1.png`)).length > 5000, 'page 1 renders to a PNG with content');
  return plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
}

async function pdfOf(agent: Agent, url: string): Promise<Buffer> {
  const response = await agent.get(url);
  assert.equal(response.statusCode, 200, url);
  assert.match(String(response.headers['content-type']), /^application\/pdf/);
  return response.rawPayload;
}

test('the run sheet lists the stops in the run’s order, with the orders’ contents, the amounts to collect and a signature column', async () => {
  assert.equal(tricycle.stops.length, 2, 'the residence and the home');
  const text = readPdf(await pdfOf(concierge, `${RUNS}/${tricycle.run.id}/feuille.pdf`), 'sheet');
  assert.match(text, /Feuille de route/);
  assert.match(text, /Triporteur, tournée 1, vendredi 11 décembre/);
  assert.match(text, /Chauffeur : à désigner/);
  const positions = tricycle.stops.map((stop) => text.indexOf(`${stop.number}. ${stop.name}`));
  assert.ok(positions.every((position) => position >= 0), `every stop is on the sheet: ${text}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'in the run’s order');
  assert.match(text, /1\. Résidence Les Oliviers \d+, vers \d+ h/, 'the residence’s planned time');
  assert.match(text, /Adresse : 8 rue Frédéric Mistral, 13800/);
  // a long title may wrap in its column: the quantity and the first words are on one line
  assert.match(text, /3 × Pain de/);
  assert.match(text, /2 × Pain de/);
  assert.match(text, /Signature/);
  assert.match(text, /À encaisser/);
  assert.match(text, /13,50 €/, 'the home’s three loaves to collect');
  assert.match(text, /À encaisser en tout : 31,50 €/);
  for (const order of tricycle.stops.flatMap((stop) => stop.orders)) assert.ok(text.includes(order.collectionCode), `order ${order.collectionCode} is on the sheet`);
});

test('the copy without prices shows no amount at all', async () => {
  const text = readPdf(await pdfOf(concierge, `${RUNS}/${tricycle.run.id}/feuille.pdf?prix=non`), 'sheet-no-prices');
  assert.match(text, /Copie sans les prix/);
  assert.match(text, /3 × Pain de/);
  assert.match(text, /Signature/);
  assert.doesNotMatch(text, /€/);
  assert.doesNotMatch(text, /encaisser/i);
});

test('the foyer’s list has one line per member, with what to collect, the amount due and boxes to tick and sign', async () => {
  const stop = foyerRun.stops[0];
  assert.ok(stop.isDropOff);
  const text = readPdf(await pdfOf(concierge, `${RUNS}/${foyerRun.run.id}/arrets/${stop.id}/emargement.pdf`), 'sign-off');
  assert.match(text, /Liste d’émargement/);
  assert.match(text, /mercredi 9 décembre/);
  for (const header of ['Adhérent', 'Code', 'À retirer', 'Montant dû', 'Retiré', 'Payé', 'Signature']) assert.ok(text.includes(header), header);
  for (const order of stop.orders) {
    const matches = text.split(order.collectionCode).length - 1;
    assert.equal(matches, 1, `one line for ${order.memberName}`);
    assert.ok(text.includes(order.memberName), order.memberName);
  }
  assert.deepEqual(['Arnaud', 'Fabre', 'Garcia'].map((name) => text.indexOf(`Jeanne ${name}`)).every((at, index, all) => at >= 0 && (index === 0 || at > all[index - 1])), true, 'in alphabetical order');
  assert.match(text, /3 commandes, 27,00 € à encaisser en tout/);
});

test('a stop that is not a drop-off point has no list, and a run of another has no sheet', async () => {
  const home = tricycle.stops.find((stop) => !stop.isDropOff)!;
  assert.equal((await concierge.get(`${RUNS}/${tricycle.run.id}/arrets/${home.id}/emargement.pdf`)).statusCode, 404);
  assert.equal((await concierge.get(`${RUNS}/${tricycle.run.id}/arrets/${foyerRun.stops[0].id}/emargement.pdf`)).statusCode, 404, 'the foyer’s stop is not on this run');
  assert.equal((await concierge.get(`${RUNS}/00000000-0000-4000-8000-000000000000/feuille.pdf`)).statusCode, 404);
});

test('the run’s own driver prints its papers; another driver and a resident get « not found »', async () => {
  const own = await makeAccount(ctx.db, ctx.config, 'driver', { displayName: 'Karim Haddad' });
  const other = await makeAccount(ctx.db, ctx.config, 'driver');
  const resident = await makeAccount(ctx.db, ctx.config, 'resident');
  await ctx.db.updateTable('delivery_runs').set({ driver_account_id: own.id }).where('id', 'in', [tricycle.run.id, foyerRun.run.id]).execute();
  const agents = await Promise.all([own, other, resident].map(async (account) => {
    const agent = new Agent(ctx.app);
    await agent.login(account.email, account.password);
    return agent;
  }));
  const [driver, stranger, member] = agents;
  const sheet = `${RUNS}/${tricycle.run.id}/feuille.pdf`;
  const list = `${RUNS}/${foyerRun.run.id}/arrets/${foyerRun.stops[0].id}/emargement.pdf`;
  assert.match(readPdf(await pdfOf(driver, sheet), 'driver-sheet'), /Chauffeur : Karim Haddad/);
  await pdfOf(driver, `${sheet}?prix=non`);
  await pdfOf(driver, list);
  for (const agent of [stranger, member]) {
    assert.equal((await agent.get(sheet)).statusCode, 404);
    assert.equal((await agent.get(list)).statusCode, 404);
  }
  const visitor = await new Agent(ctx.app).get(sheet);
  assert.equal(visitor.statusCode, 303, 'a visitor is sent to log in');
});
