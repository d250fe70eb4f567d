import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeDueCents, momentOf, nextSlotAfter, slotAt } from './counter.rules.ts';

const slot = (startAt: string, endAt: string) => ({ localDate: startAt.slice(0, 10), opensAt: '', closesAt: '', startAt, endAt });
const noon = slot('2026-12-03T11:00:00.000Z', '2026-12-03T11:30:00.000Z');
const half = slot('2026-12-03T11:30:00.000Z', '2026-12-03T12:00:00.000Z');
const evening = slot('2026-12-03T17:00:00.000Z', '2026-12-03T17:30:00.000Z');

test('an order is « now » during its slot, « late » from its end, « later » before its start', () => {
  const order = { slotStartAt: half.startAt, slotEndAt: half.endAt };
  assert.equal(momentOf(order, '2026-12-03T11:29:59.000Z'), 'later');
  assert.equal(momentOf(order, '2026-12-03T11:30:00.000Z'), 'now');
  assert.equal(momentOf(order, '2026-12-03T11:59:59.000Z'), 'now');
  assert.equal(momentOf(order, '2026-12-03T12:00:00.000Z'), 'late');
});

test('the slot under way, and the next opening when there is none', () => {
  const slots = [evening, noon, half];
  assert.equal(slotAt(slots, '2026-12-03T11:41:00.000Z'), half);
  assert.equal(slotAt(slots, '2026-12-03T13:00:00.000Z'), undefined);
  assert.equal(nextSlotAfter(slots, '2026-12-03T13:00:00.000Z'), evening);
  assert.equal(nextSlotAfter(slots, '2026-12-03T10:00:00.000Z'), noon);
  assert.equal(nextSlotAfter(slots, '2026-12-03T18:00:00.000Z'), undefined);
});

test('the change given back on a cash payment, in cents', () => {
  assert.equal(changeDueCents(5000, 4640), 360);
  assert.equal(changeDueCents(4640, 4640), 0);
  assert.equal(changeDueCents(4000, 4640), undefined);
});
