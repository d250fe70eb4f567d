import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret, TOTP } from 'otpauth';
import { matchTotpStep, newTotpSecret, normaliseTotpCode, secretInGroups, totpQrSvg, totpStepAt, totpUri } from './totp.ts';

// RFC 6238's SHA-1 test key ("12345678901234567890") and its published 8-digit values,
// of which a 6-digit code is the last six digits.
const RFC_SECRET = Secret.fromLatin1('12345678901234567890').base32;

test('codes are those of RFC 6238 (SHA-1, 30-second steps, last six digits)', () => {
  for (const [seconds, eight] of [[59, '94287082'], [1111111109, '07081804'], [1234567890, '89005924'], [2000000000, '69279037']] as const) {
    assert.equal(matchTotpStep(RFC_SECRET, eight.slice(2), seconds * 1000), totpStepAt(seconds * 1000), String(seconds));
  }
});

test('a code of the step before or after is accepted and names its own step; two steps away it is not', () => {
  const secret = newTotpSecret();
  const at = Date.parse('2026-06-15T10:00:05Z');
  const code = (ms: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: ms });
  assert.equal(matchTotpStep(secret, code(at), at), totpStepAt(at));
  assert.equal(matchTotpStep(secret, code(at - 30_000), at), totpStepAt(at) - 1);
  assert.equal(matchTotpStep(secret, code(at + 30_000), at), totpStepAt(at) + 1);
  for (const far of [at - 60_000, at + 60_000]) {
    if ([-1, 0, 1].some((steps) => code(at + steps * 30_000) === code(far))) continue;
    assert.equal(matchTotpStep(secret, code(far), at), null);
  }
  assert.equal(matchTotpStep(secret, 'abcdef', at), null);
});

test('a typed code may hold a space or a dot; anything but six digits is no code', () => {
  assert.equal(normaliseTotpCode(' 123 456 '), '123456');
  assert.equal(normaliseTotpCode('123.456'), '123456');
  assert.equal(normaliseTotpCode('12345'), undefined);
  assert.equal(normaliseTotpCode('1234567'), undefined);
});

test('a new secret has 160 bits, and is shown by groups of four', () => {
  const secret = newTotpSecret();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.notEqual(secret, newTotpSecret());
  assert.equal(secretInGroups('JBSWY3DPEHPK3PXPAB'), 'JBSW Y3DP EHPK 3PXP AB');
});

test('the QR code carries the otpauth address and is an SVG without style or script', async () => {
  const uri = totpUri('JBSWY3DPEHPK3PXP', 'Conciergerie d’Istres', 'marie@exemple.fr');
  assert.match(uri, /^otpauth:\/\/totp\/Conciergerie%20d%E2%80%99Istres:marie%40exemple\.fr\?/);
  assert.match(uri, /secret=JBSWY3DPEHPK3PXP/);
  assert.match(uri, /digits=6&period=30/);
  const svg = await totpQrSvg(uri);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.doesNotMatch(svg, /style|script/i);
});
