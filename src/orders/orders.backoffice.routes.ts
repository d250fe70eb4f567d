// The concierge's orders: /gestion/commandes (paginated, by status) and one order's record.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Fields } from '../platform/forms.ts';
import { pageContext, requireRole, sendPage } from '../platform/http.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { OrderRecordPage, OrdersListPage } from './orders.backoffice.views.tsx';
import { ORDER_STATUSES } from './orders.rules.ts';
import { allOrders, orderRecord } from './orders.service.ts';
import { ORDERS, orderPath } from './orders.paths.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ListQuery = Type.Object({
  etat: Type.Optional(Fields.choice(ORDER_STATUSES)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

export async function backofficeOrdersRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const concierge = requireRole('concierge');

  app.get(ORDERS, { preHandler: concierge, schema: { querystring: ListQuery } }, async (request, reply) => {
    const status = request.query.etat;
    const list = await allOrders(db, request.account, status, request.query.page ?? 1);
    return sendPage(reply, OrdersListPage({ ctx: pageContext(request, reply), list, status }));
  });

  app.get(orderPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const record = await orderRecord(db, request.account, request.params.id);
    return sendPage(reply, OrderRecordPage({ ctx: pageContext(request, reply), record }));
  });
}
