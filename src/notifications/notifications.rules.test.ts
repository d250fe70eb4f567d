import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linksIn } from './notifications.rules.ts';

test('the links of a mail are found once each, without trailing punctuation', () => {
  const text = [
    'Bonjour Marie,',
    'Ouvrez ce lien (valable sept jours) :',
    'http://localhost:3000/mot-de-passe/abc_DEF-123',
    'Ou voyez https://istres.example/contact.',
    'Encore : http://localhost:3000/mot-de-passe/abc_DEF-123',
  ].join('\n\n');
  assert.deepEqual(linksIn(text), ['http://localhost:3000/mot-de-passe/abc_DEF-123', 'https://istres.example/contact']);
});

test('only web addresses become links', () => {
  assert.deepEqual(linksIn('javascript:alert(1) mailto:a@b.fr ftp://x.fr'), []);
});
