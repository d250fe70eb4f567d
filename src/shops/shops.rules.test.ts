import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SHOP_STAGES,
  STAGE_TRANSITIONS,
  formatOpeningHours,
  formatSiret,
  hoursFieldName,
  hoursFormValues,
  isValidSiret,
  normaliseRanges,
  normaliseSiret,
  parseClock,
  parseCoordinate,
  readHoursForm,
  stageMoveLabelKey,
} from './shops.rules.ts';
import { canMove } from '../platform/transitions.ts';
import { plain } from '../../test/helpers/text.ts';

test('SIRET: real establishments pass the Luhn check, spaces allowed', () => {
  for (const siret of ['73282932000074', '44306184100047', '552 100 554 00013']) assert.equal(isValidSiret(siret), true, siret);
});

test('SIRET: a wrong digit, a wrong length or letters are refused', () => {
  for (const siret of ['73282932000075', '12345678901234', '7328293200007', '732829320000745', '7328293200007A', '']) {
    assert.equal(isValidSiret(siret), false, siret);
  }
});

test('SIRET: La Poste (SIREN 356000000) uses a digit sum multiple of 5, not Luhn', () => {
  assert.equal(isValidSiret('35600000049837'), true);
  assert.equal(isValidSiret('35600000000010'), true);
  assert.equal(isValidSiret('35600000000048'), false);
  assert.equal(isValidSiret('35600000012345'), false);
});

test('SIRET: stored without spaces, shown in groups', () => {
  assert.equal(normaliseSiret('732 829 320 00074'), '73282932000074');
  assert.equal(plain(formatSiret('73282932000074')), '732 829 320 00074');
});

test('stages: every allowed move stays within the stages and never loops on itself', () => {
  for (const from of SHOP_STAGES) {
    for (const to of STAGE_TRANSITIONS[from]) {
      assert.ok(SHOP_STAGES.includes(to));
      assert.notEqual(from, to);
      assert.equal(canMove(STAGE_TRANSITIONS, from, to), true);
    }
  }
  assert.equal(canMove(STAGE_TRANSITIONS, 'prospect', 'inactive'), false);
  assert.equal(canMove(STAGE_TRANSITIONS, 'member', 'prospect'), false);
  assert.equal(canMove(STAGE_TRANSITIONS, 'left', 'inactive'), false);
});

test('stages: joining is « Valider l’adhésion », coming back is « Réactiver »', () => {
  assert.equal(stageMoveLabelKey('contacted', 'member'), 'shops.move.validate');
  assert.equal(stageMoveLabelKey('prospect', 'member'), 'shops.move.validate');
  assert.equal(stageMoveLabelKey('inactive', 'member'), 'shops.move.reactivate');
  assert.equal(stageMoveLabelKey('left', 'member'), 'shops.move.reactivate');
  assert.equal(stageMoveLabelKey('member', 'left'), 'shops.move.left');
});

test('hours: a typed time of day is normalised to HH:MM', () => {
  assert.equal(parseClock('9:00'), '09:00');
  assert.equal(parseClock('09:30'), '09:30');
  assert.equal(parseClock('9h'), '09:00');
  assert.equal(parseClock('14 h 30'), '14:30');
  assert.equal(parseClock('24:00'), undefined);
  assert.equal(parseClock('12:60'), undefined);
  assert.equal(parseClock('midi'), undefined);
});

test('hours: overlapping ranges of one day are refused, ranges come back sorted', () => {
  assert.equal(normaliseRanges([{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }, { weekday: 1, opensAt: '11:00', closesAt: '13:00' }]), undefined);
  const sorted = normaliseRanges([
    { weekday: 2, opensAt: '09:00', closesAt: '12:00' },
    { weekday: 1, opensAt: '14:00', closesAt: '18:00' },
    { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
  ]);
  assert.deepEqual(sorted?.map((range) => `${range.weekday} ${range.opensAt}`), ['1 09:00', '1 14:00', '2 09:00']);
});

test('hours form: two ranges a day are read, an empty day is closed', () => {
  const { ranges, errors } = readHoursForm({ d1_opens_1: '9:00', d1_closes_1: '12:00', d1_opens_2: '14:30', d1_closes_2: '19:00', d6_opens_1: '09:00', d6_closes_1: '13:00' });
  assert.deepEqual(errors, {});
  assert.deepEqual(ranges, [
    { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
    { weekday: 1, opensAt: '14:30', closesAt: '19:00' },
    { weekday: 6, opensAt: '09:00', closesAt: '13:00' },
  ]);
  assert.deepEqual(hoursFormValues(ranges), { d1_opens_1: '09:00', d1_closes_1: '12:00', d1_opens_2: '14:30', d1_closes_2: '19:00', d6_opens_1: '09:00', d6_closes_1: '13:00' });
});

test('hours form: each mistake is reported on the field to correct', () => {
  const { errors } = readHoursForm({
    d1_opens_1: '12:00', d1_closes_1: '09:00', // closing before opening
    d2_opens_1: '09:00', d2_closes_1: '12:00', d2_opens_2: '11:00', d2_closes_2: '15:00', // overlap
    d3_opens_1: '9 heures', d3_closes_1: '12:00', // not a time
    d4_opens_1: '09:00', // no closing time
  });
  assert.equal(errors[hoursFieldName(1, 1, 'closes')], 'shops.hours.error.order');
  assert.equal(errors[hoursFieldName(2, 2, 'opens')], 'shops.hours.error.overlap');
  assert.equal(errors[hoursFieldName(3, 1, 'opens')], 'field.time');
  assert.equal(errors[hoursFieldName(4, 1, 'closes')], 'shops.hours.error.closes_missing');
  assert.equal(Object.keys(errors).length, 4);
});

test('hours form: ranges that touch do not overlap', () => {
  const { errors } = readHoursForm({ d5_opens_1: '14:00', d5_closes_1: '18:00', d5_opens_2: '09:00', d5_closes_2: '14:00' });
  assert.deepEqual(errors, {});
});

test('hours display: a week in French, every day listed, closed days said', () => {
  const week = formatOpeningHours([
    { weekday: 1, opensAt: '14:30', closesAt: '19:00' },
    { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
    { weekday: 6, opensAt: '08:00', closesAt: '12:30' },
  ]);
  assert.equal(week.length, 7);
  assert.deepEqual({ ...week[0], text: plain(week[0].text) }, { day: 'lundi', text: '9 h – 12 h, 14 h 30 – 19 h' });
  assert.deepEqual({ ...week[5], text: plain(week[5].text) }, { day: 'samedi', text: '8 h – 12 h 30' });
  assert.deepEqual(week[6], { day: 'dimanche', text: 'fermé' });
  assert.equal(plain(week.map(({ day, text }) => `${day} : ${text}`).join(' ; ')).startsWith('lundi : 9 h – 12 h, 14 h 30 – 19 h ; mardi : fermé'), true);
});

test('coordinates: French decimal comma accepted, out of range refused, empty is none', () => {
  assert.equal(parseCoordinate('43,5150', 90), 43.515);
  assert.equal(parseCoordinate('-4.98', 180), -4.98);
  assert.equal(parseCoordinate('', 90), null);
  assert.equal(parseCoordinate('91', 90), undefined);
  assert.equal(parseCoordinate('nord', 90), undefined);
});
