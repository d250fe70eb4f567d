// The counter's pages, for the concierge: /gestion/comptoir (search), one order's hand-over
// and its receipt, and /gestion/comptoir/non-retirees.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../platform/errors.ts';
import { Fields, formSchema, type FieldErrors } from '../../platform/forms.ts';
import { errorMessage, formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { counterOrder, counterReceipt, declareNotCollected, dueFor, handOver, searchCounter, uncollectedOrders, type CounterOrder } from './counter.service.ts';
import { CounterOrderPage, CounterSearchPage, ReceiptPage, UncollectedListPage } from './counter.views.tsx';
import { COUNTER, UNCOLLECTED, counterOrderPath } from '../orders.paths.ts';
import { COUNTER_PAYMENT_METHODS } from '../orders.rules.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
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
const EmptyBody = formSchema({});

/** The ticked boxes of a refused form, kept if they name purchase orders at the counter. */
function tickedOf(body: unknown, detail: CounterOrder): string[] {
  const raw = (body as { bons?: unknown } | undefined)?.bons;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return detail.atCounter.map((po) => po.id).filter((id) => list.includes(id));
}

export async function counterRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  app.get(COUNTER, { preHandler: concierge, schema: { querystring: SearchQuery } }, async (request, reply) => {
    const query = (request.query.q ?? '').trim();
    if (query === '') return sendPage(reply, CounterSearchPage({ ctx: pageContext(request, reply) }));
    const found = await searchCounter(db, request.account, query);
    if (found.kind === 'order') return reply.redirect(counterOrderPath(found.orderId), 303);
    const results = { query, items: found.items, tooManyMembers: found.tooManyMembers, membersFound: found.membersFound };
    return sendPage(reply, CounterSearchPage({ ctx: pageContext(request, reply), results }));
  });

  app.get(UNCOLLECTED, { preHandler: concierge, schema: { querystring: PageQuery } }, async (request, reply) => {
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

  app.get(counterOrderPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => renderOrder(request, reply, request.params.id));

  formRoute(app, counterOrderPath(':id'), {
    body: HandOverBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id: orderId }) => {
      const { bons = [], shown, shown_cents: shownCents, payment, idempotency_key: key } = body;
      const input = {
        purchaseOrderIds: bons,
        method: payment,
        shownIds: shown.split(',').filter(Boolean),
        shownCents: shownCents === undefined ? undefined : Number(shownCents),
      };
      await handOver(db, request.account, orderId, input, key);
      const detail = await counterOrder(db, request.account, orderId);
      return redirectTo(counterOrderPath(orderId, 'recu'), t('counter.flash.handed_over', { code: detail.order.collectionCode }));
    },
    render: async (request, reply, { values, errors }, { id: orderId }) => {
      const detail = await counterOrder(db, request.account, orderId);
      return renderOrder(request, reply, orderId, { selected: tickedOf(request.body, detail), payment: values.payment, key: values.idempotency_key!, errors });
    },
  });

  app.get(counterOrderPath(':id', 'recu'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const { detail, handOvers } = await counterReceipt(db, request.account, request.params.id);
    return sendPage(reply, ReceiptPage({ ctx: pageContext(request, reply), detail, handOvers }));
  });

  formRoute(app, counterOrderPath(':id', 'non-retiree'), {
    body: EmptyBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, _body, { id }) => {
      try {
        const order = await declareNotCollected(db, config, request.account, id);
        return redirectTo(UNCOLLECTED, t('counter.flash.not_collected', { code: order.collectionCode }));
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 404) throw error;
        return redirectTo(UNCOLLECTED, errorMessage(error));
      }
    },
  });
}
