// The three-shop basket of the basket journeys: a visitor adds, from the home page's search, an
// offer in stock of each shop, then reads the basket as shown. Every page visited passes axe.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { plain } from './text.ts';
import { expectNoAxeViolations, screenshot } from './browser.ts';

export const SHOPS = ['Fromagerie Lou Cabanoun', 'La Cave d’Istres', 'Chocolaterie Duval'];

/** Waits for the page a click leads to, then checks it with axe. */
export async function clickAndCheck(page: Page, click: () => Promise<void>): Promise<void> {
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), click()]);
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
}

/** « 1 234,50 € » → 123450. */
function centsOf(text: string): number {
  const match = /(\d[\d\s\u202f\u00a0]*),(\d\d)\s*€/.exec(text);
  assert.ok(match, `« ${text} » is an amount in euros`);
  return Number(match[1].replace(/\D/g, '')) * 100 + Number(match[2]);
}

/** From the home page, through the search box, to the shop's storefront; then its first offer in stock, added. */
async function addFromShop(page: Page, shop: string, quantity: number): Promise<string> {
  await page.goto('/');
  await expectNoAxeViolations(page);
  await page.getByLabel('Que cherchez-vous ?').fill(shop);
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Rechercher' }).click());
  await clickAndCheck(page, () => page.locator('main .card h3 a', { hasText: shop }).first().click());
  assert.equal((await page.locator('h1').textContent())?.trim(), shop);

  const inStock = page.locator('main .card').filter({ hasText: 'En stock' }).locator('h3 a').first();
  assert.ok((await inStock.count()) > 0, `${shop} shows an offer in stock`);
  const title = ((await inStock.textContent()) ?? '').trim();
  await clickAndCheck(page, () => inStock.click());
  assert.equal((await page.locator('h1').textContent())?.trim(), title);

  await page.getByLabel('Quantité').fill(String(quantity));
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Ajouter au panier' }).click());
  // Back on the shop's page, told what the basket holds, with the way to it.
  assert.equal((await page.locator('h1').textContent())?.trim(), shop);
  assert.match(plain((await page.locator('main .basket-notice').textContent()) ?? ''), /C’est dans votre panier \(\d+ articles?, [\d ]+,\d\d €\)/);
  await clickAndCheck(page, () => page.getByRole('link', { name: 'Voir mon panier et commander' }).click());
  assert.equal(new URL(page.url()).pathname, '/panier');
  return title;
}

export interface BasketView {
  shops: string[];
  lines: Array<{ title: string; quantity: number; totalCents: number }>;
  subtotals: number[];
  totalCents: number;
}

export async function readBasketPage(page: Page): Promise<BasketView> {
  const sections = page.locator('main section');
  const view: BasketView = { shops: [], lines: [], subtotals: [], totalCents: 0 };
  for (const section of await sections.all()) {
    view.shops.push(((await section.locator('h2').textContent()) ?? '').trim().replace(/^Chez /, ''));
    let sum = 0;
    for (const line of await section.locator('li.basket-line').all()) {
      const totalText = (await line.locator('p', { hasText: /^Total/ }).locator('strong').textContent()) ?? '';
      const entry = {
        title: ((await line.locator('h3').textContent()) ?? '').trim(),
        quantity: Number(await line.locator('input[name="quantity"]').inputValue()),
        totalCents: centsOf(totalText),
      };
      sum += entry.totalCents;
      view.lines.push(entry);
    }
    const subtotal = centsOf((await section.locator('.basket-subtotal strong').textContent()) ?? '');
    assert.equal(subtotal, sum, `the subtotal of ${view.shops.at(-1)} is the sum of its lines`);
    view.subtotals.push(subtotal);
  }
  view.totalCents = centsOf((await page.locator('main .basket-total strong').textContent()) ?? '');
  return view;
}

/** Step 1 of the journey: three shops' offers in one basket; returns the basket as shown. */
export async function fillBasket(page: Page, width: number): Promise<{ titles: string[]; basket: BasketView }> {
  const titles = [await addFromShop(page, SHOPS[0], 2), await addFromShop(page, SHOPS[1], 1), await addFromShop(page, SHOPS[2], 1)];
  const basket = await readBasketPage(page);
  assert.deepEqual([...basket.shops].sort(), [...SHOPS].sort(), 'the basket shows the three shops');
  assert.equal(basket.lines.length, 3);
  assert.deepEqual(
    basket.lines.map((line) => line.title).sort(),
    [...titles].sort(),
  );
  assert.equal(basket.lines.find((line) => line.title === titles[0])?.quantity, 2, 'the cheese is there twice');
  assert.equal(
    basket.totalCents,
    basket.lines.reduce((sum, line) => sum + line.totalCents, 0),
    'the total is the sum of the lines',
  );
  assert.equal(await page.locator('h1').count(), 1);
  await screenshot(page, `journey-basket-basket-${width}`);
  return { titles, basket };
}

/** Searches `words` and puts the first offer found that can be ordered in the basket. */
export async function addFirstOrderable(page: Page, words: string): Promise<void> {
  await page.goto(`/recherche?q=${encodeURIComponent(words)}`);
  const offers = await page.locator('main a[href^="/offres/"]').evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute('href')!))]);
  for (const offer of offers) {
    await page.goto(offer);
    const add = page.getByRole('button', { name: 'Ajouter au panier' });
    if ((await add.count()) === 0) continue;
    await Promise.all([page.waitForNavigation(), add.click()]);
    return;
  }
  assert.fail(`an offer found by « ${words} » can be added to the basket`);
}
