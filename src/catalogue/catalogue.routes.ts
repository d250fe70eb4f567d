// Public pages of the catalogue (home, shops, categories, storefronts, offers, search), then
// the merchant's storefront editor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { pageContext, renderPage, sendPage, sharedPageContext } from '../platform/http.ts';
import { PUBLIC_PAGE, sendCachedPage } from '../platform/page-cache.ts';
import type { PageContext } from '../platform/page-context.ts';
import type { VNode } from 'preact';
import { ID_PATTERN } from '../platform/ids.ts';
import { categoryPage, homePage, memberShops, publicOffer, search, storefront } from './catalogue.service.ts';
import { CategoryPageView, HomePageView, OfferPageView, SearchPageView, ShopsPageView, StorefrontView } from './catalogue.views.tsx';
import { cataloguePortalRoutes } from './catalogue.portal.routes.ts';
import { takeBasketNotice } from './catalogue.notice.ts';
import { PhotoGuideView } from './catalogue.photo-guide.tsx';
import { PHOTO_GUIDE_PATH, SHOPS_PATH, categoryPath, publicShopPath } from './catalogue.paths.ts';
import { pageHref } from '../ui/pager.tsx';

export const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) });
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
/** `?genre=prestataires`: member providers only. */
const ShopsQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), genre: Type.Optional(Type.Union([Type.Literal('prestataires'), Type.Literal('')])) });
const CodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }) });
// A query of any length gets the search page, never a refusal: the words past the first
// SEARCH_QUERY_LENGTH characters are dropped (search looks for six words at most anyway).
const SearchQuery = Type.Object({ q: Type.Optional(Type.String()) });
const SEARCH_QUERY_LENGTH = 200;

/**
 * A public page: visitors whose page is the same for everyone (see `sharedPageContext`) get
 * the cached copy, filled here; anyone else gets it rendered for them. `ownPage` (the basket's
 * « C'est dans votre panier », taken from the session) always means a page of one's own.
 * The copy is kept under `address`, the page's address as the site's links write it, built
 * from the validated parameters: an address with an unknown query or another spelling reuses
 * that copy instead of making one more (only the exact address is answered before the session).
 */
async function sendPublicPage(request: FastifyRequest, reply: FastifyReply, address: string, view: (ctx: PageContext) => Promise<VNode>, ownPage = false): Promise<FastifyReply> {
  const shared = ownPage ? undefined : sharedPageContext(request, reply);
  if (!shared) return sendPage(reply, await view(pageContext(request, reply)));
  // The copy's own links (« Se connecter », the current menu entry) follow its address, not the
  // spelling of whichever request happened to render it.
  const page = await request.server.pageCache.page(address, async () => renderPage(await view({ ...shared, path: address.split('?')[0] })));
  return sendCachedPage(request, reply, page);
}

export async function catalogueRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  // The home page, the list of shops, a category and a storefront, as most visitors see them,
  // come from a short cache (platform/page-cache.ts).
  app.get('/', PUBLIC_PAGE, async (request, reply) => sendPublicPage(request, reply, '/', async (ctx) => HomePageView({ ctx, home: await homePage(db) })));

  app.get('/commerces', { ...PUBLIC_PAGE, schema: { querystring: ShopsQuery } }, async (request, reply) => {
    const page = request.query.page ?? 1;
    const genre = request.query.genre || undefined;
    const address = pageHref(SHOPS_PATH, page, { genre });
    return sendPublicPage(request, reply, address, async (ctx) => ShopsPageView({ ctx, list: await memberShops(db, page, genre ? 'provider' : undefined) }));
  });

  app.get('/categories/:code', { ...PUBLIC_PAGE, schema: { params: CodeParams, querystring: PageQuery } }, async (request, reply) => {
    const { code } = request.params;
    const page = request.query.page ?? 1;
    return sendPublicPage(request, reply, pageHref(categoryPath(code), page), async (ctx) => CategoryPageView({ ctx, data: await categoryPage(db, code, page) }));
  });

  // Right after « Ajouter au panier » the page carries the basket's notice: never from the cache.
  app.get('/commerces/:id', { ...PUBLIC_PAGE, schema: { params: IdParams } }, async (request, reply) => {
    const notice = takeBasketNotice(request);
    const { id } = request.params;
    return sendPublicPage(request, reply, publicShopPath(id), async (ctx) => StorefrontView({ ctx, data: await storefront(db, id), notice }), notice !== undefined);
  });

  // An offer's page holds « Ajouter au panier », a form with the session's token: rendered for each reader.
  app.get('/offres/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const notice = takeBasketNotice(request);
    const { offer, shop } = await publicOffer(db, request.params.id);
    return sendPage(reply, OfferPageView({ ctx: pageContext(request, reply), offer, shop, notice }));
  });

  app.get('/recherche', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const result = await search(db, (request.query.q ?? '').slice(0, SEARCH_QUERY_LENGTH).trim());
    return sendPage(reply, SearchPageView({ ctx: pageContext(request, reply), result }));
  });

  app.get(PHOTO_GUIDE_PATH, async (request, reply) => sendPage(reply, PhotoGuideView({ ctx: pageContext(request, reply) })));

  await app.register(cataloguePortalRoutes);
}
