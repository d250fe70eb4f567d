// The counter's pages, for the concierge: /gestion/comptoir (search), one order's hand-over
// and its receipt, and /gestion/comptoir/non-retirees.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../platform/errors.ts';
import { Fields, formSchema, type FieldErrors } from '../../platform/forms.ts';
import { errorMessage, eurosOf, FormRefused, formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../../platform/http.ts';
import { formatEuros, parseEuros } from '../../platform/money.ts';
import { changeDueCents } from './counter.rules.ts';
import { t } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { counterOrder, counterReceipt, declareNotCollected, dueFor, handOver, searchCounter, uncollectedOrders, type CounterOrder } from './counter.service.ts';
import { counterBoard } from './counter.board.ts';
import { nowIso } from '../../platform/clock.ts';
import { CounterOrderPage, CounterSearchPage, ReceiptPage, UncollectedListPage, type Cash } from './counter.views.tsx';
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
  // cash only, optional: « 50 », « 50,00 », « 50 € »; the change is computed here
  received: Type.Optional(Type.String({ maxLength: 20, pattern: '^\\s*(\\d{1,7}([.,]\\d{1,2})?\\s*€?)?\\s*$', 'x-error': 'counter.form.received_invalid' })),
  idempotency_key: Fields.idempotencyKey(),
});
/** Refusals that only say the amount was recalculated: shown as information, not as an error. */
const RECALCULATED = ['counter_selection_changed', 'counter_amount_changed'];
const EmptyBody = formSchema({});

/** The ticked boxes of a refused form, kept if they name purchase orders at the counter. */
function tickedOf(body: unknown, detail: CounterOrder): string[] {
  const raw = (body as { bons?: unknown } | undefined)?.bons;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return detail.atCounter.map((po) => po.id).filter((id) => list.includes(id));
}

/** A hand-over form sent back: what was ticked and typed, and why. */
interface SentBack {
  selected?: string[];
  payment?: string;
  received?: string;
  key: string;
  errors: FieldErrors;
  /** The amount was recalculated (a changed choice, a price confirmed meanwhile): said calmly. */
  recalculated?: string;
}

/**
 * The cash the member handed, when typed: refused next to its field when it does not cover the
 * amount on the button. A changed choice is left to the service, which shows the new amount.
 */
function receivedCash(typed: string | undefined, input: { purchaseOrderIds: readonly string[]; shownIds: readonly string[]; shownCents?: number }): Cash | undefined {
  if (!typed?.trim()) return undefined;
  const receivedCents = eurosOf(typed, 'received');
  const sameChoice = input.purchaseOrderIds.length === input.shownIds.length && input.purchaseOrderIds.every((id) => input.shownIds.includes(id));
  if (input.shownCents === undefined || !sameChoice) return undefined;
  const change = changeDueCents(receivedCents, input.shownCents);
  if (change === undefined) throw new FormRefused({ received: t('counter.form.received_short', { received: formatEuros(receivedCents), due: formatEuros(input.shownCents) }) });
  return { receivedCents, changeCents: change };
}

/** The change for the recalculated amount, when cash was typed and covers it. */
function cashOnNotice(form: SentBack, dueCents: number): Cash | undefined {
  if (form.payment !== 'cash' || !form.received?.trim()) return undefined;
  const receivedCents = parseEuros(form.received);
  const change = receivedCents === undefined ? undefined : changeDueCents(receivedCents, dueCents);
  return receivedCents === undefined || change === undefined ? undefined : { receivedCents, changeCents: change };
}

function changeText(cash: Cash): string {
  return t('counter.cash.change', { received: formatEuros(cash.receivedCents), change: formatEuros(cash.changeCents) });
}

export async function counterRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  app.get(COUNTER, { preHandler: concierge, schema: { querystring: SearchQuery } }, async (request, reply) => {
    const query = (request.query.q ?? '').trim();
    if (query === '') {
      const board = await counterBoard(db, request.account, nowIso(), config.timeZone);
      return sendPage(reply, CounterSearchPage({ ctx: pageContext(request, reply), board }));
    }
    const found = await searchCounter(db, request.account, query);
    if (found.kind === 'order') return reply.redirect(counterOrderPath(found.orderId), 303);
    const results = { query, items: found.items, tooManyMembers: found.tooManyMembers, membersFound: found.membersFound };
    return sendPage(reply, CounterSearchPage({ ctx: pageContext(request, reply), results }));
  });

  app.get(UNCOLLECTED, { preHandler: concierge, schema: { querystring: PageQuery } }, async (request, reply) => {
    const list = await uncollectedOrders(db, config, request.account, request.query.page ?? 1);
    return sendPage(reply, UncollectedListPage({ ctx: pageContext(request, reply), list }));
  });

  async function renderOrder(request: FastifyRequest, reply: FastifyReply, orderId: string, form?: SentBack) {
    const detail = await counterOrder(db, request.account, orderId);
    const selected = form?.selected ?? detail.atCounter.map((po) => po.id);
    const dueCents = dueFor(detail, selected);
    const state = {
      selected,
      payment: form?.payment,
      received: form?.received,
      idempotencyKey: form?.key ?? newIdempotencyKey(),
      errors: form?.errors ?? {},
      dueCents,
      recalculated: form?.recalculated === undefined ? undefined : { message: form.recalculated, change: cashOnNotice(form, dueCents) },
    };
    const status = form && Object.keys(form.errors).length > 0 ? 422 : 200;
    return sendPage(reply, CounterOrderPage({ ctx: pageContext(request, reply), detail, form: state }), status);
  }

  app.get(counterOrderPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => renderOrder(request, reply, request.params.id));

  formRoute(app, counterOrderPath(':id'), {
    body: HandOverBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id: orderId }) => {
      const { bons = [], shown, shown_cents: shownCents, payment, received, idempotency_key: key } = body;
      const input = {
        purchaseOrderIds: bons,
        method: payment,
        shownIds: shown.split(',').filter(Boolean),
        shownCents: shownCents === undefined ? undefined : Number(shownCents),
      };
      const cash = payment === 'cash' ? receivedCash(received, input) : undefined;
      await handOver(db, request.account, orderId, input, key);
      const detail = await counterOrder(db, request.account, orderId);
      const done = t('counter.flash.handed_over', { code: detail.order.collectionCode });
      return redirectTo(counterOrderPath(orderId, 'recu'), cash ? `${done} ${changeText(cash)}` : done);
    },
    render: async (request, reply, { values, errors, error }, { id: orderId }) => {
      const detail = await counterOrder(db, request.account, orderId);
      const recalculated = error !== undefined && RECALCULATED.includes(error.code);
      const form = { selected: tickedOf(request.body, detail), payment: values.payment, received: values.received, key: values.idempotency_key!, errors };
      return renderOrder(request, reply, orderId, recalculated ? { ...form, errors: {}, recalculated: errorMessage(error) } : form);
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
