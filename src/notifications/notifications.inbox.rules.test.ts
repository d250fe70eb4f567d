// The receiving server's verdict read from Authentication-Results: the topmost header only,
// its results for the From domain only, DMARC first, and nothing verified by default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_AUTHENTICATION, isSenderVerified, parseAuthenticationResults, senderAuthenticationOf } from './notifications.inbox.rules.ts';

const FROM = 'renee.marchetti@exemple.fr';

/** As a large provider writes it, folded over several lines, with comments. */
const PASSING = [
  ' mx.conciergerie.example;',
  '\tdkim=pass (2048-bit key) header.d=exemple.fr header.i=@exemple.fr header.s=s1 header.b="AbC+d/1";',
  '\tspf=pass (mx.conciergerie.example: domain of renee.marchetti@exemple.fr designates 192.0.2.7 as permitted sender; ok) smtp.mailfrom=renee.marchetti@exemple.fr;',
  '\tdmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=exemple.fr',
].join('\r\n');

const FAILING = ' mx.conciergerie.example; dkim=fail (bad signature) header.d=exemple.fr; spf=softfail smtp.mailfrom=exemple.fr; dmarc=fail (p=QUARANTINE) header.from=exemple.fr';

test('a mail that passed DKIM, SPF and DMARC for its From domain is verified', () => {
  const verdict = senderAuthenticationOf([PASSING], FROM);
  assert.deepEqual(verdict, { dkim: 'pass', dmarc: 'pass', spf: 'pass' });
  assert.equal(isSenderVerified(verdict), true);
  assert.equal(parseAuthenticationResults(PASSING).authservId, 'mx.conciergerie.example');
});

test('failed, missing or empty results are not verified', () => {
  const failed = senderAuthenticationOf([FAILING], FROM);
  assert.deepEqual(failed, { dkim: 'fail', dmarc: 'fail', spf: 'softfail' });
  assert.equal(isSenderVerified(failed), false);

  assert.deepEqual(senderAuthenticationOf([], FROM), NO_AUTHENTICATION, 'no header');
  assert.equal(isSenderVerified(NO_AUTHENTICATION), false);
  assert.deepEqual(senderAuthenticationOf([' mx.conciergerie.example 1; none'], FROM), NO_AUTHENTICATION, 'the server checked nothing');
  assert.deepEqual(senderAuthenticationOf(['mx.conciergerie.example; dkim=none (message not signed) header.d=exemple.fr; dmarc=none header.from=exemple.fr'], FROM), {
    dkim: 'none',
    dmarc: 'none',
    spf: null,
  });
  for (const dmarc of ['none', 'fail', 'temperror', 'permerror', 'bestguesspass']) {
    assert.equal(isSenderVerified({ dkim: 'fail', dmarc, spf: 'pass' }), false, `dmarc=${dmarc} with dkim=fail`);
  }
  assert.equal(isSenderVerified({ dkim: null, dmarc: null, spf: 'pass' }), false, 'SPF alone vouches for the envelope, not the From');
  assert.deepEqual(senderAuthenticationOf([PASSING], ''), NO_AUTHENTICATION, 'a mail without a From address');
  assert.deepEqual(senderAuthenticationOf(['garbage without any structure'], FROM), NO_AUTHENTICATION);
});

test('only the topmost header counts: the lower ones may come from the sender', () => {
  // A sender writes its own « pass »; the receiving server puts its real verdict above it.
  assert.deepEqual(senderAuthenticationOf([FAILING, PASSING], FROM), { dkim: 'fail', dmarc: 'fail', spf: 'softfail' });
  assert.deepEqual(senderAuthenticationOf([PASSING, FAILING], FROM), { dkim: 'pass', dmarc: 'pass', spf: 'pass' });
});

test('DMARC decides: a pass with a failed DKIM signature is verified, a fail with a passing one is not', () => {
  const forwarded = senderAuthenticationOf(['mx.conciergerie.example; dkim=fail header.d=exemple.fr; spf=pass smtp.mailfrom=exemple.fr; dmarc=pass header.from=exemple.fr'], FROM);
  assert.deepEqual(forwarded, { dkim: 'fail', dmarc: 'pass', spf: 'pass' });
  assert.equal(isSenderVerified(forwarded), true);
  assert.equal(isSenderVerified({ dkim: 'pass', dmarc: 'fail', spf: 'pass' }), false);
  // A domain without a DMARC policy: its own DKIM signature is enough.
  const noPolicy = senderAuthenticationOf(['mx.conciergerie.example; dkim=pass header.i=@mail.exemple.fr; dmarc=none header.from=exemple.fr'], FROM);
  assert.deepEqual(noPolicy, { dkim: 'pass', dmarc: 'none', spf: null });
  assert.equal(isSenderVerified(noPolicy), true);
});

test('results about another domain are not results about the From domain', () => {
  // Anyone can sign with their own domain and write a member's address in From.
  const signedElsewhere = senderAuthenticationOf(['mx.conciergerie.example; dkim=pass header.d=pirate.example; spf=pass smtp.mailfrom=x@pirate.example'], FROM);
  assert.deepEqual(signedElsewhere, NO_AUTHENTICATION);
  assert.equal(isSenderVerified(signedElsewhere), false);
  assert.deepEqual(senderAuthenticationOf(['mx.conciergerie.example; dmarc=pass header.from=pirate.example'], FROM), NO_AUTHENTICATION);
  // A DKIM result that names no domain says nothing about the From domain; DMARC is about it by definition.
  assert.deepEqual(senderAuthenticationOf(['mx.conciergerie.example; dkim=pass; dmarc=pass'], FROM), { dkim: null, dmarc: 'pass', spf: null });
  // Of several signatures, the From domain's pass is kept.
  const twoSignatures = 'mx.conciergerie.example; dkim=pass header.d=mailer.example; dkim=fail header.d=exemple.fr; dkim=pass header.d=exemple.fr';
  assert.equal(senderAuthenticationOf([twoSignatures], FROM).dkim, 'pass');
  // A lookalike domain is not a subdomain.
  assert.equal(senderAuthenticationOf(['mx.conciergerie.example; dkim=pass header.d=pasexemple.fr'], FROM).dkim, null);
});

test('words are read whatever their case, spaces around = and quoted values', () => {
  const shouted = senderAuthenticationOf(['MX.Conciergerie.Example; DKIM = PASS Header.D="Exemple.FR"; SPF=Pass smtp.MAILFROM=Renee.Marchetti@EXEMPLE.fr; DMARC=Pass Header.From=EXEMPLE.FR'], 'Renee.Marchetti@Exemple.FR');
  assert.deepEqual(shouted, { dkim: 'pass', dmarc: 'pass', spf: 'pass' });
  assert.equal(isSenderVerified(shouted), true);
  assert.equal(parseAuthenticationResults('"MX.Conciergerie.Example" 1; none').authservId, 'mx.conciergerie.example');
});

test('with the receiving server named, a topmost header written under another name says nothing', () => {
  assert.deepEqual(senderAuthenticationOf([PASSING], FROM, 'MX.conciergerie.example'), { dkim: 'pass', dmarc: 'pass', spf: 'pass' });
  const forged = PASSING.replace('mx.conciergerie.example', 'mx.pirate.example');
  assert.deepEqual(senderAuthenticationOf([forged], FROM, 'mx.conciergerie.example'), NO_AUTHENTICATION);
});
