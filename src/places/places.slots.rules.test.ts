import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { OpeningRange } from './places.rules.ts';
import {
  addDays,
  isLocalDate,
  isOpenAtRule,
  localToUtc,
  minutesOf,
  offsetMinutesAt,
  rangesOn,
  remainingOf,
  slotLabel,
  slotTimeAt,
  slotTimesBetween,
  slotTimesOn,
  utcToLocal,
  weekdayOf,
  type PlaceCalendar,
} from './places.slots.rules.ts';
import { plain } from '../../test/helpers/text.ts';

const PARIS = 'Europe/Paris';
const ISTRES_WEEK: OpeningRange[] = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
  { weekday, opensAt: '12:00', closesAt: '14:00' },
  { weekday, opensAt: '18:00', closesAt: '20:00' },
]);

function calendar(overrides: Partial<PlaceCalendar> = {}): PlaceCalendar {
  return { weekly: ISTRES_WEEK, closures: [], openings: [], slotMinutes: 30, ...overrides };
}

test('local dates: validity, weekdays and day arithmetic across months and years', () => {
  assert.equal(isLocalDate('2026-02-28'), true);
  assert.equal(isLocalDate('2026-02-29'), false);
  assert.equal(isLocalDate('2026-13-01'), false);
  assert.equal(isLocalDate('24/12/2026'), false);
  assert.equal(weekdayOf('2026-12-04'), 5, '4 December 2026 is a Friday');
  assert.equal(weekdayOf('2026-03-29'), 7);
  assert.equal(addDays('2026-12-30', 3), '2027-01-02');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
});

test('Paris local times convert to UTC with the winter and the summer offsets', () => {
  assert.equal(localToUtc('2026-12-04', '18:00', PARIS), '2026-12-04T17:00:00.000Z');
  assert.equal(localToUtc('2026-07-03', '18:00', PARIS), '2026-07-03T16:00:00.000Z');
  assert.equal(offsetMinutesAt(Date.parse('2026-01-15T12:00:00Z'), PARIS), 60);
  assert.equal(offsetMinutesAt(Date.parse('2026-07-15T12:00:00Z'), PARIS), 120);
  assert.deepEqual(utcToLocal('2026-12-04T17:00:00.000Z', PARIS), { date: '2026-12-04', time: '18:00' });
  assert.deepEqual(utcToLocal('2026-12-31T23:30:00.000Z', PARIS), { date: '2027-01-01', time: '00:30' });
});

test('29 March 2026: the skipped hour has no instant, the hours around it convert', () => {
  assert.equal(localToUtc('2026-03-29', '01:59', PARIS), '2026-03-29T00:59:00.000Z');
  assert.equal(localToUtc('2026-03-29', '02:00', PARIS), undefined);
  assert.equal(localToUtc('2026-03-29', '02:30', PARIS), undefined);
  assert.equal(localToUtc('2026-03-29', '03:00', PARIS), '2026-03-29T01:00:00.000Z');
});

test('25 October 2026: the repeated hour takes its first occurrence', () => {
  assert.equal(localToUtc('2026-10-25', '01:30', PARIS), '2026-10-24T23:30:00.000Z');
  assert.equal(localToUtc('2026-10-25', '02:30', PARIS), '2026-10-25T00:30:00.000Z');
  assert.equal(localToUtc('2026-10-25', '03:00', PARIS), '2026-10-25T02:00:00.000Z');
  assert.deepEqual(utcToLocal('2026-10-25T01:30:00.000Z', PARIS), { date: '2026-10-25', time: '02:30' }, 'the second 02:30');
});

test('a slot keeps its local time over the spring and autumn changes', () => {
  for (const [before, after] of [['2026-03-28', '2026-03-30'], ['2026-10-24', '2026-10-26']]) {
    const early = slotTimesOn(calendar(), before, PARIS);
    const late = slotTimesOn(calendar(), after, PARIS);
    assert.deepEqual(early.map((slot) => utcToLocal(slot.startAt, PARIS).time), late.map((slot) => utcToLocal(slot.startAt, PARIS).time));
    assert.equal(early.length, 8, 'two ranges of two hours, 30-minute slots');
  }
  const [saturday] = slotTimesOn(calendar(), '2026-03-28', PARIS).filter((slot) => slot.opensAt === '18:00');
  const [monday] = slotTimesOn(calendar(), '2026-03-30', PARIS).filter((slot) => slot.opensAt === '18:00');
  assert.equal(saturday.startAt, '2026-03-28T17:00:00.000Z');
  assert.equal(monday.startAt, '2026-03-30T16:00:00.000Z');
  const [sunday] = slotTimesOn(calendar(), '2026-03-29', PARIS);
  assert.deepEqual(sunday, { localDate: '2026-03-29', opensAt: '12:00', closesAt: '12:30', startAt: '2026-03-29T10:00:00.000Z', endAt: '2026-03-29T10:30:00.000Z' });
});

test('a night range over the skipped hour: slots starting in it are not offered, the others follow each other', () => {
  const night = calendar({ weekly: [{ weekday: 7, opensAt: '01:30', closesAt: '04:00' }] });
  const slots = slotTimesOn(night, '2026-03-29', PARIS);
  assert.deepEqual(slots.map((slot) => slot.opensAt), ['01:30', '03:00', '03:30']);
  assert.equal(plain(slots[0].endAt), '2026-03-29T01:00:00.000Z', '02:00 does not exist: the slot ends at 03:00 summer time');
  assert.equal(slots[1].startAt, '2026-03-29T01:00:00.000Z');
});

test('a night range over the repeated hour: one slot per local time, none overlapping', () => {
  const night = calendar({ weekly: [{ weekday: 7, opensAt: '01:30', closesAt: '03:30' }] });
  const slots = slotTimesOn(night, '2026-10-25', PARIS);
  assert.deepEqual(slots.map((slot) => slot.opensAt), ['01:30', '02:00', '02:30', '03:00']);
  for (let index = 1; index < slots.length; index += 1) assert.equal(slots[index - 1].endAt, slots[index].startAt);
});

test('slots are cut from each range; a slot that would end after closing is not offered', () => {
  const slots = slotTimesOn(calendar({ slotMinutes: 45 }), '2026-12-04', PARIS);
  assert.deepEqual(slots.map((slot) => `${slot.opensAt}-${slot.closesAt}`), ['12:00-12:45', '12:45-13:30', '18:00-18:45', '18:45-19:30']);
  assert.equal(slotTimesOn(calendar({ weekly: [] }), '2026-12-04', PARIS).length, 0);
});

test('closures empty their days; an exceptional opening replaces the week, even within a closure', () => {
  const christmas = calendar({
    closures: [{ id: 'c', fromDate: '2026-12-24', toDate: '2026-12-26', reason: 'Fermeture de Noël' }],
    openings: [
      { id: 'o1', date: '2026-12-20', reason: '', ranges: [{ opensAt: '10:00', closesAt: '11:00' }] },
      { id: 'o2', date: '2026-12-24', reason: '', ranges: [{ opensAt: '09:00', closesAt: '10:00' }] },
    ],
  });
  assert.deepEqual(rangesOn(christmas, '2026-12-23'), [{ opensAt: '12:00', closesAt: '14:00' }, { opensAt: '18:00', closesAt: '20:00' }]);
  assert.deepEqual(rangesOn(christmas, '2026-12-25'), []);
  assert.deepEqual(rangesOn(christmas, '2026-12-26'), []);
  assert.deepEqual(rangesOn(christmas, '2026-12-24'), [{ opensAt: '09:00', closesAt: '10:00' }]);
  assert.deepEqual(rangesOn(christmas, '2026-12-20'), [{ opensAt: '10:00', closesAt: '11:00' }]);
  const week = slotTimesBetween(christmas, '2026-12-20', 7, PARIS);
  assert.deepEqual([...new Set(week.map((slot) => slot.localDate))], ['2026-12-20', '2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24']);
});

test('open at an instant: inside a range of its local date, closing time excluded', () => {
  assert.equal(isOpenAtRule(calendar(), '2026-12-04T11:00:00.000Z', PARIS), true, '12:00 Paris');
  assert.equal(isOpenAtRule(calendar(), '2026-12-04T12:59:00.000Z', PARIS), true);
  assert.equal(isOpenAtRule(calendar(), '2026-12-04T13:00:00.000Z', PARIS), false, '14:00 Paris');
  assert.equal(isOpenAtRule(calendar(), '2026-07-03T10:30:00.000Z', PARIS), true, '12:30 summer time');
  assert.equal(isOpenAtRule(calendar(), '2026-07-03T11:30:00.000Z', PARIS), true);
  assert.equal(isOpenAtRule(calendar(), '2026-07-03T12:30:00.000Z', PARIS), false, '14:30 summer time');
});

test('the slot at an instant is found whatever the ISO spelling; a time between slots is none', () => {
  assert.equal(slotTimeAt(calendar(), '2026-12-04T17:30:00Z', PARIS)?.opensAt, '18:30');
  assert.equal(slotTimeAt(calendar(), '2026-12-04T18:30:00+01:00', PARIS)?.opensAt, '18:30');
  assert.equal(slotTimeAt(calendar(), '2026-12-04T17:15:00.000Z', PARIS), undefined);
  assert.equal(slotTimeAt(calendar(), 'demain', PARIS), undefined);
});

test('labels read like people speak; remaining places never go below zero', () => {
  const [slot] = slotTimesOn(calendar(), '2026-12-04', PARIS).filter((candidate) => candidate.opensAt === '18:00');
  assert.equal(plain(slotLabel(slot, '2026-11-30')), 'vendredi 4 décembre, de 18 h à 18 h 30');
  assert.equal(plain(slotLabel(slot, '2025-11-30')), 'vendredi 4 décembre 2026, de 18 h à 18 h 30');
  const [first] = slotTimesOn(calendar(), '2026-12-01', PARIS);
  assert.equal(plain(slotLabel(first, '2026-11-30')), 'mardi 1er décembre, de 12 h à 12 h 30');
  assert.equal(remainingOf(null, 12), null);
  assert.equal(remainingOf(3, 1), 2);
  assert.equal(remainingOf(3, 5), 0);
});

test('over every month of a year the counter keeps its local hours, and labels name the month', () => {
  // The first Monday of each month of 2027, checked against an independent calendar.
  const mondays = ['2027-01-04', '2027-02-01', '2027-03-01', '2027-04-05', '2027-05-03', '2027-06-07', '2027-07-05', '2027-08-02', '2027-09-06', '2027-10-04', '2027-11-01', '2027-12-06'];
  const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
  mondays.forEach((monday, index) => {
    const slots = slotTimesOn(calendar(), monday, PARIS);
    assert.deepEqual(slots.map((slot) => slot.opensAt), ['12:00', '12:30', '13:00', '13:30', '18:00', '18:30', '19:00', '19:30'], monday);
    const summer = index >= 3 && index <= 9;
    assert.equal(plain(slots[0].startAt), `${monday}T${summer ? '10' : '11'}:00:00.000Z`, `noon in ${summer ? 'summer' : 'winter'} time`);
    const day = Number(monday.slice(8, 10));
    assert.equal(plain(slotLabel(slots[4], '2027-01-01')), `lundi ${day === 1 ? '1er' : day} ${months[index]}, de 18 h à 18 h 30`);
    assert.equal(plain(slotLabel(slots[4], '2026-12-31')), `lundi ${day === 1 ? '1er' : day} ${months[index]} 2027, de 18 h à 18 h 30`);
  });
});

test('29 February and New Year: slots run over the days that end a month and a year', () => {
  const leap = slotTimesBetween(calendar(), '2028-02-28', 3, PARIS);
  assert.deepEqual([...new Set(leap.map((slot) => slot.localDate))], ['2028-02-28', '2028-02-29', '2028-03-01']);
  assert.equal(plain(slotLabel(leap.find((slot) => slot.localDate === '2028-02-29')!, '2028-02-28')), 'mardi 29 février, de 12 h à 12 h 30');
  const newYear = slotTimesBetween(calendar(), '2026-12-31', 2, PARIS);
  const [lastOfYear, firstOfYear] = [newYear.at(-9)!, newYear.at(-1)!];
  assert.equal(plain(slotLabel(lastOfYear, '2026-12-31')), 'jeudi 31 décembre, de 19 h 30 à 20 h');
  assert.equal(lastOfYear.endAt, '2026-12-31T19:00:00.000Z');
  assert.equal(plain(slotLabel(firstOfYear, '2026-12-31')), 'vendredi 1er janvier 2027, de 19 h 30 à 20 h');
});

// ---- properties ----

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago', 'UTC'];

/** Up to three non-overlapping ranges for each day of the week, on whole quarters of an hour. */
const weekArb = fc
  .array(fc.array(fc.integer({ min: 0, max: 95 }), { minLength: 0, maxLength: 6 }), { minLength: 7, maxLength: 7 })
  .map((days) =>
    days.flatMap((quarters, index) => {
      const cuts = [...new Set(quarters)].sort((a, b) => a - b);
      const ranges: OpeningRange[] = [];
      for (let cut = 0; cut + 1 < cuts.length && ranges.length < 3; cut += 2) {
        ranges.push({ weekday: index + 1, opensAt: quarterTime(cuts[cut]), closesAt: quarterTime(cuts[cut + 1]) });
      }
      return ranges;
    }),
  );

function quarterTime(quarter: number): string {
  return `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
}

/** Dates of 2026, with the days around both changes drawn often. */
const dateArb = fc.oneof(
  fc.integer({ min: 0, max: 364 }).map((day) => addDays('2026-01-01', day)),
  fc.constantFrom('2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26', '2026-03-08', '2026-11-01', '2026-04-05'),
);
const calendarArb = fc.record({
  weekly: weekArb,
  closures: fc.constant([]),
  openings: fc.constant([]),
  slotMinutes: fc.constantFrom(15, 20, 30, 45, 60, 90, 120),
});

test('property: every slot lies inside an opening range of its day and lasts the slot length in local time', () => {
  fc.assert(
    fc.property(calendarArb, dateArb, fc.constantFrom(...ZONES), (cal, date, zone) => {
      const ranges = rangesOn(cal, date);
      for (const slot of slotTimesOn(cal, date, zone)) {
        assert.ok(ranges.some((range) => range.opensAt <= slot.opensAt && slot.closesAt <= range.closesAt));
        assert.equal(minutesOf(slot.closesAt) - minutesOf(slot.opensAt), cal.slotMinutes);
        assert.deepEqual(utcToLocal(slot.startAt, zone), { date, time: slot.opensAt }, 'the instant shows the local start time');
      }
    }),
    { numRuns: 500 },
  );
});

test('property: slots never overlap and go forward in time, over several days', () => {
  fc.assert(
    fc.property(calendarArb, dateArb, fc.integer({ min: 1, max: 9 }), fc.constantFrom(...ZONES), (cal, date, days, zone) => {
      const slots = slotTimesBetween(cal, date, days, zone);
      for (const slot of slots) assert.ok(Date.parse(slot.startAt) < Date.parse(slot.endAt));
      for (let index = 1; index < slots.length; index += 1) {
        assert.ok(Date.parse(slots[index - 1].endAt) <= Date.parse(slots[index].startAt), `${slots[index - 1].endAt} > ${slots[index].startAt}`);
      }
    }),
    { numRuns: 500 },
  );
});

test('property: a slot has the same local start time the week before and the week after a change of time', () => {
  const daytime = weekArb.map((week) => week.filter((range) => range.opensAt >= '04:00'));
  fc.assert(
    fc.property(daytime, fc.constantFrom(15, 30, 60), fc.constantFrom('2026-03-25', '2026-03-29', '2026-10-21', '2026-10-25'), fc.constantFrom(...ZONES), (weekly, slotMinutes, date, zone) => {
      const cal = { weekly, closures: [], openings: [], slotMinutes };
      const localTimes = (day: string) => slotTimesOn(cal, day, zone).map((slot) => utcToLocal(slot.startAt, zone).time);
      assert.deepEqual(localTimes(date), localTimes(addDays(date, 7)));
    }),
    { numRuns: 300 },
  );
});

test('property: a local time converts to an instant that reads back the same, or lies in a skipped hour', () => {
  fc.assert(
    fc.property(dateArb, fc.integer({ min: 0, max: 24 * 60 - 1 }), fc.constantFrom(...ZONES), (date, minutes, zone) => {
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const at = localToUtc(date, time, zone);
      if (at) assert.deepEqual(utcToLocal(at, zone), { date, time });
      else {
        // Skipped: the minute before and the one after the gap exist, an hour apart at most.
        assert.ok(['2026-03-29', '2026-03-08', '2026-04-05', '2026-10-04', '2026-09-06'].includes(date), `${date} ${time} in ${zone}`);
      }
    }),
    { numRuns: 2000 },
  );
});
