// A member's personal data, in the browser: « Mes données » from « Mon compte », the JSON
// download, asking for erasure, following the mailed link (read from the outbox), erased and
// logged out. Axe is checked on every page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDb } from '../../src/db/index.ts';
import { loadConfig } from '../../src/config.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { linkInMail } from '../helpers/quotes.ts';
import { checkPage, clickAndWait, download, login, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';

let session: BrowserSession;
const EMAIL = 'capucine.vernadel@exemple.fr';

before(async () => {
  session = await startBrowserSession();
});

after(() => session?.close());

function withDb<T>(work: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  return work(db).finally(() => db.destroy());
}

test('a member downloads their data, asks for erasure, follows the mailed link and is erased and logged out', async () => {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
  const { memberId, password } = await withDb(async (db) => {
    const id = await makeMember(db, { firstName: 'Capucine', lastName: 'Vernadel', email: EMAIL, phone: '06 31 42 53 64' });
    const account = await makeAccount(db, config, 'resident', { email: EMAIL, displayName: 'Capucine Vernadel', memberId: id });
    return { memberId: id, password: account.password };
  });
  const page = await session.newPage();
  await login(page, EMAIL, password);
  await page.goto('/compte');
  await checkPage(page, 'journey-personal-data-account');
  await clickAndWait(page, page.getByRole('link', { name: 'Mes données personnelles' }).click());
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Mes données');
  await checkPage(page, 'journey-personal-data-page');
  const file = await download(page, page.getByRole('link', { name: 'Télécharger mes données (fichier JSON)' }).click());
  assert.equal(file.name, 'mes-donnees.json');
  const data = JSON.parse(file.bytes.toString('utf8')) as Record<string, Record<string, unknown>>;
  assert.equal(data['Mon adhésion']['Prénom'], 'Capucine');

  await clickAndWait(page, page.getByRole('link', { name: 'Effacer mon compte' }).click());
  await checkPage(page, 'journey-personal-data-erase-ask');
  await clickAndWait(page, page.getByRole('button', { name: 'M’envoyer le courriel de confirmation' }).click());
  assert.match((await page.locator('main').textContent()) ?? '', /Un courriel de confirmation vous a été envoyé/);

  // The link is sealed in the outbox: opened here as the sending worker would.
  await page.goto(await withDb((db) => linkInMail(db, config, EMAIL, /^Confirmez l’effacement de votre compte$/)));
  await checkPage(page, 'journey-personal-data-erase-link');
  await clickAndWait(page, page.getByRole('button', { name: 'Effacer mon compte' }).click());
  assert.equal(new URL(page.url()).pathname, '/');
  assert.match((await page.locator('body').textContent()) ?? '', /Votre compte a été effacé/);
  await checkPage(page, 'journey-personal-data-erased');

  await page.goto('/compte');
  assert.equal(new URL(page.url()).pathname, '/connexion', 'logged out: « Mon compte » asks to log in');
  const row = await withDb((db) => db.selectFrom('members').select(['first_name', 'email', 'erased_at']).where('id', '=', memberId).executeTakeFirstOrThrow());
  assert.equal(row.first_name, 'Adhérent effacé');
  assert.equal(row.email, null);
  assert.ok(row.erased_at);
});
