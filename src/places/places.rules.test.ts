import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatClosure, formatDateRange, formatOpening, formatRanges, formatWeek, normaliseRanges, summariseWeek } from './places.rules.ts';
import { plain } from '../../test/helpers/text.ts';

test('a week reads day by day, ranges joined with « et », closed days said so', () => {
  const week = formatWeek([
    { weekday: 1, opensAt: '18:00', closesAt: '20:00' },
    { weekday: 1, opensAt: '12:00', closesAt: '14:00' },
    { weekday: 3, opensAt: '09:30', closesAt: '12:00' },
    { weekday: 3, opensAt: '14:00', closesAt: '16:00' },
    { weekday: 3, opensAt: '18:00', closesAt: '21:00' },
  ]);
  assert.equal(week.length, 7);
  assert.deepEqual({ ...week[0], text: plain(week[0].text) }, { weekday: 1, day: 'lundi', text: '12 h – 14 h et 18 h – 20 h' });
  assert.equal(week[1].text, 'fermé');
  assert.equal(plain(week[2].text), '9 h 30 – 12 h, 14 h – 16 h et 18 h – 21 h');
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

test('a week in one line for lists: days with the same hours grouped', () => {
  const istres = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
    { weekday, opensAt: '12:00', closesAt: '14:00' },
    { weekday, opensAt: '18:00', closesAt: '20:00' },
  ]);
  assert.equal(plain(summariseWeek(istres)), 'du lundi au samedi : 12 h – 14 h et 18 h – 20 h');
  assert.equal(plain(summariseWeek([{ weekday: 3, opensAt: '14:00', closesAt: '17:30' }])), 'mercredi : 14 h – 17 h 30');
  assert.equal(
    plain(summariseWeek([
      { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
      { weekday: 2, opensAt: '09:00', closesAt: '12:00' },
      { weekday: 5, opensAt: '08:30', closesAt: '12:30' },
    ])),
    'lundi et mardi : 9 h – 12 h ; vendredi : 8 h 30 – 12 h 30',
  );
  assert.equal(plain(summariseWeek([])), 'aucun horaire');
});

test('closures read « Fermé du 24 au 26 décembre : Fermeture de Noël », across months and years too', () => {
  const today = '2026-11-02';
  assert.equal(plain(formatClosure({ fromDate: '2026-12-24', toDate: '2026-12-26', reason: 'Fermeture de Noël' }, today)), 'Fermé du 24 au 26 décembre : Fermeture de Noël');
  assert.equal(plain(formatClosure({ fromDate: '2026-11-11', toDate: '2026-11-11', reason: 'Armistice' }, today)), 'Fermé le mercredi 11 novembre : Armistice');
  assert.equal(plain(formatDateRange('2026-11-30', '2026-12-02', today)), 'du 30 novembre au 2 décembre');
  assert.equal(plain(formatDateRange('2026-12-01', '2026-12-03', today)), 'du 1er au 3 décembre');
  assert.equal(plain(formatDateRange('2026-12-30', '2027-01-02', today)), 'du 30 décembre 2026 au 2 janvier 2027');
  assert.equal(plain(formatDateRange('2027-02-01', '2027-02-01', today)), 'le lundi 1er février 2027');
  assert.equal(plain(formatDateRange('2027-02-08', '2027-02-12', today)), 'du 8 au 12 février 2027');
});

test('an exceptional opening reads with its day, its hours and its reason when there is one', () => {
  const ranges = [{ opensAt: '10:00', closesAt: '12:00' }];
  assert.equal(plain(formatOpening({ date: '2026-12-20', reason: 'Ouverture avant Noël', ranges }, '2026-12-01')), 'Ouvert exceptionnellement le dimanche 20 décembre, 10 h – 12 h : Ouverture avant Noël');
  assert.equal(plain(formatOpening({ date: '2026-12-20', reason: '', ranges }, '2026-12-01')), 'Ouvert exceptionnellement le dimanche 20 décembre, 10 h – 12 h');
  assert.equal(plain(formatRanges([{ opensAt: '18:00', closesAt: '21:00' }, { opensAt: '09:00', closesAt: '12:00' }])), '9 h – 12 h et 18 h – 21 h');
});
