import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatWeek, normaliseRanges } from './places.rules.ts';

test('a week reads day by day, ranges joined with « et », closed days said so', () => {
  const week = formatWeek([
    { weekday: 1, opensAt: '18:00', closesAt: '20:00' },
    { weekday: 1, opensAt: '12:00', closesAt: '14:00' },
    { weekday: 3, opensAt: '09:30', closesAt: '12:00' },
    { weekday: 3, opensAt: '14:00', closesAt: '16:00' },
    { weekday: 3, opensAt: '18:00', closesAt: '21:00' },
  ]);
  assert.equal(week.length, 7);
  assert.deepEqual(week[0], { weekday: 1, day: 'lundi', text: '12 h – 14 h et 18 h – 20 h' });
  assert.equal(week[1].text, 'fermé');
  assert.equal(week[2].text, '9 h 30 – 12 h, 14 h – 16 h et 18 h – 21 h');
  assert.deepEqual(week[6], { weekday: 7, day: 'dimanche', text: 'fermé' });
});

test('ranges are sorted; overlapping or malformed ranges are refused', () => {
  assert.deepEqual(
    normaliseRanges([
      { weekday: 2, opensAt: '18:00', closesAt: '20:00' },
      { weekday: 1, opensAt: '12:00', closesAt: '14:00' },
    ])?.map((range) => range.weekday),
    [1, 2],
  );
  assert.equal(normaliseRanges([{ weekday: 1, opensAt: '12:00', closesAt: '14:00' }, { weekday: 1, opensAt: '13:00', closesAt: '15:00' }]), undefined);
  assert.equal(normaliseRanges([{ weekday: 8, opensAt: '12:00', closesAt: '14:00' }]), undefined);
  assert.equal(normaliseRanges([{ weekday: 1, opensAt: '14:00', closesAt: '12:00' }]), undefined);
  assert.equal(normaliseRanges([{ weekday: 1, opensAt: '24:00', closesAt: '25:00' }]), undefined);
});
