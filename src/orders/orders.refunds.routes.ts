// The concierge's money forms on an order: /gestion/commandes/:id/encaisser (a part payment)
// and /gestion/commandes/:id/rembourser (a refund).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { Fields, formSchema, valuesOf, type FieldErrors, type FormValues } from '../platform/forms.ts';
import { domainErrorToFieldErrors, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { keyAfterRefusal, newIdempotencyKey } from '../platform/idempotency/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { formatEuros, parseEuros } from '../platform/money.ts';
import type { RefundScope } from './orders.refunds.rules.ts';
import { orderMoney, recordPartPayment, recordRefund } from './orders.refunds.service.ts';
import { defaultScope, ORDERS, PartPaymentPage, RefundPage } from './orders.refunds.views.tsx';
import { COUNTER_PAYMENT_METHODS } from './orders.rules.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
type IdRoute = { Params: Static<typeof IdParams> };
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const UUID = ID_PATTERN.slice(1, -1);

const PaymentBody = formSchema({
  method: Fields.choice(COUNTER_PAYMENT_METHODS),
  montant: Fields.text(20),
  idempotency_key: Fields.idempotencyKey(),
});
type PaymentBodyT = Static<typeof PaymentBody>;

const RefundBody = formSchema({
  quoi: Type.String({ pattern: `^(tout|refuses|montant|ligne:${UUID})$`, 'x-error': 'field.choice' }),
  montant: Type.Optional(Type.String({ maxLength: 20 })),
  source: Type.Optional(Type.String({ maxLength: 60, pattern: `^(cash|card|cheque|online:${UUID})$`, 'x-error': 'field.choice' })),
  motif: Fields.text(500),
  idempotency_key: Fields.idempotencyKey(),
});
type RefundBodyT = Static<typeof RefundBody>;

/** The key of the form that was sent, when it is one; a fresh one otherwise. */
function keyOf(values: FormValues): string {
  const key = values.idempotency_key ?? '';
  return KEY_PATTERN.test(key) ? key : newIdempotencyKey();
}

/** The scope chosen, with the typed amount when « Un autre montant »; field errors otherwise. */
function scopeOf(body: RefundBodyT): { scope: RefundScope } | { errors: FieldErrors } {
  if (body.quoi === 'tout') return { scope: { kind: 'all' } };
  if (body.quoi === 'refuses') return { scope: { kind: 'refused' } };
  if (body.quoi.startsWith('ligne:')) return { scope: { kind: 'line', lineId: body.quoi.slice('ligne:'.length) } };
  const amountCents = parseEuros(body.montant ?? '');
  if (amountCents === undefined) return { errors: { montant: t('field.price') } };
  return { scope: { kind: 'amount', amountCents } };
}

export async function refundsRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const concierge = requireRole('concierge');

  async function paymentPage(request: FastifyRequest<IdRoute>, reply: FastifyReply, form?: { values: FormValues; errors: FieldErrors }) {
    const money = await orderMoney(db, request.account, request.params.id);
    const state = { values: form?.values ?? {}, errors: form?.errors ?? {}, idempotencyKey: keyOf(form?.values ?? {}) };
    return sendPage(reply, PartPaymentPage({ ctx: pageContext(request, reply), money, form: state }), form ? 422 : 200);
  }

  app.get<IdRoute>(`${ORDERS}/:id/encaisser`, { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => paymentPage(request, reply));

  app.post<IdRoute>(
    `${ORDERS}/:id/encaisser`,
    { preHandler: concierge, schema: { params: IdParams, body: PaymentBody }, attachValidation: true },
    async (request, reply) => {
      const form = readForm<PaymentBodyT>(request);
      if (!form.ok) return paymentPage(request, reply, form);
      const values = valuesOf(request.body);
      const amountCents = parseEuros(form.body.montant);
      if (amountCents === undefined) return paymentPage(request, reply, { values, errors: { montant: t('field.price') } });
      try {
        await recordPartPayment(db, request.account, request.params.id, { method: form.body.method, amountCents }, form.body.idempotency_key);
      } catch (error) {
        const kept = { ...values, idempotency_key: keyAfterRefusal(error, form.body.idempotency_key) };
        return paymentPage(request, reply, { values: kept, errors: domainErrorToFieldErrors(error) });
      }
      const money = await orderMoney(db, request.account, request.params.id);
      setFlash(request, t('refunds.pay.done', { amount: formatEuros(amountCents), code: money.order.collectionCode }));
      return redirectAfterPost(reply, `${ORDERS}/${request.params.id}`);
    },
  );

  async function refundPage(request: FastifyRequest<IdRoute>, reply: FastifyReply, form?: { values: FormValues; errors: FieldErrors }) {
    const money = await orderMoney(db, request.account, request.params.id);
    const values = form?.values ?? { quoi: defaultScope(money) };
    const state = { values, errors: form?.errors ?? {}, idempotencyKey: keyOf(form?.values ?? {}) };
    return sendPage(reply, RefundPage({ ctx: pageContext(request, reply), money, form: state }), form ? 422 : 200);
  }

  app.get<IdRoute>(`${ORDERS}/:id/rembourser`, { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => refundPage(request, reply));

  app.post<IdRoute>(
    `${ORDERS}/:id/rembourser`,
    { preHandler: concierge, schema: { params: IdParams, body: RefundBody }, attachValidation: true },
    async (request, reply) => {
      const form = readForm<RefundBodyT>(request);
      if (!form.ok) return refundPage(request, reply, form);
      const values = valuesOf(request.body);
      const chosen = scopeOf(form.body);
      if ('errors' in chosen) return refundPage(request, reply, { values, errors: chosen.errors });
      const input = { scope: chosen.scope, sourceKey: form.body.source, reason: form.body.motif };
      try {
        await recordRefund(db, config, request.account, request.params.id, input, form.body.idempotency_key);
      } catch (error) {
        const kept = { ...values, idempotency_key: keyAfterRefusal(error, form.body.idempotency_key) };
        return refundPage(request, reply, { values: kept, errors: domainErrorToFieldErrors(error) });
      }
      const money = await orderMoney(db, request.account, request.params.id);
      const last = money.refunds.at(-1);
      const at = last?.at;
      const amount = money.refunds.filter((refund) => refund.at === at).reduce((sum, refund) => sum + refund.amountCents, 0);
      setFlash(request, t('refunds.refund.done', { code: money.order.collectionCode, amount: formatEuros(amount) }));
      return redirectAfterPost(reply, `${ORDERS}/${request.params.id}`);
    },
  );
}
