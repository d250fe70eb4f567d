import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addSeconds, formatClock, formatClockRange, formatDate, formatDateTime, nowIso, startClockAt, weekdayName } from './clock.ts';
import { plain } from '../../test/helpers/text.ts';

const PARIS = 'Europe/Paris';
const IN_2026 = new Date('2026-06-01T12:00:00Z');

test('dates read like a person says them, with the year only when it is not this one', () => {
  assert.equal(plain(formatDate('2026-12-04T10:00:00Z', PARIS, IN_2026)), 'vendredi 4 décembre');
  assert.equal(plain(formatDate('2027-01-01T10:00:00Z', PARIS, IN_2026)), 'vendredi 1er janvier 2027');
});

test('a date is the local day of the town, not the UTC day', () => {
  // 23:30 UTC on 3 December is already Friday 4 December in Istres.
  assert.equal(plain(formatDate('2026-12-03T23:30:00Z', PARIS, IN_2026)), 'vendredi 4 décembre');
});

test('times follow summer and winter time', () => {
  assert.equal(plain(formatDateTime('2026-12-04T17:30:00Z', PARIS, IN_2026)), 'vendredi 4 décembre à 18 h 30');
  assert.equal(plain(formatDateTime('2026-07-03T16:30:00Z', PARIS, IN_2026)), 'vendredi 3 juillet à 18 h 30');
  // The night the clocks go forward: 01:30 UTC is 03:30 local.
  assert.equal(plain(formatDateTime('2026-03-29T01:30:00Z', PARIS, IN_2026)), 'dimanche 29 mars à 3 h 30');
});

test('a time, a range of times and a date never break inside: their spaces are no-break spaces', () => {
  const shown = (text: string) => text.replaceAll('\u00a0', '␣');
  assert.equal(shown(formatClock('18:30')), '18␣h␣30');
  assert.equal(shown(formatClockRange('12:00', '12:30')), '12␣h␣– 12␣h␣30', 'the line may break after the dash only');
  assert.equal(shown(formatDateTime('2026-12-31T23:00:00Z', PARIS, IN_2026)), 'vendredi 1er␣janvier 2027 à 0␣h');
});

test('opening times are written the French way', () => {
  assert.equal(plain(formatClock('12:00')), '12 h');
  assert.equal(plain(formatClock('09:00')), '9 h');
  assert.equal(plain(formatClock('18:30')), '18 h 30');
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

// Weekdays checked against an independent calendar; 2027 is the year under test.
const IN_2027 = new Date('2027-06-01T12:00:00Z');
const FIRSTS_OF_2027 = [
  'vendredi 1er janvier',
  'lundi 1er février',
  'lundi 1er mars',
  'jeudi 1er avril',
  'samedi 1er mai',
  'mardi 1er juin',
  'jeudi 1er juillet',
  'dimanche 1er août',
  'mercredi 1er septembre',
  'vendredi 1er octobre',
  'lundi 1er novembre',
  'mercredi 1er décembre',
];

test('every month of a year is named in French, accents included, its first day « 1er »', () => {
  FIRSTS_OF_2027.forEach((expected, index) => {
    const month = String(index + 1).padStart(2, '0');
    // Noon and the last minute of the local day: the same local date in winter and summer.
    assert.equal(plain(formatDate(`2027-${month}-01T11:00:00Z`, PARIS, IN_2027)), expected);
    assert.equal(plain(formatDateTime(`2027-${month}-15T16:30:00Z`, PARIS, IN_2027)).replace(/^\p{L}+ /u, ''), `15 ${expected.split(' ')[2]} à ${index + 1 >= 4 && index + 1 <= 10 ? '18 h 30' : '17 h 30'}`);
  });
});

test('the two changes of time: the local hour jumps in March and comes back in October', () => {
  // 28 March 2027: 02:00 local does not exist, clocks go from 01:59 to 03:00.
  assert.equal(plain(formatDateTime('2027-03-28T00:59:00Z', PARIS, IN_2027)), 'dimanche 28 mars à 1 h 59');
  assert.equal(plain(formatDateTime('2027-03-28T01:00:00Z', PARIS, IN_2027)), 'dimanche 28 mars à 3 h');
  // 31 October 2027: 02:30 local happens twice, an hour apart.
  assert.equal(plain(formatDateTime('2027-10-31T00:30:00Z', PARIS, IN_2027)), 'dimanche 31 octobre à 2 h 30');
  assert.equal(plain(formatDateTime('2027-10-31T01:30:00Z', PARIS, IN_2027)), 'dimanche 31 octobre à 2 h 30');
  assert.equal(plain(formatDateTime('2027-10-31T02:30:00Z', PARIS, IN_2027)), 'dimanche 31 octobre à 3 h 30');
});

test('29 February exists in a leap year and its night belongs to it', () => {
  const IN_2028 = new Date('2028-06-01T12:00:00Z');
  assert.equal(plain(formatDate('2028-02-28T23:30:00Z', PARIS, IN_2028)), 'mardi 29 février', '00:30 local is already the 29th');
  assert.equal(plain(formatDateTime('2028-02-29T22:59:00Z', PARIS, IN_2028)), 'mardi 29 février à 23 h 59');
  assert.equal(plain(formatDateTime('2028-02-29T23:00:00Z', PARIS, IN_2028)), 'mercredi 1er mars à 0 h');
});

test('31 December → 1 January: the local midnight changes the day and the year', () => {
  const IN_2026 = new Date('2026-12-31T12:00:00Z');
  assert.equal(plain(formatDateTime('2026-12-31T22:59:00Z', PARIS, IN_2026)), 'jeudi 31 décembre à 23 h 59');
  assert.equal(plain(formatDateTime('2026-12-31T23:00:00Z', PARIS, IN_2026)), 'vendredi 1er janvier 2027 à 0 h', 'next year is named');
  assert.equal(plain(formatDateTime('2026-12-31T23:00:00Z', PARIS, IN_2027)), 'vendredi 1er janvier à 0 h');
  assert.equal(plain(formatDate('2026-12-31T23:30:00Z', PARIS, IN_2027)), 'vendredi 1er janvier', 'UTC is still in 2026');
});

test('the clock can start at another instant for a test, runs on, and goes back to the system clock', () => {
  try {
    startClockAt('2027-10-31T00:30:00.000Z');
    const started = Date.parse(nowIso());
    assert.ok(started >= Date.parse('2027-10-31T00:30:00.000Z') && started < Date.parse('2027-10-31T00:31:00.000Z'), nowIso());
    // The year is read from the clock: an instant of 2027 is written without its year.
    assert.equal(plain(formatDate('2027-10-31T00:30:00Z', PARIS)), 'dimanche 31 octobre');
    startClockAt('2027-10-31T00:30:00.000Z');
    assert.ok(Date.parse(nowIso()) >= started, 'starting at the same instant again does not go back in time');
  } finally {
    startClockAt(undefined);
  }
  assert.ok(Math.abs(Date.parse(nowIso()) - Date.now()) < 1000);
});
