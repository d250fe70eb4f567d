// The concierge confirms the price of a free-text line (« à acheter pour moi ») on the
// order's record: the line, its purchase order and the order take the new price, the history
// says who confirmed what, the member is told by mail when the total changed; a price can be
// confirmed once, and never on a part of the order that was cancelled.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeMember } from '../helpers/members.ts';
import { CONCIERGE, firstSlot, makePlace, makeResident } from '../helpers/orders.ts';
import { addFreeTextLine, addToBasket, cancelOrder, placeOrder, receivePurchaseOrder, type Buyer } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { newId } from '../../src/platform/ids.ts';
import { visibleText as text } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge', { displayName: 'Sandrine Roux' });
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

/** A phone order with one offer (2 × 12,50 €) and one free-text line estimated at 15 € (× 2). */
async function orderWithEstimate(email: string | null) {
  const shop = await makeShop(ctx.db, { tradeName: 'Mercerie du Cours' });
  const offer = await makeOffer(ctx.db, shop, { title: 'Bobine de fil', priceCents: 1250 });
  const memberId = await makeMember(ctx.db, { email });
  const buyer: Buyer = { ownerKey: `desk:${memberId}`, memberId, channel: 'telephone' };
  await addToBasket(ctx.db, buyer.ownerKey, offer, 2);
  await addFreeTextLine(ctx.db, buyer.ownerKey, { shopId: shop, title: 'Fermeture éclair de 60 cm, bleu marine', quantity: 2, estimatedPriceCents: 1500 });
  const slot = await firstSlot(ctx.db, ctx.config, CONCIERGE, buyer, placeId);
  const orderId = await placeOrder(ctx.db, ctx.config, CONCIERGE, buyer, { placeId, slotStartAt: slot.startAt, paymentMethod: 'at_counter' }, newIdempotencyKey());
  const lines = await ctx.db.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).execute();
  const estimated = lines.find((line) => Number(line.price_is_estimate) === 1)!;
  return { orderId, memberId, lineId: estimated.id, purchaseOrderId: estimated.purchase_order_id };
}

const PRICE_FORM = /Prix confirmé de « Fermeture éclair de 60 cm, bleu marine », à l’unité, en euros/;

test('confirming the price: totals follow, the history says it, the member is told, the form goes', async () => {
  const email = `couture-${Date.now()}@exemple.fr`;
  const { orderId, lineId, purchaseOrderId } = await orderWithEstimate(email);
  const url = `/gestion/commandes/${orderId}`;
  const record = await concierge.get(url);
  assert.match(text(record.body), PRICE_FORM);
  assert.match(text(record.body), /Estimé à 15,00/);

  const done = await concierge.post(`${url}/lignes/${lineId}/prix`, { price: '17,40' }, url);
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, url);
  const line = await ctx.db.selectFrom('order_lines').selectAll().where('id', '=', lineId).executeTakeFirstOrThrow();
  assert.equal(Number(line.unit_price_cents), 1740);
  assert.equal(Number(line.total_cents), 3480);
  assert.equal(Number(line.price_is_estimate), 0);
  const po = await ctx.db.selectFrom('purchase_orders').selectAll().where('id', '=', purchaseOrderId).executeTakeFirstOrThrow();
  assert.equal(Number(po.total_cents), 2500 + 3480);
  const order = await ctx.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
  assert.equal(Number(order.total_cents), 2500 + 3480);

  const after = text((await concierge.get(url)).body);
  assert.match(after, /Le prix de « Fermeture éclair de 60 cm, bleu marine » est confirmé. Nouveau total : 59,80/);
  assert.doesNotMatch(after, PRICE_FORM, 'a confirmed price has no form any more');
  assert.match(after, /Sandrine Roux \(conciergerie\)|Sandrine Roux/);
  assert.match(after, /Prix confirmé de « Fermeture éclair de 60 cm, bleu marine » : 15,00\s€ estimé → 17,40\s€/);
  const events = await ctx.db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).where('kind', '=', 'price_confirmed').execute();
  assert.equal(events.length, 1);

  const mails = await ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', email).where('subject', 'like', '%prix confirmé%').execute();
  assert.equal(mails.length, 1);
  assert.match(mails[0].text_body, /passe de 55,00\s€ à 59,80\s€/);

  const twice = await concierge.post(`${url}/lignes/${lineId}/prix`, { price: '18' }, url);
  assert.equal(twice.statusCode, 303);
  assert.match(text((await concierge.get(url)).body), /Ce prix ne peut plus être confirmé/);
  assert.equal(Number((await ctx.db.selectFrom('order_lines').select('unit_price_cents').where('id', '=', lineId).executeTakeFirstOrThrow()).unit_price_cents), 1740);
});

test('the same price as estimated changes no total and sends no mail; a member without e-mail gets none', async () => {
  const email = `sans-changement-${Date.now()}@exemple.fr`;
  const same = await orderWithEstimate(email);
  assert.equal((await concierge.post(`/gestion/commandes/${same.orderId}/lignes/${same.lineId}/prix`, { price: '15' }, `/gestion/commandes/${same.orderId}`)).statusCode, 303);
  assert.equal((await ctx.db.selectFrom('outbox').select('id').where('recipient', '=', email).where('subject', 'like', '%prix confirmé%').execute()).length, 0);

  const phoneOnly = await orderWithEstimate(null);
  const before = await ctx.db.selectFrom('outbox').select('id').execute();
  assert.equal((await concierge.post(`/gestion/commandes/${phoneOnly.orderId}/lignes/${phoneOnly.lineId}/prix`, { price: '9,90' }, `/gestion/commandes/${phoneOnly.orderId}`)).statusCode, 303);
  assert.equal((await ctx.db.selectFrom('outbox').select('id').execute()).length, before.length);
});

test('bad prices are refused next to the field, with what was typed; foreign lines are not found; cancelled parts cannot be priced', async () => {
  const { orderId, lineId } = await orderWithEstimate(null);
  const url = `/gestion/commandes/${orderId}`;
  for (const [price, message] of [
    ['12,505', /Indiquez un prix en euros, par exemple 12,50/],
    ['0', /Indiquez un prix de 0,01 € à 10\s000,00 €/],
    ['', /Ce champ est obligatoire/],
  ] as const) {
    const refused = await concierge.post(`${url}/lignes/${lineId}/prix`, { price }, url);
    assert.equal(refused.statusCode, 422, `« ${price} » is refused`);
    assert.match(text(refused.body), message);
    assert.ok(refused.body.includes(`id="champ-prix-${lineId}"`) && (price === '' || refused.body.includes(`value="${price}"`)), 'the typed price is kept in its field');
    assert.match(refused.body, new RegExp(`href="#champ-prix-${lineId}"`), 'the summary links to the field');
  }
  const other = await orderWithEstimate(null);
  assert.equal((await concierge.post(`${url}/lignes/${other.lineId}/prix`, { price: '10' }, url)).statusCode, 404, 'a line of another order');
  assert.equal((await concierge.post(`/gestion/commandes/${newId()}/lignes/${lineId}/prix`, { price: '10' }, url)).statusCode, 404);
  const offerLine = await ctx.db.selectFrom('order_lines').select('id').where('order_id', '=', orderId).where('price_is_estimate', '=', 0).executeTakeFirstOrThrow();
  const fixed = await concierge.post(`${url}/lignes/${offerLine.id}/prix`, { price: '10' }, url);
  assert.equal(fixed.statusCode, 303, 'a catalogue price is not an estimate');
  assert.match(text((await concierge.get(url)).body), /Ce prix ne peut plus être confirmé/);

  await cancelOrder(ctx.db, ctx.config, CONCIERGE, orderId);
  assert.doesNotMatch(text((await concierge.get(url)).body), PRICE_FORM, 'no form on a cancelled order');
  const cancelled = await concierge.post(`${url}/lignes/${lineId}/prix`, { price: '10' }, url);
  assert.equal(cancelled.statusCode, 303);
  assert.match(text((await concierge.get(url)).body), /Ce prix ne peut plus être confirmé/);
  assert.equal(Number((await ctx.db.selectFrom('order_lines').select('price_is_estimate').where('id', '=', lineId).executeTakeFirstOrThrow()).price_is_estimate), 1);

  const resident = await makeResident(ctx.db, ctx.config);
  const agent = new Agent(ctx.app);
  await agent.login(resident.email, resident.password);
  assert.equal((await agent.post(`/gestion/commandes/${other.orderId}/lignes/${other.lineId}/prix`, { price: '1' }, '/compte')).statusCode, 404);
});

test('a bag with a price still estimated is not handed over until the price is confirmed', async () => {
  const { orderId, lineId, purchaseOrderId } = await orderWithEstimate(null);
  const po = await ctx.db.selectFrom('purchase_orders').select('shop_id').where('id', '=', purchaseOrderId).executeTakeFirstOrThrow();
  await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, purchaseOrderId);
  await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, purchaseOrderId, { storageLocation: 'E1', chilled: false });

  const formOf = (html: string) => ({
    key: /name="idempotency_key" value="([^"]+)"/.exec(html)![1],
    shown: /name="shown" value="([^"]*)"/.exec(html)![1],
    shownCents: /name="shown_cents" value="(\d+)"/.exec(html)![1],
  });
  const first = formOf((await concierge.get(`/gestion/comptoir/${orderId}`)).body);
  const refused = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: [purchaseOrderId], shown: first.shown, shown_cents: first.shownCents, payment: 'cash', idempotency_key: first.key });
  assert.equal(refused.statusCode, 422);
  assert.match(text(refused.body), /Le prix de « Fermeture éclair de 60 cm, bleu marine » est encore estimé/);
  assert.equal((await ctx.db.selectFrom('counter_payments').select('id').where('order_id', '=', orderId).execute()).length, 0);

  const url = `/gestion/commandes/${orderId}`;
  assert.equal((await concierge.post(`${url}/lignes/${lineId}/prix`, { price: '16' }, url)).statusCode, 303);
  const then = formOf((await concierge.get(`/gestion/comptoir/${orderId}`)).body);
  assert.equal(then.shownCents, String(2 * 1250 + 2 * 1600), 'the button now says the confirmed amount');
  const paid = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: [purchaseOrderId], shown: then.shown, shown_cents: then.shownCents, payment: 'cash', idempotency_key: then.key });
  assert.equal(paid.statusCode, 303);
  const payments = await ctx.db.selectFrom('counter_payments').select('amount_cents').where('order_id', '=', orderId).execute();
  assert.deepEqual(payments.map((payment) => Number(payment.amount_cents)), [5700]);
});
