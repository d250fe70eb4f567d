// « Mes commandes » for the resident: the list, one order, cancelling it, ordering it again.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { formSchema } from '../platform/forms.ts';
import { pageContext, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { CancelOrderPage, MyOrderPage, MyOrdersPage } from './orders.account.views.tsx';
import { orderAgain } from './orders.account.service.ts';
import { cancelOrder, ownOrderDetail, ownOrders } from './orders.service.ts';
import { ownOrderRefunds } from './orders.refunds.service.ts';
import { onlinePaymentSummary } from './orders.payments.service.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) });
const EmptyBody = formSchema({});
type IdRoute = { Params: { id: string } };

export async function accountOrdersRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const resident = requireRole('resident');

  app.get<{ Querystring: { page?: number } }>('/compte/commandes', { preHandler: resident, schema: { querystring: PageQuery } }, async (request, reply) => {
    const list = await ownOrders(db, request.account, request.query.page ?? 1);
    return sendPage(reply, MyOrdersPage({ ctx: pageContext(request, reply), list }));
  });

  app.get<IdRoute>('/compte/commandes/:id', { preHandler: resident, schema: { params: IdParams } }, async (request, reply) => {
    const detail = await ownOrderDetail(db, request.account, request.params.id);
    const refunds = await ownOrderRefunds(db, request.account, request.params.id);
    const online = await onlinePaymentSummary(db, config, detail.order);
    return sendPage(reply, MyOrderPage({ ctx: pageContext(request, reply), detail, refunds, online }));
  });

  app.get<IdRoute>('/compte/commandes/:id/annuler', { preHandler: resident, schema: { params: IdParams } }, async (request, reply) => {
    const detail = await ownOrderDetail(db, request.account, request.params.id);
    if (!detail.canCancel) {
      setFlash(request, t('myorders.cannot_cancel'));
      return reply.redirect(`/compte/commandes/${detail.order.id}`, 303);
    }
    return sendPage(reply, CancelOrderPage({ ctx: pageContext(request, reply), detail }));
  });

  app.post<IdRoute>('/compte/commandes/:id/annuler', { preHandler: resident, schema: { params: IdParams, body: EmptyBody } }, async (request, reply) => {
    await cancelOrder(db, config, request.account, request.params.id);
    setFlash(request, t('myorders.cancelled'));
    return redirectAfterPost(reply, `/compte/commandes/${request.params.id}`);
  });

  app.post<IdRoute>('/compte/commandes/:id/recommander', { preHandler: resident, schema: { params: IdParams, body: EmptyBody } }, async (request, reply) => {
    const { missing } = await orderAgain(db, request.account, request.params.id);
    setFlash(request, missing > 0 ? t('basket.reordered_missing', { missing }) : t('basket.reordered'));
    return redirectAfterPost(reply, '/panier');
  });
}
