// Invoices in a real browser: the concierge records a shop's invoice that differs from the
// statement, sees the difference and accepts it with a reason, opens the form that cancels a
// commission invoice; the merchant opens its invoices. axe on every page, no sideways
// scrolling at 320 px, screenshots in test-results/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { handOver, receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { closePeriod } from '../../src/settlement/statements/statements.service.ts';
import { type BrowserSession, checkPage, clickAndWait, login, startBrowserSession } from '../helpers/browser.ts';
import { CONCIERGE, makeOrder, makePlace } from '../helpers/orders.ts';
import { nowIso } from '../../src/platform/clock.ts';

let session: BrowserSession;
let shopId: string;
let statementId: string;

before(async () => {
  session = await startBrowserSession();
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
    const made = await makeOrder(db, config, { placeId: await makePlace(db), shops: 1 });
    const [po] = await db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).execute();
    await acceptPurchaseOrder(db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(db, config, CONCIERGE, po.id, { storageLocation: 'A1', chilled: false });
    await handOver(db, CONCIERGE, made.orderId, { purchaseOrderIds: [po.id], shownIds: [po.id], method: 'card' }, randomUUID());
    shopId = po.shop_id;
    // the month of the hand-over, closed as seen from the next month
    const today = localDateOf(nowIso(), config.timeZone);
    const next = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 2, 12)).toISOString();
    await closePeriod(db, config, CONCIERGE, { kind: 'monthly', start: `${today.slice(0, 7)}-01` }, next);
    statementId = (await db.selectFrom('statements').select('id').where('shop_id', '=', shopId).executeTakeFirstOrThrow()).id;
  } finally {
    await db.destroy();
  }
});

after(async () => {
  await session?.close();
});

const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

test('the concierge records an invoice that differs, sees the difference, and accepts it with a reason', async () => {
  const concierge = await session.makeAccount('concierge', { displayName: 'Claire Comptoir' });
  const page = await session.newPage();
  await login(page, concierge.email, concierge.password);
  await page.goto(`/gestion/releves/${statementId}/facture`);
  assert.match(await mainText(page), /elle doit être de 25,00 €/);
  await checkPage(page, 'invoices-statement');

  await page.getByLabel('Numéro de la facture').fill('F2026-118');
  await page.getByLabel('Date de la facture').fill('31/12/2099');
  await page.getByLabel('Montant TTC de la facture, en euros').fill('23,805');
  await page.getByLabel('La facture au format PDF').setInputFiles({ name: 'facture.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer la facture du commerce' }).click());
  const refused = await mainText(page);
  assert.match(refused, /deux décimales au plus/);
  assert.equal(await page.getByLabel('Numéro de la facture').inputValue(), 'F2026-118');
  await checkPage(page, 'invoices-statement-errors');

  await page.getByLabel('Date de la facture').fill(localDateOf(nowIso(), 'Europe/Paris').split('-').reverse().join('/'));
  await page.getByLabel('Montant TTC de la facture, en euros').fill('23,80');
  await page.getByLabel('La facture au format PDF').setInputFiles({ name: 'facture.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer la facture du commerce' }).click());
  assert.match(await mainText(page), /Écart de 1,20 € entre la facture \(23,80 €\) et le relevé \(25,00 €\)/);
  await checkPage(page, 'invoices-difference');

  await page.getByLabel('Pourquoi accepter l’écart ?').fill('Remise accordée au comptoir');
  await clickAndWait(page, page.getByRole('button', { name: 'Accepter l’écart' }).click());
  assert.match(await mainText(page), /écart accepté/);

  await clickAndWait(page, page.getByRole('link', { name: /^Annuler la facture .* par un avoir$/ }).click());
  assert.match(await mainText(page), /Un avoir du même montant \(1,50 €\)/);
  await checkPage(page, 'invoices-cancel');
});

test('a merchant opens its invoices: the commission invoice as PDF', async () => {
  const merchant = await session.makeAccount('merchant', { shopId, displayName: 'Marc Marchand' });
  const page = await session.newPage();
  await login(page, merchant.email, merchant.password);
  await page.goto(`/boutique/${shopId}/factures`);
  const main = await mainText(page);
  assert.match(main, /Facture .*-\d{6} \(PDF\)/);
  assert.match(main, /F2026-118/);
  const href = await page.getByRole('link', { name: /^Facture .*-\d{6} \(PDF\)$/ }).getAttribute('href');
  const pdf = await page.request.get(href!);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  await checkPage(page, 'invoices-merchant');
});
