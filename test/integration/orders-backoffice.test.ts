// The concierge's orders: a paginated list filtered by status, one order with its lines,
// purchase orders and history; nobody else reaches these pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeMember } from '../helpers/members.ts';
import { CONCIERGE, firstSlot, makeOrder, makePlace, makeResident } from '../helpers/orders.ts';
import { addFreeTextLine, cancelOrder, placeOrder, type Buyer } from '../../src/orders/index.ts';
import { visibleText as text } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
let placeId: string;
const ROWS = /<tr>\s*<th scope="row"><a href="\/gestion\/commandes\/[0-9a-f-]+"/g;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

test('the list: newest first, 20 a page, filtered by status', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db));
  const made = [];
  for (let index = 0; index < 22; index += 1) made.push(await makeOrder(ctx.db, ctx.config, { placeId, lines: [{ offerId: offer, quantity: 1 }] }));
  await cancelOrder(ctx.db, ctx.config, CONCIERGE, made[0].orderId);

  const first = await concierge.get('/gestion/commandes');
  assert.equal(first.statusCode, 200);
  assert.equal(first.body.match(ROWS)?.length, 20);
  assert.ok(first.body.includes(`/gestion/commandes/${made[21].orderId}"`), 'the newest on the first page');
  assert.match(text(first.body), /Page 1 sur 2/);
  const second = await concierge.get('/gestion/commandes?page=2');
  assert.equal(second.body.match(ROWS)?.length, 2);
  assert.ok(second.body.includes(`/gestion/commandes/${made[0].orderId}"`));
  assert.equal((await concierge.get('/gestion/commandes?page=3')).statusCode, 404);

  const cancelled = await concierge.get('/gestion/commandes?etat=cancelled');
  assert.equal(cancelled.body.match(ROWS)?.length, 1);
  assert.ok(cancelled.body.includes(`/gestion/commandes/${made[0].orderId}"`));
  assert.equal((await concierge.get('/gestion/commandes?etat=nimporte')).statusCode, 400);
});

test('one order: member, lines, purchase orders and the history with who and when', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const { orderId } = await makeOrder(ctx.db, ctx.config, { resident: resident.account, placeId, shops: 2 });
  const page = await concierge.get(`/gestion/commandes/${orderId}`);
  assert.equal(page.statusCode, 200);
  const body = text(page.body);
  const order = await ctx.db.selectFrom('orders').select('collection_code').where('id', '=', orderId).executeTakeFirstOrThrow();
  assert.match(body, new RegExp(`Commande ${order.collection_code}`));
  assert.match(body, /MARTIN\d+ Lucie/);
  assert.match(body, /Site/);
  assert.match(body, /Commande enregistrée/);
  assert.match(body, /Bon envoyé à Boutique \d+/);
  assert.match(body, new RegExp(`${resident.account.displayName} \\(adhérent\\)`));
  assert.equal((body.match(/Ouvrir le bon de/g) ?? []).length, 2);
  // The history reads in the order things happened, even within one millisecond.
  const history = body.slice(body.indexOf('Historique'));
  assert.ok(history.indexOf('Commande enregistrée') < history.indexOf('Bon envoyé'));
});

test('a phone order with a free-text line: no offer, an estimated price, the channel recorded', async () => {
  const shopId = await makeShop(ctx.db, { tradeName: 'Librairie du Cours', email: 'librairie@cours.example' });
  const memberId = await makeMember(ctx.db, { email: 'odette@exemple.fr', firstName: 'Odette', lastName: 'Roux' });
  const buyer: Buyer = { ownerKey: `member:${memberId}`, memberId, channel: 'telephone' };
  await addFreeTextLine(ctx.db, buyer.ownerKey, { shopId, title: 'Le dernier roman de Pagnol en gros caractères', quantity: 1, estimatedPriceCents: 1800 });
  const slot = await firstSlot(ctx.db, ctx.config, CONCIERGE, buyer, placeId);
  const orderId = await placeOrder(ctx.db, ctx.config, CONCIERGE, buyer, { placeId, slotStartAt: slot.startAt, paymentMethod: 'at_counter' }, 'cle-telephone-0001');
  const line = await ctx.db.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();
  assert.deepEqual([line.offer_id, line.price_is_estimate, line.unit_price_cents, line.total_cents], [null, 1, 1800, 1800]);
  const order = await ctx.db.selectFrom('orders').select(['channel', 'placed_by_account_id']).where('id', '=', orderId).executeTakeFirstOrThrow();
  assert.deepEqual([order.channel, order.placed_by_account_id], ['telephone', CONCIERGE.id]);
  const mail = await ctx.db.selectFrom('outbox').select('text_body').where('recipient', '=', 'odette@exemple.fr').executeTakeFirstOrThrow();
  assert.match(mail.text_body, /1 × Le dernier roman de Pagnol en gros caractères — environ 18,00\s€ \(prix à confirmer\)/);
  const record = text((await concierge.get(`/gestion/commandes/${orderId}`)).body);
  assert.match(record, /Téléphone/);
  assert.match(record, /prix estimé/);
  // A resident cannot order with someone else's basket or for another member.
  const resident = await makeResident(ctx.db, ctx.config);
  await assert.rejects(placeOrder(ctx.db, ctx.config, resident.account, buyer, { placeId, slotStartAt: slot.startAt, paymentMethod: 'at_counter' }, 'cle-telephone-0002'), /not_found/);
});

test('residents and merchants do not reach the concierge’s orders', async () => {
  const { orderId, shopIds } = await makeOrder(ctx.db, ctx.config, { placeId });
  const resident = await makeResident(ctx.db, ctx.config);
  const merchant = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: shopIds[0] });
  for (const account of [resident, merchant]) {
    const agent = new Agent(ctx.app);
    await agent.login(account.email, account.password);
    assert.equal((await agent.get('/gestion/commandes')).statusCode, 404);
    assert.equal((await agent.get(`/gestion/commandes/${orderId}`)).statusCode, 404);
  }
  const visitor = new Agent(ctx.app);
  assert.equal((await visitor.get('/gestion/commandes')).headers.location, '/connexion?retour=%2Fgestion%2Fcommandes');
});
