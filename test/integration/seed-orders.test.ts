// The demo town's year of orders and its live day, checked as the application would read
// them: every order consistent with the transition tables, money in whole cents, slots the
// collection points really offer, and something to see for each demo login.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { DEMO_PASSWORD, seedDemoTown } from '../../src/demo/seed.ts';
import { ORDER_TRANSITIONS, PURCHASE_ORDER_TRANSITIONS } from '../../src/orders/index.ts';
import { listSlots, localDateOf, localToUtc, utcToLocal } from '../../src/places/index.ts';
import { Agent } from '../helpers/agent.ts';
import { buildTestApp, createTestDatabase } from '../helpers/app.ts';

/** A Saturday: the counter opens, and the figures do not depend on when the tests run. */
const TODAY = new Date(Date.UTC(2026, 10, 28, 15, 30));
const TODAY_DATE = '2026-11-28';
const DAY_MS = 86_400_000;
const OPEN: readonly string[] = ['placed', 'preparing', 'ready', 'partially_handed_over'];

/** The services sold through requests (repairs, accepted quotes: demo-requests.test.ts) are not the year of shopping. */
async function serviceOrderIds(db: Db): Promise<Set<string>> {
  const repairs = await db.selectFrom('repair_items').select('order_id').execute();
  const quotes = await db.selectFrom('service_quotes').select('order_id').execute();
  return new Set([...repairs, ...quotes].flatMap((row) => (row.order_id ? [row.order_id] : [])));
}

async function tables(db: Db) {
  const services = await serviceOrderIds(db);
  const shopping = <T extends { order_id: string }>(rows: T[]): T[] => rows.filter((row) => !services.has(row.order_id));
  return {
    orders: (await db.selectFrom('orders').selectAll().execute()).filter((order) => !services.has(order.id)),
    purchaseOrders: shopping(await db.selectFrom('purchase_orders').selectAll().execute()),
    lines: shopping(await db.selectFrom('order_lines').selectAll().execute()),
    events: shopping(await db.selectFrom('order_events').selectAll().orderBy('order_id').orderBy('at').orderBy('id').execute()),
    payments: shopping(await db.selectFrom('counter_payments').selectAll().execute()),
    bookings: await db.selectFrom('slot_bookings').selectAll().execute(),
    places: await db.selectFrom('places').selectAll().execute(),
    placeHours: await db.selectFrom('place_opening_hours').selectAll().execute(),
    shops: await db.selectFrom('shops').selectAll().execute(),
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

function share<T>(rows: readonly T[], test: (row: T) => boolean): number {
  return rows.filter(test).length / rows.length;
}

/** Each status chain starts where the previous move ended and follows the transition table. */
function assertChain(moves: ReadonlyArray<{ from_status: string | null; to_status: string | null }>, table: Record<string, readonly string[]>, first: string, what: string): string {
  assert.equal(moves[0]?.from_status, null, `${what} starts from nothing`);
  assert.equal(moves[0]?.to_status, first, `${what} starts ${first}`);
  let status = first;
  for (const move of moves.slice(1)) {
    assert.equal(move.from_status, status, `${what}: a move from ${move.from_status} while ${status}`);
    assert.ok(table[status].includes(move.to_status!), `${what}: ${status} → ${move.to_status} is not allowed`);
    status = move.to_status!;
  }
  return status;
}

function configFor(databaseUrl: string): Config {
  return loadConfig({ NODE_ENV: 'test', MAIL_WORKER: 'false', DATABASE_URL: databaseUrl });
}

test('a year of orders: the article’s figures, every order consistent with its history', async (t) => {
  const { db, config, close } = await buildTestApp();
  t.after(close);
  await seedDemoTown(db, config, { onlyIfEmpty: true, today: TODAY });
  const data = await tables(db);
  const yearAgo = new Date(TODAY.getTime() - 366 * DAY_MS).toISOString();
  assert.ok(data.orders.every((order) => order.placed_at >= yearAgo && order.placed_at < TODAY.toISOString()), 'an order outside the year before the seeding day');

  // About 24 000 € handed over in the year, in several hundred orders of a few tens of euros.
  const handedOver = data.orders.filter((order) => order.status === 'handed_over');
  const salesCents = handedOver.reduce((sum, order) => sum + Number(order.total_cents), 0);
  assert.ok(salesCents >= 2_200_000 && salesCents <= 2_700_000, `${salesCents / 100} € of sales`);
  assert.ok(handedOver.length >= 300 && handedOver.length <= 900, `${handedOver.length} orders handed over`);
  const buyers = new Set(handedOver.map((order) => order.member_id)).size;
  assert.ok(buyers >= 150, `${buyers} members bought something`);
  const december = handedOver.filter((order) => order.placed_at.slice(5, 7) === '12').length;
  const august = handedOver.filter((order) => order.placed_at.slice(5, 7) === '08').length;
  assert.ok(december > august * 1.5, `December ${december} orders, August ${august}`);

  // Channels mixed, the site first; the counter paid by card most, then cash and cheques.
  const channels = groupBy(data.orders, (order) => order.channel);
  assert.deepEqual([...channels.keys()].sort(), ['comptoir', 'courriel', 'site', 'telephone']);
  assert.ok(Math.max(...[...channels.values()].map((rows) => rows.length)) === channels.get('site')!.length, 'the site brings most orders');
  const methods = groupBy(data.payments, (payment) => payment.method);
  assert.deepEqual([...methods.keys()].sort(), ['card', 'cash', 'cheque']);
  assert.ok(methods.get('card')!.length > data.payments.length / 2, 'the card is the most used');

  // A few cancelled, a few lines refused, a few never collected.
  const cancelled = share(data.orders, (order) => order.status === 'cancelled');
  assert.ok(cancelled > 0 && cancelled < 0.06, `${cancelled} cancelled`);
  const notCollected = data.orders.filter((order) => order.status === 'not_collected');
  assert.ok(notCollected.length >= 1 && notCollected.length < data.orders.length * 0.04);
  assert.ok(notCollected.every((order) => order.reminded_at !== null && order.closed_at !== null && order.ready_at! < order.reminded_at!));
  const refused = data.lines.filter((line) => line.status === 'refused');
  assert.ok(refused.length >= 3, `${refused.length} refused lines`);
  assert.ok(refused.every((line) => line.refusal_reason !== null && (line.refusal_reason !== 'out_of_stock' || (line.refusal_note ?? '').length > 0)));

  // Prices are the offers' prices, totals the lines still ordered.
  const offers = new Map((await db.selectFrom('offers').select(['id', 'price_cents', 'vat_rate_bp']).execute()).map((offer) => [offer.id, offer]));
  for (const line of data.lines) {
    const offer = offers.get(line.offer_id!)!;
    assert.deepEqual([Number(line.unit_price_cents), Number(line.vat_rate_bp)], [Number(offer.price_cents), Number(offer.vat_rate_bp)]);
    assert.equal(Number(line.total_cents), Number(line.unit_price_cents) * Number(line.quantity));
  }
  const linesOfOrder = groupBy(data.lines, (line) => line.order_id);
  const linesOfPo = groupBy(data.lines, (line) => line.purchase_order_id);
  const ordered = (lines: typeof data.lines = []) => lines.reduce((sum, line) => sum + (line.status === 'ordered' ? Number(line.total_cents) : 0), 0);
  for (const order of data.orders) assert.equal(Number(order.total_cents), ordered(linesOfOrder.get(order.id)), `total of ${order.id}`);
  for (const po of data.purchaseOrders) assert.equal(Number(po.total_cents), ordered(linesOfPo.get(po.id)), `total of purchase order ${po.id}`);

  // Each history follows the transition tables and ends in the row's status.
  const eventsOf = groupBy(data.events, (event) => event.order_id);
  const posOf = groupBy(data.purchaseOrders, (po) => po.order_id);
  const paymentsOf = groupBy(data.payments, (payment) => payment.order_id);
  for (const order of data.orders) {
    const events = eventsOf.get(order.id)!;
    const orderMoves = events.filter((event) => event.kind === 'order_status');
    assert.equal(assertChain(orderMoves, ORDER_TRANSITIONS, 'placed', `order ${order.id}`), order.status);
    for (const po of posOf.get(order.id)!) {
      const moves = events.filter((event) => event.kind === 'purchase_order_status' && event.purchase_order_id === po.id);
      assert.equal(assertChain(moves, PURCHASE_ORDER_TRANSITIONS, 'sent', `purchase order ${po.id}`), po.status);
      if (['collected', 'handed_over'].includes(po.status)) assert.ok(po.storage_location && po.collected_at, 'a received purchase order has its place at the counter');
      assert.equal(Number(po.chilled) === 1, po.storage_location?.startsWith('Frigo') ?? false);
    }
    const closed = ['handed_over', 'cancelled', 'not_collected'].includes(order.status);
    assert.equal(order.closed_at !== null, closed, `closed_at of a ${order.status} order`);
    assert.equal(order.ready_at !== null, !['placed', 'preparing', 'cancelled'].includes(order.status), `ready_at of a ${order.status} order`);
    const payments = paymentsOf.get(order.id) ?? [];
    if (order.status === 'handed_over') {
      assert.equal(payments.length, 1);
      assert.equal(Number(payments[0].amount_cents), Number(order.total_cents));
      assert.equal(payments[0].at, order.closed_at);
      assert.ok(order.ready_at! <= order.closed_at! && order.closed_at! >= order.slot_start_at && order.closed_at! < order.slot_end_at);
    } else assert.equal(payments.length, 0);
  }

  // Every slot is one its collection point offers: its opening hours, in the town's time.
  const hoursOf = groupBy(data.placeHours, (range) => range.place_id);
  for (const order of data.orders) {
    const start = utcToLocal(order.slot_start_at, config.timeZone);
    const end = utcToLocal(order.slot_end_at, config.timeZone);
    assert.equal(start.date, order.slot_local_date);
    const weekday = new Date(`${start.date}T00:00:00Z`).getUTCDay() || 7;
    const within = (hoursOf.get(order.place_id) ?? []).some((range) => range.weekday === weekday && range.opens_at <= start.time && end.time <= range.closes_at);
    assert.ok(within, `slot ${start.date} ${start.time}–${end.time} outside the hours of its place`);
  }

  // Slot bookings: one place per order not cancelled; open collection codes unique.
  const expected = new Map<string, number>();
  for (const order of data.orders) if (order.status !== 'cancelled') expected.set(`${order.place_id} ${order.slot_start_at}`, (expected.get(`${order.place_id} ${order.slot_start_at}`) ?? 0) + 1);
  assert.deepEqual(new Map(data.bookings.map((row) => [`${row.place_id} ${row.start_at}`, Number(row.booked)])), expected);
  const openCodes = data.orders.filter((order) => OPEN.includes(order.status)).map((order) => order.collection_code);
  assert.equal(new Set(openCodes).size, openCodes.length);
  assert.ok(data.places.every((place) => place.latitude !== null && place.longitude !== null));
  const counter = data.places.find((place) => place.kind === 'counter')!;
  assert.ok(Math.abs(counter.latitude! - 43.5137) < 0.001 && Math.abs(counter.longitude! - 4.9886) < 0.001);
});

test('the live day: purchase orders for today’s rounds, orders waiting at the counter, and something for every demo login', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  await seedDemoTown(db, config, { onlyIfEmpty: true, today: TODAY });
  const data = await tables(db);
  const shopById = new Map(data.shops.map((shop) => [shop.id, shop]));
  const counter = data.places.find((place) => place.kind === 'counter')!;

  // Purchase orders to collect today, in each stage, from several shops with coordinates.
  const today = data.purchaseOrders.filter((po) => ['sent', 'accepted', 'ready'].includes(po.status) && localDateOf(po.collection_round_at, config.timeZone) === TODAY_DATE);
  const shops = new Set(today.map((po) => po.shop_id));
  assert.ok(shops.size >= 6 && shops.size <= 12, `${shops.size} shops on today’s rounds`);
  assert.deepEqual([...new Set(today.map((po) => po.status))].sort(), ['accepted', 'ready', 'sent']);
  assert.ok([...shops].every((id) => shopById.get(id)!.latitude !== null && shopById.get(id)!.longitude !== null));
  const roundTimes = new Set(today.map((po) => utcToLocal(po.collection_round_at, config.timeZone).time));
  assert.ok([...roundTimes].every((time) => config.collectionRoundTimes.includes(time)), `rounds at ${[...roundTimes].join(', ')}`);

  // Orders waiting at the counter, stored on shelves and in the fridge, their members expected today.
  const waiting = data.orders.filter((order) => order.status === 'ready');
  const stored = data.purchaseOrders.filter((po) => po.status === 'collected' && waiting.some((order) => order.id === po.order_id));
  assert.ok(stored.every((po) => /^([A-D][1-6]|Frigo \d)$/.test(po.storage_location!)));
  assert.ok(stored.some((po) => po.storage_location!.startsWith('Frigo') && Number(po.chilled) === 1), 'something waits in the fridge');
  const expectedToday = data.orders.filter((order) => OPEN.includes(order.status) && order.slot_local_date === TODAY_DATE);
  assert.ok(expectedToday.length >= 8, `${expectedToday.length} members expected today`);
  assert.ok(new Set(expectedToday.map((order) => order.member_id)).size === expectedToday.length, 'each member expected once');
  // Those slots are open slots of the counter today, as checkout would list them.
  const slots = await listSlots(db, counter.id, { notBeforeAt: localToUtc(TODAY_DATE, '00:00', config.timeZone)!, days: 1, timeZone: config.timeZone });
  const slotStarts = new Set(slots.map((slot) => slot.startAt));
  assert.ok(expectedToday.filter((order) => order.place_id === counter.id).every((order) => slotStarts.has(order.slot_start_at)));

  // One order past the reminder delay, one past the limit (already reminded).
  const ageDays = (order: (typeof waiting)[number]) => (TODAY.getTime() - Date.parse(order.ready_at!)) / DAY_MS;
  assert.ok(waiting.some((order) => ageDays(order) > config.uncollectedReminderDays && ageDays(order) < config.uncollectedLimitDays && order.reminded_at === null));
  assert.ok(waiting.some((order) => ageDays(order) > config.uncollectedLimitDays && order.reminded_at !== null));
  assert.ok(data.events.every((event) => event.at < TODAY.toISOString()), 'nothing happens after the seeding instant');

  // The demo resident: past orders and one on its way, on her « Mes commandes » page.
  const resident = await db.selectFrom('accounts').select('member_id').where('email', '=', 'adherent@conciergerie.test').executeTakeFirstOrThrow();
  const hers = data.orders.filter((order) => order.member_id === resident.member_id);
  assert.ok(hers.filter((order) => order.status === 'handed_over').length >= 4, `${hers.length} orders for the demo resident`);
  const open = hers.filter((order) => OPEN.includes(order.status));
  assert.equal(open.length, 1);
  const agent = new Agent(app);
  await agent.login('adherent@conciergerie.test', DEMO_PASSWORD);
  const page = await agent.get('/compte/commandes');
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(open[0].collection_code), 'her open order is listed with its code');

  // The demo merchants: purchase orders to prepare and some done, on their portal.
  for (const email of ['fromagerie@conciergerie.test', 'poissonnerie@conciergerie.test']) {
    const { shop_id: shopId } = await db.selectFrom('accounts').select('shop_id').where('email', '=', email).executeTakeFirstOrThrow();
    const theirs = data.purchaseOrders.filter((po) => po.shop_id === shopId);
    assert.ok(theirs.filter((po) => ['sent', 'accepted'].includes(po.status)).length >= 2, `${email} has purchase orders to prepare`);
    assert.ok(theirs.filter((po) => po.status === 'handed_over').length >= 3, `${email} has purchase orders done`);
    const merchant = new Agent(app);
    await merchant.login(email, DEMO_PASSWORD);
    const list = await merchant.get(`/boutique/${shopId}/commandes`);
    assert.equal(list.statusCode, 200);
    const codes = data.orders.filter((order) => theirs.some((po) => po.order_id === order.id && ['sent', 'accepted'].includes(po.status))).map((order) => order.collection_code);
    assert.ok(codes.some((code) => list.body.includes(code)), `${email} sees its purchase orders to prepare`);
  }
});

test('seeded on a Sunday, when the counter is closed, members are expected on Monday', async (t) => {
  const database = await createTestDatabase();
  t.after(database.drop);
  const config = configFor(database.databaseUrl);
  await seedDemoTown(database.db, config, { onlyIfEmpty: true, today: new Date(Date.UTC(2026, 10, 29, 9)) });
  const open = await database.db.selectFrom('orders').selectAll().where('status', 'in', [...OPEN]).execute();
  assert.ok(open.length > 10);
  assert.ok(open.every((order) => order.slot_local_date !== '2026-11-29'), 'no slot on the closed Sunday');
  const rounds = await database.db.selectFrom('purchase_orders').select('collection_round_at').where('status', 'in', ['sent', 'accepted', 'ready']).execute();
  assert.ok(rounds.some((po) => localDateOf(po.collection_round_at, config.timeZone) === '2026-11-30'), 'purchase orders for Monday’s rounds');
  assert.ok(open.filter((order) => order.status === 'ready' && order.slot_local_date === '2026-11-30').length >= 5, 'members expected on Monday');
});
