import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addMonths, budgetForMonthsCents, destinationOf, goodsPerMemberPerYearCents, monthsOf, parseMonth, perUnitCents, readPeriod, shareBp } from './reports.rules.ts';

test('months are read as the town types them, and nothing else', () => {
  assert.equal(parseMonth('03/2026'), '2026-03');
  assert.equal(parseMonth(' 3/2026 '), '2026-03');
  assert.equal(parseMonth('2026-03'), '2026-03');
  assert.equal(parseMonth('13/2026'), undefined);
  assert.equal(parseMonth('mars 2026'), undefined);
});

test('a period whose end is before its start is refused beside the end, and a span over three years too', () => {
  assert.deepEqual(readPeriod({ from: '01/2026', to: '12/2026' }), { period: { fromMonth: '2026-01', toMonth: '2026-12' } });
  const backwards = readPeriod({ from: '05/2026', to: '04/2026' });
  assert.ok('errors' in backwards && backwards.errors.to && !backwards.errors.from);
  const long = readPeriod({ from: '01/2020', to: '01/2026' });
  assert.ok('errors' in long && long.errors.to);
  const empty = readPeriod({ from: '', to: '04/2026' });
  assert.ok('errors' in empty && empty.errors.from && !empty.errors.to);
});

test('months run across years, both ends included', () => {
  assert.equal(addMonths('2026-11', 3), '2027-02');
  assert.equal(addMonths('2026-01', -1), '2025-12');
  assert.deepEqual(monthsOf({ fromMonth: '2026-11', toMonth: '2027-02' }), ['2026-11', '2026-12', '2027-01', '2027-02']);
  assert.deepEqual(monthsOf({ fromMonth: '2026-11', toMonth: '2026-10' }), []);
  fc.assert(fc.property(fc.integer({ min: 0, max: 400 }), (count) => monthsOf({ fromMonth: '2000-01', toMonth: addMonths('2000-01', count) }).length === count + 1));
});

test('an order goes where its destination or its place says', () => {
  assert.equal(destinationOf('home', 'counter'), 'home');
  assert.equal(destinationOf('workplace', 'company'), 'business_park');
  assert.equal(destinationOf('collection', 'community_centre'), 'hamlet');
  assert.equal(destinationOf('collection', 'residence'), 'residence');
  assert.equal(destinationOf('collection', 'counter'), 'counter');
});

test('shares and averages round half-up, and say nothing over nothing', () => {
  assert.equal(shareBp(50, 150), 3333);
  assert.equal(shareBp(2, 3), 6667);
  assert.equal(shareBp(1, 0), 0);
  assert.equal(perUnitCents(8050, 4), 2013);
  assert.equal(perUnitCents(100, 0), undefined);
  assert.equal(goodsPerMemberPerYearCents(8050, 2, 4), 12075);
  assert.equal(budgetForMonthsCents(6_000_000, 12), 6_000_000);
  assert.equal(budgetForMonthsCents(6_000_000, 1), 500_000);
  fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (part, extra) => {
    const bp = shareBp(part, part + extra);
    return bp >= 0 && bp <= 10_000;
  }));
});
