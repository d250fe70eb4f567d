import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addSeconds, formatClock, formatDate, formatDateTime, weekdayName } from './clock.ts';

const PARIS = 'Europe/Paris';
const IN_2026 = new Date('2026-06-01T12:00:00Z');

test('dates read like a person says them, with the year only when it is not this one', () => {
  assert.equal(formatDate('2026-12-04T10:00:00Z', PARIS, IN_2026), 'vendredi 4 décembre');
  assert.equal(formatDate('2027-01-01T10:00:00Z', PARIS, IN_2026), 'vendredi 1 janvier 2027');
});

test('a date is the local day of the town, not the UTC day', () => {
  // 23:30 UTC on 3 December is already Friday 4 December in Istres.
  assert.equal(formatDate('2026-12-03T23:30:00Z', PARIS, IN_2026), 'vendredi 4 décembre');
});

test('times follow summer and winter time', () => {
  assert.equal(formatDateTime('2026-12-04T17:30:00Z', PARIS, IN_2026), 'vendredi 4 décembre à 18 h 30');
  assert.equal(formatDateTime('2026-07-03T16:30:00Z', PARIS, IN_2026), 'vendredi 3 juillet à 18 h 30');
  // The night the clocks go forward: 01:30 UTC is 03:30 local.
  assert.equal(formatDateTime('2026-03-29T01:30:00Z', PARIS, IN_2026), 'dimanche 29 mars à 3 h 30');
});

test('opening times are written the French way', () => {
  assert.equal(formatClock('12:00'), '12 h');
  assert.equal(formatClock('09:00'), '9 h');
  assert.equal(formatClock('18:30'), '18 h 30');
});

test('weekdays count from Monday', () => {
  assert.equal(weekdayName(1), 'lundi');
  assert.equal(weekdayName(5), 'vendredi');
  assert.equal(weekdayName(7), 'dimanche');
});

test('addSeconds moves an instant and keeps it in UTC', () => {
  assert.equal(addSeconds('2026-03-29T00:30:00.000Z', 3600), '2026-03-29T01:30:00.000Z');
  assert.equal(addSeconds('2026-01-01T00:00:00.000Z', -1), '2025-12-31T23:59:59.000Z');
});
