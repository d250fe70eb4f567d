// A resident browses the catalogue in a real browser: home → category → storefront → offer
// and back, searches with and without accents, gets the kind message with the phone number
// when nothing matches; the same at 320 px, with the keyboard only, and without JavaScript.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, screenshot, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

const SHOP = 'Fromagerie Lou Cabanoun';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

/**
 * Follows a link as a person would, waits for the new page and checks it with axe (axe runs
 * in the page, so not where JavaScript is off: those pages are checked with it on).
 */
async function follow(page: Page, name: string | RegExp, { axe = true } = {}): Promise<void> {
  const scope = page.locator('main');
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), scope.getByRole('link', { name }).first().click()]);
  await page.waitForLoadState('load');
  if (axe) await expectNoAxeViolations(page);
}

/** Loads the lazy photos now, and lists those that fail to load (a broken image). */
async function brokenImages(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const images = [...document.querySelectorAll('main img')] as HTMLImageElement[];
    for (const image of images) image.loading = 'eager';
    // (no named function in here: the test runner's compiler would wrap it in a helper the page lacks)
    await Promise.all(
      images.map(
        (image) =>
          new Promise<void>((done) => {
            if (image.complete) return done();
            image.addEventListener('load', () => done(), { once: true });
            image.addEventListener('error', () => done(), { once: true });
          }),
      ),
    );
    return images.filter((image) => image.naturalWidth === 0).map((image) => image.currentSrc || image.src);
  });
}

async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

async function searchFromHome(page: Page, words: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Que cherchez-vous ?').fill(words);
  await Promise.all([page.waitForURL(/\/recherche\?/), page.getByRole('button', { name: 'Rechercher' }).click()]);
  await page.waitForLoadState('load');
}

async function resultTitles(page: Page): Promise<string[]> {
  return (await page.locator('main .card h3').allTextContents()).map((text) => text.trim());
}

/** Walks from the home page to one offer of the cheese shop and back; returns the shop's path. */
async function browseToOffer(page: Page, width: number): Promise<string> {
  const response = await page.goto('/');
  assert.equal(response?.status(), 200);
  assert.equal(await page.locator('h1').count(), 1);
  await expectNoAxeViolations(page);
  assert.deepEqual(await brokenImages(page), [], 'every photo of the home page loads');
  await screenshot(page, `journey-resident-home-${width}`);

  // The categories sit folded under the shops, as a person finds them: open, then follow.
  await page.locator('main summary', { hasText: 'Les commerces par catégorie' }).click();
  await follow(page, /^Fromagerie \(\d+\)$/);
  assert.equal(new URL(page.url()).pathname, '/categories/fromagerie');
  assert.equal((await page.locator('h1').textContent())?.trim(), 'Fromagerie');
  assert.ok((await scrollWidth(page)) <= width, `the category page is wider than ${width} px`);

  await follow(page, SHOP);
  const shopPath = new URL(page.url()).pathname;
  assert.match(shopPath, /^\/commerces\/[0-9a-f-]{36}$/);
  assert.equal((await page.locator('h1').textContent())?.trim(), SHOP);
  assert.ok((await page.locator('main .card').count()) > 0, 'the storefront shows its offers');
  assert.ok((await scrollWidth(page)) <= width, `the storefront is wider than ${width} px`);
  assert.deepEqual(await brokenImages(page), [], 'every photo of the storefront loads');
  await screenshot(page, `journey-resident-storefront-${width}`);

  const offerTitle = ((await page.locator('main .card h3 a').first().textContent()) ?? '').trim();
  await follow(page, offerTitle);
  assert.match(new URL(page.url()).pathname, /^\/offres\//);
  assert.equal((await page.locator('h1').textContent())?.trim(), offerTitle);
  assert.match((await page.locator('main .offer-price .price').textContent()) ?? '', /^\d+,\d\d\s€$/);
  assert.ok((await page.locator('main a[href^="tel:"]').count()) > 0, 'the offer page gives the phone number to order');
  assert.ok((await scrollWidth(page)) <= width, `the offer page is wider than ${width} px`);
  await screenshot(page, `journey-resident-offer-${width}`);

  await follow(page, `Voir la boutique ${SHOP}`);
  assert.equal(new URL(page.url()).pathname, shopPath);
  return shopPath;
}

test('a resident goes from the home page to a category, a storefront, an offer and back', async () => {
  const page = await session.newPage();
  await browseToOffer(page, 1024);
});

test('the home page search finds the cheese shop, ignores accents, and is kind when nothing matches', async () => {
  const page = await session.newPage();

  await searchFromHome(page, 'fromage');
  assert.equal(plain((await page.locator('h1').textContent()) ?? ''), 'Recherche : fromage');
  assert.ok((await resultTitles(page)).includes(SHOP), '« fromage » finds the cheese shop');
  assert.equal(await page.getByLabel('Que cherchez-vous ?').inputValue(), 'fromage', 'the words stay in the box');
  await expectNoAxeViolations(page);
  await screenshot(page, 'journey-resident-search-fromage');

  // Typed without accents, the words find what is written with them, and the other way round.
  await searchFromHome(page, 'patisserie');
  await expectNoAxeViolations(page);
  const withoutAccent = await resultTitles(page);
  assert.ok(withoutAccent.length > 0, '« patisserie » finds what is written « Pâtisserie »');
  await searchFromHome(page, 'pâtisserie');
  assert.deepEqual(withoutAccent, await resultTitles(page), '« patisserie » and « pâtisserie » find the same');
  await searchFromHome(page, 'epicerie du centre');
  assert.ok((await resultTitles(page)).includes('Épicerie du Centre'), '« epicerie » finds « Épicerie du Centre »');
  await searchFromHome(page, 'FROMAGERIE lou cabanoun');
  assert.ok((await resultTitles(page)).includes(SHOP), 'capitals do not matter');

  await searchFromHome(page, 'xylophone quantique');
  const status = page.locator('main [role="status"]');
  assert.match(plain((await status.textContent()) ?? ''), /Nous n’avons rien trouvé pour « xylophone quantique »/);
  assert.equal(await status.locator('a[href^="tel:"]').count(), 1, 'the phone number is offered when nothing is found');
  assert.equal((await resultTitles(page)).length, 0);
  await expectNoAxeViolations(page);
  await screenshot(page, 'journey-resident-search-nothing');
});

test('at 320 px wide every page of the walk reads without sideways scrolling', async () => {
  const page = await session.newPage({ width: 320, height: 640 });
  await browseToOffer(page, 320);
  await page.goto('/');
  assert.ok((await scrollWidth(page)) <= 320, `the home page is ${await scrollWidth(page)} px wide at 320 px`);
  await searchFromHome(page, 'fromage');
  assert.ok((await scrollWidth(page)) <= 320, 'the search results fit in 320 px');
  await expectNoAxeViolations(page);
  await screenshot(page, 'journey-resident-search-320');
});

/**
 * Tabs from the top of the page until the focus leaves it; returns how many controls were
 * reached and those whose focus could not be seen (no :focus-visible outline, or hidden).
 */
async function tabThrough(page: Page): Promise<{ reached: number; unseen: string[] }> {
  const unseen: string[] = [];
  let reached = 0;
  for (let step = 0; step < 400; step += 1) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const box = element.getBoundingClientRect();
      return {
        name: `${element.tagName.toLowerCase()} « ${(element.textContent || element.getAttribute('aria-label') || element.getAttribute('name') || '').trim().slice(0, 40)} »`,
        focusVisible: element.matches(':focus-visible'),
        outline: getComputedStyle(element).outlineStyle,
        shown: box.width > 0 && box.height > 0,
      };
    });
    if (!focus) break;
    reached += 1;
    if (!focus.focusVisible || focus.outline === 'none' || !focus.shown) unseen.push(`${focus.name} (outline ${focus.outline})`);
  }
  return { reached, unseen };
}

test('the keyboard reaches the skip link first, then every control with a visible focus', async () => {
  const page = await session.newPage();
  await page.goto('/');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#contenu');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Aller au contenu');
  await page.keyboard.press('Enter');
  assert.ok(page.url().endsWith('#contenu'));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'contenu');

  await page.goto('/recherche?q=fromagerie+lou+cabanoun');
  const shopPath = await page.locator('main .card h3 a', { hasText: SHOP }).first().getAttribute('href');
  await page.goto(shopPath!);
  const offerPath = await page.locator('main .card h3 a').first().getAttribute('href');
  for (const path of ['/', '/categories/fromagerie', shopPath!, offerPath!, '/recherche?q=fromage', '/contact']) {
    await page.goto(path);
    const { reached, unseen } = await tabThrough(page);
    assert.ok(reached > 8, `only ${reached} controls reached by Tab on ${path}`);
    assert.deepEqual(unseen, [], `every control reached by Tab on ${path} shows where the focus is`);
  }
});

test('the footer’s pages, reached by their links, pass axe and give the phone number', async () => {
  const page = await session.newPage({ width: 320, height: 640 });
  for (const name of ['Contact et horaires', /^Accessibilité/, 'Mentions légales', 'Données personnelles']) {
    await page.goto('/');
    const before = page.url();
    await Promise.all([page.waitForURL((url) => url.href !== before), page.locator('footer').getByRole('link', { name }).click()]);
    await page.waitForLoadState('load');
    assert.equal(await page.locator('h1').count(), 1, `${page.url()} has one h1`);
    await expectNoAxeViolations(page);
    assert.ok((await scrollWidth(page)) <= 320, `${page.url()} is wider than 320 px`);
    assert.ok((await page.locator('a[href^="tel:"]').count()) > 0, `${page.url()} gives the phone number`);
    await screenshot(page, `journey-resident-footer${new URL(page.url()).pathname.replace(/\//g, '-')}-320`);
  }
});

test('without JavaScript the search form still works', async () => {
  const context = await session.browser.newContext({ baseURL: session.app.url, javaScriptEnabled: false, locale: 'fr-FR' });
  context.setDefaultTimeout(10_000);
  try {
    const page = await context.newPage();
    await searchFromHome(page, 'fromage');
    assert.equal(new URL(page.url()).searchParams.get('q'), 'fromage');
    assert.ok((await resultTitles(page)).includes(SHOP));
    await follow(page, SHOP, { axe: false });
    assert.equal((await page.locator('h1').textContent())?.trim(), SHOP);
  } finally {
    await context.close();
  }
});
