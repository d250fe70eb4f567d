// The short cache of public pages (PUBLIC_PAGE_CACHE_SECONDS): a visitor who is not logged
// in may be served the home page or a storefront as it was a few seconds ago; anyone logged
// in always reads it fresh; a cached page never carries a session's CSRF token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp } from '../helpers/app.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeAccount, TEST_PASSWORD } from '../helpers/accounts.ts';
import { Agent } from '../helpers/agent.ts';

test('visitors share a cached storefront and home page; logged-in readers see a change at once', async (t) => {
  const { app, db, config, close } = await buildTestApp({ PUBLIC_PAGE_CACHE_SECONDS: '60' });
  t.after(close);
  const shopId = await makeShop(db, { tradeName: 'Fromagerie du Cours' });
  const offerId = await makeOffer(db, shopId, { title: 'Tomme de chèvre' });

  const first = await app.inject(`/commerces/${shopId}`);
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /Tomme de chèvre/);
  assert.doesNotMatch(first.body, /name="_csrf"/, 'a page shared by every visitor holds no CSRF token');
  const home = await app.inject('/');
  assert.match(home.body, /Tomme de chèvre/);

  // The merchant renames the offer (written straight to the table: only the reading matters here).
  await db.updateTable('offers').set({ title: 'Tomme de brebis' }).where('id', '=', offerId).execute();

  const again = await app.inject(`/commerces/${shopId}`);
  assert.equal(again.body, first.body, 'a visitor within the delay gets the page as it was');
  assert.match((await app.inject('/')).body, /Tomme de chèvre/);

  const resident = await makeAccount(db, config, 'resident');
  const agent = new Agent(app);
  await agent.login(resident.email, TEST_PASSWORD);
  const fresh = await agent.get(`/commerces/${shopId}`);
  assert.equal(fresh.statusCode, 200);
  assert.match(fresh.body, /Tomme de brebis/, 'a logged-in reader sees the change at once');
  assert.match(fresh.body, /name="_csrf"/, 'and gets the forms of their own session');

  // A shop that does not exist is never cached as a page.
  const missing = await app.inject('/commerces/0190f000-0000-7000-8000-000000000000');
  assert.equal(missing.statusCode, 404);
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
