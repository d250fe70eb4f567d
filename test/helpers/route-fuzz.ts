// Arbitraries for the fuzzer, generated from a route's TypeBox schema (body or query string)
// or from an OpenAPI parameter's JSON schema: values that honour the schema, values that break
// it (too long, off pattern, wrong type, a list for a text), missing and extra fields, mixed
// with hostile values an attacker would try. And what an answer must never show.
import fc from 'fast-check';
import type { TObject, TSchema } from '@sinclair/typebox';

/** A form or query field as sent: a text, a list (the same name repeated), or left out. */
export type Field = string | string[] | undefined;
export type Fields = Record<string, string | string[]>;

/**
 * The two script injections as they would appear unescaped in an HTML page: a tag opened by
 * the input. (Escaped, the page shows `&lt;img src=x onerror=alert(1)>`: `>` needs no escaping
 * in text, so the tag's opening `<` is what tells.)
 */
export const SCRIPT_MARKERS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'] as const;

/** What an attacker types: injections, odd Unicode, impossible numbers. */
export const HOSTILE: readonly string[] = [
  'x'.repeat(20_000),
  'é'.repeat(5_000),
  'abc\u202edcba',
  'e\u0301\u0301\u0301\u0301\u0301',
  'a\u0000b',
  '\u0000',
  '😀👍🏽👨‍👩‍👧',
  '\ud800',
  'x\udfffy',
  SCRIPT_MARKERS[0],
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  "'; drop table shops; --",
  '%00',
  '%',
  '../../etc/passwd',
  '=HYPERLINK("http://exemple.fr","clic")',
  '+33 6 00 00 00 00',
  '@SUM(A1)',
  '1e309',
  '-1e309',
  '-0',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '99999999999999999999999',
  '0x1F',
  '1,5',
  '2026-02-30',
  '31/02/2026',
  '',
  ' ',
  '\t\n',
  'null',
  'undefined',
  '{"a":1}',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-7fff-bfff-ffffffffffff',
];

const hostile = fc.constantFrom(...HOSTILE);

interface Shape {
  type?: string;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Shape[];
  items?: Shape;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
}

function choicesOf(shape: Shape): string[] | undefined {
  if (shape.enum) return shape.enum.map(String);
  if (shape.const !== undefined) return [String(shape.const)];
  if (shape.anyOf?.every((option) => option.const !== undefined)) return shape.anyOf.map((option) => String(option.const));
  return undefined;
}

function patternArb(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(pattern)).filter((value) => value.length <= 200);
  } catch {
    return undefined;
  }
}

function numberArb(shape: Shape): fc.Arbitrary<string> {
  const near = [shape.minimum, shape.maximum].filter((bound): bound is number => bound !== undefined).flatMap((bound) => [bound - 1, bound, bound + 1]);
  return fc.oneof(
    fc.integer().map(String),
    fc.double({ noNaN: false }).map(String),
    fc.constantFrom('1e309', '-0', 'NaN', 'Infinity', '1.5', '007', ...near.map(String)),
  );
}

function stringArb(shape: Shape): fc.Arbitrary<string> {
  const max = shape.maxLength ?? 200;
  const options: Array<fc.Arbitrary<string>> = [
    fc.string({ maxLength: Math.min(max, 60), unit: 'grapheme' }),
    fc.string({ maxLength: 30, unit: 'binary' }),
    fc.string({ minLength: max + 1, maxLength: max + 5 }),
  ];
  const matching = shape.pattern ? patternArb(shape.pattern) : undefined;
  if (matching) options.push(matching, matching.map((value) => `${value}x`), matching.map((value) => ` ${value}`));
  if (shape.format === 'date' || shape.format === 'date-time') options.push(fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, shape.format === 'date' ? 10 : 24)));
  return fc.oneof(...options);
}

/** A value shaped by the schema, in or out of its bounds. */
function scalarArb(shape: Shape): fc.Arbitrary<string> {
  const choices = choicesOf(shape);
  if (choices) return fc.oneof(fc.constantFrom(...choices), fc.constantFrom(...choices).map((value) => value.toUpperCase()), fc.string({ maxLength: 10 }));
  if (shape.type === 'integer' || shape.type === 'number') return numberArb(shape);
  if (shape.type === 'boolean') return fc.constantFrom('true', 'false', 'on', '1', 'oui', 'x');
  return stringArb(shape);
}

/** One field: a valid value (when known), one shaped by its schema, a hostile one, a list for a text, or none. */
export function fieldArb(schema: TSchema, valid?: () => string | string[]): fc.Arbitrary<Field> {
  const shape = schema as Shape;
  const list = (item: fc.Arbitrary<string>) => fc.array(item, { minLength: 2, maxLength: (shape.maxItems ?? 3) + 2 });
  const options: Array<fc.WeightedArbitrary<Field>> = [
    { weight: 2, arbitrary: shape.type === 'array' ? list(scalarArb(shape.items ?? {})) : scalarArb(shape) },
    { weight: 3, arbitrary: hostile },
    { weight: 1, arbitrary: list(fc.oneof(hostile, scalarArb(shape.items ?? shape))) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ];
  if (valid) options.push({ weight: 3, arbitrary: fc.constant(null).map(() => valid()) });
  return fc.oneof(...options);
}

/** A whole body or query: each property fuzzed (the others valid), or everything fuzzed, sometimes an unknown field more. */
export function fieldsArb(schema: TObject | undefined, valid: Fields, values: Record<string, () => string | string[]>): fc.Arbitrary<Fields> {
  const properties = Object.entries(schema?.properties ?? {}).filter(([name]) => name !== '_csrf');
  const record: Record<string, fc.Arbitrary<Field>> = {};
  for (const [name, property] of properties) record[name] = fieldArb(property, values[name] ?? (name in valid ? () => valid[name] : undefined));
  const extra = fc.option(fc.tuple(fc.constantFrom('champ_inconnu', 'id', 'role', 'shop_id', 'admin'), hostile), { nil: undefined });
  const some = properties.length === 0 ? fc.constant({}) : fc.record(record, { requiredKeys: [] });
  // One field bad and the rest valid reaches the checks behind the schema; all of them bad, the schema itself.
  const one =
    properties.length === 0
      ? fc.constant({})
      : fc.constantFrom(...properties.map(([name]) => name)).chain((name) => record[name].map((value) => ({ ...valid, [name]: value })));
  return fc.tuple(fc.oneof<Array<fc.Arbitrary<Record<string, Field>>>>(one, some), extra).map(([fields, more]) => {
    const result: Fields = {};
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) result[name] = value;
    if (more) result[more[0]] = more[1];
    return result;
  });
}

/** Percent-encodes like a browser, except that a lone surrogate is sent as the invalid bytes it would be. */
export function encodeValue(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value].map((char) => (/[\ud800-\udfff]/.test(char) && char.length === 1 ? '%ED%A0%80' : encodeURIComponent(char))).join('');
  }
}

export function encodeFields(fields: Fields): string {
  return Object.entries(fields)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item) => `${encodeValue(name)}=${encodeValue(item)}`))
    .join('&');
}

/** Signs of an internal error shown to the user: a stack frame, an error's name, SQL or a path of the code. */
const LEAKS: ReadonlyArray<[string, RegExp]> = [
  ['a stack frame', /^\s*at \S+ \(/m],
  ['a stack frame', /\bat (?:async )?\S+ \((?:file:|node:|\/)/],
  ['an error name', /\b(?:Type|Reference|Range|Syntax)?Error: /],
  ['SQL', /SQLITE_|syntax error|near "|unrecognized token|\bsql\b.*\bselect\b|violates (?:not-null|foreign key|unique|check) constraint|invalid byte sequence|relation "|column "/i],
  ['a path of the code', /node_modules|\/src\/\w+\/[\w.-]+\.tsx?\b/],
];

/** The leaks found in an answer's text (binary answers are not read). */
export function leaksIn(contentType: string, body: string): string[] {
  if (!/^(text\/|application\/(json|xml|problem))/.test(contentType)) return [];
  return LEAKS.filter(([, pattern]) => pattern.test(body)).map(([name]) => name);
}

/** An injected script shown back as is in an HTML page. */
export function unescapedIn(contentType: string, body: string): string[] {
  if (!contentType.startsWith('text/html')) return [];
  return SCRIPT_MARKERS.filter((marker) => body.includes(marker));
}

/** A seed for one route, from the run's seed and the route's name, so that one route replays alone. */
export function seedOf(runSeed: number, name: string): number {
  let hash = runSeed | 0;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}
