// The concierge at the lunch rush, on Thursday 3 December 2026 at 12 h 41 in Istres: the counter
// opens on its search box (focused), then « Maintenant : 12 h 30 – 13 h », « En retard » and
// « Plus tard » with the right orders; outside opening hours it says when the counter opens.
// The staff bar counts the mails waiting and says when the page was made. A cash payment with
// « Somme reçue » gives the change. Nobody but the concierge gets in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { CONCIERGE, makeOrder, makePlace, makeResident } from '../helpers/orders.ts';
import { visibleText } from '../helpers/text.ts';
import { receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { localToUtc } from '../../src/places/index.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';

const LUNCH = '2026-12-03T11:41:00.000Z'; // 12 h 41, Europe/Paris
const TODAY = '2026-12-03';

let ctx: TestApp;
let concierge: Agent;
let placeId: string;

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: LUNCH });
  // The counter opens at lunch and in the evening, every day.
  const hours = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
    { weekday, opensAt: '12:00', closesAt: '14:00' },
    { weekday, opensAt: '18:00', closesAt: '19:00' },
  ]);
  placeId = await makePlace(ctx.db, { name: 'Comptoir de la mairie', hours });
  concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

interface Made {
  orderId: string;
  code: string;
}

/** An order of `lastName` collected in a slot of `date` from `from` to `to`, received at the counter on shelf `shelf` (or still at the shop). */
async function orderIn(lastName: string, date: string, from: string, to: string, options: { shelf?: string; priceCents?: number } = {}): Promise<Made> {
  const memberId = await makeMember(ctx.db, { firstName: 'Anne', lastName, phone: `06 11 22 33 ${String(lastName.length).padStart(2, '0')}` });
  const shopId = await makeShop(ctx.db);
  const offerId = await makeOffer(ctx.db, shopId, { priceCents: options.priceCents ?? 1250 });
  const { orderId } = await makeOrder(ctx.db, ctx.config, { placeId, memberId, lines: [{ offerId, quantity: 2 }] });
  const tz = ctx.config.timeZone;
  await ctx.db
    .updateTable('orders')
    .set({ slot_start_at: localToUtc(date, from, tz)!, slot_end_at: localToUtc(date, to, tz)!, slot_local_date: date })
    .where('id', '=', orderId)
    .execute();
  if (options.shelf) {
    const po = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', orderId).executeTakeFirstOrThrow();
    await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, po.id, { storageLocation: options.shelf, chilled: false });
  }
  const { collection_code: code } = await ctx.db.selectFrom('orders').select('collection_code').where('id', '=', orderId).executeTakeFirstOrThrow();
  return { orderId, code };
}

/** The text of one section of the board, by its heading's id. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `section ${id} is on the page`);
  const end = html.indexOf('</section>', start);
  return visibleText(html.slice(start, end));
}

async function newMail(status: 'new' | 'archived'): Promise<void> {
  const id = newId();
  const at = new Date().toISOString();
  await ctx.db
    .insertInto('inbound_mails')
    .values({ id, message_id: `<${id}@exemple.fr>`, from_address: 'x@exemple.fr', from_name: 'X', subject: 'Commande', body_text: 'Bonjour', received_at: at, fetched_at: at, status })
    .execute();
}

test('at 12 h 41 the counter lists « Maintenant », « En retard » and « Plus tard » in that order, each with its orders', async () => {
  startClockAt(LUNCH);
  const now = await orderIn('Maintenant', TODAY, '12:30', '13:00', { shelf: 'Étagère B1' });
  const earlier = await orderIn('Midi', TODAY, '12:00', '12:30', { shelf: 'Bac 3' });
  const yesterday = await orderIn('Hier', '2026-12-02', '18:00', '18:30');
  const later = await orderIn('Tantot', TODAY, '13:30', '14:00');
  const evening = await orderIn('Soir', TODAY, '18:00', '18:30');

  const page = await concierge.get('/gestion/comptoir');
  assert.equal(page.statusCode, 200);
  const html = page.body;
  assert.match(html, /<input[^>]*id="champ-q"[^>]*autofocus/, 'the search box is focused when the page opens');
  const order = ['id="maintenant"', 'id="en-retard"', 'id="plus-tard"'].map((id) => html.indexOf(id));
  assert.ok(order[0] > html.indexOf('id="champ-q"') && order[0] < order[1] && order[1] < order[2], 'search, then now, late, later');

  const nowText = section(html, 'maintenant');
  assert.match(nowText, /Maintenant : 12 h 30 – 13 h/);
  assert.ok(nowText.includes(now.code) && nowText.includes('MAINTENANT Anne') && nowText.includes('Étagère B1'));
  assert.ok(html.includes(`href="/gestion/comptoir/${now.orderId}" class="button">Remettre`), 'a « Remettre » button starts the hand-over');
  for (const other of [earlier, yesterday, later, evening]) assert.ok(!nowText.includes(other.code));

  const lateText = section(html, 'en-retard');
  assert.match(lateText, /En retard \(2\)/);
  assert.ok(lateText.indexOf(earlier.code) >= 0 && lateText.indexOf(earlier.code) < lateText.indexOf(yesterday.code), 'today’s missed slot first, then yesterday’s');
  assert.ok(lateText.includes('Bac 3'));
  assert.match(lateText, /Pas encore arrivée au comptoir/);

  const laterText = section(html, 'plus-tard');
  assert.ok(laterText.indexOf(later.code) >= 0 && laterText.indexOf(later.code) < laterText.indexOf(evening.code));
  assert.ok(!laterText.includes(now.code));
});

test('outside opening hours « Maintenant » says the counter is closed and when it opens', async () => {
  startClockAt('2026-12-03T14:15:00.000Z'); // 15 h 15
  const afternoon = visibleText((await concierge.get('/gestion/comptoir')).body);
  assert.match(afternoon, /Maintenant : le comptoir est fermé/);
  assert.match(afternoon, /Il ouvre aujourd’hui à 18 h\./);
  startClockAt('2026-12-03T19:30:00.000Z'); // 20 h 30
  assert.match(visibleText((await concierge.get('/gestion/comptoir')).body), /Il ouvre demain à 12 h\./);
  startClockAt(LUNCH);
});

test('the staff bar counts the new mails and says when the page was made, with a link to refresh it', async () => {
  startClockAt(LUNCH);
  await newMail('new');
  await newMail('new');
  await newMail('archived');
  const page = await concierge.get('/gestion/commandes?etat=ready');
  const bar = visibleText(page.body.slice(page.body.indexOf('class="staff-bar"'), page.body.indexOf('</nav>', page.body.indexOf('class="staff-bar"'))));
  assert.match(bar, /Courriels \(2\)/);
  assert.match(bar, /Actualisé à 12 h 4[1-3]/);
  assert.match(page.body, /<a href="\/gestion\/commandes\?etat=ready">Actualiser<\/a>/);
});

test('cash: « Somme reçue » 50,00 € for 46,40 € gives « À rendre : 3,60 € »; too little is refused next to the field', async () => {
  startClockAt(LUNCH);
  const { orderId } = await orderIn('Monnaie', TODAY, '12:30', '13:00', { shelf: 'Étagère C2', priceCents: 2320 });
  const form = (await concierge.get(`/gestion/comptoir/${orderId}`)).body;
  assert.match(visibleText(form), /Remettre et encaisser 46,40 €/);
  assert.match(visibleText(form), /Somme reçue \(facultatif\)/);
  const fields = {
    bons: /name="shown" value="([^"]+)"/.exec(form)![1],
    shown: /name="shown" value="([^"]+)"/.exec(form)![1],
    shown_cents: '4640',
    payment: 'cash',
    idempotency_key: /name="idempotency_key" value="([^"]+)"/.exec(form)![1],
  };

  const short = await concierge.post(`/gestion/comptoir/${orderId}`, { ...fields, received: '40' });
  assert.equal(short.statusCode, 422);
  assert.match(visibleText(short.body), /La somme reçue \(40,00 €\) ne couvre pas les 46,40 € à encaisser/);
  assert.match(short.body, /id="erreur-received"/);
  assert.equal((await ctx.db.selectFrom('counter_payments').select('id').where('order_id', '=', orderId).execute()).length, 0);

  const paid = await concierge.post(`/gestion/comptoir/${orderId}`, { ...fields, received: '50,00' });
  assert.equal(paid.statusCode, 303);
  const receipt = visibleText((await concierge.get(paid.headers.location as string)).body);
  assert.match(receipt, /Somme reçue : 50,00 €\. À rendre : 3,60 €/);
  assert.match(receipt, /Encaissé : 46,40 € — Espèces/);
});

test('only the concierge reaches the counter, the day and the orders: the town, merchants and residents get 404', async () => {
  const shopId = await makeShop(ctx.db);
  const resident = await makeResident(ctx.db, ctx.config);
  const accounts = [await makeAccount(ctx.db, ctx.config, 'merchant', { shopId }), await makeAccount(ctx.db, ctx.config, 'town'), { email: resident.email, password: resident.password }];
  for (const account of accounts) {
    const agent = new Agent(ctx.app);
    await agent.login(account.email, account.password);
    for (const url of ['/gestion/comptoir', '/gestion/aujourdhui', '/gestion/commandes?q=Martin']) {
      const page = await agent.get(url);
      assert.equal(page.statusCode, 404, `${url} for ${account.email}`);
      assert.doesNotMatch(page.body, /Courriels \(/);
    }
  }
});

test('/gestion/commandes shows each member’s name and finds orders by name, phone and code', async () => {
  const memberId = await makeMember(ctx.db, { firstName: 'Éliane', lastName: 'Rousseau', phone: '04 42 11 22 33' });
  const { orderId } = await makeOrder(ctx.db, ctx.config, { placeId, memberId });
  const other = await orderIn('Quelconque', TODAY, '13:00', '13:30');
  const { collection_code: code } = await ctx.db.selectFrom('orders').select('collection_code').where('id', '=', orderId).executeTakeFirstOrThrow();

  const all = visibleText((await concierge.get('/gestion/commandes')).body);
  assert.match(all, /ROUSSEAU Éliane/);
  assert.match(all, /QUELCONQUE Anne/);

  for (const query of ['eliane rousseau', 'Rousseau', '0442112233', '04 42 11 22 33', code.toLowerCase()]) {
    const page = await concierge.get(`/gestion/commandes?q=${encodeURIComponent(query)}`);
    assert.equal(page.statusCode, 200, query);
    assert.ok(page.body.includes(`href="/gestion/commandes/${orderId}"`), `« ${query} » finds the order`);
    assert.ok(!page.body.includes(`href="/gestion/commandes/${other.orderId}"`), `« ${query} » finds only it`);
    assert.match(visibleText(page.body), /Commandes trouvées pour « .+ » : 1\./);
  }
  const none = await concierge.get('/gestion/commandes?q=%23%23');
  assert.match(visibleText(none.body), /Aucune commande ne correspond à « ## »/);
  const filtered = await concierge.get('/gestion/commandes?q=Rousseau&etat=cancelled');
  assert.ok(!filtered.body.includes(`href="/gestion/commandes/${orderId}"`), 'the status filter still applies');
  assert.ok(filtered.body.includes('href="/gestion/commandes?q=Rousseau"'), 'the search is kept across the status pills');
});
