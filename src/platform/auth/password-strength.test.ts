import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containsIdentity, identityPieces, passwordProblem } from './password-strength.ts';

const PERSON = { email: 'jean-luc.lefevre@exemple.fr', displayName: 'Jean-Luc Lefèvre' };
const CONTEXT = { ...PERSON, siteName: 'Conciergerie d’Istres', town: 'Istres' };

test('the pieces of a person a guesser tries: the address, its local part and its words, the name, without accents', () => {
  assert.deepEqual(identityPieces(PERSON), ['jean-luc.lefevre@exemple.fr', 'jean-luc.lefevre', 'jean', 'lefevre']);
});

test('a password holding the address or the name is caught, however it is spelt', () => {
  assert.ok(containsIdentity('LEFÈVRE-1975', PERSON));
  assert.ok(containsIdentity('jean luc lefevre !', PERSON));
  assert.ok(containsIdentity('jean-luc.lefevre', PERSON));
  assert.ok(!containsIdentity('le chat de la voisine', PERSON));
  // Three letters or fewer are no identity: « Léa » would refuse half the phrases of French.
  assert.ok(!containsIdentity('la clé de la porte bleue', { email: 'lea@exemple.fr', displayName: 'Léa Roy' }));
});

test('common passwords, keyboard rows and repeats are refused; a phrase of a few words is not', async () => {
  assert.equal(await passwordProblem('aaaaaaaaaa', CONTEXT), 'password_pattern');
  assert.equal(await passwordProblem('azerty1234', CONTEXT), 'password_common');
  assert.equal(await passwordProblem('P@ssw0rd2024', CONTEXT), 'password_common');
  assert.equal(await passwordProblem('istres2026', CONTEXT), 'password_personal');
  assert.equal(await passwordProblem('le vélo bleu de la place', CONTEXT), undefined);
  assert.equal(await passwordProblem('Tricycle-violet-8-camions', CONTEXT), undefined);
});

test('a very long password is judged on its start, in bounded time', async () => {
  const started = performance.now();
  assert.equal(await passwordProblem('4@31!0$5|7'.repeat(20), CONTEXT), undefined);
  assert.equal(await passwordProblem(`${'a'.repeat(60)}zQ9!kW3#pL`, CONTEXT), 'password_pattern');
  assert.ok(performance.now() - started < 5000);
});
