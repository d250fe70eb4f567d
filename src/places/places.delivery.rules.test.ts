import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_RUN_CUTOFF,
  cutoffOf,
  formatZoneLines,
  isInZone,
  mayHaveHomeDelivery,
  nextRun,
  parseZoneLines,
  splitStreetNumber,
  streetKey,
} from './places.delivery.rules.ts';
import type { PlaceCalendar } from './places.slots.rules.ts';

const PARIS = 'Europe/Paris';
/** The van's Friday afternoon. */
const FRIDAY_RUN: PlaceCalendar = { weekly: [{ weekday: 5, opensAt: '14:00', closesAt: '17:00' }], closures: [], openings: [], slotMinutes: 30 };

function runAt(nowAt: string, calendar = FRIDAY_RUN, cutoff = DEFAULT_RUN_CUTOFF, notBeforeAt = nowAt) {
  return nextRun(calendar, cutoff, { nowAt, notBeforeAt, timeZone: PARIS });
}

test('an order on Tuesday rides Friday’s run, its window in local time', () => {
  const run = runAt('2026-12-08T09:00:00Z');
  assert.deepEqual(run && [run.localDate, run.opensAt, run.closesAt, run.startAt, run.endAt, run.cutoffAt], [
    '2026-12-11',
    '14:00',
    '17:00',
    '2026-12-11T13:00:00.000Z',
    '2026-12-11T16:00:00.000Z',
    '2026-12-10T17:00:00.000Z',
  ]);
});

test('the cut-off: Thursday 17:59 still rides this Friday, 18:00 the next one', () => {
  assert.equal(runAt('2026-12-10T16:59:00Z')?.localDate, '2026-12-11');
  assert.equal(runAt('2026-12-10T17:00:00Z')?.localDate, '2026-12-18');
});

test('goods that reach the counter after the window opens wait for the next run', () => {
  assert.equal(runAt('2026-12-08T09:00:00Z', FRIDAY_RUN, DEFAULT_RUN_CUTOFF, '2026-12-11T13:30:00Z')?.localDate, '2026-12-18');
});

test('at midnight the local day decides, not the UTC one: a cut-off at 00:00 two days before', () => {
  const cutoff = { days: 2, time: '00:00' };
  // Tuesday 23:50 in Istres (22:50 UTC): still before Wednesday 00:00.
  assert.equal(runAt('2026-12-08T22:50:00Z', FRIDAY_RUN, cutoff)?.localDate, '2026-12-11');
  // Wednesday 00:10 in Istres is still Tuesday in UTC: too late for this Friday.
  assert.equal(runAt('2026-12-08T23:10:00Z', FRIDAY_RUN, cutoff)?.localDate, '2026-12-18');
});

test('across the last Sunday of October the window stays at 14 h local and the cut-off at 18 h local', () => {
  // Summer time: Friday 23 October 2026, 14 h = 12:00 UTC.
  assert.equal(runAt('2026-10-20T08:00:00Z')?.startAt, '2026-10-23T12:00:00.000Z');
  // Winter time from Sunday 25: Friday 30 October, 14 h = 13:00 UTC.
  const after = runAt('2026-10-24T08:00:00Z');
  assert.deepEqual([after?.localDate, after?.startAt], ['2026-10-30', '2026-10-30T13:00:00.000Z']);
  // A Monday run whose cut-off is Sunday 25 at 18 h, the first evening of winter time (17:00 UTC).
  const monday: PlaceCalendar = { ...FRIDAY_RUN, weekly: [{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }] };
  assert.equal(cutoffOf('2026-10-26', DEFAULT_RUN_CUTOFF, PARIS), '2026-10-25T17:00:00.000Z');
  assert.equal(runAt('2026-10-25T16:30:00Z', monday)?.localDate, '2026-10-26', '17:30 local: still in time');
  assert.equal(runAt('2026-10-25T17:00:00Z', monday)?.localDate, '2026-11-02', '18:00 local: next week');
});

test('across the last Sunday of March: the window moves to summer time, 14 h local = 12:00 UTC', () => {
  const before = runAt('2027-03-23T08:00:00Z');
  assert.deepEqual([before?.localDate, before?.startAt], ['2027-03-26', '2027-03-26T13:00:00.000Z']);
  const after = runAt('2027-03-27T08:00:00Z');
  assert.deepEqual([after?.localDate, after?.startAt, after?.cutoffAt], ['2027-04-02', '2027-04-02T12:00:00.000Z', '2027-04-01T16:00:00.000Z']);
  // A cut-off at 02:30 on the night of the change does not exist: it moves to 03:00 summer time.
  assert.equal(cutoffOf('2027-03-29', { days: 1, time: '02:30' }, PARIS), '2027-03-28T01:00:00.000Z');
});

test('a closure skips the run; an exceptional opening adds one', () => {
  const closed: PlaceCalendar = { ...FRIDAY_RUN, closures: [{ id: 'c', fromDate: '2026-12-21', toDate: '2027-01-03', reason: 'Noël' }] };
  assert.equal(runAt('2026-12-21T09:00:00Z', closed)?.localDate, '2027-01-08');
  const opened: PlaceCalendar = { ...FRIDAY_RUN, openings: [{ id: 'o', date: '2026-12-09', reason: '', ranges: [{ opensAt: '10:00', closesAt: '12:00' }] }] };
  assert.equal(runAt('2026-12-07T09:00:00Z', opened)?.localDate, '2026-12-09');
});

test('street keys fold case, accents, hyphens, linking words and abbreviations', () => {
  assert.equal(streetKey('Av. Hélène-Boucher'), 'avenue helene boucher');
  assert.equal(streetKey('AVENUE HELENE BOUCHER'), 'avenue helene boucher');
  assert.equal(streetKey('Bd de la République'), 'boulevard republique');
  assert.equal(streetKey('r. Frédéric Mistral'), 'rue frederic mistral');
  assert.equal(streetKey('Pl. Ste-Catherine'), 'place sainte catherine');
  assert.deepEqual(splitStreetNumber('12 bis, av. Hélène Boucher'), { number: '12 bis', street: 'av. Hélène Boucher' });
  assert.deepEqual(splitStreetNumber('rue Frédéric Mistral'), { number: undefined, street: 'rue Frédéric Mistral' });
});

test('an address is in the zone when its street and postcode are on the town’s list', () => {
  const zone = [
    { street: 'rue Frédéric Mistral', postalCode: '13800' },
    { street: 'avenue Hélène Boucher', postalCode: '13800' },
  ];
  assert.equal(isInZone(zone, { addressLine: '8 rue Frederic-Mistral', postalCode: '13800' }), true);
  assert.equal(isInZone(zone, { addressLine: '8 R. FRÉDÉRIC MISTRAL', postalCode: ' 13800 ' }), true);
  assert.equal(isInZone(zone, { addressLine: '8 rue Frédéric Mistral', postalCode: '13118' }), false, 'same street, another postcode');
  assert.equal(isInZone(zone, { addressLine: '8 rue Mistral', postalCode: '13800' }), false, 'another street');
  assert.equal(isInZone(zone, { addressLine: '', postalCode: '13800' }), false);
});

test('the town’s list reads one street a line, postcode first or last, and says which lines it could not read', () => {
  const { streets, unreadable } = parseZoneLines('13800 rue Frédéric Mistral\navenue Hélène Boucher, 13800\n\nrue sans code\nAv. Hélène-Boucher ; 13800\n');
  assert.deepEqual(streets, [
    { street: 'rue Frédéric Mistral', postalCode: '13800' },
    { street: 'avenue Hélène Boucher', postalCode: '13800' },
  ]);
  assert.deepEqual(unreadable, ['rue sans code']);
  assert.equal(formatZoneLines(streets), 'rue Frédéric Mistral, 13800\navenue Hélène Boucher, 13800');
});

test('home delivery by the town’s setting', () => {
  assert.equal(mayHaveHomeDelivery('everyone', { needsDelivery: false }), true);
  assert.equal(mayHaveHomeDelivery('needs_delivery', { needsDelivery: false }), false);
  assert.equal(mayHaveHomeDelivery('needs_delivery', { needsDelivery: true }), true);
  assert.equal(mayHaveHomeDelivery('nobody', { needsDelivery: true }), false);
});
