import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { allocateLargestRemainder, lastEndedPeriod, periodOf, statementFigures } from './settlement.statements.rules.ts';

test('a week runs Monday to Sunday and a month from its first to its last day', () => {
  assert.deepEqual(periodOf('weekly', '2026-11-29'), { kind: 'weekly', start: '2026-11-23', end: '2026-11-29' });
  assert.deepEqual(periodOf('weekly', '2026-11-30'), { kind: 'weekly', start: '2026-11-30', end: '2026-12-06' });
  assert.deepEqual(periodOf('monthly', '2024-02-10'), { kind: 'monthly', start: '2024-02-01', end: '2024-02-29' });
  assert.deepEqual(periodOf('monthly', '2026-12-31'), { kind: 'monthly', start: '2026-12-01', end: '2026-12-31' });
  assert.deepEqual(lastEndedPeriod('monthly', '2027-01-01'), { kind: 'monthly', start: '2026-12-01', end: '2026-12-31' });
});

test('the commission is 5 % of the net total rounded half-up once, VAT 20 % on it', () => {
  const figures = statementFigures({ salesCents: 7650, refundsCents: 0, commissionBp: 500, vatBp: 2000 });
  // 5 % of 76,50 € = 3,825 € → 3,83 €; VAT 20 % of 3,83 € = 0,766 € → 0,77 €
  assert.equal(figures.commissionCents, 383);
  assert.equal(figures.vatCents, 77);
  assert.equal(figures.payableCents, 7650 - 383 - 77);
  const exempt = statementFigures({ salesCents: 7650, refundsCents: 650, commissionBp: 500, vatBp: null });
  assert.deepEqual([exempt.netCents, exempt.commissionCents, exempt.vatCents, exempt.payableCents], [7000, 350, 0, 6650]);
  assert.equal(statementFigures({ salesCents: 100, refundsCents: 300, commissionBp: 500, vatBp: 2000 }).commissionCents, 0);
});

test('largest remainder: 10 cents over three equal lines gives 4, 3, 3', () => {
  assert.deepEqual(allocateLargestRemainder(10, [100, 100, 100]), [4, 3, 3]);
  assert.deepEqual(allocateLargestRemainder(383, [2500, 4500, 650]), [125, 225, 33]);
  assert.deepEqual(allocateLargestRemainder(0, []), []);
});

test('allocated parts always sum to the total and stay within a cent of the exact share', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -50_000, max: 500_000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 10_000_000 }), (weights, total) => {
      const sum = weights.reduce((a, b) => a + b, 0);
      fc.pre(sum !== 0);
      const parts = allocateLargestRemainder(total, weights);
      assert.equal(parts.reduce((a, b) => a + b, 0), total);
      parts.forEach((part, index) => assert.ok(Math.abs(part - (total * weights[index]) / sum) < 1 + 1e-6));
    }),
  );
});
