// The merchant's storefront editor, through the real forms (multipart, CSRF, session).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer, makePhoto } from '../helpers/catalogue.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { plain } from '../helpers/text.ts';

async function loggedIn(app: FastifyInstance, db: Db, config: Config, role: 'merchant' | 'concierge' | 'resident', shopId?: string): Promise<Agent> {
  const account = await makeAccount(db, config, role, { shopId });
  const agent = new Agent(app);
  await agent.login(account.email, account.password);
  return agent;
}

function offerFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Plateau de fruits de mer',
    description: 'Huîtres de Bouzigues, crevettes, bulots.',
    price: '45,00',
    vat_rate: '550',
    unit: 'le plateau pour 4',
    measure_amount: '',
    measure_unit: '',
    availability: 'in_stock',
    lead_time_days: '',
    ...overrides,
  };
}

/** Opens the new-offer form (for its CSRF token) and returns its idempotency key. */
async function openNewOfferForm(agent: Agent, shopId: string): Promise<string> {
  const page = await agent.get(`/boutique/${shopId}/offres/nouvelle`);
  assert.equal(page.statusCode, 200);
  const match = /name="idempotency_key" value="([^"]+)"/.exec(page.body);
  assert.ok(match, 'the form carries an idempotency key');
  return match[1];
}

async function offersOf(db: Db, shopId: string) {
  return db.selectFrom('offers').selectAll().where('shop_id', '=', shopId).orderBy('position').execute();
}

test('"Ma boutique" leads a merchant to its shop, the concierge to the directory, others nowhere', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const merchant = await loggedIn(app, db, config, 'merchant', shop);
  const mine = await merchant.get('/boutique');
  assert.equal(mine.statusCode, 303);
  assert.equal(mine.headers.location, `/boutique/${shop}`);

  const concierge = await loggedIn(app, db, config, 'concierge');
  assert.equal((await concierge.get('/boutique')).headers.location, '/gestion/commerces');
  const resident = await loggedIn(app, db, config, 'resident');
  assert.equal((await resident.get('/boutique')).statusCode, 404);
  assert.equal((await resident.get(`/boutique/${shop}`)).statusCode, 404);
  const visitor = await new Agent(app).get(`/boutique/${shop}`);
  assert.equal(visitor.statusCode, 303);
  assert.match(String(visitor.headers.location), /^\/connexion\?retour=/);
});

test('the overview lists the offers with their availability and the links to manage the storefront', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db, { tradeName: 'Poissonnerie Martin' });
  const first = await makeOffer(db, shop, { title: 'Plateau royal', availability: 'made_to_order', leadTimeDays: 2 });
  await makeOffer(db, shop, { title: 'Soupe de poissons', availability: 'paused' });
  const merchant = await loggedIn(app, db, config, 'merchant', shop);

  const page = await merchant.get(`/boutique/${shop}`);
  assert.equal(page.statusCode, 200);
  assert.equal((page.body.match(/<h1[\s>]/g) ?? []).length, 1);
  assert.match(plain(page.body), /Ma boutique : Poissonnerie Martin/);
  assert.match(page.body, /Mes offres \(2 sur 12\)/);
  assert.match(plain(page.body), /Sur commande : prêt en 2 jours/);
  assert.match(page.body, /Momentanément indisponible/);
  assert.match(page.body, new RegExp(`href="/boutique/${shop}/offres/${first}"`));
  assert.match(page.body, new RegExp(`href="/boutique/${shop}/offres/nouvelle"`));
  assert.match(page.body, new RegExp(`href="/boutique/${shop}/vitrine"`));
  assert.match(page.body, new RegExp(`href="/boutique/${shop}/horaires"`));
  assert.match(page.body, new RegExp(`href="/commerces/${shop}"`));
});

test('a merchant adds an offer with a photo; it appears on the public storefront', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const merchant = await loggedIn(app, db, config, 'merchant', shop);
  const key = await openNewOfferForm(merchant, shop);
  const photo = await makePhoto(1600, 1200, 'png');

  const response = await merchant.postMultipart(
    `/boutique/${shop}/offres/nouvelle`,
    offerFields({ idempotency_key: key, measure_amount: '1500', measure_unit: 'g', availability: 'made_to_order', lead_time_days: '2' }),
    { field: 'photo', filename: 'plateau.png', contentType: 'image/png', data: photo },
  );
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, `/boutique/${shop}`);
  const [offer] = await offersOf(db, shop);
  assert.equal(offer.title, 'Plateau de fruits de mer');
  assert.equal(Number(offer.price_cents), 4500);
  assert.equal(Number(offer.vat_rate_bp), 550);
  assert.equal(offer.availability, 'made_to_order');
  assert.equal(Number(offer.lead_time_days), 2);
  assert.equal(Number(offer.measure_amount), 1500);
  assert.ok(offer.image_id);
  const image = await db.selectFrom('images').selectAll().where('id', '=', offer.image_id).executeTakeFirstOrThrow();
  assert.equal(Number(image.width), 1200);
  assert.equal((await sharp(Buffer.from(image.bytes)).metadata()).format, 'jpeg');

  const overview = await merchant.get(`/boutique/${shop}`);
  assert.match(overview.body, /Offre ajoutée à votre vitrine/);
  const storefront = await app.inject(`/commerces/${shop}`);
  assert.match(storefront.body, /Plateau de fruits de mer/);
  // On the card the photo goes with the title's link (its alt would say the title twice); the offer's page names it.
  assert.match(storefront.body, new RegExp(`<img src="/images/${offer.image_id}.jpg" alt(="")? `));
  const offerPage = await app.inject(`/offres/${offer.id}`);
  assert.match(offerPage.body, new RegExp(`<img src="/images/${offer.image_id}.jpg" alt="Plateau de fruits de mer"`));
  const found = await merchant.get(`/recherche?q=${encodeURIComponent('huitres bouzigues')}`);
  assert.match(plain(found.body), /Plateau de fruits de mer/, 'the new offer is found by the words of its description');
});

test('bad input comes back with a French message next to the field, the typed values, and nothing written', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const merchant = await loggedIn(app, db, config, 'merchant', shop);
  const cases: Array<[string, Record<string, string>, string, RegExp]> = [
    ['price with three decimals', { price: '12,505' }, 'price', /Indiquez un prix en euros, par exemple 12,50/],
    ['price in letters', { price: 'abc' }, 'price', /Indiquez un prix en euros, par exemple 12,50/],
    ['free price', { price: '0' }, 'price', /Indiquez un prix supérieur à 0/],
    ['VAT rate not in the list', { vat_rate: '1960' }, 'vat_rate', /Choisissez un taux de TVA de la liste/],
    ['made to order without lead time', { availability: 'made_to_order', lead_time_days: '0' }, 'lead_time_days', /délai de 1 à 30 jours/],
    ['made to order, lead time left empty', { availability: 'made_to_order', lead_time_days: '' }, 'lead_time_days', /délai de 1 à 30 jours/],
    ['empty title', { title: '' }, 'title', /Ce champ est obligatoire/],
    ['blank title', { title: '   ' }, 'title', /Ce champ est obligatoire/],
    ['title of 200 characters', { title: 'x'.repeat(200) }, 'title', /trop long : 120 caractères au plus/],
    ['net quantity without its unit', { measure_amount: '500' }, 'measure_unit', /quantité nette/],
    ['unknown availability', { availability: 'everywhere' }, 'availability', /Choisissez une des valeurs proposées/],
  ];
  for (const [name, overrides, field, message] of cases) {
    const key = await openNewOfferForm(merchant, shop);
    const fields = offerFields({ idempotency_key: key, unit: 'la barquette de 500 g', ...overrides });
    const response = await merchant.postMultipart(`/boutique/${shop}/offres/nouvelle`, fields);
    assert.equal(response.statusCode, 422, name);
    assert.match(response.body, new RegExp(`id="erreur-${field}"`), `${name}: the error sits next to ${field}`);
    assert.match(plain(response.body), message, name);
    assert.match(response.body, /value="la barquette de 500 g"/, `${name}: the other values are kept`);
    assert.match(response.body, new RegExp(`name="idempotency_key" value="${key}"`), `${name}: the same key is kept`);
  }
  const unknown = await merchant.postMultipart(`/boutique/${shop}/offres/nouvelle`, offerFields({ idempotency_key: await openNewOfferForm(merchant, shop), is_admin: '1' }));
  assert.equal(unknown.statusCode, 422);
  assert.match(unknown.body, /champ inattendu/);
  assert.equal((await offersOf(db, shop)).length, 0);
});

test('a double submission of the new-offer form creates one offer', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const merchant = await loggedIn(app, db, config, 'merchant', shop);
  const key = await openNewOfferForm(merchant, shop);
  const first = await merchant.postMultipart(`/boutique/${shop}/offres/nouvelle`, offerFields({ idempotency_key: key }), undefined);
  const token = await merchant.csrfToken(`/boutique/${shop}/offres/nouvelle`);
  const second = await merchant.postMultipart(`/boutique/${shop}/offres/nouvelle`, offerFields({ idempotency_key: key, _csrf: token }));
  assert.equal(first.statusCode, 303);
  assert.equal(second.statusCode, 303);
  assert.equal((await offersOf(db, shop)).length, 1);

  // Two clicks at once.
  const again = await openNewOfferForm(merchant, shop);
  const csrf = await merchant.csrfToken();
  const both = await Promise.all([
    merchant.postMultipart(`/boutique/${shop}/offres/nouvelle`, offerFields({ idempotency_key: again, title: 'Soupe', _csrf: csrf })),
    merchant.postMultipart(`/boutique/${shop}/offres/nouvelle`, offerFields({ idempotency_key: again, title: 'Soupe', _csrf: csrf })),
  ]);
  assert.deepEqual(both.map((response) => response.statusCode), [303, 303]);
  assert.equal((await offersOf(db, shop)).filter((offer) => offer.title === 'Soupe').length, 1);
});

test('a storefront holds at most 12 offers; withdrawing one frees a place', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const ids: string[] = [];
  for (let index = 0; index < 12; index += 1) ids.push(await makeOffer(db, shop));
  const merchant = await loggedIn(app, db, config, 'merchant', shop);

  const overview = await merchant.get(`/boutique/${shop}`);
  assert.match(overview.body, /compte déjà 12 offres/);
  assert.doesNotMatch(overview.body, /offres\/nouvelle/);
  const key = await openNewOfferForm(merchant, shop);
  const refused = await merchant.postMultipart(`/boutique/${shop}/offres/nouvelle`, offerFields({ idempotency_key: key }));
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /12 au plus/);
  assert.equal((await offersOf(db, shop)).length, 12);

  await merchant.post(`/boutique/${shop}/offres/${ids[0]}/retirer`, {}, `/boutique/${shop}/offres/${ids[0]}/retirer`);
  const accepted = await merchant.postMultipart(`/boutique/${shop}/offres/nouvelle`, offerFields({ idempotency_key: key, _csrf: await merchant.csrfToken(`/boutique/${shop}`) }));
  assert.equal(accepted.statusCode, 303);
});

test('a merchant changes an offer, and can remove its photo', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const offer = await makeOffer(db, shop, { title: 'Tarte aux pommes', photo: await makePhoto() });
  const merchant = await loggedIn(app, db, config, 'merchant', shop);

  const form = await merchant.get(`/boutique/${shop}/offres/${offer}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /value="Tarte aux pommes"/);
  assert.match(form.body, /value="12,50"/);
  const response = await merchant.postMultipart(
    `/boutique/${shop}/offres/${offer}`,
    offerFields({ title: 'Tarte aux pommes', price: '18,90', unit: 'la tarte pour 6', availability: 'made_to_order', lead_time_days: '3', remove_photo: 'on' }),
  );
  assert.equal(response.statusCode, 303);
  const row = await db.selectFrom('offers').selectAll().where('id', '=', offer).executeTakeFirstOrThrow();
  assert.equal(Number(row.price_cents), 1890);
  assert.equal(row.image_id, null);
  const page = await app.inject(`/offres/${offer}`);
  assert.match(page.body.replace(/[\u00a0\u202f]/g, ' '), /18,90 €<\/span> la tarte pour 6/);
  assert.match(page.body, /prêt en 3 jours/);

  const invalid = await merchant.postMultipart(`/boutique/${shop}/offres/${offer}`, offerFields({ title: 'Tarte', price: '12,505' }), undefined, `/boutique/${shop}/offres/${offer}`);
  assert.equal(invalid.statusCode, 422);
  assert.equal(Number((await db.selectFrom('offers').select('price_cents').where('id', '=', offer).executeTakeFirstOrThrow()).price_cents), 1890);
});

test('pause hides an offer from the storefront, resume brings it back as it was', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const offer = await makeOffer(db, shop, { title: 'Pain de campagne', availability: 'made_to_order', leadTimeDays: 1 });
  const merchant = await loggedIn(app, db, config, 'merchant', shop);

  const paused = await merchant.post(`/boutique/${shop}/offres/${offer}/pause`, {}, `/boutique/${shop}`);
  assert.equal(paused.statusCode, 303);
  assert.doesNotMatch((await app.inject(`/commerces/${shop}`)).body, /Pain de campagne/);
  assert.match((await app.inject(`/offres/${offer}`)).body, /Momentanément indisponible/);
  assert.match((await merchant.get(`/boutique/${shop}`)).body, /Offre mise en pause/);

  await merchant.post(`/boutique/${shop}/offres/${offer}/reprendre`, {}, `/boutique/${shop}`);
  const row = await db.selectFrom('offers').selectAll().where('id', '=', offer).executeTakeFirstOrThrow();
  assert.equal(row.availability, 'made_to_order');
  assert.match((await app.inject(`/commerces/${shop}`)).body, /Pain de campagne/);
});

test('move up and down change the storefront order', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const a = await makeOffer(db, shop, { title: 'Offre A' });
  await makeOffer(db, shop, { title: 'Offre B' });
  const c = await makeOffer(db, shop, { title: 'Offre C' });
  const merchant = await loggedIn(app, db, config, 'merchant', shop);
  const order = async () => (await offersOf(db, shop)).map((offer) => offer.title);

  await merchant.post(`/boutique/${shop}/offres/${c}/monter`, {}, `/boutique/${shop}`);
  assert.deepEqual(await order(), ['Offre A', 'Offre C', 'Offre B']);
  await merchant.post(`/boutique/${shop}/offres/${a}/descendre`, {}, `/boutique/${shop}`);
  assert.deepEqual(await order(), ['Offre C', 'Offre A', 'Offre B']);
  // Already first: nothing moves.
  await merchant.post(`/boutique/${shop}/offres/${c}/monter`, {}, `/boutique/${shop}`);
  assert.deepEqual(await order(), ['Offre C', 'Offre A', 'Offre B']);
  const body = (await app.inject(`/commerces/${shop}`)).body;
  assert.ok(body.indexOf('Offre C') < body.indexOf('Offre A') && body.indexOf('Offre A') < body.indexOf('Offre B'));
});

test('withdrawing asks first, then hides the offer everywhere', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const offer = await makeOffer(db, shop, { title: 'Galette des rois' });
  const merchant = await loggedIn(app, db, config, 'merchant', shop);

  const confirm = await merchant.get(`/boutique/${shop}/offres/${offer}/retirer`);
  assert.equal(confirm.statusCode, 200);
  assert.match(plain(confirm.body), /Retirer l’offre « Galette des rois » \?/);
  const done = await merchant.post(`/boutique/${shop}/offres/${offer}/retirer`, {});
  assert.equal(done.statusCode, 303);
  assert.equal((await app.inject(`/offres/${offer}`)).statusCode, 404);
  assert.doesNotMatch((await merchant.get(`/boutique/${shop}`)).body, /Galette des rois<\/h3>/);
  assert.equal((await merchant.get(`/boutique/${shop}/offres/${offer}`)).statusCode, 404);
});

test('a merchant edits the storefront description, contacts and photo; bad input is kept and explained', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db, { tradeName: 'Chocolaterie Rose' });
  const merchant = await loggedIn(app, db, config, 'merchant', shop);

  const form = await merchant.get(`/boutique/${shop}/vitrine`);
  assert.equal(form.statusCode, 200);
  const saved = await merchant.postMultipart(
    `/boutique/${shop}/vitrine`,
    { description: 'Chocolats faits main depuis 1982.', phone: '04.42.56.78.90', email: 'rose@exemple.fr' },
    { field: 'photo', filename: 'vitrine.webp', contentType: 'image/webp', data: await makePhoto(900, 600, 'webp') },
  );
  assert.equal(saved.statusCode, 303);
  const row = await db.selectFrom('shops').selectAll().where('id', '=', shop).executeTakeFirstOrThrow();
  assert.equal(row.description, 'Chocolats faits main depuis 1982.');
  assert.equal(row.phone, '04 42 56 78 90');
  assert.ok(row.image_id);
  const storefront = await app.inject(`/commerces/${shop}`);
  assert.match(storefront.body, /Chocolats faits main depuis 1982\./);
  assert.match(storefront.body, new RegExp(`<img src="/images/${row.image_id}.jpg" alt="Chocolaterie Rose"`));

  const invalid = await merchant.postMultipart(`/boutique/${shop}/vitrine`, { description: 'Nouveau texte', phone: '12', email: 'pas-une-adresse' }, undefined, `/boutique/${shop}/vitrine`);
  assert.equal(invalid.statusCode, 422);
  assert.match(invalid.body, /id="erreur-phone"/);
  assert.match(invalid.body, /id="erreur-email"/);
  assert.match(invalid.body, /Nouveau texte/);
  assert.equal((await db.selectFrom('shops').select('description').where('id', '=', shop).executeTakeFirstOrThrow()).description, 'Chocolats faits main depuis 1982.');
});

test('the concierge manages any shop’s storefront', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db, { tradeName: 'Cordonnerie Blanc' });
  const concierge = await loggedIn(app, db, config, 'concierge');
  const overview = await concierge.get(`/boutique/${shop}`);
  assert.equal(overview.statusCode, 200);
  assert.match(overview.body, /<h1>Vitrine de Cordonnerie Blanc<\/h1>/);
  const key = await openNewOfferForm(concierge, shop);
  const created = await concierge.postMultipart(`/boutique/${shop}/offres/nouvelle`, offerFields({ idempotency_key: key, title: 'Ressemelage', vat_rate: '2000' }));
  assert.equal(created.statusCode, 303);
  assert.equal((await offersOf(db, shop))[0].title, 'Ressemelage');
});
