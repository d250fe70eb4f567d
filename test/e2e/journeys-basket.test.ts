// A visitor fills one basket from three shops in a real browser (a cheese platter, a bottle
// of wine, chocolates), is asked to log in when ordering, finds the basket kept, walks the
// checkout to the counter and gets a collection code that « Mes commandes » lists; the basket
// also reads at 320 px. Every page visited passes axe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { plain } from '../helpers/text.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';

const SHOPS = ['Fromagerie Lou Cabanoun', 'La Cave d’Istres', 'Chocolaterie Duval'];

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

/** Waits for the page a click leads to, then checks it with axe. */
async function clickAndCheck(page: Page, click: () => Promise<void>): Promise<void> {
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

interface BasketView {
  shops: string[];
  lines: Array<{ title: string; quantity: number; totalCents: number }>;
  subtotals: number[];
  totalCents: number;
}

async function readBasketPage(page: Page): Promise<BasketView> {
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
async function fillBasket(page: Page, width: number): Promise<{ titles: string[]; basket: BasketView }> {
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

test('a visitor fills a basket from three shops, logs in to order, and collects with a code', async () => {
  const page = await session.newPage();
  const { titles, basket } = await fillBasket(page, 1024);
  assert.match((await page.locator('main').textContent()) ?? '', /Vous devrez vous connecter pour commander/);

  // Ordering as a visitor leads to the login form, which brings the person back to the checkout.
  await clickAndCheck(page, () => page.getByRole('link', { name: 'Passer la commande' }).click());
  assert.equal(new URL(page.url()).pathname, '/connexion');
  assert.equal(new URL(page.url()).searchParams.get('retour'), '/commande');
  await page.getByLabel(/^Adresse e-mail/).fill(DEMO_LOGINS.resident);
  await page.getByLabel(/^Mot de passe/).fill(DEMO_PASSWORD);
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Se connecter' }).click());
  assert.match(new URL(page.url()).pathname, /^\/commande/);

  // The basket filled as a visitor is now the resident's.
  await page.goto('/panier');
  await expectNoAxeViolations(page);
  const kept = await readBasketPage(page);
  for (const line of basket.lines) {
    assert.ok(
      kept.lines.some((keptLine) => keptLine.title === line.title && keptLine.quantity >= line.quantity),
      `« ${line.title} » is still in the basket after logging in`,
    );
  }
  assert.equal(kept.totalCents, kept.lines.reduce((sum, line) => sum + line.totalCents, 0));
  assert.equal(await page.getByText('Vous devrez vous connecter pour commander').count(), 0);

  // Step 1: the counter.
  await clickAndCheck(page, () => page.getByRole('link', { name: 'Passer la commande' }).click());
  assert.equal(new URL(page.url()).pathname, '/commande/lieu');
  const counter = page.locator('main input[name="place_id"]').first();
  const counterLabel = ((await page.locator(`label[for="${await counter.getAttribute('id')}"]`).textContent()) ?? '').trim();
  assert.doesNotMatch(counterLabel, /Foyer|Résidence|Zone/, 'the first place proposed is the counter');
  await counter.check();
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Continuer' }).click());

  // Step 2: the first slot proposed.
  assert.equal(new URL(page.url()).pathname, '/commande/creneau');
  const firstSlot = page.locator('main input[name="slot"]').first();
  assert.ok((await firstSlot.count()) > 0, 'slots are proposed');
  await firstSlot.check();
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Continuer' }).click());

  // Step 3: paying at the counter.
  assert.equal(new URL(page.url()).pathname, '/commande/paiement');
  await page.getByLabel(/Au comptoir/).check();
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Continuer' }).click());

  // Step 4: the summary, then confirm.
  assert.equal(new URL(page.url()).pathname, '/commande/confirmer');
  const summary = (await page.locator('main').textContent()) ?? '';
  for (const title of titles) assert.ok(summary.includes(title), `the summary lists « ${title} »`);
  assert.match(summary, /Au comptoir, au retrait/);
  await screenshot(page, 'journey-basket-confirm-1024');
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Confirmer la commande' }).click());

  assert.match(new URL(page.url()).pathname, /^\/commande\/merci\//);
  assert.equal((await page.locator('h1').textContent())?.trim(), 'Merci, votre commande est enregistrée');
  const code = ((await page.locator('main .collection-code').textContent()) ?? '').trim();
  assert.match(code, /^[A-Z0-9]{6}$/, `« ${code} » is a 6-character collection code`);
  await screenshot(page, 'journey-basket-done-1024');

  await page.goto('/compte/commandes');
  await expectNoAxeViolations(page);
  assert.equal((await page.locator('h1').textContent())?.trim(), 'Mes commandes');
  const codes = (await page.locator('main dd.code').allTextContents()).map((text) => text.trim());
  assert.ok(codes.includes(code), `« Mes commandes » lists the order ${code} (found ${codes.join(', ')})`);
  await screenshot(page, 'journey-basket-my-orders-1024');

  // The basket is empty once ordered.
  await page.goto('/panier');
  assert.match((await page.locator('main').textContent()) ?? '', /Votre panier est vide/);
});

test('at 320 px wide the three-shop basket reads without sideways scrolling', async () => {
  const page = await session.newPage({ width: 320, height: 640 });
  await fillBasket(page, 320);
  assert.equal(await scrollsSideways(page), false, `the basket is ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide at 320 px`);
});
