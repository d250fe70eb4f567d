import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSignedToken, signedToken, SIGNED_TOKEN_PATTERN } from './signed-links.ts';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

test('a signed token opens only the thing and purpose it was made for', () => {
  const token = signedToken(SECRET, 'follow', 'id-1');
  assert.match(token, new RegExp(SIGNED_TOKEN_PATTERN));
  assert.equal(signedToken(SECRET, 'follow', 'id-1'), token, 'the same link can be written again');
  assert.ok(isSignedToken(SECRET, 'follow', 'id-1', token));
  assert.ok(!isSignedToken(SECRET, 'follow', 'id-2', token));
  assert.ok(!isSignedToken(SECRET, 'quote', 'id-1', token));
  assert.ok(!isSignedToken('another-secret-of-thirty-two-characters!', 'follow', 'id-1', token));
  assert.ok(!isSignedToken(SECRET, 'follow', 'id-1', token.slice(1)));
});
