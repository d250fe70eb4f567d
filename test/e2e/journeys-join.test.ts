// A visitor who is not yet a member, in a real browser: she fills a basket with two offers,
// finds at login « Je ne suis pas encore adhérent », sends her name and phone (a wrong number
// first, told next to the field with what she typed kept) and reads her basket number. The
// concierge finds the request in « Demandes d'adhésion », registers her from it, takes the
// basket up by its number and places the phone order: the order has the visitor's lines.
// Every page visited passes axe; the visitor's pages read at 320 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createDb } from '../../src/db/index.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

/** Two orderable offers of the demo town, of different shops: their ids and titles. */
async function twoOffers(): Promise<Array<{ id: string; title: string }>> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const rows = await db
      .selectFrom('offers')
      .innerJoin('shops', 'shops.id', 'offers.shop_id')
      .select(['offers.id', 'offers.title', 'offers.shop_id'])
      .where('offers.availability', '=', 'in_stock')
      .where('shops.stage', '=', 'member')
      .orderBy('offers.title')
      .limit(40)
      .execute();
    const other = rows.find((row) => row.shop_id !== rows[0].shop_id)!;
    return [rows[0], other].map((row) => ({ id: row.id, title: row.title }));
  } finally {
    await db.destroy();
  }
}

async function mainText(page: Page): Promise<string> {
  return plain((await page.locator('main').textContent()) ?? '');
}

/** Runs an action that leads to another page, waits for it, then checks it with axe. */
async function go(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }), action()]);
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
}

async function narrowCheck(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  assert.equal(await scrollsSideways(page), false, `${page.url()} scrolls sideways at 320 px`);
  await screenshot(page, `${name}-320`);
  await page.setViewportSize({ width: 1024, height: 768 });
}

test('a visitor asks to join with her basket; the concierge registers her and orders it by phone', async () => {
  const offers = await twoOffers();
  const visitor = await session.newPage({ width: 1024, height: 768 });
  for (const offer of offers) {
    await visitor.goto(`/offres/${offer.id}`);
    await go(visitor, () => visitor.locator('main').getByRole('button', { name: /^Ajouter au panier/ }).first().click());
  }

  // At login: « Je ne suis pas encore adhérent ».
  await visitor.goto('/connexion');
  await go(visitor, () => visitor.getByRole('link', { name: 'Je ne suis pas encore adhérent' }).click());
  assert.equal(new URL(visitor.url()).pathname, '/adhesion');
  assert.match(await mainText(visitor), /Votre panier est gardé avec votre demande/);
  await screenshot(visitor, 'journey-join-form-1024');
  await narrowCheck(visitor, 'journey-join-form');

  await visitor.getByLabel(/^Vos nom et prénom/).fill('Simone Castel');
  await visitor.getByLabel(/^Votre numéro de téléphone/).fill('06 12 34');
  await go(visitor, () => visitor.getByRole('button', { name: 'Envoyer ma demande' }).click());
  assert.match(await mainText(visitor), /Indiquez un numéro de téléphone français/);
  assert.equal(await visitor.getByLabel(/^Vos nom et prénom/).inputValue(), 'Simone Castel', 'the name typed is kept');
  assert.equal(await visitor.getByLabel(/^Votre numéro de téléphone/).getAttribute('aria-invalid'), 'true');
  await visitor.getByLabel(/^Votre numéro de téléphone/).fill('06 12 34 56 78');
  await go(visitor, () => visitor.getByRole('button', { name: 'Envoyer ma demande' }).click());
  const done = await mainText(visitor);
  assert.match(done, /Votre demande est enregistrée\. La conciergerie vous appelle au 06 12 34 56 78/);
  const number = /Votre numéro de panier : (\d{4} [A-Z])/.exec(done)?.[1];
  assert.ok(number, done);
  for (const offer of offers) assert.ok(done.includes(offer.title), `the kept basket lists « ${offer.title} »`);
  await screenshot(visitor, 'journey-join-done-1024');
  await narrowCheck(visitor, 'journey-join-done');

  // The concierge: the request, « Inscrire cet adhérent », the basket taken up, the order.
  const desk = await session.newPage({ width: 1280, height: 900 });
  await login(desk, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await desk.goto('/gestion/adhesions');
  await expectNoAxeViolations(desk);
  const list = await mainText(desk);
  assert.match(list, /Demandes d’adhésion \(\d+\)/);
  assert.ok(list.includes(`Simone Castel — Panier n° ${number}`), list);
  assert.equal(await desk.getByRole('link', { name: '06 12 34 56 78' }).getAttribute('href'), 'tel:0612345678');
  await screenshot(desk, 'journey-join-requests-1280');
  await go(desk, () => desk.getByRole('link', { name: 'Inscrire cet adhérent : Simone Castel' }).click());
  assert.equal(await desk.getByLabel(/^Prénom/).inputValue(), 'Simone');
  assert.equal(await desk.getByLabel(/^Nom( \*)?$/).inputValue(), 'Castel');
  await go(desk, () => desk.getByRole('button', { name: 'Inscrire et commander' }).click());
  assert.equal(plain((await desk.locator('h1').textContent()) ?? ''), 'Commande pour Simone Castel');
  await screenshot(desk, 'journey-join-takeup-1280');
  await go(desk, () => desk.getByRole('button', { name: `Reprendre le panier n° ${number}` }).click());
  assert.match(await mainText(desk), new RegExp(`Le panier n° ${number} est repris : 2 article`));
  const basket = plain((await desk.locator('#panier').locator('xpath=..').textContent()) ?? '');
  for (const offer of offers) assert.ok(basket.includes(offer.title), `the phone basket lists « ${offer.title} »`);
  await go(desk, () => desk.getByRole('button', { name: 'Choisir le créneau' }).click());
  await go(desk, () => desk.getByRole('button', { name: 'Passer la commande' }).click());
  assert.match(new URL(desk.url()).pathname, /^\/gestion\/commandes\/[0-9a-f-]+$/);
  const record = await mainText(desk);
  for (const offer of offers) assert.ok(record.includes(offer.title), `the order lists « ${offer.title} »`);
});
