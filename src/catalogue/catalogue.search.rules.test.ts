import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ftsQuery, searchWords, tsQuery } from './catalogue.search.rules.ts';

const stems = (query: string) => searchWords(query).map((word) => word.stem);

test('plurals fold to the singular; case, accents and ligatures do not matter', () => {
  assert.deepEqual(stems('vins'), ['vin']);
  assert.deepEqual(stems('Bouteilles'), ['bouteille']);
  assert.deepEqual(stems('BIJOUX'), ['bijou']);
  assert.deepEqual(stems('Vín'), ['vin']);
  assert.deepEqual(stems('Œufs'), ['oeuf']);
  // Too short to be a plural: « jus » and « os » stay as they are.
  assert.deepEqual(stems('jus os'), ['jus', 'os']);
});

test('little words and repeats are dropped; at most six words are kept', () => {
  assert.deepEqual(stems('Le vin de la Cave'), ['vin', 'cave']);
  assert.deepEqual(stems('vin vins VIN'), ['vin']);
  assert.deepEqual(stems('de la'), []);
  assert.deepEqual(stems('?!… « »'), []);
  assert.equal(searchWords('un deux trois quatre cinq six sept huit').length, 6);
});

test('long words match the start of longer words, short ones only themselves and their plurals', () => {
  assert.deepEqual(searchWords('fromage vin'), [
    { word: 'fromage', stem: 'fromage', prefix: true },
    { word: 'vin', stem: 'vin', prefix: false },
  ]);
  assert.equal(ftsQuery(searchWords('fromages vin')), '"fromage"* AND ("vin" OR "vins" OR "vinx")');
  assert.equal(tsQuery(searchWords('fromages vins')), "'fromages':* & 'vins'");
  assert.equal(tsQuery(searchWords('fromages vins'), 'A'), "'fromages':*A | 'vins':A");
});

test('whatever is typed, the queries hold only quoted letters and digits', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), (query) => {
      const words = searchWords(query);
      const fts = ftsQuery(words).replace(/\b(AND|OR)\b/g, '');
      const ts = tsQuery(words, 'B').replace(/:\*?B/g, '');
      return words.every((word) => /^[a-z0-9]+$/.test(word.word)) && /^[a-z0-9"*() ]*$/.test(fts) && /^[a-z0-9'| ]*$/.test(ts);
    }),
  );
});
