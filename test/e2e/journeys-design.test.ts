// The page shell in a real browser: on a phone the header stays under 120 px and its « Menu »
// opens without JavaScript; staff and merchants never see « Panier »; the phone line's hours are
// on /contact; axe passes on every page visited and nothing scrolls sideways at 320 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, openMenu, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

async function headerHeight(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('header')!.getBoundingClientRect().height);
}

/** axe, then the same page at 320 px without sideways scrolling, back to the width it had. */
async function checkShell(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  const width = page.viewportSize()!.width;
  await page.setViewportSize({ width: 320, height: 640 });
  assert.equal(await scrollsSideways(page), false, `${page.url()} scrolls sideways at 320 px`);
  await page.setViewportSize({ width, height: 740 });
  await screenshot(page, `design-${name}-${width}`);
}

/** The words of the navigation the reader can see now (the flat one, or the open menu). */
async function visibleNavText(page: Page): Promise<string> {
  const texts = await page.getByRole('navigation', { name: 'Menu principal' }).allInnerTexts();
  return plain(texts.join(' '));
}

test('on a phone the header takes at most 120 px on the home page, a storefront and an offer', async () => {
  const page = await session.newPage({ width: 375, height: 740 });
  await page.goto('/');
  const storefront = await page.locator('main a[href^="/commerces/"]').first().getAttribute('href');
  await page.goto(storefront!);
  const offer = await page.locator('main a[href^="/offres/"]').first().getAttribute('href');
  for (const [name, path] of [['home', '/'], ['storefront', storefront!], ['offer', offer!]]) {
    await page.goto(path);
    const height = await headerHeight(page);
    assert.ok(height <= 120, `the header of ${path} is ${height} px tall at 375 px`);
    await checkShell(page, name);
  }
  // The call button says, to a screen reader too, when someone answers.
  const call = page.locator('header a[href^="tel:"]');
  assert.match(plain((await call.textContent()) ?? ''), /Appeler la conciergerie au 04 42 55 00 00\. On vous répond du lundi au samedi, de 9 h à 20 h\./);
});

test('the « Menu » opens without JavaScript and shows the navigation, the current page marked', async () => {
  const context = await session.browser.newContext({ baseURL: session.app.url, javaScriptEnabled: false, locale: 'fr-FR', viewport: { width: 375, height: 740 } });
  context.setDefaultTimeout(10_000);
  try {
    const page = await context.newPage();
    await page.goto('/commerces');
    assert.equal(await page.getByRole('link', { name: 'Les commerces', exact: true }).count(), 0, 'folded at first');
    await page.getByText('Menu', { exact: true }).click();
    const current = page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Les commerces' });
    assert.equal(await current.getAttribute('aria-current'), 'page');
    assert.match(await visibleNavText(page), /Accueil Les commerces Rechercher Panier Se connecter/);
    await screenshot(page, 'design-menu-open-375');
  } finally {
    await context.close();
  }
});

test('staff and merchants never see « Panier »; each reads whose account is open', async () => {
  // The concierge and the town at their desks, the merchant on a phone (the folded menu).
  const cases = [
    ['concierge', DEMO_LOGINS.concierge, '/gestion/comptoir', /Compte concierge : Nathalie Bonnet/, 1280],
    ['town', DEMO_LOGINS.town, '/gestion', /Compte mairie : /, 1280],
    ['merchant', DEMO_LOGINS.merchant, '/boutique', /Compte commerçant : /, 375],
  ] as const;
  for (const [role, email, home, accountLine, width] of cases) {
    const page = await session.newPage({ width, height: 740 });
    await login(page, email, DEMO_PASSWORD);
    await page.goto(home);
    await openMenu(page);
    const nav = await visibleNavText(page);
    assert.doesNotMatch(nav, /Panier/, `${role} sees no basket at ${width} px`);
    assert.match(nav, accountLine, `${role} reads their account line at ${width} px`);
    assert.equal(await page.locator('header a[href^="tel:"]').count(), role === 'merchant' ? 1 : 0, 'staff answer the phone: they get no call button');
    await expectNoAxeViolations(page);
    await screenshot(page, `design-${role}-${width}`);
  }
});

test('the phone line’s hours are on /contact, beside the number', async () => {
  const page = await session.newPage({ width: 375, height: 740 });
  await page.goto('/contact');
  const phoneSection = page.locator('main section', { has: page.getByRole('heading', { name: 'Par téléphone' }) });
  assert.match(plain((await phoneSection.innerText()) ?? ''), /04 42 55 00 00 On vous répond du lundi au samedi, de 9 h à 20 h\./);
  await checkShell(page, 'contact');
});
