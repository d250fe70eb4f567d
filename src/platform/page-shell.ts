// What the page shell needs besides the route's own data: the assets at their hashed
// addresses, and the basket count shown in the navigation (« Panier (2) »).
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assetRoutes, loadAssets } from './assets.ts';
import type { BasketCounter } from './page-context.ts';

/** Requests that never render a page: no basket to count for them. */
const NOT_PAGES = /^\/(static|images|api)\//;

function mayRenderPage(request: FastifyRequest): boolean {
  return ['GET', 'HEAD', 'POST'].includes(request.method) && !NOT_PAGES.test(request.url);
}

/** Below this, compressing costs more than it saves. */
const COMPRESS_FROM_BYTES = 1024;

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

/**
 * Pages go out compressed when the browser accepts it: a page of 40 KB becomes about 8 KB on
 * a phone's slow network. Brotli at quality 5 takes about a millisecond for such a page, done
 * in libuv's thread pool so that the event loop goes on serving other readers meanwhile.
 * (Cached public pages arrive here already compressed, as bytes: they pass untouched.)
 */
async function compressPage(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  // A page rendered for one reader (a name, a form's token, a cookie) is kept by their browser only.
  if (String(reply.getHeader('content-type') ?? '').startsWith('text/html') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-cache');
  if (typeof payload !== 'string' || payload.length < COMPRESS_FROM_BYTES) return payload;
  if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html') || reply.getHeader('content-encoding')) return payload;
  const accepted = String(request.headers['accept-encoding'] ?? '');
  reply.header('vary', 'accept-encoding');
  if (/\bbr\b/.test(accepted)) {
    reply.header('content-encoding', 'br').removeHeader('content-length');
    return compressBrotli(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  }
  if (/\bgzip\b/.test(accepted)) {
    reply.header('content-encoding', 'gzip').removeHeader('content-length');
    return compressGzip(payload, { level: 6 });
  }
  return payload;
}

/**
 * Call after the hook that loads `request.account`. Only a resident or a visitor whose session
 * has a basket costs a query (one indexed count); anonymous readers without a session cost nothing.
 */
export async function installPageShell(app: FastifyInstance, countBasket: BasketCounter): Promise<void> {
  const assets = loadAssets(app.config.conciergerie.logoFile);
  app.decorate('assets', assets);
  await app.register(assetRoutes, { assets });
  app.decorateRequest('basketCount', 0);
  app.addHook('onRequest', async (request) => {
    if (!mayRenderPage(request)) return;
    const visitorId = request.session?.visitorId;
    if (!request.account && !visitorId) return;
    if (request.account && request.account.role !== 'resident') return;
    request.basketCount = await countBasket({ account: request.account, visitorId });
  });
  app.addHook('onSend', async (request, reply, payload) => compressPage(request, reply, payload));
}
