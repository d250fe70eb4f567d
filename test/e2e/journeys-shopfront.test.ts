// A visitor shops on a 375 × 740 phone: the search is in the first screen of the home page,
// « Ajouter au panier » in the first screen of an offer, a tap on a card's picture opens the
// offer, adding brings them back to the shop with « C'est dans votre panier (…) », and
// « Continuer mes achats » on the basket returns to that shop. Every page visited passes axe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

const SHOP = 'La Cave d’Istres';
const PHONE = { width: 375, height: 740 };

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

/** Waits for the page an action leads to, then checks it with axe and at this width. */
async function go(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), action()]);
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
  assert.equal(await scrollsSideways(page), false, `${page.url()} scrolls sideways`);
}

/** The bottom edge of an element, in page pixels from the top. */
async function bottomOf(page: Page, selector: ReturnType<Page['locator']>): Promise<number> {
  const box = await selector.boundingBox();
  assert.ok(box, 'the element is displayed');
  return box.y + box.height;
}

test('on a phone: search and « Ajouter au panier » in the first screen, cards open by their picture, back to the shop after adding', async () => {
  const page = await session.newPage(PHONE);
  await page.goto('/');
  await expectNoAxeViolations(page);
  assert.ok((await bottomOf(page, page.getByRole('button', { name: 'Rechercher' }))) <= PHONE.height, 'the home search is in the first screen');
  assert.match(plain((await page.locator('main').textContent()) ?? ''), /Pour commander, il faut être adhérent : c’est gratuit/);
  const homeScreens = (await page.evaluate(() => document.documentElement.scrollHeight)) / PHONE.height;
  assert.ok(homeScreens <= 5, `the home page is a few screens long (${homeScreens.toFixed(1)})`);
  await screenshot(page, 'journey-shopfront-home-375');

  // Each card is one link, named by its title.
  const card = page.locator('main .card').first();
  assert.equal(await card.getByRole('link').count(), 1);
  assert.equal(plain((await card.getByRole('link').textContent()) ?? ''), plain((await card.locator('h3').textContent()) ?? ''));

  await page.getByLabel('Que cherchez-vous ?').fill(SHOP);
  await go(page, () => page.getByRole('button', { name: 'Rechercher' }).click());
  await go(page, () => page.locator('main .card h3 a', { hasText: SHOP }).first().click());
  const shopPath = new URL(page.url()).pathname;

  // A tap on the picture of a card opens its offer, as a tap on its title would.
  const offerCard = page.locator('main .card').filter({ hasText: 'En stock' }).first();
  const title = plain((await offerCard.locator('h3').textContent()) ?? '');
  const picture = await offerCard.locator('img').boundingBox();
  assert.ok(picture);
  await go(page, () => page.mouse.click(picture.x + picture.width / 2, picture.y + picture.height / 2));
  assert.match(new URL(page.url()).pathname, /^\/offres\//);
  assert.equal(plain((await page.locator('h1').textContent()) ?? ''), title);

  const add = page.getByRole('button', { name: 'Ajouter au panier' });
  assert.ok((await bottomOf(page, add)) <= PHONE.height, '« Ajouter au panier » is in the first screen of the offer');
  await screenshot(page, 'journey-shopfront-offer-375');

  await page.getByLabel('Quantité').fill('2');
  await go(page, () => add.click());
  assert.equal(new URL(page.url()).pathname, shopPath, 'adding keeps the visitor on the shop’s page');
  const notice = plain((await page.locator('main [role="status"]').first().textContent()) ?? '');
  assert.match(notice, /C’est dans votre panier \(2 articles, [\d ]+,\d\d €\)/);
  await screenshot(page, 'journey-shopfront-added-375');

  await go(page, () => page.getByRole('link', { name: 'Voir mon panier et commander' }).click());
  assert.equal(new URL(page.url()).pathname, '/panier');
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.equal(await page.getByRole('button', { name: new RegExp(`^Enlever\\W+${escaped}$`) }).count(), 1, 'a line is removed with « Enlever »');
  assert.equal(await page.getByRole('button', { name: /^Retirer/ }).count(), 0);
  await go(page, () => page.getByRole('link', { name: 'Continuer mes achats' }).click());
  assert.equal(new URL(page.url()).pathname, shopPath, '« Continuer mes achats » returns to the last shop');
  assert.equal(await page.locator('main .basket-notice').count(), 0, 'the notice was said once');
});
