// « Mes commandes »: the resident's orders and only theirs, cancelling while nothing is
// prepared (once, even when asked twice at once), and ordering the same again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { CONCIERGE, makeOrder, makePlace, makeResident, pause, setOfferPrice, type Resident } from '../helpers/orders.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { plain, visibleText } from '../helpers/text.ts';
const text = visibleText;

let ctx: TestApp;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
});

after(() => ctx.close());

async function loggedIn(resident: Resident): Promise<Agent> {
  const agent = new Agent(ctx.app);
  await agent.login(resident.email, resident.password);
  return agent;
}

async function bookedIn(orderId: string): Promise<number> {
  const order = await ctx.db.selectFrom('orders').select(['place_id', 'slot_start_at']).where('id', '=', orderId).executeTakeFirstOrThrow();
  const row = await ctx.db.selectFrom('slot_bookings').select('booked').where('place_id', '=', order.place_id).where('start_at', '=', order.slot_start_at).executeTakeFirst();
  return Number(row?.booked ?? 0);
}

const WEEKDAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';

test('« Mes commandes » titles each order by the day to collect it: the soonest first, then the past ones', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const later = await makeOrder(ctx.db, ctx.config, { resident: resident.account, placeId, shops: 2 });
  const sooner = await makeOrder(ctx.db, ctx.config, { resident: resident.account, placeId });
  const cancelled = await makeOrder(ctx.db, ctx.config, { resident: resident.account, placeId });
  // The order placed first is to be collected two days later than the one placed after it.
  const slot = await ctx.db.selectFrom('orders').select(['slot_start_at', 'slot_end_at']).where('id', '=', later.orderId).executeTakeFirstOrThrow();
  const twoDays = (iso: string) => new Date(Date.parse(iso) + 2 * 86_400_000).toISOString();
  await ctx.db.updateTable('orders').set({ slot_start_at: twoDays(slot.slot_start_at), slot_end_at: twoDays(slot.slot_end_at) }).where('id', '=', later.orderId).execute();
  const agent = await loggedIn(resident);
  await agent.post(`/compte/commandes/${cancelled.orderId}/annuler`, {});

  const page = await agent.get('/compte/commandes');
  assert.equal(page.statusCode, 200);
  const codes = await ctx.db.selectFrom('orders').select(['id', 'collection_code', 'status']).where('member_id', '=', resident.memberId).execute();
  assert.equal(codes.find((row) => row.id === cancelled.orderId)?.status, 'cancelled');
  for (const { collection_code: code } of codes) assert.ok(page.body.includes(code), code);
  const at = (id: string) => page.body.indexOf(`/compte/commandes/${id}"`);
  assert.ok(at(sooner.orderId) < at(later.orderId), 'the soonest slot first');
  assert.ok(at(later.orderId) < at(cancelled.orderId), 'upcoming orders before past ones');
  const seen = visibleText(page.body);
  assert.match(seen, /À venir .* Passées/);
  assert.match(seen, new RegExp(`À retirer ${WEEKDAY} \\d+(er)? [a-zéû]+( \\d{4})?, \\d+ h( \\d\\d)? – \\d+ h( \\d\\d)?`));
  assert.match(seen, new RegExp(`Annulée \\(prévue le ${WEEKDAY} \\d+`));
  assert.match(seen, /Commande enregistrée/);
  assert.match(seen, /Envoyée au commerce/);
  assert.doesNotMatch(seen, /Commande du /);

  const detail = visibleText((await agent.get(`/compte/commandes/${later.orderId}`)).body);
  assert.match(detail, new RegExp(`À retirer ${WEEKDAY}`));
  assert.match(detail, /Code de retrait/);
  assert.match(detail, /Annuler la commande/);
  assert.match(detail, /2 × Offre \d+/);
  assert.match(detail, /Au comptoir, au retrait/);
});

test('« Mon compte » opens on the next order to collect: when, where, what, the code and what is left to pay', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(resident);
  assert.doesNotMatch(visibleText((await agent.get('/compte')).body), /Votre prochaine commande/, 'nothing to collect, nothing shown');
  const next = await makeOrder(ctx.db, ctx.config, { resident: resident.account, placeId, shops: 2 });
  await makeOrder(ctx.db, ctx.config, { resident: resident.account, placeId });
  const order = await ctx.db.selectFrom('orders').select(['collection_code', 'total_cents']).where('id', '=', next.orderId).executeTakeFirstOrThrow();

  const page = await agent.get('/compte');
  assert.equal(page.statusCode, 200);
  const seen = visibleText(page.body);
  const panel = seen.slice(seen.indexOf('Votre prochaine commande'), seen.indexOf('Vos coordonnées'));
  assert.ok(seen.indexOf('Votre prochaine commande') < seen.indexOf('Vos coordonnées'), 'the next order comes before the details');
  assert.match(panel, new RegExp(`À retirer ${WEEKDAY} \\d+`));
  assert.match(panel, /Où Comptoir \d+ — /);
  assert.match(panel, /Quoi 2 articles chez .+ et .+/);
  assert.match(panel, new RegExp(`Code à donner au comptoir ${order.collection_code}`));
  assert.match(panel, new RegExp(`Reste à payer ${(order.total_cents / 100).toFixed(2).replace('.', ',')} €`));
  assert.match(panel, /Et 1 autre commande à venir\./);
  assert.ok(page.body.includes(`href="/compte/commandes/${next.orderId}"`), 'a link to the order');
});

test('another resident’s order does not exist for them: page, cancel and reorder all answer 404', async () => {
  const owner = await makeResident(ctx.db, ctx.config);
  const { orderId } = await makeOrder(ctx.db, ctx.config, { resident: owner.account, placeId });
  const other = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(other);
  assert.equal((await agent.get(`/compte/commandes/${orderId}`)).statusCode, 404);
  assert.equal((await agent.get(`/compte/commandes/${orderId}/annuler`)).statusCode, 404);
  assert.equal((await agent.post(`/compte/commandes/${orderId}/annuler`, {}, '/compte/commandes')).statusCode, 404);
  assert.equal((await agent.post(`/compte/commandes/${orderId}/recommander`, {}, '/compte/commandes')).statusCode, 404);
  const order = await ctx.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
  assert.equal(order.status, 'placed');
  assert.equal((await ctx.db.selectFrom('basket_lines').select('id').where('owner_key', '=', `account:${other.account.id}`).execute()).length, 0);
});

test('cancelling while nothing is prepared: every part cancelled, the slot given back, the shops told', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const { orderId, shopIds } = await makeOrder(ctx.db, ctx.config, { resident: resident.account, placeId: await makePlace(ctx.db), shops: 2 });
  assert.equal(await bookedIn(orderId), 1);
  const agent = await loggedIn(resident);
  assert.match((await agent.get(`/compte/commandes/${orderId}/annuler`)).body, /Oui, annuler la commande/);
  const response = await agent.post(`/compte/commandes/${orderId}/annuler`, {});
  assert.equal(response.statusCode, 303);
  assert.match(text((await agent.get(response.headers.location as string)).body), /Votre commande est annulée/);

  const order = await ctx.db.selectFrom('orders').select(['status', 'collection_code']).where('id', '=', orderId).executeTakeFirstOrThrow();
  assert.equal(order.status, 'cancelled');
  const parts = await ctx.db.selectFrom('purchase_orders').select('status').where('order_id', '=', orderId).execute();
  assert.deepEqual(parts.map((po) => po.status), ['cancelled', 'cancelled']);
  assert.equal(await bookedIn(orderId), 0);
  const shops = await ctx.db.selectFrom('shops').select('email').where('id', 'in', shopIds).execute();
  const told = await ctx.db.selectFrom('outbox').select('recipient').where('subject', '=', `Commande annulée — ${order.collection_code}`).execute();
  assert.deepEqual(told.map((mail) => mail.recipient).sort(), shops.map((shop) => shop.email).sort());
  const events = await ctx.db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).where('to_status', '=', 'cancelled').execute();
  assert.equal(events.length, 3);
  assert.ok(events.every((event) => event.account_id === resident.account.id));
});

test('two cancellations at once: one cancels, the other is told it is already done', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const { orderId } = await makeOrder(ctx.db, ctx.config, { resident: resident.account, placeId: await makePlace(ctx.db) });
  const agent = await loggedIn(resident);
  const token = await agent.csrfToken(`/compte/commandes/${orderId}/annuler`);
  const responses = await Promise.all([
    agent.post(`/compte/commandes/${orderId}/annuler`, { _csrf: token }),
    agent.post(`/compte/commandes/${orderId}/annuler`, { _csrf: token }),
  ]);
  assert.deepEqual(responses.map((response) => response.statusCode).sort(), [303, 422]);
  assert.match(responses.find((response) => response.statusCode === 422)!.body, /Cette commande est déjà annulée/);
  const cancellations = await ctx.db.selectFrom('order_events').select('id').where('order_id', '=', orderId).where('kind', '=', 'order_status').where('to_status', '=', 'cancelled').execute();
  assert.equal(cancellations.length, 1);
  assert.equal(await bookedIn(orderId), 0);
});

test('once a shop has accepted, the resident can no longer cancel', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const { orderId, shopIds } = await makeOrder(ctx.db, ctx.config, { resident: resident.account, placeId: await makePlace(ctx.db) });
  const [po] = await ctx.db.selectFrom('purchase_orders').select('id').where('order_id', '=', orderId).execute();
  await acceptPurchaseOrder(ctx.db, CONCIERGE, shopIds[0], po.id);
  const agent = await loggedIn(resident);
  const detail = text((await agent.get(`/compte/commandes/${orderId}`)).body);
  assert.match(detail, /En préparation/);
  assert.ok(!detail.includes('Annuler la commande'));
  assert.equal((await agent.get(`/compte/commandes/${orderId}/annuler`)).headers.location, `/compte/commandes/${orderId}`);
  const refused = await agent.post(`/compte/commandes/${orderId}/annuler`, {}, `/compte/commandes/${orderId}`);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /ne peut plus être annulée/);
  assert.equal(await bookedIn(orderId), 1);
});

test('« Commander à nouveau » puts the same offers back in the basket, at today’s prices', async () => {
  const shop = await makeShop(ctx.db);
  const kept = await makeOffer(ctx.db, shop, { title: 'Tapenade noire', priceCents: 650 });
  const paused = await makeOffer(ctx.db, shop, { title: 'Anchoïade', priceCents: 700 });
  const resident = await makeResident(ctx.db, ctx.config);
  const { orderId } = await makeOrder(ctx.db, ctx.config, {
    resident: resident.account,
    placeId,
    lines: [
      { offerId: kept, quantity: 3 },
      { offerId: paused, quantity: 1 },
    ],
  });
  await setOfferPrice(ctx.db, kept, 690);
  await pause(ctx.db, paused);
  const agent = await loggedIn(resident);
  const response = await agent.post(`/compte/commandes/${orderId}/recommander`, {}, `/compte/commandes/${orderId}`);
  assert.equal(response.headers.location, '/panier');
  const basket = text((await agent.get('/panier')).body);
  assert.match(basket, /1 ne sont plus proposés/);
  assert.match(plain(basket), /Total à payer : 20,70\s€/);
  const lines = await ctx.db.selectFrom('basket_lines').selectAll().where('owner_key', '=', `account:${resident.account.id}`).execute();
  assert.deepEqual(
    lines.map((line) => [line.offer_id, line.quantity, line.seen_price_cents]),
    [[kept, 3, 690]],
  );
});
