// The short cache of public pages (PUBLIC_PAGE_CACHE_SECONDS, platform/page-cache.ts): a
// visitor without a session may be served the home page, the list of shops, a category or a
// storefront as it was at most that many seconds ago, already compressed; anyone whose page
// is their own (logged in, a basket, a message) always gets it rendered for them; a cached
// page never carries a session's CSRF token nor sets a cookie.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildTestApp } from '../helpers/app.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { Agent } from '../helpers/agent.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('two visitors get the same bytes of a storefront, with no cookie and no token', async (t) => {
  const { app, db, close } = await buildTestApp({ PUBLIC_PAGE_CACHE_SECONDS: '60' });
  t.after(close);
  const shopId = await makeShop(db, { tradeName: 'Fromagerie du Cours' });
  await makeOffer(db, shopId, { title: 'Tomme de chèvre' });
  const path = `/commerces/${shopId}`;

  const first = await app.inject(path);
  const second = await app.inject(path);
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /Tomme de chèvre/);
  assert.equal(second.body, first.body);
  for (const answer of [first, second]) {
    assert.equal(answer.headers['set-cookie'], undefined, 'a visitor who only reads gets no cookie');
    assert.doesNotMatch(answer.body, /name="_csrf"/, 'a page shared by every visitor holds no CSRF token');
    assert.match(String(answer.headers['content-security-policy']), /default-src 'self'/, 'the security headers go with a cached page too');
    assert.equal(answer.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(answer.headers['cache-control'], 'no-cache');
  }
  assert.equal(second.headers.etag, first.headers.etag);
  // Another spelling of the address reuses the copy rather than making one more.
  const stored = app.pageCache.size;
  assert.equal((await app.inject(`${path}?source=affiche&x=${'y'.repeat(50)}`)).body, first.body);
  assert.equal(app.pageCache.size, stored);

  // Every public page kind goes through the cache, and none asks for a token.
  const category = /href="(\/categories\/[a-z0-9_-]+)"/.exec((await app.inject('/')).body)?.[1];
  assert.ok(category, 'the home page links a category');
  for (const other of ['/', '/commerces', '/commerces?page=1', category]) {
    const answer = await app.inject(other);
    assert.equal(answer.statusCode, 200, other);
    assert.match(String(answer.headers.etag), /^W\//, `${other} comes from the cache`);
    assert.doesNotMatch(answer.body, /name="_csrf"/, other);
    assert.equal((await app.inject(other)).body, answer.body, other);
  }
});

test('a cached page goes out compressed as asked, answers 304 to its tag and HEAD without a body', async (t) => {
  const { app, db, close } = await buildTestApp({ PUBLIC_PAGE_CACHE_SECONDS: '60' });
  t.after(close);
  const shopId = await makeShop(db, { tradeName: 'Cave du Cours' });
  await makeOffer(db, shopId, { title: 'Rosé de Provence' });
  const path = `/commerces/${shopId}`;
  const plain = await app.inject(path);

  const br = await app.inject({ url: path, headers: { 'accept-encoding': 'gzip, deflate, br' } });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers.vary, 'accept-encoding');
  assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
  const gzip = await app.inject({ url: path, headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gzip.rawPayload).toString(), plain.body);

  const notModified = await app.inject({ url: path, headers: { 'if-none-match': String(plain.headers.etag) } });
  assert.equal(notModified.statusCode, 304);
  assert.equal(notModified.body, '');
  assert.equal((await app.inject({ url: path, headers: { 'if-none-match': 'W/"autre"' } })).statusCode, 200);

  const head = await app.inject({ method: 'HEAD', url: path });
  assert.equal(head.statusCode, 200);
  assert.equal(head.body, '');
  assert.equal(head.headers['content-type'], 'text/html; charset=utf-8');
});

test('a logged-in resident never gets a cached page, and their page never reaches a visitor', async (t) => {
  const { app, db, config, close } = await buildTestApp({ PUBLIC_PAGE_CACHE_SECONDS: '60' });
  t.after(close);
  const shopId = await makeShop(db, { tradeName: 'Épicerie du Cours' });
  const offerId = await makeOffer(db, shopId, { title: 'Huile d’olive' });
  const path = `/commerces/${shopId}`;
  const visitorPage = await app.inject(path);
  await db.updateTable('offers').set({ title: 'Huile de noix' }).where('id', '=', offerId).execute();

  const resident = await makeAccount(db, config, 'resident');
  const agent = new Agent(app);
  await agent.login(resident.email, TEST_PASSWORD);
  const own = await agent.get(path);
  assert.equal(own.statusCode, 200);
  assert.match(own.body, /Huile de noix/, 'a logged-in reader sees the change at once');
  assert.match(own.body, /name="_csrf"/, 'and gets the forms of their own session');
  assert.equal(own.headers.etag, undefined, 'their page is rendered for them, not copied');
  // A resident's page for the home address neither comes from nor enters the visitors' copy.
  const ownHome = await agent.get('/');
  assert.match(ownHome.body, /name="_csrf"/);

  const later = await app.inject(path);
  assert.equal(later.body, visitorPage.body, 'visitors still get the copy made for visitors');
  const home = await app.inject('/');
  assert.doesNotMatch(home.body, /name="_csrf"/);
  assert.doesNotMatch(home.body, new RegExp(resident.email));
});

test('a visitor with a basket gets their own page; the next visitor does not see their basket', async (t) => {
  const { app, db, close } = await buildTestApp({ PUBLIC_PAGE_CACHE_SECONDS: '60' });
  t.after(close);
  const shopId = await makeShop(db, { tradeName: 'Boulangerie du Cours' });
  const offerId = await makeOffer(db, shopId, { title: 'Pain au levain' });
  const path = `/commerces/${shopId}`;
  const empty = await app.inject(path);
  assert.doesNotMatch(empty.body, /Panier\s*(<[^>]+>\s*)*\(/);

  const shopper = new Agent(app);
  const added = await shopper.post('/panier/ajouter', { offer_id: offerId, quantity: '2' }, `/offres/${offerId}`);
  assert.equal(added.statusCode, 303);
  const own = await shopper.get(path);
  assert.match(own.body, /Panier\s*(<[^>]+>\s*)*\(/, 'the shopper sees their basket in the navigation');
  assert.notEqual(own.body, empty.body);
  const again = await shopper.get(path);
  assert.match(again.body, /Panier\s*(<[^>]+>\s*)*\(/);

  const next = await app.inject(path);
  assert.equal(next.body, empty.body, 'another visitor gets the shared page');
  assert.equal(next.headers['set-cookie'], undefined);
});

test('a change of price shows to visitors once the TTL has passed, never later', async (t) => {
  const { app, db, close } = await buildTestApp({ PUBLIC_PAGE_CACHE_SECONDS: '1' });
  t.after(close);
  const shopId = await makeShop(db, { tradeName: 'Primeur du Cours' });
  const offerId = await makeOffer(db, shopId, { title: 'Tomates', priceCents: 350 });
  const path = `/commerces/${shopId}`;
  assert.match((await app.inject(path)).body, /3,50\s€/);

  await db.updateTable('offers').set({ price_cents: 420 }).where('id', '=', offerId).execute();
  assert.match((await app.inject(path)).body, /3,50\s€/, 'within the delay a visitor may get the old price');
  assert.match((await app.inject('/')).body, /Tomates/);

  await sleep(1_100);
  const after = await app.inject(path);
  assert.match(after.body, /4,20\s€/, 'past the delay every visitor gets the new price');
  assert.doesNotMatch(after.body, /3,50\s€/);
});

test('without the setting, a visitor reads every change at once', async (t) => {
  const { app, db, close } = await buildTestApp({ PUBLIC_PAGE_CACHE_SECONDS: '0' });
  t.after(close);
  const shopId = await makeShop(db, { tradeName: 'Cave du Cours' });
  const offerId = await makeOffer(db, shopId, { title: 'Rosé de Provence' });
  assert.match((await app.inject(`/commerces/${shopId}`)).body, /Rosé de Provence/);
  await db.updateTable('offers').set({ title: 'Blanc de Cassis' }).where('id', '=', offerId).execute();
  assert.match((await app.inject(`/commerces/${shopId}`)).body, /Blanc de Cassis/);
});
