// The town's dashboard in a real browser, on the demo town seeded at a fixed instant (its
// complete months rolled up by the seed, December live): the town opens it from the back
// office, checks that the adherence rate it shows is the member shops of the page's own table
// divided by all the shops of that table, sees the charts named for screen readers, changes
// the period (and is told when its end comes before its start, keeping what it typed), and
// downloads a table. axe and 320 px on each page; screenshots at 1280 and 375 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type BrowserSession, checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, download, login, screenshot, startBrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;

before(async () => {
  // Wednesday 2 December 2026: the demo town's year runs from January to this month.
  session = await startBrowserSession({ CLOCK_START: '2026-12-02T08:00:00Z' });
});

after(async () => {
  await session?.close();
});

/** « 1 234 » or « 52,45 % » as a number. */
function numberIn(text: string): number {
  return Number(plain(text).replace(/[^\d,]/g, '').replace(',', '.'));
}

test('the town reads its dashboard, whose adherence rate is the table’s members over all its shops, changes the period and downloads a table', async () => {
  const page = await session.newPage({ width: 1280, height: 900 });
  await login(page, DEMO_LOGINS.town, DEMO_PASSWORD);
  await page.goto('/gestion');
  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Tableau de bord de la ville' }).click());
  assert.equal(new URL(page.url()).pathname, '/ville/tableau-de-bord');
  assert.match(plain(await page.locator('main').innerText()), /De janvier 2026 à décembre 2026/);

  // The rate shown on top, against the shops counted in the page's own table.
  const shops = page.locator('table[data-table="commerces"]');
  const members = numberIn(await shops.getByRole('row', { name: /^Adhérent / }).locator('td').first().innerText());
  const all = numberIn(await shops.getByRole('row', { name: /^Total / }).locator('td').first().innerText());
  assert.ok(members > 0 && all > members, `${members} member shops of ${all}`);
  const headline = page.locator('.headline-figures > div').filter({ hasText: 'Taux d’adhésion' });
  const shown = numberIn(await headline.locator('dd').innerText().then((text) => text.split('\n')[0]));
  assert.equal(shown, Math.round((members / all) * 10_000) / 100, 'the rate is members ÷ all shops');
  assert.equal(numberIn(await shops.getByRole('row', { name: /^Total / }).locator('td').nth(1).innerText()), shown);

  // Charts drawn on the server, each an image with a name; a trend over the year.
  assert.ok((await page.getByRole('img', { name: 'Achats de produits par mois' }).count()) === 1);
  assert.equal(await page.locator('svg[role="img"]').count(), 11);
  assert.equal(await page.locator('script').count(), 0, 'no script: the charts are drawn on the server');
  const months = page.locator('table[data-table="ventes-par-mois"] tbody tr');
  assert.equal(await months.count(), 12);
  assert.match(plain(await months.nth(11).locator('th').innerText()), /décembre 2026 \(en cours\)/);
  await screenshot(page, 'town-dashboard-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, 'town-dashboard-375');
  await page.setViewportSize({ width: 1024, height: 768 });
  await checkPage(page, 'town-dashboard');

  // An end before the start: said beside the field, what was typed kept.
  await page.getByLabel(/^Premier mois/).fill('09/2026');
  await page.getByLabel(/^Dernier mois/).fill('06/2026');
  await clickAndWait(page, page.getByRole('button', { name: 'Afficher cette période' }).click());
  assert.match(plain(await page.locator('#erreur-to').innerText()), /Le dernier mois doit venir après le premier mois/);
  assert.equal(await page.getByLabel(/^Premier mois/).inputValue(), '09/2026');
  assert.equal(await page.getByLabel(/^Dernier mois/).inputValue(), '06/2026');
  await checkPage(page, 'town-dashboard-error');

  // A quarter, then its table of categories as a file.
  await page.getByLabel(/^Dernier mois/).fill('11/2026');
  await clickAndWait(page, page.getByRole('button', { name: 'Afficher cette période' }).click());
  assert.match(plain(await page.locator('main').innerText()), /De septembre 2026 à novembre 2026/);
  assert.equal(await page.locator('table[data-table="ventes-par-mois"] tbody tr').count(), 3);
  await checkPage(page, 'town-dashboard-quarter');
  const csv = await download(page, page.getByRole('link', { name: 'Télécharger « Ventes par catégorie » (CSV)' }).click());
  assert.equal(csv.name, 'categories-2026-09-2026-11.csv');
  const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n');
  assert.equal(lines[0], 'Catégorie;Ventes');
  assert.match(lines.filter(Boolean).at(-1) ?? '', /^Total;\d+,\d{2}$/);
  const xlsx = await download(page, page.getByRole('link', { name: 'Télécharger « Adhérents par mois » (Excel)' }).click());
  assert.equal(xlsx.name, 'adherents-2026-09-2026-11.xlsx');
  assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
});
