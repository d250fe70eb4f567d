import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseClock, parseLocalDate, readClosureForm, readOpeningForm, readSlotForm, readWeekForm, weekFormValues } from './places.form.rules.ts';

test('times and dates are read as people type them', () => {
  assert.equal(parseClock('9:00'), '09:00');
  assert.equal(parseClock('21 h'), '21:00');
  assert.equal(parseClock('18h30'), '18:30');
  assert.equal(parseClock('24:00'), undefined);
  assert.equal(parseClock('midi'), undefined);
  assert.equal(parseLocalDate('24/12/2026'), '2026-12-24');
  assert.equal(parseLocalDate('2026-12-24'), '2026-12-24');
  assert.equal(parseLocalDate('1.2.2027'), '2027-02-01');
  assert.equal(parseLocalDate('31/02/2027'), undefined);
  assert.equal(parseLocalDate('Noël'), undefined);
});

test('the week form: up to three ranges a day; changing 20:00 to 21:00 is typing it', () => {
  const values = { d1_opens_1: '12:00', d1_closes_1: '14:00', d1_opens_2: '18:00', d1_closes_2: '21 h', d3_opens_1: '9h', d3_closes_1: '10:00', d3_opens_2: '11:00', d3_closes_2: '12:00', d3_opens_3: '14:00', d3_closes_3: '15:00' };
  const { ranges, errors } = readWeekForm(values);
  assert.deepEqual(errors, {});
  assert.deepEqual(ranges, [
    { weekday: 1, opensAt: '12:00', closesAt: '14:00' },
    { weekday: 1, opensAt: '18:00', closesAt: '21:00' },
    { weekday: 3, opensAt: '09:00', closesAt: '10:00' },
    { weekday: 3, opensAt: '11:00', closesAt: '12:00' },
    { weekday: 3, opensAt: '14:00', closesAt: '15:00' },
  ]);
  assert.equal(weekFormValues(ranges).d1_closes_2, '21:00');
});

test('the week form reports each problem on the field to correct', () => {
  const { errors } = readWeekForm({ d1_opens_1: '14:00', d1_closes_1: '12:00', d2_opens_1: '10:00', d3_closes_1: '12:00', d4_opens_1: 'midi', d4_closes_1: '14:00', d5_opens_1: '12:00', d5_closes_1: '14:00', d5_opens_2: '13:00', d5_closes_2: '15:00' });
  assert.deepEqual(errors, {
    d1_closes_1: 'places.form.error.order',
    d2_closes_1: 'places.form.error.closes_missing',
    d3_opens_1: 'places.form.error.opens_missing',
    d4_opens_1: 'field.time',
    d5_opens_2: 'places.form.error.overlap',
  });
});

test('a closure: dates in order, not over, with a reason; one date alone is one day', () => {
  const today = '2026-12-01';
  assert.deepEqual(readClosureForm({ closure_from: '24/12/2026', closure_to: '26/12/2026', closure_reason: ' Fermeture de Noël ' }, today).closure, { fromDate: '2026-12-24', toDate: '2026-12-26', reason: 'Fermeture de Noël' });
  assert.deepEqual(readClosureForm({ closure_from: '2026-12-25', closure_to: '', closure_reason: 'Noël' }, today).closure, { fromDate: '2026-12-25', toDate: '2026-12-25', reason: 'Noël' });
  assert.deepEqual(readClosureForm({ closure_from: '26/12/2026', closure_to: '24/12/2026', closure_reason: '' }, today).errors, { closure_to: 'places.form.error.date_order', closure_reason: 'field.required' });
  assert.deepEqual(readClosureForm({ closure_from: '', closure_to: '30/02/2026', closure_reason: 'x' }, today).errors, { closure_from: 'field.required', closure_to: 'places.form.error.date' });
  assert.deepEqual(readClosureForm({ closure_from: '2026-11-20', closure_to: '', closure_reason: 'x' }, today).errors, { closure_from: 'places.form.error.date_past' });
  assert.ok(readClosureForm({ closure_from: '2026-11-20', closure_to: '2026-12-01', closure_reason: 'x' }, today).closure, 'a closure still running today is fine');
});

test('an exceptional opening needs a date to come and at least one range', () => {
  const today = '2026-12-01';
  assert.deepEqual(readOpeningForm({ opening_date: '20/12/2026', opening_reason: 'Avant Noël', opening_opens_1: '10:00', opening_closes_1: '12:00' }, today).opening, {
    date: '2026-12-20',
    reason: 'Avant Noël',
    ranges: [{ opensAt: '10:00', closesAt: '12:00' }],
  });
  assert.deepEqual(readOpeningForm({ opening_date: '20/12/2026', opening_reason: '' }, today).errors, { opening_opens_1: 'places.form.error.opening_ranges' });
  assert.deepEqual(readOpeningForm({ opening_date: '2026-11-30', opening_opens_1: '10:00', opening_closes_1: '09:00' }, today).errors, {
    opening_date: 'places.form.error.date_past',
    opening_closes_1: 'places.form.error.order',
  });
});

test('slot settings: a length from the list, a capacity from 1 to 500 or nothing', () => {
  assert.deepEqual(readSlotForm({ slot_minutes: '30', slot_capacity: '' }), { slotMinutes: 30, slotCapacity: null, errors: {} });
  assert.deepEqual(readSlotForm({ slot_minutes: '15', slot_capacity: ' 6 ' }), { slotMinutes: 15, slotCapacity: 6, errors: {} });
  assert.deepEqual(readSlotForm({ slot_minutes: '7', slot_capacity: '0' }).errors, { slot_minutes: 'field.choice', slot_capacity: 'places.form.error.capacity' });
  assert.deepEqual(readSlotForm({ slot_minutes: '30', slot_capacity: '2,5' }).errors, { slot_capacity: 'places.form.error.capacity' });
});
