// What the page shell needs besides the route's own data: the assets at their hashed
// addresses, and the basket count shown in the navigation (« Panier (2) »).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assetRoutes, loadAssets } from './assets.ts';
import type { BasketCounter } from './page-context.ts';

/** Requests that never render a page: no basket to count for them. */
const NOT_PAGES = /^\/(static|images|api)\//;

function mayRenderPage(request: FastifyRequest): boolean {
  return ['GET', 'HEAD', 'POST'].includes(request.method) && !NOT_PAGES.test(request.url);
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
}
