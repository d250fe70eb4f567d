// The ledger in a real browser: the concierge opens the trial balance from the back office,
// a merchant opens its shop's balance from its portal. axe on every page, no sideways
// scrolling at 320 px, screenshots in test-results/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { handOver, receivePurchaseOrder } from '../../src/orders/index.ts';
import { postCounterActivity } from '../../src/settlement/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { type BrowserSession, checkPage, clickAndWait, login, startBrowserSession } from '../helpers/browser.ts';
import { CONCIERGE, makeOrder, makePlace } from '../helpers/orders.ts';

let session: BrowserSession;
let shopId: string;

before(async () => {
  session = await startBrowserSession();
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
    const made = await makeOrder(db, config, { placeId: await makePlace(db), shops: 2 });
    const pos = await db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).orderBy('created_at').orderBy('id').execute();
    for (const [index, po] of pos.entries()) {
      await acceptPurchaseOrder(db, CONCIERGE, po.shop_id, po.id);
      await receivePurchaseOrder(db, config, CONCIERGE, po.id, { storageLocation: `A${index + 1}`, chilled: false });
    }
    const ids = pos.map((po) => po.id);
    await handOver(db, CONCIERGE, made.orderId, { purchaseOrderIds: ids, shownIds: ids, method: 'card' }, randomUUID());
    // Recorded by this script, outside the app: into the books as the ledger-posting job would put it.
    await postCounterActivity(db, config.timeZone);
    shopId = pos[0].shop_id;
  } finally {
    await db.destroy();
  }
});

after(async () => {
  await session?.close();
});

test('the concierge opens the trial balance from the back office: it balances', async () => {
  const concierge = await session.makeAccount('concierge', { displayName: 'Claire Comptoir' });
  const page = await session.newPage();
  await login(page, concierge.email, concierge.password);
  await page.goto('/gestion');
  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Comptabilité' }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion/comptabilite');
  const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.match(main, /Paiements par carte à recevoir de la banque [\d\s]+,\d\d €/, "the demo town's card payments and ours");
  assert.match(main, /Équilibrée/);
  await checkPage(page, 'ledger-trial-balance');
});

test('a merchant opens its balance from its portal: what it is owed, and why', async () => {
  const merchant = await session.makeAccount('merchant', { shopId, displayName: 'Marc Marchand' });
  const page = await session.newPage();
  await login(page, merchant.email, merchant.password);
  await page.goto(`/boutique/${shopId}`);
  await clickAndWait(page, page.getByRole('link', { name: 'Ce que la conciergerie vous doit' }).click());
  assert.equal(new URL(page.url()).pathname, `/boutique/${shopId}/solde`);
  const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.match(main, /La conciergerie vous doit 25,00 €/);
  assert.match(main, /Remise au comptoir, commande/);
  await checkPage(page, 'ledger-shop-balance');
});
