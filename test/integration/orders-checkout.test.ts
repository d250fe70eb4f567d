// Checkout through its pages, as a resident: place, slot, payment, confirmation; the order,
// its purchase orders, history and mails; and what must not happen — a forged field, a slot
// taken meanwhile, a price changed meanwhile, an expired session, a double submission or
// two tabs creating two orders.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOrder, makePlace, makeResident, setOfferPrice, type Resident } from '../helpers/orders.ts';
import { localDateOf, localToUtc } from '../../src/places/index.ts';
import { addLocalDays } from '../../src/orders/orders.timing.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { plain, visibleText } from '../helpers/text.ts';
const text = visibleText;

let ctx: TestApp;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db, { name: 'Conciergerie d’Istres' });
});

after(() => ctx.close());

function fieldValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]+)"`).exec(html);
  if (!match) throw new Error(`no field ${name}`);
  return match[1];
}

async function loggedIn(resident: Resident): Promise<Agent> {
  const agent = new Agent(ctx.app);
  await agent.login(resident.email, resident.password);
  return agent;
}

async function fill(agent: Agent, offers: Array<[string, number]>): Promise<void> {
  for (const [offerId, quantity] of offers) {
    const response = await agent.post('/panier/ajouter', { offer_id: offerId, quantity: String(quantity) }, '/panier');
    assert.equal(response.statusCode, 303);
  }
}

/** Walks the steps up to the confirmation page; returns the confirmation form's fields. */
async function reachConfirmation(agent: Agent, place = placeId): Promise<Record<string, string>> {
  assert.equal((await agent.get('/commande')).headers.location, '/commande/lieu');
  assert.match((await agent.get('/commande/lieu')).body, /Où voulez-vous retirer votre commande/);
  const slots = await agent.get(`/commande/creneau?place_id=${place}`);
  assert.equal(slots.statusCode, 200);
  const slot = fieldValue(slots.body, 'slot');
  const payment = await agent.get(`/commande/paiement?place_id=${place}&slot=${encodeURIComponent(slot)}`);
  assert.match(payment.body, /Au comptoir, au retrait/);
  const confirm = await agent.get(`/commande/confirmer?place_id=${place}&slot=${encodeURIComponent(slot)}&payment=at_counter`);
  assert.equal(confirm.statusCode, 200);
  return { place_id: place, slot, payment: 'at_counter', idempotency_key: fieldValue(confirm.body, 'idempotency_key'), _csrf: fieldValue(confirm.body, '_csrf') };
}

async function ordersOf(memberId: string) {
  return ctx.db.selectFrom('orders').selectAll().where('member_id', '=', memberId).execute();
}

async function basketOf(resident: Resident) {
  return ctx.db.selectFrom('basket_lines').selectAll().where('owner_key', '=', `account:${resident.account.id}`).execute();
}

test('a resident orders from two shops: one order, one purchase order per shop, the code, the mails', async () => {
  const cheese = await makeShop(ctx.db, { tradeName: 'Fromagerie Éric', email: 'contact@fromagerie.example' });
  const wine = await makeShop(ctx.db, { tradeName: 'Cave du Cours', email: 'cave@cours.example' });
  const merchant = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: cheese, email: 'eric@fromagerie.example' });
  const platter = await makeOffer(ctx.db, cheese, { title: 'Plateau de fromages', priceCents: 2450, vatRateBp: 550 });
  const bottle = await makeOffer(ctx.db, wine, { title: 'Rosé de Provence', priceCents: 990, vatRateBp: 2000 });
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(resident);
  await fill(agent, [
    [platter, 2],
    [bottle, 3],
  ]);

  const fields = await reachConfirmation(agent);
  assert.match(plain(text(agent.lastHtml)), /Total à payer : 78,70\s€/);
  const response = await agent.post('/commande', fields);
  assert.equal(response.statusCode, 303);
  const [order] = await ordersOf(resident.memberId);
  assert.equal(response.headers.location, `/commande/merci/${order.id}`);
  assert.equal(order.status, 'placed');
  assert.equal(order.channel, 'site');
  assert.equal(order.total_cents, 7870);
  assert.equal(order.slot_start_at, fields.slot);
  assert.match(order.collection_code, /^[ACDEFHJKMNPRTUVWXY3479]{6}$/);

  const thanks = await agent.get(response.headers.location as string);
  assert.match(thanks.body, new RegExp(`class="collection-code">${order.collection_code}<`));

  const purchaseOrders = await ctx.db.selectFrom('purchase_orders').selectAll().where('order_id', '=', order.id).orderBy('total_cents').execute();
  assert.deepEqual(
    purchaseOrders.map((po) => [po.shop_id, po.status, po.total_cents]),
    [
      [wine, 'sent', 2970],
      [cheese, 'sent', 4900],
    ],
  );
  const lines = await ctx.db.selectFrom('order_lines').selectAll().where('order_id', '=', order.id).orderBy('position').execute();
  assert.deepEqual(
    lines.map((line) => [line.offer_id, line.quantity, line.unit_price_cents, line.vat_rate_bp, line.total_cents, line.status]),
    [
      [platter, 2, 2450, 550, 4900, 'ordered'],
      [bottle, 3, 990, 2000, 2970, 'ordered'],
    ],
  );
  assert.equal((await basketOf(resident)).length, 0);
  const events = await ctx.db.selectFrom('order_events').selectAll().where('order_id', '=', order.id).execute();
  assert.equal(events.length, 3);
  assert.ok(events.every((event) => event.account_id === resident.account.id));

  const mails = await ctx.db.selectFrom('outbox').select(['recipient', 'subject', 'text_body']).where('subject', 'like', `%${order.collection_code}%`).execute();
  const byRecipient = new Map(mails.map((mail) => [mail.recipient, mail]));
  assert.match(plain(byRecipient.get(resident.email)!.text_body), new RegExp(`Votre code de retrait : ${order.collection_code}`));
  assert.match(plain(byRecipient.get(resident.email)!.text_body), /Total : 78,70\s€, à régler au comptoir/);
  // The cheese shop hears through its merchant, the wine shop (no account) at its own address.
  assert.match(byRecipient.get(merchant.email)!.subject, /^Nouvelle commande à préparer/);
  assert.match(byRecipient.get(merchant.email)!.text_body, /2 × Plateau de fromages — 49,00\s€/);
  assert.ok(!byRecipient.has('contact@fromagerie.example'));
  assert.match(byRecipient.get('cave@cours.example')!.text_body, /La tournée de collecte passera la chercher le/);
});

test('the earliest slot waits for the longest lead time and the round that brings the goods back', async () => {
  const shop = await makeShop(ctx.db);
  const cake = await makeOffer(ctx.db, shop, { title: 'Pièce montée', availability: 'made_to_order', leadTimeDays: 3 });
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(resident);
  await fill(agent, [[cake, 1]]);
  await agent.get('/commande');
  const slots = await agent.get(`/commande/creneau?place_id=${placeId}`);
  // Ready in three days: the 10:30 round that day, stored at the counter 90 minutes later.
  const today = localDateOf(nowIso(), ctx.config.timeZone);
  assert.equal(fieldValue(slots.body, 'slot'), localToUtc(addLocalDays(today, 3), '12:00', ctx.config.timeZone));
  // Two days open, five more behind « Voir les jours suivants », then a link to the week after;
  // a made-up date is ignored, not a failure.
  const [open, more] = slots.body.split('<details class="slot-more"');
  assert.equal(open.match(/<fieldset class="slot-day"/g)?.length, 2);
  assert.equal(more.match(/<fieldset class="slot-day"/g)?.length, 5);
  assert.match(more, /<summary>Voir les jours suivants<\/summary>/);
  const later = /href="(\/commande\/creneau\?place_id=[^"&]+&amp;from=(\d{4}-\d{2}-\d{2}))"/.exec(slots.body);
  assert.ok(later, 'a link to the days after those');
  assert.equal(later[2], addLocalDays(today, 10));
  const next = await agent.get(later[1].replace('&amp;', '&'));
  assert.equal(fieldValue(next.body, 'slot'), localToUtc(addLocalDays(today, 10), '00:00', ctx.config.timeZone));
  assert.equal((await agent.get(`/commande/creneau?place_id=${placeId}&from=2026-02-31`)).statusCode, 200);
});

test('a step sent without its answer comes back with a plain French message, the step named and the phone line', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db));
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(resident);
  await fill(agent, [[offer, 1]]);
  await agent.get('/commande');
  const { phone, phoneHours } = ctx.config.conciergerie;

  const slots = await agent.get(`/commande/creneau?place_id=${placeId}`);
  const slotsText = visibleText(slots.body);
  assert.match(slotsText, /Étape 2 sur 4 : votre créneau/);
  assert.ok(slotsText.includes(`Continuer Besoin d’aide ? Appelez le ${plain(phone)} (${plain(phoneHours)})`), 'the phone line under « Continuer »');
  assert.doesNotMatch(slots.body, /\srequired[\s=>]/, 'no browser validation: the server answers');

  const noSlot = await agent.get(`/commande/paiement?place_id=${placeId}`);
  assert.equal(noSlot.statusCode, 422);
  const noSlotText = visibleText(noSlot.body);
  assert.match(noSlot.body, /id="erreur-slot"[^>]*>.*Choisissez le jour et l’heure où vous viendrez chercher votre commande\./s);
  assert.match(noSlotText, /Étape 2 sur 4 : votre créneau/);
  assert.doesNotMatch(noSlotText, /Choisissez une des valeurs proposées/);

  const noPlace = await agent.get('/commande/creneau');
  assert.equal(noPlace.statusCode, 422);
  assert.match(visibleText(noPlace.body), /Étape 1 sur 4 : votre lieu de retrait .*Choisissez où vous viendrez chercher votre commande\./);

  const slot = fieldValue(slots.body, 'slot');
  const noPayment = await agent.get(`/commande/confirmer?place_id=${placeId}&slot=${encodeURIComponent(slot)}`);
  assert.equal(noPayment.statusCode, 422);
  const noPaymentText = visibleText(noPayment.body);
  assert.match(noPaymentText, /Étape 3 sur 4 : votre paiement .*Choisissez comment vous voulez payer\./);
  assert.ok(noPaymentText.includes(`Besoin d’aide ? Appelez le ${plain(phone)}`));
  const confirm = visibleText((await agent.get(`/commande/confirmer?place_id=${placeId}&slot=${encodeURIComponent(slot)}&payment=at_counter`)).body);
  assert.match(confirm, /Étape 4 sur 4 : vérifier et confirmer/);
});

test('a forged price field is refused: nothing ordered, the basket kept', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db), { priceCents: 3000 });
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(resident);
  await fill(agent, [[offer, 1]]);
  const fields = await reachConfirmation(agent);
  const response = await agent.post('/commande', { ...fields, total_cents: '1' });
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /Le formulaire contient un champ inattendu/);
  assert.equal((await ordersOf(resident.memberId)).length, 0);
  assert.equal((await basketOf(resident)).length, 1);
});

test('a slot taken meanwhile: a French message on the slot page, the basket kept', async () => {
  const full = await makePlace(ctx.db, { name: 'Foyer La Meraviho', slotCapacity: 1 });
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db));
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(resident);
  await fill(agent, [[offer, 1]]);
  const fields = await reachConfirmation(agent, full);
  // Someone else books the last place of that slot first.
  await makeOrder(ctx.db, ctx.config, { placeId: full, lines: [{ offerId: offer, quantity: 1 }] });
  const response = await agent.post('/commande', fields);
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /Ce créneau n’est plus disponible\. Choisissez-en un autre\./);
  assert.match(response.body, /Quand voulez-vous venir/);
  assert.ok(!response.body.includes(`value="${fields.slot}"`), 'the full slot is no longer offered');
  assert.equal((await ordersOf(resident.memberId)).length, 0);
  assert.equal((await basketOf(resident)).length, 1);
});

test('a price changed after the confirmation page is not charged: back to the review', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db), { priceCents: 1500 });
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(resident);
  await fill(agent, [[offer, 1]]);
  const fields = await reachConfirmation(agent);
  await setOfferPrice(ctx.db, offer, 1800);
  const response = await agent.post('/commande', fields);
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/commande');
  assert.equal((await ordersOf(resident.memberId)).length, 0);
  assert.match(plain(text((await agent.get('/commande')).body)), /Le prix a changé : 15,00\s€ → 18,00\s€/);
});

test('a session that expired before confirming: sent to log in, the basket kept', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db));
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(resident);
  await fill(agent, [[offer, 2]]);
  const fields = await reachConfirmation(agent);
  await ctx.db.deleteFrom('sessions').where('account_id', '=', resident.account.id).execute();

  const response = await agent.post('/commande', fields);
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/connexion?retour=%2Fcommande');
  assert.equal((await ordersOf(resident.memberId)).length, 0);
  const back = await agent.post('/connexion', { email: resident.email, password: resident.password, retour: '/commande' }, '/connexion?retour=%2Fcommande');
  assert.equal(back.headers.location, '/commande');
  assert.equal((await agent.get('/commande')).headers.location, '/commande/lieu');
  assert.equal((await basketOf(resident))[0].quantity, 2);
});

test('a visitor is sent to log in and comes back to checkout with their basket', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db), { title: 'Savon de Marseille' });
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = new Agent(ctx.app);
  await agent.post('/panier/ajouter', { offer_id: offer, quantity: '1' }, '/connexion');
  const sent = await agent.get('/commande');
  assert.equal(sent.headers.location, '/connexion?retour=%2Fcommande');
  const back = await agent.post('/connexion', { email: resident.email, password: resident.password, retour: '/commande' }, '/connexion?retour=%2Fcommande');
  assert.equal(back.headers.location, '/commande');
  assert.equal((await agent.get('/commande')).headers.location, '/commande/lieu');
  assert.deepEqual((await basketOf(resident)).map((line) => line.offer_id), [offer]);
});

test('the same checkout sent 20 times at once creates one order', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db));
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(resident);
  await fill(agent, [[offer, 1]]);
  const fields = await reachConfirmation(agent);
  const responses = await Promise.all(Array.from({ length: 20 }, () => agent.post('/commande', fields)));
  const orders = await ordersOf(resident.memberId);
  assert.equal(orders.length, 1);
  for (const response of responses) {
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/commande/merci/${orders[0].id}`);
  }
  const confirmations = await ctx.db.selectFrom('outbox').select('id').where('recipient', '=', resident.email).where('subject', 'like', 'Votre commande est enregistrée%').execute();
  assert.equal(confirmations.length, 1);
});

test('two tabs confirming the same basket create one order', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db));
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(resident);
  await fill(agent, [[offer, 1]]);
  const first = await reachConfirmation(agent);
  const second = await reachConfirmation(agent);
  assert.notEqual(first.idempotency_key, second.idempotency_key);
  const responses = await Promise.all([agent.post('/commande', first), agent.post('/commande', second)]);
  assert.equal((await ordersOf(resident.memberId)).length, 1);
  const locations = responses.map((response) => response.headers.location).sort();
  assert.match(String(locations[0]), /^\/commande\/merci\//);
  assert.equal(locations[1], '/compte/commandes');
});

test('a resident account without a member row is asked to call the conciergerie', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db));
  const account = await makeAccount(ctx.db, ctx.config, 'resident');
  const agent = new Agent(ctx.app);
  await agent.login(account.email, account.password);
  await fill(agent, [[offer, 1]]);
  const response = await agent.get('/commande');
  assert.equal(response.statusCode, 422);
  assert.match(plain(response.body), /Appelez la conciergerie : nous prendrons votre commande/);
});

test('the thank-you page of another resident’s order does not exist', async () => {
  const owner = await makeResident(ctx.db, ctx.config);
  const { orderId } = await makeOrder(ctx.db, ctx.config, { resident: owner.account, placeId });
  const other = await makeResident(ctx.db, ctx.config);
  const agent = await loggedIn(other);
  assert.equal((await agent.get(`/commande/merci/${orderId}`)).statusCode, 404);
  const ownerAgent = await loggedIn(owner);
  assert.equal((await ownerAgent.get(`/commande/merci/${orderId}`)).statusCode, 200);
});
