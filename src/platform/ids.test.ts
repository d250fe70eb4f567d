import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isId, newId, newToken } from './ids.ts';

test('ids are UUID version 7 and sort by creation time', () => {
  const earlier = newId(Date.parse('2026-01-01T00:00:00Z'));
  const later = newId(Date.parse('2026-01-01T00:00:00.002Z'));
  for (const id of [earlier, later, newId()]) {
    assert.ok(isId(id), id);
    assert.equal(id[14], '7');
    assert.match(id[19], /[89ab]/);
  }
  assert.ok(earlier < later);
});

test('ids and tokens do not repeat', () => {
  const ids = new Set(Array.from({ length: 2000 }, () => newId()));
  assert.equal(ids.size, 2000);
  const tokens = new Set(Array.from({ length: 200 }, () => newToken()));
  assert.equal(tokens.size, 200);
});

test('a token is 32 random bytes written for a URL', () => {
  const token = newToken();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
});

test('isId refuses anything that is not a lower-case UUID', () => {
  assert.ok(!isId('not-an-id'));
  assert.ok(!isId('0190A1B2-0000-7000-8000-000000000000'));
  assert.ok(!isId(`${newId()}x`));
});
