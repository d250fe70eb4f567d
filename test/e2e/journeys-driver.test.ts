// The driver on a phone (360 × 740), in a real browser: Friday's van run, with two companies
// of the business park among the demo town's stops. The driver logs in, opens the run, leaves, marks one stop delivered (the payment
// button is the delivered button) and the other absent; every page passes axe and none
// scrolls sideways at 320 px. Once the undo window has passed the absent order is back at the
// counter, where the concierge finds it by its code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { assignDriver, prepareRuns } from '../../src/rounds/index.ts';
import { settleDueOutcomes } from '../../src/rounds/runs/runs.driver.settle.ts';
import { clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { CONCIERGE } from '../helpers/orders.ts';
import { bringToCounter, makeRunOrder, makeRunsTown, RUNS_FRIDAY, RUNS_TUESDAY } from '../helpers/runs.ts';
import { plain } from '../helpers/text.ts';

startClockAt(RUNS_TUESDAY);

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession({ CLOCK_START: RUNS_TUESDAY });
});

after(async () => {
  await session?.close();
});

async function withDb<T>(work: (db: ReturnType<typeof createDb>, config: ReturnType<typeof loadConfig>) => Promise<T>): Promise<T> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    return await work(db, config);
  } finally {
    await db.destroy();
  }
}

/** axe, then the page at 320 px: nothing scrolls sideways; screenshots at both widths. */
async function lookAt(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  await screenshot(page, `${name}-360`);
  await page.setViewportSize({ width: 320, height: 640 });
  assert.equal(await scrollsSideways(page), false, `${name} scrolls sideways at 320 px`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 360, height: 740 });
}

test('on a phone the driver delivers one stop and records the other absent; the concierge finds the absent order at the counter', async () => {
  const driver = await session.makeAccount('driver', { displayName: 'Karim Haddad' });
  const { delivered, absent, runId } = await withDb(async (db, config) => {
    // two companies, each its own stop of the van
    const first = await makeRunOrder(db, config, await makeRunsTown(db), 'workplace', { lastName: 'Roux' });
    const second = await makeRunOrder(db, config, await makeRunsTown(db), 'workplace', { lastName: 'Blanc' });
    for (const order of [first, second]) await bringToCounter(db, config, order.orderId);
    await prepareRuns(db, config, CONCIERGE, RUNS_FRIDAY);
    const stopOf = (orderId: string) =>
      db.selectFrom('delivery_orders as d').innerJoin('delivery_stops as s', 's.id', 'd.stop_id').select(['s.run_id', 's.id']).where('d.order_id', '=', orderId).executeTakeFirstOrThrow();
    const [one, two] = [await stopOf(first.orderId), await stopOf(second.orderId)];
    assert.equal(one.run_id, two.run_id, 'both on the same van run');
    await assignDriver(db, CONCIERGE, one.run_id, driver.id);
    const code = await db.selectFrom('orders').select('collection_code').where('id', '=', second.orderId).executeTakeFirstOrThrow();
    return { delivered: { ...first, stopId: one.id }, absent: { ...second, stopId: two.id, code: code.collection_code }, runId: one.run_id };
  });

  // the concierge tells the members when the run comes
  const concierge = await session.newPage({ width: 360, height: 740 });
  await login(concierge, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await concierge.goto(`/gestion/tournees-de-livraison/${runId}`);
  await clickAndWait(concierge, concierge.getByRole('button', { name: 'Prévenir les adhérents' }).click());
  // the demo town's own Friday orders ride the same van: at least our two members are told
  const told = /(\d+) courriels envoyés/.exec(plain(await concierge.locator('main').innerText()));
  assert.ok(told && Number(told[1]) >= 2, `the members are told (${told?.[0]})`);
  await lookAt(concierge, 'driver-notified');

  const page = await session.newPage({ width: 360, height: 740 });
  await login(page, driver.email, driver.password);
  assert.equal(new URL(page.url()).pathname, '/livraisons');
  await lookAt(page, 'driver-runs');
  await clickAndWait(page, page.locator(`a[href="/livraisons/${runId}"]`).click());
  await lookAt(page, 'driver-run-planned');
  await clickAndWait(page, page.getByRole('button', { name: 'Partir' }).click());
  assert.match(plain(await page.locator('main').innerText()), /Bonne route/);

  // tap 1: the stop; tap 2: « Payé en espèces », with the member's name already in the form
  await clickAndWait(page, page.locator(`a[href="/livraisons/${runId}/arrets/${delivered.stopId}"]`).click());
  const roux = page.locator('li.driver-order', { hasText: 'Jeanne Roux' });
  assert.equal(await roux.getByLabel('Nom de la personne qui reçoit').inputValue(), 'Jeanne Roux');
  await lookAt(page, 'driver-stop');
  await clickAndWait(page, roux.getByRole('button', { name: 'Payé en espèces' }).click());
  assert.match(plain(await page.locator('main').innerText()), /Remise à Jeanne Roux, payée en espèces/);
  await lookAt(page, 'driver-stop-recorded');

  // back to the run, the other stop, « Absent » — by keyboard this time
  await clickAndWait(page, page.getByRole('link', { name: 'Retour à la tournée' }).click());
  await clickAndWait(page, page.locator(`a[href="/livraisons/${runId}/arrets/${absent.stopId}"]`).click());
  await page.locator('li.driver-order', { hasText: 'Jeanne Blanc' }).getByRole('button', { name: 'Absent' }).focus();
  await clickAndWait(page, page.keyboard.press('Enter'));
  assert.match(plain(await page.locator('main').innerText()), /Absent : la commande revient au comptoir/);
  await clickAndWait(page, page.getByRole('link', { name: 'Retour à la tournée' }).click());
  assert.match(plain(await page.locator(`a[href="/livraisons/${runId}/arrets/${absent.stopId}"]`).innerText()), /tout est noté/);
  await lookAt(page, 'driver-run-under-way');

  // five minutes later the outcomes are settled (what the « delivery-outcomes » job does every minute)
  startClockAt(new Date(Date.parse(RUNS_TUESDAY) + 60 * 60_000).toISOString());
  const settled = await withDb((db, config) => settleDueOutcomes(db, config));
  assert.ok(settled >= 2, `both outcomes settled (${settled})`);
  const status = await withDb((db) => db.selectFrom('orders').select('status').where('id', '=', delivered.orderId).executeTakeFirstOrThrow());
  assert.equal(status.status, 'handed_over');

  await concierge.goto('/gestion/comptoir');
  await concierge.getByLabel('Code, nom ou téléphone').fill(absent.code);
  await clickAndWait(concierge, concierge.getByLabel('Code, nom ou téléphone').press('Enter'));
  assert.equal(new URL(concierge.url()).pathname, `/gestion/comptoir/${absent.orderId}`);
  assert.match(plain(await concierge.locator('main').innerText()), /Jeanne Blanc|BLANC Jeanne/i);
  await expectNoAxeViolations(concierge);
});
