// Photos: recognised by their content, refused with a French message next to the field
// (not an image, too small, too heavy, too many pixels), stored as a JPEG at most 1200 px wide
// without metadata, and served with a year of caching; an account sends a bounded number of
// photos an hour, whichever app process receives them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { makePhoto } from '../helpers/catalogue.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { buildApp } from '../../src/app.ts';
import { MAX_INPUT_PIXELS, preparePhoto } from '../../src/platform/images/images.ts';
import { DomainError } from '../../src/platform/errors.ts';
import { plain } from '../helpers/text.ts';

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

async function count(db: Db, table: 'offers' | 'images' | 'image_uploads'): Promise<number> {
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid PNG of side × side black pixels at one bit each: 16 000 rows of 2 001 zero bytes
 * deflate to about 31 KB, and a decoder that trusts the header allocates 256 million pixels.
 */
function hugeBlankPng(side: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc(side * (1 + Math.ceil(side / 8))); // filter byte 0, then the pixels
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
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
  assert.match(plain(narrow.body), /Cette photo est trop petite : il faut au moins 300 pixels de large\./);
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

test('a small PNG declaring 16 000 × 16 000 pixels is refused by sharp from its header, next to the photo field, nothing written', async (t) => {
  const huge = hugeBlankPng(16_000);
  assert.ok(huge.length < 64 * 1024, `a few KB on the wire (${huge.length} bytes)`);
  assert.ok(16_000 * 16_000 > MAX_INPUT_PIXELS);
  // The refusal is sharp's pixel limit (its header is read, nothing decoded), not a bad file.
  await assert.rejects(preparePhoto(huge, 5 * 1024 * 1024), (error: unknown) => error instanceof DomainError && error.code === 'image_too_many_pixels');
  // The same picture within the limit is a valid image: only its size was refused.
  assert.equal((await preparePhoto(hugeBlankPng(2_000), 5 * 1024 * 1024)).width, 1200);

  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shop = await makeShop(db);
  const merchant = await merchantOf(app, db, config, shop);
  const response = await postOfferWithFile(merchant, shop, { filename: 'immense.png', contentType: 'image/png', data: huge });
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-photo"/);
  assert.match(plain(response.body), /Cette photo compte trop de pixels : 40 millions au plus\. Réduisez-la \(par exemple à 4[\u00a0\u202f ]000 pixels de large\) et envoyez-la de nouveau\./);
  assert.match(response.body, /value="Bouquet de saison"/);
  assert.match(response.body, /value="le bouquet"/);
  assert.equal(await count(db, 'offers'), 0);
  assert.equal(await count(db, 'images'), 0);

  // The storefront form refuses it the same way.
  const storefront = await merchant.postMultipart(
    `/boutique/${shop}/vitrine`,
    { description: 'Fleurs du marché', phone: '', email: '' },
    { field: 'photo', filename: 'immense.png', contentType: 'image/png', data: huge },
    `/boutique/${shop}/vitrine`,
  );
  assert.equal(storefront.statusCode, 422);
  assert.match(storefront.body, /Cette photo compte trop de pixels/);
  assert.match(storefront.body, /Fleurs du marché/);
  assert.equal(await count(db, 'images'), 0);
});

test('an account sends a few photos an hour, counted in the database: the next is refused in French, another account still sends', async (t) => {
  const { app, db, config, close } = await buildTestApp({ UPLOAD_MAX_PER_HOUR: '3' });
  t.after(close);
  // A second app process on the same database: the count is shared, not kept in memory.
  const secondApp = await buildApp(config, { db });
  await secondApp.ready();
  t.after(() => secondApp.close());
  const shop = await makeShop(db);
  const account = await makeAccount(db, config, 'merchant', { shopId: shop });
  const first = new Agent(app);
  await first.login(account.email, account.password);
  const second = new Agent(secondApp);
  await second.login(account.email, account.password);
  const photo = await makePhoto(600, 400, 'jpeg');
  const send = (agent: Agent) => postOfferWithFile(agent, shop, { filename: 'photo.jpg', contentType: 'image/jpeg', data: photo });

  assert.equal((await send(first)).statusCode, 303);
  // A form refused for another field decodes its photo all the same: it counts.
  const page = await first.get(`/boutique/${shop}/offres/nouvelle`);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)![1];
  const fields = { idempotency_key: key, title: '', price: '25', vat_rate: '1000', unit: 'le bouquet', availability: 'in_stock' };
  assert.equal((await first.postMultipart(`/boutique/${shop}/offres/nouvelle`, fields, { field: 'photo', filename: 'photo.jpg', contentType: 'image/jpeg', data: photo })).statusCode, 422);
  assert.equal((await send(second)).statusCode, 303, 'the other process counts the same sendings');

  const refused = await send(first);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /id="erreur-photo"/);
  assert.match(refused.body, /Vous avez déjà envoyé 3 photos en une heure\. Attendez un peu avant d’en envoyer une autre\./);
  assert.match(refused.body, /value="Bouquet de saison"/);
  assert.equal((await send(second)).statusCode, 422, 'refused by the other process too');
  assert.equal(await count(db, 'offers'), 2);
  assert.equal(await count(db, 'images'), 2);

  // A form without a photo is not held back.
  assert.equal((await postOfferWithFile(first, shop, { filename: '', contentType: 'application/octet-stream', data: Buffer.alloc(0) })).statusCode, 303);

  // Another merchant of the same shop has an allowance of their own.
  const colleague = await merchantOf(app, db, config, shop);
  assert.equal((await send(colleague)).statusCode, 303);

  // An hour later the first account may send again; its old sendings are then forgotten.
  const hourAgo = new Date(Date.parse((await db.selectFrom('image_uploads').select('sent_at').orderBy('sent_at', 'desc').executeTakeFirstOrThrow()).sent_at) - 3_600_000).toISOString();
  await db.updateTable('image_uploads').set({ sent_at: hourAgo }).where('account_id', '=', account.id).execute();
  assert.equal((await send(first)).statusCode, 303);
  const left = await db.selectFrom('image_uploads').select('sent_at').where('account_id', '=', account.id).execute();
  assert.equal(left.length, 1, 'only the sending of the last hour is kept');
});
