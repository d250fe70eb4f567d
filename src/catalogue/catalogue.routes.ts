// Public pages of the catalogue (home, shops, categories, storefronts, offers, search), then
// the merchant's storefront editor.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { pageContext, renderPage, sendHtml, sendPage, sharedPageContext } from '../platform/http.ts';
import { createPageCache } from './catalogue.page-cache.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { categoryPage, homePage, memberShops, publicOffer, search, storefront } from './catalogue.service.ts';
import { CategoryPageView, HomePageView, OfferPageView, SearchPageView, ShopsPageView, StorefrontView } from './catalogue.views.tsx';
import { cataloguePortalRoutes } from './catalogue.portal.routes.ts';
import { takeBasketNotice } from './catalogue.notice.ts';
import { PhotoGuideView } from './catalogue.photo-guide.tsx';
import { PHOTO_GUIDE_PATH } from './catalogue.paths.ts';

export const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) });
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
/** `?genre=prestataires`: member providers only. */
const ShopsQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), genre: Type.Optional(Type.Union([Type.Literal('prestataires'), Type.Literal('')])) });
const CodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }) });
// A query of any length gets the search page, never a refusal: the words past the first
// SEARCH_QUERY_LENGTH characters are dropped (search looks for six words at most anyway).
const SearchQuery = Type.Object({ q: Type.Optional(Type.String()) });
const SEARCH_QUERY_LENGTH = 200;

export async function catalogueRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const cachedPage = createPageCache(app.config.publicPageCacheSeconds * 1000);

  // The home page and storefronts as most visitors see them come from a short cache (see catalogue.page-cache.ts).
  app.get('/', async (request, reply) => {
    const shared = sharedPageContext(request, reply);
    if (shared) return sendHtml(reply, await cachedPage('/', async () => renderPage(HomePageView({ ctx: shared, home: await homePage(db) }))));
    return sendPage(reply, HomePageView({ ctx: pageContext(request, reply), home: await homePage(db) }));
  });

  app.get('/commerces', { schema: { querystring: ShopsQuery } }, async (request, reply) => {
    const list = await memberShops(db, request.query.page ?? 1, request.query.genre ? 'provider' : undefined);
    return sendPage(reply, ShopsPageView({ ctx: pageContext(request, reply), list }));
  });

  app.get(
    '/categories/:code',
    { schema: { params: CodeParams, querystring: PageQuery } },
    async (request, reply) => {
      const data = await categoryPage(db, request.params.code, request.query.page ?? 1);
      return sendPage(reply, CategoryPageView({ ctx: pageContext(request, reply), data }));
    },
  );

  // Right after « Ajouter au panier » the page carries the basket's notice: never from the cache.
  app.get('/commerces/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const notice = takeBasketNotice(request);
    const shared = notice ? undefined : sharedPageContext(request, reply);
    if (shared) return sendHtml(reply, await cachedPage(shared.path, async () => renderPage(StorefrontView({ ctx: shared, data: await storefront(db, request.params.id) }))));
    const data = await storefront(db, request.params.id);
    return sendPage(reply, StorefrontView({ ctx: pageContext(request, reply), data, notice }));
  });

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
