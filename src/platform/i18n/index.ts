// All interface text lives in the dictionaries of `./fr/`, one file per subject, so another
// language is one more folder. `t(key, params)` fills `{name}` placeholders, then sets the
// French no-break spaces (see ../typography.ts) on the whole text, what was filled in included.
import { messages as fr } from './fr/index.ts';
import { frenchTypography } from '../typography.ts';

export type MessageKey = keyof typeof fr;
export type MessageParams = Record<string, string | number>;

/** The keys that come in plural forms: `x.one` and `x.other` give `x`. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never }[MessageKey];

// Texts without placeholders are the most asked for (labels, buttons): each is set once.
const settled = new Map<string, string>();

export function t(key: MessageKey, params?: MessageParams): string {
  const template: string = fr[key] ?? key;
  if (params === undefined || !template.includes('{')) {
    let text = settled.get(key);
    if (text === undefined) settled.set(key, (text = frenchTypography(template)));
    return text;
  }
  return frenchTypography(template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)));
}

/** For keys built at run time (a status or a category code); falls back to the key. */
export function tDynamic(key: string, params: MessageParams = {}): string {
  return key in fr ? t(key as MessageKey, params) : key;
}

const plurals = new Intl.PluralRules('fr-FR');

/**
 * The form of `key` that French uses for `count` (given as `{count}`): `key.one` for 0 and 1
 * (and 1,5), `key.other` from 2 on. A large round number (« 1 million ») takes `other` too.
 */
export function tPlural(key: PluralKey, count: number, params: MessageParams = {}): string {
  const form = plurals.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as MessageKey, { count, ...params });
}
