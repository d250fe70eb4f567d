// Settlement terms in a real browser: the concierge opens a shop's terms from its back-office
// page, saves the bank details, sees them await a second person and is refused confirming
// her own change, is refused a 150 % rate; sets the town's VAT; the merchant reads its terms
// with the IBAN masked and confirms the new IBAN from its portal. axe on every page, no
// sideways scrolling at 320 px, screenshots in test-results/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDb } from '../../src/db/index.ts';
import { nowIso } from '../../src/platform/clock.ts';

/** A year well after any period the demo town has closed, whatever day this runs. */
function yearsAhead(years: number): number {
  return Number(nowIso().slice(0, 4)) + years;
}
import { type BrowserSession, checkPage, clickAndWait, login, startBrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;
let shopId: string;

before(async () => {
  session = await startBrowserSession();
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const shop = await db.selectFrom('shops').select('id').where('stage', '=', 'member').orderBy('trade_name').limit(1).executeTakeFirstOrThrow();
    shopId = shop.id;
  } finally {
    await db.destroy();
  }
});

after(async () => {
  await session?.close();
});

test('the concierge sets a shop’s bank details, cannot confirm them herself, and is refused a 150 % rate', async () => {
  const concierge = await session.makeAccount('concierge', { displayName: 'Claire Comptoir' });
  const page = await session.newPage();
  await login(page, concierge.email, concierge.password);
  await page.goto(`/gestion/commerces/${shopId}`);
  await clickAndWait(page, page.getByRole('link', { name: /Règlement : période, IBAN/ }).click());
  assert.equal(new URL(page.url()).pathname, `/gestion/commerces/${shopId}/reglement`);
  await page.getByLabel('Chaque semaine').check();
  await page.getByLabel('IBAN', { exact: true }).fill('FR76 3000 6000 0112 3456 7890 189');
  await page.getByLabel('BIC', { exact: true }).fill('BNPAFRPPXXX');
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer les conditions' }).click());
  let main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.match(main, /Conditions de règlement enregistrées\./);
  assert.match(main, /FR76 3000 6000 0112 3456 7890 189/);
  assert.match(plain(main), /En attente de confirmation : coordonnées bancaires modifiées le .* par Claire Comptoir \(concierge\)/);
  assert.match(main, /→ •••• 0189/);
  await checkPage(page, 'terms-shop');

  await clickAndWait(page, page.getByRole('button', { name: 'Confirmer le nouvel IBAN' }).click());
  main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.match(plain(main), /Vous avez fait ce changement : un autre membre de l’équipe, ou le commerçant depuis son espace, doit le confirmer\./);
  assert.match(main, /En attente de confirmation/);
  await checkPage(page, 'terms-shop-confirm-refused');

  await page.getByLabel('Nouveau taux de commission, en %').fill('150');
  await page.locator('#champ-startsOn').fill(`01/01/${yearsAhead(4)}`);
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer le nouveau taux' }).click());
  main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.match(plain(main), /Le taux doit être compris entre 0 et 100 %\./);
  assert.equal(await page.getByLabel('Nouveau taux de commission, en %').inputValue(), '150');
  await checkPage(page, 'terms-shop-error');
});

test('the concierge opens the town’s rates from the accounts and makes the operator VAT-exempt', async () => {
  const concierge = await session.makeAccount('concierge', { displayName: 'Camille Compta' });
  const page = await session.newPage();
  await login(page, concierge.email, concierge.password);
  await page.goto('/gestion/comptabilite');
  await clickAndWait(page, page.getByRole('link', { name: 'Taux de commission et de TVA de la ville' }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion/comptabilite/taux');
  await page.getByLabel('TVA non applicable (franchise en base)').check();
  await page.locator('#champ-vatStartsOn').fill(`01/01/${yearsAhead(5)}`);
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer la nouvelle TVA' }).click());
  const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.match(main, /Nouvelle TVA enregistrée\./);
  assert.match(main, /TVA non applicable/);
  await checkPage(page, 'terms-town');
});

test('the merchant reads its terms from its portal, the IBAN masked, and confirms the new IBAN', async () => {
  const merchant = await session.makeAccount('merchant', { shopId, displayName: 'Marc Marchand' });
  const page = await session.newPage();
  await login(page, merchant.email, merchant.password);
  await page.goto(`/boutique/${shopId}`);
  await clickAndWait(page, page.getByRole('link', { name: 'Vos conditions de règlement' }).click());
  assert.equal(new URL(page.url()).pathname, `/boutique/${shopId}/reglement`);
  const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.match(main, /•••• 0189/);
  assert.doesNotMatch(main, /3000 6000/);
  assert.match(main, /appelez la conciergerie au/);
  assert.match(main, /Vos coordonnées bancaires ont été modifiées le .* par Claire Comptoir \(concierge\)/);
  await checkPage(page, 'terms-merchant');

  await clickAndWait(page, page.getByRole('button', { name: 'Confirmer le nouvel IBAN' }).click());
  assert.equal(new URL(page.url()).pathname, `/boutique/${shopId}/reglement`);
  const confirmed = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.match(confirmed, /Nouvel IBAN confirmé\./);
  assert.match(confirmed, /Confirmé par Marc Marchand \(commerçant\)/);
  assert.doesNotMatch(confirmed, /3000 6000/);
  await checkPage(page, 'terms-merchant-confirmed');
});
