import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canMove, statusesOf } from '../../platform/transitions.ts';
import { BATCH_MOVES, BATCH_TRANSITIONS, hasFile } from './payouts.rules.ts';

test('each step of the payout page is a move the batch table allows, and the steps cover the table', () => {
  for (const [step, { from, to }] of Object.entries(BATCH_MOVES)) assert.ok(canMove(BATCH_TRANSITIONS, from, to), step);
  const moves = statusesOf(BATCH_TRANSITIONS).flatMap((from) => BATCH_TRANSITIONS[from].map((to) => `${from}→${to}`));
  assert.deepEqual(moves.sort(), Object.values(BATCH_MOVES).map(({ from, to }) => `${from}→${to}`).sort());
});

test('a batch has a file from its approval on', () => {
  assert.deepEqual(statusesOf(BATCH_TRANSITIONS).filter(hasFile), ['approved', 'sent', 'paid']);
});
