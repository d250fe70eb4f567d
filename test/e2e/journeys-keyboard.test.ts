// Keyboard only, in a real browser: the demo resident goes from the home page to a storefront,
// puts an offer in the basket and goes through the whole checkout to the thank-you page; then
// the concierge hands that order over at the counter and takes the payment. After the login,
// nothing is clicked, filled or opened by address: the focus moves with Tab and Shift+Tab,
// links and buttons answer Enter, radios answer Space, and text is typed. Every control used
// shows where the focus is, and every page visited passes axe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { CONCIERGE } from '../helpers/orders.ts';
import { plain } from '../helpers/text.ts';
import { SHOPS } from '../helpers/basket.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

/** What the focus is looked for on: a CSS selector and, optionally, the control's name. */
interface Target {
  selector: string;
  /** Its label, aria-label or text, spaces folded; a string must match whole. */
  name?: string | RegExp;
}

/** How the focused element describes itself in the page: a selector match, its name, whether its focus shows. */
interface Focused {
  matches: boolean;
  /** « a "Panier" /panier », to list what the focus went through. */
  said: string;
  /** :focus-visible, with an outline or a box-shadow drawn on it (or on its label, for a radio drawn as a chip). */
  visible: boolean;
  name: string;
}

/**
 * Runs in the page, as source text: tsx names inner functions with a helper the page lacks.
 * A radio drawn as a chip hides its input and shows the focus on its label.
 */
const READ_FOCUS = `(selector) => {
  const element = document.activeElement;
  if (!element || element === document.body) return { matches: false, said: '(body)', visible: false, name: '' };
  const fold = (text) => (text ?? '').replace(/[\\s\\u00a0\\u202f]+/g, ' ').trim();
  const labels = element instanceof HTMLInputElement && element.labels ? [...element.labels] : [];
  const name = fold(element.getAttribute('aria-label')) || fold(labels.map((label) => label.innerText).join(' ')) || fold(element.innerText) || fold(element.value);
  const drawn = (box) => {
    const rect = box.getBoundingClientRect();
    return rect.width > 2 && rect.height > 2 && getComputedStyle(box).opacity !== '0';
  };
  const marked = (box) => {
    const style = getComputedStyle(box);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  };
  const boxes = drawn(element) ? [element] : labels.filter(drawn);
  const href = element.getAttribute('href');
  return {
    matches: element.matches(selector),
    said: element.tagName.toLowerCase() + ' "' + name.slice(0, 60) + '"' + (href ? ' ' + href : ''),
    visible: element.matches(':focus-visible') && boxes.some(marked),
    name,
  };
}`;

function readFocus(page: Page, selector: string): Promise<Focused> {
  return page.evaluate(`(${READ_FOCUS})(${JSON.stringify(selector)})`);
}

/** Keys pressed in the current test, told at its end. */
let pressed = 0;

async function press(page: Page, key: 'Tab' | 'Shift+Tab' | 'Enter' | 'Space'): Promise<void> {
  pressed += 1;
  await page.keyboard.press(key);
}

const nameFits = (name: string, wanted: Target['name']) => wanted === undefined || (typeof wanted === 'string' ? name === wanted : wanted.test(name));

/**
 * Presses Tab (or Shift+Tab) until the focused element fits `target` (no press when it already
 * does), at most `maxPresses` times; fails listing every element reached. The one reached must
 * show its focus.
 */
async function tabTo(page: Page, target: Target, { backwards = false, maxPresses = 80 } = {}): Promise<string> {
  const reached: string[] = [];
  for (let presses = 0; presses <= maxPresses; presses += 1) {
    if (presses > 0) await press(page, backwards ? 'Shift+Tab' : 'Tab');
    const focused = await readFocus(page, target.selector);
    reached.push(focused.said);
    if (focused.matches && nameFits(focused.name, target.name)) {
      assert.ok(focused.visible, `the focus shows on ${focused.said} (${page.url()})`);
      return focused.name;
    }
  }
  assert.fail(`${maxPresses} presses of ${backwards ? 'Shift+Tab' : 'Tab'} on ${page.url()} never reached ${target.selector} ${target.name ?? ''}; reached:\n  ${reached.join('\n  ')}`);
}

/** Presses a key that leads to another page (Enter on a link, a submit button, a search box) and waits for it. */
async function pressAndWait(page: Page, key: 'Enter' | 'Space'): Promise<void> {
  await Promise.all([page.waitForNavigation(), press(page, key)]);
  await page.waitForLoadState('load');
}

/** Typing into the focused field: keyboard too. */
async function typeText(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
}

async function heading(page: Page): Promise<string> {
  return plain((await page.locator('h1').textContent()) ?? '');
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

/** Focuses a link or a button by tabbing, then follows it with Enter; axe checks the page reached. */
async function follow(page: Page, selector: string, name?: string | RegExp, options: { backwards?: boolean } = {}): Promise<void> {
  await tabTo(page, { selector, name }, options);
  await pressAndWait(page, 'Enter');
  await expectNoAxeViolations(page);
}

/** Tabs to the first radio of a group and picks it with Space. */
async function pick(page: Page, selector: string, name?: string | RegExp): Promise<void> {
  await tabTo(page, { selector, name });
  await press(page, 'Space');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked), true, `Space picks ${selector}`);
}

/**
 * On a page refused with an error summary: the summary has the focus on arrival, so one Tab
 * reaches its link; Enter follows it, and the next Tab lands in the field in error.
 */
async function followErrorLink(page: Page, name: RegExp): Promise<void> {
  assert.equal(await page.locator('main .error-summary').count(), 1, `${page.url()} shows an error summary`);
  // The browser applies autofocus at its next rendering step, which may come after `load`.
  await page.waitForFunction(() => document.activeElement?.matches('main .error-summary'), undefined, { timeout: 5000 }).catch(() => undefined);
  assert.equal(await page.evaluate(() => document.activeElement?.matches('main .error-summary')), true, 'the error summary has the focus on arrival');
  const href = (await page.evaluate(() => document.querySelector('main .error-summary a')?.getAttribute('href'))) ?? '';
  assert.ok(href.startsWith('#'), 'the summary links to the field');
  await tabTo(page, { selector: 'main .error-summary a', name }, { maxPresses: 1 });
  await press(page, 'Enter');
  await press(page, 'Tab');
  assert.equal(await page.evaluate((id) => Boolean(document.activeElement?.closest(id)), href), true, `after the summary's link, Tab lands in ${href}`);
}

/** Everything the concierge needs to find the order: every shop's part accepted and received at the counter. */
async function readyAtCounter(orderId: string): Promise<void> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
    const pos = await db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', orderId).orderBy('id').execute();
    assert.ok(pos.length > 0, 'the order went to at least one shop');
    for (const [index, po] of pos.entries()) {
      await acceptPurchaseOrder(db, CONCIERGE, po.shop_id, po.id);
      await receivePurchaseOrder(db, config, CONCIERGE, po.id, { storageLocation: `Étagère K${index + 1}`, chilled: false });
    }
  } finally {
    await db.destroy();
  }
}

let placed: { orderId: string; code: string } | undefined;

test('a resident goes from the home page to the thank-you page with Tab, Enter, Space and typing alone', async (t) => {
  pressed = 0;
  const shop = SHOPS[0];
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.resident, DEMO_PASSWORD);
  await page.goto('/');
  await expectNoAxeViolations(page);

  // From the home page's search box to the shop's storefront.
  await tabTo(page, { selector: 'main input[type="search"]', name: /^Que cherchez-vous/ });
  await typeText(page, shop);
  await pressAndWait(page, 'Enter');
  await expectNoAxeViolations(page);
  await follow(page, 'main .card__link[href^="/commerces/"]', shop);
  assert.equal(await heading(page), shop);

  // Its first offer in stock, added to the basket.
  const offer = page.locator('main .card:has(.badge--stock) .card__link').first();
  const title = plain((await offer.textContent()) ?? '');
  await follow(page, 'main .card:has(.badge--stock) .card__link', title);
  assert.equal(await heading(page), title);
  await follow(page, 'main button[type="submit"]', 'Ajouter au panier');
  assert.equal(await heading(page), shop);
  assert.match(plain((await page.locator('main .basket-notice').textContent()) ?? ''), /C’est dans votre panier/);

  // The basket, then the checkout: place, slot, payment, summary.
  await follow(page, 'main a', 'Voir mon panier et commander');
  assert.equal(pathOf(page), '/panier');
  assert.equal(await page.locator('main li.basket-line h3').filter({ hasText: title }).count(), 1, `${title} is in the basket`);
  // The way on is the basket's last control: quicker from the bottom of the page.
  await follow(page, 'main a, main button', 'Passer la commande', { backwards: true });
  assert.equal(pathOf(page), '/commande/lieu');

  await pick(page, 'main input[name="place_id"]');
  await follow(page, 'main button[type="submit"]', 'Continuer');
  assert.equal(pathOf(page), '/commande/creneau');
  // Continuing without a slot: the summary's link leads the focus back to the days.
  await follow(page, 'main button[type="submit"]', 'Continuer');
  await followErrorLink(page, /^Créneau/);
  await pick(page, 'main input[name="slot"]');
  // Later days open from the keyboard too.
  await tabTo(page, { selector: 'main details.slot-more > summary', name: 'Voir les jours suivants' });
  await press(page, 'Enter');
  assert.equal(await page.locator('main details.slot-more').getAttribute('open'), '', 'Enter opens the later days');
  await follow(page, 'main button[type="submit"]', 'Continuer');
  assert.equal(pathOf(page), '/commande/paiement');
  await pick(page, 'main input[name="payment"][value="at_counter"]');
  await follow(page, 'main button[type="submit"]', 'Continuer');
  assert.equal(pathOf(page), '/commande/confirmer');
  assert.match(plain((await page.locator('main dl.facts').textContent()) ?? ''), /Au comptoir, au retrait/);
  await screenshot(page, 'journey-keyboard-confirm');

  await follow(page, 'main button[type="submit"]', 'Confirmer la commande');
  const done = /^\/commande\/merci\/([^/]+)$/.exec(pathOf(page));
  assert.ok(done, `the thank-you page, not ${page.url()}`);
  const code = plain((await page.locator('main .collection-code').textContent()) ?? '');
  assert.match(code, /^[A-Z0-9]{6}$/);
  await screenshot(page, 'journey-keyboard-thanks');
  t.diagnostic(`${pressed} keys pressed`);
  placed = { orderId: done[1], code };
});

test('the concierge hands the order over at the counter and takes the payment with the keyboard alone', async (t) => {
  pressed = 0;
  assert.ok(placed, 'the resident placed an order first');
  const { orderId, code } = placed;
  await readyAtCounter(orderId);
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await expectNoAxeViolations(page);

  await follow(page, 'a', /^Comptoir$/);
  assert.equal(await heading(page), 'Comptoir');
  // The search box has the focus on arrival: the code is typed straight away.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'champ-q');
  await typeText(page, code.toLowerCase());
  await pressAndWait(page, 'Enter');
  await expectNoAxeViolations(page);
  assert.equal(pathOf(page), `/gestion/comptoir/${orderId}`);
  assert.equal(await heading(page), `Remise de la commande ${code}`);

  // Handing over without a payment method: the summary's link leads the focus back to the methods.
  await follow(page, 'main button[type="submit"]', /^Remettre et encaisser/);
  assert.equal(pathOf(page), `/gestion/comptoir/${orderId}`);
  await followErrorLink(page, /^Paiement/);
  await pick(page, 'main input[name="payment"]', 'Espèces');
  await follow(page, 'main button[type="submit"]', /^Remettre et encaisser/);
  assert.equal(pathOf(page), `/gestion/comptoir/${orderId}/recu`);
  assert.equal(await heading(page), `Reçu de la commande ${code}`);
  assert.match(plain((await page.locator('main').textContent()) ?? ''), /Encaissé : [\d ]+,\d\d € — Espèces/);
  await screenshot(page, 'journey-keyboard-receipt');
  t.diagnostic(`${pressed} keys pressed`);
});
