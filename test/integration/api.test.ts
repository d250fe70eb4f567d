// The public read-only JSON API and its OpenAPI document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp } from '../helpers/app.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer, makePhoto } from '../helpers/catalogue.ts';
import { setOpeningHours } from '../../src/shops/index.ts';

const CONCIERGE = { id: 'test', email: 'test@exemple.fr', role: 'concierge', displayName: 'Test', shopId: null, memberId: null } as const;

test('GET /api/v1/shops lists member shops with category and address, paginated, cacheable', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const cheese = await makeShop(db, { tradeName: 'Fromagerie Éric', categoryCode: 'fromagerie' });
  await makeShop(db, { tradeName: 'Prospect', stage: 'prospect' });

  const response = await app.inject('/api/v1/shops');
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['cache-control'], 'public, max-age=60');
  const body = response.json();
  assert.deepEqual({ page: body.page, pageCount: body.pageCount, pageSize: body.pageSize, total: body.total }, { page: 1, pageCount: 1, pageSize: 50, total: 1 });
  assert.deepEqual(body.shops[0], {
    id: cheese,
    name: 'Fromagerie Éric',
    category: { code: 'fromagerie', label: 'Fromagerie' },
    description: 'Une boutique du centre-ville.',
    address: body.shops[0].address,
    latitude: 43.515,
    longitude: 4.988,
    phone: '04 42 00 00 00',
    email: body.shops[0].email,
    imageUrl: null,
    url: `/commerces/${cheese}`,
  });
  assert.equal(body.shops[0].address.postalCode, '13800');
  assert.equal(body.shops[0].address.city, 'Istres');
  assert.equal((await app.inject('/api/v1/shops?page=2')).json().shops.length, 0);
});

test('GET /api/v1/shops/{id} gives one member shop with its hours and offers; a non-member is a 404 in JSON', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db, { tradeName: 'Cave Saint-Étienne', categoryCode: 'cave' });
  await setOpeningHours(db, CONCIERGE, shop, [{ weekday: 2, opensAt: '09:00', closesAt: '19:00' }]);
  const offer = await makeOffer(db, shop, {
    title: 'Rosé de Provence',
    priceCents: 800,
    vatRateBp: 2000,
    unit: 'la bouteille 75 cl',
    measureAmount: 750,
    measureUnit: 'ml',
    photo: await makePhoto(),
  });
  await makeOffer(db, shop, { title: 'En pause', availability: 'paused' });
  const prospect = await makeShop(db, { stage: 'prospect' });

  const response = await app.inject(`/api/v1/shops/${shop}`);
  assert.equal(response.statusCode, 200);
  const body = response.json();
  assert.equal(body.name, 'Cave Saint-Étienne');
  assert.deepEqual(body.openingHours, [{ weekday: 2, opensAt: '09:00', closesAt: '19:00' }]);
  assert.equal(body.offers.length, 1);
  const [first] = body.offers;
  assert.match(first.imageUrl, /^\/images\/[0-9a-f-]+\.jpg$/);
  assert.deepEqual({ ...first, imageUrl: undefined }, {
    id: offer,
    shopId: shop,
    shopName: 'Cave Saint-Étienne',
    title: 'Rosé de Provence',
    description: 'Une offre du centre-ville.',
    priceCents: 800,
    vatRateBp: 2000,
    unit: 'la bouteille 75 cl',
    measure: { amount: 750, unit: 'ml' },
    unitPrice: { cents: 1067, per: 'l' },
    availability: 'in_stock',
    leadTimeDays: 0,
    imageUrl: undefined,
    url: `/offres/${offer}`,
  });

  for (const id of [prospect, '01a00000-0000-7000-8000-000000000000', 'nimporte-quoi']) {
    const missing = await app.inject(`/api/v1/shops/${id}`);
    assert.equal(missing.statusCode, 404, id);
    assert.match(String(missing.headers['content-type']), /application\/json/);
    assert.equal(missing.json().error, 'not_found');
    assert.match(missing.json().message, /n’existe pas/);
  }
});

test('GET /api/v1/offers filters by category and by words, accents ignored', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const cheese = await makeShop(db, { tradeName: 'Fromagerie Éric', categoryCode: 'fromagerie' });
  const coffee = await makeShop(db, { tradeName: 'Brûlerie du Port', categoryCode: 'alimentation' });
  await makeOffer(db, cheese, { title: 'Plateau de fromages' });
  await makeOffer(db, coffee, { title: 'Café moulu', availability: 'made_to_order', leadTimeDays: 1 });
  await makeOffer(db, coffee, { title: 'Café en pause', availability: 'paused' });

  const all = (await app.inject('/api/v1/offers')).json();
  assert.equal(all.total, 2);
  const titles = (url: string) => app.inject(url).then((response) => response.json().offers.map((offer: { title: string }) => offer.title));
  assert.deepEqual(await titles('/api/v1/offers?q=cafe'), ['Café moulu']);
  assert.deepEqual(await titles(`/api/v1/offers?q=${encodeURIComponent('ÉRIC')}`), ['Plateau de fromages']);
  assert.deepEqual(await titles('/api/v1/offers?category=fromagerie'), ['Plateau de fromages']);
  assert.deepEqual(await titles('/api/v1/offers?category=fromagerie&q=cafe'), []);
  const madeToOrder = (await app.inject('/api/v1/offers?q=moulu')).json().offers[0];
  assert.equal(madeToOrder.availability, 'made_to_order');
  assert.equal(madeToOrder.leadTimeDays, 1);
});

test('unknown query parameters are refused with a 400 in French JSON', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  for (const url of ['/api/v1/offers?categorie=fromagerie', '/api/v1/shops?limit=1000', '/api/v1/shops?page=0', '/api/v1/offers?page=abc']) {
    const response = await app.inject(url);
    assert.equal(response.statusCode, 400, url);
    assert.equal(response.json().error, 'bad_request');
    assert.match(response.json().message, /La demande est incomplète ou mal formée/);
  }
});

test('the OpenAPI document describes the three paths with their response schemas', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  const response = await app.inject('/api/openapi.json');
  assert.equal(response.statusCode, 200);
  const doc = response.json();
  assert.match(doc.openapi, /^3\./);
  assert.deepEqual(Object.keys(doc.paths).sort(), ['/api/v1/offers', '/api/v1/shops', '/api/v1/shops/{id}']);
  const offers = doc.paths['/api/v1/offers'].get;
  assert.deepEqual(offers.parameters.map((parameter: { name: string }) => parameter.name).sort(), ['category', 'page', 'q']);
  const offerSchema = offers.responses['200'].content['application/json'].schema.properties.offers.items;
  for (const field of ['priceCents', 'vatRateBp', 'unit', 'availability', 'leadTimeDays', 'unitPrice']) assert.ok(offerSchema.properties[field], field);
  assert.ok(doc.paths['/api/v1/shops/{id}'].get.responses['404']);
});
