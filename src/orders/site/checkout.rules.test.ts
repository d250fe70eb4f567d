import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKOUT_STEPS, dayPartOf, groupByDayPart, stepNumber } from './checkout.rules.ts';

test('steps are counted from their real list: the slot is step 2 of 4', () => {
  assert.deepEqual(stepNumber('slot'), { number: 2, count: CHECKOUT_STEPS.length });
  assert.deepEqual(stepNumber('place'), { number: 1, count: 4 });
  assert.deepEqual(stepNumber('confirm'), { number: 4, count: 4 });
});

test('a slot belongs to the part of the day it starts in', () => {
  assert.equal(dayPartOf('08:30'), 'morning');
  assert.equal(dayPartOf('11:59'), 'morning');
  assert.equal(dayPartOf('12:00'), 'noon');
  assert.equal(dayPartOf('13:30'), 'noon');
  assert.equal(dayPartOf('14:00'), 'afternoon');
  assert.equal(dayPartOf('17:30'), 'afternoon');
  assert.equal(dayPartOf('18:00'), 'evening');
  assert.equal(dayPartOf('23:30'), 'evening');
});

test('the counter’s day reads as « Midi » then « Soir », each with its times in order', () => {
  const times = ['12:00', '12:30', '13:00', '13:30', '18:00', '18:30', '19:00', '19:30'];
  const groups = groupByDayPart(times, (time) => time);
  assert.deepEqual(
    groups.map((group) => [group.part, group.items]),
    [
      ['noon', ['12:00', '12:30', '13:00', '13:30']],
      ['evening', ['18:00', '18:30', '19:00', '19:30']],
    ],
  );
  assert.deepEqual(groupByDayPart([], (time: string) => time), []);
});
