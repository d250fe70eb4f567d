import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createPageCache, encodingFor } from './page-cache.ts';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let at = start;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

/** A renderer that counts its calls and renders what `content` holds at the time. */
function renderer(content: { text: string }) {
  const calls = { count: 0 };
  const render = async () => {
    calls.count += 1;
    return `<p>${content.text}</p>`;
  };
  return { calls, render };
}

test('a page is served as stored until its TTL, never after', async () => {
  const clock = manualClock();
  const cache = createPageCache({ ttlMs: 5_000, now: clock.now });
  const content = { text: 'Tomme 12,50 €' };
  const { calls, render } = renderer(content);

  const first = await cache.page('/commerces/a', render);
  content.text = 'Tomme 13,00 €';
  clock.advance(3_999);
  assert.equal((await cache.page('/commerces/a', render)).identity.toString(), '<p>Tomme 12,50 €</p>');
  assert.equal(calls.count, 1, 'young copies are not rendered again');

  clock.advance(1_001); // 5 000 ms after the rendering started
  assert.equal(cache.fresh('/commerces/a'), undefined, 'a copy is never served at its TTL');
  const renewed = await cache.page('/commerces/a', render);
  assert.equal(renewed.identity.toString(), '<p>Tomme 13,00 €</p>');
  assert.notEqual(renewed.etag, first.etag, 'a changed page has another tag');
});

test('an ageing copy is answered while one rendering renews it', async () => {
  const clock = manualClock();
  const cache = createPageCache({ ttlMs: 5_000, now: clock.now });
  const content = { text: 'avant' };
  const { calls, render } = renderer(content);
  await cache.page('/', render);
  content.text = 'après';

  clock.advance(4_000); // the last fifth of its life
  const old = cache.fresh('/')!;
  assert.equal(cache.wantsRenewal('/', old), true);
  const answered = await Promise.all([cache.page('/', render), cache.page('/', render), cache.page('/', render)]);
  assert.deepEqual(answered.map((page) => page.identity.toString()), ['<p>avant</p>', '<p>avant</p>', '<p>avant</p>']);
  await new Promise((resolve) => setTimeout(resolve, 50)); // the renewal's compression ends
  assert.equal(calls.count, 2, 'three readers, one renewal');
  assert.equal(cache.fresh('/')!.identity.toString(), '<p>après</p>');
  assert.equal(cache.wantsRenewal('/', cache.fresh('/')!), false);
});

test('a renewal that finds the same page keeps its compressed bytes and moves its times', async () => {
  const clock = manualClock();
  const cache = createPageCache({ ttlMs: 5_000, now: clock.now });
  const { render } = renderer({ text: 'inchangé' });
  const first = await cache.page('/', render);
  clock.advance(5_000);
  const renewed = await cache.page('/', render);
  assert.notEqual(renewed, first);
  assert.equal(renewed.br, first.br, 'not compressed again');
  assert.equal(renewed.etag, first.etag);
  assert.equal(renewed.expiresAt, first.expiresAt + 5_000);
});

test('concurrent misses share one rendering; a failed rendering stores nothing', async () => {
  const cache = createPageCache({ ttlMs: 5_000 });
  const { calls, render } = renderer({ text: 'x' });
  const pages = await Promise.all(Array.from({ length: 20 }, () => cache.page('/', render)));
  assert.equal(calls.count, 1);
  assert.ok(pages.every((page) => page === pages[0]));

  await assert.rejects(cache.page('/commerces/absent', async () => Promise.reject(new Error('not found'))), /not found/);
  assert.equal(cache.fresh('/commerces/absent'), undefined);
  assert.equal(cache.size, 1);
});

test('the three encodings hold the same page, with one tag', async () => {
  const cache = createPageCache({ ttlMs: 5_000 });
  const html = `<!doctype html><main>${'<p>Boulangerie du Cours, pain au levain</p>'.repeat(200)}</main>`;
  const page = await cache.page('/', async () => html);
  assert.equal(page.identity.toString(), html);
  assert.equal(brotliDecompressSync(page.br).toString(), html);
  assert.equal(gunzipSync(page.gzip).toString(), html);
  assert.ok(page.br.length < html.length / 10, `brotli shrinks a repetitive page: ${page.br.length}`);
  assert.match(page.etag, /^W\/"[A-Za-z0-9_-]{27}"$/);
  assert.equal(page.bytes, page.identity.length + page.br.length + page.gzip.length);
});

test('the cache keeps at most its entries and its bytes, dropping the oldest first', async () => {
  const byEntries = createPageCache({ ttlMs: 60_000, maxEntries: 3 });
  for (const key of ['/a', '/b', '/c', '/d']) await byEntries.page(key, async () => `<p>${key}</p>`);
  assert.equal(byEntries.size, 3);
  assert.equal(byEntries.fresh('/a'), undefined, 'the oldest left');
  assert.ok(byEntries.fresh('/d'));

  const page = await createPageCache({ ttlMs: 60_000 }).page('/', async () => '<p>une page</p>');
  const byBytes = createPageCache({ ttlMs: 60_000, maxBytes: page.bytes * 2 });
  for (const key of ['/a', '/b', '/c']) await byBytes.page(key, async () => '<p>une page</p>');
  assert.equal(byBytes.size, 2);
  assert.ok(byBytes.bytes <= page.bytes * 2);
  assert.equal(byBytes.fresh('/a'), undefined);

  const tooBig = createPageCache({ ttlMs: 60_000, maxBytes: 10 });
  await tooBig.page('/', async () => '<p>plus de dix octets</p>');
  assert.equal(tooBig.size, 0, 'a page larger than the whole cache is rendered, not kept');
  assert.equal(tooBig.bytes, 0);
});

test('with a TTL of 0 every reader gets a fresh rendering', async () => {
  const cache = createPageCache({ ttlMs: 0 });
  const { calls, render } = renderer({ text: 'x' });
  await cache.page('/', render);
  await cache.page('/', render);
  assert.equal(calls.count, 2);
  assert.equal(cache.size, 0);
});

test('the encoding follows Accept-Encoding, and q=0 refuses one', () => {
  assert.equal(encodingFor(undefined), 'identity');
  assert.equal(encodingFor('gzip, deflate, br, zstd'), 'br');
  assert.equal(encodingFor('gzip, deflate'), 'gzip');
  assert.equal(encodingFor('br;q=0, gzip;q=0.8'), 'gzip');
  assert.equal(encodingFor('BR'), 'br');
  assert.equal(encodingFor('identity'), 'identity');
  assert.equal(encodingFor('gzip;q=0'), 'identity');
  assert.equal(encodingFor('brotli'), 'identity');
});
