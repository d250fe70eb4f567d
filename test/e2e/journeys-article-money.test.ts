// The article's money, in a real browser on the demo town: the three-shop order is paid by
// card at the counter; last month is closed; each shop's merchant sees a statement with the
// article's line and exactly its sales less 5 % and the VAT on it; the concierge records the
// three shop invoices, prepares and approves the payout batch, whose pain.001 file passes the
// XSD; the FEC export of last month balances, 18 columns a line. axe runs on every page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createDb } from '../../src/db/index.ts';
import { addDays, localDateOf, localToUtc } from '../../src/platform/calendar.ts';
import { parseEuros } from '../../src/platform/money.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, login, logout, screenshot, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { articleMerchants, clickAndCheck, handOverByCard, orderFromThreeShops, prepare, receiveBags, visit, type Merchant } from '../helpers/article.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { plain } from '../helpers/text.ts';

const TIME_ZONE = 'Europe/Paris';
let session: BrowserSession;
let merchants: Merchant[];

before(async () => {
  session = await startBrowserSession();
  merchants = await articleMerchants(session);
});

after(async () => {
  await session?.close();
});

/** The last day of last month, local. */
function lastDayOfLastMonth(): string {
  const today = localDateOf(nowIso(), TIME_ZONE);
  return addDays(`${today.slice(0, 7)}-01`, -1);
}

/**
 * The test's clock, not the product's: the current month cannot be closed before it ends, so
 * the order's hand-over and its card payment are moved to the last day of last month, 15:00.
 */
async function handOverLastMonth(code: string): Promise<void> {
  const at = localToUtc(lastDayOfLastMonth(), '15:00', TIME_ZONE)!;
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const order = await db.selectFrom('orders').select('id').where('collection_code', '=', code).executeTakeFirstOrThrow();
    await db.updateTable('purchase_orders').set({ updated_at: at }).where('order_id', '=', order.id).execute();
    await db.updateTable('counter_payments').set({ at }).where('order_id', '=', order.id).execute();
  } finally {
    await db.destroy();
  }
}

function halfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** A figure of the statement page, by its label in the table from the sales to the amount paid back (its size, without its sign). */
function figureRow(page: import('playwright-core').Page, label: RegExp) {
  return page.locator('main table.statement-sum tr', { has: page.locator('th', { hasText: label }) });
}

async function figure(page: import('playwright-core').Page, label: RegExp): Promise<number> {
  const text = (await figureRow(page, label).first().locator('td').last().textContent()) ?? '';
  const cents = parseEuros(text.replace(/[^\d,]/g, ''));
  assert.ok(cents !== undefined, `a figure for ${label}: « ${text} »`);
  return cents;
}

test('the article’s money: card at the counter, the month closed, three statements, the payout file and the FEC', async () => {
  const page = await session.newPage();
  const { code } = await orderFromThreeShops(page);
  for (const merchant of merchants) await prepare(page, merchant, code);
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await receiveBags(page, code);
  await handOverByCard(page, code);
  await handOverLastMonth(code);

  // The concierge closes last month.
  const month = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${lastDayOfLastMonth()}T12:00:00Z`));
  await visit(page, '/gestion/releves');
  await clickAndCheck(page, () => page.getByRole('button', { name: `Clôturer ${month}`, exact: true }).click());
  assert.match(plain((await page.locator('.flash').textContent()) ?? ''), /est clôturé : \d+ relevé/);
  await logout(page);

  // Each merchant reads its statement: the article's line, 5 % half-up, VAT 20 % on it.
  const nets = new Map<string, { statementPath: string; net: number }>();
  for (const merchant of merchants) {
    await login(page, merchant.email, merchant.password);
    await visit(page, `/boutique/${merchant.shopId}/releves`);
    await clickAndCheck(page, () => page.locator('main a', { hasText: new RegExp(month, 'i') }).first().click());
    assert.ok(((await page.locator('main').textContent()) ?? '').includes(code), `${merchant.shop}: the statement has the article's line`);
    const sales = await figure(page, /^Ventes remises/);
    const refunds = (await figureRow(page, /^Remboursements/).count()) > 0 ? await figure(page, /^Remboursements/) : 0;
    const commission = await figure(page, /^Commission/);
    const vat = await figure(page, /^TVA sur la commission/);
    const payable = await figure(page, /^À reverser/);
    const net = sales - refunds;
    assert.equal(commission, halfUp(net * 500, 10_000), `${merchant.shop}: commission = 5 % of ${net}`);
    assert.equal(vat, halfUp(commission * 2000, 10_000), `${merchant.shop}: VAT = 20 % of the commission`);
    assert.equal(payable, net - commission - vat, `${merchant.shop}: payable`);
    if (merchant === merchants[1]) await screenshot(page, 'journey-article-money-statement-1024');
    nets.set(merchant.shopId, { statementPath: new URL(page.url()).pathname.replace(`/boutique/${merchant.shopId}/releves/`, '/gestion/releves/'), net });
    await logout(page);
  }

  // The concierge records the three shops' invoices: each equal to its statement's net.
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  const pdf = join(tmpdir(), `facture-${code}.pdf`);
  writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
  for (const [shopId, { statementPath, net }] of nets) {
    await visit(page, statementPath);
    await clickAndCheck(page, () => page.locator('main a', { hasText: /facture/i }).first().click());
    await page.getByLabel(/^Numéro de la facture/).fill(`F-${shopId.slice(-4)}`);
    await page.getByLabel(/^Date de la facture/).fill(lastDayOfLastMonth().split('-').reverse().join('/'));
    await page.getByLabel(/^Montant TTC/).fill((net / 100).toFixed(2).replace('.', ','));
    await page.getByLabel(/^La facture au format PDF/).setInputFiles(pdf);
    await clickAndCheck(page, () => page.getByRole('button', { name: /Enregistrer/ }).first().click());
  }

  // The payout batch for them, approved, its file valid against the XSD.
  await visit(page, '/gestion/virements');
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Préparer le virement' }).click());
  await screenshot(page, 'journey-article-money-batch-1024');
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Approuver ce virement' }).click());
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Télécharger le fichier de virement/ }).click()]);
  const xml = join(tmpdir(), `virement-${code}.xml`);
  await download.saveAs(xml);
  execFileSync('xmllint', ['--noout', '--schema', 'standards/pain.001.001.03.xsd', xml], { stdio: 'pipe' });

  // The FEC from last month to today balances, 18 columns a line.
  const last = lastDayOfLastMonth();
  const french = (date: string) => date.split('-').reverse().join('/');
  // The FEC dates entries by the day they entered the books: last month's facts were posted today.
  const today = localDateOf(nowIso(), TIME_ZONE);
  const fecResponse = await page.request.get(`/gestion/comptabilite/export/fichier?from=${french(`${last.slice(0, 8)}01`)}&to=${french(today)}&format=fec`);
  assert.equal(fecResponse.status(), 200);
  const lines = (await fecResponse.text()).split(/\r?\n/).filter((line) => line !== '');
  const separator = lines[0].includes('\t') ? '\t' : '|';
  let debit = 0;
  let credit = 0;
  for (const line of lines.slice(1)) {
    const cells = line.split(separator);
    assert.equal(cells.length, 18, `18 columns: ${line}`);
    debit += parseEuros(cells[11] || '0') ?? 0;
    credit += parseEuros(cells[12] || '0') ?? 0;
  }
  assert.equal(lines[0].split(separator).length, 18);
  assert.ok(debit > 0);
  assert.equal(debit, credit, 'the FEC balances');
});
