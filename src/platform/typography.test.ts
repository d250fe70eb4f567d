import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clockText, dateText, formatPhone, frenchTypography, NBSP, rangeText } from './typography.ts';

// Written with « ␣ » for the no-break space so that each expectation shows where it goes.
const shown = (text: string) => text.replaceAll(NBSP, '␣');

test('the space before « : ; ? ! » and inside guillemets becomes a no-break space', () => {
  assert.equal(shown(frenchTypography('Total : 12 €')), 'Total␣: 12␣€');
  assert.equal(shown(frenchTypography('Une question ? Appelez ; merci !')), 'Une question␣? Appelez␣; merci␣!');
  assert.equal(shown(frenchTypography('Rien pour « vin rosé » ici.')), 'Rien pour «␣vin rosé␣» ici.');
  assert.equal(shown(frenchTypography('Remise : 20 %')), 'Remise␣: 20␣%');
});

test('no space is added where there was none: URLs, times written 12:30, query strings', () => {
  for (const text of ['https://conciergerie.istres.fr/contact?page=2', 'ouvert à 12:30', 'Total: 3', 'Oui!', '«vin»', '']) {
    assert.equal(frenchTypography(text), text);
  }
});

test('a time never breaks inside, and a range keeps its dash with the first time', () => {
  assert.equal(shown(frenchTypography('le retrait de 12 h 30 à 13 h')), 'le retrait de 12␣h␣30 à 13␣h');
  assert.equal(shown(frenchTypography('12 h – 12 h 30 et 18 h – 20 h')), '12␣h␣– 12␣h␣30 et 18␣h␣– 20␣h');
  assert.equal(frenchTypography('pendant 2 heures, 10 hommes'), 'pendant 2 heures, 10 hommes', 'a word starting with h is not a time');
  assert.equal(shown(clockText(9, 0)), '9␣h');
  assert.equal(shown(clockText(18, 5)), '18␣h␣05');
  assert.equal(shown(rangeText(clockText(12, 0), clockText(12, 30))), '12␣h␣– 12␣h␣30');
});

test('a phone number in pairs is glued in any text', () => {
  assert.equal(shown(frenchTypography('Appelez le 04 42 55 00 00 ou le +33 4 42 11 22 33.')), 'Appelez le 04␣42␣55␣00␣00 ou le +33␣4␣42␣11␣22␣33.');
  assert.equal(frenchTypography('bon 12 34 56'), 'bon 12 34 56', 'five pairs only');
});

test('a phone number is written in pairs, whatever the way it was typed', () => {
  for (const typed of ['0442550000', '04 42 55 00 00', '04.42.55.00.00', '04-42-55-00-00', ' 04 42 55 00 00 ']) {
    assert.equal(shown(formatPhone(typed)), '04␣42␣55␣00␣00', typed);
  }
  assert.equal(shown(formatPhone('+33442550000')), '+33␣4␣42␣55␣00␣00');
  assert.equal(shown(formatPhone('+44 20 7946 0958')), '+44␣20␣7946␣0958', 'a foreign number keeps its groups');
});

test('a date in words: « 1er » for the first of a month, the day glued to its month', () => {
  assert.equal(shown(dateText('vendredi 1 janvier 2027')), 'vendredi 1er␣janvier 2027');
  assert.equal(shown(dateText('jeudi 24 décembre')), 'jeudi 24␣décembre');
  assert.equal(shown(dateText('1 octobre 2026')), '1er␣octobre 2026');
  assert.equal(shown(dateText('samedi 11 avril')), 'samedi 11␣avril', '11 is not 1');
});

test('applying the rules twice changes nothing, and only ordinary spaces are ever replaced', () => {
  const words = fc.constantFrom('Total', ':', ';', '?', '!', '«', '»', '12', 'h', '30', '–', '04', '42', 'https://x.fr/a?b=1', '%', '1', 'mars', '');
  fc.assert(
    fc.property(fc.array(words, { maxLength: 12 }), (parts) => {
      const text = parts.join(' ');
      const once = frenchTypography(text);
      assert.equal(frenchTypography(once), once);
      assert.equal(once.replaceAll(NBSP, ' '), text);
    }),
  );
});
