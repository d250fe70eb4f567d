// The page shell: a navigation per role (no basket for staff and merchants), the basket count
// that never leaks into a page shared by visitors, a description on public pages, and the
// stylesheet served compressed at an address that changes with its content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { buildTestApp } from '../helpers/app.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { Agent } from '../helpers/agent.ts';
import { visibleText } from '../helpers/text.ts';

/** The text of the page's main navigation (the one shown on wide screens). */
function navText(html: string): string {
  const match = /<div class="site-nav">([\s\S]*?)<\/div>/.exec(html);
  assert.ok(match, 'the page has the flat navigation');
  return visibleText(match[1]);
}

test('a visitor with a basket sees « Panier (1) »; another visitor is served the shared page without it', async (t) => {
  const { app, db, close } = await buildTestApp({ PUBLIC_PAGE_CACHE_SECONDS: '60' });
  t.after(close);
  const shopId = await makeShop(db, { tradeName: 'Cave du Cours' });
  const offerId = await makeOffer(db, shopId, { title: 'Rosé de Provence' });

  const first = new Agent(app);
  assert.match(navText((await first.get('/')).body), /Panier(?! \()/, 'an empty basket has no count');
  const added = await first.post('/panier/ajouter', { offer_id: offerId, quantity: '2' }, `/offres/${offerId}`);
  assert.equal(added.statusCode, 303);

  const home = await first.get('/');
  assert.match(navText(home.body), /Panier \(1 article ?\)/, 'one line, read aloud as « 1 article »');
  const storefront = await first.get(`/commerces/${shopId}`);
  assert.match(navText(storefront.body), /Panier \(1 article ?\)/);

  const other = new Agent(app);
  for (const path of ['/', `/commerces/${shopId}`]) {
    const shared = navText((await other.get(path)).body);
    assert.match(shared, /Panier/);
    assert.doesNotMatch(shared, /Panier \(/, `${path}: the other visitor's shared page carries no count`);
  }
});

test('staff and merchants never see « Panier » nor the resident’s call-us line; the account line names them', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const shopId = await makeShop(db, { tradeName: 'Fromagerie du Cours' });
  const offerId = await makeOffer(db, shopId, { title: 'Tomme de brebis' });
  const cases = [
    { role: 'concierge', displayName: 'Nathalie Bonnet', line: 'Compte concierge : Nathalie Bonnet', home: '/gestion' },
    { role: 'town', displayName: 'Mairie – commerce', line: 'Compte mairie : Mairie – commerce', home: '/gestion' },
    { role: 'merchant', displayName: 'Camille Gilly', line: 'Compte commerçant : Camille Gilly', home: `/boutique/${shopId}` },
  ] as const;
  for (const { role, displayName, line, home } of cases) {
    const account = await makeAccount(db, config, role, { displayName, ...(role === 'merchant' ? { shopId } : {}) });
    const agent = new Agent(app);
    await agent.login(account.email, TEST_PASSWORD);
    for (const path of ['/', home, '/contact']) {
      const page = await agent.get(path);
      assert.equal(page.statusCode, 200, `${role} opens ${path}`);
      const header = visibleText(/<header class="site-header">([\s\S]*?)<\/header>/.exec(page.body)![1]);
      assert.doesNotMatch(header, /Panier/, `${role} has no basket in the header of ${path}`);
      assert.doesNotMatch(header, /Une question \?/, `${role} is not asked to call the conciergerie on ${path}`);
      assert.ok(header.includes(line), `${role} reads « ${line} » on ${path}`);
    }
    const offer = visibleText((await agent.get(`/offres/${offerId}`)).body);
    assert.ok(offer.includes('Tomme de brebis'), `${role} sees the offer`);
    assert.doesNotMatch(offer, /Ajouter au panier/, `${role} is offered no basket on an offer's page`);
    assert.equal(offer.includes('nouvelle commande par téléphone'), role === 'concierge', `only the concierge is pointed to the phone desk`);
  }
});

test('public pages carry a description and go out compressed; the stylesheet has a hashed address and is kept a year', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  const contact = (await app.inject('/contact')).body;
  assert.match(contact, /<meta name="description" content="[^"]{40,}"/);
  assert.match(visibleText(contact), /On vous répond du lundi au samedi, de 9 h à 20 h\./, 'the phone line’s hours are on /contact');
  const home = (await app.inject('/')).body;
  assert.match(home, /<meta name="description" content="Les commerces d’Istres en un seul panier/);

  const stylesheet = /<link rel="stylesheet" href="(\/static\/styles\.[\w-]+\.css)"/.exec(home)?.[1];
  assert.ok(stylesheet, 'the page links a fingerprinted stylesheet');
  const compressed = await app.inject({ url: stylesheet, headers: { 'accept-encoding': 'gzip, deflate, br' } });
  assert.equal(compressed.statusCode, 200);
  assert.equal(compressed.headers['content-encoding'], 'br');
  assert.equal(compressed.headers['cache-control'], 'public, max-age=31536000, immutable');
  const css = brotliDecompressSync(compressed.rawPayload).toString('utf8');
  assert.ok(compressed.rawPayload.length < css.length / 3, 'brotli makes it at least three times smaller');

  const fonts = [...css.matchAll(/url\("(\/static\/atkinson-[\w.-]+\.woff2)"\)/g)].map((match) => match[1]);
  assert.equal(fonts.length, 2, 'the stylesheet names the two weights at their hashed addresses');
  for (const font of fonts) {
    const file = await app.inject(font);
    assert.equal(file.statusCode, 200, font);
    assert.equal(file.headers['content-type'], 'font/woff2');
    assert.ok(home.includes(`<link rel="preload" href="${font}"`), 'the page preloads it');
  }
  const page = await app.inject({ url: '/contact', headers: { 'accept-encoding': 'br' } });
  assert.equal(page.headers['content-encoding'], 'br', 'pages go out compressed too');
  assert.equal(brotliDecompressSync(page.rawPayload).toString('utf8'), contact);

  const plain = await app.inject({ url: stylesheet });
  assert.equal(plain.headers['content-encoding'], undefined, 'a client that accepts no compression gets the plain text');
  assert.equal(plain.body, css);
});
