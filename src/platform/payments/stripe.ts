// Stripe Checkout through Stripe's official SDK: a hosted payment page per checkout, the
// outcome sent to our webhook signed with the endpoint's secret (verified only by the SDK's
// own code), refunds of the PaymentIntent. Amounts are integer cents in euros, as Stripe counts.
import { createRequire } from 'node:module';
import type Stripe from 'stripe';
import type { StripeConfig } from '../../config.ts';
import { WebhookRefused, type CheckoutRequest, type PaymentEvent, type PaymentProvider } from './provider.ts';

const clients = new WeakMap<StripeConfig, Stripe>();

/** The SDK, required when a town's Stripe provider is first made: a town without Stripe never loads it. */
function sdk(): typeof Stripe {
  return createRequire(import.meta.url)('stripe') as typeof Stripe;
}

function clientFor(config: StripeConfig): Stripe {
  let client = clients.get(config);
  if (!client) {
    const api = config.apiUrl ? new URL(config.apiUrl) : undefined;
    client = new (sdk())(config.secretKey, {
      timeout: 20_000,
      ...(api ? { host: api.hostname, port: api.port || (api.protocol === 'http:' ? 80 : 443), protocol: api.protocol === 'http:' ? 'http' : 'https' } : {}),
    });
    clients.set(config, client);
  }
  return client;
}

/** The events that tell how a checkout ended; any other event is none of our business. */
const OUTCOMES: Record<string, PaymentEvent['kind'] | undefined> = {
  'checkout.session.async_payment_succeeded': 'paid',
  'checkout.session.async_payment_failed': 'failed',
  'checkout.session.expired': 'expired',
};

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

/** Our event from Stripe's: a completed session counts only once its payment is « paid » (a bank transfer completes unpaid). */
export function eventOf(event: Stripe.Event): PaymentEvent | null {
  if (!event.type.startsWith('checkout.session.')) return null;
  const session = event.data.object as Stripe.Checkout.Session;
  const kind = event.type === 'checkout.session.completed' ? (session.payment_status === 'paid' ? 'paid' : undefined) : OUTCOMES[event.type];
  if (!kind) return null;
  return {
    eventId: event.id,
    kind,
    sessionId: session.id,
    paymentRef: idOf(session.payment_intent),
    amountCents: session.amount_total ?? 0,
  };
}

export function stripeProvider(config: StripeConfig): PaymentProvider {
  const stripe = clientFor(config);
  return {
    name: 'stripe',
    async createCheckout(request: CheckoutRequest) {
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          locale: 'fr',
          client_reference_id: request.reference,
          line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: request.amountCents, product_data: { name: request.description } } }],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          metadata: request.metadata,
          payment_intent_data: { metadata: request.metadata },
          expires_at: Math.floor(Date.parse(request.expiresAt) / 1000),
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (!session.url) throw new Error(`Stripe gave no payment page for checkout session ${session.id}`);
      if (session.amount_total !== request.amountCents) throw new Error(`Stripe checkout session ${session.id} is for ${session.amount_total} cents, not ${request.amountCents}`);
      return { sessionId: session.id, url: session.url };
    },
    async expireCheckout(sessionId: string) {
      try {
        await stripe.checkout.sessions.expire(sessionId);
        return 'expired';
      } catch (error) {
        // Stripe expires only open sessions: ask how this one ended.
        if (!(error instanceof sdk().errors.StripeInvalidRequestError)) throw error;
        const session = await stripe.checkout.sessions.retrieve(sessionId);
        return session.status === 'expired' ? 'expired' : 'not_open';
      }
    },
    readWebhook(rawBody: Buffer, signature: string | undefined) {
      if (!signature) throw new WebhookRefused('no Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, config.webhookSecret);
      } catch (error) {
        throw new WebhookRefused(error instanceof Error ? error.message : String(error));
      }
      return eventOf(event);
    },
    async refund(paymentRef: string, amountCents: number, idempotencyKey: string) {
      const refund = await stripe.refunds.create({ payment_intent: paymentRef, amount: amountCents }, { idempotencyKey });
      return { refundId: refund.id };
    },
  };
}
