// The demo resident on a phone (375 × 740): the slot step shows its name and two days of
// chips in the first screen, « Voir les jours suivants » opens more days, continuing without
// a slot brings the server's plain French message; « Mes commandes » titles orders by the day
// to collect them, upcoming first; « Mon compte » opens on the next order. Every page visited
// passes axe. The demo town is seeded around today, so this holds on any day.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { addFirstOrderable } from '../helpers/basket.ts';
import { plain } from '../helpers/text.ts';

const WIDTH = 375;
const HEIGHT = 740;
/** The compact header's budget on a phone: the header's own test holds it to this. */
const HEADER_BUDGET_PX = 120;

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

async function go(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expectNoAxeViolations(page);
}

async function clickAndCheck(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), click()]);
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
}


/** The bottom of an element as it would sit under a header kept to its budget. */
async function bottomUnderCompactHeader(page: Page, selector: string, index: number): Promise<number> {
  const header = await page.locator('body > header, .site-header').first().boundingBox();
  const box = await page.locator(selector).nth(index).boundingBox();
  assert.ok(box, `${selector} #${index + 1} is shown`);
  const extra = Math.max(0, (header?.height ?? 0) - HEADER_BUDGET_PX);
  return box.y + box.height - extra;
}

const visibleDays = (page: Page) => page.locator('main fieldset.slot-day > legend:visible');

test('on a phone the slot step shows two days first, more on request, and a plain message without a slot', async () => {
  const page = await session.newPage({ width: WIDTH, height: HEIGHT });
  await login(page, DEMO_LOGINS.resident, DEMO_PASSWORD);
  await addFirstOrderable(page, 'chocolat');
  await go(page, '/commande');
  assert.equal(new URL(page.url()).pathname, '/commande/lieu');
  assert.match(plain((await page.locator('main').textContent()) ?? ''), /Étape 1 sur 4 : votre lieu de retrait/);
  await page.locator('main input[name="place_id"]').first().check();
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Continuer' }).click());

  // Step 2, first screen: the step's name and the headings of two days.
  assert.equal(new URL(page.url()).pathname, '/commande/creneau');
  const step = page.locator('main .checkout-step');
  assert.equal(plain((await step.textContent()) ?? ''), 'Étape 2 sur 4 : votre créneau');
  assert.ok((await bottomUnderCompactHeader(page, 'main .checkout-step', 0)) <= HEIGHT, 'the step is in the first screen');
  assert.equal(await visibleDays(page).count(), 2, 'two days open');
  assert.ok((await bottomUnderCompactHeader(page, 'main fieldset.slot-day > legend', 1)) <= HEIGHT, 'the second day’s heading is in the first screen');
  const chip = page.locator('main .chip label').first();
  assert.ok(((await chip.boundingBox())?.height ?? 0) >= 48, 'a chip is at least 48 px tall');
  assert.equal(await scrollsSideways(page), false);
  assert.equal(await page.locator('main [required]').count(), 0, 'no browser validation');
  assert.match(plain((await page.locator('main .checkout-help').first().textContent()) ?? ''), /^Besoin d’aide \? Appelez le [\d ]+ \(.+\)$/);
  await screenshot(page, 'journey-checkout-slots-375');

  // The chips are real radios: the keyboard moves between them.
  const radios = page.locator('main input[name="slot"]');
  await radios.first().focus();
  await page.keyboard.press('Space');
  assert.equal(await radios.first().isChecked(), true);
  await page.keyboard.press('ArrowRight');
  assert.equal(await radios.nth(1).isChecked(), true, 'an arrow key picks the next time');
  await radios.nth(1).evaluate((input: HTMLInputElement) => (input.checked = false));

  // More days behind « Voir les jours suivants ».
  await page.locator('main summary', { hasText: 'Voir les jours suivants' }).click();
  assert.ok((await visibleDays(page).count()) > 2, 'more days once asked');
  await expectNoAxeViolations(page);

  // Continuing without a slot: the server's message next to the days, the step still named.
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Continuer' }).click());
  const error = plain((await page.locator('#erreur-slot').textContent()) ?? '');
  assert.match(error, /Choisissez le jour et l’heure où vous viendrez chercher votre commande\./);
  assert.equal(plain((await step.textContent()) ?? ''), 'Étape 2 sur 4 : votre créneau');
  await screenshot(page, 'journey-checkout-slot-error-375');

  await radios.first().check();
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Continuer' }).click());
  assert.equal(new URL(page.url()).pathname, '/commande/paiement');
  assert.match(plain((await step.textContent()) ?? ''), /^Étape 3 sur 4 : votre paiement$/);
});

test('« Mes commandes » titles orders by the day to collect them, upcoming first; « Mon compte » opens on the next one', async () => {
  const page = await session.newPage({ width: WIDTH, height: HEIGHT });
  await login(page, DEMO_LOGINS.resident, DEMO_PASSWORD);

  await go(page, '/compte/commandes');
  const titles = (await page.locator('main .order-card h3').allTextContents()).map(plain);
  assert.match(titles[0], /^À retirer (lundi|mardi|mercredi|jeudi|vendredi|samedi) \d+(er)? \S+, \d+ h( \d\d)? – \d+ h( \d\d)?$/);
  const lastUpcoming = titles.map((title) => title.startsWith('À retirer')).lastIndexOf(true);
  const firstPast = titles.findIndex((title) => !title.startsWith('À retirer'));
  assert.ok(firstPast > lastUpcoming, `upcoming orders come before past ones: ${titles.join(' | ')}`);
  assert.ok(titles.some((title) => /^Retirée le /.test(title)), 'a collected order reads « Retirée le … »');
  assert.doesNotMatch(plain((await page.locator('main').textContent()) ?? ''), /\bRemise\b/);
  await screenshot(page, 'journey-checkout-my-orders-375');

  await go(page, '/compte');
  const panel = page.locator('main section.next-order');
  assert.equal(plain((await panel.locator('h2').textContent()) ?? ''), 'Votre prochaine commande');
  const said = plain(await panel.innerText());
  assert.match(said, /À retirer .* Où .+ Quoi \d+ articles? chez .+ Code à donner au comptoir [A-Z0-9]{6} Reste à payer/);
  assert.ok(((await panel.boundingBox())?.y ?? HEIGHT) < HEIGHT, 'the next order is in the first screen');
  await screenshot(page, 'journey-checkout-account-375');
});
