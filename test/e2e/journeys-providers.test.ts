// Providers in a real browser, on the demo town: the concierge filters the directory on
// « Prestataires », opens the plumber's page, records an absence (refused first with its
// dates backwards), is refused a provider without a trade, and sets the town's services rate;
// a visitor lists the member providers and reads the home help's page with its tax credit.
// axe on every page, no sideways scrolling at 320 px, screenshots in test-results/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { nowIso } from '../../src/platform/clock.ts';
import { type BrowserSession, checkPage, clickAndWait, login, startBrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

async function mainText(page: Awaited<ReturnType<BrowserSession['newPage']>>): Promise<string> {
  return plain(await page.locator('main').innerText());
}

test('the concierge finds the providers, records an absence, keeps a trade on each provider and sets the services rate', async () => {
  const concierge = await session.makeAccount('concierge', { displayName: 'Claire Comptoir' });
  const page = await session.newPage();
  await login(page, concierge.email, concierge.password);
  await page.goto('/gestion/commerces');
  await clickAndWait(page, page.getByRole('navigation', { name: 'Commerces ou prestataires' }).getByRole('link', { name: 'Prestataires' }).click());
  let main = await mainText(page);
  assert.match(main, /Plomberie Rey/);
  assert.match(main, /Prestataire non adhérent Électricien/);
  assert.doesNotMatch(main, /Fromagerie Lou Cabanoun/);
  await checkPage(page, 'providers-directory');

  await clickAndWait(page, page.getByRole('link', { name: 'Plomberie Rey' }).click());
  main = await mainText(page);
  assert.match(main, /Prestataire adhérent/);
  assert.match(main, /Plombier, Chauffagiste/);
  await checkPage(page, 'providers-shop');

  await clickAndWait(page, page.getByRole('link', { name: 'Absences du prestataire' }).click());
  await page.getByLabel('Premier jour d’absence').fill('20/08/2030');
  await page.getByLabel('Dernier jour d’absence').fill('10/08/2030');
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer l’absence' }).click());
  assert.match(await mainText(page), /Le dernier jour ne peut pas être avant le premier jour\./);
  await checkPage(page, 'providers-absence-refused');
  await page.getByLabel('Dernier jour d’absence').fill('31/08/2030');
  await page.getByLabel('Note (facultatif)').fill('Congés d’été');
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer l’absence' }).click());
  main = await mainText(page);
  assert.match(main, /Absence enregistrée\./);
  assert.match(main, /Congés d’été/);
  await checkPage(page, 'providers-absences');

  await page.goBack();
  await page.goto(page.url().replace(/\/absences$/, '/modifier'));
  await page.getByLabel('Plombier', { exact: true }).uncheck();
  await page.getByLabel('Chauffagiste', { exact: true }).uncheck();
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer les modifications' }).click());
  assert.match(await mainText(page), /Un prestataire a au moins un métier : cochez-en un\./);
  await checkPage(page, 'providers-edit-refused');

  await page.goto('/gestion/comptabilite/taux');
  const year = Number(nowIso().slice(0, 4)) + 2;
  await page.getByLabel('Nouveau taux de commission des services, en %').fill('9');
  await page.locator('#champ-servicesStartsOn').fill(`01/01/${year}`);
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer le taux des services' }).click());
  main = await mainText(page);
  assert.match(main, /Nouveau taux des services enregistré\./);
  assert.match(main, /Taux des services en vigueur aujourd’hui : 8 %\./);
  await checkPage(page, 'providers-town-rates');
});

test('a visitor lists the member providers and reads how to reach the home help, with the tax credit', async () => {
  const page = await session.newPage();
  await page.goto('/commerces');
  await clickAndWait(page, page.getByRole('link', { name: 'Seulement les prestataires (artisans et services)' }).click());
  let main = await mainText(page);
  assert.match(main, /Les prestataires adhérents/);
  assert.match(main, /Lou Cantoun, aide à domicile/);
  assert.doesNotMatch(main, /Électricité Blanc/, 'a non-member is not public');
  await checkPage(page, 'providers-public-list');

  await clickAndWait(page, page.getByRole('link', { name: 'Lou Cantoun, aide à domicile' }).click());
  main = await mainText(page);
  assert.match(main, /Aide à domicile, Ménage et repassage/);
  assert.match(main, /vous avez droit à un crédit d’impôt de 50 % des sommes payées/);
  assert.match(main, /Pour le joindre, passez par la conciergerie au 04 42 55 00 00/);
  await checkPage(page, 'providers-public-page');
});
