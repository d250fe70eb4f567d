// The public catalogue through real HTTP requests: home, shops, categories, storefronts,
// offer pages and search, on a fresh database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp } from '../helpers/app.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer, makePhoto } from '../helpers/catalogue.ts';
import { setOpeningHours } from '../../src/shops/index.ts';
import { orderableOffers } from '../../src/catalogue/index.ts';
import { plain } from '../helpers/text.ts';

const CONCIERGE = { id: 'test', email: 'test@exemple.fr', role: 'concierge', displayName: 'Test', shopId: null, memberId: null } as const;

/** Text of a page with the French narrow spaces made plain, for simple matching. */
function text(body: string): string {
  return body.replace(/[\u00a0\u202f]/g, ' ');
}

function h1Count(body: string): number {
  return (body.match(/<h1[\s>]/g) ?? []).length;
}

test('the home page explains the service and shows new offers, categories and shops of members only', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const cheese = await makeShop(db, { tradeName: 'Fromagerie du Marché', categoryCode: 'fromagerie' });
  const wine = await makeShop(db, { tradeName: 'Cave Saint-Étienne', categoryCode: 'cave' });
  const prospect = await makeShop(db, { tradeName: 'Boutique Prospect', stage: 'prospect' });
  await makeOffer(db, cheese, { title: 'Plateau de fromages' });
  await makeOffer(db, wine, { title: 'Rosé de Provence' });
  await makeOffer(db, wine, { title: 'Offre en pause', availability: 'paused' });
  await makeOffer(db, prospect, { title: 'Offre cachée' });

  const response = await app.inject('/');
  assert.equal(response.statusCode, 200);
  const body = text(response.body);
  assert.equal(h1Count(body), 1);
  assert.match(plain(body), /12 h et 14 h ou entre 18 h et 20 h/);
  assert.match(body, /adhésion est gratuite/);
  assert.match(body, /Plateau de fromages/);
  assert.match(body, /Rosé de Provence/);
  assert.doesNotMatch(body, /Offre en pause/);
  assert.doesNotMatch(body, /Offre cachée|Boutique Prospect/);
  assert.match(body, /href="\/categories\/fromagerie">Fromagerie \(1\)/);
  assert.match(body, /href="\/categories\/cave">Cave à vins \(1\)/);
  assert.doesNotMatch(body, /href="\/categories\/librairie"/);
  assert.match(body, new RegExp(`href="/commerces/${cheese}"`));
});

test('the shop list shows member shops by name, 20 a page, and a page past the end is 404', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  for (let index = 1; index <= 21; index += 1) await makeShop(db, { tradeName: `Commerce ${String(index).padStart(2, '0')}` });
  await makeShop(db, { tradeName: 'Ancien commerce', stage: 'left' });

  const first = await app.inject('/commerces');
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /21 commerces du centre-ville/);
  assert.match(first.body, /Commerce 01/);
  assert.match(first.body, /Commerce 20/);
  assert.doesNotMatch(first.body, /Commerce 21|Ancien commerce/);
  assert.match(first.body, /href="\/commerces\?page=2"/);
  const second = await app.inject('/commerces?page=2');
  assert.match(second.body, /Commerce 21/);
  assert.match(second.body, /Page 2 sur 2/);
  assert.equal((await app.inject('/commerces?page=3')).statusCode, 404);
});

test('a category page lists its member shops and their offers; an unknown category is 404', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const cheese = await makeShop(db, { tradeName: 'Fromagerie du Marché', categoryCode: 'fromagerie' });
  await makeShop(db, { tradeName: 'Librairie des Arènes', categoryCode: 'librairie' });
  await makeOffer(db, cheese, { title: 'Plateau de fromages' });

  const response = await app.inject('/categories/fromagerie');
  assert.equal(response.statusCode, 200);
  assert.equal(h1Count(response.body), 1);
  assert.match(response.body, /<h1>Fromagerie<\/h1>/);
  assert.match(response.body, /Fromagerie du Marché/);
  assert.match(response.body, /Plateau de fromages/);
  assert.doesNotMatch(response.body, /Librairie des Arènes/);
  assert.equal((await app.inject('/categories/inconnue')).statusCode, 404);
});

test('a storefront shows its identity, opening hours and listed offers in position order', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db, { tradeName: 'Poissonnerie Martin', categoryCode: 'poissonnerie', description: 'Poisson du golfe de Fos.', phone: '04 42 11 22 33' });
  await setOpeningHours(db, CONCIERGE, shop, [
    { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
    { weekday: 1, opensAt: '14:30', closesAt: '19:00' },
    { weekday: 6, opensAt: '08:00', closesAt: '13:00' },
  ]);
  await makeOffer(db, shop, { title: 'Premier plateau' });
  await makeOffer(db, shop, { title: 'Second plateau' });
  await makeOffer(db, shop, { title: 'Plateau en pause', availability: 'paused' });

  const response = await app.inject(`/commerces/${shop}`);
  assert.equal(response.statusCode, 200);
  const body = text(response.body);
  assert.equal(h1Count(body), 1);
  assert.match(body, /<h1>Poissonnerie Martin<\/h1>/);
  assert.match(body, /Poisson du golfe de Fos\./);
  assert.match(body, /href="\/categories\/poissonnerie">Poissonnerie</);
  assert.match(body, /href="tel:0442112233"/);
  assert.match(plain(body), /lundi : 9 h – 12 h, 14 h 30 – 19 h/);
  assert.match(plain(body), /samedi : 8 h – 13 h/);
  assert.match(plain(body), /dimanche : fermé/);
  assert.ok(body.indexOf('Premier plateau') < body.indexOf('Second plateau'));
  assert.doesNotMatch(body, /Plateau en pause/);
  // No photo: the decorative placeholder, with an empty alt.
  assert.match(body, /<img src="\/static\/placeholder.svg" alt(="")? /);
});

test('an offer page shows price, unit, price per kg, VAT rate and availability, with a link to its shop', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db, { tradeName: 'Fromagerie du Marché' });
  const offer = await makeOffer(db, shop, {
    title: 'Plateau de fromages',
    priceCents: 4500,
    unit: 'le plateau pour 4',
    measureAmount: 1500,
    measureUnit: 'g',
    availability: 'made_to_order',
    leadTimeDays: 2,
    photo: await makePhoto(),
  });

  const response = await app.inject(`/offres/${offer}`);
  assert.equal(response.statusCode, 200);
  const body = text(response.body);
  assert.equal(h1Count(body), 1);
  assert.match(body, /45,00 €<\/span> le plateau pour 4/);
  assert.match(body, /30,00 € le kg/);
  assert.match(plain(body), /Quantité nette : 1,5 kg/);
  assert.match(plain(body), /TVA comprise : 5,5 %/);
  assert.match(plain(body), /Sur commande : prêt en 2 jours/);
  assert.match(body, new RegExp(`href="/commerces/${shop}">Fromagerie du Marché`));
  assert.match(body, /<img src="\/images\/[0-9a-f-]+\.jpg" alt="Plateau de fromages"/);
});

test('a paused offer keeps its page, marked unavailable; a withdrawn one is gone', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const paused = await makeOffer(db, shop, { title: 'Bûche de Noël', availability: 'paused' });
  const withdrawn = await makeOffer(db, shop, { title: 'Galette' });
  await db.updateTable('offers').set({ availability: 'withdrawn' }).where('id', '=', withdrawn).execute();

  const response = await app.inject(`/offres/${paused}`);
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /Momentanément indisponible/);
  assert.equal((await app.inject(`/offres/${withdrawn}`)).statusCode, 404);
});

test('a shop that is not a member has no public storefront and no public offer', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  for (const stage of ['prospect', 'contacted', 'inactive', 'left'] as const) {
    const shop = await makeShop(db, { stage: 'prospect' });
    const offer = await makeOffer(db, shop);
    await db.updateTable('shops').set({ stage }).where('id', '=', shop).execute();
    assert.equal((await app.inject(`/commerces/${shop}`)).statusCode, 404, stage);
    assert.equal((await app.inject(`/offres/${offer}`)).statusCode, 404, stage);
  }
  assert.equal((await app.inject('/commerces/pas-un-identifiant')).statusCode, 404);
  assert.equal((await app.inject('/offres/01a00000-0000-7000-8000-000000000000')).statusCode, 404);
});

test('search ignores accents and case, looks into shop names, offer titles and descriptions', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const cheese = await makeShop(db, { tradeName: 'Fromagerie Éric', categoryCode: 'fromagerie' });
  const coffee = await makeShop(db, { tradeName: 'Brûlerie du Port', categoryCode: 'alimentation' });
  const hidden = await makeShop(db, { tradeName: 'Fromages Prospect', stage: 'prospect' });
  await makeOffer(db, coffee, { title: 'Café moulu', description: 'Arabica d’Éthiopie torréfié sur place.' });
  await makeOffer(db, cheese, { title: 'Plateau apéritif', description: 'Comté, tomme et chèvre.' });
  await makeOffer(db, hidden, { title: 'Fromage caché' });

  const cheeseSearch = await app.inject(`/recherche?q=${encodeURIComponent('fromage')}`);
  assert.equal(cheeseSearch.statusCode, 200);
  assert.match(cheeseSearch.body, /Fromagerie Éric/);
  assert.match(cheeseSearch.body, /Plateau apéritif/, 'an offer is found by its shop name');
  assert.doesNotMatch(cheeseSearch.body, /Fromages Prospect|Fromage caché/);

  const coffeeSearch = await app.inject('/recherche?q=cafe');
  assert.match(coffeeSearch.body, /Café moulu/);
  const upper = await app.inject(`/recherche?q=${encodeURIComponent('ÉTHIOPIE')}`);
  assert.match(upper.body, /Café moulu/, 'found by its description, accents and case ignored');
  const twoWords = await app.inject(`/recherche?q=${encodeURIComponent('comte chevre')}`);
  assert.match(twoWords.body, /Plateau apéritif/);
  assert.doesNotMatch(twoWords.body, /Café moulu/);
  const wildcard = await app.inject(`/recherche?q=${encodeURIComponent('100%')}`);
  assert.equal(wildcard.statusCode, 200);
  assert.doesNotMatch(wildcard.body, /Café moulu/);
});

test('an empty search shows the form only; a search without result says so and offers the phone', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  await makeOffer(db, await makeShop(db), { title: 'Plateau' });

  const empty = await app.inject('/recherche');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /<input id="champ-q" name="q" type="search"/);
  assert.doesNotMatch(empty.body, /Nous n’avons rien trouvé/);
  assert.doesNotMatch(empty.body, /Plateau/);

  const none = await app.inject('/recherche?q=parapluie');
  assert.equal(none.statusCode, 200);
  assert.match(plain(none.body), /Nous n’avons rien trouvé pour « parapluie »/);
  assert.match(none.body, /appelez la conciergerie/);
  assert.match(none.body, /value="parapluie"/);
});

test('only listed offers of member shops can be ordered', async (t) => {
  const { db, close } = await buildTestApp();
  t.after(close);
  const member = await makeShop(db);
  const prospect = await makeShop(db, { stage: 'prospect' });
  const listed = await makeOffer(db, member, { title: 'En stock' });
  const onOrder = await makeOffer(db, member, { title: 'Sur commande', availability: 'made_to_order', leadTimeDays: 2 });
  const paused = await makeOffer(db, member, { title: 'En pause', availability: 'paused' });
  const hidden = await makeOffer(db, prospect, { title: 'Chez un prospect' });

  const offers = await orderableOffers(db, [listed, onOrder, paused, hidden, '01a00000-0000-7000-8000-000000000000']);
  assert.deepEqual(offers.map((offer) => offer.id).sort(), [listed, onOrder].sort());
  assert.deepEqual(await orderableOffers(db, []), []);
});

test('the photo guide gives merchants six short points, each with a named drawing', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  const response = await app.inject('/guide-photo');
  assert.equal(response.statusCode, 200);
  assert.equal(h1Count(response.body), 1);
  assert.match(text(response.body), /<h1>Bien photographier vos produits<\/h1>/);
  assert.equal((response.body.match(/<h2>/g) ?? []).length, 6);
  assert.equal((response.body.match(/<svg [^>]*role="img" aria-label="[^"]+"/g) ?? []).length, 6);
});

test('cards are one link each, named by the title, and the home page tells visitors that membership is free', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db, { tradeName: 'Fromagerie du Marché' });
  const offer = await makeOffer(db, shop, { title: 'Tomme de Provence' });
  const home = await app.inject('/');
  const card = /<li class="card card--linked" id="offre-[^"]+">([\s\S]*?)<\/li>/.exec(home.body);
  assert.ok(card, 'the offer has a card');
  assert.deepEqual(card[1].match(/<a [^>]*>[^<]*<\/a>/g), [`<a href="/offres/${offer}" class="card__link">Tomme de Provence</a>`]);
  assert.match(text(home.body), /Pour commander, il faut être adhérent : c’est gratuit\./);
  assert.match(home.body, /href="\/adhesion"/);
});
