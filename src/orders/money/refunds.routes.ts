// The concierge's money forms on an order: /gestion/commandes/:id/encaisser (a part payment)
// and /gestion/commandes/:id/rembourser (a refund).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Fields, formSchema } from '../../platform/forms.ts';
import { eurosOf, formRoute, pageContext, redirectTo, onlyRoles, sendPage, usableKey, type SubmittedForm } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { formatEuros } from '../../platform/money.ts';
import type { RefundScope } from './refunds.rules.ts';
import { orderMoney, recordPartPayment, recordRefund } from './refunds.service.ts';
import { defaultScope, PartPaymentPage, RefundPage } from './refunds.views.tsx';
import { orderActionPath, orderPath } from '../orders.paths.ts';
import { COUNTER_PAYMENT_METHODS } from '../orders.rules.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const UUID = ID_PATTERN.slice(1, -1);

const PaymentBody = formSchema({
  method: Fields.choice(COUNTER_PAYMENT_METHODS),
  montant: Fields.text(20),
  idempotency_key: Fields.idempotencyKey(),
});

const RefundBody = formSchema({
  quoi: Type.String({ pattern: `^(tout|refuses|montant|ligne:${UUID})$`, 'x-error': 'field.choice' }),
  montant: Type.Optional(Type.String({ maxLength: 20 })),
  source: Type.Optional(Type.String({ maxLength: 60, pattern: `^(cash|card|cheque|online:${UUID})$`, 'x-error': 'field.choice' })),
  motif: Fields.text(500),
  idempotency_key: Fields.idempotencyKey(),
});
type RefundBodyT = Static<typeof RefundBody>;

/** The scope chosen, with the typed amount when « Un autre montant »; field errors otherwise. */
function scopeOf(body: RefundBodyT): RefundScope {
  if (body.quoi === 'tout') return { kind: 'all' };
  if (body.quoi === 'refuses') return { kind: 'refused' };
  if (body.quoi.startsWith('ligne:')) return { kind: 'line', lineId: body.quoi.slice('ligne:'.length) };
  return { kind: 'amount', amountCents: eurosOf(body.montant ?? '', 'montant') };
}

export async function refundsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  async function paymentPage(request: FastifyRequest, reply: FastifyReply, orderId: string, form?: SubmittedForm) {
    const money = await orderMoney(db, request.account, orderId);
    const state = { values: form?.values ?? {}, errors: form?.errors ?? {}, idempotencyKey: usableKey(form?.values.idempotency_key) };
    return sendPage(reply, PartPaymentPage({ ctx: pageContext(request, reply), money, form: state }), form ? 422 : 200);
  }

  app.get(orderActionPath(':id', 'encaisser'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => paymentPage(request, reply, request.params.id));

  formRoute(app, orderActionPath(':id', 'encaisser'), {
    body: PaymentBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      const amountCents = eurosOf(body.montant, 'montant');
      await recordPartPayment(db, request.account, id, { method: body.method, amountCents }, body.idempotency_key);
      const money = await orderMoney(db, request.account, id);
      return redirectTo(orderPath(id), t('refunds.pay.done', { amount: formatEuros(amountCents), code: money.order.collectionCode }));
    },
    render: (request, reply, form, { id }) => paymentPage(request, reply, id, form),
  });

  async function refundPage(request: FastifyRequest, reply: FastifyReply, orderId: string, form?: SubmittedForm) {
    const money = await orderMoney(db, request.account, orderId);
    const values = form?.values ?? { quoi: defaultScope(money) };
    const state = { values, errors: form?.errors ?? {}, idempotencyKey: usableKey(form?.values.idempotency_key) };
    return sendPage(reply, RefundPage({ ctx: pageContext(request, reply), money, form: state }), form ? 422 : 200);
  }

  app.get(orderActionPath(':id', 'rembourser'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => refundPage(request, reply, request.params.id));

  formRoute(app, orderActionPath(':id', 'rembourser'), {
    body: RefundBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      const input = { scope: scopeOf(body), sourceKey: body.source, reason: body.motif };
      await recordRefund(db, config, request.account, id, input, body.idempotency_key);
      const money = await orderMoney(db, request.account, id);
      const last = money.refunds.at(-1);
      const at = last?.at;
      const amount = money.refunds.filter((refund) => refund.at === at).reduce((sum, refund) => sum + refund.amountCents, 0);
      return redirectTo(orderPath(id), t('refunds.refund.done', { code: money.order.collectionCode, amount: formatEuros(amount) }));
    },
    render: (request, reply, form, { id }) => refundPage(request, reply, id, form),
  });
}
