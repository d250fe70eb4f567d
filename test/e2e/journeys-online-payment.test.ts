// A resident pays an order online in a real browser, with the demo provider: at checkout they
// choose « Payer maintenant en ligne », click « Payer 12,50 € en ligne », pay on the demo payment page, come back to « Merci,
// votre paiement est enregistré » and see « Payée en ligne » on the order. Axe on every page,
// at 320 px (no sideways scrolling), then the same pages at 1024 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

const SHOP = 'Fromagerie Lou Cabanoun';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession({ PAYMENT_PROVIDER: 'demo' });
});

after(async () => {
  await session?.close();
});

/** Waits for the page a click leads to, then checks it with axe and its width. */
async function clickAndCheck(page: Page, click: () => Promise<void>, width: number): Promise<void> {
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), click()]);
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
  assert.equal(await scrollsSideways(page), false, `${page.url()} scrolls sideways at ${width} px`);
  assert.equal(await page.locator('h1').count(), 1);
}

async function emptyBasket(page: Page): Promise<void> {
  await page.goto('/panier');
  for (;;) {
    const remove = page.getByRole('button', { name: /^Enlever/ }).first();
    if ((await remove.count()) === 0) return;
    await Promise.all([page.waitForLoadState('load'), remove.click()]);
  }
}

/** Waits for the page a click leads to (pages other journeys already check with axe). */
async function clickThrough(page: Page, click: () => Promise<void>): Promise<void> {
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), click()]);
  await page.waitForLoadState('load');
}

async function addOneFromShop(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Que cherchez-vous ?').fill(SHOP);
  await clickThrough(page, () => page.getByRole('button', { name: 'Rechercher' }).click());
  await clickThrough(page, () => page.locator('main .card h3 a', { hasText: SHOP }).first().click());
  const inStock = page.locator('main .card').filter({ hasText: 'En stock' }).locator('h3 a').first();
  await clickThrough(page, () => inStock.click());
  await page.getByLabel('Quantité').fill('1');
  await clickThrough(page, () => page.getByRole('button', { name: 'Ajouter au panier' }).click());
  await clickThrough(page, () => page.getByRole('link', { name: 'Voir mon panier et commander' }).click());
}

/** The whole journey at `width`; returns the addresses of the payment pages it went through. */
async function payOnline(page: Page, width: number): Promise<string[]> {
  await login(page, DEMO_LOGINS.resident, DEMO_PASSWORD);
  await emptyBasket(page);
  await addOneFromShop(page);

  await clickThrough(page, () => page.getByRole('link', { name: 'Passer la commande' }).click());
  await page.locator('main input[name="place_id"]').first().check();
  await clickThrough(page, () => page.getByRole('button', { name: 'Continuer' }).click());
  await page.locator('main input[name="slot"]').first().check();
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Continuer' }).click(), width);

  assert.equal(new URL(page.url()).pathname, '/commande/paiement');
  await page.getByLabel(/Payer maintenant en ligne/).check();
  await screenshot(page, `journey-online-payment-choice-${width}`);
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Continuer' }).click(), width);
  assert.match((await page.locator('main').textContent()) ?? '', /En ligne, par carte bancaire/);
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Confirmer la commande' }).click(), width);

  // « Payer … en ligne »: the amount, and one button that opens the payment page.
  const payUrl = page.url();
  assert.match(new URL(payUrl).pathname, /^\/commandes\/[^/]+\/payer$/);
  assert.equal((await page.locator('h1').textContent())?.trim(), 'Payer ma commande en ligne');
  const goPay = page.getByRole('button', { name: /^Payer \d.* en ligne$/ });
  const shown = ((await goPay.textContent()) ?? '').replace(/^Payer\s*/, '').replace(/\s*en ligne$/, '').trim();
  await screenshot(page, `journey-online-payment-pay-${width}`);
  await clickAndCheck(page, () => goPay.click(), width);

  // The demo payment page, in place of the bank's.
  const demoUrl = page.url();
  assert.match(new URL(demoUrl).pathname, /^\/paiement\/demo\/demo_[0-9a-f]{24}$/);
  assert.equal((await page.locator('h1').textContent())?.trim(), 'Paiement par carte (démonstration)');
  const payButton = page.getByRole('button', { name: /^Payer \d/ });
  const amount = ((await payButton.textContent()) ?? '').replace(/^Payer\s*/, '').trim();
  assert.match(amount, /^\d[\d\s\u202f\u00a0]*,\d\d\s€$/);
  assert.equal(amount, shown, 'the payment page asks the amount the button said');
  assert.equal(await page.getByRole('link', { name: 'Annuler' }).count(), 1);
  await screenshot(page, `journey-online-payment-demo-${width}`);
  await clickAndCheck(page, () => payButton.click(), width);

  const returnUrl = page.url();
  assert.match(new URL(returnUrl).pathname, /^\/commandes\/[^/]+\/paiement\/retour$/);
  assert.equal((await page.locator('h1').textContent())?.trim(), 'Merci, votre paiement est enregistré');
  await screenshot(page, `journey-online-payment-return-${width}`);

  await clickAndCheck(page, () => page.getByRole('link', { name: 'Voir ma commande' }).click(), width);
  const main = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
  assert.ok(plain(main).includes(`Payée en ligne : ${amount.replace(/\s+/g, ' ')}`), `the order says « Payée en ligne : ${amount} »`);
  assert.equal(await page.getByRole('link', { name: 'Payer maintenant en ligne' }).count(), 0);
  await screenshot(page, `journey-online-payment-order-${width}`);
  return [payUrl, demoUrl, returnUrl, page.url()];
}

test('a resident pays online at checkout and sees « Payée en ligne » on the order (320 px, then the pages at 1024 px)', async () => {
  const page = await session.newPage({ width: 320 });
  const visited = await payOnline(page, 320);
  await page.setViewportSize({ width: 1024, height: 768 });
  for (const [index, url] of visited.entries()) {
    await page.goto(url);
    await expectNoAxeViolations(page);
    assert.equal(await page.locator('h1').count(), 1);
    await screenshot(page, `journey-online-payment-${['pay-after', 'demo-paid', 'return', 'order'][index]}-1024`);
  }
  // the demo page of a session already paid offers no second payment
  await page.goto(visited[1]);
  assert.equal(await page.getByRole('button', { name: /^Payer \d/ }).count(), 0);
  assert.match((await page.locator('main').textContent()) ?? '', /Ce paiement est déjà enregistré/);
});
