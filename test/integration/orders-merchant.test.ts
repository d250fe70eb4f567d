// The merchant's purchase orders: lists with the round's time, accept, refuse a line (the
// totals change, the member is told, the history shows it), mark ready; a merchant of
// another shop gets 404 on every purchase-order route; the concierge acts for any shop.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOrder, makePlace, makeResident } from '../helpers/orders.ts';
import { visibleText as text, plain } from '../helpers/text.ts';

let ctx: TestApp;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
});

after(() => ctx.close());

interface World {
  shopId: string;
  merchant: Agent;
  orderId: string;
  poId: string;
  lineIds: string[];
  code: string;
  residentEmail: string;
}

/** A shop with its merchant logged in, and an order with two of its offers (and one line of another shop). */
async function world(): Promise<World> {
  const shopId = await makeShop(ctx.db, { tradeName: 'Poissonnerie du Port' });
  const other = await makeShop(ctx.db);
  const account = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId });
  const tray = await makeOffer(ctx.db, shopId, { title: 'Plateau de fruits de mer pour 4', priceCents: 4500 });
  const mussels = await makeOffer(ctx.db, shopId, { title: 'Moules de Bouzigues', priceCents: 800 });
  const bread = await makeOffer(ctx.db, other, { title: 'Baguette', priceCents: 120 });
  const resident = await makeResident(ctx.db, ctx.config);
  const { orderId } = await makeOrder(ctx.db, ctx.config, {
    resident: resident.account,
    placeId,
    lines: [
      { offerId: tray, quantity: 1 },
      { offerId: mussels, quantity: 2 },
      { offerId: bread, quantity: 2 },
    ],
  });
  const po = await ctx.db.selectFrom('purchase_orders').select('id').where('order_id', '=', orderId).where('shop_id', '=', shopId).executeTakeFirstOrThrow();
  const lines = await ctx.db.selectFrom('order_lines').select('id').where('purchase_order_id', '=', po.id).orderBy('position').execute();
  const order = await ctx.db.selectFrom('orders').select('collection_code').where('id', '=', orderId).executeTakeFirstOrThrow();
  const merchant = new Agent(ctx.app);
  await merchant.login(account.email, account.password);
  return { shopId, merchant, orderId, poId: po.id, lineIds: lines.map((line) => line.id), code: order.collection_code, residentEmail: resident.email };
}

async function statusOf(poId: string) {
  const po = await ctx.db.selectFrom('purchase_orders').select(['status', 'total_cents', 'order_id']).where('id', '=', poId).executeTakeFirstOrThrow();
  const order = await ctx.db.selectFrom('orders').select(['status', 'total_cents']).where('id', '=', po.order_id).executeTakeFirstOrThrow();
  return { po: po.status, poTotal: po.total_cents, order: order.status, orderTotal: order.total_cents };
}

test('the merchant sees what to prepare, with the time the round comes by', async () => {
  const w = await world();
  const list = await w.merchant.get(`/boutique/${w.shopId}/commandes`);
  assert.equal(list.statusCode, 200);
  const page = text(list.body);
  assert.match(page, /Commandes à préparer — Poissonnerie du Port/);
  assert.match(page, /À préparer \(1\)/);
  assert.ok(list.body.includes(`/boutique/${w.shopId}/commandes/${w.poId}`));
  assert.match(plain(page), /\d{1,2} h( \d{2})?/);
  assert.match(page, /61,00\s€/);

  const detail = text((await w.merchant.get(`/boutique/${w.shopId}/commandes/${w.poId}`)).body);
  assert.match(detail, new RegExp(`Bon de commande ${w.code}`));
  assert.match(detail, /La tournée de collecte passe le chercher le/);
  assert.match(detail, /1 × Plateau de fruits de mer pour 4/);
  assert.match(detail, /2 × Moules de Bouzigues/);
  assert.ok(!detail.includes('Baguette'), 'another shop’s line is not shown');
});

test('accept, then mark ready: the order follows, the lists move, the history says who', async () => {
  const w = await world();
  const accept = await w.merchant.post(`/boutique/${w.shopId}/commandes/${w.poId}/accepter`, {}, `/boutique/${w.shopId}/commandes/${w.poId}`);
  assert.equal(accept.statusCode, 303);
  assert.deepEqual(await statusOf(w.poId), { po: 'accepted', poTotal: 6100, order: 'preparing', orderTotal: 6340 });
  const ready = await w.merchant.post(`/boutique/${w.shopId}/commandes/${w.poId}/prete`, {}, `/boutique/${w.shopId}/commandes/${w.poId}`);
  assert.equal(ready.statusCode, 303);
  assert.equal((await statusOf(w.poId)).po, 'ready');
  assert.match(text((await w.merchant.get(`/boutique/${w.shopId}/commandes?liste=pretes`)).body), /Prêtes \(1\)/);
  const events = await ctx.db.selectFrom('order_events').selectAll().where('purchase_order_id', '=', w.poId).orderBy('at').orderBy('id').execute();
  assert.deepEqual(
    events.map((event) => [event.from_status, event.to_status]),
    [
      [null, 'sent'],
      ['sent', 'accepted'],
      ['accepted', 'ready'],
    ],
  );
  assert.match(events[1].actor_label, /\(commerçant\)$/);
  // Marking ready twice is refused, not repeated.
  const again = await w.merchant.post(`/boutique/${w.shopId}/commandes/${w.poId}/prete`, {}, `/boutique/${w.shopId}/commandes/${w.poId}`);
  assert.equal(again.statusCode, 422);
});

test('two accepts at once: one moves the purchase order, the other is told it changed', async () => {
  const w = await world();
  const token = await w.merchant.csrfToken(`/boutique/${w.shopId}/commandes/${w.poId}`);
  const url = `/boutique/${w.shopId}/commandes/${w.poId}/accepter`;
  const responses = await Promise.all([w.merchant.post(url, { _csrf: token }), w.merchant.post(url, { _csrf: token })]);
  assert.deepEqual(responses.map((response) => response.statusCode).sort(), [303, 422]);
  const accepts = await ctx.db.selectFrom('order_events').select('id').where('purchase_order_id', '=', w.poId).where('to_status', '=', 'accepted').execute();
  assert.equal(accepts.length, 1);
});

test('refusing a line: the totals change, the member is told, the concierge sees why', async () => {
  const w = await world();
  const form = await w.merchant.get(`/boutique/${w.shopId}/commandes/${w.poId}/lignes/${w.lineIds[1]}/refuser`);
  assert.match(plain(text(form.body)), /Refuser « Moules de Bouzigues »/);
  const response = await w.merchant.post(`/boutique/${w.shopId}/commandes/${w.poId}/lignes/${w.lineIds[1]}/refuser`, { reason: 'out_of_stock', note: 'retour mardi' });
  assert.equal(response.statusCode, 303);
  assert.deepEqual(await statusOf(w.poId), { po: 'sent', poTotal: 4500, order: 'placed', orderTotal: 4740 });
  const line = await ctx.db.selectFrom('order_lines').selectAll().where('id', '=', w.lineIds[1]).executeTakeFirstOrThrow();
  assert.deepEqual([line.status, line.refusal_reason, line.refusal_note], ['refused', 'out_of_stock', 'retour mardi']);

  const mail = await ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', w.residentEmail).where('subject', '=', 'Un article de votre commande ne pourra pas être fourni').executeTakeFirstOrThrow();
  assert.match(mail.text_body, /Poissonnerie du Port ne peut pas fournir\s:\n2 × Moules de Bouzigues — 16,00\s€\nRaison\s: Rupture de stock\s: retour mardi\./);
  assert.match(plain(mail.text_body), /Nouveau total : 47,40\s€/);

  const concierge = await makeAccount(ctx.db, ctx.config, 'concierge');
  const agent = new Agent(ctx.app);
  await agent.login(concierge.email, concierge.password);
  const record = text((await agent.get(`/gestion/commandes/${w.orderId}`)).body);
  assert.match(plain(record), /Poissonnerie du Port refuse : 2 × Moules de Bouzigues — Rupture de stock : retour mardi/);

  // The same line again is refused, not counted twice.
  const again = await w.merchant.post(`/boutique/${w.shopId}/commandes/${w.poId}/lignes/${w.lineIds[1]}/refuser`, { reason: 'other' }, `/boutique/${w.shopId}/commandes/${w.poId}`);
  assert.equal(again.statusCode, 404);
  assert.equal((await statusOf(w.poId)).orderTotal, 4740);
});

test('a purchase order with every line refused is refused; an order with nothing left is cancelled and its slot freed', async () => {
  const shopId = await makeShop(ctx.db);
  const account = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId });
  const offer = await makeOffer(ctx.db, shopId, { priceCents: 2000 });
  const place = await makePlace(ctx.db);
  const { orderId } = await makeOrder(ctx.db, ctx.config, { placeId: place, lines: [{ offerId: offer, quantity: 1 }] });
  const po = await ctx.db.selectFrom('purchase_orders').select('id').where('order_id', '=', orderId).executeTakeFirstOrThrow();
  const line = await ctx.db.selectFrom('order_lines').select('id').where('order_id', '=', orderId).executeTakeFirstOrThrow();
  const merchant = new Agent(ctx.app);
  await merchant.login(account.email, account.password);
  await merchant.post(`/boutique/${shopId}/commandes/${po.id}/lignes/${line.id}/refuser`, { reason: 'not_in_time' }, `/boutique/${shopId}/commandes/${po.id}`);
  assert.deepEqual(await statusOf(po.id), { po: 'refused', poTotal: 0, order: 'cancelled', orderTotal: 0 });
  const booking = await ctx.db.selectFrom('slot_bookings').select('booked').where('place_id', '=', place).executeTakeFirstOrThrow();
  assert.equal(booking.booked, 0);
});

test('a bad refusal form keeps what was typed and says what is wrong', async () => {
  const w = await world();
  const url = `/boutique/${w.shopId}/commandes/${w.poId}/lignes/${w.lineIds[0]}/refuser`;
  const response = await w.merchant.post(url, { reason: 'because', note: 'plus de homard' }, url);
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /Choisissez une des valeurs proposées/);
  assert.match(response.body, /value="plus de homard"/);
  assert.equal((await ctx.db.selectFrom('order_lines').select('status').where('id', '=', w.lineIds[0]).executeTakeFirstOrThrow()).status, 'ordered');
});

test('a merchant of another shop gets 404 on every purchase-order route; the concierge may act', async () => {
  const w = await world();
  const foreignShop = await makeShop(ctx.db);
  const foreignAccount = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: foreignShop });
  const foreign = new Agent(ctx.app);
  await foreign.login(foreignAccount.email, foreignAccount.password);
  const token = await foreign.csrfToken(`/boutique/${foreignShop}/commandes`);
  const base = `/boutique/${w.shopId}/commandes`;
  const line = `${base}/${w.poId}/lignes/${w.lineIds[0]}/refuser`;
  const attempts: Array<[string, () => Promise<{ statusCode: number }>]> = [
    ['list', () => foreign.get(base)],
    ['ready list', () => foreign.get(`${base}?liste=pretes`)],
    ['detail', () => foreign.get(`${base}/${w.poId}`)],
    ['accept', () => foreign.post(`${base}/${w.poId}/accepter`, { _csrf: token })],
    ['ready', () => foreign.post(`${base}/${w.poId}/prete`, { _csrf: token })],
    ['refuse form', () => foreign.get(line)],
    ['refuse', () => foreign.post(line, { _csrf: token, reason: 'out_of_stock' })],
    // Its own shop in the path does not open another shop's purchase order either.
    ['own shop, foreign order', () => foreign.get(`/boutique/${foreignShop}/commandes/${w.poId}`)],
    ['own shop, foreign accept', () => foreign.post(`/boutique/${foreignShop}/commandes/${w.poId}/accepter`, { _csrf: token })],
    ['own shop, foreign refuse', () => foreign.post(`/boutique/${foreignShop}/commandes/${w.poId}/lignes/${w.lineIds[0]}/refuser`, { _csrf: token, reason: 'out_of_stock' })],
  ];
  for (const [name, attempt] of attempts) assert.equal((await attempt()).statusCode, 404, name);
  assert.deepEqual((await statusOf(w.poId)).po, 'sent');

  const resident = await makeResident(ctx.db, ctx.config);
  const residentAgent = new Agent(ctx.app);
  await residentAgent.login(resident.email, resident.password);
  assert.equal((await residentAgent.get(`${base}/${w.poId}`)).statusCode, 404);

  const concierge = await makeAccount(ctx.db, ctx.config, 'concierge');
  const agent = new Agent(ctx.app);
  await agent.login(concierge.email, concierge.password);
  assert.equal((await agent.get(`${base}/${w.poId}`)).statusCode, 200);
  assert.equal((await agent.post(`${base}/${w.poId}/accepter`, {}, `${base}/${w.poId}`)).statusCode, 303);
  assert.equal((await statusOf(w.poId)).po, 'accepted');
  const event = await ctx.db.selectFrom('order_events').select('actor_label').where('purchase_order_id', '=', w.poId).where('to_status', '=', 'accepted').executeTakeFirstOrThrow();
  assert.match(event.actor_label, /\(concierge\)$/);
});
