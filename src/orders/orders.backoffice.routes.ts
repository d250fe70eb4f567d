// The concierge's orders: /gestion/commandes (paginated, by status, found by code, name or phone), one order's record and
// the confirmed price of a line ordered at an estimate.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Fields, formSchema } from '../platform/forms.ts';
import { errorMessage, eurosOf, formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../platform/http.ts';
import { DomainError } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import { formatEuros } from '../platform/money.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { OrderRecordPage, OrdersListPage, type PriceFormState } from './orders.backoffice.views.tsx';
import { ORDER_STATUSES } from './orders.rules.ts';
import { orderRecord } from './orders.service.ts';
import { backOfficeOrders } from './orders.backoffice.service.ts';
import { ORDERS, linePricePath, orderPath } from './orders.paths.ts';
import { confirmLinePrice } from './orders.price.service.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const OrderLineParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), lineId: Type.String({ pattern: ID_PATTERN }) });
const PriceBody = formSchema({ price: Fields.price() });
const ListQuery = Type.Object({
  etat: Type.Optional(Fields.choice(ORDER_STATUSES)),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

export async function backofficeOrdersRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  app.get(ORDERS, { preHandler: concierge, schema: { querystring: ListQuery } }, async (request, reply) => {
    const { etat: status, q: query } = request.query;
    const list = await backOfficeOrders(db, request.account, { status, query }, request.query.page ?? 1);
    return sendPage(reply, OrdersListPage({ ctx: pageContext(request, reply), list, status, query: query?.trim() || undefined }));
  });

  app.get(orderPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const record = await orderRecord(db, request.account, request.params.id);
    return sendPage(reply, OrderRecordPage({ ctx: pageContext(request, reply), record }));
  });

  // The confirmed price of a line ordered at an estimate.

  formRoute(app, linePricePath(':id', ':lineId'), {
    body: PriceBody,
    params: OrderLineParams,
    preHandler: concierge,
    errorField: 'price',
    run: async (request, body, { id, lineId }) => {
      const priceCents = eurosOf(body.price, 'price');
      try {
        await confirmLinePrice(db, config, request.account, id, lineId, priceCents);
      } catch (error) {
        // Confirmed meanwhile, or its part of the order is gone: the form is gone too, so the record says why.
        if (error instanceof DomainError && error.code === 'price_not_estimate') return redirectTo(orderPath(id), errorMessage(error));
        throw error;
      }
      const record = await orderRecord(db, request.account, id);
      const line = record.lines.find((candidate) => candidate.id === lineId);
      return redirectTo(orderPath(id), t('desk.price.done', { title: line?.title ?? '', total: formatEuros(record.order.totalCents) }));
    },
    render: async (request, reply, { values, errors }, { id, lineId }) => {
      const record = await orderRecord(db, request.account, id);
      if (!record.lines.some((line) => line.id === lineId)) throw new DomainError('not_found');
      const priceForm: PriceFormState = { lineId, errors, value: values.price ?? '' };
      return sendPage(reply, OrderRecordPage({ ctx: pageContext(request, reply), record, priceForm }), 422);
    },
  });
}
