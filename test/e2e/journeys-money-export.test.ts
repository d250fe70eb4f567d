// The accounting export in a real browser, on the demo town: the concierge opens it from the
// back office, is told beside the field when a date is wrong, and downloads the FEC of this
// month, which balances. axe, no sideways scrolling at 320 px, screenshots in test-results/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type BrowserSession, checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, download, login, startBrowserSession } from '../helpers/browser.ts';
import { now } from '../../src/platform/clock.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

test('the concierge exports the FEC; a wrong date is shown beside its field', async () => {
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await page.goto('/gestion');
  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Exports comptables' }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion/comptabilite/export');
  await checkPage(page, 'money-export');

  await page.getByLabel(/^Du/).fill('31/02/2026');
  await clickAndWait(page, page.getByRole('button', { name: 'Télécharger le fichier' }).click());
  assert.match((await page.locator('#erreur-from').innerText()).replace(/\s+/g, ' '), /Indiquez une date au format jj\/mm\/aaaa/);
  assert.equal(await page.getByLabel(/^Du/).inputValue(), '31/02/2026');
  await checkPage(page, 'money-export-error');

  // This month of the demo town (a whole year takes longer than a browser test should).
  const [day, month, year] = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(now()).split('/');
  await page.getByLabel(/^Du/).fill(`01/${month}/${year}`);
  await page.getByLabel(/^Au/).fill(`${day}/${month}/${year}`);
  await page.getByLabel(/Écritures comptables \(FEC\)/).check();
  const fec = await download(page, page.getByRole('button', { name: 'Télécharger le fichier' }).click());
  assert.match(fec.name, new RegExp(`^\\d{9}FEC${year}${month}${day}\\.txt$`));
  const lines = new TextDecoder('iso-8859-15').decode(fec.bytes).split('\r\n').filter(Boolean).map((line) => line.split('|'));
  assert.ok(lines.length > 1, 'the demo year is in the books');
  let balance = 0;
  for (const zones of lines.slice(1)) balance += Number(zones[11].replace(',', '')) - Number(zones[12].replace(',', ''));
  assert.equal(balance, 0, 'debit = credit');
});
