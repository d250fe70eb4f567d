import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openText, sealText } from './sealing.ts';

const SECRET = 'a session secret of at least thirty-two characters';

test('a sealed text opens with the same secret, label and context, and shows nothing in clear', () => {
  const sealed = sealText(SECRET, 'totp', 'account-1', 'JBSWY3DPEHPK3PXP');
  assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
  assert.notEqual(sealed, sealText(SECRET, 'totp', 'account-1', 'JBSWY3DPEHPK3PXP'), 'a fresh IV each time');
  assert.equal(openText(SECRET, 'totp', 'account-1', sealed), 'JBSWY3DPEHPK3PXP');
});

test('a sealed text does not open under another secret, label or context, nor once altered', () => {
  const sealed = sealText(SECRET, 'totp', 'account-1', 'JBSWY3DPEHPK3PXP');
  assert.throws(() => openText(`${SECRET}!`, 'totp', 'account-1', sealed));
  assert.throws(() => openText(SECRET, 'other use', 'account-1', sealed));
  assert.throws(() => openText(SECRET, 'totp', 'account-2', sealed));
  const [version, iv, body, tag] = sealed.split('.');
  const flipped = Buffer.from(body, 'base64url');
  flipped[0] ^= 1;
  assert.throws(() => openText(SECRET, 'totp', 'account-1', [version, iv, flipped.toString('base64url'), tag].join('.')));
  assert.throws(() => openText(SECRET, 'totp', 'account-1', 'clear text'));
});
