// Bad input against the concierge's delivery runs, through the app on a real database:
// impossible dates, a stop or an order named under another run's address, forged drivers, two
// « Préparer » at once, preparing after a run has left or while the driver starts it, every
// other role. Each refusal is in French, never a 500, and changes nothing in the database.
// (The desk's destinations, companies and the zone: runs-attack-desk.test.ts.)
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeRunOrder, makeRunsTown, RUNS_FRIDAY, RUNS_TUESDAY, RUNS_WEDNESDAY, type RunsTown } from '../helpers/runs.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { disableAccountRow } from '../../src/platform/auth/auth.repository.ts';
import { assignDriver, moveStop, prepareRuns, runDetail, runsOn } from '../../src/rounds/index.ts';
import { deskDestinations } from '../../src/orders/desk/desk.service.ts';

let ctx: TestApp;
let town: RunsTown;
let concierge: Agent;

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: RUNS_TUESDAY });
  town = await makeRunsTown(ctx.db);
  concierge = await loggedIn('concierge');
});
beforeEach(() => startClockAt(RUNS_TUESDAY));
after(() => ctx.close());

const text = (html: string) => plain(visibleText(html));
const RUNS = '/gestion/tournees-de-livraison';

async function loggedIn(role: Parameters<typeof makeAccount>[2], fields: Parameters<typeof makeAccount>[3] = {}): Promise<Agent> {
  const account = await makeAccount(ctx.db, ctx.config, role, fields);
  const agent = new Agent(ctx.app);
  await agent.login(account.email, account.password);
  return agent;
}

/** Everything the runs tables hold, to show that a refused request changed nothing. */
async function runsSnapshot() {
  const [runs, stops, orders] = await Promise.all([
    ctx.db.selectFrom('delivery_runs').selectAll().orderBy('id').execute(),
    ctx.db.selectFrom('delivery_stops').selectAll().orderBy('id').execute(),
    ctx.db.selectFrom('delivery_orders').selectAll().orderBy('order_id').execute(),
  ]);
  return { runs, stops, orders };
}

async function runsOf(date: string) {
  return ctx.db.selectFrom('delivery_runs as r').innerJoin('vehicles as v', 'v.id', 'r.vehicle_id').select(['r.id', 'r.number', 'r.status', 'v.kind']).where('r.run_date', '=', date).orderBy('v.kind').orderBy('r.number').execute();
}

async function stopsOf(runId: string) {
  return ctx.db.selectFrom('delivery_stops').select(['id', 'position', 'locked', 'place_id']).where('run_id', '=', runId).orderBy('position').execute();
}

async function stopRowOf(orderId: string) {
  return ctx.db.selectFrom('delivery_orders').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}

test('two « Préparer » sent at once build one set of runs: no run, stop or order row twice', async () => {
  const orders = [
    await makeRunOrder(ctx.db, ctx.config, town, 'workplace'),
    await makeRunOrder(ctx.db, ctx.config, town, 'residence'),
    await makeRunOrder(ctx.db, ctx.config, town, 'home'),
  ];
  const token = await concierge.csrfToken(`${RUNS}?date=${RUNS_FRIDAY}`);
  const answers = await Promise.all([1, 2].map(() => concierge.post(`${RUNS}/preparer`, { date: RUNS_FRIDAY, _csrf: token })));
  for (const answer of answers) assert.equal(answer.statusCode, 303, text(answer.body));

  const runs = await runsOf(RUNS_FRIDAY);
  assert.deepEqual(runs.map((run) => `${run.kind} ${run.number}`), ['tricycle 1', 'van 1']);
  const { stops, orders: rows } = await runsSnapshot();
  assert.equal(rows.length, orders.length, 'each order on one stop');
  assert.equal(stops.length, 3, 'the company, the residence, the home: once each');
  for (const order of orders) assert.ok(await stopRowOf(order.orderId));
});

test('impossible dates are a missing page or a refusal in French, never a 500, and prepare nothing', async () => {
  const before = await runsSnapshot();
  for (const date of ['2026-02-30', '9999-99-99', '0000-00-00']) {
    const page = await concierge.get(`${RUNS}?date=${date}`);
    assert.equal(page.statusCode, 404, date);
    assert.match(text(page.body), /Cette page n’existe pas/);
    const prepared = await concierge.post(`${RUNS}/preparer`, { date }, RUNS);
    assert.ok([404, 422].includes(prepared.statusCode), `${date}: ${prepared.statusCode}`);
  }
  for (const date of ['demain', '2026-12-1', `2026-12-11${'9'.repeat(10_000)}`, '2026-12-11\u0000']) {
    const page = await concierge.get(`${RUNS}?date=${encodeURIComponent(date)}`);
    assert.ok([400, 404].includes(page.statusCode), `${date.slice(0, 20)}: ${page.statusCode}`);
    assert.match(text(page.body), /mal formée|n’existe pas/);
    const prepared = await concierge.post(`${RUNS}/preparer`, { date }, RUNS);
    assert.equal(prepared.statusCode, 422, `${date.slice(0, 20)}: ${prepared.statusCode}`);
  }
  assert.deepEqual(await runsSnapshot(), before);
});

test('a stop of another run, under this run’s address, is not found and nothing moves', async () => {
  const [tricycle, van] = await runsOf(RUNS_FRIDAY);
  const vanStop = (await stopsOf(van.id))[0];
  const before = await runsSnapshot();
  const moved = await concierge.post(`${RUNS}/${tricycle.id}/arrets/${vanStop.id}/deplacer`, { direction: 'down' }, `${RUNS}/${tricycle.id}`);
  assert.equal(moved.statusCode, 404);
  assert.match(text(moved.body), /n’existe pas/);
  const unknown = await concierge.post(`${RUNS}/unknown-run-id/arrets/${vanStop.id}/deplacer`, { direction: 'down' }, `${RUNS}/${tricycle.id}`);
  assert.equal(unknown.statusCode, 404);
  const badDirection = await concierge.post(`${RUNS}/${tricycle.id}/arrets/${vanStop.id}/deplacer`, { direction: 'sideways' }, `${RUNS}/${tricycle.id}`);
  assert.ok(badDirection.statusCode < 500 && badDirection.statusCode !== 303);
  assert.deepEqual(await runsSnapshot(), before);
});

test('the first stop moved up and the last moved down stay where they are, and are not locked', async () => {
  const [tricycle] = await runsOf(RUNS_FRIDAY);
  const stops = await stopsOf(tricycle.id);
  assert.equal(stops.length, 2);
  const before = await runsSnapshot();
  const up = await concierge.post(`${RUNS}/${tricycle.id}/arrets/${stops[0].id}/deplacer`, { direction: 'up' }, `${RUNS}/${tricycle.id}`);
  const down = await concierge.post(`${RUNS}/${tricycle.id}/arrets/${stops[1].id}/deplacer`, { direction: 'down' }, `${RUNS}/${tricycle.id}`);
  for (const answer of [up, down]) assert.ok(answer.statusCode < 500, String(answer.statusCode));
  assert.deepEqual(await runsSnapshot(), before);
  const page = text((await concierge.get(`${RUNS}/${tricycle.id}`)).body);
  assert.doesNotMatch(page, /L’arrêt est déplacé/, 'no message that something moved');
});

test('an order named under another run’s address, on no run, or on another day’s run is refused and stays where it is', async () => {
  const [tricycle, van] = await runsOf(RUNS_FRIDAY);
  const vanOrder = (await ctx.db.selectFrom('delivery_orders').select(['order_id', 'stop_id']).where('stop_id', '=', (await stopsOf(van.id))[0].id).executeTakeFirstOrThrow());
  const triStops = await stopsOf(tricycle.id);
  const triOrder = await ctx.db.selectFrom('delivery_orders').select(['order_id', 'stop_id']).where('stop_id', '=', triStops[0].id).executeTakeFirstOrThrow();
  const before = await runsSnapshot();
  // the van's order sent from the tricycle's page (the page names a run the order is not on)
  const elsewhere = await concierge.post(`${RUNS}/${tricycle.id}/commandes/deplacer`, { order_id: vanOrder.order_id, run_id: tricycle.id }, `${RUNS}/${tricycle.id}`);
  assert.equal(elsewhere.statusCode, 404, 'the order is not on the run of this page');
  // an order on no run (Wednesday's foyer order, not prepared)
  const loose = await makeRunOrder(ctx.db, ctx.config, town, 'foyer');
  const none = await concierge.post(`${RUNS}/${tricycle.id}/commandes/deplacer`, { order_id: loose.orderId, run_id: van.id }, `${RUNS}/${tricycle.id}`);
  assert.equal(none.statusCode, 404);
  // an order that does not exist at all
  const ghost = await concierge.post(`${RUNS}/${tricycle.id}/commandes/deplacer`, { order_id: newId(), run_id: van.id }, `${RUNS}/${tricycle.id}`);
  assert.equal(ghost.statusCode, 404);
  assert.deepEqual(await runsSnapshot(), before);

  // Wednesday's run, then Friday's order sent onto it
  const prepared = await concierge.post(`${RUNS}/preparer`, { date: RUNS_WEDNESDAY }, `${RUNS}?date=${RUNS_WEDNESDAY}`);
  assert.equal(prepared.statusCode, 303);
  const [wednesday] = await runsOf(RUNS_WEDNESDAY);
  const afterPrepare = await runsSnapshot();
  const otherDay = await concierge.post(`${RUNS}/${tricycle.id}/commandes/deplacer`, { order_id: triOrder.order_id, run_id: wednesday.id }, `${RUNS}/${tricycle.id}`);
  assert.equal(otherDay.statusCode, 422);
  assert.match(text(otherDay.body), /Cette commande est à livrer un autre jour/);
  assert.deepEqual(await runsSnapshot(), afterPrepare);
});

test('once a run has left: its stops and orders cannot be moved, and preparing again leaves them on it', async () => {
  const [tricycle, van] = await runsOf(RUNS_FRIDAY);
  await ctx.db.updateTable('delivery_runs').set({ status: 'under_way', started_at: '2026-12-11T09:00:00Z' }).where('id', '=', van.id).execute();
  const vanStop = (await stopsOf(van.id))[0];
  const vanOrder = await ctx.db.selectFrom('delivery_orders').select(['order_id', 'stop_id']).where('stop_id', '=', vanStop.id).executeTakeFirstOrThrow();
  const before = await runsSnapshot();
  const stopMove = await concierge.post(`${RUNS}/${van.id}/arrets/${vanStop.id}/deplacer`, { direction: 'down' }, `${RUNS}/${van.id}`);
  assert.equal(stopMove.statusCode, 422);
  assert.match(text(stopMove.body), /Cette tournée est déjà partie/);
  const orderMove = await concierge.post(`${RUNS}/${van.id}/commandes/deplacer`, { order_id: vanOrder.order_id, run_id: tricycle.id }, `${RUNS}/${van.id}`);
  assert.equal(orderMove.statusCode, 422);
  assert.match(text(orderMove.body), /Cette tournée est déjà partie/);
  const driverTaken = await concierge.post(`${RUNS}/${van.id}/chauffeur`, { driver: '' }, `${RUNS}/${van.id}`);
  assert.equal(driverTaken.statusCode, 422, 'a run on its way keeps its driver');
  assert.match(text(driverTaken.body), /Cette tournée est déjà partie/);
  assert.deepEqual(await runsSnapshot(), before);

  // a new company order comes in: preparing again puts it on a second van run, the first keeps its own
  const late = await makeRunOrder(ctx.db, ctx.config, town, 'workplace');
  const prepared = await concierge.post(`${RUNS}/preparer`, { date: RUNS_FRIDAY }, `${RUNS}?date=${RUNS_FRIDAY}`);
  assert.equal(prepared.statusCode, 303);
  const vanRows = before.stops.filter((stop) => stop.run_id === van.id);
  assert.deepEqual(await ctx.db.selectFrom('delivery_stops').selectAll().where('run_id', '=', van.id).orderBy('id').execute(), vanRows, 'the left run’s stops untouched');
  assert.equal((await stopRowOf(vanOrder.order_id))?.stop_id, vanOrder.stop_id);
  const vans = (await runsOf(RUNS_FRIDAY)).filter((run) => run.kind === 'van');
  assert.deepEqual(vans.map((run) => [run.number, run.status]), [[1, 'under_way'], [2, 'planned']]);
  const lateStop = await stopRowOf(late.orderId);
  assert.ok(lateStop);
  assert.equal((await ctx.db.selectFrom('delivery_stops').select('run_id').where('id', '=', lateStop.stop_id).executeTakeFirstOrThrow()).run_id, vans[1].id);
});

test('a stop moved while the driver is starting the run: the start wins, the stops stay as the driver has them', async () => {
  const other = await makeRunsTown(ctx.db);
  await makeRunOrder(ctx.db, ctx.config, other, 'residence');
  await makeRunOrder(ctx.db, ctx.config, other, 'foyer');
  assert.equal((await concierge.post(`${RUNS}/preparer`, { date: RUNS_WEDNESDAY }, `${RUNS}?date=${RUNS_WEDNESDAY}`)).statusCode, 303);
  const runs = await runsOf(RUNS_WEDNESDAY);
  const run = runs.find((candidate) => candidate.status === 'planned' && candidate.kind === 'van')!;
  const stops = await stopsOf(run.id);
  assert.ok(stops.length >= 2, `two stops (${stops.length})`);
  const token = await concierge.csrfToken(`${RUNS}/${run.id}`);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let moving: Promise<Awaited<ReturnType<Agent['post']>>> | undefined;
  // the driver's start, not committed yet when the concierge's move arrives
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('delivery_runs').set({ status: 'under_way', started_at: '2026-12-09T09:00:00Z' }).where('id', '=', run.id).where('status', '=', 'planned').execute();
    moving = concierge.post(`${RUNS}/${run.id}/arrets/${stops[1].id}/deplacer`, { direction: 'up', _csrf: token });
    setTimeout(release, 300);
    await released;
  });
  const moved = await moving!;
  assert.equal(moved.statusCode, 422);
  assert.match(text(moved.body), /Cette tournée est déjà partie/);
  assert.deepEqual(await stopsOf(run.id), stops);
});

test('a forged driver — a resident, a disabled driver, an unknown id — is refused in French and the run keeps its driver', async () => {
  const [tricycle] = await runsOf(RUNS_FRIDAY);
  const driver = await makeAccount(ctx.db, ctx.config, 'driver');
  const gone = await makeAccount(ctx.db, ctx.config, 'driver');
  await disableAccountRow(ctx.db, gone.id);
  const resident = await makeAccount(ctx.db, ctx.config, 'resident');
  const merchant = await makeAccount(ctx.db, ctx.config, 'town');
  assert.equal((await concierge.post(`${RUNS}/${tricycle.id}/chauffeur`, { driver: driver.id }, `${RUNS}/${tricycle.id}`)).statusCode, 303);
  const before = await runsSnapshot();
  for (const forged of [gone.id, resident.id, merchant.id, newId()]) {
    const refused = await concierge.post(`${RUNS}/${tricycle.id}/chauffeur`, { driver: forged }, `${RUNS}/${tricycle.id}`);
    assert.equal(refused.statusCode, 422, forged);
    assert.match(text(refused.body), /Choisissez le chauffeur dans la liste/);
  }
  const malformed = await concierge.post(`${RUNS}/${tricycle.id}/chauffeur`, { driver: '<script>' }, `${RUNS}/${tricycle.id}`);
  assert.equal(malformed.statusCode, 422);
  const unknownRun = await concierge.post(`${RUNS}/${newId()}/chauffeur`, { driver: driver.id }, `${RUNS}/${tricycle.id}`);
  assert.equal(unknownRun.statusCode, 404);
  assert.deepEqual(await runsSnapshot(), before);
  // a run back at the counter keeps who drove it
  await ctx.db.updateTable('delivery_runs').set({ status: 'finished', finished_at: '2026-12-11T12:00:00Z' }).where('id', '=', tricycle.id).execute();
  const finished = await runsSnapshot();
  const late = await concierge.post(`${RUNS}/${tricycle.id}/chauffeur`, { driver: '' }, `${RUNS}/${tricycle.id}`);
  assert.equal(late.statusCode, 422);
  assert.match(text(late.body), /Cette tournée est déjà partie/);
  assert.deepEqual(await runsSnapshot(), finished);
  await ctx.db.updateTable('delivery_runs').set({ status: 'planned', finished_at: null }).where('id', '=', tricycle.id).execute();
});

test('no one but the concierge reads or changes a run; a driver only through their own phone pages', async () => {
  const [tricycle] = await runsOf(RUNS_FRIDAY);
  const stop = (await stopsOf(tricycle.id))[0];
  const visitor = new Agent(ctx.app);
  const others = [visitor, await loggedIn('resident'), await loggedIn('town'), await loggedIn('driver')];
  const before = await runsSnapshot();
  for (const agent of others) {
    for (const url of [`${RUNS}?date=${RUNS_FRIDAY}`, `${RUNS}/${tricycle.id}`]) {
      const page = await agent.get(url);
      assert.ok([302, 303, 403, 404].includes(page.statusCode), `${url}: ${page.statusCode}`);
      assert.doesNotMatch(page.body, /Triporteur, tournée/);
    }
    const token = (await agent.get('/')).body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? 'none';
    for (const [url, fields] of [
      [`${RUNS}/preparer`, { date: RUNS_FRIDAY }],
      [`${RUNS}/${tricycle.id}/arrets/${stop.id}/deplacer`, { direction: 'down' }],
      [`${RUNS}/${tricycle.id}/chauffeur`, { driver: '' }],
    ] as const) {
      const answer = await agent.post(url, { ...fields, _csrf: token });
      const toLogin = answer.statusCode === 303 && String(answer.headers.location).startsWith('/connexion');
      assert.ok(toLogin || [403, 404].includes(answer.statusCode), `${url}: ${answer.statusCode} ${answer.headers.location ?? ''}`);
    }
  }
  assert.deepEqual(await runsSnapshot(), before);
});

test('the services themselves refuse anyone but the concierge, whatever route calls them', async () => {
  const [tricycle] = await runsOf(RUNS_FRIDAY);
  const stop = (await stopsOf(tricycle.id))[0];
  const resident = { id: newId(), email: 'r@exemple.fr', role: 'resident', displayName: 'R', shopId: null, memberId: null } as const;
  const driver = { ...resident, role: 'driver' } as const;
  const before = await runsSnapshot();
  for (const actor of [null, resident, driver]) {
    await assert.rejects(prepareRuns(ctx.db, ctx.config, actor, RUNS_FRIDAY));
    await assert.rejects(moveStop(ctx.db, ctx.config, actor, tricycle.id, stop.id, 'down'));
    await assert.rejects(assignDriver(ctx.db, actor, tricycle.id, null));
    await assert.rejects(runsOn(ctx.db, actor, RUNS_FRIDAY));
    await assert.rejects(deskDestinations(ctx.db, ctx.config, actor, newId(), true));
  }
  // a driver reads only a run given to them
  await assert.rejects(runDetail(ctx.db, driver, tricycle.id));
  assert.deepEqual(await runsSnapshot(), before);
});
