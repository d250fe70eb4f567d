import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertsOf, median, monthsBefore, refusalRateBp, type HealthFigures } from './health.rules.ts';

const NOW = '2026-08-31T10:00:00.000Z';
const SETTINGS = { noOrderWeeks: 6, staleOfferMonths: 6 };
const HEALTHY: HealthFigures = {
  shopId: 's', tradeName: 'Boutique', joinedAt: '2025-01-01T00:00:00.000Z', offersOnline: 3, lastOfferUpdateAt: '2026-08-01T00:00:00.000Z',
  orders4w: 2, orders12w: 6, lastOrderAt: '2026-08-20T00:00:00.000Z', salesCents12w: 12_000, lines12w: 10, refusedLines12w: 1, medianPrepMinutes: 90,
};
const codes = (figures: Partial<HealthFigures>) => alertsOf({ ...HEALTHY, ...figures }, SETTINGS, NOW).map((rule) => rule.code);

test('a healthy shop trips no rule; each rule trips on its own fact', () => {
  assert.deepEqual(codes({}), []);
  assert.deepEqual(codes({ offersOnline: 0, lastOfferUpdateAt: null }), ['no_offer_online']);
  assert.deepEqual(codes({ lastOrderAt: '2026-07-19T09:59:59.000Z' }), ['no_order']);
  assert.deepEqual(codes({ lastOrderAt: '2026-07-20T10:00:00.000Z' }), [], 'exactly 6 weeks ago is not yet « for 6 weeks »');
  assert.deepEqual(codes({ lastOrderAt: null, joinedAt: '2026-08-01T00:00:00.000Z' }), [], 'a new member is given its 6 weeks');
  assert.deepEqual(codes({ lines12w: 5, refusedLines12w: 2 }), ['many_refusals']);
  assert.deepEqual(codes({ lines12w: 4, refusedLines12w: 4 }), [], 'too few lines to judge');
  assert.deepEqual(codes({ lines12w: 10, refusedLines12w: 2 }), []);
  assert.deepEqual(codes({ lastOfferUpdateAt: '2026-02-28T09:00:00.000Z' }), ['stale_offers']);
});

test('months are calendar months; the median of an even count is the mean of the middle two', () => {
  assert.equal(monthsBefore(NOW, 6), '2026-02-28T10:00:00.000Z');
  assert.equal(monthsBefore('2026-03-15T08:00:00.000Z', 1), '2026-02-15T08:00:00.000Z');
  assert.equal(median([]), null);
  assert.equal(median([240, 30, 120]), 120);
  assert.equal(median([10, 40, 20, 30]), 25);
  assert.equal(refusalRateBp({ lines12w: 3, refusedLines12w: 1 }), 3333);
  assert.equal(refusalRateBp({ lines12w: 0, refusedLines12w: 0 }), null);
});
