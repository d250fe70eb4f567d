// Adding a shop to the directory and correcting its identity: every check says what is
// wrong next to the field and keeps what was typed; a double submission creates one shop.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { ensureCategories, makeShop } from '../helpers/shops.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;

before(async () => {
  ctx = await buildTestApp();
  await ensureCategories(ctx.db);
  concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

/** A complete, valid form as a concierge would fill it. */
async function newShopForm(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  await concierge.get('/gestion/commerces/nouveau');
  const key = /name="idempotency_key" value="([^"]+)"/.exec(concierge.lastHtml)?.[1];
  assert.ok(key, 'the form carries an idempotency key');
  return {
    idempotency_key: key,
    independent: 'oui',
    trade_name: 'La Cave d’Édouard',
    legal_name: 'SARL Édouard et Fils',
    siret: '732 829 320 00074',
    category_code: 'cave',
    address_line: '4 place de l’Église',
    postal_code: '13800',
    city: 'Istres',
    latitude: '43,5150',
    longitude: '4,9876',
    phone: '04.42.55.12.34',
    email: 'Contact@Cave-Edouard.fr',
    description: 'Vins de Provence et d’ailleurs.',
    ...overrides,
  };
}

async function shopCount(): Promise<number> {
  const row = await ctx.db.selectFrom('shops').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

test('the form offers the categories and the independence question', async () => {
  const response = await concierge.get('/gestion/commerces/nouveau');
  assert.equal(response.statusCode, 200);
  assert.match(plain(response.body), /Ce commerce est-il un commerce indépendant \?/);
  assert.match(response.body, /<option value="cave">Cave à vins<\/option>/);
  assert.match(response.body, /Conciergerie.*Commerces.*Ajouter un commerce/s);
});

test('a valid shop is created as a prospect, normalised, and shown on its page', async () => {
  const form = await newShopForm();
  const response = await concierge.post('/gestion/commerces/nouveau', form);
  assert.equal(response.statusCode, 303);
  const location = String(response.headers.location);
  assert.match(location, /^\/gestion\/commerces\/[0-9a-f-]{36}$/);
  const row = await ctx.db.selectFrom('shops').selectAll().where('id', '=', location.split('/').pop()!).executeTakeFirstOrThrow();
  assert.equal(row.siret, '73282932000074');
  assert.equal(row.phone, '04 42 55 12 34');
  assert.equal(row.email, 'contact@cave-edouard.fr');
  assert.equal(row.stage, 'prospect');
  assert.equal(Number(row.latitude), 43.515);
  const page = await concierge.get(location);
  assert.match(page.body, /Commerce enregistré/);
  assert.match(page.body, /<h1>La Cave d’Édouard<\/h1>/);
  assert.match(page.body, /732 829 320 00074/);
  assert.match(plain(page.body), /Étape actuelle : À contacter/);
  assert.match(page.body, /Marquer comme contacté/);
  assert.match(page.body, /Valider l’adhésion/);
  assert.match(page.body, /href="\/boutique\/[0-9a-f-]{36}"/);
  assert.doesNotMatch(page.body, /Voir la vitrine publique/);
});

test('a double submission of the same form creates one shop', async () => {
  const form = await newShopForm({ siret: '', trade_name: 'Librairie du Cours' , category_code: 'librairie' });
  const before = await shopCount();
  const [first, second] = await Promise.all([concierge.post('/gestion/commerces/nouveau', form), concierge.post('/gestion/commerces/nouveau', form)]);
  const third = await concierge.post('/gestion/commerces/nouveau', form);
  assert.equal(first.statusCode, 303);
  assert.equal(second.statusCode, 303);
  assert.equal(third.statusCode, 303);
  assert.equal(first.headers.location, second.headers.location);
  assert.equal(first.headers.location, third.headers.location);
  assert.equal(await shopCount(), before + 1);
});

test('an invalid SIRET is refused next to its field, everything typed is kept', async () => {
  const before = await shopCount();
  const form = await newShopForm({ siret: '732 829 320 00075', trade_name: 'Chocolats Amélie', category_code: 'chocolaterie' });
  const response = await concierge.post('/gestion/commerces/nouveau', form);
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-siret">.*Ce numéro SIRET n’est pas valable/);
  assert.match(response.body, /value="Chocolats Amélie"/);
  assert.match(response.body, /value="732 829 320 00075"/);
  assert.match(response.body, /<option value="chocolaterie" selected>/);
  assert.match(response.body, new RegExp(`name="idempotency_key" value="${form.idempotency_key}"`));
  assert.equal(await shopCount(), before);
});

test('a SIRET already recorded for another shop is refused', async () => {
  await makeShop(ctx.db, { siret: '44306184100047', tradeName: 'Déjà là' });
  const response = await concierge.post('/gestion/commerces/nouveau', await newShopForm({ siret: '443 061 841 00047' }));
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-siret">.*Ce numéro SIRET est déjà enregistré pour un autre commerce/);
});

test('a chain is refused with a clear message next to the question', async () => {
  const before = await shopCount();
  const response = await concierge.post('/gestion/commerces/nouveau', await newShopForm({ independent: 'non', trade_name: 'Supermarché Géant' }));
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-independent">.*les enseignes de grande distribution et les chaînes ne peuvent pas adhérer/);
  assert.match(response.body, /value="Supermarché Géant"/);
  assert.equal(await shopCount(), before);
  // Without an answer the question is required.
  const form = await newShopForm();
  delete form.independent;
  const unanswered = await concierge.post('/gestion/commerces/nouveau', form);
  assert.match(unanswered.body, /id="erreur-independent">.*Ce champ est obligatoire/);
});

test('several mistakes at once are all reported with their French message', async () => {
  const response = await concierge.post(
    '/gestion/commerces/nouveau',
    await newShopForm({ postal_code: '138', phone: '12', email: 'pas-une-adresse', latitude: '123', category_code: '', trade_name: '' }),
  );
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-postal_code">.*Indiquez un code postal à 5 chiffres/);
  assert.match(response.body, /id="erreur-phone">.*Indiquez un numéro de téléphone français/);
  assert.match(response.body, /id="erreur-email">.*Indiquez une adresse e-mail valable/);
  assert.match(response.body, /id="erreur-category_code">.*Ce champ est obligatoire/);
  assert.match(response.body, /id="erreur-trade_name">.*Ce champ est obligatoire/);
  const coordinates = await concierge.post('/gestion/commerces/nouveau', await newShopForm({ latitude: '123', category_code: 'inconnue' }));
  assert.match(coordinates.body, /id="erreur-latitude">.*Indiquez un nombre en degrés/);
  const category = await concierge.post('/gestion/commerces/nouveau', await newShopForm({ category_code: 'inconnue', siret: '' }));
  assert.match(category.body, /id="erreur-category_code">.*Choisissez une catégorie de la liste/);
});

test('an unknown field is rejected and never stored', async () => {
  const before = await shopCount();
  const response = await concierge.post('/gestion/commerces/nouveau', await newShopForm({ stage: 'member', trade_name: 'Intrus' }));
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /Le formulaire contient un champ inattendu/);
  assert.equal(await shopCount(), before);
});

test('editing the identity checks everything again and keeps values on error', async () => {
  const id = await makeShop(ctx.db, { tradeName: 'Cordonnerie Martin', categoryCode: 'cordonnerie' });
  const edit = await concierge.get(`/gestion/commerces/${id}/modifier`);
  assert.equal(edit.statusCode, 200);
  assert.match(edit.body, /value="Cordonnerie Martin"/);
  assert.doesNotMatch(plain(edit.body), /commerce indépendant \?/);
  const fields = {
    trade_name: 'Cordonnerie Martin & Fille',
    legal_name: 'EURL Martin',
    siret: '12345678901234',
    category_code: 'cordonnerie',
    address_line: '8 rue Hôtel de Ville',
    postal_code: '13800',
    city: 'Istres',
    latitude: '',
    longitude: '',
    phone: '+33 4 42 11 22 33',
    email: '',
    description: '',
  };
  const refused = await concierge.post(`/gestion/commerces/${id}/modifier`, fields);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /id="erreur-siret">/);
  assert.match(refused.body, /value="Cordonnerie Martin &amp; Fille"/);
  const saved = await concierge.post(`/gestion/commerces/${id}/modifier`, { ...fields, siret: '55210055400013' });
  assert.equal(saved.statusCode, 303);
  const row = await ctx.db.selectFrom('shops').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.trade_name, 'Cordonnerie Martin & Fille');
  assert.equal(row.phone, '04 42 11 22 33');
  assert.equal(row.email, null);
  assert.equal(row.latitude, null);
  // The new name is found by the directory search.
  const search = await concierge.get('/gestion/commerces?q=martin%20fille');
  assert.match(search.body, /Cordonnerie Martin &amp; Fille/);
});
