// A resident on a phone looks for wine in the demo town: typed « vins » in the home page's
// search, every offer of the « Cave à vins » shops comes first, then the daube cooked with
// wine; the book of « vingt » walks is not shown. Axe checks every page visited.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { checkPage, expectNoAxeViolations, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

/** Offer links in the page's main content, in reading order, each once. */
async function offerLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator('main a[href^="/offres/"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return [...new Set(hrefs)];
}

test('« vins » from the home page lists the wine shops’ offers first, at 375 px', async () => {
  const page = await session.newPage({ width: 375, height: 740 });
  // The category page lists every offer of the wine shops (fewer than a page of them).
  await page.goto('/categories/cave');
  await expectNoAxeViolations(page);
  const wines = await offerLinks(page);
  assert.ok(wines.length >= 10, `the demo has ${wines.length} wine offers`);

  await page.goto('/');
  await page.getByLabel('Que cherchez-vous ?').fill('vins');
  await Promise.all([page.waitForURL(/\/recherche\?q=vins/), page.getByRole('button', { name: 'Rechercher' }).click()]);
  await page.waitForLoadState('load');
  const found = await offerLinks(page);
  assert.deepEqual(new Set(found.slice(0, wines.length)), new Set(wines), 'the wine shops’ offers come first');
  const rest = page.locator('main').getByRole('link', { name: /Daube provençale/ });
  assert.ok((await rest.count()) > 0, 'the daube cooked with wine comes after');
  assert.equal(await page.locator('main').getByText(/Balades autour de l’étang|Gravure sur bijou/).count(), 0, '« vingt » is not « vin »');
  await checkPage(page, 'search-vins');
});
