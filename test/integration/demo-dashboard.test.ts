// The demo town's dashboard: the seed rolls up the complete months of this year and the last
// (as the monthly job would have), the current month stays live, and every chart of the year
// has something to show. Seeded on the clock's day (2 December 2026).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemoTown } from '../../src/demo/seed.ts';
import { computeMonth, townFigures } from '../../src/reports/index.ts';
import { buildTestApp } from '../helpers/app.ts';

test('the demo seed rolls up its year: each month shows sales, the month under way is live and equal to its own computation', async (t) => {
  const { db, config, close } = await buildTestApp({ CLOCK_START: '2026-12-02T08:00:00Z' });
  t.after(close);
  assert.equal(await seedDemoTown(db, config, { onlyIfEmpty: true }), true);

  const rolled = (await db.selectFrom('report_rolled_months').select('month').orderBy('month').execute()).map((row) => row.month);
  assert.equal(rolled[0], '2025-01', 'from January of last year');
  assert.equal(rolled.at(-1), '2026-11', 'to the last complete month, not the one under way');

  const year = await townFigures(db, config, { fromMonth: '2026-01', toMonth: '2026-12' });
  assert.equal(year.months.length, 12);
  assert.deepEqual(year.months.map((month) => month.live), [...Array(11).fill(false), true]);
  for (const month of year.months.slice(0, 11)) {
    assert.ok(month.orders > 0 && month.goodsCents > 0 && month.membersActive > 0, `${month.month}: orders, goods and active members`);
  }
  assert.ok(year.months[11].membersTotal >= year.months[0].membersTotal, 'members do not vanish');
  assert.ok(year.shops.adherenceBp > 0 && year.shops.all >= 100, 'the town’s shops, a part of them members');
  assert.ok(year.sales.byCategory.length > 3 && year.sales.byChannel.every((part) => part.value >= 0));
  assert.ok(year.vehicles.length > 0 && year.vehicles.every((vehicle) => vehicle.metres > 0), 'runs and their kilometres');
  assert.ok(year.requests.byKind.length > 0, 'service requests');
  // A rolled-up month reads as it would be computed now.
  const november = await computeMonth(db, '2026-11', config.timeZone);
  const stored = await db.selectFrom('report_months').select(['measure', 'key', 'value']).where('month', '=', '2026-11').execute();
  const key = (row: { measure: string; key: string; value: unknown }) => `${row.measure}|${row.key}|${Number(row.value)}`;
  assert.deepEqual(stored.map(key).sort(), november.map(key).sort());
});
