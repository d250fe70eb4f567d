// The basket through its pages: adding from an offer, per-shop subtotals, quantities,
// removing, bad input with French messages, a foreign line, changes since adding (new
// price, paused offer) that must be accepted, and a visitor's basket kept across log-in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { makePlace, makeResident, pause, setOfferPrice } from '../helpers/orders.ts';
import { forgetAbandonedBaskets } from '../../src/orders/site/basket.service.ts';
import { nowMs } from '../../src/platform/clock.ts';
import { plain, visibleText } from '../helpers/text.ts';
const text = visibleText;

let ctx: TestApp;

before(async () => {
  ctx = await buildTestApp();
  await makePlace(ctx.db);
});

after(() => ctx.close());

/** A visitor's agent with a session and a CSRF token (any page with a form gives one). */
async function visitor(): Promise<Agent> {
  const agent = new Agent(ctx.app);
  await agent.get('/connexion');
  return agent;
}

async function add(agent: Agent, fields: Record<string, string>) {
  return agent.post('/panier/ajouter', fields, '/connexion');
}

async function linesOf(ownerPrefix: string) {
  return ctx.db.selectFrom('basket_lines').selectAll().where('owner_key', 'like', `${ownerPrefix}%`).execute();
}

test('a visitor adds offers of two shops and sees each shop with its subtotal, then the total', async () => {
  const cheese = await makeShop(ctx.db, { tradeName: 'Fromagerie Éric' });
  const wine = await makeShop(ctx.db, { tradeName: 'Cave du Cours' });
  const platter = await makeOffer(ctx.db, cheese, { title: 'Plateau de fromages', priceCents: 2450 });
  const bottle = await makeOffer(ctx.db, wine, { title: 'Côtes-de-Provence rosé', priceCents: 990 });
  const agent = await visitor();

  // Adding keeps the visitor on the shop's page, which says what the basket now holds, once.
  const response = await add(agent, { offer_id: platter, quantity: '2' });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, `/commerces/${cheese}`);
  const shopPage = visibleText((await agent.get(`/commerces/${cheese}`)).body);
  assert.match(shopPage, /C’est dans votre panier \(2 articles, 49,00 €\)/);
  assert.match(shopPage, /Voir mon panier et commander/);
  assert.doesNotMatch(visibleText((await agent.get(`/commerces/${cheese}`)).body), /C’est dans votre panier/, 'said once');
  assert.equal((await add(agent, { offer_id: bottle, quantity: '3' })).statusCode, 303);

  const page = text((await agent.get('/panier')).body);
  assert.match(visibleText(agent.lastHtml), new RegExp(`Continuer mes achats`));
  assert.match(agent.lastHtml, new RegExp(`<a href="/commerces/${wine}">Continuer mes achats</a>`), 'back to the shop of the last offer added');
  assert.match(page, /Pour commander, il faut être adhérent/);
  assert.match(page, /Chez Fromagerie Éric/);
  assert.match(plain(page), /Sous-total Fromagerie Éric : 49,00\s€/);
  assert.match(plain(page), /Sous-total Cave du Cours : 29,70\s€/);
  assert.match(plain(page), /Total à payer : 78,70\s€/);
  assert.match(page, /Vous devrez vous connecter pour commander/);

  // The same offer again adds to its line.
  await add(agent, { offer_id: platter, quantity: '1' });
  const lines = await ctx.db.selectFrom('basket_lines').selectAll().where('offer_id', '=', platter).execute();
  assert.equal(lines.length, 1);
  assert.equal(lines[0].quantity, 3);
  assert.match(lines[0].owner_key, /^visitor:/);
});

test('quantity 0, 10 000 or letters: a French message next to the field, the value kept, nothing added', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db), { title: 'Tarte aux pommes' });
  const agent = await visitor();
  for (const [quantity, message] of [
    ['0', /Indiquez une quantité de 1 à 50\./],
    ['10000', /Indiquez une quantité de 1 à 50\./],
    ['deux', /Indiquez un nombre entier\./],
  ] as const) {
    const response = await add(agent, { offer_id: offer, quantity });
    assert.equal(response.statusCode, 422, quantity);
    assert.match(response.body, message);
    assert.match(response.body, new RegExp(`name="quantity" type="text" value="${quantity}"`));
    assert.match(response.body, /aria-invalid="true"/);
  }
  assert.equal((await ctx.db.selectFrom('basket_lines').select('id').where('offer_id', '=', offer).execute()).length, 0);
});

test('a paused offer cannot be added; an unknown field (a forged price) is refused', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db), { title: 'Bouquet du marché' });
  const agent = await visitor();
  const forged = await add(agent, { offer_id: offer, quantity: '1', price_cents: '1' });
  assert.equal(forged.statusCode, 422);
  assert.match(forged.body, /Le formulaire contient un champ inattendu/);
  await pause(ctx.db, offer);
  const paused = await add(agent, { offer_id: offer, quantity: '1' });
  assert.equal(paused.statusCode, 422);
  assert.match(paused.body, /Cette offre ne peut plus être commandée pour le moment/);
  assert.equal((await ctx.db.selectFrom('basket_lines').select('id').where('offer_id', '=', offer).execute()).length, 0);
});

test('changing a quantity, a refused quantity, removing a line', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db), { title: 'Pain de campagne', priceCents: 420 });
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = new Agent(ctx.app);
  await agent.login(resident.email, resident.password);
  await add(agent, { offer_id: offer, quantity: '1' });
  const [line] = await linesOf(`account:${resident.account.id}`);

  const changed = await agent.post(`/panier/lignes/${line.id}`, { quantity: '4' }, '/panier');
  assert.equal(changed.statusCode, 303);
  assert.match(plain(text((await agent.get('/panier')).body)), /Total à payer : 16,80\s€/);

  const refused = await agent.post(`/panier/lignes/${line.id}`, { quantity: '0' }, '/panier');
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /Indiquez une quantité de 1 à 50\./);
  assert.match(refused.body, new RegExp(`id="champ-quantite-${line.id}"[^>]*value="0"`));
  assert.equal((await linesOf(`account:${resident.account.id}`))[0].quantity, 4);

  const removed = await agent.post(`/panier/lignes/${line.id}/retirer`, {}, '/panier');
  assert.equal(removed.statusCode, 303);
  assert.match((await agent.get('/panier')).body, /Votre panier est vide/);
});

test('a line of another basket answers 404 and stays as it is', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db));
  const owner = await makeResident(ctx.db, ctx.config);
  const other = await makeResident(ctx.db, ctx.config);
  const ownerAgent = new Agent(ctx.app);
  await ownerAgent.login(owner.email, owner.password);
  await add(ownerAgent, { offer_id: offer, quantity: '2' });
  const [line] = await linesOf(`account:${owner.account.id}`);

  const intruder = new Agent(ctx.app);
  await intruder.login(other.email, other.password);
  assert.equal((await intruder.post(`/panier/lignes/${line.id}`, { quantity: '9' }, '/panier')).statusCode, 404);
  assert.equal((await intruder.post(`/panier/lignes/${line.id}/retirer`, {}, '/panier')).statusCode, 404);
  const [kept] = await linesOf(`account:${owner.account.id}`);
  assert.equal(kept.quantity, 2);
});

test('a new price or a paused offer is flagged, and accepted before ordering — never charged silently', async () => {
  const shop = await makeShop(ctx.db);
  const cheaper = await makeOffer(ctx.db, shop, { title: 'Comté 18 mois', priceCents: 1200 });
  const gone = await makeOffer(ctx.db, shop, { title: 'Brie de Meaux', priceCents: 800 });
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = new Agent(ctx.app);
  await agent.login(resident.email, resident.password);
  await add(agent, { offer_id: cheaper, quantity: '1' });
  await add(agent, { offer_id: gone, quantity: '1' });
  await setOfferPrice(ctx.db, cheaper, 1350);
  await pause(ctx.db, gone);

  const basket = text((await agent.get('/panier')).body);
  assert.match(plain(basket), /Le prix a changé : 12,00\s€ → 13,50\s€/);
  assert.match(basket, /N’est plus disponible pour le moment/);

  const review = await agent.get('/commande');
  assert.equal(review.statusCode, 200);
  assert.match(text(review.body), /Vérifiez votre panier/);
  const accepted = await agent.post('/panier/accepter', { next: 'commande' }, '/commande');
  assert.equal(accepted.headers.location, '/commande');
  const lines = await linesOf(`account:${resident.account.id}`);
  assert.deepEqual(
    lines.map((line) => [line.offer_id, line.seen_price_cents]),
    [[cheaper, 1350]],
  );
  assert.equal((await agent.get('/commande')).headers.location, '/commande/lieu');
});

test('a visitor who logs in finds their basket joined to their own', async () => {
  const shop = await makeShop(ctx.db);
  const both = await makeOffer(ctx.db, shop, { title: 'Fougasse' });
  const only = await makeOffer(ctx.db, shop, { title: 'Navettes' });
  const resident = await makeResident(ctx.db, ctx.config);
  const before = new Agent(ctx.app);
  await before.login(resident.email, resident.password);
  await add(before, { offer_id: both, quantity: '1' });

  const agent = await visitor();
  await add(agent, { offer_id: both, quantity: '2' });
  await add(agent, { offer_id: only, quantity: '1' });
  const visitorKey = (await ctx.db.selectFrom('basket_lines').select('owner_key').where('offer_id', '=', only).executeTakeFirstOrThrow()).owner_key;
  await agent.login(resident.email, resident.password);
  // Joined by the login itself, before any page is read.
  const lines = await linesOf(`account:${resident.account.id}`);
  assert.deepEqual(lines.map((line) => [line.offer_id, line.quantity]).sort(), [
    [both, 3],
    [only, 1],
  ].sort());
  assert.equal((await linesOf(visitorKey)).length, 0);
  const snapshot = async () => (await linesOf(`account:${resident.account.id}`)).map((line) => [line.id, line.quantity, line.updated_at]);
  const joined = await snapshot();
  for (const path of ['/panier', '/commande', '/commande/lieu']) await agent.get(path);
  const page = text((await agent.get('/panier')).body);
  assert.match(page, /Fougasse/);
  assert.match(page, /Navettes/);
  assert.deepEqual(await snapshot(), joined, 'reading the basket and checkout pages changes nothing');
});

test('a visitor’s basket joins no account that has none (a concierge)', async () => {
  const shop = await makeShop(ctx.db);
  const offer = await makeOffer(ctx.db, shop, { title: 'Pompe à l’huile' });
  const concierge = await makeAccount(ctx.db, ctx.config, 'concierge');
  const agent = await visitor();
  await add(agent, { offer_id: offer, quantity: '2' });
  const visitorKey = (await ctx.db.selectFrom('basket_lines').select('owner_key').where('offer_id', '=', offer).executeTakeFirstOrThrow()).owner_key;
  await agent.login(concierge.email, concierge.password);
  assert.equal((await linesOf(visitorKey)).length, 1, 'a concierge has no basket: the visitor’s is left to be forgotten');
  assert.equal((await linesOf(`account:${concierge.id}`)).length, 0);
});

test('visitors’ baskets untouched for longer than a session lives are forgotten; residents’ are kept', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db));
  const agent = await visitor();
  await add(agent, { offer_id: offer, quantity: '1' });
  const resident = await makeResident(ctx.db, ctx.config);
  const kept = new Agent(ctx.app);
  await kept.login(resident.email, resident.password);
  await add(kept, { offer_id: offer, quantity: '1' });
  const maxAge = ctx.config.sessionMaxAgeSeconds;
  assert.equal(await forgetAbandonedBaskets(ctx.db, maxAge), 0);
  const later = new Date(nowMs() + (maxAge + 60) * 1000).toISOString();
  assert.ok((await forgetAbandonedBaskets(ctx.db, maxAge, later)) >= 1);
  assert.equal((await ctx.db.selectFrom('basket_lines').select('id').where('offer_id', '=', offer).where('owner_key', 'like', 'visitor:%').execute()).length, 0);
  assert.equal((await linesOf(`account:${resident.account.id}`)).length, 1);
});

test('accounts other than residents have no basket', async () => {
  const offer = await makeOffer(ctx.db, await makeShop(ctx.db));
  const concierge = await makeAccount(ctx.db, ctx.config, 'concierge');
  const agent = new Agent(ctx.app);
  await agent.login(concierge.email, concierge.password);
  const response = await add(agent, { offer_id: offer, quantity: '1' });
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /Le panier sert aux adhérents/);
});

test('after adding, the form may bring the resident back to one of our shop or offer pages, never elsewhere', async () => {
  const shop = await makeShop(ctx.db, { tradeName: 'Cave du Port' });
  const bottle = await makeOffer(ctx.db, shop, { title: 'Bandol rouge', priceCents: 1850 });
  const agent = await visitor();

  const toOffer = await add(agent, { offer_id: bottle, quantity: '1', retour: `/offres/${bottle}` });
  assert.equal(toOffer.headers.location, `/offres/${bottle}`);
  assert.match(visibleText((await agent.get(`/offres/${bottle}`)).body), /C’est dans votre panier \(1 article, 18,50 €\)/);

  for (const retour of ['https://example.com/', '//example.com/commerces', 'javascript:alert(1)', '/commerces/../connexion', `/offres/${bottle}?x=1`, '/compte', ' /commerces']) {
    const response = await add(agent, { offer_id: bottle, quantity: '1', retour });
    assert.equal(response.statusCode, 303, retour);
    assert.equal(response.headers.location, `/commerces/${shop}`, `« ${retour} » is ignored for the shop's page`);
  }
  // A return field too long for the schema is refused like any bad field, with the form again.
  const tooLong = await add(agent, { offer_id: bottle, quantity: '1', retour: `/${'x'.repeat(400)}` });
  assert.equal(tooLong.statusCode, 422);
});
