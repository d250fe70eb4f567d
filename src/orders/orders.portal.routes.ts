// The merchant's purchase orders under /boutique/:shopId/commandes. Every route names the
// shop; the service answers 404 to a merchant of another shop, whatever the route.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { notFound } from '../platform/errors.ts';
import { emptyToNull, Fields, formSchema, valuesOf, type FieldErrors } from '../platform/forms.ts';
import { domainErrorToFieldErrors, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { emptyForm } from '../ui/forms.tsx';
import {
  acceptPurchaseOrder,
  markPurchaseOrderReady,
  purchaseOrderDetail,
  refuseLine,
  shopPurchaseOrders,
} from './orders.purchase-orders.service.ts';
import { PurchaseOrderPage, PurchaseOrdersPage, RefuseLinePage, TAB_SLUGS } from './orders.portal.views.tsx';
import { REFUSAL_REASONS, type PurchaseOrderTab } from './orders.rules.ts';

const id = () => Type.String({ pattern: ID_PATTERN });
const ShopParams = Type.Object({ shopId: id() });
const PurchaseOrderParams = Type.Object({ shopId: id(), poId: id() });
const LineParams = Type.Object({ shopId: id(), poId: id(), lineId: id() });
const ListQuery = Type.Object({
  liste: Type.Optional(Fields.choice(Object.values(TAB_SLUGS))),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
const EmptyBody = formSchema({});
const RefuseBody = formSchema({ reason: Fields.choice(REFUSAL_REASONS), note: Type.Optional(Fields.optionalText(200)) });
type PurchaseOrderRoute = { Params: Static<typeof PurchaseOrderParams> };
type LineRoute = { Params: Static<typeof LineParams> };

function tabOf(slug: string | undefined): PurchaseOrderTab {
  const found = (Object.entries(TAB_SLUGS) as Array<[PurchaseOrderTab, string]>).find(([, value]) => value === slug);
  return found ? found[0] : 'to_prepare';
}

export async function portalOrdersRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const portal = requireRole('merchant', 'concierge');

  app.get<{ Params: Static<typeof ShopParams>; Querystring: Static<typeof ListQuery> }>(
    '/boutique/:shopId/commandes',
    { preHandler: portal, schema: { params: ShopParams, querystring: ListQuery } },
    async (request, reply) => {
      const list = await shopPurchaseOrders(db, request.account, request.params.shopId, tabOf(request.query.liste), request.query.page ?? 1);
      return sendPage(reply, PurchaseOrdersPage({ ctx: pageContext(request, reply), list }));
    },
  );

  app.get<PurchaseOrderRoute>('/boutique/:shopId/commandes/:poId', { preHandler: portal, schema: { params: PurchaseOrderParams } }, async (request, reply) => {
    const { shopId, poId } = request.params;
    const detail = await purchaseOrderDetail(db, request.account, shopId, poId);
    return sendPage(reply, PurchaseOrderPage({ ctx: pageContext(request, reply), shopId, detail }));
  });

  /** A one-button move, then back to the purchase order with a confirmation. */
  function move(path: string, act: typeof acceptPurchaseOrder, done: 'portal.orders.accepted' | 'portal.orders.marked_ready') {
    app.post<PurchaseOrderRoute>(`/boutique/:shopId/commandes/:poId/${path}`, { preHandler: portal, schema: { params: PurchaseOrderParams, body: EmptyBody } }, async (request, reply) => {
      const { shopId, poId } = request.params;
      await act(db, request.account, shopId, poId);
      setFlash(request, t(done));
      return redirectAfterPost(reply, `/boutique/${shopId}/commandes/${poId}`);
    });
  }
  move('accepter', acceptPurchaseOrder, 'portal.orders.accepted');
  move('prete', markPurchaseOrderReady, 'portal.orders.marked_ready');

  async function renderRefuse(request: FastifyRequest<LineRoute>, reply: FastifyReply, values: Record<string, string | undefined>, errors: FieldErrors) {
    const { shopId, poId, lineId } = request.params;
    const detail = await purchaseOrderDetail(db, request.account, shopId, poId);
    const line = detail.lines.find((candidate) => candidate.id === lineId && candidate.status === 'ordered');
    if (!line) throw notFound();
    const view = RefuseLinePage({ ctx: pageContext(request, reply), shopId, detail, line, state: { values, errors } });
    return sendPage(reply, view, Object.keys(errors).length ? 422 : 200);
  }

  app.get<LineRoute>('/boutique/:shopId/commandes/:poId/lignes/:lineId/refuser', { preHandler: portal, schema: { params: LineParams } }, async (request, reply) =>
    renderRefuse(request, reply, emptyForm().values, {}),
  );

  app.post<LineRoute>(
    '/boutique/:shopId/commandes/:poId/lignes/:lineId/refuser',
    { preHandler: portal, schema: { params: LineParams, body: RefuseBody }, attachValidation: true },
    async (request, reply) => {
      const { shopId, poId, lineId } = request.params;
      const form = readForm<Static<typeof RefuseBody>>(request);
      if (!form.ok) return renderRefuse(request, reply, valuesOf(request.body), form.errors);
      try {
        await refuseLine(db, config, request.account, shopId, poId, lineId, { reason: form.body.reason, note: emptyToNull(form.body.note) });
      } catch (error) {
        return renderRefuse(request, reply, valuesOf(request.body), domainErrorToFieldErrors(error));
      }
      setFlash(request, t('portal.orders.refused'));
      return redirectAfterPost(reply, `/boutique/${shopId}/commandes/${poId}`);
    },
  );
}
