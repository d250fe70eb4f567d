// The shell of the site in a real browser: accessible, readable at 320 px, keyboard first,
// and a concierge can log in and out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_LOGINS,
  DEMO_PASSWORD,
  expectNoAxeViolations,
  login,
  logout,
  openMenu,
  screenshot,
  startBrowserSession,
  type BrowserSession,
} from '../helpers/browser.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

test('the login page passes axe with no violation', async () => {
  const page = await session.newPage();
  const response = await page.goto('/connexion');
  assert.equal(response?.status(), 200);
  assert.equal(await page.locator('h1').textContent(), 'Se connecter');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await expectNoAxeViolations(page);
  await screenshot(page, 'connexion-1024');
});

test('an unknown page answers 404 in French and passes axe', async () => {
  const page = await session.newPage();
  const response = await page.goto('/cette-page-n-existe-pas');
  assert.equal(response?.status(), 404);
  assert.equal(await page.locator('h1').textContent(), 'Page introuvable');
  await expectNoAxeViolations(page);
});

for (const [name, path] of [
  ['login page', '/connexion'],
  ['404 page', '/cette-page-n-existe-pas'],
] as const) {
  test(`the ${name} reads at 320 px wide without sideways scrolling`, async () => {
    const page = await session.newPage({ width: 320, height: 640 });
    await page.goto(path);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 320, `${path} is ${scrollWidth} px wide at 320 px`);
    await expectNoAxeViolations(page);
    await screenshot(page, `${name}-320`);
  });
}

test('the skip link is the first thing the keyboard reaches and leads to the content', async () => {
  const page = await session.newPage();
  await page.goto('/connexion');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const box = element?.getBoundingClientRect();
    return { text: element?.textContent?.trim(), href: element?.getAttribute('href'), visible: Boolean(box && box.width > 0 && box.height > 0 && box.top >= 0) };
  });
  assert.deepEqual(focused, { text: 'Aller au contenu', href: '#contenu', visible: true });
  await page.keyboard.press('Enter');
  assert.ok(page.url().endsWith('#contenu'));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'contenu');
});

test('a concierge logs in, sees the way out, and logs out', async () => {
  const concierge = await session.makeAccount('concierge', { displayName: 'Claire Concierge' });
  const page = await session.newPage({ width: 320, height: 640 });
  await login(page, concierge.email, concierge.password);
  assert.equal(new URL(page.url()).pathname, '/gestion');
  await openMenu(page);
  assert.equal(await page.getByRole('button', { name: 'Se déconnecter' }).count(), 1);
  await screenshot(page, 'concierge-logged-in-320');

  await logout(page);
  assert.equal(new URL(page.url()).pathname, '/');
  assert.match((await page.locator('.flash').textContent()) ?? '', /Vous êtes déconnecté/);
  await openMenu(page);
  assert.equal(await page.getByRole('button', { name: 'Se déconnecter' }).count(), 0);
  await page.goto('/gestion');
  await openMenu(page);
  assert.equal(await page.getByRole('button', { name: 'Se déconnecter' }).count(), 0);
});

test('a wrong password shows a French error next to the field, accessibly', async () => {
  const page = await session.newPage();
  await login(page, 'personne@exemple.fr', 'pas le bon mot de passe');
  assert.equal(new URL(page.url()).pathname, '/connexion');
  assert.match(await page.content(), /Adresse e-mail ou mot de passe incorrect/);
  assert.equal(await page.getByLabel(/^Adresse e-mail/).inputValue(), 'personne@exemple.fr');
  await expectNoAxeViolations(page);
  await screenshot(page, 'connexion-erreur');
});

test('the demo concierge of the seeded town can log in', async () => {
  assert.ok(await session.accountExists(DEMO_LOGINS.concierge), `the demo seed created ${DEMO_LOGINS.concierge}`);
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  assert.equal(new URL(page.url()).pathname, '/gestion');
  await expectNoAxeViolations(page);
  await screenshot(page, 'demo-concierge');
});
