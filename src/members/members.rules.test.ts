import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalisePhone } from '../platform/forms.ts';
import { hasContact, memberSearchTerms, memberSearchText, phoneDigits } from './members.rules.ts';

const DUPONT = { firstName: 'Élodie', lastName: 'Dupont-Lefèvre', email: 'elodie.dupont@exemple.fr', phone: '06 12 34 56 78', city: 'Istres' };

/** What the list query does: every term inside the folded search text (LIKE '%term%'). */
function finds(query: string, member = DUPONT): boolean {
  const text = memberSearchText(member);
  return memberSearchTerms(query).every((term) => text.includes(term));
}

test('a member is found by a phone number typed in any usual format', () => {
  for (const query of ['0612345678', '06 12 34 56 78', '06.12.34.56.78', '06-12-34-56-78', '+33 6 12 34 56 78', '+33612345678', '0033 6 12 34 56 78', '06 12 34']) {
    assert.ok(finds(query), query);
  }
  assert.ok(!finds('06 99 99 99 99'));
});

test('a member is found by name without accents, in any case and order, and by e-mail', () => {
  assert.ok(finds('elodie'));
  assert.ok(finds('DUPONT'));
  assert.ok(finds('lefevre elodie'));
  assert.ok(finds('Élodie Dupont'));
  assert.ok(finds('elodie.dupont@exemple.fr'));
  assert.ok(!finds('martin'));
});

test('the search text starts with the last name, so ordering by it is alphabetical', () => {
  assert.ok(memberSearchText(DUPONT).startsWith('dupont lefevre elodie'));
  const names = ['Zola', 'Émile', 'Durand', 'éric'].map((lastName) => memberSearchText({ ...DUPONT, lastName }));
  assert.deepEqual([...names].sort().map((text) => text.split(' ')[0]), ['durand', 'emile', 'eric', 'zola']);
});

test('any stored phone is found by its own digits, whatever the spacing typed', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^0[1-9]\d{8}$/), fc.constantFrom(' ', '.', '-', ''), (digits, separator) => {
      const stored = normalisePhone(digits)!;
      const typed = digits.replace(/(\d{2})(?=\d)/g, `$1${separator}`);
      return finds(typed, { ...DUPONT, phone: stored }) && phoneDigits(stored) === digits;
    }),
  );
});

test('a member needs a phone or an e-mail', () => {
  assert.equal(hasContact({ phone: '06 12 34 56 78', email: null }), true);
  assert.equal(hasContact({ phone: null, email: 'a@b.fr' }), true);
  assert.equal(hasContact({ phone: null, email: null }), false);
});
