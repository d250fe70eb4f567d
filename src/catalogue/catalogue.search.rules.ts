// What a search query looks for, as words both databases' full-text indexes understand.
// Words are folded (case, accents, ligatures) to letters and digits only, so nothing a
// visitor types can reach the FTS5 or tsquery syntax. Plurals fold to the singular: a final
// s or x is dropped (« vins » → « vin », « bijoux » → « bijou »). A word of five letters or
// more is also looked for as the start of longer words (« fromage » finds « Fromagerie »);
// a shorter one only as itself and its plurals, so « vin » does not find « vingt ».
import { foldForSearch } from '../platform/text.ts';

/** At most this many words are looked for; the rest of a long query is ignored. */
const MAX_WORDS = 6;
/** From this length on, a word also matches longer words that start with it. */
const PREFIX_FROM_LENGTH = 5;

/**
 * Little words that would match nearly every offer; PostgreSQL's French configuration drops
 * them too, so both databases find the same offers.
 */
const STOP_WORDS = new Set(['a', 'au', 'aux', 'avec', 'c', 'd', 'de', 'des', 'du', 'en', 'et', 'j', 'l', 'la', 'le', 'les', 'n', 'ou', 'par', 'pour', 's', 'sur', 'un', 'une']);

export interface SearchWord {
  /** The folded word as typed, for PostgreSQL's French stemmer. */
  word: string;
  /** Singular form: the word without a final s or x. */
  stem: string;
  /** True when longer words starting with the stem are found too. */
  prefix: boolean;
}

function singular(word: string): string {
  return word.length > 3 && /[a-z][sx]$/.test(word) ? word.slice(0, -1) : word;
}

/** The words of a query worth looking for, without repeats or little words. */
export function searchWords(query: string): SearchWord[] {
  const words = foldForSearch(query)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0 && !STOP_WORDS.has(word));
  const byStem = new Map<string, SearchWord>();
  for (const word of words) {
    const stem = singular(word);
    if (!byStem.has(stem)) byStem.set(stem, { word, stem, prefix: stem.length >= PREFIX_FROM_LENGTH });
  }
  return [...byStem.values()].slice(0, MAX_WORDS);
}

/** An FTS5 query: every word must appear, in any column; each is quoted, never an operator. */
export function ftsQuery(words: readonly SearchWord[]): string {
  return words.map((word) => (word.prefix ? `"${word.stem}"*` : `("${word.stem}" OR "${word.stem}s" OR "${word.stem}x")`)).join(' AND ');
}

/**
 * A tsquery text: every word must appear (`all`), or any word with the given weight (the
 * index weighs the title A, unit/category/shop B). The French stemmer folds plurals.
 */
export function tsQuery(words: readonly SearchWord[], weight?: 'A' | 'B'): string {
  const marks = (word: SearchWord) => `${word.prefix ? '*' : ''}${weight ?? ''}`;
  return words.map((word) => `'${word.word}'${marks(word) ? `:${marks(word)}` : ''}`).join(weight ? ' | ' : ' & ');
}
