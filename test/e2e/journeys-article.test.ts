// The article's scenario, end to end in a real browser on the demo town: a resident orders a
// tee-shirt, a cheese platter and a bottle of wine from three shops; each merchant accepts
// and marks its part ready; the concierge runs the collection round and receives every bag at
// the counter; the resident is sent the « prête » mail with the code; the concierge finds the
// order by its code, hands it over and records a card payment; « Mes commandes » says it was
// handed over. axe runs on every page visited.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_LOGINS, DEMO_PASSWORD, login, logout, screenshot, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { articleMerchants, clickAndCheck, openRoundWith, orderFromThreeShops, prepare, receiveBags, visit, type Merchant } from '../helpers/article.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;
let merchants: Merchant[] = [];

before(async () => {
  session = await startBrowserSession();
  merchants = await articleMerchants(session);
});

after(async () => {
  await session?.close();
});

test('the article’s scenario: three shops, one basket, the round, the counter and a card payment', async () => {
  const page = await session.newPage();
  const { code, titles } = await orderFromThreeShops(page);

  for (const merchant of merchants) await prepare(page, merchant, code);

  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await openRoundWith(page, code);
  await screenshot(page, 'journey-article-round-1024');
  await receiveBags(page, code);

  // The « prête » mail went to the resident, with the code.
  await visit(page, '/gestion/courriels');
  const readyMail = page.locator('main tr', { hasText: `Votre commande est prête — code ${code}` });
  assert.equal(await readyMail.count(), 1, 'one « prête » mail for the order');
  assert.match((await readyMail.textContent()) ?? '', new RegExp(DEMO_LOGINS.resident));
  await clickAndCheck(page, () => readyMail.getByRole('link').click());
  assert.ok(((await page.locator('main').textContent()) ?? '').includes(code), 'the mail gives the code');

  // The counter: the code typed as a person would, the bags with their shelves, paid by card.
  await visit(page, '/gestion/comptoir');
  await page.getByLabel('Code, nom ou téléphone').fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Chercher' }).click());
  assert.match((await page.locator('h1').textContent()) ?? '', new RegExp(`Remise de la commande ${code}`));
  const due = (await page.locator('main').textContent()) ?? '';
  assert.match(plain(due), /Rangement : Frigo 1/);
  for (const title of titles) assert.ok(due.includes(title), `the counter shows « ${title} »`);
  await page.getByLabel('Carte').check();
  await screenshot(page, 'journey-article-counter-1024');
  await clickAndCheck(page, () => page.getByRole('button', { name: /^Remettre et encaisser/ }).click());
  assert.match(plain((await page.locator('main').textContent()) ?? ''), /Encaissé : [\d\s\u202f\u00a0]+,\d\d\s€ — Carte/);
  await logout(page);

  // The resident sees the order handed over.
  await login(page, DEMO_LOGINS.resident, DEMO_PASSWORD);
  await visit(page, '/compte/commandes');
  const mine = page.locator('main li', { hasText: code }).first();
  assert.match((await mine.textContent()) ?? '', /Retirée/);
});
