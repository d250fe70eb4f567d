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
import { nowMs, startClockAt } from '../../src/platform/clock.ts';
import { localToUtc } from '../../src/places/index.ts';
import { newId } from '../../src/platform/ids.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { plain } from '../helpers/text.ts';

/** Thursday 3 December 2026, 12 h 41 in Istres: the lunch rush. The app and this process share the instant. */
const LUNCH = '2026-12-03T11:41:00.000Z';
startClockAt(LUNCH);

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession({ CLOCK_START: LUNCH });
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

/**
 * In the running app's database: an order due today from 12 h 30 to 13 h with two bags at the
 * counter (« Épicerie Midi » 46,40 €, « Fleurs du Midi » 12,50 €), and two mails waiting.
 */
async function lunchOrder(): Promise<{ orderId: string; code: string }> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
    const lines = [];
    for (const [tradeName, priceCents] of [['Épicerie Midi', 2320], ['Fleurs du Midi', 625]] as const) {
      lines.push({ offerId: await makeOffer(db, await makeShop(db, { tradeName }), { priceCents }), quantity: 2 });
    }
    const { orderId } = await makeOrder(db, config, { lines });
    const date = '2026-12-03';
    await db
      .updateTable('orders')
      .set({ slot_start_at: localToUtc(date, '12:30', config.timeZone)!, slot_end_at: localToUtc(date, '13:00', config.timeZone)!, slot_local_date: date })
      .where('id', '=', orderId)
      .execute();
    const pos = await db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', orderId).execute();
    for (const [index, po] of pos.entries()) {
      await acceptPurchaseOrder(db, CONCIERGE, po.shop_id, po.id);
      await receivePurchaseOrder(db, config, CONCIERGE, po.id, { storageLocation: `Étagère M${index + 1}`, chilled: false });
    }
    for (let count = 0; count < 2; count += 1) {
      const id = newId();
      const at = new Date().toISOString();
      await db
        .insertInto('inbound_mails')
        .values({ id, message_id: `<${id}@exemple.fr>`, from_address: 'voisine@exemple.fr', from_name: 'Une voisine', subject: 'Commande', body_text: 'Bonjour', received_at: at, fetched_at: at, status: 'new' })
        .execute();
    }
    const { collection_code: code } = await db.selectFrom('orders').select('collection_code').where('id', '=', orderId).executeTakeFirstOrThrow();
    return { orderId, code };
  } finally {
    await db.destroy();
  }
}

test('at lunch: the search box is focused, then « Maintenant », « En retard », « Plus tard »; part of an order paid in cash gives the change calmly', async () => {
  const { code } = await lunchOrder();
  const page = await session.newPage({ width: 1280, height: 900 });
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  const bar = page.locator('nav.staff-bar');
  assert.match(plain((await bar.textContent()) ?? ''), /Courriels \(2\)/);
  await clickAndWait(page, bar.getByRole('link', { name: 'Comptoir', exact: true }).click());
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'champ-q', 'the search box has the focus');
  assert.match(plain((await bar.textContent()) ?? ''), /Actualisé à 12 h 4\d Actualiser/);
  const headings = (await page.locator('main h2').allTextContents()).map(plain);
  assert.equal(headings[0], 'Maintenant : 12 h 30 – 13 h');
  assert.match(headings[1], /^En retard \(\d+\)$/);
  assert.match(headings[2], /^Plus tard aujourd’hui \(\d+\)$/);
  const now = page.locator('section[aria-labelledby="maintenant"]');
  assert.match(plain((await now.textContent()) ?? ''), /Étagère M1, Étagère M2/);
  await expectNoAxeViolations(page);
  await screenshot(page, 'counter-lunch-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, 'counter-lunch-375');
  await page.setViewportSize({ width: 320, height: 640 });
  assert.equal(await scrollsSideways(page), false, 'the counter scrolls sideways at 320 px');
  await page.setViewportSize({ width: 1280, height: 900 });

  await clickAndWait(page, now.getByRole('link', { name: new RegExp(`^Remettre la commande ${code}`) }).click());
  await page.getByLabel(/^Fleurs du Midi/).uncheck();
  await page.getByLabel('Espèces').check();
  await page.getByLabel(/^Somme reçue/).fill('50,00');
  await clickAndWait(page, page.getByRole('button', { name: 'Remettre et encaisser 58,90 €' }).click());
  // Nothing went wrong: the new amount is information, not a red alert.
  assert.equal(await page.locator('[role="alert"], .error-summary, .field--error').count(), 0);
  const notice = plain((await page.locator('#montant-recalcule').textContent()) ?? '');
  assert.match(notice, /Nouveau montant à encaisser : 46,40 €/);
  assert.match(notice, /À rendre : 3,60 €/);
  await lookAt(page, 'counter-partial');

  await clickAndWait(page, page.getByRole('button', { name: 'Remettre et encaisser 46,40 €' }).click());
  assert.equal(await heading(page), `Reçu de la commande ${code}`);
  assert.match(plain((await page.locator('.flash').textContent()) ?? ''), /Somme reçue : 50,00 €\. À rendre : 3,60 €\./);
  await expectNoAxeViolations(page);
});
