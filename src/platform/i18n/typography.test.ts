// Every French text of the dictionary, as a page shows it (placeholders filled), follows
// French typography: a no-break space before « : ; ? ! » and inside « guillemets », a
// curly apostrophe, plural forms rather than « (s) », no double space. The no-break spaces
// are set by `t()`; what this test catches is a space or a form missing from a text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages } from './fr/index.ts';
import { t, tPlural, type MessageKey } from './index.ts';
import { NBSP } from '../typography.ts';

const KEYS = Object.keys(messages) as MessageKey[];

/** A plausible value for each placeholder: a word, so that a mark glued to it shows. */
function sampleParams(template: string): Record<string, string> {
  return Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, 'Valeur']));
}

/** What is wrong in a text as shown, in words (empty when nothing is). */
function problemsOf(text: string): string[] {
  const rules: Array<[RegExp, string]> = [
    [/ [:;?!»]/, 'an ordinary space before a mark (it may break the line)'],
    [/« /, 'an ordinary space after «'],
    // A mark glued to a word and followed by a space or the end: « Total: » (URLs, 12:30 and ?page= are followed by no space).
    [/[\p{L}\d)»][:;?!](?=\s|$)/u, 'no space before a high mark'],
    [/«(?!\u00a0)/, 'no space after «'],
    [/(?<!\u00a0)»/, 'no space before »'],
    [/\((?:s|e|es|x)\)/, 'a « (s) »: use plural forms'],
    [/\p{L}'\p{L}/u, 'a straight apostrophe: write ’'],
    [/[ \u00a0\u202f]{2}/, 'a double space'],
  ];
  return rules.filter(([pattern]) => pattern.test(text)).map(([, why]) => why);
}

test('every text of the dictionary, as shown, follows French typography', () => {
  assert.ok(KEYS.length > 500, `the dictionary is read (${KEYS.length} keys)`);
  const problems: string[] = [];
  for (const key of KEYS) {
    const text = t(key, sampleParams(messages[key]));
    for (const why of problemsOf(text)) problems.push(`${key}: ${why} — ${text.replaceAll(NBSP, '␣')}`);
  }
  assert.deepEqual(problems, []);
});

test('the check itself sees each kind of fault', () => {
  assert.deepEqual(problemsOf('Total: 3'), ['no space before a high mark']);
  assert.deepEqual(problemsOf('«vin»'), ['no space after «', 'no space before »']);
  assert.deepEqual(problemsOf('2 bon(s)'), ['a « (s) »: use plural forms']);
  assert.deepEqual(problemsOf("l'adresse"), ['a straight apostrophe: write ’']);
  assert.deepEqual(problemsOf('deux  espaces'), ['a double space']);
  assert.deepEqual(problemsOf(`Voir https://istres.fr/?page=2 à 12:30${NBSP}!`), []);
});

test('plural forms: 0 and 1 are singular in French, 2 and more plural', () => {
  const pluralKeys = KEYS.filter((key) => key.endsWith('.one')).map((key) => key.slice(0, -'.one'.length));
  assert.ok(pluralKeys.length >= 10, `the dictionary has plural forms (${pluralKeys.length})`);
  for (const key of pluralKeys) assert.ok(`${key}.other` in messages, `${key}.other exists beside ${key}.one`);
  const text = (count: number) => tPlural('checkout.slot_remaining', count).replaceAll(NBSP, ' ');
  assert.equal(text(0), '0 place restante');
  assert.equal(text(1), '1 place restante');
  assert.equal(text(2), '2 places restantes');
  assert.equal(text(12), '12 places restantes');
  const members = (count: number) => tPlural('members.list.count_for', count, { query: 'Dupont' }).replaceAll(NBSP, ' ');
  assert.equal(members(1), '1 adhérent pour « Dupont »');
  assert.equal(members(3), '3 adhérents pour « Dupont »');
});

test('t() sets the no-break spaces on the text filled in too, and keeps a URL whole', () => {
  assert.equal(t('contact.place_phone', { phone: '04 42 55 00 00' }).includes(`04${NBSP}42${NBSP}55${NBSP}00${NBSP}00`), true);
  const withUrl = t('members.list.count_for.one', { count: 1, query: 'https://istres.fr/?a=1' });
  assert.ok(withUrl.includes('https://istres.fr/?a=1'), withUrl);
});
