// Photos: recognised by their content, refused with a French message next to the field
// (not an image, too small, too heavy), stored as a JPEG at most 1200 px wide without
// metadata, and served with a year of caching.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { makePhoto } from '../helpers/catalogue.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { preparePhoto } from '../../src/platform/images/images.ts';
import { DomainError } from '../../src/platform/errors.ts';

async function merchantOf(app: FastifyInstance, db: Db, config: Config, shopId: string): Promise<Agent> {
  const account = await makeAccount(db, config, 'merchant', { shopId });
  const agent = new Agent(app);
  await agent.login(account.email, account.password);
  return agent;
}

/** Posts the new-offer form with a file, as a browser would. */
async function postOfferWithFile(agent: Agent, shopId: string, file: { filename: string; contentType: string; data: Buffer }) {
  const page = await agent.get(`/boutique/${shopId}/offres/nouvelle`);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)![1];
  const fields = { idempotency_key: key, title: 'Bouquet de saison', price: '25', vat_rate: '1000', unit: 'le bouquet', availability: 'in_stock' };
  return agent.postMultipart(`/boutique/${shopId}/offres/nouvelle`, fields, { field: 'photo', ...file });
}

async function count(db: Db, table: 'offers' | 'images'): Promise<number> {
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count);
}

/** A photo of random noise: it does not compress, so it is as heavy as we need. */
function heavyPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 900, height: 900, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .png()
    .toBuffer();
}

test('an uploaded photo is recognised by its content and stored as an upright JPEG without metadata', async () => {
  const withExif = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({ IFD0: { Copyright: 'Secret de fabrication', Artist: 'Jean' } })
    .toBuffer();
  assert.ok((await sharp(withExif).metadata()).exif, 'the test photo carries EXIF data');
  const processed = await preparePhoto(withExif, 5 * 1024 * 1024);
  const metadata = await sharp(processed.bytes).metadata();
  assert.equal(metadata.format, 'jpeg');
  assert.equal(metadata.width, 1200);
  assert.equal(metadata.height, 800);
  assert.equal(metadata.exif, undefined);

  // A portrait photo lying on its side (EXIF orientation 6) is measured upright: 300 px wide once turned.
  const sideways = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#123' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
  const upright = await preparePhoto(sideways, 5 * 1024 * 1024);
  assert.equal(upright.width, 300);
  assert.equal(upright.height, 400);

  const small = await makePhoto(1000, 800, 'webp');
  assert.equal((await preparePhoto(small, 5 * 1024 * 1024)).width, 1000, 'a smaller photo is not enlarged');
  await assert.rejects(preparePhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"/>'), 5 * 1024 * 1024), (error: unknown) =>
    error instanceof DomainError && error.code === 'image_invalid',
  );
  const gif = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#fff' } }).gif().toBuffer();
  await assert.rejects(preparePhoto(gif, 5 * 1024 * 1024), (error: unknown) => error instanceof DomainError && error.code === 'image_invalid');
});

test('a photo sent with the offer form is stored and served with a year of caching', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const merchant = await merchantOf(app, db, config, shop);
  // Named .txt on purpose: the content decides, not the name.
  const response = await postOfferWithFile(merchant, shop, { filename: 'bouquet.txt', contentType: 'text/plain', data: await makePhoto(800, 600, 'png') });
  assert.equal(response.statusCode, 303);
  const offer = await db.selectFrom('offers').select('image_id').executeTakeFirstOrThrow();
  const image = await app.inject(`/images/${offer.image_id}.jpg`);
  assert.equal(image.statusCode, 200);
  assert.equal(image.headers['content-type'], 'image/jpeg');
  assert.equal(image.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal((await sharp(image.rawPayload).metadata()).width, 800);

  assert.equal((await app.inject('/images/01a00000-0000-7000-8000-000000000000.jpg')).statusCode, 404);
  assert.equal((await app.inject('/images/pas-une-image.jpg')).statusCode, 404);
  const placeholder = await app.inject('/static/placeholder.svg');
  assert.equal(placeholder.statusCode, 200);
  assert.match(String(placeholder.headers['content-type']), /image\/svg\+xml/);
});

test('a file that is not an image, or too narrow, is refused next to the photo field, values kept, nothing written; no file is no photo', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const merchant = await merchantOf(app, db, config, shop);

  const text = await postOfferWithFile(merchant, shop, { filename: 'photo.jpg', contentType: 'image/jpeg', data: Buffer.from('Ceci n’est pas une photo.') });
  assert.equal(text.statusCode, 422);
  assert.match(text.body, /id="erreur-photo"/);
  assert.match(text.body, /Ce fichier n’est pas une image lisible\. Envoyez une photo JPEG, PNG ou WebP\./);
  assert.match(text.body, /value="Bouquet de saison"/);

  const narrow = await postOfferWithFile(merchant, shop, { filename: 'petite.png', contentType: 'image/png', data: await makePhoto(200, 150, 'png') });
  assert.equal(narrow.statusCode, 422);
  assert.match(narrow.body, /Cette photo est trop petite : il faut au moins 300 pixels de large\./);
  assert.match(narrow.body, /value="le bouquet"/);

  assert.equal(await count(db, 'offers'), 0);
  assert.equal(await count(db, 'images'), 0);

  // A browser sends an empty file part when no photo was chosen: the offer is made without one.
  const none = await postOfferWithFile(merchant, shop, { filename: '', contentType: 'application/octet-stream', data: Buffer.alloc(0) });
  assert.equal(none.statusCode, 303);
  assert.equal(await count(db, 'offers'), 1);
  assert.equal(await count(db, 'images'), 0);
});

test('a photo heavier than the limit comes back as the form with a French message and the typed values', async (t) => {
  const { app, db, config, close } = await buildTestApp({ UPLOAD_MAX_BYTES: '200000' });
  t.after(close);
  const shop = await makeShop(db);
  const merchant = await merchantOf(app, db, config, shop);
  const heavy = await heavyPhoto();
  assert.ok(heavy.length > 2 * 200_000, 'the test photo is well over the limit');

  const response = await postOfferWithFile(merchant, shop, { filename: 'lourde.png', contentType: 'image/png', data: heavy });
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-photo"/);
  assert.match(response.body, /Cette photo est trop lourde\. Envoyez une photo de moins de 0,2[\u00a0\u202f ]?Mo\./);
  assert.match(response.body, /value="Bouquet de saison"/);
  assert.match(response.body, /value="25"/);
  assert.equal(await count(db, 'offers'), 0);
  assert.equal(await count(db, 'images'), 0);

  // Just under the limit passes.
  const light = await makePhoto(600, 400, 'jpeg');
  assert.ok(light.length < 200_000);
  assert.equal((await postOfferWithFile(merchant, shop, { filename: 'legere.jpg', contentType: 'image/jpeg', data: light })).statusCode, 303);
});
