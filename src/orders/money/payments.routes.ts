// Online payment: /commandes/:id/payer shows the amount and its POST sends the resident to the provider's checkout,
// /commandes/:id/paiement/retour and /annule are where the provider sends them back, the demo
// provider's own payment page lives under /paiement/demo/, and Stripe's signed events arrive
// at POST /paiement/stripe/webhook.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../platform/errors.ts';
import { Fields, formSchema } from '../../platform/forms.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { errorMessage, formRoute, pageContext, redirectTo, onlyRoles, sendPage, setFlash } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { DEMO_SESSION_PATTERN, demoCheckoutPath, paymentProviderFor, WebhookRefused } from '../../platform/payments/index.ts';
import { ownOrderPath, payPath, paymentReturnPath } from '../orders.paths.ts';
import { demoCheckout, onlinePaymentDue, payDemoCheckout, paymentOutcome, recordPaymentEvent, startOnlinePayment } from './payments.service.ts';
import { DemoPaymentPage, PayPage, ReturnPage } from './payments.views.tsx';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const SessionParams = Type.Object({ sessionId: Type.String({ pattern: DEMO_SESSION_PATTERN }) });
const EmptyBody = formSchema({});
// The idempotency key travels with the form like every form that starts something; the
// checkout itself is keyed at the provider by (order, attempt, amount), so a double click or
// a second tab opens one checkout.
const PayBody = formSchema({ idempotency_key: Fields.idempotencyKey(), montant_cents: Type.String({ pattern: '^[0-9]{1,9}$' }) });

/** Refusals the resident can act on: said on the order page. */
const TOLD_ON_ORDER = new Set(['online_payment_nothing_due', 'online_payment_closed', 'online_payment_unavailable', 'online_payment_in_progress']);

export async function paymentsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const resident = onlyRoles('resident');

  /** The order page tells why paying online is not (or no longer) possible. */
  function toOrderPage(request: FastifyRequest, reply: FastifyReply, orderId: string, error: unknown) {
    if (!(error instanceof DomainError) || !TOLD_ON_ORDER.has(error.code)) throw error;
    setFlash(request, errorMessage(error));
    return reply.redirect(ownOrderPath(orderId), 303);
  }

  async function payPage(request: FastifyRequest, reply: FastifyReply, orderId: string, message?: string) {
    try {
      const due = await onlinePaymentDue(db, config, request.account, orderId);
      return sendPage(reply, PayPage({ ctx: pageContext(request, reply), due, idempotencyKey: newIdempotencyKey(), message }), message ? 409 : 200);
    } catch (error) {
      return toOrderPage(request, reply, orderId, error);
    }
  }

  app.get(payPath(':id'), { preHandler: resident, schema: { params: IdParams } }, (request, reply) => payPage(request, reply, request.params.id));

  // Opens (or reuses) the checkout for the amount the button said, then sends the resident there.
  formRoute(app, payPath(':id'), {
    body: PayBody,
    params: IdParams,
    preHandler: resident,
    run: async (request, body, { id }, { reply }) => {
      try {
        return redirectTo(await startOnlinePayment(db, config, request.account, id, Number(body.montant_cents)));
      } catch (error) {
        if (error instanceof DomainError && error.code === 'online_payment_amount_changed') return payPage(request, reply, id, errorMessage(error));
        return toOrderPage(request, reply, id, error);
      }
    },
  });

  app.get(paymentReturnPath(':id', 'retour'), { preHandler: resident, schema: { params: IdParams } }, async (request, reply) => {
    const outcome = await paymentOutcome(db, request.account, request.params.id);
    return sendPage(reply, ReturnPage({ ctx: pageContext(request, reply), outcome }));
  });

  app.get(paymentReturnPath(':id', 'annule'), { preHandler: resident, schema: { params: IdParams } }, async (request, reply) => {
    const { order } = await paymentOutcome(db, request.account, request.params.id);
    setFlash(request, t('payments.cancelled'));
    return reply.redirect(ownOrderPath(order.id), 303);
  });

  app.get(demoCheckoutPath(':sessionId'), { preHandler: resident, schema: { params: SessionParams } }, async (request, reply) => {
    const { payment, order } = await demoCheckout(db, config, request.account, request.params.sessionId);
    return sendPage(reply, DemoPaymentPage({ ctx: pageContext(request, reply), payment, order }));
  });

  formRoute(app, demoCheckoutPath(':sessionId'), {
    body: EmptyBody,
    params: SessionParams,
    preHandler: resident,
    run: async (request, _body, { sessionId }) => redirectTo(paymentReturnPath(await payDemoCheckout(db, config, request.account, sessionId), 'retour')),
  });

  await app.register(stripeWebhookRoutes);
}

/**
 * Stripe's events, signed with the endpoint's secret. The signature covers the exact bytes
 * sent, so this plugin (and only it) keeps JSON bodies as they came. Not a form: no CSRF token,
 * the signature is the proof. Answers at once; a refused event is logged and answered 400.
 */
async function stripeWebhookRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 256 * 1024 }, (_request, body, done) => done(null, body));

  app.post('/paiement/stripe/webhook', { config: { csrf: false } }, async (request, reply) => {
    const provider = paymentProviderFor(config);
    if (provider?.name !== 'stripe') throw new DomainError('not_found');
    if (!Buffer.isBuffer(request.body)) return reply.code(400).send({ error: 'expected a JSON body' });
    let event;
    try {
      event = provider.readWebhook(request.body, request.headers['stripe-signature']?.toString());
    } catch (error) {
      if (!(error instanceof WebhookRefused)) throw error;
      request.log.warn({ reason: error.message }, 'Stripe webhook refused');
      return reply.code(400).send({ error: 'signature' });
    }
    if (!event) return reply.send({ received: true });
    try {
      const outcome = await recordPaymentEvent(db, 'stripe', event);
      if (outcome === 'unknown_session') request.log.warn({ sessionId: event.sessionId, eventId: event.eventId }, 'Stripe event for a checkout we did not open');
      return reply.send({ received: true, outcome });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'online_payment_amount_mismatch') throw error;
      request.log.error({ sessionId: event.sessionId, eventId: event.eventId, amountCents: event.amountCents }, 'Stripe event amount differs from the checkout');
      return reply.code(400).send({ error: 'amount' });
    }
  });
}
