// The key of a concierge's money form belongs to the order or batch it was shown for and to
// the concierge who was shown it: replayed on another order, another batch, or by a
// colleague, it records nothing and says so, instead of answering the first form's success.
// The same form sent twice on its own object is still one payment, one hand-over, one move.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { CONCIERGE, makeOrder, makePlace } from '../helpers/orders.ts';
import { settledWeeklyStatements } from '../helpers/settlement.ts';
import { receivePurchaseOrder } from '../../src/orders/index.ts';
import { recordPartPayment } from '../../src/orders/money/refunds.service.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { visibleText as text } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
let colleague: Agent;
let placeId: string;
/** Settled statements, each test takes its own. */
let statements: string[];

const REFUSED = /Ce formulaire a déjà servi pour une autre commande, un autre virement ou un autre membre de l’équipe : cet envoi n’a rien enregistré\./;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
  concierge = await loggedIn();
  colleague = await loggedIn();
  statements = (await settledWeeklyStatements(ctx.db, ctx.config, placeId, 6)).statementIds;
});

after(() => ctx.close());

async function loggedIn(): Promise<Agent> {
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  const agent = new Agent(ctx.app);
  await agent.login(account.email, account.password);
  return agent;
}

function keyOf(html: string): string {
  const key = /name="idempotency_key" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(key, 'the form carries an idempotency key');
  return key;
}

/** An order of one shop, its purchase order accepted and received: waiting at the counter. */
async function atCounter(): Promise<{ orderId: string; poId: string }> {
  const made = await makeOrder(ctx.db, ctx.config, { placeId });
  const po = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).executeTakeFirstOrThrow();
  await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
  await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, po.id, { storageLocation: 'B2', chilled: false });
  return { orderId: made.orderId, poId: po.id };
}

async function paymentsOf(orderId: string) {
  return ctx.db.selectFrom('counter_payments').select(['method', 'amount_cents']).where('order_id', '=', orderId).execute();
}

async function batchStatus(batchId: string): Promise<string> {
  return (await ctx.db.selectFrom('payout_batches').select('status').where('id', '=', batchId).executeTakeFirstOrThrow()).status;
}

async function prepared(statementId: string): Promise<string> {
  const page = await concierge.get('/gestion/virements');
  const response = await concierge.post('/gestion/virements', { releves: [statementId], idempotency_key: keyOf(page.body) });
  assert.equal(response.statusCode, 303, text(response.body).slice(0, 300));
  return String(response.headers.location).split('/').at(-1)!;
}

test('a part payment’s key replayed on another order, or by a colleague, records nothing and says so', async () => {
  const first = await makeOrder(ctx.db, ctx.config, { placeId });
  const other = await makeOrder(ctx.db, ctx.config, { placeId });
  const page = await concierge.get(`/gestion/commandes/${first.orderId}/encaisser`);
  const key = keyOf(page.body);
  const paid = await concierge.post(`/gestion/commandes/${first.orderId}/encaisser`, { method: 'cash', montant: '2,00', idempotency_key: key });
  assert.equal(paid.statusCode, 303);
  assert.match(text((await concierge.get(String(paid.headers.location))).body), /Paiement de 2,00 € enregistré/, 'the first form’s success is shown once');

  const elsewhere = await concierge.post(`/gestion/commandes/${other.orderId}/encaisser`, { method: 'cash', montant: '2,00', idempotency_key: key });
  assert.equal(elsewhere.statusCode, 422);
  assert.match(text(elsewhere.body), REFUSED);
  assert.doesNotMatch(text(elsewhere.body), /Paiement de 2,00 € enregistré/);
  assert.deepEqual(await paymentsOf(other.orderId), [], 'nothing recorded on the other order');
  assert.notEqual(keyOf(elsewhere.body), key, 'the form comes back with a key of its own');
  const followed = await concierge.get(`/gestion/commandes/${other.orderId}`);
  assert.doesNotMatch(text(followed.body), /Paiement de 2,00 € enregistré/, 'no success announced on the next page either');

  const byColleague = await colleague.post(`/gestion/commandes/${first.orderId}/encaisser`, { method: 'cash', montant: '2,00', idempotency_key: key }, `/gestion/commandes/${first.orderId}/encaisser`);
  assert.equal(byColleague.statusCode, 422);
  assert.match(text(byColleague.body), REFUSED);

  const again = await concierge.post(`/gestion/commandes/${first.orderId}/encaisser`, { method: 'cash', montant: '2,00', idempotency_key: key }, `/gestion/commandes/${first.orderId}/encaisser`);
  assert.equal(again.statusCode, 303, 'the same form on its own order is still one payment');
  assert.deepEqual((await paymentsOf(first.orderId)).map((row) => Number(row.amount_cents)), [200]);
});

test('a refund’s key replayed on another order refunds nothing there', async () => {
  const first = await makeOrder(ctx.db, ctx.config, { placeId });
  const other = await makeOrder(ctx.db, ctx.config, { placeId });
  for (const orderId of [first.orderId, other.orderId]) await recordPartPayment(ctx.db, CONCIERGE, orderId, { method: 'cash', amountCents: 500 }, newIdempotencyKey());
  const page = await concierge.get(`/gestion/commandes/${first.orderId}/rembourser`);
  const key = keyOf(page.body);
  const fields = { quoi: 'montant', montant: '1,00', motif: 'Geste commercial', idempotency_key: key };
  assert.equal((await concierge.post(`/gestion/commandes/${first.orderId}/rembourser`, fields)).statusCode, 303);

  const elsewhere = await concierge.post(`/gestion/commandes/${other.orderId}/rembourser`, fields, `/gestion/commandes/${other.orderId}/rembourser`);
  assert.equal(elsewhere.statusCode, 422);
  assert.match(text(elsewhere.body), REFUSED);
  assert.equal((await ctx.db.selectFrom('refunds').select('id').where('order_id', '=', other.orderId).execute()).length, 0);
  assert.equal((await ctx.db.selectFrom('refunds').select('id').where('order_id', '=', first.orderId).execute()).length, 1);
});

test('a hand-over’s key replayed on another order hands nothing over', async () => {
  const first = await atCounter();
  const other = await atCounter();
  const page = await concierge.get(`/gestion/comptoir/${first.orderId}`);
  const key = keyOf(page.body);
  const given = await concierge.post(`/gestion/comptoir/${first.orderId}`, { bons: [first.poId], shown: first.poId, payment: 'card', idempotency_key: key });
  assert.equal(given.statusCode, 303);

  await concierge.get(`/gestion/comptoir/${other.orderId}`);
  const elsewhere = await concierge.post(`/gestion/comptoir/${other.orderId}`, { bons: [other.poId], shown: other.poId, payment: 'card', idempotency_key: key });
  assert.equal(elsewhere.statusCode, 422);
  assert.match(text(elsewhere.body), REFUSED);
  const po = await ctx.db.selectFrom('purchase_orders').select('status').where('id', '=', other.poId).executeTakeFirstOrThrow();
  assert.equal(po.status, 'collected', 'still waiting at the counter');
  assert.deepEqual(await paymentsOf(other.orderId), []);
});

test('a batch step’s key replayed on another batch moves nothing; a colleague cannot reuse the preparation’s key', async () => {
  const [firstStatement, otherStatement, third, fourth] = statements.splice(0, 4);
  const first = await prepared(firstStatement);
  const other = await prepared(otherStatement);

  const page = await concierge.get(`/gestion/virements/${first}`);
  const key = keyOf(page.body);
  assert.equal((await concierge.post(`/gestion/virements/${first}/approuver`, { idempotency_key: key })).statusCode, 303);
  const elsewhere = await concierge.post(`/gestion/virements/${other}/approuver`, { idempotency_key: key }, `/gestion/virements/${other}`);
  assert.equal(elsewhere.statusCode, 422);
  assert.match(text(elsewhere.body), REFUSED);
  assert.doesNotMatch(text(elsewhere.body), /Le virement est approuvé/);
  assert.equal(await batchStatus(other), 'awaiting_approval');

  const again = await concierge.post(`/gestion/virements/${first}/approuver`, { idempotency_key: key }, `/gestion/virements/${first}`);
  assert.equal(again.statusCode, 303, 'the same form on its own batch changes nothing and succeeds');
  assert.equal(await batchStatus(first), 'approved');

  const listed = await concierge.get('/gestion/virements');
  const prepareKey = keyOf(listed.body);
  assert.equal((await concierge.post('/gestion/virements', { releves: [third], idempotency_key: prepareKey })).statusCode, 303);
  const stolen = await colleague.post('/gestion/virements', { releves: [fourth], idempotency_key: prepareKey }, '/gestion/virements');
  assert.equal(stolen.statusCode, 422);
  assert.match(text(stolen.body), REFUSED);
  const statement = await ctx.db.selectFrom('statements').select('status').where('id', '=', fourth).executeTakeFirstOrThrow();
  assert.equal(statement.status, 'settled', 'the colleague’s statement stays to pay');
});
