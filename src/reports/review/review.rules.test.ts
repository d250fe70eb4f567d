import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canMove } from '../../platform/transitions.ts';
import { bestCategories, biggestMonth, emptyReviewYear as emptyYear, isQuietYear, progressOf, readYear, REVIEW_STEPS, REVIEW_TRANSITIONS, trendOf, type ReviewYear } from './review.rules.ts';


test('the trend against the year before is a whole percent, rounded half away from zero, with a direction', () => {
  assert.deepEqual(trendOf(112, 100), { direction: 'up', percent: 12 });
  assert.deepEqual(trendOf(95, 100), { direction: 'down', percent: -5 });
  assert.deepEqual(trendOf(1005, 1000), { direction: 'up', percent: 1 });
  assert.deepEqual(trendOf(995, 1000), { direction: 'down', percent: -1 });
  assert.deepEqual(trendOf(1004, 1000), { direction: 'same', percent: 0 });
  assert.deepEqual(trendOf(5, 0), { direction: 'new', percent: null });
  assert.deepEqual(trendOf(0, 0), { direction: 'none', percent: null });
  assert.deepEqual(trendOf(0, 40), { direction: 'down', percent: -100 });
});

test('a year is four digits from 2000 to the current year', () => {
  assert.equal(readYear(' 2025 ', 2026), 2025);
  assert.equal(readYear('2026', 2026), 2026);
  assert.equal(readYear('2027', 2026), undefined);
  assert.equal(readYear('1999', 2026), undefined);
  assert.equal(readYear('25', 2026), undefined);
  assert.equal(readYear('2025.5', 2026), undefined);
});

test('a request is taken once, and a run whose process died may be taken up again; done and failed are final', () => {
  assert.ok(canMove(REVIEW_TRANSITIONS, 'queued', 'running'));
  assert.ok(canMove(REVIEW_TRANSITIONS, 'running', 'running'));
  assert.ok(!canMove(REVIEW_TRANSITIONS, 'done', 'running'));
  assert.deepEqual(REVIEW_TRANSITIONS.failed, []);
  const progress = REVIEW_STEPS.map(([step]) => progressOf(step));
  assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'the steps move forward');
  assert.ok(progress.every((value) => value > 0 && value < 100));
});

test('highlights pick the biggest month (earliest on a tie) and the best categories; a year with nothing is quiet', () => {
  const year = emptyYear(2025);
  assert.ok(isQuietYear(year));
  assert.equal(biggestMonth(year), undefined);
  const busy: ReviewYear = {
    ...year,
    months: year.months.map((month, index) => ({ ...month, orders: 1, goodsCents: index === 2 || index === 5 ? 9000 : 1000 })),
    categories: [
      { label: 'Fromagerie', salesCents: 500 },
      { label: 'Boulangerie', salesCents: 900 },
      { label: 'Librairie', salesCents: 0 },
      { label: 'Caviste', salesCents: 700 },
      { label: 'Fleuriste', salesCents: 100 },
    ],
  };
  assert.ok(!isQuietYear(busy));
  assert.equal(biggestMonth(busy)?.month, '2025-03');
  assert.deepEqual(bestCategories(busy).map((category) => category.label), ['Boulangerie', 'Caviste', 'Fromagerie']);
});
