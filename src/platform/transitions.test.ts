import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canMove, movableFrom, movesInto, statusesOf, type Transitions } from './transitions.ts';

type Light = 'red' | 'green' | 'amber' | 'off';

const LIGHT: Transitions<Light> = {
  red: ['green', 'off'],
  green: ['amber', 'off'],
  amber: ['red', 'off'],
  off: [],
};

test('canMove follows the table, and nothing leaves a final status', () => {
  assert.ok(canMove(LIGHT, 'red', 'green'));
  assert.ok(canMove(LIGHT, 'amber', 'off'));
  assert.ok(!canMove(LIGHT, 'green', 'red'));
  assert.ok(!canMove(LIGHT, 'red', 'red'), 'staying put is a move only when the table says so');
  for (const to of statusesOf(LIGHT)) assert.ok(!canMove(LIGHT, 'off', to));
});

test('canMove refuses a status the table does not know, even a name every object has', () => {
  assert.ok(!canMove(LIGHT, 'blue' as Light, 'red'));
  assert.ok(!canMove(LIGHT, 'constructor' as Light, 'red'));
  assert.ok(!canMove(LIGHT, 'red', 'blue' as Light));
});

test('statusesOf lists the table in its order; movesInto lists where a status may be reached from', () => {
  assert.deepEqual(statusesOf(LIGHT), ['red', 'green', 'amber', 'off']);
  assert.deepEqual(movesInto(LIGHT, 'off'), ['red', 'green', 'amber']);
  assert.deepEqual(movesInto(LIGHT, 'red'), ['amber']);
});

test('movableFrom keeps the starting statuses the table allows', () => {
  assert.deepEqual(movableFrom(LIGHT, 'off'), ['red', 'green', 'amber']);
  assert.deepEqual(movableFrom(LIGHT, 'green', 'red'), ['red']);
  assert.deepEqual(movableFrom(LIGHT, 'green', 'amber'), []);
  assert.deepEqual(movableFrom(LIGHT, 'off', ['off', 'green', 'red']), ['green', 'red']);
});
