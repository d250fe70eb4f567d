// The driver's phone through the app, on a real database: Friday's tricycle run (a senior
// residence, homes) driven by driver A, the van's (a company) by driver B. The concierge
// tells the members when the run comes (once per order, those without e-mail listed to
// call); a run with no stop cannot leave; the driver leaves (homes told, not the residence),
// delivers in two taps with the payment taken at the door (a counter payment, in the ledger
// once settled), records an absence (after settling the order waits at the counter, where
// the concierge finds it by its code), a refusal, drops the residence's orders at once; a
// tap sent twice records once; a wrong tap is undone within five minutes, not after; the
// return settles the rest. Another driver, a resident, a visitor reach none of it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { CONCIERGE } from '../helpers/orders.ts';
import { bringToCounter, makeRunOrder, makeRunsTown, RUNS_FRIDAY, RUNS_TUESDAY, type RunOrder, type RunsTown } from '../helpers/runs.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { assignDriver, prepareRuns } from '../../src/rounds/index.ts';
import { settleDueOutcomes } from '../../src/rounds/runs/runs.driver.settle.ts';

let ctx: TestApp;
let town: RunsTown;
let concierge: Agent;
let driverA: Agent;
let driverB: Agent;
let driverAId: string;
let tricycleRun: string;
let vanRun: string;
const orders: Record<'delivered' | 'absent' | 'refused' | 'noMail' | 'residence' | 'work', RunOrder> = {} as never;

/** Friday 11 December, 10 h in Istres. */
const FRIDAY_TEN = '2026-12-11T09:00:00.000Z';
const minutesAfter = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();
const text = (html: string) => plain(visibleText(html));
const run = (id: string) => `/livraisons/${id}`;

async function stopOf(orderId: string): Promise<string> {
  const row = await ctx.db.selectFrom('delivery_orders').select('stop_id').where('order_id', '=', orderId).executeTakeFirstOrThrow();
  return row.stop_id;
}

async function deliveryRow(orderId: string) {
  return ctx.db.selectFrom('delivery_orders').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();
}

/** The one mail to an order's member whose subject matches. */
async function mailTo(orderId: string, subject: RegExp) {
  const found = (await mailsTo(orderId)).filter((mail) => subject.test(plain(mail.subject)));
  assert.equal(found.length, 1, `one mail « ${subject.source} »`);
  return found[0];
}

async function mailsTo(orderId: string) {
  const order = await ctx.db.selectFrom('orders as o').innerJoin('members as m', 'm.id', 'o.member_id').select('m.email').where('o.id', '=', orderId).executeTakeFirstOrThrow();
  if (!order.email) return [];
  return ctx.db.selectFrom('outbox').select(['subject', 'text_body']).where('recipient', '=', order.email).orderBy('created_at').execute();
}

/** One tap on the stop page: the stop page is fetched first, as the driver's phone shows it. */
async function tap(agent: Agent, orderId: string, fields: Record<string, string>) {
  return agent.post(`${run(tricycleRun)}/commandes/${orderId}/issue`, fields, `${run(tricycleRun)}/arrets/${await stopOf(orderId)}`);
}

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: RUNS_TUESDAY });
  startClockAt(RUNS_TUESDAY);
  town = await makeRunsTown(ctx.db);
  orders.delivered = await makeRunOrder(ctx.db, ctx.config, town, 'home', { homeAddress: '8 rue Frédéric Mistral', lastName: 'Roux' });
  orders.absent = await makeRunOrder(ctx.db, ctx.config, town, 'home', { homeAddress: '10 rue Frédéric Mistral', lastName: 'Blanc' });
  orders.refused = await makeRunOrder(ctx.db, ctx.config, town, 'home', { homeAddress: '12 rue Frédéric Mistral', lastName: 'Garcia' });
  orders.noMail = await makeRunOrder(ctx.db, ctx.config, town, 'home', { homeAddress: '14 rue Frédéric Mistral', lastName: 'Sanchez' });
  orders.residence = await makeRunOrder(ctx.db, ctx.config, town, 'residence', { lastName: 'Martin' });
  orders.work = await makeRunOrder(ctx.db, ctx.config, town, 'workplace', { lastName: 'Benali' });
  await ctx.db.updateTable('members').set({ email: null, phone: '0612345678' }).where('id', '=', orders.noMail.memberId).execute();
  for (const order of Object.values(orders)) await bringToCounter(ctx.db, ctx.config, order.orderId);
  await prepareRuns(ctx.db, ctx.config, CONCIERGE, RUNS_FRIDAY);
  const runs = await ctx.db.selectFrom('delivery_runs as r').innerJoin('vehicles as v', 'v.id', 'r.vehicle_id').select(['r.id', 'v.kind']).where('r.run_date', '=', RUNS_FRIDAY).execute();
  tricycleRun = runs.find((row) => row.kind === 'tricycle')!.id;
  vanRun = runs.find((row) => row.kind === 'van')!.id;

  const conciergeAccount = await makeAccount(ctx.db, ctx.config, 'concierge');
  const a = await makeAccount(ctx.db, ctx.config, 'driver', { displayName: 'Karim Haddad' });
  const b = await makeAccount(ctx.db, ctx.config, 'driver', { displayName: 'Lucie Fabre' });
  driverAId = a.id;
  await assignDriver(ctx.db, CONCIERGE, tricycleRun, a.id);
  await assignDriver(ctx.db, CONCIERGE, vanRun, b.id);
  [concierge, driverA, driverB] = [new Agent(ctx.app), new Agent(ctx.app), new Agent(ctx.app)];
  await concierge.login(conciergeAccount.email, conciergeAccount.password);
  await driverA.login(a.email, a.password);
  await driverB.login(b.email, b.password);
});
after(() => ctx.close());

test('the ready mail of an order a run brings says when and where it comes, not « come and collect it »', async () => {
  const home = await mailTo(orders.delivered.orderId, /est prête/);
  assert.match(plain(home.text_body), /Nous vous la livrerons vendredi 11 décembre, de .* à votre adresse : 8 rue Frédéric Mistral/);
  assert.doesNotMatch(plain(home.text_body), /Retrait le|À régler au comptoir/);
  assert.match(plain(home.text_body), /À régler à la livraison : 9,00 €/);
  const residence = await mailTo(orders.residence.orderId, /est prête/);
  assert.match(plain(residence.text_body), /Nous la déposerons à Résidence Les Oliviers .* vous pourrez la retirer vendredi 11 décembre/);
  const work = await mailTo(orders.work.orderId, /est prête/);
  assert.match(plain(work.text_body), /Nous vous la livrerons à votre travail, Zone du Tubé/);
});

test('the driver sees only their own runs; another driver, a resident and a visitor get nothing', async () => {
  const list = text((await driverA.get('/livraisons')).body);
  assert.match(list, /Triporteur, tournée 1/);
  assert.doesNotMatch(list, /Fourgonnette/);
  assert.equal((await driverA.get(run(tricycleRun))).statusCode, 200);
  assert.equal((await driverB.get(run(tricycleRun))).statusCode, 404, 'another driver’s run is not found');
  assert.equal((await driverB.get(`${run(tricycleRun)}/arrets/${await stopOf(orders.absent.orderId)}`)).statusCode, 404);
  const forged = await driverB.post(`${run(tricycleRun)}/commandes/${orders.absent.orderId}/issue`, { outcome: 'absent' }, '/livraisons');
  assert.equal(forged.statusCode, 404, 'nor can they record on it');
  assert.equal((await deliveryRow(orders.absent.orderId)).outcome, null);
  const resident = await makeAccount(ctx.db, ctx.config, 'resident');
  const residentAgent = new Agent(ctx.app);
  await residentAgent.login(resident.email, resident.password);
  assert.equal((await residentAgent.get(run(tricycleRun))).statusCode, 404);
  const visitor = await new Agent(ctx.app).get(run(tricycleRun));
  assert.equal(visitor.statusCode, 303);
  assert.match(visitor.headers.location as string, /^\/connexion/);
  // the concierge may open any run from the driver's side
  assert.equal((await concierge.get(run(vanRun))).statusCode, 200);
});

test('the concierge tells the members once per order, and lists those without e-mail to call', async () => {
  const notified = await concierge.post(`/gestion/tournees-de-livraison/${tricycleRun}/prevenir`, {}, `/gestion/tournees-de-livraison/${tricycleRun}`);
  assert.equal(notified.statusCode, 200);
  const page = text(notified.body);
  assert.match(page, /4 courriels envoyés/);
  assert.match(page, /Adhérents à appeler/);
  assert.match(page, /Jeanne Sanchez/);
  assert.ok(notified.body.includes('href="tel:0612345678"'), 'the phone number is a link to call');
  const scheduled = await mailTo(orders.delivered.orderId, /sera livrée vendredi 11 décembre/);
  assert.match(plain(scheduled.text_body), /Nous vous livrerons votre commande .* vendredi 11 décembre, de .*, à votre adresse : 8 rue Frédéric Mistral/);
  const atResidence = await mailTo(orders.residence.orderId, /sera livrée/);
  assert.match(plain(atResidence.text_body), /sera déposée à Résidence Les Oliviers/);

  const again = await concierge.post(`/gestion/tournees-de-livraison/${tricycleRun}/prevenir`, {}, `/gestion/tournees-de-livraison/${tricycleRun}`);
  assert.match(text(again.body), /0 courriel envoyé\. 4 adhérents étaient déjà prévenus\./);
  await mailTo(orders.delivered.orderId, /sera livrée/);
});

test('a run with no stop cannot leave, and nothing is recorded before leaving', async () => {
  const emptyRun = newId();
  const at = RUNS_TUESDAY;
  await ctx.db
    .insertInto('delivery_runs')
    .values({ id: emptyRun, run_date: RUNS_FRIDAY, vehicle_id: 'vehicle-van', number: 9, driver_account_id: driverAId, status: 'planned', window_opens: '09:00', window_closes: '10:00', started_at: null, finished_at: null, created_at: at, updated_at: at })
    .execute();
  const refused = await driverA.post(`${run(emptyRun)}/depart`, {}, run(emptyRun));
  assert.equal(refused.statusCode, 422);
  assert.match(text(refused.body), /Cette tournée n’a aucun arrêt/);
  assert.equal((await ctx.db.selectFrom('delivery_runs').select('status').where('id', '=', emptyRun).executeTakeFirstOrThrow()).status, 'planned');

  const early = await tap(driverA, orders.absent.orderId, { outcome: 'absent' });
  assert.equal(early.statusCode, 422);
  assert.match(text(early.body), /La tournée n’est pas encore partie/);
  assert.equal((await deliveryRow(orders.absent.orderId)).outcome, null);
});

test('leaving tells the members delivered at home, not those of the residence', async () => {
  startClockAt(FRIDAY_TEN);
  const page = text((await driverA.get(run(tricycleRun))).body);
  assert.match(page, /Partir/);
  const left = await driverA.post(`${run(tricycleRun)}/depart`, {}, run(tricycleRun));
  assert.equal(left.statusCode, 303);
  assert.match(text((await driverA.get(left.headers.location as string)).body), /Bonne route/);
  const status = await ctx.db.selectFrom('delivery_runs').select(['status', 'started_at']).where('id', '=', tricycleRun).executeTakeFirstOrThrow();
  assert.equal(status.status, 'under_way');
  assert.ok(status.started_at?.startsWith('2026-12-11T09:0'));
  await mailTo(orders.delivered.orderId, /est en route/);
  assert.ok(!(await mailsTo(orders.residence.orderId)).some((mail) => /en route/.test(mail.subject)), 'a drop-off point gets no « en route »');
  // pressing again changes nothing and mails nobody twice
  await driverA.post(`${run(tricycleRun)}/depart`, {}, run(tricycleRun));
  await mailTo(orders.delivered.orderId, /en route/);
});

test('two taps deliver and take the payment; a tap sent twice records once; settling posts it to the ledger once', async () => {
  startClockAt(FRIDAY_TEN);
  const { orderId } = orders.delivered;
  const stopId = await stopOf(orderId);
  // tap 1: the stop from the run's page
  const runPage = await driverA.get(run(tricycleRun));
  assert.ok(runPage.body.includes(`href="${run(tricycleRun)}/arrets/${stopId}"`));
  const stopPage = await driverA.get(`${run(tricycleRun)}/arrets/${stopId}`);
  const stopText = text(stopPage.body);
  assert.match(stopText, /8 rue Frédéric Mistral/);
  assert.match(stopText, /2 × Pain de campagne/);
  assert.match(stopText, /À encaisser : 9,00 €/);
  assert.match(stopText, /Payé en espèces/);
  assert.ok(stopPage.body.includes('value="Jeanne Roux"'), 'the recipient is the member by default');
  // tap 2: « Payé par carte » is the delivered button; the same form sent twice
  const csrf = await driverA.csrfToken();
  const fields = { _csrf: csrf, outcome: 'delivered', recipient: 'Paul Roux', payment: 'card' };
  const url = `${run(tricycleRun)}/commandes/${orderId}/issue`;
  const first = await driverA.post(url, fields);
  assert.equal(first.statusCode, 303);
  const recorded = await deliveryRow(orderId);
  startClockAt(minutesAfter(FRIDAY_TEN, 1));
  const second = await driverA.post(url, fields);
  assert.equal(second.statusCode, 303);
  assert.match(text((await driverA.get(second.headers.location as string)).body), /C’était déjà noté/);
  const again = await deliveryRow(orderId);
  assert.equal(again.recorded_at, recorded.recorded_at, 'recorded once');
  assert.equal(again.outcome, 'delivered');
  assert.equal(again.recipient_name, 'Paul Roux');
  assert.equal(again.payment_method, 'card');
  assert.ok((await ctx.db.selectFrom('delivery_stops').select('actual_arrival_at').where('id', '=', stopId).executeTakeFirstOrThrow()).actual_arrival_at, 'the arrival is noted');

  // nothing is settled within the undo window
  assert.equal(await settleDueOutcomes(ctx.db, ctx.config), 0);
  assert.equal((await ctx.db.selectFrom('counter_payments').select('id').where('order_id', '=', orderId).execute()).length, 0);
  startClockAt(minutesAfter(FRIDAY_TEN, 6));
  assert.ok((await settleDueOutcomes(ctx.db, ctx.config)) >= 1);
  assert.equal(await settleDueOutcomes(ctx.db, ctx.config), 0, 'settling twice does nothing');
  const payments = await ctx.db.selectFrom('counter_payments').selectAll().where('order_id', '=', orderId).execute();
  assert.equal(payments.length, 1);
  assert.equal(payments[0].amount_cents, 900);
  assert.equal(payments[0].method, 'card');
  const transaction = await ctx.db.selectFrom('ledger_transactions').select(['id', 'kind']).where('source_key', '=', `payment:${payments[0].id}`).executeTakeFirstOrThrow();
  assert.equal(transaction.kind, 'counter_payment');
  const entries = await ctx.db.selectFrom('ledger_entries').selectAll().where('transaction_id', '=', transaction.id).execute();
  const sum = (side: 'debit_cents' | 'credit_cents') => entries.reduce((total, entry) => total + Number(entry[side]), 0);
  assert.ok(entries.length >= 2);
  assert.equal(sum('debit_cents'), sum('credit_cents'));
  assert.equal(sum('debit_cents'), 900);
  assert.equal((await ctx.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status, 'handed_over');
  await mailTo(orderId, /est livrée/);
  assert.match(plain((await mailsTo(orderId)).at(-1)!.text_body), /remise à Paul Roux .* Paiement reçu à la livraison : 9,00 € par carte/);
  // too late to take it back now
  const late = await driverA.post(`${run(tricycleRun)}/commandes/${orderId}/annuler`, {}, `${run(tricycleRun)}/arrets/${stopId}`);
  assert.equal(late.statusCode, 422);
  assert.match(text(late.body), /Il est trop tard pour annuler/);
});

test('a wrong tap is undone within five minutes; an absence settled sends the order back to the counter, where the concierge finds it', async () => {
  const start = minutesAfter(FRIDAY_TEN, 10);
  startClockAt(start);
  const { orderId } = orders.absent;
  const stopId = await stopOf(orderId);
  assert.equal((await tap(driverA, orderId, { refusal: 'damaged' })).statusCode, 303);
  assert.equal((await deliveryRow(orderId)).outcome, 'refused');
  assert.match(text((await driverA.get(`${run(tricycleRun)}/arrets/${stopId}`)).body), /Refusée \(abîmée\).* Annuler/);
  startClockAt(minutesAfter(start, 2));
  const undone = await driverA.post(`${run(tricycleRun)}/commandes/${orderId}/annuler`, {}, `${run(tricycleRun)}/arrets/${stopId}`);
  assert.equal(undone.statusCode, 303);
  assert.equal((await deliveryRow(orderId)).outcome, null);
  assert.equal((await tap(driverA, orderId, { outcome: 'absent' })).statusCode, 303);
  assert.equal((await deliveryRow(orderId)).outcome, 'absent');

  startClockAt(minutesAfter(start, 8));
  await settleDueOutcomes(ctx.db, ctx.config);
  const order = await ctx.db.selectFrom('orders').select(['destination_kind', 'place_id', 'collection_code', 'status']).where('id', '=', orderId).executeTakeFirstOrThrow();
  assert.equal(order.destination_kind, 'collection');
  assert.equal(order.place_id, town.counterId);
  assert.equal(order.status, 'ready');
  await mailTo(orderId, /n’a pas pu être livrée/);
  const found = await concierge.get(`/gestion/comptoir?q=${encodeURIComponent(order.collection_code)}`);
  assert.equal(found.statusCode, 303);
  assert.equal(found.headers.location, `/gestion/comptoir/${orderId}`);
});

test('the residence’s orders are dropped in one tap; the return waits for every order, then settles the rest at once', async () => {
  const start = minutesAfter(FRIDAY_TEN, 30);
  startClockAt(start);
  const residenceStop = await stopOf(orders.residence.orderId);
  const page = text((await driverA.get(`${run(tricycleRun)}/arrets/${residenceStop}`)).body);
  assert.match(page, /Tout déposé à Résidence Les Oliviers/);
  assert.doesNotMatch(page, /Payé en espèces/, 'no order by order at a drop-off point');
  assert.equal((await driverA.post(`${run(tricycleRun)}/arrets/${residenceStop}`, {}, `${run(tricycleRun)}/arrets/${residenceStop}`)).statusCode, 303);
  assert.equal((await deliveryRow(orders.residence.orderId)).outcome, 'dropped');

  const early = await driverA.post(`${run(tricycleRun)}/retour`, {}, run(tricycleRun));
  assert.equal(early.statusCode, 422);
  assert.match(text(early.body), /Il reste des commandes sans réponse/);

  assert.equal((await tap(driverA, orders.refused.orderId, { refusal: 'not_ordered' })).statusCode, 303);
  assert.equal((await tap(driverA, orders.noMail.orderId, { outcome: 'delivered', recipient: '  ', payment: 'cash' })).statusCode, 422, 'a recipient is needed');
  const noPayment = await tap(driverA, orders.noMail.orderId, { outcome: 'delivered', recipient: 'Jeanne Sanchez' });
  assert.equal(noPayment.statusCode, 422);
  assert.match(text(noPayment.body), /choisissez comment la personne a payé/);
  assert.equal((await tap(driverA, orders.noMail.orderId, { outcome: 'delivered', recipient: 'Jeanne Sanchez', payment: 'cash' })).statusCode, 303);

  const back = await driverA.post(`${run(tricycleRun)}/retour`, {}, run(tricycleRun));
  assert.equal(back.statusCode, 303);
  const rows = await ctx.db.selectFrom('delivery_orders').select(['order_id', 'settled_at']).where('stop_id', 'in', ctx.db.selectFrom('delivery_stops').select('id').where('run_id', '=', tricycleRun)).execute();
  assert.ok(rows.every((row) => row.settled_at !== null), 'every outcome settled on return');
  assert.equal((await ctx.db.selectFrom('orders').select('destination_kind').where('id', '=', orders.refused.orderId).executeTakeFirstOrThrow()).destination_kind, 'collection');
  assert.equal((await ctx.db.selectFrom('orders').select('status').where('id', '=', orders.noMail.orderId).executeTakeFirstOrThrow()).status, 'handed_over');
  assert.equal((await ctx.db.selectFrom('orders').select('status').where('id', '=', orders.residence.orderId).executeTakeFirstOrThrow()).status, 'ready', 'dropped: its list is ticked in later');
  const finished = text((await driverA.get(run(tricycleRun))).body);
  assert.match(finished, /Tournée terminée à/);
  assert.doesNotMatch(finished, /Retour au comptoir/);
});
