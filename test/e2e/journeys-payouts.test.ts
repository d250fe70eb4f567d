// Payouts in a real browser: the concierge prepares a batch from the settled statements,
// approves it, downloads its file, marks it sent and confirmed by the bank; the merchant sees
// its payout. axe on every page, no sideways scrolling at 320 px, screenshots in test-results/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { handOver, receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { addDays, localDateOf } from '../../src/platform/calendar.ts';
import { recordShopInvoice } from '../../src/settlement/invoices/invoices.service.ts';
import { closePeriod } from '../../src/settlement/statements/statements.service.ts';
import { periodOf } from '../../src/settlement/settlement.statements.rules.ts';
import { updateTerms } from '../../src/settlement/terms/terms.service.ts';
import { type BrowserSession, checkPage, clickAndWait, login, startBrowserSession } from '../helpers/browser.ts';
import { CONCIERGE, makeOrder, makePlace } from '../helpers/orders.ts';
import { confirmBankDetails } from '../helpers/settlement.ts';
import { nowIso } from '../../src/platform/clock.ts';

let session: BrowserSession;
let shopId: string;

const BANKS = [
  { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
  { iban: 'FR1420041010050500013M02606', bic: 'PSSTFRPPMAR' },
];

before(async () => {
  session = await startBrowserSession();
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
    const made = await makeOrder(db, config, { placeId: await makePlace(db), shops: 2 });
    const pos = await db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).orderBy('created_at').orderBy('id').execute();
    for (const [index, po] of pos.entries()) {
      await updateTerms(db, config, CONCIERGE, po.shop_id, { settlementPeriod: 'weekly', ...BANKS[index], vatNumber: '', selfBillingSince: '' });
      await confirmBankDetails(db, [po.shop_id]);
      await acceptPurchaseOrder(db, CONCIERGE, po.shop_id, po.id);
      await receivePurchaseOrder(db, config, CONCIERGE, po.id, { storageLocation: `A${index + 1}`, chilled: false });
    }
    const ids = pos.map((po) => po.id);
    await handOver(db, CONCIERGE, made.orderId, { purchaseOrderIds: ids, shownIds: ids, method: 'card' }, randomUUID());
    const today = localDateOf(nowIso(), config.timeZone);
    const week = periodOf('weekly', today);
    await closePeriod(db, config, CONCIERGE, { kind: 'weekly', start: week.start }, `${addDays(week.end, 1)}T12:00:00.000Z`);
    const statements = await db.selectFrom('statements').select(['id', 'sales_cents', 'refunds_cents']).where('shop_id', 'in', pos.map((po) => po.shop_id)).execute();
    for (const statement of statements) {
      const amount = ((Number(statement.sales_cents) - Number(statement.refunds_cents)) / 100).toFixed(2).replace('.', ',');
      const input = { number: `F-${statement.id.slice(-4)}`, invoiceDate: today.split('-').reverse().join('/'), amount, file: Buffer.from('%PDF-1.4') };
      await recordShopInvoice(db, config, CONCIERGE, statement.id, input, randomUUID());
    }
    shopId = pos[0].shop_id;
  } finally {
    await db.destroy();
  }
});

after(async () => {
  await session?.close();
});

async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

test('the concierge pays the settled statements: prepare, approve, file, sent, paid', async () => {
  const concierge = await session.makeAccount('concierge', { displayName: 'Claire Comptoir' });
  const page = await session.newPage();
  await login(page, concierge.email, concierge.password);
  await page.goto('/gestion/virements');
  assert.match(await mainText(page), /Relevés à payer/);
  assert.equal(await page.locator('input[name="releves"]:checked').count(), 2);
  await checkPage(page, 'payouts-list');

  await clickAndWait(page, page.getByRole('button', { name: 'Préparer le virement' }).click());
  assert.match(new URL(page.url()).pathname, /^\/gestion\/virements\/[0-9a-f-]{36}$/);
  assert.match(await mainText(page), /À approuver/);
  await checkPage(page, 'payouts-batch');

  await clickAndWait(page, page.getByRole('button', { name: 'Approuver ce virement' }).click());
  const link = page.getByRole('link', { name: 'Télécharger le fichier de virement (XML)' });
  const download = await page.request.get((await link.getAttribute('href'))!);
  assert.equal(download.status(), 200);
  assert.match(await download.text(), /<NbOfTxs>2<\/NbOfTxs>/);

  await clickAndWait(page, page.getByRole('button', { name: 'Marquer comme envoyé à la banque' }).click());
  await clickAndWait(page, page.getByRole('button', { name: 'La banque a confirmé' }).click());
  assert.match(await mainText(page), /Les commerces de ce virement sont payés\./);
  await checkPage(page, 'payouts-batch-paid');
});

test('the merchant sees its payout', async () => {
  const merchant = await session.makeAccount('merchant', { shopId, displayName: 'Marc Marchand' });
  const page = await session.newPage();
  await login(page, merchant.email, merchant.password);
  await page.goto(`/boutique/${shopId}/virements`);
  assert.match(await mainText(page), /Vos virements .*23,50 € Payé le /);
  await checkPage(page, 'payouts-shop');
});
