// A refund of an amount (not of a line) in December, on an order of two shops handed over in
// November: the shops bear it in turn, and December's closing finds each one's hand-over
// through the order and the shop (there is no line to follow) and gives back, by a credit
// note on that shop's November invoice, the commission taken on its share. The clock is
// pinned in each month (no test depends on today's date).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { SUITE_CLOCK_START } from '../helpers/clock.ts';
import { CONCIERGE, makePlace } from '../helpers/orders.ts';
import { handedOverOrder, shopWithOffer } from '../helpers/settlement.ts';
import { recordRefund } from '../../src/orders/index.ts';
import { closePeriod, conciergeTrialBalance } from '../../src/settlement/index.ts';
import { applyRate } from '../../src/platform/money.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { localToUtc } from '../../src/platform/calendar.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';

let ctx: TestApp;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
});

after(() => {
  startClockAt(SUITE_CLOCK_START);
  return ctx.close();
});

async function closeMonth(start: string, dayAfter: string) {
  await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start }, localToUtc(dayAfter, '09:00', ctx.config.timeZone)!);
}

test('an amount refunded in December on a November order of two shops gives back each shop’s commission on its share', async () => {
  const cheese = await shopWithOffer(ctx.db, { tradeName: 'Fromagerie des Amandiers', priceCents: 6000, period: 'monthly' });
  const bakery = await shopWithOffer(ctx.db, { tradeName: 'Boulangerie du Port', priceCents: 3000, period: 'monthly' });

  startClockAt('2026-11-12T10:00:00.000Z');
  const sold = await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: cheese.offerId }, { offerId: bakery.offerId }]);
  await closeMonth('2026-11-01', '2026-12-01');
  const invoiceOf = new Map(
    (await ctx.db.selectFrom('commission_invoices').select(['id', 'shop_id']).where('shop_id', 'in', [cheese.shopId, bakery.shopId]).where('kind', '=', 'invoice').execute()).map((row) => [row.shop_id, row.id]),
  );
  assert.equal(invoiceOf.size, 2, 'each shop has its November invoice');

  startClockAt('2026-12-03T10:00:00.000Z');
  await recordRefund(ctx.db, ctx.config, CONCIERGE, sold.orderId, { scope: { kind: 'amount', amountCents: 8000 }, reason: 'Geste commercial' }, newIdempotencyKey());
  const borne = await ctx.db.selectFrom('refunds').select(['shop_id', 'order_line_id', 'amount_cents']).where('order_id', '=', sold.orderId).execute();
  assert.ok(borne.length >= 2 && borne.every((refund) => refund.shop_id !== null && refund.order_line_id === null), 'borne by both shops, tied to no line');
  await closeMonth('2026-12-01', '2027-01-01');

  for (const shopId of [cheese.shopId, bakery.shopId]) {
    const refundedCents = borne.filter((refund) => refund.shop_id === shopId).reduce((sum, refund) => sum + Number(refund.amount_cents), 0);
    const december = await ctx.db.selectFrom('statements').selectAll().where('shop_id', '=', shopId).where('period_start', '=', '2026-12-01').executeTakeFirstOrThrow();
    assert.equal(Number(december.refunds_cents), refundedCents);
    const notes = await ctx.db.selectFrom('commission_invoices').selectAll().where('statement_id', '=', december.id).where('kind', '=', 'credit_note').execute();
    assert.equal(notes.length, 1, 'one credit note per shop');
    assert.equal(notes[0].corrects_id, invoiceOf.get(shopId), 'on that shop’s November invoice');
    const netCents = applyRate(refundedCents, 500);
    assert.deepEqual([Number(notes[0].net_cents), Number(notes[0].vat_cents)], [netCents, applyRate(netCents, 2000)]);
    assert.equal(Number(december.carried_cents), Number(notes[0].total_cents), 'paid back in the statement of the refund');
  }
  assert.equal(borne.reduce((sum, refund) => sum + Number(refund.amount_cents), 0), 8000);
  assert.ok((await conciergeTrialBalance(ctx.db, CONCIERGE)).balanced);
});
