// French typography for every text the pages show: a line must never break between a word
// and the « : ; ? ! » that follows it, inside « guillemets », inside a time (« 12 h 30 »),
// a date (« 4 décembre »), an amount (« 20 % ») or a phone number (« 04 42 11 22 33 »).
//
// One character glues them all: the no-break space U+00A0, also before « ; ? ! », where
// printers use the narrower U+202F. At 20 px for readers with low vision, the full space
// keeps the mark visibly apart from the word; every font has it (U+202F is missing from
// some, which then falls back to another font); and it is what French word processors type.
// Amounts keep the U+202F that `Intl.NumberFormat` puts in « 1 234,50 € »: it does not break
// either.
//
// These functions only turn an existing ordinary space into U+00A0: they never add a space
// that was not there, so a URL, « 12:30 » or « ?page=2 » pass untouched. Pure, no I/O.

export const NBSP = '\u00a0';

// Each rule: a pattern whose ordinary spaces (and only them) become no-break spaces.
const GLUES: readonly RegExp[] = [
  // « mot : », « mot ? », « mot » » — a space before a high mark or a closing guillemet.
  / (?=[:;?!»])/g,
  // « « mot » — the space after an opening guillemet.
  /(?<=«) /g,
  // « 12 h », « 12 h 30 » (a time, not « 12 heures »).
  /(?<=\b\d{1,2}) (?=h\b)/g,
  /(?<=\b\d{1,2}\u00a0h) (?=\d{2}\b)/g,
  // « 12 h – 14 h »: the dash stays on the line of the first time; the line may break after it.
  /(?<=\b\d{1,2}\u00a0h(?:\u00a0\d{2})?) (?=– \d)/g,
  // « 20 % », « 5 € ».
  /(?<=\d) (?=[%€])/g,
];

// French phone numbers written in pairs: « 04 42 11 22 33 », « +33 4 42 11 22 33 ».
const PHONE = /(?:\+33 ?[1-9]|\b0[1-9])(?: \d{2}){4}\b/g;

/** The text with French no-break spaces where a line must not break. Idempotent. */
export function frenchTypography(text: string): string {
  let result = text;
  for (const glue of GLUES) result = result.replace(glue, NBSP);
  return result.replace(PHONE, (phone) => phone.replace(/ /g, NBSP));
}

/** « 12 h 30 » from hours and minutes, with no-break spaces. */
export function clockText(hours: number, minutes: number): string {
  return minutes === 0 ? `${hours}${NBSP}h` : `${hours}${NBSP}h${NBSP}${String(minutes).padStart(2, '0')}`;
}

/** « 12 h – 12 h 30 »: each time whole, the dash kept with the first one. */
export function rangeText(from: string, to: string): string {
  return `${from}${NBSP}– ${to}`;
}

/** A date in words from `Intl`: the first of a month written « 1er », the day's number glued to its month (« vendredi 1er janvier »). */
export function dateText(text: string): string {
  return text.replace(/(^|\s)1(?=\s|$)/, '$11er').replace(/(?<=\b\d{1,2}(?:er)?) (?=\p{L})/gu, NBSP);
}

/**
 * A phone number as people read it, in pairs that do not break: « 0442112233 » and
 * « 04.42.11.22.33 » → « 04 42 11 22 33 »; « +33442112233 » → « +33 4 42 11 22 33 ».
 * A number of another shape keeps its own groups, glued.
 */
export function formatPhone(phone: string): string {
  const compact = phone.replace(/[\s.\-()\u00a0\u202f]/g, '');
  if (/^0[1-9]\d{8}$/.test(compact)) return compact.match(/\d{2}/g)!.join(NBSP);
  if (/^\+33[1-9]\d{8}$/.test(compact)) return ['+33', compact[3], ...compact.slice(4).match(/\d{2}/g)!].join(NBSP);
  return phone.trim().replace(/\s+/g, NBSP);
}
