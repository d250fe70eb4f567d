// The FEC as an accountant and the law read it: each entry dated on its operation (a month's
// commission, posted when the month is closed on the 2nd of the next, in that month; a
// hand-over at 23:30 in Paris on 31 December in December), each naming its real document
// (the order's code on the receipt, the commission invoice), shops and members under short
// codes that stay the same, and every document reference of the demo town found on a document.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { makeShop } from '../helpers/shops.ts';
import { CONCIERGE, makeOrder, makePlace } from '../helpers/orders.ts';
import { handOver, receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import type { Db } from '../../src/db/index.ts';
import type { Config } from '../../src/config.ts';
import { seedDemoTown } from '../../src/demo/seed.ts';
import { closePeriod } from '../../src/settlement/statements/statements.service.ts';
import { fecDownload } from '../../src/settlement/exports/exports.service.ts';

let ctx: TestApp;
let placeId: string;
/** The collection code of the order sold at each instant. */
const codes = new Map<string, string>();

async function soldAt(at: string): Promise<void> {
  startClockAt(at);
  const made = await makeOrder(ctx.db, ctx.config, { placeId, shops: 1 });
  const pos = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).execute();
  for (const po of pos) {
    await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, po.id, { storageLocation: 'A1', chilled: false });
  }
  const ids = pos.map((po) => po.id);
  await handOver(ctx.db, CONCIERGE, made.orderId, { purchaseOrderIds: ids, shownIds: ids, method: 'card' }, `handover-${at}`);
  const order = await ctx.db.selectFrom('orders').select('collection_code').where('id', '=', made.orderId).executeTakeFirstOrThrow();
  codes.set(at, order.collection_code);
}

async function fecOf(db: Db, config: Config, from: string, to: string): Promise<string[][]> {
  const download = await fecDownload(db, CONCIERGE, { siren: config.operator.siren, timeZone: config.timeZone }, { from, to });
  const chunks: Buffer[] = [];
  for await (const chunk of download.body) chunks.push(chunk as Buffer);
  return new TextDecoder('iso-8859-15').decode(Buffer.concat(chunks)).split('\r\n').filter(Boolean).slice(1).map((line) => line.split('|'));
}

const NOVEMBER_SALE = '2026-11-20T10:00:00Z';
/** 23:30 in Paris on 31 December: 22:30 UTC. */
const NEW_YEAR_EVE_SALE = '2026-12-31T22:30:00Z';
const JANUARY_SALE = '2027-01-04T10:00:00Z';

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: NOVEMBER_SALE });
  placeId = await makePlace(ctx.db);
  await makeShop(ctx.db);
  await soldAt(NOVEMBER_SALE);
  // November is closed on 2 December, December on 2 January, after the hand-over of 31 December.
  startClockAt('2026-12-02T08:00:00Z');
  await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start: '2026-11-01' });
  await soldAt(NEW_YEAR_EVE_SALE);
  startClockAt('2027-01-02T08:00:00Z');
  await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start: '2026-12-01' });
  await soldAt(JANUARY_SALE);
});

after(() => ctx.close());

test('the FEC of a month closed on the 2nd of the next holds its commission and every operation of the month, and none outside', async () => {
  const november = await fecOf(ctx.db, ctx.config, '2026-11-01', '2026-11-30');
  assert.ok(november.length > 0);
  for (const zones of november) assert.match(zones[3], /^202611\d\d$/, `EcritureDate in November: ${zones.join('|')}`);
  const commission = november.filter((zones) => zones[0] === 'OD');
  assert.ok(commission.length >= 2, 'November’s commission is in November’s FEC');
  for (const zones of commission) {
    assert.equal(zones[3], '20261130', 'dated the month’s last day');
    assert.equal(zones[15], '20261202', 'ValidDate: the day it was posted, when November was closed');
  }
  const invoice = await ctx.db.selectFrom('commission_invoices').select(['series', 'number', 'issued_on']).where('issued_on', '=', '2026-12-02').executeTakeFirstOrThrow();
  assert.equal(commission[0][8], `${invoice.series}-${String(invoice.number).padStart(6, '0')}`, 'PieceRef: the commission invoice’s number');
  assert.equal(commission[0][9], '20261202', 'PieceDate: the invoice’s date');
  assert.deepEqual(new Set(november.filter((zones) => zones[0] !== 'OD').map((zones) => zones[8])), new Set([codes.get(NOVEMBER_SALE)]), 'the November sale, under its order code');

  const january = await fecOf(ctx.db, ctx.config, '2027-01-01', '2027-01-31');
  assert.deepEqual(new Set(january.map((zones) => zones[8])), new Set([codes.get(JANUARY_SALE)]), 'January holds its sale only, no commission of December');
  for (const zones of january) assert.match(zones[3], /^202701\d\d$/);
  assert.deepEqual([...new Set(january.map((zones) => `${zones[0]} ${zones[2]}`))].sort(), ['BQ 1', 'VE 1'], 'a new year numbers each journal from 1');
});

test('a hand-over at 23:30 in Paris on 31 December is in December’s FEC, with December’s commission', async () => {
  const december = await fecOf(ctx.db, ctx.config, '2026-12-01', '2026-12-31');
  const sale = december.filter((zones) => zones[8] === codes.get(NEW_YEAR_EVE_SALE));
  assert.deepEqual(new Set(sale.map((zones) => zones[0])), new Set(['BQ', 'VE']), 'its payment and its hand-over');
  for (const zones of sale) assert.equal(zones[3], '20261231');
  const commission = december.filter((zones) => zones[0] === 'OD');
  assert.ok(commission.length >= 2);
  for (const zones of commission) assert.deepEqual([zones[3], zones[15]], ['20261231', '20270102']);
  // The year's journals run on without a gap, November's commission first.
  const year = await fecOf(ctx.db, ctx.config, '2026-01-01', '2026-12-31');
  for (const journal of ['BQ', 'VE', 'OD']) {
    const numbers = [...new Set(year.filter((zones) => zones[0] === journal).map((zones) => Number(zones[2])))];
    assert.deepEqual(numbers, numbers.map((_, index) => index + 1), `${journal}: 1, 2, 3… without a gap`);
  }
  assert.equal(year.filter((zones) => zones[0] === 'OD' && zones[2] === '1')[0][3], '20261130');
});

test('shops and members are under short codes, the same in every export', async () => {
  const first = await fecOf(ctx.db, ctx.config, '2026-01-01', '2027-12-31');
  const second = await fecOf(ctx.db, ctx.config, '2026-01-01', '2027-12-31');
  assert.deepEqual(second, first);
  const shops = await ctx.db.selectFrom('shops').select(['id', 'account_code']).execute();
  const members = await ctx.db.selectFrom('members').select(['id', 'account_code']).execute();
  const known = new Set([...shops, ...members].map((row) => row.account_code));
  const auxiliaries = first.filter((zones) => zones[6] !== '');
  assert.ok(auxiliaries.some((zones) => zones[4] === '401000') && auxiliaries.some((zones) => zones[4] === '411000'));
  for (const zones of auxiliaries) {
    assert.match(zones[6], zones[4] === '401000' ? /^C\d{4}$/ : /^A\d{5}$/);
    assert.ok(known.has(zones[6]), `${zones[6]} is the code stored for its shop or member`);
  }
});

test('every PieceRef of the demo town’s FEC is a number found on a document', async () => {
  const demo = await buildTestApp();
  try {
    // Seeded for the clock's today, the demo town has its money: a year of sales, closings, invoices, payouts, refunds.
    startClockAt('2026-11-28T15:30:00Z');
    await seedDemoTown(demo.db, demo.config, { onlyIfEmpty: true });
    const lines = await fecOf(demo.db, demo.config, '2025-01-01', '2026-12-31');
    const [orders, invoices, payouts] = await Promise.all([
      demo.db.selectFrom('orders').select('collection_code').execute(),
      demo.db.selectFrom('commission_invoices').select(['series', 'number', 'issued_on']).execute(),
      demo.db.selectFrom('payouts').select('end_to_end_id').execute(),
    ]);
    const documents = new Set([
      ...orders.map((row) => row.collection_code),
      ...invoices.map((row) => `${row.series}-${String(row.number).padStart(6, '0')}`),
      ...payouts.map((row) => row.end_to_end_id),
    ]);
    assert.ok(lines.length > 1000, `${lines.length} lines`);
    const kinds = new Set(lines.map((zones) => zones[0]));
    assert.deepEqual(kinds, new Set(['BQ', 'VE', 'OD']));
    for (const zones of lines) assert.ok(documents.has(zones[8]), `PieceRef ${zones[8]} is on no document`);
    const invoiceDates = new Map(invoices.map((row) => [`${row.series}-${String(row.number).padStart(6, '0')}`, row.issued_on.replaceAll('-', '')]));
    for (const zones of lines.filter((line) => line[0] === 'OD')) assert.equal(zones[9], invoiceDates.get(zones[8]), 'PieceDate: the invoice’s date');
  } finally {
    await demo.close();
  }
});
