// Money on an order, for the concierge: part payments (acompte) within what is still due, the
// counter then asking only the rest; refunds of the refused lines, of a line handed over (borne
// by its shop), of everything, online through the provider; each form once per key; bad input
// refused next to its field; nobody but the concierge gets in; the resident reads the refunds.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { CONCIERGE, makeOrder, makePlace, makeResident } from '../helpers/orders.ts';
import { startStripeDouble, type StripeDouble } from '../helpers/stripe-api.ts';
import { FIRST_CURSOR, receivePurchaseOrder, refundsAfter } from '../../src/orders/index.ts';
import { acceptPurchaseOrder, refuseLine } from '../../src/orders/portal/portal.service.ts';
import { handOver } from '../../src/orders/counter/counter.service.ts';
import { onlinePaymentSummary, startOnlinePayment } from '../../src/orders/money/payments.service.ts';
import { findOrder } from '../../src/orders/orders.repository.ts';
import type { DomainError } from '../../src/platform/errors.ts';
import { newId } from '../../src/platform/ids.ts';
import { nowIso } from '../../src/platform/clock.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { visibleText as text, plain } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
  concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

async function findOrderForTest(orderId: string) {
  const order = await findOrder(ctx.db, orderId);
  assert.ok(order);
  return order;
}

function keyOf(html: string): string {
  const key = /name="idempotency_key" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(key, 'the form carries an idempotency key');
  return key;
}

/** One shop, two lines: a cheese platter (2 × 12,50 €) and a bottle (2 × 2,25 €). */
async function twoLineOrder(resident?: CurrentAccount) {
  const shopId = await makeShop(ctx.db);
  const platter = await makeOffer(ctx.db, shopId, { title: 'Plateau de fromages', priceCents: 1250 });
  const bottle = await makeOffer(ctx.db, shopId, { title: 'Jus de pomme', priceCents: 225 });
  const made = await makeOrder(ctx.db, ctx.config, { placeId, resident, lines: [{ offerId: platter, quantity: 2 }, { offerId: bottle, quantity: 2 }] });
  const po = await ctx.db.selectFrom('purchase_orders').select('id').where('order_id', '=', made.orderId).executeTakeFirstOrThrow();
  const lines = await ctx.db.selectFrom('order_lines').select(['id', 'title']).where('order_id', '=', made.orderId).orderBy('position').execute();
  return { ...made, shopId, poId: po.id, platterLine: lines[0].id, bottleLine: lines[1].id };
}

async function pay(orderId: string, method: string, montant: string, key?: string) {
  const page = await concierge.get(`/gestion/commandes/${orderId}/encaisser`);
  return concierge.post(`/gestion/commandes/${orderId}/encaisser`, { method, montant, idempotency_key: key ?? keyOf(page.body) });
}

async function refundsOf(orderId: string) {
  return ctx.db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).orderBy('at').orderBy('id').execute();
}

test('a part payment is recorded once per form, within what is still due; the counter then asks only the rest', async () => {
  const order = await twoLineOrder();
  const record = await concierge.get(`/gestion/commandes/${order.orderId}`);
  assert.ok(record.body.includes(`href="/gestion/commandes/${order.orderId}/encaisser"`), 'the record links to « Encaisser un paiement »');
  assert.ok(record.body.includes(`href="/gestion/commandes/${order.orderId}/rembourser"`), 'and to « Rembourser »');

  const page = await concierge.get(`/gestion/commandes/${order.orderId}/encaisser`);
  assert.equal(page.statusCode, 200);
  const key = keyOf(page.body);

  const threeDecimals = await concierge.post(`/gestion/commandes/${order.orderId}/encaisser`, { method: 'cash', montant: '20,005', idempotency_key: key });
  assert.equal(threeDecimals.statusCode, 422);
  assert.match(text(threeDecimals.body), /Indiquez un prix en euros, par exemple 12,50\./);
  assert.ok(threeDecimals.body.includes('value="20,005"'), 'the typed amount is kept');
  assert.match(threeDecimals.body, /id="champ-method-cash"[^>]*checked/, 'the chosen method is kept');

  const tooMuch = await concierge.post(`/gestion/commandes/${order.orderId}/encaisser`, { method: 'cash', montant: '60', idempotency_key: key });
  assert.equal(tooMuch.statusCode, 422);
  assert.match(text(tooMuch.body), /Le montant dépasse ce qui reste à payer \(29,50 €\)\./);

  const first = await concierge.post(`/gestion/commandes/${order.orderId}/encaisser`, { method: 'cash', montant: '20,00', idempotency_key: key });
  assert.equal(first.statusCode, 303);
  assert.equal(first.headers.location, `/gestion/commandes/${order.orderId}`);
  const again = await concierge.post(`/gestion/commandes/${order.orderId}/encaisser`, { method: 'cash', montant: '20,00', idempotency_key: key });
  assert.equal(again.statusCode, 303, 'the same form twice is one payment');
  const payments = await ctx.db.selectFrom('counter_payments').selectAll().where('order_id', '=', order.orderId).execute();
  assert.deepEqual(payments.map((row) => [row.method, Number(row.amount_cents)]), [['cash', 2000]]);
  const history = await concierge.get(`/gestion/commandes/${order.orderId}`);
  assert.match(plain(text(history.body)), /Paiement au comptoir avant retrait : 20,00 € en espèces/);

  // At the counter: 29,50 € of goods, 20,00 € already paid: 9,50 € to take.
  await acceptPurchaseOrder(ctx.db, CONCIERGE, order.shopId, order.poId);
  await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, order.poId, { storageLocation: 'A1', chilled: false });
  const counter = await concierge.get(`/gestion/comptoir/${order.orderId}`);
  assert.match(plain(text(counter.body)), /Déjà payé : 20,00 €/);
  assert.match(text(counter.body), /Remettre et encaisser 9,50 €/);
  const handOver = await concierge.post(`/gestion/comptoir/${order.orderId}`, { bons: [order.poId], shown: order.poId, shown_cents: '950', payment: 'card', idempotency_key: keyOf(counter.body) });
  assert.equal(handOver.statusCode, 303);
  const after = await ctx.db.selectFrom('counter_payments').select(['method', 'amount_cents']).where('order_id', '=', order.orderId).orderBy('at').execute();
  assert.deepEqual(after.map((row) => [row.method, Number(row.amount_cents)]), [['cash', 2000], ['card', 950]]);

  const settled = await concierge.get(`/gestion/commandes/${order.orderId}/encaisser`);
  assert.match(text(settled.body), /Il ne reste rien à payer sur cette commande\./);
  const nothingDue = await concierge.post(`/gestion/commandes/${order.orderId}/encaisser`, { method: 'cash', montant: '1', idempotency_key: 'settled-order-key' });
  assert.equal(nothingDue.statusCode, 422);
  assert.match(text(nothingDue.body), /Le montant dépasse ce qui reste à payer \(0,00 €\)\./);
});

test('a line refused after payment is preselected and refunded once, by the method of the payment, borne by no shop', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const order = await twoLineOrder(resident.account);
  assert.equal((await pay(order.orderId, 'card', '29,50')).statusCode, 303);
  const merchant = { ...CONCIERGE, role: 'merchant' as const, shopId: order.shopId };
  await refuseLine(ctx.db, ctx.config, merchant, order.shopId, order.poId, order.bottleLine, { reason: 'out_of_stock', note: null });

  const page = await concierge.get(`/gestion/commandes/${order.orderId}/rembourser`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /id="champ-quoi-refuses"[^>]*checked/, 'the refused lines are preselected');
  assert.match(text(page.body), /Les articles refusés \(4,50 €\)/);
  const key = keyOf(page.body);

  const noReason = await concierge.post(`/gestion/commandes/${order.orderId}/rembourser`, { quoi: 'refuses', motif: '', idempotency_key: key });
  assert.equal(noReason.statusCode, 422);
  assert.match(text(noReason.body), /Motif du remboursement/);
  assert.match(noReason.body, /id="champ-quoi-refuses"[^>]*checked/, 'the choice is kept');

  const done = await concierge.post(`/gestion/commandes/${order.orderId}/rembourser`, { quoi: 'refuses', motif: 'Jus de pomme en rupture', idempotency_key: key });
  assert.equal(done.statusCode, 303);
  const twice = await concierge.post(`/gestion/commandes/${order.orderId}/rembourser`, { quoi: 'refuses', motif: 'Jus de pomme en rupture', idempotency_key: key });
  assert.equal(twice.statusCode, 303, 'the same form twice is one refund');
  const rows = await refundsOf(order.orderId);
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0].method, Number(rows[0].amount_cents), rows[0].shop_id, rows[0].order_line_id, rows[0].reason], ['card', 450, null, order.bottleLine, 'Jus de pomme en rupture']);

  const lineAgain = await concierge.post(`/gestion/commandes/${order.orderId}/rembourser`, { quoi: `ligne:${order.bottleLine}`, motif: 'Encore', idempotency_key: 'another-key-1' }, `/gestion/commandes/${order.orderId}/rembourser`);
  assert.equal(lineAgain.statusCode, 422);
  assert.match(text(lineAgain.body), /Cet article a déjà été remboursé\./);

  const tooMuch = await concierge.post(`/gestion/commandes/${order.orderId}/rembourser`, { quoi: 'montant', montant: '100', motif: 'Geste', idempotency_key: 'another-key-2' }, `/gestion/commandes/${order.orderId}/rembourser`);
  assert.equal(tooMuch.statusCode, 422);
  assert.match(text(tooMuch.body), /Le remboursement dépasse ce qui a été payé \(25,00 €\)\./);
  assert.ok(tooMuch.body.includes('value="100"'), 'the typed amount is kept');
  const threeDecimals = await concierge.post(`/gestion/commandes/${order.orderId}/rembourser`, { quoi: 'montant', montant: '1,005', motif: 'Geste', idempotency_key: 'another-key-3' }, `/gestion/commandes/${order.orderId}/rembourser`);
  assert.equal(threeDecimals.statusCode, 422);
  assert.match(text(threeDecimals.body), /Indiquez un prix en euros, par exemple 12,50\./);
  const zero = await concierge.post(`/gestion/commandes/${order.orderId}/rembourser`, { quoi: 'montant', montant: '0', motif: 'Geste', idempotency_key: 'another-key-4' }, `/gestion/commandes/${order.orderId}/rembourser`);
  assert.equal(zero.statusCode, 422);
  assert.match(text(zero.body), /Indiquez un montant à rembourser supérieur à 0/);
  assert.equal((await refundsOf(order.orderId)).length, 1, 'nothing half-written');

  const residentAgent = new Agent(ctx.app);
  await residentAgent.login(resident.email, resident.password);
  const own = await residentAgent.get(`/compte/commandes/${order.orderId}`);
  assert.match(plain(text(own.body)), /Remboursé : 4,50 € \(carte\)/);
  assert.equal((await residentAgent.get(`/gestion/commandes/${order.orderId}/rembourser`)).statusCode, 404, 'a resident does not reach the form');
});

test('a line handed over is borne by its shop; « everything » gives back each method its own remainder; the ledger reads them in order', async () => {
  const order = await twoLineOrder();
  await acceptPurchaseOrder(ctx.db, CONCIERGE, order.shopId, order.poId);
  await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, order.poId, { storageLocation: 'A2', chilled: false });
  assert.equal((await pay(order.orderId, 'cheque', '10')).statusCode, 303);
  const counter = await concierge.get(`/gestion/comptoir/${order.orderId}`);
  const handOver = await concierge.post(`/gestion/comptoir/${order.orderId}`, { bons: [order.poId], shown: order.poId, shown_cents: '1950', payment: 'cash', idempotency_key: keyOf(counter.body) });
  assert.equal(handOver.statusCode, 303);

  const refundPage = `/gestion/commandes/${order.orderId}/rembourser`;
  const page = await concierge.get(refundPage);
  assert.match(page.body, /id="champ-quoi-tout"[^>]*checked/, 'nothing refused: everything is the default');
  const noSource = await concierge.post(refundPage, { quoi: `ligne:${order.bottleLine}`, motif: 'Bouteille cassée', idempotency_key: keyOf(page.body) });
  assert.equal(noSource.statusCode, 422);
  assert.match(text(noSource.body), /Choisissez par quel moyen rembourser\./);
  const line = await concierge.post(refundPage, { quoi: `ligne:${order.bottleLine}`, source: 'cash', motif: 'Bouteille cassée', idempotency_key: keyOf(noSource.body) });
  assert.equal(line.statusCode, 303);

  const rest = await concierge.post(refundPage, { quoi: 'tout', motif: 'Commande rapportée', idempotency_key: 'everything-key-1' }, refundPage);
  assert.equal(rest.statusCode, 303);
  const rows = await refundsOf(order.orderId);
  // rows written in one refund share their instant: compare them as a set
  assert.deepEqual(
    rows.map((row) => [row.method, Number(row.amount_cents), row.shop_id]).sort(),
    [
      ['cash', 1500, order.shopId],
      ['cash', 450, order.shopId],
      ['cheque', 1000, order.shopId],
    ],
  );
  const nothingLeft = await concierge.get(refundPage);
  assert.match(text(nothingLeft.body), /il n’y a rien à rembourser/);

  const facts = (await refundsAfter(ctx.db, FIRST_CURSOR, 1000)).filter((fact) => fact.orderId === order.orderId);
  assert.equal(facts.length, 3);
  assert.deepEqual(facts.map((fact) => fact.id), rows.map((row) => row.id), 'in (at, id) order');
  assert.deepEqual(facts[0], { id: rows[0].id, orderId: order.orderId, memberId: order.memberId, shopId: order.shopId, method: 'cash', amountCents: 450, collectionCode: facts[0].collectionCode, at: rows[0].at });
  const page2 = await refundsAfter(ctx.db, { at: facts[0].at, id: facts[0].id }, 1000);
  assert.ok(!page2.some((fact) => fact.id === facts[0].id), 'the cursor pages strictly after');
});

test('money paid online goes back through the provider, with its refund id', async () => {
  const order = await twoLineOrder();
  const paymentId = newId();
  await ctx.db
    .insertInto('online_payments')
    .values({ id: paymentId, order_id: order.orderId, provider: 'demo', provider_session_id: `demo_${paymentId}`, provider_payment_id: `demo_pay_${paymentId}`, amount_cents: 2950, status: 'paid', created_at: nowIso(), paid_at: nowIso() })
    .execute();
  const merchant = { ...CONCIERGE, role: 'merchant' as const, shopId: order.shopId };
  await refuseLine(ctx.db, ctx.config, merchant, order.shopId, order.poId, order.platterLine, { reason: 'out_of_stock', note: null });
  const refundPage = `/gestion/commandes/${order.orderId}/rembourser`;
  const page = await concierge.get(refundPage);
  const key = keyOf(page.body);
  const done = await concierge.post(refundPage, { quoi: 'refuses', motif: 'Plateau indisponible', idempotency_key: key });
  assert.equal(done.statusCode, 303);
  assert.equal((await concierge.post(refundPage, { quoi: 'refuses', motif: 'Plateau indisponible', idempotency_key: key })).statusCode, 303);
  const rows = await refundsOf(order.orderId);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].method, 'online');
  assert.equal(rows[0].online_payment_id, paymentId);
  assert.equal(Number(rows[0].amount_cents), 2500);
  assert.match(rows[0].provider_refund_id ?? '', /^demo_re_/);
  const record = await concierge.get(refundPage);
  assert.match(plain(text(record.body)), /Remboursé : 25,00 € \(en ligne\)/);
});

test('goods given back lower what is due: paid 150 € online, a 100 € line handed over then refunded by its shop → nothing more to pay', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const [shopA, shopB] = [await makeShop(ctx.db), await makeShop(ctx.db)];
  const lamp = await makeOffer(ctx.db, shopA, { title: 'Lampe de chevet', priceCents: 10000 });
  const basket = await makeOffer(ctx.db, shopB, { title: 'Panier garni', priceCents: 5000 });
  const order = await makeOrder(ctx.db, ctx.config, { placeId, resident: resident.account, paymentMethod: 'online', lines: [{ offerId: lamp, quantity: 1 }, { offerId: basket, quantity: 1 }] });
  const paymentId = newId();
  await ctx.db
    .insertInto('online_payments')
    .values({ id: paymentId, order_id: order.orderId, provider: 'demo', provider_session_id: `demo_${paymentId}`, provider_payment_id: `demo_pay_${paymentId}`, amount_cents: 15000, status: 'paid', created_at: nowIso(), paid_at: nowIso() })
    .execute();
  const poA = await ctx.db.selectFrom('purchase_orders').select('id').where('order_id', '=', order.orderId).where('shop_id', '=', shopA).executeTakeFirstOrThrow();
  const lampLine = await ctx.db.selectFrom('order_lines').select('id').where('order_id', '=', order.orderId).where('shop_id', '=', shopA).executeTakeFirstOrThrow();
  await acceptPurchaseOrder(ctx.db, CONCIERGE, shopA, poA.id);
  await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, poA.id, { storageLocation: 'B1', chilled: false });
  await handOver(ctx.db, CONCIERGE, order.orderId, { purchaseOrderIds: [poA.id], method: undefined, shownIds: [poA.id], shownCents: 0 }, newId());

  const refundPage = `/gestion/commandes/${order.orderId}/rembourser`;
  const page = await concierge.get(refundPage);
  const returned = await concierge.post(refundPage, { quoi: `ligne:${lampLine.id}`, motif: 'Lampe rapportée, défectueuse', idempotency_key: keyOf(page.body) });
  assert.equal(returned.statusCode, 303);
  const [row] = await refundsOf(order.orderId);
  assert.deepEqual([row.method, Number(row.amount_cents), row.shop_id], ['online', 10000, shopA]);
  assert.equal(Number((await ctx.db.selectFrom('orders').select('total_cents').where('id', '=', order.orderId).executeTakeFirstOrThrow()).total_cents), 15000, 'the order keeps its total');

  // not as a part payment…
  const payPage = await concierge.get(`/gestion/commandes/${order.orderId}/encaisser`);
  assert.match(text(payPage.body), /Il ne reste rien à payer sur cette commande\./);
  const part = await concierge.post(`/gestion/commandes/${order.orderId}/encaisser`, { method: 'cash', montant: '1', idempotency_key: 'given-back-part-payment' });
  assert.equal(part.statusCode, 422);
  assert.match(text(part.body), /Le montant dépasse ce qui reste à payer \(0,00 €\)\./);
  // …nor online
  await assert.rejects(startOnlinePayment(ctx.db, ctx.config, resident.account, order.orderId), (error: DomainError) => error.code === 'online_payment_nothing_due');
  const summary = await onlinePaymentSummary(ctx.db, ctx.config, await findOrderForTest(order.orderId));
  assert.equal(summary.canPay, false, 'paying online is not offered');
  assert.equal((await ctx.db.selectFrom('online_payments').select('id').where('order_id', '=', order.orderId).execute()).length, 1);
});

test('only the concierge: a visitor is sent to log in, a merchant gets 404, a missing order is 404', async () => {
  const order = await twoLineOrder();
  const visitor = new Agent(ctx.app);
  const redirected = await visitor.get(`/gestion/commandes/${order.orderId}/encaisser`);
  assert.equal(redirected.statusCode, 303);
  assert.match(String(redirected.headers.location), /^\/connexion/);
  const merchantAccount = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: order.shopId });
  const merchant = new Agent(ctx.app);
  await merchant.login(merchantAccount.email, merchantAccount.password);
  assert.equal((await merchant.get(`/gestion/commandes/${order.orderId}/rembourser`)).statusCode, 404);
  assert.equal((await concierge.get(`/gestion/commandes/${newId()}/rembourser`)).statusCode, 404);
  assert.equal((await concierge.get(`/gestion/commandes/${newId()}/encaisser`)).statusCode, 404);
  const unknownField = await concierge.post(`/gestion/commandes/${order.orderId}/encaisser`, { method: 'cash', montant: '1', idempotency_key: 'unknown-field-key', shop_id: 'x' }, `/gestion/commandes/${order.orderId}/encaisser`);
  assert.equal(unknownField.statusCode, 422);
  assert.equal((await ctx.db.selectFrom('counter_payments').select('id').where('order_id', '=', order.orderId).execute()).length, 0);
});

describe('refunds of money paid through Stripe', () => {
  let stripeCtx: TestApp;
  let stripe: StripeDouble;
  let desk: Agent;

  before(async () => {
    stripe = await startStripeDouble();
    stripeCtx = await buildTestApp({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_refunds', STRIPE_WEBHOOK_SECRET: 'whsec_test_refunds', STRIPE_API_URL: stripe.url });
    desk = new Agent(stripeCtx.app);
    const account = await makeAccount(stripeCtx.db, stripeCtx.config, 'concierge');
    await desk.login(account.email, account.password);
  });
  after(async () => {
    await stripeCtx.close();
    await stripe.close();
  });

  test('two refunds of the same line at once: one refund at Stripe, one row; the same form again asks Stripe nothing', async () => {
    const shopId = await makeShop(stripeCtx.db);
    const platter = await makeOffer(stripeCtx.db, shopId, { title: 'Plateau de fromages', priceCents: 1250 });
    const bottle = await makeOffer(stripeCtx.db, shopId, { title: 'Jus de pomme', priceCents: 225 });
    const placeOfStripe = await makePlace(stripeCtx.db);
    const made = await makeOrder(stripeCtx.db, stripeCtx.config, { placeId: placeOfStripe, lines: [{ offerId: platter, quantity: 2 }, { offerId: bottle, quantity: 2 }] });
    const po = await stripeCtx.db.selectFrom('purchase_orders').select('id').where('order_id', '=', made.orderId).executeTakeFirstOrThrow();
    const line = await stripeCtx.db.selectFrom('order_lines').select('id').where('order_id', '=', made.orderId).orderBy('position').executeTakeFirstOrThrow();
    const paymentId = newId();
    await stripeCtx.db
      .insertInto('online_payments')
      .values({ id: paymentId, order_id: made.orderId, provider: 'stripe', provider_session_id: `cs_test_${paymentId}`, provider_payment_id: 'pi_test_refund_race', amount_cents: 2950, status: 'paid', created_at: nowIso(), paid_at: nowIso() })
      .execute();
    const merchant = { ...CONCIERGE, role: 'merchant' as const, shopId };
    await refuseLine(stripeCtx.db, stripeCtx.config, merchant, shopId, po.id, line.id, { reason: 'out_of_stock', note: null });

    const refundPage = `/gestion/commandes/${made.orderId}/rembourser`;
    const [tabA, tabB] = await Promise.all([desk.get(refundPage), desk.get(refundPage)]);
    const keyA = keyOf(tabA.body);
    const keyB = keyOf(tabB.body);
    assert.notEqual(keyA, keyB, 'two tabs, two forms');
    const refundsAtStripe = () => stripe.received.filter((request) => request.path === '/v1/refunds').length;
    const before = refundsAtStripe();
    const answers = await Promise.all([
      desk.post(refundPage, { quoi: `ligne:${line.id}`, motif: 'Plateau indisponible', idempotency_key: keyA }, refundPage),
      desk.post(refundPage, { quoi: `ligne:${line.id}`, motif: 'Plateau indisponible', idempotency_key: keyB }, refundPage),
    ]);
    assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [303, 422]);
    assert.match(text(answers.find((answer) => answer.statusCode === 422)!.body), /Cet article a déjà été remboursé\./);
    assert.equal(refundsAtStripe() - before, 1, 'Stripe is asked once');
    const rows = await stripeCtx.db.selectFrom('refunds').selectAll().where('order_id', '=', made.orderId).execute();
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0].method, Number(rows[0].amount_cents), rows[0].online_payment_id], ['online', 2500, paymentId]);
    assert.match(rows[0].provider_refund_id ?? '', /^re_test_/);
    const sent = stripe.received.filter((request) => request.path === '/v1/refunds').at(-1)!;
    assert.deepEqual([sent.fields.payment_intent, sent.fields.amount], ['pi_test_refund_race', '2500']);
    const winner = answers[0].statusCode === 303 ? keyA : keyB;
    assert.ok(sent.idempotencyKey?.includes(winner), 'the provider key is derived from the form key');

    const replay = await desk.post(refundPage, { quoi: `ligne:${line.id}`, motif: 'Plateau indisponible', idempotency_key: winner }, refundPage);
    assert.equal(replay.statusCode, 303, 'the same form again answers as the first time');
    assert.equal(refundsAtStripe() - before, 1, 'without asking Stripe again');
    assert.equal((await stripeCtx.db.selectFrom('refunds').select('id').where('order_id', '=', made.orderId).execute()).length, 1);
  });
});
