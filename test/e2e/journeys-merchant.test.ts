// The cheese shop's merchant adds an offer with a photo in a real browser: a wrong price
// first (French error beside the field, nothing typed is lost), then the right one; the offer
// is in the merchant's list and on the public storefront with its photo.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';
import { createDb } from '../../src/db/index.ts';

const SHOP = 'Fromagerie Lou Cabanoun';
const OFFER = {
  title: 'Tomme de chèvre du Ventoux',
  description: 'Affinée trois mois dans notre cave.\nÀ garder au frais, dans son papier.',
  unit: 'la pièce de 500 g',
};

let session: BrowserSession;
let photoDir: string;
let photoPath: string;

before(async () => {
  photoDir = mkdtempSync(join(tmpdir(), 'conciergerie-photo-'));
  photoPath = join(photoDir, 'tomme.jpg');
  // A real JPEG, wide enough to be accepted (300 px at least), with a recognisable colour.
  await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 230, g: 200, b: 120 } } }).jpeg().toFile(photoPath);
  // Wednesday 2 December 2026, 9:00 in Istres: the demo town's orders are seeded around it.
  session = await startBrowserSession({ CLOCK_START: '2026-12-02T08:00:00Z' });
});

after(async () => {
  await session?.close();
  if (photoDir) rmSync(photoDir, { recursive: true, force: true });
});

async function clickAndWait(page: Page, action: Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action]);
  await page.waitForLoadState('load');
}

async function fillOffer(page: Page, price: string): Promise<void> {
  await page.getByLabel(/^Nom de l’offre/).fill(OFFER.title);
  await page.getByLabel('Description (facultatif)').fill(OFFER.description);
  await page.getByLabel(/^Prix TTC, en euros/).fill(price);
  await page.getByRole('radio', { name: '5,5 % : alimentation, livres' }).check();
  await page.getByLabel(/^Unité de vente/).fill(OFFER.unit);
  await page.getByLabel('Quantité nette (facultatif)').fill('500');
  await page.getByLabel('Unité de la quantité nette').selectOption({ label: 'grammes (g)' });
  await page.getByRole('radio', { name: 'En stock' }).check();
  await page.getByLabel('Photo (facultatif)').setInputFiles(photoPath);
}

test('the merchant adds an offer with a photo, after correcting a wrong price', async () => {
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.merchant, DEMO_PASSWORD);
  const shopPath = new URL(page.url()).pathname;
  assert.match(shopPath, /^\/boutique\/[0-9a-f-]{36}$/, 'the merchant lands on their shop');
  const shopId = shopPath.split('/')[2];
  assert.equal(plain((await page.locator('h1').textContent()) ?? ''), `Ma boutique : ${SHOP}`);
  await expectNoAxeViolations(page);
  const offersBefore = await page.locator('main .offer-row').count();

  await clickAndWait(page, page.getByRole('link', { name: 'Ajouter une offre' }).click());
  assert.equal(new URL(page.url()).pathname, `/boutique/${shopId}/offres/nouvelle`);
  await expectNoAxeViolations(page);

  // A price with three decimals: refused, in French, next to the price field.
  await fillOffer(page, '12,505');
  await clickAndWait(page, page.getByRole('button', { name: 'Ajouter l’offre' }).click());
  assert.equal(new URL(page.url()).pathname, `/boutique/${shopId}/offres/nouvelle`);
  const priceField = page.locator('.field', { has: page.locator('#champ-price') });
  assert.match((await priceField.locator('.field__error').textContent()) ?? '', /Indiquez un prix en euros, par exemple 12,50\./);
  assert.equal(await page.locator('#champ-price').getAttribute('aria-invalid'), 'true');
  assert.match((await page.locator('#champ-price').getAttribute('aria-describedby')) ?? '', /erreur-price/);
  assert.equal(plain((await page.locator('.error-summary h2').textContent()) ?? ''), 'Le formulaire contient une erreur :');
  assert.match((await page.locator('.error-summary').textContent()) ?? '', /Prix TTC, en euros/);
  // The chosen photo did not come back with the form: the field says to choose it again.
  const photoField = page.locator('.field', { has: page.locator('#champ-photo') });
  assert.match((await photoField.locator('.field__notice').textContent()) ?? '', /Choisissez de nouveau votre fichier/);
  assert.match((await page.locator('#champ-photo').getAttribute('aria-describedby')) ?? '', /rappel-photo/);
  assert.equal(await page.getByLabel(/^Nom de l’offre/).inputValue(), OFFER.title, 'the typed title is kept');
  assert.equal(await page.getByLabel('Description (facultatif)').inputValue(), OFFER.description);
  assert.equal(await page.getByLabel(/^Prix TTC, en euros/).inputValue(), '12,505', 'the wrong price is shown to be corrected');
  assert.equal(await page.getByLabel(/^Unité de vente/).inputValue(), OFFER.unit);
  assert.ok(await page.getByRole('radio', { name: '5,5 % : alimentation, livres' }).isChecked());
  await expectNoAxeViolations(page);
  await screenshot(page, 'journey-merchant-offer-error');

  // Corrected; a browser never keeps a chosen file, so the photo is chosen again.
  await page.getByLabel(/^Prix TTC, en euros/).fill('18,50');
  await page.getByLabel('Photo (facultatif)').setInputFiles(photoPath);
  await clickAndWait(page, page.getByRole('button', { name: 'Ajouter l’offre' }).click());
  assert.equal(new URL(page.url()).pathname, shopPath);
  assert.match((await page.locator('.flash').textContent()) ?? '', /Offre ajoutée à votre vitrine/);
  assert.equal(await page.locator('main .offer-row').count(), offersBefore + 1, 'exactly one offer was added');
  const row = page.locator('main .offer-row', { has: page.getByRole('heading', { name: OFFER.title }) });
  assert.equal(await row.count(), 1);
  assert.match((await row.locator('.offer-price').textContent()) ?? '', /18,50\s€ la pièce de 500 g/);
  assert.match((await row.locator('.offer-price').textContent()) ?? '', /37,00\s€ le kg/);
  assert.match((await row.locator('img').getAttribute('src')) ?? '', /^\/images\//);
  await expectNoAxeViolations(page);
  await screenshot(page, 'journey-merchant-offers');

  await clickAndWait(page, page.getByRole('link', { name: 'Voir ma vitrine telle que le public la voit' }).click());
  assert.equal(new URL(page.url()).pathname, `/commerces/${shopId}`);
  assert.equal((await page.locator('h1').textContent())?.trim(), SHOP);
  const card = page.locator('main .card', { has: page.getByRole('link', { name: OFFER.title }) });
  assert.equal(await card.count(), 1, 'the new offer is on the public storefront');
  assert.match((await card.locator('.price').textContent()) ?? '', /18,50\s€/);
  const photo = card.locator('img');
  assert.match((await photo.getAttribute('src')) ?? '', /^\/images\/[0-9a-f-]+\.jpg$/);
  // The card's link already says the title: the picture beside it is decoration for a screen reader.
  assert.equal(await photo.getAttribute('alt'), '');
  await photo.scrollIntoViewIfNeeded();
  await page.waitForFunction((element) => (element as HTMLImageElement).complete, await photo.elementHandle());
  assert.ok((await photo.evaluate((element) => (element as HTMLImageElement).naturalWidth)) > 0, 'the photo loads');
  await expectNoAxeViolations(page);
  await screenshot(page, 'journey-merchant-public-storefront');

  // The offer's own page shows the same photo, the price per kilo and the description.
  await clickAndWait(page, card.getByRole('link', { name: OFFER.title }).click());
  assert.equal((await page.locator('h1').textContent())?.trim(), OFFER.title);
  assert.match((await page.locator('main').textContent()) ?? '', /37,00\s€ le kg/);
  assert.match((await page.locator('.offer-description').textContent()) ?? '', /Affinée trois mois/);
  await expectNoAxeViolations(page);
});

test('another shop’s portal is not the merchant’s: it answers 404', async () => {
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.merchant, DEMO_PASSWORD);
  const ownShop = new URL(page.url()).pathname.split('/')[2];
  await page.goto('/recherche?q=poissonnerie+du+port');
  const href = await page.locator('main .card h3 a', { hasText: 'Poissonnerie du Port' }).first().getAttribute('href');
  const otherShop = href?.split('/')[2];
  assert.ok(otherShop && otherShop !== ownShop);
  const response = await page.goto(`/boutique/${otherShop}/offres/nouvelle`);
  assert.equal(response?.status(), 404);
  await expectNoAxeViolations(page);
});

test('every control of the offer form shows the keyboard focus', async () => {
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.merchant, DEMO_PASSWORD);
  await page.goto(`${new URL(page.url()).pathname}/offres/nouvelle`);
  const unseen: string[] = [];
  const reached = new Set<string>();
  for (let step = 0; step < 200; step += 1) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      return {
        name: `${element.tagName.toLowerCase()} ${element.id || (element.textContent ?? '').trim().slice(0, 30)}`,
        seen: element.matches(':focus-visible') && getComputedStyle(element).outlineStyle !== 'none',
      };
    });
    if (!focus) break;
    reached.add(focus.name);
    if (!focus.seen) unseen.push(focus.name);
  }
  for (const id of ['champ-title', 'champ-description', 'champ-price', 'champ-unit', 'champ-measure_unit', 'champ-lead_time_days', 'champ-photo']) {
    assert.ok([...reached].some((name) => name.endsWith(` ${id}`)), `Tab reaches #${id}`);
  }
  assert.deepEqual(unseen, []);
});

/** How many of the shop's purchase orders are to prepare (new or accepted), from the database. */
async function toPrepareCount(shopId: string): Promise<number> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const row = await db.selectFrom('purchase_orders').select((eb) => eb.fn.countAll().as('count')).where('shop_id', '=', shopId).where('status', 'in', ['sent', 'accepted']).executeTakeFirstOrThrow();
    return Number(row.count);
  } finally {
    await db.destroy();
  }
}

test('on a phone the merchant reads what waits, every order with its items, status and whole amount, and accepts with a primary button', async () => {
  const page = await session.newPage({ width: 375, height: 800 });
  await login(page, DEMO_LOGINS.merchant, DEMO_PASSWORD);
  const shopId = new URL(page.url()).pathname.split('/')[2];
  const count = await toPrepareCount(shopId);
  assert.ok(count >= 2, 'the demo shop has orders to prepare');
  const summary = plain(await page.locator('.prepare-summary').innerText());
  assert.match(summary, new RegExp(`^${count} commandes à préparer, la tournée passe \\S+ \\d+ décembre à \\d{1,2} h( \\d{2})?\\.`));
  await expectNoAxeViolations(page);
  await screenshot(page, 'merchant-home-375');

  await Promise.all([page.waitForNavigation(), page.locator('.prepare-summary').getByRole('link', { name: 'Voir les commandes' }).click()]);
  assert.equal(new URL(page.url()).pathname, `/boutique/${shopId}/commandes`);
  const rows = page.locator('table.po-table tbody tr');
  assert.equal(await rows.count(), count);
  const fits = await page.locator('table.po-table').evaluate((table) => table.scrollWidth <= table.clientWidth && table.getBoundingClientRect().right <= window.innerWidth);
  assert.ok(fits, 'the list is no wider than the phone');
  for (let index = 0; index < count; index += 1) {
    const row = rows.nth(index);
    assert.match(plain(await row.locator('td[data-label="État"]').innerText()), /^(Nouvelle commande|En préparation)$/);
    assert.match(plain(await row.locator('td[data-label="Articles"]').innerText()), /^\d+ × \S/);
    const amount = row.locator('td[data-label="Montant"]');
    assert.match(plain(await amount.innerText()), /\d+,\d{2} €$/, 'the whole amount, cents and euro sign');
    const whole = await amount.evaluate((cell) => {
      const box = cell.getBoundingClientRect();
      return cell.scrollWidth <= cell.clientWidth && box.right <= window.innerWidth && box.left >= 0;
    });
    assert.ok(whole, 'the amount is not cut');
  }
  await expectNoAxeViolations(page);
  await screenshot(page, 'merchant-orders-375');

  const accept = page.getByRole('button', { name: /^Accepter/ }).first();
  assert.equal(await accept.getAttribute('class'), 'button', 'a primary button');
  await Promise.all([page.waitForNavigation(), accept.click()]);
  assert.equal(new URL(page.url()).pathname, `/boutique/${shopId}/commandes`, 'back to the list');
  assert.match((await page.locator('.flash').textContent()) ?? '', /Commande acceptée/);
  assert.ok((await page.getByRole('button', { name: /^Préparée/ }).count()) >= 1);
  await expectNoAxeViolations(page);
});
