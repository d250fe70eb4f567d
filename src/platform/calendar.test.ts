import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLocalDate, localDateOf } from './calendar.ts';
import { plain } from '../../test/helpers/text.ts';

test('a local date in words: the year left out in the year of today, always there without a today', () => {
  assert.equal(plain(formatLocalDate('2026-12-04', '2026-06-01')), 'vendredi 4 décembre');
  assert.equal(plain(formatLocalDate('2027-01-01', '2026-12-31')), 'vendredi 1er janvier 2027');
  assert.equal(plain(formatLocalDate('2026-01-01')), 'jeudi 1er janvier 2026');
});

test('in the first hour of the year in Paris, today is already the new year', () => {
  const today = localDateOf('2026-12-31T23:30:00Z', 'Europe/Paris');
  assert.equal(today, '2027-01-01');
  assert.equal(plain(formatLocalDate('2027-01-04', today)), 'lundi 4 janvier');
});
