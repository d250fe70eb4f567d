// Ticking the foyer's paper list back in, through the app on a real database: a member who
// collected and paid on the spot gets a hand-over and a counter payment (posted to the
// ledger); a member who did not collect finds the order back at the counter and is told by
// mail; a line left blank waits; sending the same list again changes nothing more; a line
// « Retiré » with money due and no method is refused next to that line, nothing saved and
// nothing typed lost. Only the concierge ticks a list in, and only a drop-off point's.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { CONCIERGE } from '../helpers/orders.ts';
import { bringToCounter, makeRunOrder, makeRunsTown, RUNS_FRIDAY, RUNS_TUESDAY, RUNS_WEDNESDAY, type RunOrder, type RunsTown } from '../helpers/runs.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { prepareRuns, runsOn } from '../../src/rounds/index.ts';

let ctx: TestApp;
let town: RunsTown;
let concierge: Agent;
let page: string;
let garcia: RunOrder;
let fabre: RunOrder;
let arnaud: RunOrder;

const text = (html: string) => plain(visibleText(html));
const RUNS = '/gestion/tournees-de-livraison';

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: RUNS_TUESDAY });
  town = await makeRunsTown(ctx.db);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
  garcia = await makeRunOrder(ctx.db, ctx.config, town, 'foyer', { lastName: 'Garcia' });
  fabre = await makeRunOrder(ctx.db, ctx.config, town, 'foyer', { lastName: 'Fabre' });
  arnaud = await makeRunOrder(ctx.db, ctx.config, town, 'foyer', { lastName: 'Arnaud' });
  for (const order of [garcia, fabre, arnaud]) await bringToCounter(ctx.db, ctx.config, order.orderId);
  await prepareRuns(ctx.db, ctx.config, CONCIERGE, RUNS_WEDNESDAY);
  const run = (await runsOn(ctx.db, CONCIERGE, RUNS_WEDNESDAY)).runs[0];
  page = `${RUNS}/${run.run.id}/arrets/${run.stops[0].id}/emargement`;
});
beforeEach(() => startClockAt(RUNS_TUESDAY));
after(() => ctx.close());

async function facts(orderId: string) {
  const [delivery, order, payments, events] = await Promise.all([
    ctx.db.selectFrom('delivery_orders').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('orders').select(['status', 'place_id', 'destination_kind']).where('id', '=', orderId).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('counter_payments').select(['id', 'method', 'amount_cents']).where('order_id', '=', orderId).execute(),
    ctx.db.selectFrom('order_events').select('id').where('order_id', '=', orderId).execute(),
  ]);
  return { delivery, order, payments, eventCount: events.length };
}

const outboxCount = async () => Number((await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

test('the screen lists one line per member with what to collect and the amount due', async () => {
  const response = await concierge.get(page);
  assert.equal(response.statusCode, 200);
  const body = text(response.body);
  assert.match(body, /Reporter la liste d’émargement : Foyer La Meraviho/);
  assert.match(body, /mercredi 9 décembre/);
  for (const name of ['Arnaud', 'Fabre', 'Garcia']) assert.match(body, new RegExp(`Jeanne ${name}, commande [A-Z0-9]{6}`));
  assert.equal((body.match(/Montant dû : 9,00 €/g) ?? []).length, 3);
  assert.match(body, /Payé sur place, par Espèces Carte Chèque/);
  assert.equal((response.body.match(/type="radio"/g) ?? []).length, 3 * 5, 'collected, not collected and three methods per line');
});

test('« Retiré » with money due and no method: refused next to that line, nothing saved, the choices kept', async () => {
  const mails = await outboxCount();
  const response = await concierge.post(page, { [`issue_${garcia.orderId}`]: 'collected', [`issue_${fabre.orderId}`]: 'not_collected' }, page);
  assert.equal(response.statusCode, 422);
  const body = text(response.body);
  assert.match(body, /Choisissez comment l’adhérent a payé 9,00 € : espèces, carte ou chèque/);
  assert.match(response.body, new RegExp(`id="erreur-moyen_${garcia.orderId}"`), 'the message is next to Garcia’s line');
  assert.match(response.body, new RegExp(`href="#champ-moyen_${garcia.orderId}"`), 'and the summary links to it');
  assert.match(response.body, new RegExp(`name="issue_${fabre.orderId}" value="not_collected" checked`), 'what was ticked is kept');
  assert.match(response.body, new RegExp(`name="issue_${garcia.orderId}" value="collected" checked`));
  for (const order of [garcia, fabre]) {
    const { delivery, order: row, payments } = await facts(order.orderId);
    assert.equal(delivery.outcome, null);
    assert.equal(delivery.settled_at, null);
    assert.equal(payments.length, 0);
    assert.equal(row.place_id, town.foyerId);
  }
  assert.equal(await outboxCount(), mails, 'nobody is told anything');
});

test('collected and paid: hand-over and counter payment (in the ledger); not collected: back at the counter, the member told; blank: waits; twice: nothing more', async () => {
  const mails = await outboxCount();
  const form = { [`issue_${garcia.orderId}`]: 'collected', [`moyen_${garcia.orderId}`]: 'card', [`issue_${fabre.orderId}`]: 'not_collected' };
  const response = await concierge.post(page, form, page);
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, page);
  const after = text((await concierge.get(page)).body);
  assert.match(after, /2 lignes sont reportées/);
  assert.match(after, /Déjà reporté : retirée le mardi 8 décembre/);
  assert.match(after, /Déjà reporté : pas retirée, elle attend au comptoir/);

  const collected = await facts(garcia.orderId);
  assert.equal(collected.delivery.outcome, 'delivered');
  assert.equal(collected.delivery.payment_method, 'card');
  assert.ok(collected.delivery.settled_at);
  assert.deepEqual(collected.payments.map((payment) => [payment.method, Number(payment.amount_cents)]), [['card', 900]]);
  const purchaseOrders = await ctx.db.selectFrom('purchase_orders').select('status').where('order_id', '=', garcia.orderId).execute();
  assert.ok(purchaseOrders.every((po) => po.status === 'handed_over'), 'everything handed over');
  const ledger = await ctx.db.selectFrom('ledger_transactions').select('kind').where('source_key', '=', `payment:${collected.payments[0].id}`).execute();
  assert.deepEqual(ledger.map((row) => row.kind), ['counter_payment'], 'the payment reached the ledger');

  const absent = await facts(fabre.orderId);
  assert.equal(absent.delivery.outcome, 'absent');
  assert.ok(absent.delivery.settled_at);
  assert.equal(absent.order.place_id, town.counterId, 'the order waits at the counter');
  assert.equal(absent.order.destination_kind, 'collection');
  assert.equal(absent.payments.length, 0);
  assert.equal(await outboxCount(), mails + 1, 'the member who did not collect is told by mail');

  const blank = await facts(arnaud.orderId);
  assert.equal(blank.delivery.outcome, null, 'a line left blank waits');

  // The same list sent again (a double click, the back button): nothing more happens.
  const again = await concierge.post(page, form, page);
  assert.equal(again.statusCode, 303);
  assert.match(text((await concierge.get(page)).body), /Rien de nouveau à reporter/);
  const [collectedAgain, absentAgain] = await Promise.all([facts(garcia.orderId), facts(fabre.orderId)]);
  assert.equal(collectedAgain.payments.length, 1);
  assert.equal(collectedAgain.eventCount, collected.eventCount);
  assert.equal(absentAgain.eventCount, absent.eventCount);
  assert.equal(collectedAgain.delivery.settled_at, collected.delivery.settled_at);
  assert.equal(await outboxCount(), mails + 1);

  // The last line later: only it changes.
  const last = await concierge.post(page, { [`issue_${arnaud.orderId}`]: 'collected', [`moyen_${arnaud.orderId}`]: 'cash' }, page);
  assert.equal(last.statusCode, 303);
  assert.match(text((await concierge.get(page)).body), /1 ligne est reportée.*Toutes les lignes de la liste sont reportées/);
  assert.deepEqual((await facts(arnaud.orderId)).payments.map((payment) => payment.method), ['cash']);
});

test('a forged field is refused; a stop that is not a drop-off point has no list; only the concierge ticks one in', async () => {
  const forged = await concierge.post(page, { [`issue_${garcia.orderId}`]: 'collected', montant: '0' }, page);
  assert.equal(forged.statusCode, 422);
  const wrongMethod = await concierge.post(page, { [`issue_${garcia.orderId}`]: 'collected', [`moyen_${garcia.orderId}`]: 'bitcoin' }, page);
  assert.equal(wrongMethod.statusCode, 422);

  const home = await makeRunOrder(ctx.db, ctx.config, town, 'home');
  await prepareRuns(ctx.db, ctx.config, CONCIERGE, RUNS_FRIDAY);
  const tricycle = (await runsOn(ctx.db, CONCIERGE, RUNS_FRIDAY)).runs.find((detail) => detail.stops.some((stop) => stop.orders.some((order) => order.orderId === home.orderId)))!;
  const homeStop = tricycle.stops.find((stop) => !stop.isDropOff)!;
  assert.equal((await concierge.get(`${RUNS}/${tricycle.run.id}/arrets/${homeStop.id}/emargement`)).statusCode, 404);

  const driverAccount = await makeAccount(ctx.db, ctx.config, 'driver');
  const driver = new Agent(ctx.app);
  await driver.login(driverAccount.email, driverAccount.password);
  await ctx.db.updateTable('delivery_runs').set({ driver_account_id: driverAccount.id }).where('run_date', '=', RUNS_WEDNESDAY).execute();
  assert.equal((await driver.get(page)).statusCode, 404, 'the driver prints the list but does not tick it in');
});
