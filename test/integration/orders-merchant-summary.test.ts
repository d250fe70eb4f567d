// What waits at the shop, on top of the merchant's pages: how many purchase orders to prepare
// (plural rules, never « commande(s) »), when the round comes by — the round planned at
// checkout, or the next one the shop is open for when a planned round went by — the items of
// each order in the list, « Accepter » as a primary button that comes back to the list, and
// statuses in the shop's words. On a fixed clock: a Wednesday morning.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOrder, makePlace } from '../helpers/orders.ts';
import { visibleText } from '../helpers/text.ts';
import { formatDateTime } from '../../src/platform/clock.ts';

let ctx: TestApp;
let placeId: string;

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: '2026-12-02T08:00:00Z' });
  placeId = await makePlace(ctx.db);
});

after(() => ctx.close());

async function shopWithMerchant(tradeName: string): Promise<{ shopId: string; merchant: Agent; offerId: string }> {
  const shopId = await makeShop(ctx.db, { tradeName });
  const offerId = await makeOffer(ctx.db, shopId, { title: 'Tomme de chèvre', priceCents: 1950 });
  const account = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId });
  const merchant = new Agent(ctx.app);
  await merchant.login(account.email, account.password);
  return { shopId, merchant, offerId };
}

async function earliestRoundOf(shopId: string): Promise<string> {
  const row = await ctx.db.selectFrom('purchase_orders').select((eb) => eb.fn.min('collection_round_at').as('at')).where('shop_id', '=', shopId).executeTakeFirstOrThrow();
  return String(row.at);
}

test('the count of orders to prepare follows plural rules, with the planned round', async () => {
  const { shopId, merchant, offerId } = await shopWithMerchant('Fromagerie du Cours');
  const empty = visibleText((await merchant.get(`/boutique/${shopId}`)).body);
  assert.match(empty, /Aucune commande à préparer pour le moment\./);

  await makeOrder(ctx.db, ctx.config, { placeId, lines: [{ offerId, quantity: 2 }] });
  const round = formatDateTime(await earliestRoundOf(shopId), ctx.config.timeZone).replace(/\s+/g, ' ');
  const one = visibleText((await merchant.get(`/boutique/${shopId}`)).body);
  assert.ok(one.includes(`1 commande à préparer, la tournée passe ${round}.`), one.slice(0, 600));
  assert.match(one, /Dont 1 nouvelle commande qui attend votre réponse\./);

  await makeOrder(ctx.db, ctx.config, { placeId, lines: [{ offerId, quantity: 1 }] });
  const two = visibleText((await merchant.get(`/boutique/${shopId}/commandes`)).body);
  assert.match(two, /2 commandes à préparer, la tournée passe /);
  assert.match(two, /Dont 2 nouvelles commandes qui attendent votre réponse\./);
  assert.doesNotMatch(two, /commande\(s\)/);
});

test('a round that went by without an order: the next round the shop is open for is named', async () => {
  const { shopId, merchant, offerId } = await shopWithMerchant('Fromagerie de la Gare');
  await makeOrder(ctx.db, ctx.config, { placeId, lines: [{ offerId, quantity: 1 }] });
  // Planned for yesterday's round, which left without it.
  await ctx.db.updateTable('purchase_orders').set({ collection_round_at: '2026-12-01T09:30:00.000Z' }).where('shop_id', '=', shopId).execute();
  const page = visibleText((await merchant.get(`/boutique/${shopId}`)).body);
  // 08:00 UTC is 09:00 in Istres: today's 10:30 round leaves time to prepare (an hour's notice).
  assert.match(page, /1 commande à préparer, la tournée passe mercredi 2 décembre à 10 h 30\./);
  assert.doesNotMatch(page, /1er décembre|mardi/, 'not the round that went by');
});

test('the list shows each order’s items, its status in the shop’s words and a primary « Accepter » that comes back to the list', async () => {
  const { shopId, merchant, offerId } = await shopWithMerchant('Fromagerie des Salins');
  const other = await makeOffer(ctx.db, shopId, { title: 'Brousse du Rove', priceCents: 650 });
  const { orderId } = await makeOrder(ctx.db, ctx.config, { placeId, lines: [{ offerId, quantity: 2 }, { offerId: other, quantity: 1 }] });
  const po = await ctx.db.selectFrom('purchase_orders').select('id').where('order_id', '=', orderId).executeTakeFirstOrThrow();
  const list = await merchant.get(`/boutique/${shopId}/commandes`);
  const body = visibleText(list.body);
  assert.match(body, /2 × Tomme de chèvre/);
  assert.match(body, /1 × Brousse du Rove/);
  assert.match(body, /Nouvelle commande/);
  assert.match(body, /45,50 €/);
  assert.doesNotMatch(body, /Envoyée au commerce/);
  const form = new RegExp(`<form method="post" action="/boutique/${shopId}/commandes/${po.id}/accepter"[^>]*>[\\s\\S]*?<button type="submit" class="button">Accepter`);
  assert.match(list.body, form, 'a primary button, not a secondary one');

  const accepted = await merchant.post(`/boutique/${shopId}/commandes/${po.id}/accepter`, { retour: 'liste' }, `/boutique/${shopId}/commandes`);
  assert.equal(accepted.statusCode, 303);
  assert.equal(accepted.headers.location, `/boutique/${shopId}/commandes`);
  const after = await merchant.get(`/boutique/${shopId}/commandes`);
  assert.match(visibleText(after.body), /En préparation/);
  assert.match(after.body, /<button type="submit" class="button">Préparée/);
  const refused = await merchant.post(`/boutique/${shopId}/commandes/${po.id}/prete`, { retour: 'ailleurs' }, `/boutique/${shopId}/commandes`);
  assert.equal(refused.statusCode, 400, 'only the list is a place to come back to');
});

test('another shop’s home answers 404 to a merchant; the concierge sees it with its summary', async () => {
  const { merchant } = await shopWithMerchant('Fromagerie du Port');
  const { shopId: otherShop } = await shopWithMerchant('Cave du Port');
  assert.equal((await merchant.get(`/boutique/${otherShop}`)).statusCode, 404);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  const concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
  const page = await concierge.get(`/boutique/${otherShop}`);
  assert.equal(page.statusCode, 200);
  assert.match(visibleText(page.body), /Aucune commande à préparer pour le moment\./);
});
