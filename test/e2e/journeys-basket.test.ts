// A visitor fills one basket from three shops in a real browser (a cheese platter, a bottle
// of wine, chocolates), is asked to log in when ordering, finds the basket kept, walks the
// checkout to the counter and gets a collection code that « Mes commandes » lists. Every page
// visited passes axe. The same basket at 320 px is in journeys-basket-narrow (a file of its own,
// so that the two run side by side).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, screenshot, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { clickAndCheck, fillBasket, readBasketPage } from '../helpers/basket.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

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
