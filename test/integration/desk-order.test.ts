// Orders the concierge takes for a member through the « Nouvelle commande » pages: finding
// the member (or registering them on the spot), filling their basket with offers and a
// free-text line, choosing the channel and the slot, placing the order; and the refusals —
// unknown member, bad quantities and prices, a paused offer, a slot gone meanwhile.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeMember } from '../helpers/members.ts';
import { makeOrder, makePlace, makeResident, pause } from '../helpers/orders.ts';
import { visibleText } from '../helpers/text.ts';
import { addToBasket, accountBasketKey } from '../../src/orders/index.ts';
import { newId } from '../../src/platform/ids.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { visibleText as text } from '../helpers/text.ts';

const DESK = '/gestion/commandes/nouvelle';

let ctx: TestApp;
let concierge: Agent;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db, { name: 'Conciergerie d’Istres' });
  const account = await makeAccount(ctx.db, ctx.config, 'concierge', { displayName: 'Sandrine Roux' });
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

function fieldValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no field ${name}`);
  return match[1];
}

async function deskLines(memberId: string) {
  return ctx.db.selectFrom('basket_lines').selectAll().where('owner_key', '=', `desk:${memberId}`).orderBy('created_at').execute();
}

/** Walks to the slot page for a channel; returns the fields of the « Passer la commande » form. */
async function reachSlotPage(memberId: string, channel: string, courriel?: string): Promise<Record<string, string>> {
  const query = new URLSearchParams({ canal: channel, place_id: placeId, ...(courriel ? { courriel } : {}) });
  const page = await concierge.get(`${DESK}/${memberId}/creneau?${query}`);
  assert.equal(page.statusCode, 200, text(page.body).slice(0, 400));
  return {
    place_id: placeId,
    canal: channel,
    payment: 'at_counter',
    slot: fieldValue(page.body, 'slot'),
    idempotency_key: fieldValue(page.body, 'idempotency_key'),
    ...(courriel ? { courriel } : {}),
  };
}

async function newInboundMail(fromAddress: string, subject: string, body: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('inbound_mails')
    .values({
      id,
      message_id: `<${id}@exemple.fr>`,
      from_address: fromAddress,
      from_name: 'Josette Blanc',
      subject,
      body_text: body,
      received_at: now,
      fetched_at: now,
      status: 'new',
      member_id: null,
      order_id: null,
      handled_by_label: null,
      handled_at: null,
    })
    .execute();
  return id;
}

test('only the concierge takes orders for members', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = new Agent(ctx.app);
  assert.equal((await agent.get(DESK)).statusCode, 303, 'a visitor is sent to log in');
  await agent.login(resident.email, resident.password);
  assert.equal((await agent.get(DESK)).statusCode, 404);
  assert.equal((await agent.get(`${DESK}/${resident.memberId}`)).statusCode, 404);
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db));
  const post = await agent.post(`${DESK}/${resident.memberId}/ajouter`, { offer_id: offer, quantity: '1' }, '/compte');
  assert.equal(post.statusCode, 404);
  assert.equal((await deskLines(resident.memberId)).length, 0);
});

test('the member is found by name without accents, by phone typed any way, or by e-mail', async () => {
  const memberId = await makeMember(ctx.db, { firstName: 'Hélène', lastName: 'Méric', phone: '06 71 22 33 44', email: 'helene.meric@exemple.fr' });
  for (const query of ['meric', 'Méric hélène', '06.71.22.33.44', '0671223344', 'helene.meric@exemple.fr']) {
    const page = await concierge.get(`${DESK}?q=${encodeURIComponent(query)}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`href="${DESK}/${memberId}?appel=1"`), `« ${query} » finds Hélène Méric`);
    assert.match(text(page.body), /Commander pour Hélène Méric/);
  }
  const none = await concierge.get(`${DESK}?q=${encodeURIComponent('Zorglub')}`);
  assert.match(text(none.body), /Aucun adhérent ne correspond à « Zorglub »/);
});

test('a phone-only senior is registered on the spot, once per form, and the order goes on', async () => {
  const page = await concierge.get(DESK);
  const key = fieldValue(page.body, 'idempotency_key');
  const fields = { last_name: 'Blanc', first_name: 'Josette', phone: '04.42.56.78.90', email: '', idempotency_key: key };
  const first = await concierge.post(`${DESK}/adherent`, fields);
  assert.equal(first.statusCode, 303);
  const again = await concierge.post(`${DESK}/adherent`, fields, DESK);
  assert.equal(again.headers.location, first.headers.location, 'a double click creates one member');
  const rows = await ctx.db.selectFrom('members').selectAll().where('last_name', '=', 'Blanc').execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0].phone, '04 42 56 78 90');
  assert.equal(rows[0].email, null);
  assert.equal(first.headers.location, `${DESK}/${rows[0].id}`);
  const basket = await concierge.get(first.headers.location as string);
  assert.match(text(basket.body), /Commande pour Josette Blanc/);
  assert.match(text(basket.body), /04 42 56 78 90/);

  const bad = await concierge.post(`${DESK}/adherent`, { last_name: 'Rey', first_name: 'Marcel', phone: '12 34', email: '', idempotency_key: fieldValue(page.body, 'idempotency_key').replace(/.$/, 'x') }, DESK);
  assert.equal(bad.statusCode, 422);
  assert.match(text(bad.body), /Indiquez un numéro de téléphone français/);
  assert.match(bad.body, /name="last_name"[^>]*value="Rey"|value="Rey"[^>]*name="last_name"/, 'the typed name is kept');
  const noContact = await concierge.post(`${DESK}/adherent`, { last_name: 'Rey', first_name: 'Marcel', phone: '', email: '', idempotency_key: 'autre-cle-0001' }, DESK);
  assert.equal(noContact.statusCode, 422);
  assert.match(text(noContact.body), /Indiquez au moins un numéro de téléphone ou une adresse e-mail/);
  assert.equal((await ctx.db.selectFrom('members').select('id').where('last_name', '=', 'Rey').execute()).length, 0);
});

test('a phone order: two offers and a free-text line, the channel recorded, the code, the member’s own basket untouched', async () => {
  const cheese = await makeShop(ctx.db, { tradeName: 'Fromagerie Lou Cabanoun', email: 'fromagerie@exemple.fr' });
  const books = await makeShop(ctx.db, { tradeName: 'Librairie La Fontaine', email: 'librairie@exemple.fr' });
  const platter = await makeOffer(ctx.db, cheese, { title: 'Plateau de fromages de Provence', priceCents: 2450 });
  const tomme = await makeOffer(ctx.db, cheese, { title: 'Tomme de chèvre fermière', priceCents: 890 });
  const resident = await makeResident(ctx.db, ctx.config);
  await addToBasket(ctx.db, accountBasketKey(resident.account.id), tomme, 1);
  const memberId = resident.memberId;
  const base = `${DESK}/${memberId}`;

  const found = await concierge.get(`${base}?q=${encodeURIComponent('fromages provence')}`);
  assert.equal(found.statusCode, 200);
  assert.match(text(found.body), /Plateau de fromages de Provence — Fromagerie Lou Cabanoun/);
  assert.equal((await concierge.post(`${base}/ajouter`, { offer_id: platter, quantity: '2', q: 'fromages provence' })).headers.location, `${base}?q=fromages+provence#offre-${platter}`, 'back to the offer just added, the search kept');
  assert.equal((await concierge.post(`${base}/ajouter`, { offer_id: tomme, quantity: '1' }, base)).statusCode, 303);
  const free = await concierge.post(`${base}/achat-libre`, { shop_id: books, title: 'Le dernier roman de Marcel Pagnol, en gros caractères', price: '18,90', quantity: '1' }, base);
  assert.equal(free.statusCode, 303);

  const lines = await deskLines(memberId);
  assert.equal(lines.length, 3);
  const tommeLine = lines.find((line) => line.offer_id === tomme)!;
  assert.equal((await concierge.post(`${base}/lignes/${tommeLine.id}`, { quantity: '3' }, base)).statusCode, 303);
  const page = text((await concierge.get(base)).body);
  assert.match(page, /Chez Fromagerie Lou Cabanoun/);
  assert.match(page, /Chez Librairie La Fontaine/);
  assert.match(page, /prix estimé/);
  assert.match(page, /Total à payer : 94,60/, '2 × 24,50 + 3 × 8,90 + 18,90');
  assert.match(page, /Comment l’adhérent a-t-il commandé/);

  const form = await reachSlotPage(memberId, 'telephone');
  const placed = await concierge.post(`${base}/commande`, form);
  assert.equal(placed.statusCode, 303);
  const orderId = (placed.headers.location as string).split('/').pop()!;
  assert.equal(placed.headers.location, `/gestion/commandes/${orderId}`);
  const record = await concierge.get(placed.headers.location as string);
  const order = await ctx.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
  assert.match(text(record.body), new RegExp(`Code de retrait : ${order.collection_code}`));
  assert.match(text(record.body), /Téléphone/);
  assert.equal(order.channel, 'telephone');
  assert.equal(order.member_id, memberId);
  assert.equal(Number(order.total_cents), 9460);
  const purchaseOrders = await ctx.db.selectFrom('purchase_orders').selectAll().where('order_id', '=', orderId).execute();
  assert.deepEqual(purchaseOrders.map((po) => po.shop_id).sort(), [cheese, books].sort());
  const orderLines = await ctx.db.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).execute();
  assert.equal(orderLines.filter((line) => Number(line.price_is_estimate) === 1).length, 1);
  assert.equal((await deskLines(memberId)).length, 0, 'the desk basket is taken by the order');
  const own = await ctx.db.selectFrom('basket_lines').selectAll().where('owner_key', '=', accountBasketKey(resident.account.id)).execute();
  assert.equal(own.length, 1, 'the member’s own site basket is untouched');
  const mails = await ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', resident.email).execute();
  assert.equal(mails.length, 1, 'the member with an e-mail gets the confirmation');
  assert.match(mails[0].subject, new RegExp(order.collection_code));

  const again = await concierge.post(`${base}/commande`, form, base);
  assert.equal(again.headers.location, `/gestion/commandes/${orderId}`, 'a double submission gives the same order');
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 1);
});

test('bad input: unknown member, quantities, a price with three decimals, no description, a paused offer, a slot gone', async () => {
  const shop = await makeShop(ctx.db, { tradeName: 'Cave du Cours' });
  const wine = await makeOffer(ctx.db, shop, { title: 'Rosé des Baux', priceCents: 1200 });
  const memberId = await makeMember(ctx.db, { firstName: 'Paul', lastName: 'Giraud' });
  const base = `${DESK}/${memberId}`;
  assert.equal((await concierge.get(`${DESK}/${newId()}`)).statusCode, 404);
  assert.equal((await concierge.post(`${DESK}/${newId()}/ajouter`, { offer_id: wine, quantity: '1' }, base)).statusCode, 404);

  await concierge.post(`${base}/ajouter`, { offer_id: wine, quantity: '1' }, base);
  for (const quantity of ['0', '10000']) {
    const refused = await concierge.post(`${base}/ajouter`, { offer_id: wine, quantity, q: 'rosé' }, base);
    assert.equal(refused.statusCode, 422);
    assert.match(text(refused.body), /Indiquez une quantité de 1 à 50/);
    assert.ok(refused.body.includes(`value="${quantity}"`), 'the typed quantity is kept');
  }
  const line = (await deskLines(memberId))[0];
  const tooMany = await concierge.post(`${base}/lignes/${line.id}`, { quantity: '10000' }, base);
  assert.equal(tooMany.statusCode, 422);
  assert.match(text(tooMany.body), /Indiquez une quantité de 1 à 50/);
  assert.equal(Number((await deskLines(memberId))[0].quantity), 1, 'the basket is kept');

  const price = await concierge.post(`${base}/achat-libre`, { shop_id: shop, title: 'Un magnum de rouge', price: '12,505', quantity: '1' }, base);
  assert.equal(price.statusCode, 422);
  assert.match(text(price.body), /Indiquez un prix en euros, par exemple 12,50/);
  assert.ok(price.body.includes('value="12,505"') && price.body.includes('value="Un magnum de rouge"'), 'the typed values are kept');
  const empty = await concierge.post(`${base}/achat-libre`, { shop_id: shop, title: '   ', price: '10', quantity: '1' }, base);
  assert.equal(empty.statusCode, 422);
  assert.match(text(empty.body), /Ce champ est obligatoire/);
  const noShop = await concierge.post(`${base}/achat-libre`, { shop_id: '', title: 'Un magnum', price: '10', quantity: '1' }, base);
  assert.match(text(noShop.body), /Choisissez un commerce adhérent de la liste/);
  const prospect = await makeShop(ctx.db, { tradeName: 'Boutique non adhérente', stage: 'prospect' });
  const notMember = await concierge.post(`${base}/achat-libre`, { shop_id: prospect, title: 'Un magnum', price: '10', quantity: '1' }, base);
  assert.equal(notMember.statusCode, 422);
  assert.match(text(notMember.body), /Choisissez un commerce adhérent de la liste/);
  assert.equal((await deskLines(memberId)).length, 1, 'nothing refused reached the basket');

  const paused = await makeOffer(ctx.db, shop, { title: 'Champagne brut' });
  await pause(ctx.db, paused);
  const refusedPaused = await concierge.post(`${base}/ajouter`, { offer_id: paused, quantity: '1', q: 'champagne' }, base);
  assert.equal(refusedPaused.statusCode, 422);
  assert.match(text(refusedPaused.body), /Cette offre ne peut plus être commandée/);

  const noChannel = await concierge.get(`${base}/creneau?place_id=${placeId}`);
  assert.equal(noChannel.statusCode, 422);
  assert.match(text(noChannel.body), /Choisissez une des valeurs proposées/);

  const form = await reachSlotPage(memberId, 'comptoir');
  const gone = await concierge.post(`${base}/commande`, { ...form, slot: '2020-01-06T09:00:00.000Z' });
  assert.equal(gone.statusCode, 422);
  assert.match(text(gone.body), /Ce créneau n’est plus disponible/);
  assert.equal((await deskLines(memberId)).length, 1, 'the basket is kept');
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 0);
  const placed = await concierge.post(`${base}/commande`, form, base);
  assert.equal(placed.statusCode, 303);
  const order = await ctx.db.selectFrom('orders').selectAll().where('member_id', '=', memberId).executeTakeFirstOrThrow();
  assert.equal(order.channel, 'comptoir');
  const confirmations = await ctx.db.selectFrom('outbox').select('id').where('subject', '=', `Votre commande est enregistrée — code ${order.collection_code}`).execute();
  assert.equal(confirmations.length, 0, 'a member without e-mail gets no confirmation mail (the concierge gives the code)');
  assert.match(text((await concierge.get(placed.headers.location as string)).body), /L’adhérent n’a pas de courriel : donnez-lui le code de retrait/);
});

test('an order from a mail of the inbox: the mail beside the basket, channel courriel by default, the mail marked as converted', async () => {
  const shop = await makeShop(ctx.db, { tradeName: 'Boulangerie Le Fournil' });
  const bread = await makeOffer(ctx.db, shop, { title: 'Pain de campagne', priceCents: 420 });
  const memberId = await makeMember(ctx.db, { firstName: 'Josette', lastName: 'Arnaud', email: 'josette.arnaud@exemple.fr' });
  const mailId = await newInboundMail('josette.arnaud@exemple.fr', 'Commande de pain', 'Bonjour, deux pains de campagne pour samedi. Merci !');
  const base = `${DESK}/${memberId}`;

  const start = await concierge.get(`${DESK}?courriel=${mailId}`);
  assert.match(text(start.body), /Commande de pain/);
  assert.ok(start.body.includes('value="josette.arnaud@exemple.fr"'), 'a new member would get the sender’s address');
  assert.ok((await concierge.get(`${DESK}?courriel=${mailId}&q=arnaud`)).body.includes(`href="${base}?courriel=${mailId}&amp;appel=1"`), 'the mail goes along to the basket');
  assert.equal((await concierge.get(`${DESK}?courriel=${newId()}`)).statusCode, 404);

  const page = await concierge.get(`${base}?courriel=${mailId}`);
  assert.match(text(page.body), /deux pains de campagne pour samedi/);
  const added = await concierge.post(`${base}/ajouter`, { offer_id: bread, quantity: '2', courriel: mailId }, `${base}?courriel=${mailId}`);
  assert.equal(added.headers.location, `${base}?courriel=${mailId}#offre-${bread}`);
  const filled = await concierge.get(`${base}?courriel=${mailId}`);
  assert.match(filled.body, /id="champ-canal-courriel"[^>]*checked|checked[^>]*id="champ-canal-courriel"/, 'the channel is Courriel by default');
  const form = await reachSlotPage(memberId, 'courriel', mailId);
  const placed = await concierge.post(`${base}/commande`, form);
  assert.equal(placed.statusCode, 303);
  const orderId = (placed.headers.location as string).split('/').pop()!;
  const mail = await ctx.db.selectFrom('inbound_mails').selectAll().where('id', '=', mailId).executeTakeFirstOrThrow();
  assert.equal(mail.status, 'converted');
  assert.equal(mail.order_id, orderId);
  assert.match(mail.handled_by_label ?? '', /Sandrine Roux/);
  const order = await ctx.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
  assert.equal(order.channel, 'courriel');

  // An old tab (or a colleague) works from the same mail again: no second order, the basket kept.
  await concierge.post(`${base}/ajouter`, { offer_id: bread, quantity: '1', courriel: mailId }, `${base}?courriel=${mailId}`);
  const again = await concierge.post(`${base}/commande`, await reachSlotPage(memberId, 'courriel', mailId));
  assert.equal(again.statusCode, 303);
  const told = text((await concierge.get(again.headers.location as string)).body);
  assert.match(told, /Ce courriel a déjà été traité/);
  assert.match(told, /Pain|pain/, 'the basket is kept');
  const orders = await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute();
  assert.deepEqual(orders.map((row) => row.id), [orderId], 'one order from one mail');
});

test('after « Ajouter » the page comes back at the offer, which says how many the basket holds', async () => {
  const shop = await makeShop(ctx.db, { tradeName: 'Primeur du Marché' });
  const apples = await makeOffer(ctx.db, shop, { title: 'Pommes golden', priceCents: 320 });
  const memberId = await makeMember(ctx.db, { firstName: 'Rose', lastName: 'Fabre' });
  const base = `${DESK}/${memberId}`;
  const added = await concierge.post(`${base}/ajouter`, { offer_id: apples, quantity: '3', q: 'pommes' }, `${base}?q=pommes`);
  assert.equal(added.headers.location, `${base}?q=pommes#offre-${apples}`);
  const page = await concierge.get(`${base}?q=pommes`);
  assert.match(page.body, new RegExp(`<li class="desk-result" id="offre-${apples}"`));
  assert.match(visibleText(page.body), /Pommes golden — Primeur du Marché .* Déjà dans le panier : 3/);
  assert.match(page.body, /class="desk-order"/, 'the catalogue and the basket side by side on a wide screen');
});

test('a basket left from an earlier call is asked about: kept, or emptied', async () => {
  const shop = await makeShop(ctx.db, { tradeName: 'Épicerie Sainte-Catherine' });
  const oil = await makeOffer(ctx.db, shop, { title: 'Huile d’olive', priceCents: 1400 });
  const memberId = await makeMember(ctx.db, { firstName: 'Odette', lastName: 'Vidal', phone: '06 55 44 33 22' });
  const base = `${DESK}/${memberId}`;
  await concierge.post(`${base}/ajouter`, { offer_id: oil, quantity: '1' }, base);
  await ctx.db.updateTable('basket_lines').set({ created_at: '2026-12-01T11:10:00.000Z' }).where('owner_key', '=', `desk:${memberId}`).execute();

  const found = await concierge.get(`${DESK}?q=${encodeURIComponent('06 55 44 33 22')}`);
  assert.ok(found.body.includes(`href="${base}?appel=1"`), 'a new call opens the basket asking about what is left');
  const call = await concierge.get(`${base}?appel=1`);
  assert.match(visibleText(call.body), /Panier commencé le mardi 1er décembre (2026 )?à 12 h 10 : le reprendre ou le vider \?/);
  assert.match(call.body, new RegExp(`href="${base}"[^>]*>\\s*Reprendre ce panier`));
  assert.ok(!visibleText((await concierge.get(base)).body).includes('Panier commencé'), 'while filling the basket the question is not asked again');

  const emptied = await concierge.post(`${base}/vider`, {}, `${base}?appel=1`);
  assert.equal(emptied.statusCode, 303);
  assert.equal((await deskLines(memberId)).length, 0);
  assert.match(visibleText((await concierge.get(emptied.headers.location as string)).body), /Le panier est vidé/);
  assert.ok(!visibleText((await concierge.get(`${base}?appel=1`)).body).includes('Panier commencé'), 'an empty basket asks nothing');
});

test('the slot page warns when the member already has an order to collect in a slot shown, and still takes the order', async () => {
  const memberId = await makeMember(ctx.db, { firstName: 'Jeanne', lastName: 'Martin' });
  const first = await makeOrder(ctx.db, ctx.config, { memberId, placeId });
  const existing = await ctx.db.selectFrom('orders').selectAll().where('id', '=', first.orderId).executeTakeFirstOrThrow();
  const base = `${DESK}/${memberId}`;
  await concierge.post(`${base}/ajouter`, { offer_id: first.offerIds[0], quantity: '1' }, base);
  const page = await concierge.get(`${base}/creneau?canal=telephone&place_id=${placeId}`);
  assert.equal(page.statusCode, 200);
  const shown = visibleText(page.body);
  assert.match(shown, new RegExp(`Jeanne Martin a déjà une commande à retirer [a-z]+ \\d+(er)? [a-zéû]+( \\d{4})?, \\d+ h( \\d+)? – \\d+ h( \\d+)? : n° ${existing.collection_code}`));
  assert.ok(page.body.includes(`href="/gestion/commandes/${existing.id}"`));
  assert.match(shown, /déjà une commande/);
  const placed = await concierge.post(`${base}/commande`, {
    place_id: placeId,
    canal: 'telephone',
    payment: 'at_counter',
    slot: existing.slot_start_at,
    idempotency_key: fieldValue(page.body, 'idempotency_key'),
  });
  assert.equal(placed.statusCode, 303, 'a warning, not a refusal');
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 2);
});
