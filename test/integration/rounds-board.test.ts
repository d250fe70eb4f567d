// The « Aujourd’hui » board: the round in brief, what is stored at the counter (chilled marked),
// who is expected in today's slots with phone and code, what is late; and who may see the
// concierge's day at all (merchants, residents, the town: 404; visitors: the login page).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { CONCIERGE, makePlace, makeResident } from '../helpers/orders.ts';
import { makeShop } from '../helpers/shops.ts';
import { localToUtc } from '../../src/places/index.ts';
import { todayBoard } from '../../src/rounds/index.ts';
import { makeRoundOrder, text, todayIn } from '../helpers/rounds.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;
let placeId: string;
let concierge: Agent;

const BOARD = '/gestion/aujourdhui';

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db, { name: 'Comptoir du centre' });
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

/** Puts an order's slot on a local date and time (the factory takes the first free one). */
async function slotOn(orderId: string, date: string, start: string, end: string): Promise<void> {
  const tz = ctx.config.timeZone;
  await ctx.db
    .updateTable('orders')
    .set({ slot_local_date: date, slot_start_at: localToUtc(date, start, tz)!, slot_end_at: localToUtc(date, end, tz)! })
    .where('id', '=', orderId)
    .execute();
}

test('an empty day says so in every section, with one h1 and an h2 per section', async () => {
  const page = await concierge.get(BOARD);
  assert.equal(page.statusCode, 200);
  const body = text(page.body);
  assert.match(body, /Aucun bon de commande à aller chercher aujourd’hui\./);
  assert.match(body, /Rien n’attend au comptoir\./);
  assert.match(body, /Personne n’a réservé de créneau aujourd’hui\./);
  assert.match(body, /Rien n’est en retard\./);
  assert.equal((page.body.match(/<h1[ >]/g) ?? []).length, 1);
  for (const title of ['Tournée de collecte', 'Arrivé au comptoir', 'Attendus aujourd’hui', 'En retard']) {
    assert.match(page.body, new RegExp(`<h2 id="[a-z]+">${title}`));
  }
});

test('the board: the round in brief, the counter, today’s slots with phone and code, what is late', async () => {
  const today = todayIn(ctx.config);
  const lucienne = await makeMember(ctx.db, { firstName: 'Lucienne', lastName: 'Arnaud', phone: '06 12 34 56 78' });
  // Late in the day, so that neither the round nor the slot has passed when the test runs.
  const waiting = await makeRoundOrder(ctx.db, ctx.config, placeId, [{ tradeName: 'Fromagerie Éric' }, { tradeName: 'Cave du Castellan', status: 'accepted' }], {
    memberId: lucienne,
    time: '23:40',
  });
  await slotOn(waiting.orderId, today, '23:45', '23:59');
  // One bag already in, in the fridge.
  const [cheese] = waiting.purchaseOrders;
  assert.equal((await concierge.post(`/gestion/tournee/bons/${cheese.id}/reception`, { storage_location: 'F1', chilled: 'on' }, '/gestion/tournee')).statusCode, 303);

  // Late: a purchase order whose round left two days ago and that the shop never marked ready,
  // and an order whose slot was yesterday, never collected.
  const twoDaysAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 2 * 86_400_000).toISOString().slice(0, 10);
  const stale = await makeRoundOrder(ctx.db, ctx.config, placeId, [{ tradeName: 'Librairie du Cours', status: 'sent' }], { date: twoDaysAgo });
  await slotOn(stale.orderId, twoDaysAgo, '12:00', '12:30');

  const page = await concierge.get(BOARD);
  assert.equal(page.statusCode, 200);
  const body = text(page.body);
  // The round: the cave (accepted) still to fetch, and the late bookshop.
  assert.match(plain(body), /2 commerces à visiter, 2 bons de commande \(0 prêt\)\./);
  assert.ok(page.body.includes('href="/gestion/tournee"'));
  assert.ok(page.body.includes('href="/gestion/tournee/imprimer"'));
  // The counter.
  assert.match(body, new RegExp(`Arrivé au comptoir \\(1\\) .*F1 Au frais ${waiting.code} Lucienne Arnaud Fromagerie Éric`));
  // Expected today, by slot, with phone (callable) and code.
  assert.match(plain(body), new RegExp(`Attendus aujourd’hui \\(1\\) .*de 23 h 45 à 23 h 59 Comptoir du centre Lucienne Arnaud 06 12 34 56 78 ${waiting.code} En préparation`));
  assert.ok(page.body.includes('href="tel:0612345678"'));
  // Late (what else is late depends on the hour the test runs: see the next test).
  assert.match(body, new RegExp(`Pas encore prêts chez le commerçant Librairie du Cours — bon ${stale.code}`));
  assert.match(body, new RegExp(`Créneau passé, commande pas encore remise .*${stale.code} Commande enregistrée`));

  // At noon, the evening's round and slot are not late yet; the stale ones are.
  const noon = await todayBoard(ctx.db, ctx.config, CONCIERGE, localToUtc(today, '12:00', ctx.config.timeZone)!);
  assert.deepEqual(
    noon.late.purchaseOrders.map((po) => po.collectionCode),
    [stale.code],
  );
  assert.deepEqual(
    noon.late.orders.map((order) => order.collectionCode),
    [stale.code],
  );
  assert.deepEqual(
    noon.expected.map((order) => [order.collectionCode, order.memberName, order.memberPhone, order.status]),
    [[waiting.code, 'Lucienne Arnaud', '06 12 34 56 78', 'preparing']],
  );
  // Just after midnight, the evening's slot has passed: the order is late too.
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const night = await todayBoard(ctx.db, ctx.config, CONCIERGE, localToUtc(tomorrow, '00:10', ctx.config.timeZone)!);
  assert.deepEqual(night.late.orders.map((order) => order.collectionCode).sort(), [stale.code, waiting.code].sort());
  assert.deepEqual(night.late.purchaseOrders.map((po) => po.collectionCode).sort(), [stale.code, waiting.code].sort());
});

test('only the concierge sees the day: others get 404, visitors the login page, and nothing is received', async () => {
  const shopId = await makeShop(ctx.db);
  const world = await makeRoundOrder(ctx.db, ctx.config, placeId, [{ tradeName: 'Poissonnerie du Port' }]);
  const [po] = world.purchaseOrders;
  const merchantAccount = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: po.shopId });
  const otherMerchant = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId });
  const town = await makeAccount(ctx.db, ctx.config, 'town');
  const resident = await makeResident(ctx.db, ctx.config);
  const pages = ['/gestion/aujourdhui', '/gestion/tournee', '/gestion/tournee/imprimer', `/gestion/tournee?date=${todayIn(ctx.config)}`];

  for (const [label, email, password] of [
    ['merchant of the shop', merchantAccount.email, merchantAccount.password],
    ['merchant of another shop', otherMerchant.email, otherMerchant.password],
    ['town', town.email, town.password],
    ['resident', resident.email, resident.password],
  ] as const) {
    const agent = new Agent(ctx.app);
    await agent.login(email, password);
    for (const url of pages) assert.equal((await agent.get(url)).statusCode, 404, `${label} on ${url}`);
    const token = await agent.csrfToken('/');
    const post = await agent.post(`/gestion/tournee/bons/${po.id}/reception`, { storage_location: 'Z9', _csrf: token });
    assert.equal(post.statusCode, 404, `${label} receiving`);
  }

  const visitor = new Agent(ctx.app);
  for (const url of pages) {
    const response = await visitor.get(url);
    assert.equal(response.statusCode, 303, url);
    assert.match(String(response.headers.location), /^\/connexion\?retour=/);
  }
  const anonymousPost = await ctx.app.inject({
    method: 'POST',
    url: `/gestion/tournee/bons/${po.id}/reception`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'storage_location=Z9',
  });
  assert.ok([303, 403].includes(anonymousPost.statusCode), `anonymous post answered ${anonymousPost.statusCode}`);

  const row = await ctx.db.selectFrom('purchase_orders').select(['status', 'storage_location']).where('id', '=', po.id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'ready', storage_location: null });
});
