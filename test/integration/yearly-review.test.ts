// The yearly review through the app on a small town with known figures, its sales made through
// the real order flow with the clock set at each instant: one sale in June 2025, two in 2026
// (March and October), a shop that left in November 2026; then a fixed clock (18 November
// 2026). The town asks for a year, the page shows the request waiting and
// reloading itself, the app's `yearly-review` job builds it, progress reaches 100 and the page
// offers the PDF, whose text (pdftotext) holds the year, the totals counted by hand and the
// trend in words. Two processes building at once build once; a year with nothing gives a plain
// PDF that says so; asking again offers the file or « refaire »; a bad year is refused next to
// its field; only the town and the concierge may ask, read and download.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makePlace, makeResident } from '../helpers/orders.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { handedOverOrder } from '../helpers/settlement.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { runJobNow, type Job } from '../../src/platform/jobs.ts';
import { newId } from '../../src/platform/ids.ts';
import { addSeconds, nowIso, startClockAt } from '../../src/platform/clock.ts';
import { buildNextReview } from '../../src/reports/review/review.service.ts';
import { claimNext } from '../../src/reports/review/review.repository.ts';

let ctx: TestApp;
let shopA: string;
let shopB: string;
let townAgent: Agent;
let concierge: Agent;
let merchant: Agent;
let resident: Agent;
let job: Job;
const NOW = '2026-11-18T09:00:00Z';

/** The small town: shop A (20 € cheese) joined in June 2025, shop B (15 € wine) in March 2026. */
async function makeTown(): Promise<void> {
  const placeId = await makePlace(ctx.db);
  startClockAt('2025-06-02T08:00:00Z');
  shopA = await makeShop(ctx.db, { tradeName: 'Fromagerie du Port' });
  const cheese = await makeOffer(ctx.db, shopA, { priceCents: 2000 });
  startClockAt('2025-06-10T08:00:00Z');
  await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: cheese }]);
  startClockAt('2026-03-02T08:00:00Z');
  shopB = await makeShop(ctx.db, { tradeName: 'Cave des Salins' });
  const wine = await makeOffer(ctx.db, shopB, { priceCents: 1500 });
  startClockAt('2026-03-12T08:00:00Z');
  await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: cheese, quantity: 2 }]);
  startClockAt('2026-10-06T08:00:00Z');
  await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: cheese }, { offerId: wine }]);
  // Shop B left the conciergerie in November 2026, closing down.
  await ctx.db
    .insertInto('shop_stage_events')
    .values({ id: newId(), shop_id: shopB, from_stage: 'member', to_stage: 'left', reason_code: 'closed', note: '', account_id: null, at: '2026-11-16T10:00:00.000Z' })
    .execute();
  startClockAt(NOW);
}

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: NOW });
  await makeTown();
  job = ctx.app.jobs.jobs.find((candidate) => candidate.name === 'yearly-review')!;
  assert.ok(job, 'the yearly review is one of the app’s jobs');
  [townAgent, concierge, merchant, resident] = [new Agent(ctx.app), new Agent(ctx.app), new Agent(ctx.app), new Agent(ctx.app)];
  const townAccount = await makeAccount(ctx.db, ctx.config, 'town');
  const conciergeAccount = await makeAccount(ctx.db, ctx.config, 'concierge');
  const merchantAccount = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: shopA });
  const residentAccount = await makeResident(ctx.db, ctx.config);
  await townAgent.login(townAccount.email, townAccount.password);
  await concierge.login(conciergeAccount.email, conciergeAccount.password);
  await merchant.login(merchantAccount.email, merchantAccount.password);
  await resident.login(residentAccount.email, residentAccount.password);
});

after(() => ctx.close());

const runTheJob = () => runJobNow({ db: ctx.db, config: ctx.config, log: { error: (error) => assert.fail(String(error)) } }, job);

/** Asks for a year as the page's form does; the request's address it is sent to. */
async function ask(agent: Agent, year: string, again = false): Promise<string> {
  const response = await agent.post('/ville/bilan', { year, ...(again ? { again: 'on' } : {}) }, '/ville/bilan');
  assert.equal(response.statusCode, 303, visibleText(response.body).slice(0, 300));
  const location = String(response.headers.location);
  assert.match(location, /^\/ville\/bilan\/[0-9a-f-]{36}$/);
  return location;
}

async function pdfText(agent: Agent, url: string): Promise<string> {
  const response = await agent.get(url);
  assert.equal(response.statusCode, 200, url);
  assert.match(String(response.headers['content-type']), /^application\/pdf/);
  const dir = mkdtempSync(join(tmpdir(), 'bilan-'));
  try {
    writeFileSync(join(dir, 'bilan.pdf'), response.rawPayload);
    return plain(execFileSync('pdftotext', ['-layout', join(dir, 'bilan.pdf'), '-'], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the town asks for 2026, watches it wait, the job builds it, and the PDF holds the totals and the trend', async () => {
  const page = await townAgent.get('/ville/bilan');
  assert.equal(page.statusCode, 200);
  assert.match(visibleText(page.body), /Bilan annuel/);
  const url = await ask(townAgent, '2026');
  const waiting = await townAgent.get(url);
  assert.match(visibleText(waiting.body), /Le bilan 2026 est en préparation/);
  assert.match(visibleText(waiting.body), /0 % — en attente de démarrage/);
  assert.match(waiting.body, /<meta http-equiv="refresh" content="3"/);
  // Its reader may turn the reloading off (WCAG 2.2.1), and look again when they wish.
  assert.ok(waiting.body.includes(`href="${url}?actualiser=non"`));
  const still = await townAgent.get(`${url}?actualiser=non`);
  assert.equal(still.statusCode, 200);
  assert.doesNotMatch(still.body, /http-equiv="refresh"/);
  assert.match(visibleText(still.body), /Voir où en est la préparation Remettre la mise à jour automatique/);

  assert.deepEqual(await runTheJob(), { status: 'done' });
  const id = url.split('/').pop()!;
  const row = await ctx.db.selectFrom('yearly_reviews').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'done');
  assert.equal(Number(row.progress), 100);
  assert.ok(row.file_id);

  const ready = await townAgent.get(url);
  assert.doesNotMatch(ready.body, /http-equiv="refresh"/, 'a finished review stops reloading');
  assert.match(visibleText(ready.body), /Le bilan 2026 est prêt/);
  assert.ok(ready.body.includes(`href="${url}/bilan.pdf"`));

  const text = await pdfText(townAgent, `${url}/bilan.pdf`);
  assert.match(text, /Bilan annuel 2026/);
  assert.match(text, /Du 1er janvier au 31 décembre 2026/);
  // Orders: one in March, one in October, against one in June 2025.
  assert.match(text, /Commandes 2 1 \+ 100 % \(en hausse\)/);
  // Goods: 40,00 € in March, 35,00 € in October = 75,00 €, against 20,00 € (+ 275 %).
  assert.match(text, /Ventes de marchandises 75,00 € 20,00 € \+ 275 % \(en hausse\)/);
  assert.match(text, /Commerces qui ont adhéré 1 1 stable/);
  assert.match(text, /Mars 2026 1 40,00 € 0,00 €/);
  assert.match(text, /Octobre 2026 1 35,00 € 0,00 €/);
  assert.match(text, /Total de l’année 2 75,00 € 0,00 €/);
  assert.match(text, /Panier moyen par commande 37,50 € 20,00 € \+ 88 % \(en hausse\)/);
  assert.match(text, /Commerces qui ont adhéré Commerce Date Cave des Salins 2 mars 2026/);
  assert.match(text, /Commerces partis Commerce Date Raison Cave des Salins 16 novembre 2026 A fermé/);
  assert.match(text, /Le mois le plus actif a été mars 2026, avec 40,00 € de marchandises vendues/);
  assert.match(text, /Les ventes de marchandises sont en hausse de 275 % par rapport à 2025/);
});

test('a request taken by one process shows its step; two processes building at once build it once', async () => {
  const url = await ask(concierge, '2025');
  const id = url.split('/').pop()!;
  // One process takes it: the page shows how far it went.
  const at = nowIso();
  const claimed = await claimNext(ctx.db, { owner: 'autre-processus', at, leaseUntil: addSeconds(at, 600), step: 'figures', progress: 10 });
  assert.equal(claimed?.id, id);
  assert.match(visibleText((await concierge.get(url)).body), /10 % — lecture des chiffres de l’année/);
  // While its lease holds, nobody else takes it.
  assert.equal(await buildNextReview(ctx, 'troisieme'), 'none');
  // Its process died: the lease lapses; two processes try at once, one builds.
  await ctx.db.updateTable('yearly_reviews').set({ lease_until: '2000-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
  const outcomes = await Promise.all([buildNextReview(ctx, 'premier'), buildNextReview(ctx, 'second')]);
  assert.deepEqual(outcomes.sort(), ['built', 'none']);
  const row = await ctx.db.selectFrom('yearly_reviews').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'done');
  const files = await ctx.db.selectFrom('files').select('id').where('filename', '=', 'bilan-conciergerie-2025.pdf').execute();
  assert.equal(files.length, 1, 'one file built');
  assert.ok(['premier', 'second'].includes(String(row.run_owner)));
});

test('a year with no activity gives a plain PDF that says so', async () => {
  const url = await ask(townAgent, '2019');
  await runTheJob();
  const text = await pdfText(townAgent, `${url}/bilan.pdf`);
  assert.match(text, /Bilan annuel 2019/);
  assert.match(text, /Aucune activité n’a été enregistrée en 2019/);
  assert.doesNotMatch(text, /Faits marquants/);
});

test('asking again for a year already built offers its file; « refaire » builds a new one', async () => {
  const first = await ask(townAgent, '2019');
  const again = await townAgent.get(first);
  assert.match(visibleText(again.body), /Le bilan 2019 est déjà prêt/);
  assert.match(visibleText(again.body), /Refaire le bilan 2019/);
  const redo = await ask(townAgent, '2019', true);
  assert.notEqual(redo, first);
  assert.match(visibleText((await townAgent.get(redo)).body), /en attente/);
  // Asked twice while it waits: the same request.
  assert.equal(await ask(concierge, '2019'), redo);
  await runTheJob();
  const list = visibleText((await townAgent.get('/ville/bilan')).body);
  assert.equal(list.match(/Télécharger le bilan 2019/g)?.length, 2, 'both files stay on the list');
});

test('a year that is not four digits, before 2000 or still to come is refused next to its field', async () => {
  for (const year of ['1999', '2027', 'deux', '26']) {
    const response = await townAgent.post('/ville/bilan', { year }, '/ville/bilan');
    assert.equal(response.statusCode, 422, year);
    const text = visibleText(response.body);
    assert.match(text, /Indiquez une année en quatre chiffres/, year);
  }
  assert.equal(Number((await ctx.db.selectFrom('yearly_reviews').select((eb) => eb.fn.countAll().as('n')).where('year', 'in', [1999, 2027]).executeTakeFirst())?.n), 0);
});

test('only the town and the concierge may ask for, follow and download a review', async () => {
  const url = (await ctx.db.selectFrom('yearly_reviews').select('id').where('status', '=', 'done').executeTakeFirstOrThrow()).id;
  const pages = ['/ville/bilan', `/ville/bilan/${url}`, `/ville/bilan/${url}/bilan.pdf`];
  for (const agent of [merchant, resident]) {
    for (const page of pages) assert.equal((await agent.get(page)).statusCode, 404, page);
    assert.equal((await agent.post('/ville/bilan', { year: '2025' }, '/')).statusCode, 404);
  }
  for (const page of pages) assert.equal((await concierge.get(page)).statusCode, 200, page);
  const visitor = await new Agent(ctx.app).get('/ville/bilan');
  assert.equal(visitor.statusCode, 303);
  assert.match(String(visitor.headers.location), /^\/connexion/);
  assert.equal((await townAgent.get(`/ville/bilan/${newId()}`)).statusCode, 404, 'an unknown request');
});
