import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpeningRange } from '../places/index.ts';
import { addLocalDays, collectionRoundFor, isShopOpenAt, planCollection, weekdayOfDate, type TimingSettings } from './orders.timing.ts';

const SETTINGS: TimingSettings = { roundTimes: ['16:30', '10:30'], roundMinutes: 90, timeZone: 'Europe/Paris' };
/** Tuesday to Saturday, 9:00–12:30 and 15:00–19:00: a cheese shop of the town centre. */
const SHOP_WEEK: OpeningRange[] = [2, 3, 4, 5, 6].flatMap((weekday) => [
  { weekday, opensAt: '09:00', closesAt: '12:30' },
  { weekday, opensAt: '15:00', closesAt: '19:00' },
]);
/** Open in the morning only. */
const MORNINGS: OpeningRange[] = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '12:00' }));

test('local calendar arithmetic', () => {
  assert.equal(addLocalDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addLocalDays('2026-03-28', 2), '2026-03-30');
  assert.equal(weekdayOfDate('2026-11-30'), 1);
  assert.equal(weekdayOfDate('2026-12-06'), 7);
});

test('a shop is open at a round time inside its ranges; a shop without hours is taken as open', () => {
  assert.equal(isShopOpenAt(SHOP_WEEK, 2, '10:30'), true);
  assert.equal(isShopOpenAt(SHOP_WEEK, 2, '12:30'), false);
  assert.equal(isShopOpenAt(SHOP_WEEK, 1, '10:30'), false);
  assert.equal(isShopOpenAt([], 7, '16:30'), true);
});

test('an in-stock order placed on Tuesday at 9:00 leaves with the 10:30 round', () => {
  // Tuesday 1 December 2026, 9:00 in Paris (UTC+1).
  assert.equal(collectionRoundFor('2026-12-01T08:00:00.000Z', 0, SHOP_WEEK, SETTINGS), '2026-12-01T09:30:00.000Z');
});

test('with less than an hour before the round, the order waits for the next one', () => {
  // Tuesday 10:00: the 10:30 round is too close, the 16:30 one takes it.
  assert.equal(collectionRoundFor('2026-12-01T09:00:00.000Z', 0, SHOP_WEEK, SETTINGS), '2026-12-01T15:30:00.000Z');
});

test('a shop closed at round time is skipped: Sunday and Monday evening orders go on Tuesday morning', () => {
  // Sunday 6 December, 20:00.
  assert.equal(collectionRoundFor('2026-12-06T19:00:00.000Z', 0, SHOP_WEEK, SETTINGS), '2026-12-08T09:30:00.000Z');
  // A morning-only shop is never fetched by the 16:30 round.
  assert.equal(collectionRoundFor('2026-12-01T10:00:00.000Z', 0, MORNINGS, SETTINGS), '2026-12-02T09:30:00.000Z');
});

test('a made-to-order offer leaves with the first round on or after its lead time', () => {
  // Tuesday 9:00, ready in 2 days: Thursday 10:30.
  assert.equal(collectionRoundFor('2026-12-01T08:00:00.000Z', 2, SHOP_WEEK, SETTINGS), '2026-12-03T09:30:00.000Z');
});

test('round times are local: the same 10:30 in winter and in summer', () => {
  assert.equal(collectionRoundFor('2026-07-07T06:00:00.000Z', 0, SHOP_WEEK, SETTINGS), '2026-07-07T08:30:00.000Z');
  // Across the change to summer time (Sunday 29 March 2026): Saturday 20:00 → Tuesday 10:30 CEST.
  assert.equal(collectionRoundFor('2026-03-28T19:00:00.000Z', 0, SHOP_WEEK, SETTINGS), '2026-03-31T08:30:00.000Z');
});

test('a shop never open at round time is unreachable', () => {
  const evenings: OpeningRange[] = [{ weekday: 3, opensAt: '18:00', closesAt: '22:00' }];
  assert.equal(collectionRoundFor('2026-12-01T08:00:00.000Z', 0, evenings, SETTINGS), undefined);
});

test('the collection plan: each shop its round, the member no earlier than the last goods arrive', () => {
  const plan = planCollection(
    '2026-12-01T08:00:00.000Z',
    [
      { shopId: 'cheese', leadTimeDays: 0 },
      { shopId: 'fish', leadTimeDays: 1 },
      { shopId: 'cheese', leadTimeDays: 0 },
    ],
    new Map([
      ['cheese', SHOP_WEEK],
      ['fish', MORNINGS],
    ]),
    SETTINGS,
  );
  assert.ok(plan.ok);
  if (!plan.ok) return;
  assert.equal(plan.rounds.get('cheese'), '2026-12-01T09:30:00.000Z');
  assert.equal(plan.rounds.get('fish'), '2026-12-02T09:30:00.000Z');
  // Wednesday 10:30 + 90 minutes = 12:00 local.
  assert.equal(plan.notBeforeAt, '2026-12-02T11:00:00.000Z');
});

test('the plan names the shop no round can reach', () => {
  const plan = planCollection('2026-12-01T08:00:00.000Z', [{ shopId: 'late', leadTimeDays: 0 }], new Map([['late', [{ weekday: 3, opensAt: '20:00', closesAt: '22:00' }]]]), SETTINGS);
  assert.deepEqual(plan, { ok: false, shopId: 'late' });
});
