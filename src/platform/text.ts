// Text helpers shared by every area.

/** Lower-case, accents removed, spaces collapsed: "Fromagerie  Éric" → "fromagerie eric". */
export function foldForSearch(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9@.+]+/g, ' ')
    .trim();
}

/** Words of a search query, folded, at most 6, so "fromage" finds "Fromagerie". */
export function searchTerms(query: string): string[] {
  return foldForSearch(query).split(' ').filter((word) => word.length > 0).slice(0, 6);
}

/** Escapes LIKE wildcards; queries use `escape '\\'`. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (char) => `\\${char}`);
}
