// The nights when the calendar turns: the clock is set to New Year's Eve and to the eve of
// both changes of time, and what the database answers for a local day (a period's hand-overs,
// the slots of a day) must fall on that day, on SQLite as on PostgreSQL. Instants are UTC in
// the database; the local day is the town's (Europe/Paris).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { makePlace } from '../helpers/orders.ts';
import { handedOverOrder, shopWithOffer } from '../helpers/settlement.ts';
import { CONCIERGE } from '../helpers/orders.ts';
import { closePeriod, periodsToClose } from '../../src/settlement/statements/statements.service.ts';
import type { DomainError } from '../../src/platform/errors.ts';
import { listSlots } from '../../src/places/places.slots.service.ts';
import { nowIso, startClockAt } from '../../src/platform/clock.ts';
import { utcToLocal } from '../../src/platform/calendar.ts';

const ISTRES_HOURS = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
  { weekday, opensAt: '12:00', closesAt: '14:00' },
  { weekday, opensAt: '18:00', closesAt: '20:00' },
]);

let ctx: TestApp;
let counterId: string;

before(async () => {
  // 23:40 in Istres on Thursday 31 December 2026.
  ctx = await buildTestApp({ CLOCK_START: '2026-12-31T22:40:00Z' });
  counterId = await makePlace(ctx.db);
});

after(() => ctx.close());

async function handOverAt(instant: string, offerId: string): Promise<string> {
  startClockAt(instant);
  const made = await handedOverOrder(ctx.db, ctx.config, counterId, [{ offerId }]);
  const event = await ctx.db.selectFrom('order_events').select('at').where('order_id', '=', made.orderId).where('purchase_order_id', 'is not', null).where('to_status', '=', 'handed_over').executeTakeFirstOrThrow();
  return event.at;
}

test('a hand-over at 23:50 on 31 December is December’s sale, one at 00:10 on 1 January is January’s; December is offered for closing from 00:10', async () => {
  const shop = await shopWithOffer(ctx.db, { tradeName: 'Cave de la Saint-Sylvestre', priceCents: 2000, period: 'monthly' });
  const lastOfYear = await handOverAt('2026-12-31T22:50:00Z', shop.offerId);
  // At 00:05 December has ended but its last hand-overs may still be committing: not offered yet.
  startClockAt('2026-12-31T23:05:00Z');
  const december = { kind: 'monthly', start: '2026-12-01', end: '2026-12-31' };
  assert.ok(!(await periodsToClose(ctx.db, ctx.config, CONCIERGE)).some((period) => period.start === december.start && period.kind === december.kind));
  await assert.rejects(closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start: '2026-12-01' }), (error: DomainError) => error.code === 'period_not_ended');
  const firstOfYear = await handOverAt('2026-12-31T23:10:00Z', shop.offerId);
  assert.ok((await periodsToClose(ctx.db, ctx.config, CONCIERGE)).some((period) => period.start === december.start && period.kind === december.kind), 'offered from 00:10');
  assert.deepEqual(utcToLocal(lastOfYear, ctx.config.timeZone).date, '2026-12-31');
  assert.deepEqual(utcToLocal(firstOfYear, ctx.config.timeZone).date, '2027-01-01', 'still 2026 in UTC, already 2027 in Istres');

  startClockAt('2027-01-01T08:00:00Z');
  const decemberClosing = await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start: '2026-12-01' });
  startClockAt('2027-02-01T08:00:00Z');
  const january = await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start: '2027-01-01' });
  const salesOf = async (closingId: string) => {
    const row = await ctx.db.selectFrom('statements').select('sales_cents').where('closing_id', '=', closingId).where('shop_id', '=', shop.shopId).executeTakeFirstOrThrow();
    return Number(row.sales_cents);
  };
  assert.equal(await salesOf(decemberClosing.closingId), 2000);
  assert.equal(await salesOf(january.closingId), 2000);
  // December's commission is invoiced on 1 January: the invoice opens the 2027 series.
  const invoices = await ctx.db.selectFrom('commission_invoices').select(['series', 'issued_on']).where('shop_id', '=', shop.shopId).orderBy('issued_on').execute();
  assert.deepEqual(invoices.map((invoice) => [invoice.series, invoice.issued_on]), [
    ['COM-2027', '2027-01-01'],
    ['COM-2027', '2027-02-01'],
  ]);
});

test('the night clocks go forward, Sunday’s slots start at noon summer time', async () => {
  const placeId = await makePlace(ctx.db, { hours: ISTRES_HOURS });
  startClockAt('2027-03-27T20:00:00Z'); // 21:00 on Saturday 27 March, winter time
  const slots = await listSlots(ctx.db, placeId, { notBeforeAt: nowIso(), days: 2, timeZone: ctx.config.timeZone });
  assert.deepEqual(
    slots.slice(0, 2).map((slot) => [slot.startAt, slot.localDate]),
    [
      ['2027-03-28T10:00:00.000Z', '2027-03-28'],
      ['2027-03-28T10:30:00.000Z', '2027-03-28'],
    ],
  );
  assert.equal(slots.length, 8, 'Saturday is over; Sunday has its eight half-hours');
});

test('the night clocks go back, Sunday’s slots start at noon winter time, none twice', async () => {
  const placeId = await makePlace(ctx.db, { hours: ISTRES_HOURS });
  startClockAt('2027-10-30T20:00:00Z'); // 22:00 on Saturday 30 October, summer time
  const slots = await listSlots(ctx.db, placeId, { notBeforeAt: nowIso(), days: 2, timeZone: ctx.config.timeZone });
  assert.equal(slots[0].startAt, '2027-10-31T11:00:00.000Z');
  assert.equal(new Set(slots.map((slot) => slot.startAt)).size, slots.length);
  assert.ok(slots.every((slot) => slot.localDate === '2027-10-31'));
});

test('29 February 2028 is a day of its own, with its own slots', async () => {
  const placeId = await makePlace(ctx.db, { hours: ISTRES_HOURS });
  startClockAt('2028-02-28T22:30:00Z'); // 23:30 on Monday 28 February
  const slots = await listSlots(ctx.db, placeId, { notBeforeAt: nowIso(), days: 1, timeZone: ctx.config.timeZone });
  assert.equal(slots.length, 0, 'nothing is left of the 28th');
  const leap = await listSlots(ctx.db, placeId, { notBeforeAt: nowIso(), days: 2, timeZone: ctx.config.timeZone });
  assert.deepEqual([...new Set(leap.map((slot) => slot.localDate))], ['2028-02-29']);
  assert.equal(leap[0].startAt, '2028-02-29T11:00:00.000Z');
});
