// Public catalogue pages as a visitor who is not logged in sees them, kept a few seconds in
// the process. Most readers of a storefront are anonymous and every one of them gets the
// same HTML; rendering it each time cost several queries and a page of JSX. A merchant's
// change shows up within the TTL: the cache is never shared between processes and never
// needs invalidating, and nothing depends on it being fresh (the basket and the checkout
// read prices and availability again).

/** Storefronts and home of a town: a few hundred pages at most; beyond, start again. */
const MAX_PAGES = 2_000;

interface Entry {
  html: string;
  expiresAt: number;
}

export type PageCache = (key: string, render: () => Promise<string>) => Promise<string>;

/** A cache of pages by key; `ttlMs` 0 renders every time (tests read their own changes at once). */
export function createPageCache(ttlMs: number): PageCache {
  const pages = new Map<string, Entry>();
  return async (key, render) => {
    if (ttlMs <= 0) return render();
    const now = Date.now();
    const entry = pages.get(key);
    if (entry && entry.expiresAt > now) return entry.html;
    const html = await render();
    if (pages.size >= MAX_PAGES) pages.clear();
    pages.set(key, { html, expiresAt: now + ttlMs });
    return html;
  };
}
