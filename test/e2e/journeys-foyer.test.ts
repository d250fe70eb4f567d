// The foyer's Wednesday in the browser, on the demo town with the clock on Tuesday 8 December
// 2026: three members of Entressen have orders waiting at the counter for the foyer. The
// concierge prepares Wednesday's runs, opens the van's run, downloads the foyer's « liste
// d'émargement » (a PDF whose first page renders and names the members), then ticks the
// paper list back in on one screen: one member collected and paid by card (after a first try
// that forgot how), one did not come (the order goes back to the counter), one paid in cash.
// Every page visited passes axe.
import { after, before, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { expectNoAxeViolations, login, RESULTS_DIR, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { bringToCounter, makeRunOrder, makeRunsTown, RUNS_TUESDAY } from '../helpers/runs.ts';
import { plain } from '../helpers/text.ts';

startClockAt(RUNS_TUESDAY);

let session: BrowserSession;
const MEMBERS = ['Bonnet', 'Chabert', 'Durand'];
let foyerName = '';

before(async () => {
  session = await startBrowserSession({ CLOCK_START: RUNS_TUESDAY });
  // The foyer's orders, placed through the real checkout and brought to the counter by the shops' own use cases.
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const town = await makeRunsTown(db);
    foyerName = (await db.selectFrom('places').select('name').where('id', '=', town.foyerId).executeTakeFirstOrThrow()).name;
    for (const lastName of MEMBERS) {
      const order = await makeRunOrder(db, config, town, 'foyer', { lastName });
      await bringToCounter(db, config, order.orderId);
    }
  } finally {
    await db.destroy();
  }
});

after(async () => {
  await session?.close();
});

async function checked(page: Page, action: Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action]);
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
  assert.equal(await scrollsSideways(page), false, `${page.url()} does not scroll sideways`);
}

const mainText = async (page: Page) => plain((await page.locator('main').textContent()) ?? '');

/** The fieldset of one member's line on the tick-back screen. */
const lineOf = (page: Page, lastName: string) => page.locator('fieldset.signoff-line', { has: page.locator('legend', { hasText: `Jeanne ${lastName}` }) });

test('the concierge prints the foyer’s list for Wednesday’s van and ticks it back in', async () => {
  const concierge = await session.makeAccount('concierge', { displayName: 'Concierge du foyer' });
  const page = await session.newPage({ width: 1280, height: 900 });
  await login(page, concierge.email, concierge.password);
  await checked(page, page.goto('/gestion/tournees-de-livraison?date=2026-12-09'));
  await checked(page, page.getByRole('button', { name: /Préparer (à nouveau )?les tournées du mercredi 9 décembre/ }).click());
  await checked(page, page.getByRole('link', { name: /^Fourgonnette, tournée 1$/ }).click());
  const stop = page.locator('main .round-stop', { hasText: foyerName });
  assert.equal(await stop.count(), 1, `the van stops at ${foyerName}`);

  // The list to print: a PDF whose first page renders and names every member.
  const listHref = await stop.getByRole('link', { name: 'Liste d’émargement (PDF)' }).getAttribute('href');
  const response = await page.request.get(listHref!);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'] ?? '', /^application\/pdf/);
  const dir = mkdtempSync(join(tmpdir(), 'emargement-'));
  writeFileSync(join(dir, 'liste.pdf'), await response.body());
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'liste.pdf'), join(dir, 'page')]);
  copyFileSync(join(dir, 'page-1.png'), join(RESULTS_DIR, 'foyer-sign-off-sheet.png'));
  const sheet = plain(execFileSync('pdftotext', ['-layout', join(dir, 'liste.pdf'), '-'], { encoding: 'utf8' }));
  assert.match(sheet, /Liste d’émargement/);
  for (const name of MEMBERS) assert.ok(sheet.includes(`Jeanne ${name}`), `${name} is on the list`);

  // The paper comes back: ticked in on one screen.
  await checked(page, stop.getByRole('link', { name: 'Reporter la liste d’émargement' }).click());
  assert.match(await mainText(page), new RegExp(`Reporter la liste d’émargement : ${foyerName}`));
  await screenshot(page, 'foyer-sign-off-1280');
  await lineOf(page, 'Bonnet').getByLabel('Retiré', { exact: true }).check();
  await lineOf(page, 'Chabert').getByLabel(/^Pas retiré/).check();
  await lineOf(page, 'Durand').getByLabel('Retiré', { exact: true }).check();
  await lineOf(page, 'Durand').getByLabel('Espèces').check();
  // Bonnet's method was forgotten: the message is next to that line, what was ticked is kept.
  await checked(page, page.getByRole('button', { name: 'Enregistrer la liste' }).click());
  assert.match(plain((await lineOf(page, 'Bonnet').textContent()) ?? ''), /Choisissez comment l’adhérent a payé 9,00 €/);
  assert.ok(await lineOf(page, 'Chabert').getByLabel(/^Pas retiré/).isChecked(), 'nothing typed is lost');
  assert.ok(await lineOf(page, 'Durand').getByLabel('Espèces').isChecked());
  await screenshot(page, 'foyer-sign-off-error-1280');

  // By keyboard, as a senior volunteer would: the card radio of Bonnet's line.
  await lineOf(page, 'Bonnet').getByLabel('Carte').focus();
  await page.keyboard.press('Space');
  await checked(page, page.getByRole('button', { name: 'Enregistrer la liste' }).click());
  const done = await mainText(page);
  assert.match(done, /3 lignes sont reportées/);
  assert.match(done, /Toutes les lignes de la liste sont reportées/);
  assert.match(plain((await lineOf(page, 'Chabert').textContent()) ?? ''), /pas retirée, elle attend au comptoir/);
  assert.equal(await page.getByRole('button', { name: 'Enregistrer la liste' }).count(), 0, 'nothing left to tick');
  await page.setViewportSize({ width: 375, height: 800 });
  assert.equal(await scrollsSideways(page), false, 'the screen fits a phone');
  await screenshot(page, 'foyer-sign-off-done-375');
});
