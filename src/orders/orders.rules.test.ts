import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CODE_ALPHABET, CODE_LENGTH, LINE_TRANSITIONS, ONLINE_PAYMENT_TRANSITIONS, ORDER_STATUSES, ORDER_TRANSITIONS, PURCHASE_ORDER_STATUSES, PURCHASE_ORDER_TRANSITIONS, awaitsRound, canCancel, collectionCodeFrom, groupByShop, isValidQuantity, normaliseCode, orderStatusFor, totalOf, readyBefore, statusAfterHandOver, waitingLongerThan, type PurchaseOrderStatus } from './orders.rules.ts';
import { canMove, movesInto } from '../platform/transitions.ts';

test('transition tables name only known statuses, and final statuses lead nowhere', () => {
  for (const [from, targets] of Object.entries(ORDER_TRANSITIONS)) {
    assert.ok(ORDER_STATUSES.includes(from as never));
    for (const to of targets) assert.ok(ORDER_STATUSES.includes(to), `${from} → ${to}`);
  }
  for (const [from, targets] of Object.entries(PURCHASE_ORDER_TRANSITIONS)) {
    assert.ok(PURCHASE_ORDER_STATUSES.includes(from as never));
    for (const to of targets) assert.ok(PURCHASE_ORDER_STATUSES.includes(to), `${from} → ${to}`);
  }
  for (const final of ['handed_over', 'cancelled', 'not_collected'] as const) assert.deepEqual(ORDER_TRANSITIONS[final], []);
  for (const final of ['handed_over', 'refused', 'cancelled', 'returned'] as const) assert.deepEqual(PURCHASE_ORDER_TRANSITIONS[final], []);
});

test('an online payment becomes paid from any other status, never leaves it; only an open checkout ends unpaid', () => {
  assert.deepEqual(movesInto(ONLINE_PAYMENT_TRANSITIONS, 'paid'), ['pending', 'failed', 'expired']);
  assert.deepEqual(ONLINE_PAYMENT_TRANSITIONS.paid, []);
  assert.deepEqual(movesInto(ONLINE_PAYMENT_TRANSITIONS, 'expired'), ['pending']);
  assert.deepEqual(movesInto(ONLINE_PAYMENT_TRANSITIONS, 'failed'), ['pending']);
});

test('a line refused by its shop stays refused', () => {
  assert.ok(canMove(LINE_TRANSITIONS, 'ordered', 'refused'));
  assert.deepEqual(LINE_TRANSITIONS.refused, []);
});

test('an order follows its purchase orders: preparing once a shop accepts, ready when all due are at the counter', () => {
  assert.equal(orderStatusFor('placed', ['sent', 'sent']), undefined);
  assert.equal(orderStatusFor('placed', ['accepted', 'sent']), 'preparing');
  assert.equal(orderStatusFor('placed', ['refused', 'sent']), undefined);
  assert.equal(orderStatusFor('preparing', ['ready', 'accepted']), undefined);
  assert.equal(orderStatusFor('preparing', ['collected', 'accepted']), undefined);
  assert.equal(orderStatusFor('preparing', ['collected', 'refused']), 'ready');
  assert.equal(orderStatusFor('preparing', ['collected', 'collected']), 'ready');
  assert.equal(orderStatusFor('ready', ['collected', 'collected']), undefined);
});

test('an order taken in part is handed over once its last missing part is refused, and waits while a part is still due', () => {
  assert.equal(orderStatusFor('partially_handed_over', ['handed_over', 'refused']), 'handed_over');
  assert.equal(orderStatusFor('partially_handed_over', ['handed_over', 'accepted']), undefined);
  assert.equal(orderStatusFor('partially_handed_over', ['handed_over', 'collected']), undefined);
  assert.equal(orderStatusFor('preparing', ['handed_over', 'refused']), undefined, 'only a hand-over at the counter starts handing over');
});

test('an order with nothing left is cancelled, unless it is already past preparation', () => {
  assert.equal(orderStatusFor('placed', ['refused', 'refused']), 'cancelled');
  assert.equal(orderStatusFor('preparing', ['refused', 'cancelled']), 'cancelled');
  assert.equal(orderStatusFor('cancelled', ['cancelled']), undefined);
});

test('the status the rules call for is always a move the table allows', () => {
  fc.assert(
    fc.property(fc.constantFrom(...ORDER_STATUSES), fc.array(fc.constantFrom<PurchaseOrderStatus>(...PURCHASE_ORDER_STATUSES), { minLength: 1, maxLength: 5 }), (current, purchaseOrders) => {
      const next = orderStatusFor(current, purchaseOrders);
      return next === undefined || ORDER_TRANSITIONS[current].includes(next);
    }),
  );
});

test('only parts still at a shop wait for the collection round', () => {
  assert.deepEqual(
    PURCHASE_ORDER_STATUSES.filter(awaitsRound),
    ['sent', 'accepted', 'ready'],
  );
});

test('a member may cancel only while every purchase order is still just sent', () => {
  assert.equal(canCancel('placed', ['sent', 'sent']), true);
  assert.equal(canCancel('placed', ['sent', 'refused']), false);
  assert.equal(canCancel('preparing', ['accepted', 'sent']), false);
  assert.equal(canCancel('cancelled', ['cancelled']), false);
});

test('quantities run from 1 to 50, whole numbers only', () => {
  assert.equal(isValidQuantity(1), true);
  assert.equal(isValidQuantity(50), true);
  for (const bad of [0, -1, 51, 10_000, 1.5, Number.NaN]) assert.equal(isValidQuantity(bad), false, String(bad));
});

test('totals count only the lines still ordered', () => {
  assert.equal(
    totalOf([
      { totalCents: 2500, status: 'ordered' },
      { totalCents: 1000, status: 'refused' },
      { totalCents: 450, status: 'ordered' },
    ]),
    2950,
  );
});

test('collection codes: six characters that cannot be mistaken for one another', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
      const code = collectionCodeFrom(bytes);
      return code.length === CODE_LENGTH && [...code].every((char) => CODE_ALPHABET.includes(char));
    }),
  );
  for (const ambiguous of ['0', 'O', 'Q', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B', '6', 'G']) assert.ok(!CODE_ALPHABET.includes(ambiguous), ambiguous);
  assert.equal(normaliseCode(' ac d-e fh '), 'ACDEFH');
});

test('grouping by shop keeps the order shops first appear in', () => {
  const groups = groupByShop([
    { shopId: 'b', n: 1 },
    { shopId: 'a', n: 2 },
    { shopId: 'b', n: 3 },
  ]);
  assert.deepEqual(
    groups.map((group) => [group.shopId, group.items.map((item) => item.n)]),
    [
      ['b', [1, 3]],
      ['a', [2]],
    ],
  );
});

test('the counter: after a hand-over the order is handed over when nothing is left, in part otherwise', () => {
  assert.equal(statusAfterHandOver('ready', ['handed_over', 'handed_over', 'refused']), 'handed_over');
  assert.equal(statusAfterHandOver('ready', ['handed_over', 'collected']), 'partially_handed_over');
  assert.equal(statusAfterHandOver('preparing', ['handed_over', 'accepted']), 'partially_handed_over');
  assert.equal(statusAfterHandOver('partially_handed_over', ['handed_over', 'sent']), undefined, 'stays in part');
  assert.equal(statusAfterHandOver('partially_handed_over', ['handed_over', 'handed_over']), 'handed_over');
  assert.ok(canMove(PURCHASE_ORDER_TRANSITIONS, 'collected', 'returned'));
  assert.ok(!canMove(PURCHASE_ORDER_TRANSITIONS, 'ready', 'returned'), 'only what reached the counter goes back from it');
});

test('the counter: waiting longer than a number of days', () => {
  const now = new Date('2026-03-20T12:00:00.000Z');
  assert.ok(waitingLongerThan('2026-03-10T12:00:00.000Z', 10, now));
  assert.ok(!waitingLongerThan('2026-03-10T12:00:01.000Z', 10, now));
  assert.ok(!waitingLongerThan(null, 0, now));
  assert.equal(readyBefore(3, now), '2026-03-17T12:00:00.000Z');
});
