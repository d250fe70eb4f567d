// The concierge takes a part payment on an order, then refunds the line its shop refused, in a
// real browser, from the order's record. Every page passes axe and is looked at on a wide
// screen and on a 320 px phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { acceptPurchaseOrder, refuseLine } from '../../src/orders/portal/portal.service.ts';
import { type BrowserSession, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, scrollsSideways, startBrowserSession } from '../helpers/browser.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { CONCIERGE, makeOrder } from '../helpers/orders.ts';
import { makeShop } from '../helpers/shops.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

/** An order of one shop with two lines (2 × 12,50 € and 2 × 2,25 €), in the running app's database. */
async function makeTwoLineOrder(): Promise<{ orderId: string; shopId: string; poId: string; bottleLine: string; code: string }> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
    const shopId = await makeShop(db);
    const platter = await makeOffer(db, shopId, { title: 'Plateau de fromages', priceCents: 1250 });
    const bottle = await makeOffer(db, shopId, { title: 'Jus de pomme', priceCents: 225 });
    const { orderId } = await makeOrder(db, config, { lines: [{ offerId: platter, quantity: 2 }, { offerId: bottle, quantity: 2 }] });
    const po = await db.selectFrom('purchase_orders').select('id').where('order_id', '=', orderId).executeTakeFirstOrThrow();
    const line = await db.selectFrom('order_lines').select('id').where('order_id', '=', orderId).where('title', '=', 'Jus de pomme').executeTakeFirstOrThrow();
    const { collection_code: code } = await db.selectFrom('orders').select('collection_code').where('id', '=', orderId).executeTakeFirstOrThrow();
    return { orderId, shopId, poId: po.id, bottleLine: line.id, code };
  } finally {
    await db.destroy();
  }
}

/** The shop accepts its purchase order, then finds it has no more apple juice. */
async function shopRefusesBottle(order: { shopId: string; poId: string; bottleLine: string }): Promise<void> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
    await acceptPurchaseOrder(db, CONCIERGE, order.shopId, order.poId);
    await refuseLine(db, config, CONCIERGE, order.shopId, order.poId, order.bottleLine, { reason: 'out_of_stock', note: null });
  } finally {
    await db.destroy();
  }
}

async function heading(page: Page): Promise<string> {
  return ((await page.locator('h1').textContent()) ?? '').trim();
}

async function lookAt(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  await screenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 320, height: 640 });
  assert.equal(await scrollsSideways(page), false, `${name} scrolls sideways at 320 px`);
  await screenshot(page, `${name}-320`);
  await page.setViewportSize({ width: 1024, height: 768 });
}

test('the concierge takes a part payment, then refunds the line the shop refused, by the same method', async () => {
  const order = await makeTwoLineOrder();
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await page.goto(`${session.app.url}/gestion/commandes/${order.orderId}`);
  await clickAndWait(page, page.getByRole('link', { name: 'Encaisser un paiement' }).click());
  assert.equal(await heading(page), `Encaisser un paiement — commande ${order.code}`);
  await lookAt(page, 'refund-pay');

  // Three decimals: the message next to the field, the typed amount kept.
  await page.getByLabel('Carte').check();
  await page.getByLabel('Montant reçu, en euros').fill('29,505');
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer le paiement' }).click());
  assert.ok(await page.locator('#erreur-montant').isVisible());
  assert.equal(await page.getByLabel('Montant reçu, en euros').inputValue(), '29,505');
  await lookAt(page, 'refund-pay-error');
  await page.getByLabel('Montant reçu, en euros').fill('29,50');
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer le paiement' }).click());
  assert.equal(new URL(page.url()).pathname, `/gestion/commandes/${order.orderId}`);
  assert.ok(await page.getByText(`Paiement de 29,50 € enregistré pour la commande ${order.code}.`).isVisible());

  await shopRefusesBottle(order);
  await page.reload();
  await clickAndWait(page, page.getByRole('link', { name: 'Rembourser' }).click());
  assert.equal(await heading(page), `Rembourser — commande ${order.code}`);
  assert.ok(await page.getByLabel('Les articles refusés (4,50 €)').isChecked(), 'the refused line is preselected');
  await lookAt(page, 'refund-form');

  // No reason: refused next to the field.
  await clickAndWait(page, page.getByRole('button', { name: 'Rembourser', exact: true }).click());
  assert.ok(await page.locator('#erreur-motif').isVisible());
  await page.getByLabel('Motif du remboursement').fill('Jus de pomme en rupture de stock');
  await clickAndWait(page, page.getByRole('button', { name: 'Rembourser', exact: true }).click());
  assert.equal(new URL(page.url()).pathname, `/gestion/commandes/${order.orderId}`);
  assert.ok(await page.getByText(`Remboursement enregistré pour la commande ${order.code} : 4,50 €.`).isVisible());
  assert.ok(await page.getByText('Remboursement : 4,50 € carte — motif : Jus de pomme en rupture de stock').isVisible());
  await lookAt(page, 'refund-done');
  await page.close();
});
