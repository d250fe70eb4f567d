// The counter: finding an order by code, name or phone; handing over all or part of it with
// the payment due (computed by the server), once per form and once per order even when two
// concierges press at the same moment; the receipt; nobody but the concierge gets in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { makeShop } from '../helpers/shops.ts';
import { CONCIERGE, makeOrder, makePlace, makeResident } from '../helpers/orders.ts';
import { receivePurchaseOrder, sendCollectionReminders } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { visibleText as text, plain } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
let colleague: Agent;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
  for (const agent of [(concierge = new Agent(ctx.app)), (colleague = new Agent(ctx.app))]) {
    const account = await makeAccount(ctx.db, ctx.config, 'concierge');
    await agent.login(account.email, account.password);
  }
});

after(() => ctx.close());

interface AtCounter {
  orderId: string;
  code: string;
  poIds: string[];
}

/** An order of `shops` shops (2 × 12,50 € each), every purchase order accepted and received at the counter. */
async function orderAtCounter(shops = 2, memberId?: string): Promise<AtCounter> {
  const made = await makeOrder(ctx.db, ctx.config, { placeId, shops, memberId });
  const pos = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).orderBy('created_at').orderBy('id').execute();
  for (const [index, po] of pos.entries()) {
    await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, po.id, { storageLocation: `B${index + 1}`, chilled: index === 0 });
  }
  const order = await ctx.db.selectFrom('orders').select('collection_code').where('id', '=', made.orderId).executeTakeFirstOrThrow();
  return { orderId: made.orderId, code: order.collection_code, poIds: pos.map((po) => po.id) };
}

/** The hidden fields of the hand-over form on the last page. */
function formOf(html: string): { key: string; shown: string } {
  const key = /name="idempotency_key" value="([^"]+)"/.exec(html)?.[1];
  const shown = /name="shown" value="([^"]*)"/.exec(html)?.[1];
  assert.ok(key !== undefined && shown !== undefined, 'the hand-over form is on the page');
  return { key, shown };
}

async function statusesOf(orderId: string) {
  const order = await ctx.db.selectFrom('orders').select(['status', 'closed_at']).where('id', '=', orderId).executeTakeFirstOrThrow();
  const pos = await ctx.db.selectFrom('purchase_orders').select(['id', 'status']).where('order_id', '=', orderId).execute();
  const payments = await ctx.db.selectFrom('counter_payments').selectAll().where('order_id', '=', orderId).orderBy('at').execute();
  return { order, pos: new Map(pos.map((po) => [po.id, po.status])), payments };
}

test('a code typed in lower case with spaces goes straight to its order; a name or a phone lists open orders', async () => {
  const memberId = await makeMember(ctx.db, { firstName: 'Hélène', lastName: 'Bérard', phone: '06 12 34 56 78' });
  const first = await orderAtCounter(1, memberId);
  const second = await makeOrder(ctx.db, ctx.config, { placeId, memberId, shops: 1 });
  const spaced = `${first.code.slice(0, 3).toLowerCase()} ${first.code.slice(3).toLowerCase()}`;

  const byCode = await concierge.get(`/gestion/comptoir?q=${encodeURIComponent(spaced)}`);
  assert.equal(byCode.statusCode, 303);
  assert.equal(byCode.headers.location, `/gestion/comptoir/${first.orderId}`);

  const byName = await concierge.get(`/gestion/comptoir?q=${encodeURIComponent('helene berard')}`);
  assert.equal(byName.statusCode, 200);
  assert.ok(byName.body.includes(`/gestion/comptoir/${first.orderId}"`));
  assert.ok(byName.body.includes(`/gestion/comptoir/${second.orderId}"`));
  assert.match(text(byName.body), /BÉRARD Hélène/);
  assert.match(text(byName.body), /1 bon sur 1/, 'what is at the counter');
  assert.match(text(byName.body), /0 bon sur 1/, 'the other one is still at the shop');

  const byPhone = await concierge.get('/gestion/comptoir?q=0612345678');
  assert.ok(byPhone.body.includes(`/gestion/comptoir/${first.orderId}"`));

  const none = await concierge.get('/gestion/comptoir?q=Personne');
  assert.equal(none.statusCode, 200);
  assert.match(text(none.body), /Aucune commande en cours ne correspond à « Personne »/);
  assert.equal((await concierge.get('/gestion/comptoir')).statusCode, 200);
});

test('the whole order: what is at the counter, the amount computed by the server, the receipt and the history', async () => {
  const { orderId, poIds } = await orderAtCounter(2);
  const page = await concierge.get(`/gestion/comptoir/${orderId}`);
  assert.equal(page.statusCode, 200);
  const body = text(page.body);
  assert.match(plain(body), /Rangement : B1/);
  assert.match(body, /Au frais/);
  assert.match(body, /Remettre et encaisser 50,00 €/);
  const { key, shown } = formOf(page.body);
  assert.deepEqual(shown.split(',').sort(), [...poIds].sort(), 'every bag at the counter is ticked');

  const done = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: poIds, shown, payment: 'card', idempotency_key: key });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, `/gestion/comptoir/${orderId}/recu`);
  const state = await statusesOf(orderId);
  assert.equal(state.order.status, 'handed_over');
  assert.ok(state.order.closed_at);
  assert.deepEqual([...state.pos.values()], ['handed_over', 'handed_over']);
  assert.equal(state.payments.length, 1);
  assert.equal(Number(state.payments[0].amount_cents), 5000);
  assert.equal(state.payments[0].method, 'card');
  assert.match(state.payments[0].actor_label, /\(concierge\)/);

  const receipt = await concierge.get(`/gestion/comptoir/${orderId}/recu`);
  assert.equal(receipt.statusCode, 200);
  assert.match(text(receipt.body), /Remise enregistrée/);
  assert.match(text(receipt.body), /Encaissé : 50,00 € — Carte/);
  assert.match(text(receipt.body), /Boutique \d+ — 25,00 €/);

  const record = text((await concierge.get(`/gestion/commandes/${orderId}`)).body);
  assert.match(plain(record), /Paiement au comptoir : 50,00 € par carte/);
  assert.match(record, /Arrivée à la conciergerie → Remise/);
  const after = text((await concierge.get(`/gestion/comptoir/${orderId}`)).body);
  assert.match(after, /Rien n’attend au comptoir/);
});

test('part now, the rest later: a changed choice is shown again with its amount before anything is recorded', async () => {
  const { orderId, poIds } = await orderAtCounter(2);
  const { key, shown } = formOf((await concierge.get(`/gestion/comptoir/${orderId}`)).body);

  // The concierge unticks a bag: the button said 50,00 €, so nothing happens yet.
  const changed = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: [poIds[0]], shown, payment: 'cash', idempotency_key: key });
  assert.equal(changed.statusCode, 200, 'a recalculated amount is information, not an error');
  assert.doesNotMatch(changed.body, /role="alert"|error-summary|field--error/);
  assert.match(text(changed.body), /le montant a été recalculé/);
  assert.match(text(changed.body), /Nouveau montant à encaisser : 25,00 €/);
  assert.match(text(changed.body), /Remettre et encaisser 25,00 €/);
  assert.match(changed.body, /value="cash" checked/, 'the payment chosen is kept');
  assert.equal((await statusesOf(orderId)).payments.length, 0);
  const again = formOf(changed.body);
  assert.equal(again.shown, poIds[0]);

  const part = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: [poIds[0]], shown: again.shown, payment: 'cash', idempotency_key: again.key });
  assert.equal(part.statusCode, 303);
  let state = await statusesOf(orderId);
  assert.equal(state.order.status, 'partially_handed_over');
  assert.equal(state.pos.get(poIds[0]), 'handed_over');
  assert.equal(state.pos.get(poIds[1]), 'collected');
  assert.deepEqual(state.payments.map((payment) => [Number(payment.amount_cents), payment.method]), [[2500, 'cash']]);

  const rest = await concierge.get(`/gestion/comptoir/${orderId}`);
  assert.match(text(rest.body), /Remettre et encaisser 25,00 €/);
  assert.match(text(rest.body), /Déjà remis/);
  const restForm = formOf(rest.body);
  assert.equal(restForm.shown, poIds[1]);
  assert.equal((await concierge.post(`/gestion/comptoir/${orderId}`, { bons: [poIds[1]], shown: restForm.shown, payment: 'cheque', idempotency_key: restForm.key })).statusCode, 303);
  state = await statusesOf(orderId);
  assert.equal(state.order.status, 'handed_over');
  assert.deepEqual(state.payments.map((payment) => [Number(payment.amount_cents), payment.method]), [[2500, 'cash'], [2500, 'cheque']]);
  const receipt = text((await concierge.get(`/gestion/comptoir/${orderId}/recu`)).body);
  assert.equal((receipt.match(/Retirée le /g) ?? []).length, 2, 'two hand-overs on the receipt');
  assert.match(plain(receipt), /Encaissé : 25,00 € — Chèque/);
  assert.match(plain(receipt), /Encaissé : 25,00 € — Espèces/);
});

test('taken in part before the rest arrived: once the rest is at the counter, the wait and the reminder count from then', async () => {
  const made = await makeOrder(ctx.db, ctx.config, { placeId, shops: 2 });
  const pos = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).orderBy('created_at').orderBy('id').execute();
  for (const po of pos) await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
  await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, pos[0].id, { storageLocation: 'C1', chilled: false });

  const { key, shown } = formOf((await concierge.get(`/gestion/comptoir/${made.orderId}`)).body);
  assert.equal(shown, pos[0].id, 'only the bag at the counter can be handed over');
  assert.equal((await concierge.post(`/gestion/comptoir/${made.orderId}`, { bons: [pos[0].id], shown, payment: 'card', idempotency_key: key })).statusCode, 303);
  const readyAtOf = async () => (await ctx.db.selectFrom('orders').select(['status', 'ready_at', 'reminded_at']).where('id', '=', made.orderId).executeTakeFirstOrThrow());
  assert.deepEqual(await readyAtOf(), { status: 'partially_handed_over', ready_at: null, reminded_at: null });

  await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, pos[1].id, { storageLocation: 'C2', chilled: false });
  const rest = await readyAtOf();
  assert.equal(rest.status, 'partially_handed_over');
  assert.ok(rest.ready_at, 'the rest waiting at the counter has a « ready since »');

  const later = new Date(Date.parse(rest.ready_at) + (ctx.config.uncollectedReminderDays + 1) * 24 * 3600 * 1000);
  assert.ok((await sendCollectionReminders(ctx.db, ctx.config, later)) >= 1);
  assert.ok((await readyAtOf()).reminded_at, 'the member is reminded of the rest');
});

test('a price confirmed after the page was shown: nothing is recorded until the new amount has been seen', async () => {
  const { orderId, poIds } = await orderAtCounter(1);
  const page = (await concierge.get(`/gestion/comptoir/${orderId}`)).body;
  assert.match(page, /name="shown_cents" value="2500"/, 'the form carries the amount on its button');
  const { key, shown } = formOf(page);
  const stale = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: [poIds[0]], shown, shown_cents: '2000', payment: 'card', idempotency_key: key });
  assert.equal(stale.statusCode, 200);
  assert.doesNotMatch(stale.body, /role="alert"/);
  assert.match(text(stale.body), /le montant a été recalculé/);
  assert.match(text(stale.body), /Remettre et encaisser 25,00 €/);
  assert.equal((await statusesOf(orderId)).payments.length, 0);
  const paid = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: [poIds[0]], shown, shown_cents: '2500', payment: 'card', idempotency_key: key });
  assert.equal(paid.statusCode, 303);
  assert.deepEqual((await statusesOf(orderId)).payments.map((payment) => Number(payment.amount_cents)), [2500]);
});

test('a double submission of one form hands over once and takes one payment', async () => {
  const { orderId, poIds } = await orderAtCounter(1);
  const { key, shown } = formOf((await concierge.get(`/gestion/comptoir/${orderId}`)).body);
  const fields = { bons: poIds, shown, payment: 'cash', idempotency_key: key };
  const first = await concierge.post(`/gestion/comptoir/${orderId}`, fields);
  const second = await concierge.post(`/gestion/comptoir/${orderId}`, fields);
  assert.equal(first.statusCode, 303);
  assert.equal(second.statusCode, 303, 'the repeat lands on the same receipt');
  assert.equal(second.headers.location, first.headers.location);
  const state = await statusesOf(orderId);
  assert.equal(state.payments.length, 1);
  const events = await ctx.db.selectFrom('order_events').select('id').where('order_id', '=', orderId).where('to_status', '=', 'handed_over').where('kind', '=', 'purchase_order_status').execute();
  assert.equal(events.length, 1);
});

test('the same form sent twice at the same moment: one hand-over, both land on the receipt', async () => {
  const { orderId, poIds } = await orderAtCounter(2);
  const { key, shown } = formOf((await concierge.get(`/gestion/comptoir/${orderId}`)).body);
  const fields = { bons: poIds, shown, payment: 'cash', idempotency_key: key };
  const answers = await Promise.all([concierge.post(`/gestion/comptoir/${orderId}`, fields), concierge.post(`/gestion/comptoir/${orderId}`, fields)]);
  assert.deepEqual(answers.map((answer) => answer.statusCode), [303, 303]);
  assert.equal((await statusesOf(orderId)).payments.length, 1);
});

test('two concierges hand over the same order at once: one hand-over, one payment, the other is told', async () => {
  for (let round = 0; round < 3; round += 1) {
    const { orderId, poIds } = await orderAtCounter(2);
    const mine = formOf((await concierge.get(`/gestion/comptoir/${orderId}`)).body);
    const theirs = formOf((await colleague.get(`/gestion/comptoir/${orderId}`)).body);
    const answers = await Promise.all([
      concierge.post(`/gestion/comptoir/${orderId}`, { bons: poIds, shown: mine.shown, payment: 'cash', idempotency_key: mine.key }),
      colleague.post(`/gestion/comptoir/${orderId}`, { bons: poIds, shown: theirs.shown, payment: 'card', idempotency_key: theirs.key }),
    ]);
    assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [303, 422]);
    const loser = answers.find((answer) => answer.statusCode === 422)!;
    assert.match(text(loser.body), /Ces bons ne sont plus au comptoir/);
    const state = await statusesOf(orderId);
    assert.equal(state.order.status, 'handed_over');
    assert.equal(state.payments.length, 1);
    assert.equal(Number(state.payments[0].amount_cents), 5000);
    const moves = await ctx.db.selectFrom('order_events').select('id').where('order_id', '=', orderId).where('to_status', '=', 'handed_over').execute();
    assert.equal(moves.length, 3, 'two bags and the order, once each');
  }
});

test('bad input: a French message next to the field, the ticks kept, nothing recorded', async () => {
  const { orderId, poIds } = await orderAtCounter(2);
  const { key, shown } = formOf((await concierge.get(`/gestion/comptoir/${orderId}`)).body);

  const noPayment = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: poIds, shown, idempotency_key: key });
  assert.equal(noPayment.statusCode, 422);
  assert.match(noPayment.body, /id="erreur-payment"[^>]*>.*Choisissez comment l’adhérent paie/s);
  assert.equal((noPayment.body.match(/name="bons" value="[^"]+" checked/g) ?? []).length, 2);

  const nothing = await concierge.post(`/gestion/comptoir/${orderId}`, { shown, payment: 'cash', idempotency_key: key });
  assert.equal(nothing.statusCode, 422);
  assert.match(text(nothing.body), /Cochez au moins un bon à remettre/);

  const unknown = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: poIds, shown, payment: 'cash', idempotency_key: key, amount: '1' });
  assert.equal(unknown.statusCode, 422);
  assert.match(text(unknown.body), /champ inattendu/);

  const badMethod = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: poIds, shown, payment: 'bitcoin', idempotency_key: key });
  assert.equal(badMethod.statusCode, 422);
  assert.equal((await statusesOf(orderId)).payments.length, 0);
  assert.equal((await statusesOf(orderId)).order.status, 'ready');
});

test('a missing order, a malformed id or a bag of another order answers 404', async () => {
  const { orderId, poIds } = await orderAtCounter(1);
  const other = await orderAtCounter(1);
  const missing = '01900000-0000-7000-8000-000000000000';
  assert.equal((await concierge.get(`/gestion/comptoir/${missing}`)).statusCode, 404);
  assert.equal((await concierge.get('/gestion/comptoir/pas-un-id')).statusCode, 404);
  assert.equal((await concierge.get(`/gestion/comptoir/${missing}/recu`)).statusCode, 404);
  assert.equal((await concierge.get(`/gestion/comptoir/${orderId}/recu`)).statusCode, 404, 'no receipt before a hand-over');
  const { key } = formOf((await concierge.get(`/gestion/comptoir/${orderId}`)).body);
  const posted = await concierge.post(`/gestion/comptoir/${missing}`, { bons: poIds, shown: poIds.join(','), payment: 'cash', idempotency_key: key });
  assert.equal(posted.statusCode, 404);
  const foreign = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: other.poIds, shown: other.poIds.join(','), payment: 'cash', idempotency_key: key });
  assert.equal(foreign.statusCode, 404);
  assert.equal((await statusesOf(other.orderId)).pos.get(other.poIds[0]), 'collected');
});

test('only the concierge: merchants, residents and the town get 404, visitors are sent to log in', async () => {
  const { orderId, poIds } = await orderAtCounter(1);
  const shopId = await makeShop(ctx.db);
  const resident = await makeResident(ctx.db, ctx.config);
  const accounts = [await makeAccount(ctx.db, ctx.config, 'merchant', { shopId }), await makeAccount(ctx.db, ctx.config, 'town'), { email: resident.email, password: resident.password }];
  const pages = ['/gestion/comptoir', '/gestion/comptoir?q=Martin', `/gestion/comptoir/${orderId}`, '/gestion/comptoir/non-retirees'];
  for (const account of accounts) {
    const agent = new Agent(ctx.app);
    await agent.login(account.email, account.password);
    for (const url of pages) assert.equal((await agent.get(url)).statusCode, 404, `${account.email} ${url}`);
    const token = await agent.csrfToken('/');
    const fields = { _csrf: token, bons: poIds, shown: poIds.join(','), payment: 'cash', idempotency_key: 'cle-pirate-0001' };
    assert.equal((await agent.post(`/gestion/comptoir/${orderId}`, fields)).statusCode, 404);
    assert.equal((await agent.post(`/gestion/comptoir/${orderId}/non-retiree`, { _csrf: token })).statusCode, 404);
  }
  const visitor = new Agent(ctx.app);
  for (const url of pages) {
    const answer = await visitor.get(url);
    assert.equal(answer.statusCode, 303);
    assert.match(String(answer.headers.location), /^\/connexion\?retour=/);
  }
  assert.equal((await statusesOf(orderId)).order.status, 'ready');
});
