// A shop's statement and its Factur-X in a real browser: the merchant's statement says in its
// first screen, at 320 px, what to invoice; the concierge then uploads the shop's Factur-X PDF
// and sees it matched without typing anything. axe on every page; screenshots in test-results/
// (the first screen at 320 × 568 as well as the whole pages).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { type BrowserSession, checkPage, clickAndWait, login, startBrowserSession } from '../helpers/browser.ts';
import { invoicePdf, shopCiiXml } from '../helpers/shop-facturx.ts';
import { makePlace } from '../helpers/orders.ts';
import { closeCurrentPeriod, handedOverOrder, shopWithOffer } from '../helpers/settlement.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;
let shopId: string;
let statementId: string;
let today: string;

before(async () => {
  session = await startBrowserSession();
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
    const shop = await shopWithOffer(db, { tradeName: 'Poissonnerie Martin', priceCents: 7640, period: 'monthly' });
    await handedOverOrder(db, config, await makePlace(db), [{ offerId: shop.offerId }]);
    await closeCurrentPeriod(db, config, 'monthly');
    shopId = shop.shopId;
    statementId = (await db.selectFrom('statements').select('id').where('shop_id', '=', shopId).executeTakeFirstOrThrow()).id;
    today = localDateOf(nowIso(), config.timeZone);
  } finally {
    await db.destroy();
  }
});

after(async () => {
  await session?.close();
});

const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

/** The screen as a phone shows it on arrival, no scrolling. */
async function firstScreen(page: Page, name: string): Promise<void> {
  const dir = fileURLToPath(new URL('../../test-results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}${name}.png`, fullPage: false });
}

test('the merchant’s statement says first, on a 320 px phone, what to invoice and how to send it', async () => {
  const merchant = await session.makeAccount('merchant', { shopId, displayName: 'Marc Martin' });
  const page = await session.newPage({ width: 320, height: 568 });
  await login(page, merchant.email, merchant.password);
  await page.goto(`/boutique/${shopId}/releves/${statementId}`);
  const todo = page.locator('.statement-todo__amount');
  assert.equal((await todo.innerText()).replace(/\s+/g, ' '), 'Facturez-nous 76,40 €');
  await firstScreen(page, 'facturx-merchant-statement-first-screen-320');
  const box = (await todo.boundingBox())!;
  assert.ok(box.y >= 0 && box.y + box.height <= 568, `« Facturez-nous » in the first screen (its bottom at ${box.y + box.height} px)`);
  const shown = await mainText(page);
  assert.match(shown, /Envoyez votre facture en PDF par e-mail à \S+@\S+/);
  assert.match(plain(shown), /référence du relevé : RLV-/);
  assert.match(plain(shown), /Facture de commission déduite : n° COM-\d{4}-\d{6} \(4,58 €\)/);
  assert.match(plain(shown), /Virement à venir : 71,82 €/);
  await page.setViewportSize({ width: 1024, height: 768 });
  await firstScreen(page, 'facturx-merchant-statement-first-screen-1024');
  await checkPage(page, 'facturx-merchant-statement');
});

test('the concierge uploads the shop’s Factur-X and sees it matched without typing anything', async () => {
  const concierge = await session.makeAccount('concierge', { displayName: 'Claire Comptoir' });
  const page = await session.newPage();
  await login(page, concierge.email, concierge.password);
  await page.goto(`/gestion/releves/${statementId}/facture`);
  await checkPage(page, 'facturx-statement-invoice');
  const pdf = await invoicePdf(shopCiiXml({ number: 'FX-2026-0042', issuedOn: today, totalCents: 7640, taxExclusiveCents: 6367 }));
  await page.getByLabel('La facture au format PDF').setInputFiles({ name: 'facture-FX-2026-0042.pdf', mimeType: 'application/pdf', buffer: pdf });
  for (const label of ['Numéro de la facture', 'Date de la facture', 'Montant TTC de la facture, en euros']) assert.equal(await page.getByLabel(label).inputValue(), '');
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer la facture du commerce' }).click());
  const shown = await mainText(page);
  assert.match(shown, /elle correspond au relevé\. Numéro, date et montant lus dans la facture électronique \(Factur-X\) n° FX-2026-0042/);
  assert.match(shown, /FX-2026-0042/);
  assert.match(shown, /Rapprochée|rapprochée|correspond/);
  await checkPage(page, 'facturx-statement-invoice-matched');
});
