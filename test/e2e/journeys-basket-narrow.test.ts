// The three-shop basket of journeys-basket, filled at 320 px wide: every page passes axe and
// the basket reads without sideways scrolling.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { fillBasket } from '../helpers/basket.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

test('at 320 px wide the three-shop basket reads without sideways scrolling', async () => {
  const page = await session.newPage({ width: 320, height: 640 });
  await fillBasket(page, 320);
  assert.equal(await scrollsSideways(page), false, `the basket is ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide at 320 px`);
});
