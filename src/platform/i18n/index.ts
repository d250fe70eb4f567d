// All interface text lives in the dictionaries of `./fr/`, one file per subject, so another
// language is one more folder. `t(key, params)` fills `{name}` placeholders.
import { messages as fr } from './fr/index.ts';

export type MessageKey = keyof typeof fr;
export type MessageParams = Record<string, string | number>;

export function t(key: MessageKey, params: MessageParams = {}): string {
  const template: string = fr[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** For keys built at run time (a status or a category code); falls back to the key. */
export function tDynamic(key: string, params: MessageParams = {}): string {
  return key in fr ? t(key as MessageKey, params) : key;
}
