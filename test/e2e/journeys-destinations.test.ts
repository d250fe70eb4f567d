// Destinations in the browser, on the demo town seeded on Tuesday 8 December 2026: an employee
// of a company of the zone du Tubé orders and is told « livraison vendredi 11 décembre »; a
// senior marked as needing delivery has an address of the town centre accepted, and the same
// number one street outside the zone refused next to the field. The checkout steps are seen
// at 320 px; every page visited passes axe. Then the concierge prepares Friday's runs and
// prints the van's run sheet, read back from the PDF for its stops in the run's order.
import { after, before, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { expectNoAxeViolations, login, RESULTS_DIR, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { addFirstOrderable } from '../helpers/basket.ts';
import { plain } from '../helpers/text.ts';

/** Tuesday 8 December 2026, 10 h in Istres. */
const TUESDAY = '2026-12-08T09:00:00.000Z';
startClockAt(TUESDAY);

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession({ CLOCK_START: TUESDAY });
});

after(async () => {
  await session?.close();
});

/** A site access for a demo member chosen by `where`; returns its login. */
async function accessFor(pick: 'employee' | 'needs_delivery'): Promise<{ email: string; password: string; addressLine: string }> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    let query = db.selectFrom('members').select(['id', 'address_line']).where((eb) => eb.not(eb.exists(eb.selectFrom('accounts').select('id').whereRef('accounts.member_id', '=', 'members.id'))));
    query = pick === 'employee' ? query.where('company_id', 'is not', null) : query.where('needs_delivery', '=', 1);
    const member = await query.orderBy('id').executeTakeFirstOrThrow();
    const email = `${pick}-${member.id.slice(0, 8)}@exemple.fr`;
    const account = await makeAccount(db, config, 'resident', { email, memberId: member.id });
    return { email, password: account.password, addressLine: member.address_line };
  } finally {
    await db.destroy();
  }
}

async function checked(page: Page, action: Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action]);
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
  assert.equal(await scrollsSideways(page), false, `${page.url()} does not scroll sideways`);
}


const mainText = async (page: Page) => plain((await page.locator('main').textContent()) ?? '');

test('an employee of a Tubé company ordering on Tuesday is delivered at work on Friday 11 December', async () => {
  const employee = await accessFor('employee');
  const page = await session.newPage({ width: 320, height: 700 });
  await login(page, employee.email, employee.password);
  await addFirstOrderable(page, 'pain');
  await checked(page, page.goto('/commande'));
  const work = page.getByLabel(/^Livraison au travail/);
  assert.match(plain((await work.locator('xpath=following-sibling::label').textContent()) ?? (await page.locator(`label[for="${await work.getAttribute('id')}"]`).textContent()) ?? ''), /livraison vendredi 11 décembre, entre 14 h et 17 h/);
  await screenshot(page, 'destinations-employee-place-320');
  await work.check();
  await checked(page, page.getByRole('button', { name: 'Continuer' }).click());
  assert.equal(new URL(page.url()).pathname, '/commande/paiement', 'no slot to choose for the run');
  await checked(page, page.getByRole('button', { name: 'Continuer' }).click());
  assert.match(await mainText(page), /livraison vendredi 11 décembre, entre 14 h et 17 h/);
  await screenshot(page, 'destinations-employee-confirm-320');
  await checked(page, page.getByRole('button', { name: /Confirmer/ }).click());
  assert.match(new URL(page.url()).pathname, /^\/commande\/merci\//);
});

test('a senior’s home delivery in the zone is accepted; the same number one street outside is refused next to the field', async () => {
  const senior = await accessFor('needs_delivery');
  const number = /^\d+/.exec(senior.addressLine)?.[0] ?? '8';
  const page = await session.newPage({ width: 320, height: 700 });
  await login(page, senior.email, senior.password);
  await addFirstOrderable(page, 'pain');
  await checked(page, page.goto('/commande'));
  await page.getByLabel('Livraison à domicile', { exact: true }).check();
  const address = page.getByLabel('Adresse de livraison (numéro et rue)');
  assert.equal(await address.inputValue(), senior.addressLine, 'the member’s own address first');

  await address.fill(`${number} allée des Cigales`);
  await checked(page, page.getByRole('button', { name: 'Continuer' }).click());
  assert.equal(new URL(page.url()).pathname, '/commande/creneau');
  assert.match(plain((await page.locator('#erreur-address').textContent()) ?? ''), /Nous ne livrons pas à cette adresse/);
  assert.equal(await page.getByLabel('Adresse de livraison (numéro et rue)').inputValue(), `${number} allée des Cigales`, 'what was typed is kept');
  assert.match(await mainText(page), /Les lieux proposés à votre compte/);
  await screenshot(page, 'destinations-home-refused-320');

  await page.getByLabel('Livraison à domicile', { exact: true }).check();
  await page.getByLabel('Adresse de livraison (numéro et rue)').fill(senior.addressLine.toUpperCase());
  await checked(page, page.getByRole('button', { name: 'Continuer' }).click());
  assert.match(await mainText(page), /Livraison à domicile,/);
  // The first time, chosen by keyboard as a senior using the keyboard would.
  await page.locator('main input[name="slot"]').first().focus();
  await page.keyboard.press('Space');
  await checked(page, page.getByRole('button', { name: 'Continuer' }).click());
  await checked(page, page.getByRole('button', { name: 'Continuer' }).click());
  assert.match(await mainText(page), new RegExp(`Livraison à domicile, ${senior.addressLine.toUpperCase()}`));
  await checked(page, page.getByRole('button', { name: /Confirmer/ }).click());
  assert.match(new URL(page.url()).pathname, /^\/commande\/merci\//);
});

test('the concierge prepares Friday’s runs in one click and prints the van’s run sheet, its stops in the run’s order', async () => {
  const concierge = await session.makeAccount('concierge', { displayName: 'Concierge des tournées' });
  const page = await session.newPage({ width: 1280, height: 900 });
  await login(page, concierge.email, concierge.password);
  await checked(page, page.goto('/gestion/tournees-de-livraison?date=2026-12-11'));
  await checked(page, page.getByRole('button', { name: /Préparer (à nouveau )?les tournées du vendredi 11 décembre/ }).click());
  assert.match(await mainText(page), /tournées? (est|sont) prêtes?/);
  await screenshot(page, 'runs-day-1280');
  await checked(page, page.getByRole('link', { name: /^Fourgonnette, tournée 1$/ }).click());
  const stops = (await page.locator('main .round-stop h2').allTextContents()).map((title) => plain(title).replace(/^\d+\.\s*/, ''));
  assert.ok(stops.length >= 1, 'the van has stops');
  assert.ok(stops.some((stop) => /Tubé/.test(stop)), `the van stops at the business park (${stops.join(', ')})`);
  await screenshot(page, 'runs-van-1280');

  const sheetHref = await page.getByRole('link', { name: 'Feuille de route (PDF)' }).getAttribute('href');
  const response = await page.request.get(sheetHref!);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'] ?? '', /application\/pdf/);
  const dir = mkdtempSync(join(tmpdir(), 'feuille-'));
  writeFileSync(join(dir, 'feuille.pdf'), await response.body());
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'feuille.pdf'), join(dir, 'page')]);
  assert.ok(readdirSync(dir).some((name) => name.endsWith('.png')), 'page 1 rendered to PNG');
  copyFileSync(join(dir, readdirSync(dir).find((name) => name.endsWith('.png'))!), join(RESULTS_DIR, 'runs-van-sheet.png'));
  const sheet = plain(execFileSync('pdftotext', ['-layout', join(dir, 'feuille.pdf'), '-'], { encoding: 'utf8' }));
  const positions = stops.map((stop) => sheet.indexOf(stop));
  assert.ok(positions.every((position) => position >= 0), `every stop is on the sheet (${stops.join(', ')})`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'in the run’s order');
});
