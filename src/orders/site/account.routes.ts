// « Mes commandes » for the resident: the list, one order, cancelling it, ordering it again.
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../db/index.ts';
import type { CurrentAccount, PageContext } from '../../platform/page-context.ts';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { formSchema } from '../../platform/forms.ts';
import { formRoute, pageContext, redirectTo, onlyRoles, sendPage, setFlash } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { CancelOrderPage, MyOrderPage, MyOrdersPage, NextOrderPanel } from './account.views.tsx';
import { nextOrderToCollect, orderAgain, ownOrdersByCollection } from './account.service.ts';
import { orderDestinationOf } from './order-destination.service.ts';
import { cancelOrder, ownOrderDetail } from '../orders.service.ts';
import { ownOrderRefunds } from '../money/refunds.service.ts';
import { onlinePaymentSummary } from '../money/payments.service.ts';
import { BASKET_PATH, OWN_ORDERS_PATH, ownOrderActionPath, ownOrderPath } from '../orders.paths.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) });
const EmptyBody = formSchema({});

/** The top of « Mon compte » (a members page): the resident's next order to collect, if any. */
export async function nextOrderHighlight(db: Executor, account: CurrentAccount, ctx: PageContext) {
  const next = await nextOrderToCollect(db, account);
  return next ? NextOrderPanel({ ctx, next }) : null;
}

export async function accountOrdersRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const resident = onlyRoles('resident');

  app.get(OWN_ORDERS_PATH, { preHandler: resident, schema: { querystring: PageQuery } }, async (request, reply) => {
    const list = await ownOrdersByCollection(db, request.account, request.query.page ?? 1);
    return sendPage(reply, MyOrdersPage({ ctx: pageContext(request, reply), list }));
  });

  app.get(ownOrderPath(':id'), { preHandler: resident, schema: { params: IdParams } }, async (request, reply) => {
    const detail = await ownOrderDetail(db, request.account, request.params.id);
    const refunds = await ownOrderRefunds(db, request.account, request.params.id);
    const online = await onlinePaymentSummary(db, config, detail.order);
    const destination = await orderDestinationOf(db, detail.order, detail.place);
    return sendPage(reply, MyOrderPage({ ctx: pageContext(request, reply), detail, refunds, online, destination }));
  });

  app.get(ownOrderActionPath(':id', 'annuler'), { preHandler: resident, schema: { params: IdParams } }, async (request, reply) => {
    const detail = await ownOrderDetail(db, request.account, request.params.id);
    if (!detail.canCancel) {
      setFlash(request, t('myorders.cannot_cancel'));
      return reply.redirect(ownOrderPath(detail.order.id), 303);
    }
    return sendPage(reply, CancelOrderPage({ ctx: pageContext(request, reply), detail }));
  });

  formRoute(app, ownOrderActionPath(':id', 'annuler'), {
    body: EmptyBody,
    params: IdParams,
    preHandler: resident,
    run: async (request, _body, { id }) => {
      await cancelOrder(db, config, request.account, id);
      return redirectTo(ownOrderPath(id), t('myorders.cancelled'));
    },
  });

  formRoute(app, ownOrderActionPath(':id', 'recommander'), {
    body: EmptyBody,
    params: IdParams,
    preHandler: resident,
    run: async (request, _body, { id }) => {
      const { missing } = await orderAgain(db, request.account, id);
      return redirectTo(BASKET_PATH, missing > 0 ? t('basket.reordered_missing', { missing }) : t('basket.reordered'));
    },
  });
}
