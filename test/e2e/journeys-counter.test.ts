// The concierge at the counter, in a real browser: finds an order by its code, hands it over
// and takes the payment, reads the receipt; then declares an order not collected. Every page
// passes axe and is looked at on a wide screen and on a 320 px phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { CONCIERGE, makeOrder } from '../helpers/orders.ts';
import { nowMs } from '../../src/platform/clock.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

/** An order of two shops received at the counter, in the running app's database; ready `daysAgo` days ago. */
async function orderAtCounter(daysAgo = 0): Promise<{ orderId: string; code: string }> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
    const { orderId } = await makeOrder(db, config, { shops: 2 });
    const pos = await db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute();
    for (const [index, po] of pos.entries()) {
      await acceptPurchaseOrder(db, CONCIERGE, po.shop_id, po.id);
      await receivePurchaseOrder(db, config, CONCIERGE, po.id, { storageLocation: `Étagère B${index + 1}`, chilled: index === 0 });
    }
    if (daysAgo > 0) await db.updateTable('orders').set({ ready_at: new Date(nowMs() - daysAgo * 86_400_000).toISOString() }).where('id', '=', orderId).execute();
    const { collection_code: code } = await db.selectFrom('orders').select('collection_code').where('id', '=', orderId).executeTakeFirstOrThrow();
    return { orderId, code };
  } finally {
    await db.destroy();
  }
}

async function clickAndWait(page: Page, action: Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action]);
  await page.waitForLoadState('load');
}

async function heading(page: Page): Promise<string> {
  return ((await page.locator('h1').textContent()) ?? '').trim();
}

/** axe on the page, a screenshot at 1024 px and another at 320 px without sideways scrolling. */
async function lookAt(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  await screenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 320, height: 640 });
  assert.equal(await scrollsSideways(page), false, `${name} scrolls sideways at 320 px`);
  await screenshot(page, `${name}-320`);
  await page.setViewportSize({ width: 1024, height: 768 });
}

test('the concierge finds an order by its code, hands it over with the payment and gets a receipt', async () => {
  const { orderId, code } = await orderAtCounter();
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Comptoir', exact: true }).click());
  assert.equal(await heading(page), 'Comptoir');
  await lookAt(page, 'counter-search');

  await page.getByLabel('Code, nom ou téléphone').fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
  await clickAndWait(page, page.getByRole('button', { name: 'Chercher' }).click());
  assert.equal(new URL(page.url()).pathname, `/gestion/comptoir/${orderId}`);
  assert.equal(await heading(page), `Remise de la commande ${code}`);
  assert.ok(await page.getByText('Rangement : Étagère B1').isVisible());
  await lookAt(page, 'counter-order');

  // Without a payment method the form comes back with the message next to the field.
  await clickAndWait(page, page.getByRole('button', { name: 'Remettre et encaisser 50,00 €' }).click());
  assert.ok(await page.locator('#erreur-payment').isVisible());
  await lookAt(page, 'counter-order-error');

  await page.getByLabel('Espèces').check();
  await clickAndWait(page, page.getByRole('button', { name: 'Remettre et encaisser 50,00 €' }).click());
  assert.equal(new URL(page.url()).pathname, `/gestion/comptoir/${orderId}/recu`);
  assert.equal(await heading(page), `Reçu de la commande ${code}`);
  assert.ok(await page.getByText('Encaissé : 50,00 € — Espèces').isVisible());
  await lookAt(page, 'counter-receipt');
});

test('an order waiting past the limit is declared not collected from the list', async () => {
  const { code } = await orderAtCounter(15);
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await page.goto('/gestion/comptoir');
  await clickAndWait(page, page.getByRole('link', { name: 'Commandes non retirées' }).click());
  assert.equal(await heading(page), 'Commandes non retirées');
  await lookAt(page, 'counter-uncollected');
  await clickAndWait(page, page.getByRole('button', { name: `Déclarer non retirée la commande ${code}` }).click());
  assert.ok(await page.getByText(`La commande ${code} est déclarée non retirée`).isVisible());
  await expectNoAxeViolations(page);
});
