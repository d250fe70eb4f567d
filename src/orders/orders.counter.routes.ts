// The counter's pages, for the concierge: /gestion/comptoir (search), one order's hand-over
// and its receipt, and /gestion/comptoir/non-retirees.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { DomainError } from '../platform/errors.ts';
import { Fields, formSchema, type FieldErrors } from '../platform/forms.ts';
import { domainErrorToFieldErrors, errorMessage, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { keyAfterRefusal, newIdempotencyKey } from '../platform/idempotency/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { counterOrder, counterReceipt, declareNotCollected, dueFor, handOver, searchCounter, uncollectedOrders, type CounterOrder } from './orders.counter.service.ts';
import { COUNTER, CounterOrderPage, CounterSearchPage, ReceiptPage, UNCOLLECTED, UncollectedListPage } from './orders.counter.views.tsx';
import { COUNTER_PAYMENT_METHODS } from './orders.rules.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
type IdParamsT = Static<typeof IdParams>;
const SearchQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });
const HandOverBody = formSchema({
  // one value per ticked box; a single one arrives as a string and is made a list
  bons: Type.Optional(Type.Array(Type.String({ pattern: ID_PATTERN }), { maxItems: 50 })),
  shown: Type.String({ maxLength: 2000, pattern: '^[0-9a-fA-F,-]*$' }),
  // the amount the button said, in cents: a price confirmed meanwhile must be shown first
  shown_cents: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
  payment: Type.Optional(Fields.choice(COUNTER_PAYMENT_METHODS)),
  idempotency_key: Fields.idempotencyKey(),
});
type HandOverBodyT = Static<typeof HandOverBody>;
const EmptyBody = formSchema({});

/** The ticked boxes of a refused form, kept if they name purchase orders at the counter. */
function tickedOf(body: unknown, detail: CounterOrder): string[] {
  const raw = (body as { bons?: unknown } | undefined)?.bons;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return detail.atCounter.map((po) => po.id).filter((id) => list.includes(id));
}

export async function counterRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const concierge = requireRole('concierge');

  app.get<{ Querystring: Static<typeof SearchQuery> }>(COUNTER, { preHandler: concierge, schema: { querystring: SearchQuery } }, async (request, reply) => {
    const query = (request.query.q ?? '').trim();
    if (query === '') return sendPage(reply, CounterSearchPage({ ctx: pageContext(request, reply) }));
    const found = await searchCounter(db, request.account, query);
    if (found.kind === 'order') return reply.redirect(`${COUNTER}/${found.orderId}`, 303);
    const results = { query, items: found.items, tooManyMembers: found.tooManyMembers, membersFound: found.membersFound };
    return sendPage(reply, CounterSearchPage({ ctx: pageContext(request, reply), results }));
  });

  app.get<{ Querystring: Static<typeof PageQuery> }>(UNCOLLECTED, { preHandler: concierge, schema: { querystring: PageQuery } }, async (request, reply) => {
    const list = await uncollectedOrders(db, config, request.account, request.query.page ?? 1);
    return sendPage(reply, UncollectedListPage({ ctx: pageContext(request, reply), list }));
  });

  async function renderOrder(request: FastifyRequest, reply: FastifyReply, orderId: string, form?: { selected?: string[]; payment?: string; key: string; errors: FieldErrors }) {
    const detail = await counterOrder(db, request.account, orderId);
    const selected = form?.selected ?? detail.atCounter.map((po) => po.id);
    const state = { selected, payment: form?.payment, idempotencyKey: form?.key ?? newIdempotencyKey(), errors: form?.errors ?? {}, dueCents: dueFor(detail, selected) };
    const status = form && Object.keys(form.errors).length > 0 ? 422 : 200;
    return sendPage(reply, CounterOrderPage({ ctx: pageContext(request, reply), detail, form: state }), status);
  }

  app.get<{ Params: IdParamsT }>(`${COUNTER}/:id`, { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) =>
    renderOrder(request, reply, request.params.id),
  );

  app.post<{ Params: IdParamsT }>(
    `${COUNTER}/:id`,
    { preHandler: concierge, schema: { params: IdParams, body: HandOverBody }, attachValidation: true },
    async (request, reply) => {
      const orderId = request.params.id;
      const form = readForm<HandOverBodyT>(request);
      if (!form.ok) {
        const detail = await counterOrder(db, request.account, orderId);
        const key = /^[A-Za-z0-9_-]{8,64}$/.test(form.values.idempotency_key ?? '') ? form.values.idempotency_key! : newIdempotencyKey();
        return renderOrder(request, reply, orderId, { selected: tickedOf(request.body, detail), payment: form.values.payment, key, errors: form.errors });
      }
      const { bons = [], shown, shown_cents: shownCents, payment, idempotency_key: key } = form.body;
      const input = {
        purchaseOrderIds: bons,
        method: payment,
        shownIds: shown.split(',').filter(Boolean),
        shownCents: shownCents === undefined ? undefined : Number(shownCents),
      };
      try {
        await handOver(db, request.account, orderId, input, key);
      } catch (error) {
        const errors = domainErrorToFieldErrors(error);
        const detail = await counterOrder(db, request.account, orderId);
        return renderOrder(request, reply, orderId, { selected: tickedOf({ bons }, detail), payment, key: keyAfterRefusal(error, key), errors });
      }
      const detail = await counterOrder(db, request.account, orderId);
      setFlash(request, t('counter.flash.handed_over', { code: detail.order.collectionCode }));
      return redirectAfterPost(reply, `${COUNTER}/${orderId}/recu`);
    },
  );

  app.get<{ Params: IdParamsT }>(`${COUNTER}/:id/recu`, { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const { detail, handOvers } = await counterReceipt(db, request.account, request.params.id);
    return sendPage(reply, ReceiptPage({ ctx: pageContext(request, reply), detail, handOvers }));
  });

  app.post<{ Params: IdParamsT }>(
    `${COUNTER}/:id/non-retiree`,
    { preHandler: concierge, schema: { params: IdParams, body: EmptyBody } },
    async (request, reply) => {
      try {
        const order = await declareNotCollected(db, config, request.account, request.params.id);
        setFlash(request, t('counter.flash.not_collected', { code: order.collectionCode }));
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 404) throw error;
        setFlash(request, errorMessage(error));
      }
      return redirectAfterPost(reply, UNCOLLECTED);
    },
  );
}
