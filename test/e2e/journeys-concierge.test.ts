// The concierge registers, in a real browser, a member who has only a phone (no e-mail, as
// many seniors), then finds them again by the phone typed without spaces; prints the
// invitation of a member who reads no mail, whose link then lets that member in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, checkPage, expectNoAxeViolations, login, screenshot, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

const MEMBER = {
  firstName: 'Marcelle',
  lastName: 'Aubanel',
  phone: '06 71 82 93 04',
  address: '7 chemin des Oliviers',
  postalCode: '13800',
};

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

async function clickAndWait(page: Page, action: Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action]);
  await page.waitForLoadState('load');
}

async function heading(page: Page): Promise<string> {
  return ((await page.locator('h1').textContent()) ?? '').trim();
}

test('the concierge registers a member with a phone only, then finds them by that phone', async () => {
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  assert.equal(new URL(page.url()).pathname, '/gestion');
  await expectNoAxeViolations(page);

  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Adhérents', exact: true }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion/adherents');
  assert.equal(await heading(page), 'Adhérents');
  await expectNoAxeViolations(page);

  await clickAndWait(page, page.getByRole('link', { name: 'Nouvel adhérent' }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion/adherents/nouveau');
  assert.equal(await heading(page), 'Nouvel adhérent');
  await expectNoAxeViolations(page);
  await screenshot(page, 'journey-concierge-new-member');

  await page.getByLabel(/^Prénom/).fill(MEMBER.firstName);
  await page.getByLabel(/^Nom\b/).fill(MEMBER.lastName);
  await page.getByLabel(/^Téléphone/).fill(MEMBER.phone);
  assert.equal(await page.getByLabel(/^Adresse e-mail/).inputValue(), '', 'no e-mail is given');
  await page.getByLabel(/^Adresse\b(?! e-mail)/).fill(MEMBER.address);
  await page.getByLabel(/^Code postal/).fill(MEMBER.postalCode);
  assert.equal(await page.getByLabel(/^Commune/).inputValue(), 'Istres', 'the town is proposed');
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer l’adhérent' }).click());

  const cardPath = new URL(page.url()).pathname;
  assert.match(cardPath, /^\/gestion\/adherents\/[0-9a-f-]{36}$/, 'the concierge sees the new member’s page');
  assert.match(await heading(page), /Marcelle/);
  assert.match(await heading(page), /Aubanel/i);
  assert.match((await page.locator('.flash').textContent()) ?? '', /Adhérent enregistré/);
  const facts = (await page.locator('main dl.facts').textContent()) ?? '';
  assert.match(plain(facts), /06 71 82 93 04/);
  assert.match(facts, /7 chemin des Oliviers/);
  assert.equal(await page.locator('main a[href^="tel:"]', { hasText: '06 71 82 93 04' }).count(), 1, 'the phone can be called');
  assert.equal(await page.locator('main a[href^="mailto:"]').count(), 0, 'no e-mail was given');
  await expectNoAxeViolations(page);
  await screenshot(page, 'journey-concierge-member-card');

  // Back to the directory: the phone typed as one block of digits finds the member.
  await page.goto('/gestion/adherents');
  await page.getByLabel('Nom, téléphone ou e-mail').fill('0671829304');
  await clickAndWait(page, page.getByRole('button', { name: 'Chercher' }).click());
  assert.equal(new URL(page.url()).searchParams.get('q'), '0671829304');
  const found = page.locator('main table a', { hasText: /Aubanel/i });
  assert.equal(await found.count(), 1, 'the member is found by the phone without spaces');
  assert.match((await page.locator('main h2').first().textContent()) ?? '', /^1 adhérent/);
  await expectNoAxeViolations(page);
  await screenshot(page, 'journey-concierge-member-search');
  await clickAndWait(page, found.click());
  assert.equal(new URL(page.url()).pathname, cardPath);
});

test('a member without a phone nor an e-mail is refused, in French, keeping what was typed', async () => {
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await page.goto('/gestion/adherents/nouveau');
  await page.getByLabel(/^Prénom/).fill('Honoré');
  await page.getByLabel(/^Nom\b/).fill('Sans-Contact');
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer l’adhérent' }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion/adherents/nouveau');
  assert.equal(await page.locator('.error-summary').count(), 1);
  assert.equal(await page.getByLabel(/^Prénom/).inputValue(), 'Honoré');
  assert.equal(await page.locator('.field--error').count() > 0, true, 'the error sits next to a field');
  await expectNoAxeViolations(page);
});

test('the concierge prints the invitation of a member who reads no mail; its link lets the member choose a password, once', async () => {
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await page.goto('/gestion/adherents/nouveau');
  await page.getByLabel(/^Prénom/).fill('Germaine');
  await page.getByLabel(/^Nom\b/).fill('Roustan');
  await page.getByLabel(/^Téléphone/).fill('06 12 34 56 78');
  await page.getByLabel(/^Adresse e-mail/).fill('germaine.roustan@exemple.fr');
  await page.getByLabel('Lui ouvrir un accès au site').check();
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer l’adhérent' }).click());
  const cardPath = new URL(page.url()).pathname;

  await clickAndWait(page, page.getByRole('button', { name: 'Imprimer l’invitation' }).click());
  assert.equal(await heading(page), 'Votre compte à la Conciergerie d’Istres');
  const sheet = ((await page.locator('main').innerText()) ?? '').replace(/\s+/g, ' ');
  assert.match(sheet, /Bonjour Germaine Roustan,/);
  assert.match(plain(sheet), /Appelez-nous au 04 42 55 00 00/);
  const link = ((await page.locator('.invitation-link').textContent()) ?? '').trim();
  assert.match(link, /\/mot-de-passe\/[A-Za-z0-9_-]{43}$/);
  await checkPage(page, 'journey-concierge-invitation');

  // The member types the address at home, in a browser of their own.
  const member = await session.newPage();
  await member.goto(new URL(link).pathname);
  await member.getByLabel(/^Nouveau mot de passe/).fill('une soupe de courgettes au basilic');
  await member.getByLabel(/^Le même mot de passe/).fill('une soupe de courgettes au basilic');
  await clickAndWait(member, member.getByRole('button', { name: 'Enregistrer le mot de passe' }).click());
  assert.equal(new URL(member.url()).pathname, '/compte');
  await expectNoAxeViolations(member);

  // The card says the access is now in use, and offers no sheet any more.
  await page.goto(cardPath);
  assert.equal(await page.getByRole('button', { name: 'Imprimer l’invitation' }).count(), 0);
  await member.goto(new URL(link).pathname);
  assert.match((await member.locator('main').innerText()) ?? '', /Ce lien n’est plus valable. Demandez un nouveau lien./);
});
