// The collection round and reception at the counter: shops in visiting order with their pick
// lists; a purchase order received is stored (shelf, chilled) and its order becomes « prête »
// when the last one is in, the member told once by mail with the code; wrong input is told
// next to the field; two clerks receiving the same bag at once move it once and mail once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { makePlace } from '../helpers/orders.ts';
import { makeRoundOrder, text, todayIn } from '../helpers/rounds.ts';
import { formatClock, formatDate } from '../../src/platform/clock.ts';
import { utcToLocal } from '../../src/places/index.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;
let placeId: string;
let concierge: Agent;

const ROUND = '/gestion/tournee';

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
  // The counter stands by the town hall; the round starts there.
  await ctx.db.updateTable('places').set({ latitude: 43.5151, longitude: 4.9895 }).execute();
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

const reception = (poId: string) => `${ROUND}/bons/${poId}/reception`;

async function poRow(id: string) {
  return ctx.db.selectFrom('purchase_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function orderRow(id: string) {
  return ctx.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function readyMails(code: string) {
  return ctx.db.selectFrom('outbox').selectAll().where('subject', '=', `Votre commande est prête — code ${code}`).execute();
}

async function memberEmail(memberId: string): Promise<string> {
  const email = `membre-${memberId.slice(-8)}@exemple.fr`;
  await ctx.db.updateTable('members').set({ email }).where('id', '=', memberId).execute();
  return email;
}

test('the round lists the shops nearest first, numbered, each with address, phone, hours and pick list', async () => {
  const far = await makeRoundOrder(ctx.db, ctx.config, placeId, [
    { tradeName: 'Cave du Castellan', latitude: 43.53, longitude: 4.97, offerTitle: 'Rosé des Baux' },
    { tradeName: 'Fromagerie Éric', latitude: 43.5155, longitude: 4.9899, offerTitle: 'Plateau de fromages' },
    { tradeName: 'Atelier sans adresse', latitude: null, longitude: null, offerTitle: 'Ceinture' },
  ]);
  const page = await concierge.get(ROUND);
  assert.equal(page.statusCode, 200);
  const body = text(page.body);
  assert.match(body, /Tournée de collecte du \p{L}+ \d{1,2} \p{L}+/u, 'a French date, accents included (décembre, février, août)');
  const positions = ['Fromagerie Éric', 'Cave du Castellan', 'Atelier sans adresse'].map((name) => body.indexOf(name));
  assert.ok(positions.every((position) => position > 0));
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'nearest first, the shop without position last');
  assert.match(body, new RegExp(`Bon ${far.code}`));
  assert.match(body, /2 × Plateau de fromages \( la pièce \)|2 × Plateau de fromages \(la pièce\)/);
  assert.match(body, /Horaires ce jour/);
  assert.match(plain(body), /04 42 00 00 00/);
  assert.match(body, /sans position sur la carte/);
  assert.equal((page.body.match(/<h1[ >]/g) ?? []).length, 1);
  // Each reception form has its own field ids.
  for (const po of far.purchaseOrders) assert.ok(page.body.includes(`id="rangement-${po.id}"`));

  const print = await concierge.get(`${ROUND}/imprimer`);
  assert.equal(print.statusCode, 200);
  assert.ok(!print.body.includes('class="nav-list"'), 'the sheet has no navigation');
  assert.match(text(print.body), /1\. Fromagerie Éric/);
  assert.ok(!print.body.includes('<form'), 'nothing to fill on screen');
});

test('receiving every purchase order makes the order « prête » and mails the member once, with code, place and amount', async () => {
  const member = await makeMember(ctx.db);
  const world = await makeRoundOrder(
    ctx.db,
    ctx.config,
    placeId,
    [
      { tradeName: 'Poissonnerie du Port', priceCents: 4500 },
      { tradeName: 'Boulangerie Sainte-Catherine', priceCents: 120 },
    ],
    { memberId: member },
  );
  const email = await memberEmail(member);
  const [fish, bread] = world.purchaseOrders;

  const first = await concierge.post(reception(fish.id), { storage_location: ' Frigo  2 ', chilled: 'on' }, ROUND);
  assert.equal(first.statusCode, 303);
  assert.equal(first.headers.location, ROUND);
  const stored = await poRow(fish.id);
  assert.deepEqual([stored.status, stored.storage_location, Number(stored.chilled)], ['collected', 'Frigo 2', 1]);
  assert.ok(stored.collected_at);
  assert.equal((await orderRow(world.orderId)).status, 'preparing', 'the bread is still at the shop');
  assert.equal((await readyMails(world.code)).length, 0);
  const flash = text((await concierge.get(ROUND)).body);
  assert.match(flash, new RegExp(`Bon ${world.code} reçu au comptoir, rangé en Frigo 2\\.`));
  assert.ok(!flash.includes(`id="rangement-${fish.id}"`), 'a received purchase order leaves the round');

  const second = await concierge.post(reception(bread.id), { storage_location: 'B3' }, ROUND);
  assert.equal(second.statusCode, 303);
  const order = await orderRow(world.orderId);
  assert.equal(order.status, 'ready');
  assert.ok(order.ready_at);
  assert.equal(Number((await poRow(bread.id)).chilled), 0);
  const mails = await readyMails(world.code);
  assert.equal(mails.length, 1);
  assert.equal(mails[0].recipient, email);
  assert.match(plain(mails[0].text_body), new RegExp(`Votre code de retrait : ${world.code}`));
  const booked = await ctx.db.selectFrom('orders').innerJoin('places', 'places.id', 'orders.place_id').select(['slot_start_at', 'slot_end_at', 'places.name']).where('orders.id', '=', world.orderId).executeTakeFirstOrThrow();
  const [start, end] = [booked.slot_start_at, booked.slot_end_at].map((at) => formatClock(utcToLocal(at, ctx.config.timeZone).time));
  assert.ok(mails[0].text_body.includes(`Retrait le ${formatDate(booked.slot_start_at, ctx.config.timeZone)}, de ${start} à ${end}, à ${booked.name} (12 rue Hôtel de Ville, 13800 Istres).`), mails[0].text_body);
  assert.match(plain(mails[0].text_body), /À régler au comptoir : 92,40\s€/);
  assert.match(plain(text((await concierge.get(ROUND)).body)), /La commande est complète : l’adhérent a reçu un courriel avec son code\./);

  // The history says who stored what where.
  const events = await ctx.db.selectFrom('order_events').selectAll().where('purchase_order_id', '=', fish.id).where('to_status', '=', 'collected').execute();
  assert.equal(events.length, 1);
  assert.equal(events[0].note, 'Rangé en Frigo 2, au frais');
  assert.match(events[0].actor_label, /\(concierge\)$/i);

  // The board shows where each bag is, the chilled one clearly.
  const board = await concierge.get('/gestion/aujourdhui');
  const boardText = text(board.body);
  assert.match(boardText, /Arrivé au comptoir/);
  assert.match(boardText, new RegExp(`Frigo 2 Au frais ${world.code}`));
  assert.match(boardText, new RegExp(`B3 ${world.code}`));
});

test('a purchase order still « acceptée » is received directly; one still « envoyée » is refused', async () => {
  const world = await makeRoundOrder(ctx.db, ctx.config, placeId, [
    { tradeName: 'Chocolaterie Lune', status: 'accepted' },
    { tradeName: 'Librairie du Cours', status: 'sent' },
  ]);
  const [chocolate, books] = world.purchaseOrders;
  const page = text((await concierge.get(ROUND)).body);
  assert.match(page, /Le commerce n’a pas encore accepté ce bon/);

  const accepted = await concierge.post(reception(chocolate.id), { storage_location: 'A1' }, ROUND);
  assert.equal(accepted.statusCode, 303);
  assert.equal((await poRow(chocolate.id)).status, 'collected');

  const sent = await concierge.post(reception(books.id), { storage_location: 'A2' }, ROUND);
  assert.equal(sent.statusCode, 422);
  assert.match(plain(text(sent.body)), /ne peut pas être reçu : le commerce ne l’a pas encore accepté/);
  assert.equal((await poRow(books.id)).status, 'sent');
});

test('bad input: a French message next to the field, what was typed kept, nothing moved', async () => {
  const world = await makeRoundOrder(ctx.db, ctx.config, placeId, [{ tradeName: 'Cordonnerie Martin' }]);
  const [po] = world.purchaseOrders;

  const empty = await concierge.post(reception(po.id), { storage_location: '', chilled: 'on' }, ROUND);
  assert.equal(empty.statusCode, 422);
  assert.ok(empty.body.includes(`id="erreur-rangement-${po.id}"`), 'the error sits by this purchase order’s field');
  assert.match(text(empty.body), /Ce champ est obligatoire\./);
  assert.match(empty.body, new RegExp(`id="frais-${po.id}" name="chilled" type="checkbox" checked`));

  const spaces = await concierge.post(reception(po.id), { storage_location: '    ' }, ROUND);
  assert.equal(spaces.statusCode, 422);
  assert.match(text(spaces.body), /Indiquez où le sac est rangé, par exemple B3\./);

  const long = await concierge.post(reception(po.id), { storage_location: 'Étagère du fond à gauche' }, ROUND);
  assert.equal(long.statusCode, 422);
  assert.match(plain(text(long.body)), /Ce texte est trop long : 20 caractères au plus\./);
  assert.ok(long.body.includes('value="Étagère du fond à gauche"'), 'the typed value is kept');

  const extra = await concierge.post(reception(po.id), { storage_location: 'B3', status: 'handed_over' }, ROUND);
  assert.equal(extra.statusCode, 422);
  assert.match(text(extra.body), /champ inattendu/);

  assert.equal((await poRow(po.id)).status, 'ready');

  assert.equal((await concierge.post(reception('00000000-0000-7000-8000-000000000000'), { storage_location: 'B3' }, ROUND)).statusCode, 404);
  assert.equal((await concierge.post(`${ROUND}/bons/pas-un-id/reception`, { storage_location: 'B3' }, ROUND)).statusCode, 404);
  assert.equal((await concierge.get(`${ROUND}?date=2026-02-30`)).statusCode, 404);
  assert.equal((await concierge.get(`${ROUND}?date=demain`)).statusCode, 400);
});

test('received by another clerk meanwhile: told so in French, no second move, no second mail', async () => {
  const member = await makeMember(ctx.db);
  const world = await makeRoundOrder(ctx.db, ctx.config, placeId, [{ tradeName: 'Primeur des Salins' }], { memberId: member });
  await memberEmail(member);
  const [po] = world.purchaseOrders;
  const token = await concierge.csrfToken(ROUND);
  assert.equal((await concierge.post(reception(po.id), { storage_location: 'C1', _csrf: token })).statusCode, 303);
  const again = await concierge.post(reception(po.id), { storage_location: 'C2', _csrf: token });
  assert.equal(again.statusCode, 422);
  assert.match(text(again.body), /Ce bon de commande est déjà reçu au comptoir \(peut-être par un collègue\)/);
  assert.equal((await poRow(po.id)).storage_location, 'C1', 'the first clerk’s shelf stays');
  assert.equal((await readyMails(world.code)).length, 1);
});

test('two receptions of the same purchase order at once: one move, one mail', async () => {
  const member = await makeMember(ctx.db);
  const world = await makeRoundOrder(ctx.db, ctx.config, placeId, [{ tradeName: 'Caviste des Heures Claires' }], { memberId: member });
  await memberEmail(member);
  const [po] = world.purchaseOrders;
  const other = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await other.login(account.email, account.password);
  const [tokenA, tokenB] = [await concierge.csrfToken(ROUND), await other.csrfToken(ROUND)];
  const responses = await Promise.all([
    concierge.post(reception(po.id), { storage_location: 'D1', _csrf: tokenA }),
    other.post(reception(po.id), { storage_location: 'D2', _csrf: tokenB }),
  ]);
  assert.deepEqual(responses.map((response) => response.statusCode).sort(), [303, 422]);
  const moves = await ctx.db.selectFrom('order_events').select('id').where('purchase_order_id', '=', po.id).where('to_status', '=', 'collected').execute();
  assert.equal(moves.length, 1);
  const readies = await ctx.db.selectFrom('order_events').select('id').where('order_id', '=', world.orderId).where('to_status', '=', 'ready').where('kind', '=', 'order_status').execute();
  assert.equal(readies.length, 1);
  assert.equal((await readyMails(world.code)).length, 1);
});

test('a member without e-mail: the order is ready, no mail, the concierge is told to call', async () => {
  const member = await makeMember(ctx.db, { email: null });
  const world = await makeRoundOrder(ctx.db, ctx.config, placeId, [{ tradeName: 'Mercerie Paulette' }], { memberId: member });
  const [po] = world.purchaseOrders;
  assert.equal((await concierge.post(reception(po.id), { storage_location: 'E4' }, ROUND)).statusCode, 303);
  assert.equal((await orderRow(world.orderId)).status, 'ready');
  assert.equal((await readyMails(world.code)).length, 0);
  assert.match(text((await concierge.get(ROUND)).body), /n’a pas d’adresse e-mail, appelez-le/);
});

test('another day’s round: tomorrow’s purchase orders are not on today’s round, and show on tomorrow’s', async () => {
  const today = todayIn(ctx.config);
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const world = await makeRoundOrder(ctx.db, ctx.config, placeId, [{ tradeName: 'Épicerie de demain' }], { date: tomorrow });
  assert.ok(!text((await concierge.get(ROUND)).body).includes('Épicerie de demain'));
  const next = await concierge.get(`${ROUND}?date=${tomorrow}`);
  assert.equal(next.statusCode, 200);
  assert.match(text(next.body), /Épicerie de demain/);
  // Received from tomorrow's page, the concierge comes back to it.
  const [po] = world.purchaseOrders;
  const received = await concierge.post(reception(po.id), { storage_location: 'F1', date: tomorrow }, `${ROUND}?date=${tomorrow}`);
  assert.equal(received.statusCode, 303);
  assert.equal(received.headers.location, `${ROUND}?date=${tomorrow}`);
});
