import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestForLog, urlForLog } from './log-redaction.ts';

test('a password link is logged without its token; other addresses as they are', () => {
  assert.equal(urlForLog('/mot-de-passe/SH7PSORW0rjdAbCdEf_-0123456789abcdefghijklmn'), '/mot-de-passe/…');
  assert.equal(urlForLog('/mot-de-passe/SH7PSORW0rjd?x=1'), '/mot-de-passe/…?x=1');
  assert.equal(urlForLog('/mot-de-passe-oublie'), '/mot-de-passe-oublie');
  assert.equal(urlForLog('/gestion/commandes?page=2'), '/gestion/commandes?page=2');
  const logged = requestForLog({ method: 'POST', url: '/mot-de-passe/secret-token', host: 'conciergerie.istres.fr', ip: '203.0.113.7', socket: { remotePort: 51000 } });
  assert.deepEqual(logged, { method: 'POST', url: '/mot-de-passe/…', host: 'conciergerie.istres.fr', remoteAddress: '203.0.113.7', remotePort: 51000 });
  assert.doesNotMatch(JSON.stringify(logged), /secret-token/);
});
