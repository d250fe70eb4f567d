// The public read-only JSON API (/api/v1) and its OpenAPI document. Only member shops and
// their listed offers appear; unknown query parameters are refused (400), an unknown or
// non-member shop is a 404, both as JSON through the error handler.
import type { FastifyInstance, FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PAGE_SIZE, apiOffers, apiShop, apiShops } from './catalogue.service.ts';
import {
  ErrorSchema,
  OfferListSchema,
  OffersQuerySchema,
  PageQuerySchema,
  ShopDetailSchema,
  ShopListSchema,
  ShopParamsSchema,
  offerJson,
  openingRangeJson,
  shopJson,
} from './api.schemas.ts';

/** Public data that changes a few times a day: a minute of caching is harmless. */
function cacheable(reply: FastifyReply): FastifyReply {
  return reply.header('Cache-Control', 'public, max-age=60');
}

export async function catalogueApiRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `API publique — ${app.config.conciergerie.name}`,
        description: 'Les commerces adhérents de la conciergerie et leurs offres, en lecture seule. Prix TTC en centimes, taux de TVA en points de base (550 = 5,5 %).',
        version: '1.0.0',
      },
      servers: [{ url: app.config.baseUrl }],
    },
  });

  app.get(
    '/api/v1/shops',
    {
      schema: {
        summary: 'Member shops, by name',
        querystring: PageQuerySchema,
        response: { 200: ShopListSchema, 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const list = await apiShops(db, page);
      const shops = list.items.map(({ shop, category }) => shopJson(shop, category));
      return cacheable(reply).send({ page, pageCount: list.pageCount, pageSize: API_PAGE_SIZE, total: list.total, shops });
    },
  );

  app.get(
    '/api/v1/shops/:id',
    {
      schema: {
        summary: 'One member shop with its opening hours and listed offers',
        params: ShopParamsSchema,
        response: { 200: ShopDetailSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { shop, category, ranges, offers } = await apiShop(db, request.params.id);
      return cacheable(reply).send({
        ...shopJson(shop, category),
        openingHours: ranges.map(openingRangeJson),
        offers: offers.map((offer) => offerJson(offer, shop.tradeName)),
      });
    },
  );

  app.get(
    '/api/v1/offers',
    {
      schema: {
        summary: 'Listed offers of member shops, newest first',
        querystring: OffersQuerySchema,
        response: { 200: OfferListSchema, 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { category, q, page = 1 } = request.query;
      const list = await apiOffers(db, { categoryCode: category, query: q, page });
      const offers = list.items.map(({ offer, shopName }) => offerJson(offer, shopName));
      return cacheable(reply).send({ page, pageCount: list.pageCount, pageSize: API_PAGE_SIZE, total: list.total, offers });
    },
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, async (_request, reply) => cacheable(reply).send(app.swagger()));
}
