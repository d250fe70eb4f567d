// The concierge reads « Tâches automatiques » in a real browser, from the back-office home: the
// jobs of the running app, one of them failed with a long message — accessible (axe) and
// readable at 1024 and 320 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDb } from '../../src/db/index.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, login, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

test('the concierge finds the jobs from the back-office home and reads how each went', async () => {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    // The running app's scheduler writes the rows at start; one run failed, with a long address in its message.
    for (let tries = 0; tries < 100 && (await db.selectFrom('jobs').select('name').execute()).length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    const at = nowIso();
    await db
      .updateTable('jobs')
      .set({ last_started_at: at, last_finished_at: at, last_error: 'getaddrinfo ENOTFOUND un-serveur-de-base-de-donnees-au-nom-tres-long.conciergerie-istres.example', last_error_at: at, runs: 1 })
      .where('name', '=', 'ledger-posting')
      .execute();
  } finally {
    await db.destroy();
  }

  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await clickAndWait(page, page.getByRole('link', { name: 'Tâches automatiques' }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion/taches');
  const main = (await page.locator('main').textContent()) ?? '';
  assert.match(main, /Passer en comptabilité les paiements, remises et remboursements restés en attente/);
  assert.match(main, /toutes les heures/);
  assert.match(main, /échoué/);
  assert.match(main, /getaddrinfo ENOTFOUND/);
  assert.equal(await page.getByRole('heading', { level: 2 }).count(), 12, 'one heading per job');
  await checkPage(page, 'journey-jobs');
});
