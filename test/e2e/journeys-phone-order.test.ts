// A phone order for a phone-only senior with a free-text line, in a real browser: the
// concierge logs in, does not find the caller among the members and registers her on the
// spot (name and phone only), adds two catalogue offers and « à acheter pour moi » (a book
// from the bookshop at an estimated price), picks the collection point and the first slot,
// places the order through the channel Téléphone and reads the code; then confirms the book's
// price on the order's record. Each « Ajouter » comes back at the offer added, with the basket
// beside the catalogue on a wide screen. Every page visited passes axe; the pages read at 320 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

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

/** A form that comes back to the same address (an add to the basket): waits for the new page, then axe. */
async function submitAndCheck(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }), click()]);
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
}

/** The same page once more at 320 px: nothing scrolls sideways; a screenshot to look at. */
async function checkNarrow(narrow: Page, url: string, name: string): Promise<void> {
  await narrow.goto(url);
  await expectNoAxeViolations(narrow);
  assert.equal(await scrollsSideways(narrow), false, `${url} is ${await narrow.evaluate(() => document.documentElement.scrollWidth)} px wide at 320 px`);
  await screenshot(narrow, `${name}-320`);
}

/** Searches the catalogue and adds the first offer found; returns its title. */
async function addFirstOffer(page: Page, search: string, quantity: number): Promise<string> {
  await page.getByLabel('Article ou commerce').fill(search);
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Chercher' }).click());
  const first = page.locator('main .desk-result').first();
  assert.ok((await first.count()) > 0, `the catalogue has offers for « ${search} »`);
  const title = ((await first.locator('.desk-result__name strong').textContent()) ?? '').trim();
  await first.getByLabel(`Quantité de « ${title} »`).fill(String(quantity));
  await submitAndCheck(page, () => first.getByRole('button', { name: /^Ajouter/ }).click());
  assert.match((await page.locator('main').textContent()) ?? '', /C’est ajouté au panier/);
  // Back at the offer just added, not at the top of the page.
  const hash = new URL(page.url()).hash;
  assert.match(hash, /^#offre-[0-9a-f-]+$/);
  const shown = await page.evaluate((id) => {
    const box = document.getElementById(id)!.getBoundingClientRect();
    // Scrolled to: its top at the top of the window (to within rounding).
    return box.top > -2 && box.top < window.innerHeight / 2;
  }, hash.slice(1));
  assert.ok(shown, 'the offer just added is on screen');
  assert.match((await page.locator(hash).textContent()) ?? '', new RegExp(`Déjà dans le panier\\s*:\\s*${quantity}`));
  return title;
}

test('a phone order for a phone-only senior with a free-text line, then the price confirmed', async () => {
  const page = await session.newPage();
  const narrow = await session.newPage({ width: 320, height: 640 });
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await login(narrow, DEMO_LOGINS.concierge, DEMO_PASSWORD);

  // 1. The caller is not a member yet: she is registered with her name and phone only.
  await page.goto('/gestion');
  await clickAndCheck(page, () => page.locator('main').getByRole('link', { name: 'Nouvelle commande' }).first().click());
  assert.equal(new URL(page.url()).pathname, '/gestion/commandes/nouvelle');
  await page.getByLabel('Nom, téléphone ou courriel').fill('Fabre-Delaunay');
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Chercher' }).click());
  assert.match(plain((await page.locator('main').textContent()) ?? ''), /Aucun adhérent ne correspond à « Fabre-Delaunay »/);
  await screenshot(page, 'journey-phone-find-1024');
  await checkNarrow(narrow, page.url(), 'journey-phone-find');
  await page.getByLabel(/^Nom( \*)?$/).fill('Fabre-Delaunay');
  await page.getByLabel(/^Prénom( \*)?$/).fill('Marcelle');
  await page.getByLabel('Téléphone', { exact: true }).fill('04 42 11 22 33');
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Inscrire et commander' }).click());
  assert.equal((await page.locator('h1').textContent())?.trim(), 'Commande pour Marcelle Fabre-Delaunay');
  assert.match(plain((await page.locator('main').textContent()) ?? ''), /04 42 11 22 33/);
  const basketUrl = page.url();

  // 2. Two catalogue offers and a free-text line.
  const cheese = await addFirstOffer(page, 'Lou Cabanoun', 2);
  const chocolate = await addFirstOffer(page, 'Chocolaterie Duval', 1);
  await page.getByLabel(/^Commerce( \*)?$/).selectOption({ label: 'Librairie L’Encre Bleue' });
  await page.getByLabel(/^Ce qu’il faut acheter/).fill('Le dernier Marcel Pagnol en gros caractères');
  await page.getByLabel(/^Prix estimé, à l’unité, en euros/).fill('18,50');
  await page.locator('#champ-quantity').fill('1');
  await submitAndCheck(page, () => page.getByRole('button', { name: 'Ajouter l’achat libre' }).click());
  const basket = (await page.locator('#panier').locator('xpath=..').textContent()) ?? '';
  for (const title of [cheese, chocolate, 'Le dernier Marcel Pagnol en gros caractères']) assert.ok(basket.includes(title), `the basket lists « ${title} »`);
  assert.match(basket, /prix estimé/);
  assert.equal(await page.locator('h1').count(), 1);
  // From 64 rem the basket stands beside the catalogue.
  const catalogueBox = (await page.locator('#catalogue').boundingBox())!;
  const basketBox = (await page.locator('#panier').boundingBox())!;
  assert.ok(basketBox.x > catalogueBox.x + catalogueBox.width, 'the basket is to the right of the catalogue at 1024 px');
  await screenshot(page, 'journey-phone-basket-1024');
  await checkNarrow(narrow, basketUrl, 'journey-phone-basket');

  // 3. Channel Téléphone (the default), the counter, the first slot, and the order.
  assert.equal(await page.getByLabel('Téléphone', { exact: true }).isChecked(), true);
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Choisir le créneau' }).click());
  assert.match(new URL(page.url()).pathname, /\/creneau$/);
  assert.ok(await page.locator('main input[name="slot"]').first().isChecked(), 'the first slot is proposed');
  const summary = (await page.locator('main').textContent()) ?? '';
  assert.match(summary, /Canal\s*Téléphone/);
  await screenshot(page, 'journey-phone-slot-1024');
  await checkNarrow(narrow, page.url(), 'journey-phone-slot');
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Passer la commande' }).click());
  assert.match(new URL(page.url()).pathname, /^\/gestion\/commandes\/[0-9a-f-]+$/);
  const flash = (await page.locator('main').textContent()) ?? '';
  const code = /Code de retrait\s: ([A-Z0-9]{6})/.exec(flash)?.[1];
  assert.ok(code, 'the code is shown once the order is placed');
  assert.match(plain(flash), /L’adhérent n’a pas de courriel : donnez-lui le code de retrait/);
  assert.match((await page.locator('h1').textContent()) ?? '', new RegExp(code));
  assert.match(flash, /Téléphone/);
  await screenshot(page, 'journey-phone-order-1024');
  const recordUrl = page.url();

  // 4. The bookshop gives the real price: the concierge confirms it on the order's record.
  const totalBefore = (await page.locator('main dl.facts').textContent()) ?? '';
  await page.getByLabel('Prix confirmé de « Le dernier Marcel Pagnol en gros caractères », à l’unité, en euros').fill('21,90');
  await submitAndCheck(page, () => page.getByRole('button', { name: /^Confirmer le prix/ }).click());
  const after = (await page.locator('main').textContent()) ?? '';
  assert.match(plain(after), /Le prix de « Le dernier Marcel Pagnol en gros caractères » est confirmé/);
  assert.match(plain(after), /Prix confirmé de « Le dernier Marcel Pagnol en gros caractères » : 18,50\s€ estimé → 21,90\s€/);
  assert.equal(await page.getByRole('button', { name: /^Confirmer le prix/ }).count(), 0, 'the form goes once the price is confirmed');
  assert.notEqual((await page.locator('main dl.facts').textContent()) ?? '', totalBefore, 'the total changed');
  await screenshot(page, 'journey-phone-price-1024');
  await checkNarrow(narrow, recordUrl, 'journey-phone-record');
});
