import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeLike, foldForSearch, searchTerms } from './text.ts';

/** How a search matches: every folded term is inside the folded text (what LIKE '%term%' does). */
function matches(text: string, query: string): boolean {
  const folded = foldForSearch(text);
  return searchTerms(query).every((term) => folded.includes(term));
}

test('a search finds words by their beginning, without caring for case or accents', () => {
  assert.ok(matches('Fromagerie du Marché', 'fromage'));
  assert.ok(matches('Café de la Place', 'cafe'));
  assert.ok(matches('cafe de la place', 'Café'));
  assert.ok(matches('ÉPICERIE FINE', 'epicerie'));
  assert.ok(matches('Crème brûlée', 'creme brulee'));
  assert.ok(!matches('Boulangerie', 'fromage'));
});

test('ligatures fold to their two letters, both ways', () => {
  assert.equal(foldForSearch('Œufs de la ferme'), 'oeufs de la ferme');
  assert.equal(foldForSearch('bœuf'), 'boeuf');
  assert.ok(matches('Bœuf de Camargue', 'boeuf'));
  assert.ok(matches('Boeuf de Camargue', 'bœuf'));
  assert.equal(foldForSearch('Lætitia'), 'laetitia');
});

test('folding collapses spaces and punctuation and keeps e-mail characters', () => {
  assert.equal(foldForSearch('  Fromagerie   Éric  '), 'fromagerie eric');
  assert.equal(foldForSearch("L'Atelier — Cordonnerie !"), 'l atelier cordonnerie');
  assert.equal(foldForSearch('Marie.Dupont+test@Exemple.fr'), 'marie.dupont+test@exemple.fr');
});

test('folding is idempotent and leaves only plain lower-case characters', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (input) => {
      const folded = foldForSearch(input);
      return foldForSearch(folded) === folded && /^[a-z0-9@.+ ]*$/.test(folded) && folded === folded.trim();
    }),
    { numRuns: 1000 },
  );
});

test('a query gives at most six folded words', () => {
  assert.deepEqual(searchTerms('  Pain  AU   Levain '), ['pain', 'au', 'levain']);
  assert.deepEqual(searchTerms('a b c d e f g h'), ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.deepEqual(searchTerms('   '), []);
});

test('LIKE wildcards in a query are escaped', () => {
  assert.equal(escapeLike('100%'), '100\\%');
  assert.equal(escapeLike('a_b'), 'a\\_b');
  assert.equal(escapeLike('c:\\x'), 'c:\\\\x');
  assert.equal(escapeLike('fromage'), 'fromage');
});
