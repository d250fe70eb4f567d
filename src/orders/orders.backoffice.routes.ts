// The concierge's orders: /gestion/commandes (paginated, by status) and one order's record.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { Fields } from '../platform/forms.ts';
import { pageContext, requireRole, sendPage } from '../platform/http.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { OrderRecordPage, OrdersListPage } from './orders.backoffice.views.tsx';
import { ORDER_STATUSES } from './orders.rules.ts';
import { allOrders, orderRecord } from './orders.service.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ListQuery = Type.Object({
  etat: Type.Optional(Fields.choice(ORDER_STATUSES)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

export async function backofficeOrdersRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const concierge = requireRole('concierge');

  app.get<{ Querystring: Static<typeof ListQuery> }>('/gestion/commandes', { preHandler: concierge, schema: { querystring: ListQuery } }, async (request, reply) => {
    const status = request.query.etat;
    const list = await allOrders(db, request.account, status, request.query.page ?? 1);
    return sendPage(reply, OrdersListPage({ ctx: pageContext(request, reply), list, status }));
  });

  app.get<{ Params: { id: string } }>('/gestion/commandes/:id', { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const record = await orderRecord(db, request.account, request.params.id);
    return sendPage(reply, OrderRecordPage({ ctx: pageContext(request, reply), record }));
  });
}
