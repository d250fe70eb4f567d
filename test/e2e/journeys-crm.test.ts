// The concierge follows up a shop from « Aujourd’hui »: opens the overdue shop from « Commerces
// à relancer », logs a visit on her phone (375 px) with a product photo, and finds the follow-up
// done and the next one planned, as the visit screen suggested. axe on every page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { makePhoto } from '../helpers/catalogue.ts';
import { checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

test('from « Commerces à relancer » to a visit with a photo: the follow-up is done and the next one planned', async () => {
  const page = await session.newPage({ width: 375, height: 800 });
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await page.goto('/gestion/aujourdhui');
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Commerces à relancer', level: 2 }) });
  await section.scrollIntoViewIfNeeded();
  await expectNoAxeViolations(page);
  await screenshot(page, 'journey-crm-board-375');
  const late = section.locator('li.crm-late').first();
  const shopName = ((await late.getByRole('link').textContent()) ?? '').trim();
  const taskTitle = plain((await late.textContent()) ?? '').split(' — ')[1];
  assert.ok(shopName && taskTitle, 'an overdue follow-up is on the board');

  await clickAndWait(page, late.getByRole('link').click());
  assert.equal(plain((await page.locator('h1').textContent()) ?? ''), shopName);
  await checkPage(page, 'journey-crm-shop');
  await page.setViewportSize({ width: 375, height: 800 });

  await clickAndWait(page, page.getByRole('link', { name: 'Noter une visite' }).click());
  assert.match(plain((await page.locator('main').textContent()) ?? ''), new RegExp(`Cette visite règle la relance « ${taskTitle} »`));
  assert.equal(await page.getByLabel('À faire').inputValue(), 'Repasser voir le commerce');
  await checkPage(page, 'journey-crm-visit');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.getByLabel('Personne rencontrée').fill('La gérante');
  await page.getByLabel('Ce qui s’est dit').fill('Prête à signer après les fêtes');
  await page.getByLabel('Résultat de la visite').selectOption('interested');
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer la visite' }).click());

  assert.match(plain((await page.locator('.flash').textContent()) ?? ''), new RegExp(`Relance faite : « ${taskTitle} »`));
  await checkPage(page, 'journey-crm-photos');
  await page.setViewportSize({ width: 375, height: 800 });
  const input = page.getByLabel('Photos');
  assert.equal(await input.getAttribute('capture'), 'environment');
  await input.setInputFiles([{ name: 'produit.jpg', mimeType: 'image/jpeg', buffer: await makePhoto() }]);
  await clickAndWait(page, page.getByRole('button', { name: 'Envoyer les photos' }).click());

  assert.equal(plain((await page.locator('h1').textContent()) ?? ''), shopName);
  assert.match(plain((await page.locator('.flash').textContent()) ?? ''), /1 photo enregistrée/);
  const followUps = page.locator('section', { has: page.getByRole('heading', { name: 'Relances', level: 2 }) });
  const text = plain((await followUps.textContent()) ?? '');
  assert.match(text, /Repasser voir le commerce/, 'the next follow-up is planned');
  assert.match(text, new RegExp(`Dernières relances faites.*${taskTitle}.*faite le`), 'the follow-up is done');
  assert.equal(await page.getByRole('img', { name: /Photo de produit 1/ }).count(), 1);
  assert.equal(await scrollsSideways(page), false);
  await checkPage(page, 'journey-crm-shop-after');
});
