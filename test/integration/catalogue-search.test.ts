// Search through the full-text index (migration 0023), by real HTTP requests on a fresh
// database of the dialect under test: the shops and offers of the demo that matter for « vin »
// and « bouteille », built with the factories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, createTestDatabase } from '../helpers/app.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { visibleText } from '../helpers/text.ts';
import type { Db } from '../../src/db/index.ts';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.ts';
import { newId } from '../../src/platform/ids.ts';
import { sql } from 'kysely';
import { searchCatalogue } from '../../src/catalogue/index.ts';
import { getShop, updateShopIdentity } from '../../src/shops/index.ts';
import { updateOffer } from '../../src/catalogue/catalogue.portal.service.ts';
import type { OfferInput } from '../../src/catalogue/catalogue.rules.ts';

const CONCIERGE = { id: 'test', email: 'test@exemple.fr', role: 'concierge', displayName: 'Test', shopId: null, memberId: null } as const;

/** The demo's wine shops and the offers a substring search used to confuse with them. */
async function townWithWine(db: Db) {
  const cave = await makeShop(db, { tradeName: 'La Cave d’Istres', categoryCode: 'cave' });
  const cellier = await makeShop(db, { tradeName: 'Le Cellier Provençal', categoryCode: 'cave' });
  const traiteur = await makeShop(db, { tradeName: 'Épicerie Fine du Cours', categoryCode: 'alimentation' });
  const books = await makeShop(db, { tradeName: 'Librairie des Arènes', categoryCode: 'librairie' });
  const engraver = await makeShop(db, { tradeName: 'Cordonnerie du Centre', categoryCode: 'cordonnerie' });
  const cheese = await makeShop(db, { tradeName: 'Fromagerie Lou Cabanoun', categoryCode: 'fromagerie' });
  const prospect = await makeShop(db, { tradeName: 'Cave Prospect', categoryCode: 'cave', stage: 'prospect' });
  const bottle = { unit: 'la bouteille 75 cl', measureAmount: 750, measureUnit: 'ml' } as const;
  const wines = [
    await makeOffer(db, cave, { title: 'Côtes de Provence rosé', description: 'Rosé pâle et frais d’un domaine de la Sainte-Victoire.', ...bottle }),
    await makeOffer(db, cave, { title: 'Coteaux d’Aix-en-Provence rouge', description: 'Grenache et syrah, souple et épicé.', ...bottle }),
    await makeOffer(db, cave, { title: 'Bandol rouge', description: 'Mourvèdre de garde, à ouvrir une heure avant le repas.', ...bottle }),
    await makeOffer(db, cave, { title: 'Coffret découverte de trois vins de Provence', description: 'Un rosé, un blanc et un rouge.', unit: 'le coffret' }),
    await makeOffer(db, cellier, { title: 'Pastis artisanal', description: 'Distillé en Provence, à l’anis vert.', unit: 'la bouteille 70 cl' }),
    await makeOffer(db, cellier, { title: 'Bières de la Crau', description: 'Trois bières blondes brassées à Saint-Martin.', unit: 'les 3 bouteilles' }),
  ];
  const others = {
    daube: await makeOffer(db, traiteur, { title: 'Daube provençale pour 4', description: 'Bœuf mijoté au vin rouge, à réchauffer.', unit: 'la terrine' }),
    juice: await makeOffer(db, traiteur, { title: 'Jus de pomme artisanal', description: 'Pommes pressées sans sucre ajouté.', unit: 'la bouteille de 1 L' }),
    book: await makeOffer(db, books, { title: 'Balades autour de l’étang de Berre', description: 'Vingt promenades à pied et à vélo.', unit: 'le livre' }),
    engraving: await makeOffer(db, engraver, { title: 'Gravure sur bijou', description: 'Prénom ou date, jusqu’à vingt caractères.', unit: 'la prestation' }),
    tomme: await makeOffer(db, cheese, { title: 'Tomme de brebis', description: 'Affinée deux mois.', unit: 'les 250 g' }),
    paused: await makeOffer(db, cave, { title: 'Vin de pays en pause', availability: 'paused', ...bottle }),
    hidden: await makeOffer(db, prospect, { title: 'Vin d’un commerce pas encore adhérent', ...bottle }),
  };
  return { shops: { cave, cellier, cheese }, wines, others };
}

/** Offer ids on a search page, in the order shown (a card may link to its offer twice). */
async function searchPage(app: Awaited<ReturnType<typeof buildTestApp>>['app'], query: string): Promise<string[]> {
  const response = await app.inject({ url: '/recherche', query: { q: query } });
  assert.equal(response.statusCode, 200, `« ${query} » answers ${response.statusCode}`);
  const ids = [...response.body.matchAll(/href="\/offres\/([^"/?#]+)"/g)].map((match) => match[1]);
  return [...new Set(ids)];
}

test('« vin » finds every offer of every wine shop first, then the daube, and no « vingt »', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const { wines, others } = await townWithWine(db);

  const found = await searchPage(app, 'vin');
  assert.deepEqual(new Set(found.slice(0, wines.length)), new Set(wines), 'the wine shops’ offers come first');
  assert.deepEqual(found.slice(wines.length), [others.daube], 'then the daube, whose description says « vin rouge »');
  // A title hit (« trois vins ») ranks before the offers found by their shop's category.
  assert.equal(found[0], wines[3]);
});

test('« vins », « Vin », « VÍN » and « vín » find the same offers in the same order as « vin »', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  await townWithWine(db);

  const expected = await searchPage(app, 'vin');
  assert.equal(expected.length, 7);
  for (const query of ['vins', 'Vin', 'VÍN', 'vín', '  vins  ']) {
    assert.deepEqual(await searchPage(app, query), expected, `« ${query} »`);
  }
});

test('« bouteille » and « bouteilles » find the offers sold by the bottle, whatever the shop', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const { wines, others } = await townWithWine(db);
  const byTheBottle = [wines[0], wines[1], wines[2], wines[4], wines[5], others.juice];

  for (const query of ['bouteille', 'bouteilles', 'Bouteille']) {
    assert.deepEqual(new Set(await searchPage(app, query)), new Set(byTheBottle), `« ${query} »`);
  }
});

test('a word of a shop’s name finds its offers; several words must all be found', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const { wines, others } = await townWithWine(db);

  assert.deepEqual(await searchPage(app, 'Cabanoun'), [others.tomme]);
  assert.deepEqual(new Set(await searchPage(app, 'cellier')), new Set([wines[4], wines[5]]));
  assert.deepEqual(new Set(await searchPage(app, 'rouge vin')), new Set([wines[1], wines[2], wines[3], others.daube]));
  // « fromage » is the start of « Fromagerie », the shop's name and category.
  assert.deepEqual(await searchPage(app, 'fromage'), [others.tomme]);
  assert.deepEqual(await searchPage(app, 'chaussure'), []);
});

test('paused offers and offers of shops that are not members are never found', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const { others } = await townWithWine(db);

  const found = await searchPage(app, 'vin pays');
  assert.deepEqual(found, []);
  for (const query of ['vin', 'adherent', 'pause', 'prospect']) {
    const ids = await searchPage(app, query);
    assert.ok(!ids.includes(others.paused) && !ids.includes(others.hidden), `« ${query} » shows a hidden offer`);
  }
});

test('queries with search syntax, punctuation or only little words answer a page, never an error', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const { wines } = await townWithWine(db);

  for (const query of ['"vin* OR (', 'NEAR(vin', 'vin AND', '*', '"', '(', ')', ':', "d'", 'title:vin', '{title}: vin', '\\']) {
    await searchPage(app, query);
  }
  for (const query of ['-vin', '^vin', 'vin"*', '"vin"', '+vin+']) {
    assert.ok((await searchPage(app, query)).includes(wines[0]), `« ${query} » looks for « vin »`);
  }
  const punctuation = await app.inject({ url: '/recherche', query: { q: '?!…' } });
  assert.equal(punctuation.statusCode, 200);
  assert.doesNotMatch(visibleText(punctuation.body), /rien trouvé/);
  const littleWords = await app.inject({ url: '/recherche', query: { q: 'de la' } });
  assert.equal(littleWords.statusCode, 200);
  assert.deepEqual(await searchPage(app, 'de la'), []);
});

test('the index follows a renamed offer, a renamed shop and a renamed category', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const { shops, others } = await townWithWine(db);

  const tomme = { title: 'Tomme de chèvre', description: 'Affinée deux mois.', priceCents: 1250, vatRateBp: 550, unit: 'les 250 g' };
  await updateOffer(db, CONCIERGE, shops.cheese, others.tomme, { ...tomme, measureAmount: null, measureUnit: null, availability: 'in_stock', leadTimeDays: 0, loadClass: 'small' } as OfferInput);
  assert.deepEqual(await searchPage(app, 'chevre'), [others.tomme]);
  assert.deepEqual(await searchPage(app, 'brebis'), []);

  const cheese = await getShop(db, shops.cheese);
  await updateShopIdentity(db, CONCIERGE, shops.cheese, { ...cheese, tradeName: 'Fromagerie Lou Pastre' });
  assert.deepEqual(await searchPage(app, 'pastre'), [others.tomme]);
  assert.deepEqual(await searchPage(app, 'cabanoun'), []);

  await db.updateTable('categories').set({ label: 'Crèmerie' }).where('code', '=', 'fromagerie').execute();
  assert.deepEqual(await searchPage(app, 'cremerie'), [others.tomme]);
});

test('the API searches the same way, with its count and pages', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const { wines, others } = await townWithWine(db);

  const page = (await app.inject('/api/v1/offers?q=vins')).json();
  assert.equal(page.total, wines.length + 1);
  assert.deepEqual(
    page.offers.map((offer: { id: string }) => offer.id),
    await searchPage(app, 'vin'),
  );
  const inCategory = (await app.inject('/api/v1/offers?q=vin&category=alimentation')).json();
  assert.deepEqual(inCategory.offers.map((offer: { id: string }) => offer.id), [others.daube]);
  assert.equal((await app.inject(`/api/v1/offers?q=${encodeURIComponent('"vin* OR (')}`)).statusCode, 200);
});

/** An offer as the schema of 0022 stores it (with the folded text column 0025 drops): the service writes today's schema. */
async function insertOfferAt0022(db: Db, shopId: string, title: string, unit: string): Promise<string> {
  const id = newId();
  const now = '2026-11-02T09:00:00.000Z';
  await sql`
    insert into offers (id, shop_id, title, description, image_id, price_cents, vat_rate_bp, unit, measure_amount, measure_unit, availability, lead_time_days, position, search_text, created_at, updated_at)
    values (${id}, ${shopId}, ${title}, '', null, 1250, 2000, ${unit}, null, null, 'in_stock', 0, 1, ${title.toLowerCase()}, ${now}, ${now})
  `.execute(db);
  return id;
}

/** A member shop as a database at 0022 held it (the factories write tables of later migrations). */
async function insertShopAt0022(db: Db, tradeName: string): Promise<string> {
  const id = newId();
  const now = '2026-11-02T09:00:00.000Z';
  await sql`insert into categories (code, label, position) values ('cave', 'Cave à vins', 1)`.execute(db);
  await sql`
    insert into shops (id, trade_name, legal_name, siret, category_code, address_line, postal_code, city, latitude, longitude, phone, email, description, image_id, stage, stage_changed_at, joined_at, search_text, created_at, updated_at, account_code)
    values (${id}, ${tradeName}, ${tradeName}, null, 'cave', '1 rue Centrale', '13800', 'Istres', null, null, null, null, '', null, 'member', ${now}, ${now}, ${tradeName.toLowerCase()}, ${now}, ${now}, 'C9001')
  `.execute(db);
  return id;
}

test('0023 indexes the offers already there, and can be undone and done again', async (t) => {
  const database = await createTestDatabase({ migrate: false });
  t.after(database.drop);
  const db = database.db;
  await migrateTo(db, '0022_statement_carried_into');
  const cave = await insertShopAt0022(db, 'La Cave d’Istres');
  const rose = await insertOfferAt0022(db, cave, 'Côtes de Provence rosé', 'la bouteille 75 cl');

  assert.ok((await migrateToLatest(db)).includes('0023_search_index'));
  const titles = async (query: string) => (await searchCatalogue(db, query)).offers.map((card) => card.offer.id);
  assert.deepEqual(await titles('vins'), [rose]);
  assert.deepEqual(await titles('bouteilles'), [rose]);

  await migrateTo(db, '0022_statement_carried_into');
  await migrateToLatest(db);
  assert.deepEqual(await titles('istres'), [rose]);
});
