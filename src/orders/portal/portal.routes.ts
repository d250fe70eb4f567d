// The merchant's purchase orders under /boutique/:shopId/commandes. Every route names the
// shop; the service answers 404 to a merchant of another shop, whatever the route.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound } from '../../platform/errors.ts';
import { emptyToNull, Fields, formSchema } from '../../platform/forms.ts';
import { formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import {
  acceptPurchaseOrder,
  markPurchaseOrderReady,
  purchaseOrderDetail,
  refuseLine,
  shopPrepareSummary,
  shopPurchaseOrders,
} from './portal.service.ts';
import { PrepareSummaryPanel, PurchaseOrderPage, PurchaseOrdersPage, RefuseLinePage, TAB_SLUGS } from './portal.views.tsx';
import { OverviewView, shopOverview } from '../../catalogue/index.ts';
import { portalShopPath } from '../../platform/paths.ts';
import type { TimingSettings } from '../orders.timing.ts';
import { REFUSAL_REASONS, type PurchaseOrderTab } from '../orders.rules.ts';
import { purchaseOrderPath, purchaseOrdersPath, refuseLinePath } from '../orders.paths.ts';

const id = () => Type.String({ pattern: ID_PATTERN });
const ShopParams = Type.Object({ shopId: id() });
const PurchaseOrderParams = Type.Object({ shopId: id(), poId: id() });
const LineParams = Type.Object({ shopId: id(), poId: id(), lineId: id() });
const ListQuery = Type.Object({
  liste: Type.Optional(Fields.choice(Object.values(TAB_SLUGS))),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
// A move made from the list comes back to the list; from the purchase order, to it.
const MoveBody = formSchema({ retour: Type.Optional(Fields.choice(['liste'])) });
const RefuseBody = formSchema({ reason: Fields.choice(REFUSAL_REASONS), note: Type.Optional(Fields.optionalText(200)) });

function tabOf(slug: string | undefined): PurchaseOrderTab {
  const found = (Object.entries(TAB_SLUGS) as Array<[PurchaseOrderTab, string]>).find(([, value]) => value === slug);
  return found ? found[0] : 'to_prepare';
}

export async function portalOrdersRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const portal = onlyRoles('merchant', 'concierge');
  const timing: TimingSettings = { roundTimes: config.collectionRoundTimes, roundMinutes: config.collectionRoundMinutes, timeZone: config.timeZone };

  // The merchant's home (/boutique/:shopId): the storefront's overview from the catalogue, with
  // what waits on top. Served here because orders may read the catalogue, not the reverse.
  app.get(portalShopPath(':shopId'), { preHandler: portal, schema: { params: ShopParams } }, async (request, reply) => {
    const { shopId } = request.params;
    const [overview, summary] = await Promise.all([shopOverview(db, request.account, shopId), shopPrepareSummary(db, request.account, shopId, timing)]);
    const ctx = pageContext(request, reply);
    const waiting = PrepareSummaryPanel({ ctx, summary, ordersHref: purchaseOrdersPath(shopId) });
    return sendPage(reply, OverviewView({ ctx, overview, summary: waiting }));
  });

  app.get(purchaseOrdersPath(':shopId'), { preHandler: portal, schema: { params: ShopParams, querystring: ListQuery } }, async (request, reply) => {
    const list = await shopPurchaseOrders(db, request.account, request.params.shopId, timing, tabOf(request.query.liste), request.query.page ?? 1);
    return sendPage(reply, PurchaseOrdersPage({ ctx: pageContext(request, reply), list }));
  });

  app.get(purchaseOrderPath(':shopId', ':poId'), { preHandler: portal, schema: { params: PurchaseOrderParams } }, async (request, reply) => {
    const { shopId, poId } = request.params;
    const detail = await purchaseOrderDetail(db, request.account, shopId, poId);
    return sendPage(reply, PurchaseOrderPage({ ctx: pageContext(request, reply), shopId, detail }));
  });

  /** A one-button move, then back to the purchase order with a confirmation. */
  function move(action: 'accepter' | 'prete', act: typeof acceptPurchaseOrder, done: 'portal.orders.accepted' | 'portal.orders.marked_ready') {
    formRoute(app, purchaseOrderPath(':shopId', ':poId', action), {
      body: MoveBody,
      params: PurchaseOrderParams,
      preHandler: portal,
      run: async (request, body, { shopId, poId }) => {
        await act(db, request.account, shopId, poId);
        return redirectTo(body.retour === 'liste' ? purchaseOrdersPath(shopId) : purchaseOrderPath(shopId, poId), t(done));
      },
    });
  }
  move('accepter', acceptPurchaseOrder, 'portal.orders.accepted');
  move('prete', markPurchaseOrderReady, 'portal.orders.marked_ready');

  async function renderRefuse(request: FastifyRequest, reply: FastifyReply, { shopId, poId, lineId }: Static<typeof LineParams>, state: FormState) {
    const detail = await purchaseOrderDetail(db, request.account, shopId, poId);
    const line = detail.lines.find((candidate) => candidate.id === lineId && candidate.status === 'ordered');
    if (!line) throw notFound();
    const view = RefuseLinePage({ ctx: pageContext(request, reply), shopId, detail, line, state });
    return sendPage(reply, view, Object.keys(state.errors).length ? 422 : 200);
  }

  app.get(refuseLinePath(':shopId', ':poId', ':lineId'), { preHandler: portal, schema: { params: LineParams } }, async (request, reply) =>
    renderRefuse(request, reply, request.params, emptyForm()),
  );

  formRoute(app, refuseLinePath(':shopId', ':poId', ':lineId'), {
    body: RefuseBody,
    params: LineParams,
    preHandler: portal,
    run: async (request, body, { shopId, poId, lineId }) => {
      await refuseLine(db, config, request.account, shopId, poId, lineId, { reason: body.reason, note: emptyToNull(body.note) });
      return redirectTo(purchaseOrderPath(shopId, poId), t('portal.orders.refused'));
    },
    render: (request, reply, state, params) => renderRefuse(request, reply, params, state),
  });
}
