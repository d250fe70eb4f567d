import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { categoryOf, decodeCsv, guessMapping, looksLikeFormula, missingFields, sniffDelimiter } from './import.rules.ts';

test('strict UTF-8 is read as such, its byte order mark dropped; anything else as Windows-1252', () => {
  assert.deepEqual(decodeCsv(Buffer.from('\uFEFFCœur;5 €', 'utf8')), { text: 'Cœur;5 €', encoding: 'utf-8' });
  assert.deepEqual(decodeCsv(iconv.encode('L’Œuf;5 €', 'windows-1252')), { text: 'L’Œuf;5 €', encoding: 'windows-1252' });
});

test('the delimiter is sniffed from the header line only, quotes respected', () => {
  assert.equal(sniffDelimiter('Nom;Adresse;Ville\nDupont, fils;1, rue A;Istres'), ';');
  assert.equal(sniffDelimiter('Nom,Adresse,Ville\n"A;B",x,y'), ',');
  assert.equal(sniffDelimiter('Nom\tAdresse\tVille, commune\nA\tB\tC'), '\t');
  assert.equal(sniffDelimiter('"Nom; prénom",Adresse,Ville'), ',');
});

test('the columns are guessed from their names; an e-mail address is not taken for the address', () => {
  const mapping = guessMapping(['Dénomination', 'Enseigne', 'N° SIRET', 'Adresse électronique', 'Adresse', 'CP', 'Ville', 'Tél.', 'Code NAF']);
  assert.deepEqual(mapping, { legal_name: 0, trade_name: 1, siret: 2, email: 3, address_line: 4, postal_code: 5, city: 6, phone: 7, category: 8 });
  assert.deepEqual(missingFields(guessMapping(['Nom', 'Ville'])), ['siret', 'address_line', 'postal_code']);
  assert.deepEqual(missingFields(guessMapping(['Téléphone', 'SIRET', 'Adresse', 'Code postal', 'Commune'])), ['name']);
});

test('an activity finds its category by label, by a label it contains, or by its NAF code', () => {
  const categories = [{ code: 'cave', label: 'Cave à vins' }, { code: 'librairie', label: 'Librairie' }, { code: 'alimentation', label: 'Alimentation' }];
  assert.equal(categoryOf('CAVE A VINS', categories, 'alimentation'), 'cave');
  assert.equal(categoryOf('Librairie-papeterie', categories, 'alimentation'), 'librairie');
  assert.equal(categoryOf('47.25Z', categories, 'alimentation'), 'cave');
  assert.equal(categoryOf('Plomberie', categories, 'alimentation'), 'alimentation');
});

test('cells a spreadsheet would compute are recognised', () => {
  for (const text of ['=1+1', '+33', '-Istres', '@SOMME(A1)', '\tx']) assert.ok(looksLikeFormula(text), text);
  for (const text of ['Istres', '1 rue = 2', '']) assert.ok(!looksLikeFormula(text), text);
});
