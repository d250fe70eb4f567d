// The member shops' health on a small fixed data set, against figures computed by hand; the
// alert job opening one task per shop and reason, not again, never for shops that are not
// followed; the panel on a shop's page and the list page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { CONCIERGE, makeOrder, makePlace, pause } from '../helpers/orders.ts';
import { SUITE_CLOCK_START } from '../helpers/clock.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { acceptPurchaseOrder, markPurchaseOrderReady, refuseLine } from '../../src/orders/portal/portal.service.ts';
import { healthFigures, raiseHealthAlerts } from '../../src/reports/index.ts';

const NOW = '2026-06-15T08:00:00.000Z';
const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;
const SETTINGS = { noOrderWeeks: 6, staleOfferMonths: 6 };

let ctx: TestApp;
let placeId: string;
const shops: Record<'fromagerie' | 'cave' | 'librairie' | 'mercerie' | 'inactive' | 'left', string> = {} as never;

function at(offsetMs: number): string {
  return new Date(Date.parse(NOW) + offsetMs).toISOString();
}

/** One order of one line (2 × 12,50 €) placed at `placedAt`, as the shop then handles it. */
async function orderAt(offerId: string, placedAt: string, handling: { acceptAfter?: number; readyAfter?: number; refuse?: boolean } = {}): Promise<void> {
  startClockAt(placedAt);
  const { orderId, shopIds } = await makeOrder(ctx.db, ctx.config, { placeId, lines: [{ offerId, quantity: 2 }] });
  const purchaseOrder = await ctx.db.selectFrom('purchase_orders').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();
  if (handling.refuse) {
    const line = await ctx.db.selectFrom('order_lines').select('id').where('purchase_order_id', '=', purchaseOrder.id).executeTakeFirstOrThrow();
    await refuseLine(ctx.db, ctx.config, CONCIERGE, shopIds[0], purchaseOrder.id, line.id, { reason: 'out_of_stock', note: null });
    return;
  }
  if (handling.acceptAfter === undefined) return;
  startClockAt(new Date(Date.parse(placedAt) + handling.acceptAfter * MINUTE).toISOString());
  await acceptPurchaseOrder(ctx.db, CONCIERGE, shopIds[0], purchaseOrder.id);
  if (handling.readyAfter === undefined) return;
  startClockAt(new Date(Date.parse(placedAt) + handling.readyAfter * MINUTE).toISOString());
  await markPurchaseOrderReady(ctx.db, CONCIERGE, shopIds[0], purchaseOrder.id);
}

/** A shop that became a member at `joinedAt`, with one offer created then. */
async function memberAt(joinedAt: string, tradeName: string): Promise<{ shopId: string; offerId: string }> {
  startClockAt(joinedAt);
  const shopId = await makeShop(ctx.db, { tradeName, legalName: tradeName });
  return { shopId, offerId: await makeOffer(ctx.db, shopId) };
}

before(async () => {
  ctx = await buildTestApp();
  startClockAt(at(-40 * WEEK));
  placeId = await makePlace(ctx.db);

  // Fromagerie: healthy. Orders 2, 3 and 8 weeks ago, prepared in 120, 30 and 240 minutes.
  const fromagerie = await memberAt(at(-20 * WEEK), 'Fromagerie des Alpilles');
  shops.fromagerie = fromagerie.shopId;
  await orderAt(fromagerie.offerId, at(-2 * WEEK), { acceptAfter: 60, readyAfter: 180 });
  await orderAt(fromagerie.offerId, at(-3 * WEEK), { acceptAfter: 10, readyAfter: 40 });
  await orderAt(fromagerie.offerId, at(-8 * WEEK), { acceptAfter: 0, readyAfter: 240 });

  // Cave: 5 orders 7 to 9 weeks ago, 2 refused: no order for 6 weeks, 40 % refusals.
  const cave = await memberAt(at(-20 * WEEK), 'Cave du Port');
  shops.cave = cave.shopId;
  for (const [weeks, refuse] of [[9, true], [9, false], [8, true], [8, false], [7, false]] as const) await orderAt(cave.offerId, at(-weeks * WEEK), { refuse });

  // Librairie: joined last week, its only offer paused: no offer online (and not yet « without orders »).
  const librairie = await memberAt(at(-1 * WEEK), 'Librairie du Centre');
  shops.librairie = librairie.shopId;
  await pause(ctx.db, librairie.offerId);

  // Mercerie: joined 30 weeks ago with one offer never changed, never an order.
  shops.mercerie = (await memberAt(at(-30 * WEEK), 'Mercerie Lucie')).shopId;

  // Inactive and gone shops are not followed, whatever their figures.
  startClockAt(at(-30 * WEEK));
  shops.inactive = await makeShop(ctx.db, { tradeName: 'Bazar endormi', stage: 'inactive' });
  shops.left = await makeShop(ctx.db, { tradeName: 'Boutique partie', stage: 'left' });
  startClockAt(SUITE_CLOCK_START);
});

after(() => ctx.close());

test('the figures of each followed shop match those computed by hand', async () => {
  const figures = await healthFigures(ctx.db, NOW);
  assert.deepEqual(figures.map((shop) => shop.tradeName), ['Cave du Port', 'Fromagerie des Alpilles', 'Librairie du Centre', 'Mercerie Lucie']);
  const byId = new Map(figures.map((shop) => [shop.shopId, shop]));
  const pick = (id: string) => {
    const { offersOnline, orders4w, orders12w, salesCents12w, lines12w, refusedLines12w, medianPrepMinutes } = byId.get(id)!;
    return { offersOnline, orders4w, orders12w, salesCents12w, lines12w, refusedLines12w, medianPrepMinutes };
  };
  // Fromagerie: 3 lines of 2 × 12,50 € = 75,00 €; prepared in 30, 120, 240 minutes: median 120.
  assert.deepEqual(pick(shops.fromagerie), { offersOnline: 1, orders4w: 2, orders12w: 3, salesCents12w: 7500, lines12w: 3, refusedLines12w: 0, medianPrepMinutes: 120 });
  // Cave: 5 orders, 2 refused (those orders were refused whole): 3 × 25,00 € sold, never prepared.
  assert.deepEqual(pick(shops.cave), { offersOnline: 1, orders4w: 0, orders12w: 5, salesCents12w: 7500, lines12w: 5, refusedLines12w: 2, medianPrepMinutes: null });
  assert.equal(byId.get(shops.cave)!.lastOrderAt?.slice(0, 10), at(-7 * WEEK).slice(0, 10));
  assert.deepEqual(pick(shops.librairie), { offersOnline: 0, orders4w: 0, orders12w: 0, salesCents12w: 0, lines12w: 0, refusedLines12w: 0, medianPrepMinutes: null });
  assert.deepEqual(pick(shops.mercerie), { offersOnline: 1, orders4w: 0, orders12w: 0, salesCents12w: 0, lines12w: 0, refusedLines12w: 0, medianPrepMinutes: null });
  // As of 10 weeks ago, nothing of the fromagerie's had happened yet.
  const earlier = (await healthFigures(ctx.db, at(-10 * WEEK))).find((shop) => shop.shopId === shops.fromagerie)!;
  assert.equal(earlier.orders12w, 0);
});

async function tasksOf(shopId: string): Promise<string[]> {
  const rows = await ctx.db.selectFrom('shop_tasks').select('title').where('shop_id', '=', shopId).orderBy('title').execute();
  return rows.map((row) => plain(row.title));
}

test('the job opens one task per shop and reason, with the reason written, once', async () => {
  assert.equal(await raiseHealthAlerts(ctx.db, SETTINGS, ctx.config.timeZone, NOW), 5);
  assert.deepEqual(await tasksOf(shops.fromagerie), []);
  assert.deepEqual(await tasksOf(shops.cave), ['Relancer : aucune commande depuis 6 semaines', 'Relancer : beaucoup de refus (30 % des lignes ou plus)']);
  assert.deepEqual(await tasksOf(shops.librairie), ['Relancer : aucune offre en ligne']);
  assert.deepEqual(await tasksOf(shops.mercerie), ['Relancer : aucune commande depuis 6 semaines', 'Relancer : offres pas mises à jour depuis 6 mois']);
  assert.deepEqual(await tasksOf(shops.inactive), []);
  assert.deepEqual(await tasksOf(shops.left), []);

  // The next day's run finds the same alerts, and their tasks still open: nothing new.
  assert.equal(await raiseHealthAlerts(ctx.db, SETTINGS, ctx.config.timeZone, at(24 * 60 * MINUTE)), 0);
  const count = await ctx.db.selectFrom('shop_tasks').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  assert.equal(Number(count.count), 5);
});

test('the shop page shows its health; the list sorts by alert; a merchant sees neither', async (t) => {
  // The pages show the figures as of now: now is the data set's instant.
  startClockAt(NOW);
  t.after(() => startClockAt(SUITE_CLOCK_START));
  const concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
  const page = visibleText((await concierge.get(`/gestion/commerces/${shops.cave}`)).body);
  assert.match(page, /Santé du commerce Alertes aucune commande depuis 6 semaines beaucoup de refus/);
  assert.match(page, /Lignes refusées sur 12 semaines 2 sur 5 \(40 %\)/);

  const list = await concierge.get('/gestion/sante-des-commerces');
  assert.equal(list.statusCode, 200);
  const text = visibleText(list.body);
  assert.match(text, /3 commerces sur 4 ont au moins une alerte\./);
  // Sorted by alerts, most first; ties by name.
  const order = ['Cave du Port', 'Mercerie Lucie', 'Librairie du Centre', 'Fromagerie des Alpilles'].map((name) => text.indexOf(name));
  assert.deepEqual([...order].sort((a, b) => a - b), order);
  const filtered = visibleText((await concierge.get('/gestion/sante-des-commerces?tri=nom&alerte=no_offer_online')).body);
  assert.match(filtered, /Librairie du Centre/);
  assert.doesNotMatch(filtered, /Cave du Port/);

  const merchant = new Agent(ctx.app);
  const merchantAccount = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: shops.cave });
  await merchant.login(merchantAccount.email, merchantAccount.password);
  assert.notEqual((await merchant.get('/gestion/sante-des-commerces')).statusCode, 200);
});
