// The article's order, step by step in a real browser on the demo town: a resident orders a
// tee-shirt, a cheese platter and a bottle of wine from three shops; each merchant accepts and
// marks its part ready; the concierge receives every bag at the counter and hands the order
// over against a card payment. Shared by the article's journeys (the order, then its money).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createDb } from '../../src/db/index.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, logout, type BrowserSession } from './browser.ts';

/** What the resident buys, from which shop (all three are demo member shops). */
export const BASKET = [
  { shop: 'L’Atelier Sérigraphie d’Istres', offer: 'Tee-shirt « Istres » en coton bio' },
  { shop: 'Fromagerie Lou Cabanoun', offer: 'Plateau de fromages pour 6' },
  { shop: 'La Cave d’Istres', offer: null },
] as const;

export interface Merchant {
  shop: string;
  shopId: string;
  email: string;
  password: string;
}

async function shopIdsByName(session: BrowserSession, names: readonly string[]): Promise<Map<string, string>> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const rows = await db.selectFrom('shops').select(['id', 'trade_name']).where('trade_name', 'in', [...names]).execute();
    return new Map(rows.map((row) => [row.trade_name, row.id]));
  } finally {
    await db.destroy();
  }
}

/** The three shops' merchants: the fromagerie has its demo login, the two others get one here. */
export async function articleMerchants(session: BrowserSession): Promise<Merchant[]> {
  const ids = await shopIdsByName(session, BASKET.map((item) => item.shop));
  const merchants: Merchant[] = [];
  for (const { shop } of BASKET) {
    const shopId = ids.get(shop);
    assert.ok(shopId, `the demo town has « ${shop} »`);
    const account =
      shop === 'Fromagerie Lou Cabanoun'
        ? { email: DEMO_LOGINS.merchant, password: DEMO_PASSWORD }
        : await session.makeAccount('merchant', { shopId, displayName: `Commerçant de ${shop}` });
    merchants.push({ shop, shopId, email: account.email, password: account.password });
  }
  return merchants;
}

/** Follows a click to the next page, then checks that page with axe. */
export async function clickAndCheck(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), click()]);
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
}

export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expectNoAxeViolations(page);
}

/** Finds the shop through the search box, then its offer (or its first offer in stock), and adds one. */
async function addToBasket(page: Page, item: (typeof BASKET)[number]): Promise<string> {
  await visit(page, `/recherche?q=${encodeURIComponent(item.shop)}`);
  await clickAndCheck(page, () => page.locator('main .card h3 a', { hasText: item.shop }).first().click());
  assert.equal((await page.locator('h1').textContent())?.trim(), item.shop);
  const offer = item.offer
    ? page.locator('main .card h3 a', { hasText: item.offer }).first()
    : page.locator('main .card').filter({ hasText: 'En stock' }).locator('h3 a').first();
  await clickAndCheck(page, () => offer.click());
  const title = ((await page.locator('h1').textContent()) ?? '').trim();
  await page.getByLabel('Quantité').fill('1');
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Ajouter au panier' }).click());
  // Adding keeps the resident on the shop's page; its notice leads to the basket.
  await clickAndCheck(page, () => page.getByRole('link', { name: 'Voir mon panier et commander' }).click());
  assert.equal(new URL(page.url()).pathname, '/panier');
  return title;
}

/** The resident's part: three shops, one basket, the counter, the first slot, pay on collection. */
export async function orderFromThreeShops(page: Page): Promise<{ code: string; titles: string[] }> {
  await login(page, DEMO_LOGINS.resident, DEMO_PASSWORD);
  const titles: string[] = [];
  for (const item of BASKET) titles.push(await addToBasket(page, item));
  const basket = (await page.locator('main').textContent()) ?? '';
  for (const { shop } of BASKET) assert.ok(basket.includes(shop), `the basket shows « ${shop} »`);

  await clickAndCheck(page, () => page.getByRole('link', { name: 'Passer la commande' }).click());
  await page.locator('main input[name="place_id"]').first().check();
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Continuer' }).click());
  await page.locator('main input[name="slot"]').first().check();
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Continuer' }).click());
  await page.getByLabel(/Au comptoir/).check();
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Continuer' }).click());
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Confirmer la commande' }).click());
  const code = ((await page.locator('main .collection-code').textContent()) ?? '').trim();
  assert.match(code, /^[A-Z0-9]{6}$/);
  await logout(page);
  return { code, titles };
}

/** A merchant opens its purchase order for this code, accepts it and marks it ready. */
export async function prepare(page: Page, merchant: Merchant, code: string): Promise<void> {
  await login(page, merchant.email, merchant.password);
  await visit(page, `/boutique/${merchant.shopId}/commandes`);
  await clickAndCheck(page, () => page.locator('main a.code', { hasText: code }).first().click());
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Accepter la commande' }).click());
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Marquer comme prête' }).click());
  assert.match((await page.locator('.flash').textContent()) ?? '', /Commande prête/, `${merchant.shop} marked its part ready`);
  await logout(page);
}

/** The round page of the day whose pick lists name this code (the platter needs a day's notice). */
export async function openRoundWith(page: Page, code: string): Promise<void> {
  await visit(page, '/gestion/tournee');
  for (let day = 0; day < 7; day += 1) {
    if ((await page.locator('main').textContent())?.includes(code)) return;
    await clickAndCheck(page, () => page.getByRole('link', { name: 'Jour suivant' }).click());
  }
  assert.fail(`no round of the coming week names the order ${code}`);
}

/**
 * Receives, one by one, the three bags of the order; the cheese goes in the fridge. Each bag is
 * on the round its shop's lead time allows, so the bags may be on different days' rounds.
 */
export async function receiveBags(page: Page, code: string): Promise<void> {
  for (let bag = 0; bag < BASKET.length; bag += 1) {
    await openRoundWith(page, code);
    const card = page.locator('main article', { hasText: code }).first();
    assert.ok((await card.count()) > 0, `bag ${bag + 1} of ${code} is on the round`);
    const cheese = ((await card.textContent()) ?? '').includes('Plateau de fromages');
    await card.getByLabel(/^Rangé où\s\?/).fill(cheese ? 'Frigo 1' : `A${bag + 1}`);
    if (cheese) await card.getByLabel('Au frais (réfrigérateur)').check();
    await clickAndCheck(page, () => card.getByRole('button', { name: /Reçu au comptoir/ }).click());
    assert.match((await page.locator('.flash').textContent()) ?? '', new RegExp(`Bon ${code} reçu au comptoir`));
  }
}

/** The concierge (logged in) finds the order by its code and hands it over against a card payment. */
export async function handOverByCard(page: Page, code: string): Promise<void> {
  await visit(page, '/gestion/comptoir');
  await page.getByLabel('Code, nom ou téléphone').fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
  await clickAndCheck(page, () => page.getByRole('button', { name: 'Chercher' }).click());
  assert.match((await page.locator('h1').textContent()) ?? '', new RegExp(`Remise de la commande ${code}`));
  await page.getByLabel('Carte').check();
  await clickAndCheck(page, () => page.getByRole('button', { name: /^Remettre et encaisser/ }).click());
  assert.match((await page.locator('main').textContent()) ?? '', /Encaissé\s:\s[\d\s\u202f\u00a0]+,\d\d\s€ — Carte/);
}
