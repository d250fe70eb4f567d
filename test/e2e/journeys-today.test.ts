// The concierge's day in a real browser: the « Aujourd’hui » board, the collection round with
// its pick lists, a reception typed wrong then right, and the round sheet printed to PDF.
// axe on every page, no sideways scrolling at 320 px, screenshots in test-results/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { expectNoAxeViolations, login, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { makePlace } from '../helpers/orders.ts';
import { makeRoundOrder, todayIn, type RoundWorld } from '../helpers/rounds.ts';
import { localToUtc } from '../../src/places/index.ts';
import { addDays } from '../../src/platform/calendar.ts';

const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

let session: BrowserSession;
let world: RoundWorld;
/** An order whose slot was yesterday, never collected. */
let lateCode: string;
let concierge: { email: string; password: string };

before(async () => {
  session = await startBrowserSession();
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
    const placeId = await makePlace(db, { name: 'Comptoir des essais' });
    world = await makeRoundOrder(db, config, placeId, [
      { tradeName: 'Poissonnerie des Essais', latitude: 43.5141, longitude: 4.9872, offerTitle: 'Plateau de fruits de mer pour 4', priceCents: 4500 },
      { tradeName: 'Fromagerie des Essais', latitude: 43.5182, longitude: 4.9921, offerTitle: 'Plateau de fromages', priceCents: 2500 },
    ]);
    const late = await makeRoundOrder(db, config, placeId, [{ tradeName: 'Épicerie du Retard', offerTitle: 'Panier garni', priceCents: 3000 }]);
    const yesterday = addDays(todayIn(config), -1);
    await db
      .updateTable('orders')
      .set({ slot_start_at: localToUtc(yesterday, '12:00', config.timeZone)!, slot_end_at: localToUtc(yesterday, '12:30', config.timeZone)!, slot_local_date: yesterday })
      .where('id', '=', late.orderId)
      .execute();
    lateCode = late.code;
  } finally {
    await db.destroy();
  }
  concierge = await session.makeAccount('concierge', { displayName: 'Claire Comptoir' });
});

after(async () => {
  await session?.close();
});

async function clickAndWait(page: Page, action: Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action]);
  await page.waitForLoadState('load');
}

/** axe, no sideways scrolling at 320 px, and (when named) screenshots at both widths. */
async function checkPage(page: Page, name?: string): Promise<void> {
  await expectNoAxeViolations(page);
  if (name) await screenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 320, height: 640 });
  assert.equal(await scrollsSideways(page), false, `${page.url()} scrolls sideways at 320 px`);
  if (name) await screenshot(page, `${name}-320`);
  await page.setViewportSize({ width: 1024, height: 768 });
}

test('the concierge opens the day, follows the round, receives a bag and prints the sheet', async () => {
  const page = await session.newPage();
  await login(page, concierge.email, concierge.password);
  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Aujourd’hui' }).first().click());
  assert.equal(new URL(page.url()).pathname, '/gestion/aujourdhui');
  assert.match((await page.locator('h1').textContent()) ?? '', /^Aujourd’hui/);
  const sections = await page.locator('main h2').allTextContents();
  assert.deepEqual(
    sections.map((title) => title.replace(/\s*\(\d+\)$/, '')),
    ['En retard', 'Tournée de collecte', 'Arrivé au comptoir', 'Attendus aujourd’hui', 'Commerces à relancer'],
  );
  // The order missed yesterday is the first thing the concierge reads, before the day's round.
  const main = (await page.locator('main').textContent()) ?? '';
  assert.ok(main.indexOf(lateCode) >= 0 && main.indexOf(lateCode) < main.indexOf('Tournée de collecte'), 'the late order comes first');
  await checkPage(page);

  await clickAndWait(page, page.getByRole('link', { name: 'Voir la tournée et les listes' }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion/tournee');
  const stops = page.locator('main .round-stop h2');
  const names = await stops.allTextContents();
  assert.ok(names.some((name) => name.includes('Poissonnerie des Essais')));
  assert.ok(names.some((name) => name.includes('Fromagerie des Essais')));
  const po = world.purchaseOrders[0];
  const card = page.locator(`article[aria-labelledby="bon-${po.id}"]`);
  assert.match((await card.textContent()) ?? '', /2 × Plateau de fruits de mer pour 4/);
  await checkPage(page, 'today-round');

  // Sent without saying where the bag is: the message sits by the field, « Au frais » kept.
  await card.getByLabel('Au frais (réfrigérateur)').check();
  await clickAndWait(page, card.getByRole('button', { name: /Reçu au comptoir/ }).click());
  const again = page.locator(`article[aria-labelledby="bon-${po.id}"]`);
  assert.match((await again.locator('.field__error').textContent()) ?? '', /Ce champ est obligatoire/);
  assert.equal(await again.getByLabel('Au frais (réfrigérateur)').isChecked(), true);
  await checkPage(page);

  await again.getByLabel(/^Rangé où\s\?/).fill('B3');
  await clickAndWait(page, again.getByRole('button', { name: /Reçu au comptoir/ }).click());
  assert.match((await page.locator('.flash').textContent()) ?? '', new RegExp(`Bon ${world.code} reçu au comptoir, rangé en B3\\.`));
  assert.equal(await page.locator(`article[aria-labelledby="bon-${po.id}"]`).count(), 0, 'the received bag leaves the round');
  await expectNoAxeViolations(page);

  await page.goto('/gestion/aujourdhui');
  const counter = (await page.locator('section[aria-labelledby="comptoir"]').textContent()) ?? '';
  assert.match(counter, new RegExp(`B3\\s*Au frais\\s*${world.code}`));
  await checkPage(page, 'today-board-after');


  // The sheet to print: no navigation, every shop with its list, a real PDF.
  await page.goto('/gestion/tournee');
  await clickAndWait(page, page.getByRole('link', { name: /Imprimer la tournée/ }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion/tournee/imprimer');
  assert.equal(await page.locator('nav').count(), 0);
  assert.match((await page.locator('main').textContent()) ?? '', /Fromagerie des Essais/);
  await expectNoAxeViolations(page);
  await screenshot(page, 'today-print-screen');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'today-print-media');
  assert.equal(await page.locator('.no-print').isVisible(), false, 'the way back is not printed');
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}today-round.pdf`, pdf);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 5_000, `a PDF of ${pdf.length} bytes`);
});

test('the board and the round are not for merchants', async () => {
  const page = await session.newPage();
  const merchant = await session.makeAccount('merchant', { shopId: world.purchaseOrders[0].shopId });
  await login(page, merchant.email, merchant.password);
  const response = await page.goto('/gestion/tournee');
  assert.equal(response?.status(), 404);
  await expectNoAxeViolations(page);
});
