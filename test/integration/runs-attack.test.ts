// Bad input against the delivery runs, the phone desk's destinations and the company usage
// pages, through the app on a real database: impossible dates, a stop or an order named under
// another run's address, forged drivers, two « Préparer » at once, preparing after a run has
// left, hostile addresses, a home delivery or a company run forged for a member who may not
// have it. Each refusal is in French, never a 500, and changes nothing in the database.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { CONCIERGE } from '../helpers/orders.ts';
import { makeRunOrder, makeRunsTown, RUNS_FRIDAY, RUNS_TUESDAY, RUNS_WEDNESDAY, type RunsTown } from '../helpers/runs.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { disableAccountRow } from '../../src/platform/auth/auth.repository.ts';
import { addToBasket } from '../../src/orders/index.ts';
import { accountBasketKey } from '../../src/orders/site/basket.service.ts';
import { saveHomeDeliveryZone } from '../../src/places/places.delivery.service.ts';

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
const DESK = '/gestion/commandes/nouvelle';

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

// ---- the phone desk's destinations ----

async function deskBasketFor(memberId: string): Promise<void> {
  const added = await concierge.post(`${DESK}/${memberId}/ajouter`, { offer_id: town.offerId, quantity: '1' }, `${DESK}/${memberId}`);
  assert.equal(added.statusCode, 303);
}

function fieldValue(html: string, name: string): string | undefined {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html);
  return input ? /value="([^"]*)"/.exec(input[0])?.[1] : undefined;
}

const homeSlots = (memberId: string, address: string, postalCode = '13800') =>
  `${DESK}/${memberId}/creneau?canal=telephone&place_id=domicile&address=${encodeURIComponent(address)}&postal_code=${encodeURIComponent(postalCode)}`;

test('hostile addresses at the desk: escaped, refused next to the field or as a malformed request, never a 500', async () => {
  const memberId = await makeMember(ctx.db, { firstName: 'Odette', lastName: 'Blanc' });
  await deskBasketFor(memberId);
  const script = await concierge.get(homeSlots(memberId, '<script>alert(1)</script> rue Frédéric Mistral'));
  assert.equal(script.statusCode, 422);
  assert.doesNotMatch(script.body, /<script>alert/);
  assert.match(text(script.body), /Nous ne livrons pas à cette adresse/);
  // what was typed is kept, escaped (a `>` inside a quoted attribute is harmless)
  assert.ok(script.body.includes('name="address" type="text" value="&lt;script>alert(1)&lt;/script> rue Frédéric Mistral"'), 'the typed address kept, escaped');

  const typedLong = `8 rue Frédéric Mistral ${'x'.repeat(10_000)}`;
  const long = await concierge.get(homeSlots(memberId, typedLong));
  assert.equal(long.statusCode, 422);
  assert.match(text(long.body), /Ce texte est trop long : 200 caractères au plus/);
  assert.ok(long.body.includes(`value="${typedLong}"`), 'what was typed is kept');

  const letters = await concierge.get(homeSlots(memberId, '8 rue Frédéric Mistral', 'ABCDE'));
  assert.equal(letters.statusCode, 422);
  assert.match(text(letters.body), /Nous ne livrons pas à cette adresse/);

  for (const nul of ['8 rue Frédéric Mistral\u0000', '8 rue\u0000 Frédéric Mistral']) {
    const page = await concierge.get(homeSlots(memberId, nul));
    assert.equal(page.statusCode, 422, 'NUL in the address');
    assert.match(text(page.body), /Cette valeur n’est pas valable/);
    assert.doesNotMatch(page.body, /\u0000/);
    assert.ok(page.body.includes(`value="${nul.replace('\u0000', '')}"`), 'what was typed is kept, without the NUL');
  }
  const token = await concierge.csrfToken(`${DESK}/${memberId}`);
  const placed = await concierge.post(`${DESK}/${memberId}/commande`, {
    _csrf: token,
    place_id: 'domicile',
    address: '8 rue Frédéric Mistral\u0000',
    postal_code: '13800',
    slot: '2026-12-11T09:00:00.000Z',
    canal: 'telephone',
    payment: 'at_counter',
    idempotency_key: 'attack-nul-address-1',
  });
  assert.ok(placed.statusCode < 500, String(placed.statusCode));
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 0);
});

test('an address outside the zone sent straight to « commande » comes back next to the field, what was typed kept, no order', async () => {
  const memberId = await makeMember(ctx.db, { firstName: 'Marcel', lastName: 'Pagnol' });
  await deskBasketFor(memberId);
  const slots = await concierge.get(homeSlots(memberId, '8 rue Frédéric Mistral'));
  const slot = /name="slot"[^>]*value="([^"]+)"/.exec(slots.body)?.[1] ?? /value="([^"]+)"[^>]*name="slot"/.exec(slots.body)?.[1];
  assert.ok(slot);
  const placed = await concierge.post(`${DESK}/${memberId}/commande`, {
    _csrf: (await concierge.csrfToken()) as string,
    place_id: 'domicile',
    address: '8 allée des Cigales',
    postal_code: '13800',
    slot,
    canal: 'telephone',
    payment: 'at_counter',
    idempotency_key: fieldValue(slots.body, 'idempotency_key')!,
  });
  assert.equal(placed.statusCode, 422, `${placed.statusCode} ${placed.headers.location ?? ''}`);
  assert.match(text(placed.body), /Nous ne livrons pas à cette adresse/);
  assert.equal(fieldValue(placed.body, 'address'), '8 allée des Cigales');
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 0);
});

test('a company’s run forged for a member who is not its employee is refused, no order', async () => {
  const memberId = await makeMember(ctx.db, { firstName: 'Paul', lastName: 'Ricard' });
  await deskBasketFor(memberId);
  const slots = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=${town.companyPlaceId}`);
  assert.equal(slots.statusCode, 422);
  assert.match(text(slots.body), /Ce lieu de livraison n’est pas proposé/);
  const placed = await concierge.post(`${DESK}/${memberId}/commande`, {
    _csrf: (await concierge.csrfToken()) as string,
    place_id: town.companyPlaceId,
    slot: '2026-12-11T13:00:00.000Z',
    canal: 'telephone',
    payment: 'at_counter',
    idempotency_key: 'attack-forged-company-1',
  });
  assert.ok(placed.statusCode < 500 && placed.statusCode !== 200, String(placed.statusCode));
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 0);
});

// ---- company usage ----

test('a company’s usage: its contact only; a plain employee, another company’s contact and other roles get nothing', async () => {
  const other = await makeRunsTown(ctx.db);
  const contactOf = async (companyId: string) => {
    const row = await ctx.db.selectFrom('companies').select('contact_email').where('id', '=', companyId).executeTakeFirstOrThrow();
    return row.contact_email!;
  };
  const contactEmail = await contactOf(town.companyId);
  const contactMember = await makeMember(ctx.db, { firstName: 'Nadia', lastName: 'Benali', email: contactEmail });
  await ctx.db.updateTable('members').set({ company_id: town.companyId }).where('id', '=', contactMember).execute();
  const contact = await loggedIn('resident', { memberId: contactMember, email: `compte-${contactEmail}` });
  const employee = await makeRunOrder(ctx.db, ctx.config, town, 'workplace');
  const plain = await loggedIn('resident', { memberId: employee.memberId });

  const own = await contact.get('/compte/entreprise');
  assert.equal(own.statusCode, 200);
  assert.match(text(own.body), new RegExp(`Provence Logistique`));
  assert.equal((await plain.get('/compte/entreprise')).statusCode, 404);
  assert.equal((await contact.get(`/gestion/entreprises/${other.companyId}/utilisation`)).statusCode, 404);
  assert.equal((await contact.get(`/gestion/entreprises/${town.companyId}/utilisation`)).statusCode, 404, 'the back office is the concierge’s');
  for (const role of ['town', 'driver'] as const) {
    const agent = await loggedIn(role);
    assert.notEqual((await agent.get('/compte/entreprise')).statusCode, 200, role);
    assert.notEqual((await agent.get(`/gestion/entreprises/${town.companyId}/utilisation`)).statusCode, 200, role);
  }
  assert.equal((await concierge.get(`/gestion/entreprises/${other.companyId}/utilisation`)).statusCode, 200);
  assert.equal((await concierge.get('/gestion/entreprises/no-such-company/utilisation')).statusCode, 404);
});

// ---- the companies and the home-delivery zone ----

test('companies: a forged stop, no address, letters for a postcode, HTML and NUL are refused beside their fields; nothing is created', async () => {
  const count = async () => (await ctx.db.selectFrom('companies').select('id').execute()).length;
  const before = await count();
  const valid = { name: 'Garage <b>du Tubé</b>', address_line: '2 rue de l’Industrie', postal_code: '13800', city: 'Istres', contact_name: 'Jo', contact_phone: '', contact_email: '', place_id: town.companyPlaceId, idempotency_key: 'attack-company-00001' };
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ place_id: town.foyerId }, 'place_id', /Choisissez l’arrêt du camion dans la liste/],
    [{ address_line: '   ' }, 'address_line', /Indiquez l’adresse de l’entreprise/],
    [{ postal_code: 'ABCDE' }, 'postal_code', /code postal à 5 chiffres/],
    [{ name: 'Garage\u0000' }, 'name', /Cette valeur n’est pas valable/],
    [{ member_ids: 'x' }, '', /champ inattendu/],
  ];
  for (const [change, field, message] of cases) {
    const refused = await concierge.post('/gestion/entreprises/nouvelle', { ...valid, ...change }, '/gestion/entreprises/nouvelle');
    assert.equal(refused.statusCode, 422, JSON.stringify(change));
    assert.match(text(refused.body), message);
    if (field === 'name') assert.doesNotMatch(refused.body, /\u0000/);
    if (field && field !== 'name') assert.ok(refused.body.includes('Garage &lt;b>du Tubé&lt;/b>'), 'the typed name kept, escaped');
  }
  assert.equal(await count(), before);
  // an employee of another company cannot be added
  const email = `double-${Date.now()}@exemple.fr`;
  await makeMember(ctx.db, { firstName: 'Léa', lastName: 'Martin', email });
  const other = await makeRunsTown(ctx.db);
  const { addEmployee } = await import('../../src/members/members.companies.service.ts');
  const member = await addEmployee(ctx.db, CONCIERGE, other.companyId, email);
  const refused = await concierge.post(`/gestion/entreprises/${town.companyId}/salaries`, { member: email }, `/gestion/entreprises/${town.companyId}`);
  assert.ok([404, 422].includes(refused.statusCode), String(refused.statusCode));
  const row = await ctx.db.selectFrom('members').select('company_id').where('id', '=', member.id).executeTakeFirstOrThrow();
  assert.equal(row.company_id, other.companyId);
});

test('the zone form: a 50 000-character line is answered at once, HTML comes back escaped, a resident cannot reach it', async () => {
  const before = await ctx.db.selectFrom('home_delivery_streets').selectAll().orderBy('id').execute();
  const started = Date.now();
  const long = await concierge.post('/gestion/livraison', { audience: 'everyone', streets: `rue Frédéric Mistral, 13800\na${' '.repeat(49_000)}b` }, '/gestion/livraison');
  assert.equal(long.statusCode, 422);
  assert.ok(Date.now() - started < 5_000, `answered in ${Date.now() - started} ms`);
  assert.match(text(long.body), /Cette ligne n’a pas pu être lue/);
  const html = await concierge.post('/gestion/livraison', { audience: 'everyone', streets: '<script>alert(1)</script>' }, '/gestion/livraison');
  assert.equal(html.statusCode, 422);
  assert.doesNotMatch(html.body, /<script>alert/);
  assert.deepEqual(await ctx.db.selectFrom('home_delivery_streets').selectAll().orderBy('id').execute(), before);
  const resident = await loggedIn('resident');
  assert.ok([403, 404].includes((await resident.get('/gestion/livraison')).statusCode));
  const townAgent = await loggedIn('town');
  assert.equal((await townAgent.get('/gestion/livraison')).statusCode, 200);
});

// Last: it changes the town's setting for everyone.
test('home delivery forged at the desk for a member who may not have it is refused, no order', async () => {
  await saveHomeDeliveryZone(ctx.db, CONCIERGE, { audience: 'needs_delivery', streetsText: 'rue Frédéric Mistral, 13800' });
  const memberId = await makeMember(ctx.db, { firstName: 'Lucien', lastName: 'Jourdan', addressLine: '8 rue Frédéric Mistral', postalCode: '13800' });
  await deskBasketFor(memberId);
  const basket = text((await concierge.get(`${DESK}/${memberId}`)).body);
  assert.doesNotMatch(basket, /Livraison à domicile/);
  const slots = await concierge.get(homeSlots(memberId, '8 rue Frédéric Mistral'));
  assert.equal(slots.statusCode, 422);
  assert.match(text(slots.body), /Ce lieu de livraison n’est pas proposé/);
  const placed = await concierge.post(`${DESK}/${memberId}/commande`, {
    _csrf: (await concierge.csrfToken()) as string,
    place_id: 'domicile',
    address: '8 rue Frédéric Mistral',
    postal_code: '13800',
    slot: '2026-12-11T09:00:00.000Z',
    canal: 'telephone',
    payment: 'at_counter',
    idempotency_key: 'attack-forged-home-1',
  });
  assert.ok(placed.statusCode < 500 && placed.statusCode !== 200, String(placed.statusCode));
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 0);
  // marked as needing it, the same member is offered it
  await ctx.db.updateTable('members').set({ needs_delivery: 1 }).where('id', '=', memberId).execute();
  assert.equal((await concierge.get(homeSlots(memberId, '8 rue Frédéric Mistral'))).statusCode, 200);
});

test('the desk’s slot page with an impossible « from » date, an unknown place, another company’s stop: never a 500, no order', async () => {
  const other = await makeRunsTown(ctx.db);
  const email = `autre-${Date.now()}@exemple.fr`;
  const memberId = await makeMember(ctx.db, { firstName: 'Inès', lastName: 'Garcia', email });
  const { addEmployee } = await import('../../src/members/members.companies.service.ts');
  await addEmployee(ctx.db, CONCIERGE, other.companyId, email);
  await deskBasketFor(memberId);
  for (const from of ['2026-02-30', '9999-99-99', '0000-00-00']) {
    const page = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=${town.counterId}&from=${from}`);
    assert.ok(page.statusCode < 500, `from=${from}: ${page.statusCode}`);
  }
  // the member's own checkout reads « from » the same way
  const account = await makeAccount(ctx.db, ctx.config, 'resident', { memberId });
  const resident = new Agent(ctx.app);
  await resident.login(account.email, account.password);
  await addToBasket(ctx.db, accountBasketKey(account.id), town.offerId, 1);
  const site = await resident.get(`/commande/creneau?place_id=${town.counterId}&from=9999-99-99`);
  assert.ok(site.statusCode < 500, `the site's slot page: ${site.statusCode}`);
  const unknown = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=${newId()}`);
  assert.ok([404, 422].includes(unknown.statusCode), String(unknown.statusCode));
  // the stop of the company the member does not work for
  const foreign = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=${town.companyPlaceId}`);
  assert.equal(foreign.statusCode, 422);
  assert.match(text(foreign.body), /Ce lieu de livraison n’est pas proposé/);
  // their own company's run, with a slot forged at another time than the run's
  const own = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=${other.companyPlaceId}`);
  assert.equal(own.statusCode, 200);
  const placed = await concierge.post(`${DESK}/${memberId}/commande`, {
    _csrf: (await concierge.csrfToken()) as string,
    place_id: other.companyPlaceId,
    slot: '2026-12-10T08:00:00.000Z',
    canal: 'telephone',
    payment: 'at_counter',
    idempotency_key: fieldValue(own.body, 'idempotency_key')!,
  });
  assert.ok(placed.statusCode === 422 || placed.statusCode === 303, String(placed.statusCode));
  const orders = await ctx.db.selectFrom('orders').select(['slot_local_date', 'destination_kind']).where('member_id', '=', memberId).execute();
  assert.ok(orders.every((order) => order.slot_local_date === RUNS_FRIDAY), `never on another day than the run: ${JSON.stringify(orders)}`);
});
