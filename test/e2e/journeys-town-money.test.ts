// The town's money page in a real browser, on the demo town seeded at a fixed instant: the
// town opens its money from the back office, reads the year's headline figures, each month
// « clos » or « en cours », the chart drawn on the server with the same figures in the table
// (one month checked against the ledger), and downloads the table and the statements. axe,
// no sideways scrolling at 320 px, screenshots at 1280 and 375 px in test-results/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type BrowserSession, checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, download, login, screenshot, startBrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';
import { createDb } from '../../src/db/index.ts';
import { formatEuros } from '../../src/platform/money.ts';

let session: BrowserSession;

before(async () => {
  // Wednesday 2 December 2026: the demo town's year runs from January to this month.
  session = await startBrowserSession({ CLOCK_START: '2026-12-02T08:00:00Z' });
});

after(async () => {
  await session?.close();
});

/** What the shops sold in October 2026 (local month, Europe/Paris), read from the ledger's hand-overs. */
async function octoberSalesCents(): Promise<number> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const row = await db
      .selectFrom('ledger_entries as e')
      .innerJoin('ledger_transactions as t', 't.id', 'e.transaction_id')
      .select([(eb) => eb.fn.sum<number>('e.credit_cents').as('credit'), (eb) => eb.fn.sum<number>('e.debit_cents').as('debit')])
      .where('t.kind', '=', 'handover')
      .where('e.account', '=', 'shop_payable')
      .where('t.occurred_at', '>=', '2026-09-30T22:00:00.000Z')
      .where('t.occurred_at', '<', '2026-10-31T23:00:00.000Z')
      .executeTakeFirstOrThrow();
    return Number(row.credit ?? 0) - Number(row.debit ?? 0);
  } finally {
    await db.destroy();
  }
}

test('the town reads its year, its months closed or in progress, the chart and its table, and downloads the table', async () => {
  const page = await session.newPage({ width: 1280, height: 900 });
  await login(page, DEMO_LOGINS.town, DEMO_PASSWORD);
  await page.goto('/gestion');
  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'L’argent de la conciergerie' }).click());
  assert.equal(new URL(page.url()).pathname, '/ville/argent');

  const year = plain(await page.locator('.headline-figures').innerText());
  for (const label of ['Ventes des commerces', 'Commission gagnée', 'Reversé aux commerces', 'Reste à reverser aujourd’hui']) assert.ok(year.includes(label), label);
  assert.match(year, /du budget annuel de 60 000 €/);
  assert.match(plain(await page.locator('main').innerText()), /payés après la clôture de leur période/);

  const rows = page.locator('table.town-months tbody tr');
  assert.equal(await rows.count(), 12);
  for (let index = 0; index < 12; index += 1) assert.match(plain(await rows.nth(index).locator('td').first().innerText()), /^(clos|en cours)$/);
  assert.equal(plain(await rows.nth(11).locator('td').first().innerText()), 'en cours', 'this month is not over');
  const total = plain(await page.locator('table tfoot').innerText());
  assert.match(total, /Total des 12 mois/);

  const chart = page.getByRole('img', { name: /Ventes des commerces et sommes à reverser/ });
  assert.equal(await chart.count(), 1, 'the chart, named for screen readers');
  assert.equal(await page.locator('svg rect').count(), 12, 'a bar a month');
  const october = rows.filter({ has: page.getByRole('rowheader', { name: 'octobre 2026' }) });
  // The cell reads the month's sales, then goods and services apart when there were services.
  const cell = plain(await october.locator('td').nth(1).innerText());
  const salesCell = /^[\d\s]+,\d{2} €/.exec(cell)?.[0] ?? cell;
  assert.equal(salesCell, plain(formatEuros(await octoberSalesCents())), 'October’s sales in the table are the ledger’s');
  const description = plain((await page.locator('svg desc').textContent()) ?? '');
  assert.ok(description.includes(`oct. : ventes ${salesCell}`), 'the chart says the same figure');
  assert.equal(await page.locator('script').count(), 0, 'no script: the chart is drawn on the server');
  await screenshot(page, 'town-money-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, 'town-money-375');
  await page.setViewportSize({ width: 1024, height: 768 });
  await checkPage(page, 'town-money');

  const csv = await download(page, page.getByRole('link', { name: 'Tableau CSV' }).click());
  assert.match(csv.name, /^argent-par-mois-2026-12\.csv$/);
  assert.match(csv.bytes.subarray(3).toString('utf8'), /^Mois;Encaissé;Reversé aux commerces;Commission;TVA sur la commission;Commandes\r\n/);

  const statements = await download(page, page.getByRole('button', { name: 'Télécharger le fichier' }).click());
  assert.match(statements.name, /^releves-2026-11-01-2026-11-30\.xlsx$/);
  assert.equal(statements.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
});
