// The town hall's account in a real browser: the back office's home and the directory of the
// town's shops, readable, accessible, and without the concierge's own tools.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

async function clickAndWait(page: Page, action: Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action]);
  await page.waitForLoadState('load');
}

for (const width of [1024, 320]) {
  test(`the town reaches the back office and reads the shops directory at ${width} px`, async () => {
    const page = await session.newPage({ width, height: width === 320 ? 640 : 768 });
    await login(page, DEMO_LOGINS.town, DEMO_PASSWORD);
    assert.equal(new URL(page.url()).pathname, '/gestion');
    assert.equal(await page.locator('h1').count(), 1);
    await expectNoAxeViolations(page);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the back office fits the width');
    // The figures the town looks for first.
    assert.match((await page.locator('main').textContent()) ?? '', /commerces adhérents sur \d+ commerces de la ville/);
    // The concierge's own tools are not offered to the town.
    assert.equal(await page.locator('main').getByRole('link', { name: 'Adhérents', exact: true }).count(), 0);
    await screenshot(page, `journey-town-backoffice-${width}`);

    await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Commerces', exact: true }).click());
    assert.equal(new URL(page.url()).pathname, '/gestion/commerces');
    await expectNoAxeViolations(page);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the directory fits the width');
    const rows = page.locator('main table tbody tr');
    assert.ok((await rows.count()) > 10, 'the directory lists the town’s shops');
    assert.ok((await page.locator('main table caption, main table[aria-label], main table[aria-labelledby]').count()) > 0, 'the table is named');
    assert.ok((await page.locator('main table th[scope="col"], main table thead th').count()) > 0, 'the table has column headers');
    await screenshot(page, `journey-town-shops-${width}`);
  });
}

test('the town cannot open the members directory', async () => {
  const page = await session.newPage();
  await login(page, DEMO_LOGINS.town, DEMO_PASSWORD);
  const response = await page.goto('/gestion/adherents');
  assert.ok([403, 404].includes(response?.status() ?? 0), `answered ${response?.status()}`);
  await expectNoAxeViolations(page);
});
