// The town's money page in a real browser, on the demo town: the town opens its money by month
// from the back office and downloads the table and the statements. axe, no sideways scrolling
// at 320 px, screenshots in test-results/. (The concierge's export: journeys-money-export.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type BrowserSession, checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, download, login, startBrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

test('the town reads its money month by month and downloads the table', async () => {
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.town, DEMO_PASSWORD);
  await page.goto('/gestion');
  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'L’argent de la conciergerie' }).click());
  assert.equal(new URL(page.url()).pathname, '/ville/argent');
  const rows = page.locator('table tbody tr');
  assert.equal(await rows.count(), 12);
  const total = (await page.locator('table tfoot').innerText()).replace(/\s+/g, ' ');
  assert.match(total, /Total des 12 mois/);
  assert.doesNotMatch(plain(total), /Encaissé : 0,00 €|^\S+ \S+ \S+ 4 0,00 €/, 'the demo town took money this year');
  await checkPage(page, 'town-money');

  const csv = await download(page, page.getByRole('link', { name: 'Tableau CSV' }).click());
  assert.match(csv.name, /^argent-par-mois-\d{4}-\d{2}\.csv$/);
  assert.match(csv.bytes.subarray(3).toString('utf8'), /^Mois;Encaissé;Reversé aux commerces;Commission;TVA sur la commission;Commandes\r\n/);

  const statements = await download(page, page.getByRole('button', { name: 'Télécharger le fichier' }).click());
  assert.match(statements.name, /^releves-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.equal(statements.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
});
