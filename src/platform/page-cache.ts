// Public pages as a visitor without a session sees them, kept a few seconds in the process,
// already compressed. Most readers of the home page and the storefronts are anonymous and all
// get the same HTML; rendering it each time cost several queries, a page of JSX and a
// compression. A change by the concierge or a merchant shows within the TTL (setting
// PUBLIC_PAGE_CACHE_SECONDS, 5 s by default): each process keeps its own bounded-delay copy,
// so several processes on one database stay independent and nothing needs invalidating;
// nothing depends on the copy being fresh (the basket and the checkout read prices again).
//
// Only a page that is the same for everyone may enter: the route decides (a page context
// that refuses to hold a CSRF token, no account, no message, no basket), and only a request
// that carries no session cookie is answered from the cache before the session is read.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Storefronts, lists and the home page of one town: a few hundred pages; beyond, the oldest go. */
export const PAGE_CACHE_MAX_ENTRIES = 1_000;
/** All encodings of all pages together (a storefront is ~40 KB plain, ~8 KB compressed). */
export const PAGE_CACHE_MAX_BYTES = 24 * 1024 * 1024;

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

/** One page in the three encodings a browser may ask for; the bytes are sent as they are. */
export interface CachedPage {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
  /** Weak: the same page has other bytes in each encoding. Equal pages have equal tags. */
  etag: string;
  /** From this instant the next reader's request renders a newer copy (see `PageCache.page`). */
  renewAt: number;
  /** Never served past this instant: the bound on staleness. */
  expiresAt: number;
  bytes: number;
}

/**
 * A copy is renewed during the last fifth of its life, while it is still served: readers
 * under steady traffic never wait for a rendering, and none is served older than the TTL.
 */
const RENEW_AT_AGE = 0.8;

type Encoding = 'br' | 'gzip' | 'identity';

export interface PageCacheOptions {
  ttlMs: number;
  maxEntries?: number;
  maxBytes?: number;
  /** The system clock: staleness is real time, not the business clock tests may move. */
  now?: () => number;
}

export interface PageCache {
  /** The page under `key` if it is younger than the TTL. */
  fresh(key: string): CachedPage | undefined;
  /** True when the page under `key` is due for renewal and no rendering of it is under way. */
  wantsRenewal(key: string, page: CachedPage): boolean;
  /**
   * The fresh page under `key` (renewed behind the answer when due), or `render`'s, stored;
   * concurrent misses share one rendering.
   */
  page(key: string, render: () => Promise<string>): Promise<CachedPage>;
  readonly size: number;
  readonly bytes: number;
}

export function createPageCache(options: PageCacheOptions): PageCache {
  const { ttlMs, maxEntries = PAGE_CACHE_MAX_ENTRIES, maxBytes = PAGE_CACHE_MAX_BYTES, now = Date.now } = options;
  const pages = new Map<string, CachedPage>();
  const rendering = new Map<string, Promise<CachedPage>>();
  let bytes = 0;

  const fresh = (key: string) => {
    const page = pages.get(key);
    return page && page.expiresAt > now() ? page : undefined;
  };
  const store = (key: string, page: CachedPage) => {
    const old = pages.get(key);
    if (old) bytes -= old.bytes;
    pages.delete(key);
    if (page.bytes > maxBytes) return;
    pages.set(key, page);
    bytes += page.bytes;
    // A Map iterates in insertion order: the first key is the page stored longest ago.
    for (const [oldest, evicted] of pages) {
      if (pages.size <= maxEntries && bytes <= maxBytes) break;
      pages.delete(oldest);
      bytes -= evicted.bytes;
    }
  };
  const renderAndStore = async (key: string, render: () => Promise<string>) => {
    try {
      // Staleness counts from before the reading: what the queries saw is at most that old.
      const startedAt = now();
      const page = await compressedPage(await render(), startedAt + ttlMs * RENEW_AT_AGE, startedAt + ttlMs, pages.get(key));
      if (ttlMs > 0) store(key, page);
      return page;
    } finally {
      rendering.delete(key);
    }
  };
  return {
    fresh,
    wantsRenewal: (key, page) => page.renewAt <= now() && !rendering.has(key),
    page(key, render) {
      const page = fresh(key);
      let pending = rendering.get(key);
      if (page && (pending || page.renewAt > now())) return Promise.resolve(page);
      if (!pending) rendering.set(key, (pending = renderAndStore(key, render)));
      if (!page) return pending;
      // The copy is still within its TTL: answer with it. A renewal that fails (the shop
      // went offline) leaves the copy to expire; the reader after that meets the error.
      pending.catch(() => undefined);
      return Promise.resolve(page);
    },
    get size() {
      return pages.size;
    },
    get bytes() {
      return bytes;
    },
  };
}

/**
 * Compressed off the event loop, and only when the page changed: most renewals find the same
 * bytes, and then keep the compressed ones with new times.
 */
async function compressedPage(html: string, renewAt: number, expiresAt: number, previous: CachedPage | undefined): Promise<CachedPage> {
  const identity = Buffer.from(html, 'utf8');
  const etag = `W/"${createHash('sha1').update(identity).digest('base64url')}"`;
  if (previous?.etag === etag) return { ...previous, renewAt, expiresAt };
  const [br, gzipped] = await Promise.all([
    compressBrotli(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    compressGzip(identity, { level: 9 }),
  ]);
  return { identity, br, gzip: gzipped, etag, renewAt, expiresAt, bytes: identity.length + br.length + gzipped.length };
}

/** br, then gzip, then the plain bytes, as the request's Accept-Encoding allows (`;q=0` refuses). */
export function encodingFor(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Set<string>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';');
    const refused = params.some((param) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(param));
    if (!refused) accepted.add(name.trim().toLowerCase());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}

function matchesTag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.slice(2);
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === bare;
  });
}

/**
 * The page in the encoding asked for, or 304 when the browser holds it already. `no-cache`:
 * a browser keeps it but asks again each time, so a change still shows within the TTL.
 * `private` when the request carries cookies: the reply may renew that visitor's session
 * cookie, and a shared proxy must never hand it to someone else.
 */
export function sendCachedPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  const caching = request.headers.cookie ? 'private, no-cache' : 'no-cache';
  reply.header('content-type', 'text/html; charset=utf-8').header('vary', 'accept-encoding').header('cache-control', caching).header('etag', page.etag);
  if (matchesTag(request.headers['if-none-match'], page.etag)) return reply.code(304).send();
  const encoding = encodingFor(request.headers['accept-encoding']);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.code(200).send(page[encoding]);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's copies of public pages (see `installPageCache`). */
    pageCache: PageCache;
  }
  interface FastifyContextConfig {
    /** A page every visitor without a session sees alike: it may come from the page cache. */
    publicPage?: boolean;
  }
}

/** The route option that marks a page cacheable for visitors (see `installPageCache`). */
export const PUBLIC_PAGE = { config: { publicPage: true } } as const;

/**
 * An `onRequest` hook, added before the cookie and session plugins: a GET of a public page
 * without a session cookie, whose copy is fresh, is answered at once — no session object, no
 * account, no query, no rendering. Anything else goes on to its route, which fills the cache.
 */
export function installPageCache(app: FastifyInstance, cache: PageCache, sessionCookie: string): void {
  app.decorate('pageCache', cache);
  const cookiePrefix = `${sessionCookie}=`;
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (!request.routeOptions.config?.publicPage) return;
    if (request.headers.cookie?.includes(cookiePrefix)) return;
    // The route stores a page under its address as links write it: only that spelling matches here.
    const key = request.url;
    const page = cache.fresh(key);
    // One reader of an ageing copy goes on to the route, which renews it behind its answer.
    if (page && !cache.wantsRenewal(key, page)) return sendCachedPage(request, reply, page);
  });
}
