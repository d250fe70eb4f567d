// The Stripe adapter against a local double of Stripe's API, through the real SDK: the checkout
// sent (amount in cents, euros, return addresses, metadata, idempotency key), refunds, and
// webhooks signed by the SDK's own helper — verified, refused when forged, read in our words.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startStripeDouble, signedWebhook, stripeEvent, type StripeDouble } from '../../../test/helpers/stripe-api.ts';
import { stripeProvider } from './stripe.ts';
import { WebhookRefused, type PaymentProvider } from './provider.ts';

const SECRET = 'whsec_test_secret_for_unit_tests';
let double: StripeDouble;
let provider: PaymentProvider;

before(async () => {
  double = await startStripeDouble();
  provider = stripeProvider({ secretKey: 'sk_test_123', webhookSecret: SECRET, apiUrl: double.url });
});
after(() => double.close());

const request = {
  amountCents: 7650,
  reference: 'order-1',
  description: 'Commande K7P-4QX',
  successUrl: 'https://conciergerie.example/commandes/order-1/paiement/retour',
  cancelUrl: 'https://conciergerie.example/commandes/order-1/paiement/annule',
  metadata: { order_id: 'order-1', collection_code: 'K7P-4QX' },
  expiresAt: new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3600_000).toISOString(),
  idempotencyKey: 'checkout-order-1-0-7650',
};

test('a checkout asks Stripe for the amount in cents, in euros, with our addresses and references', async () => {
  const checkout = await provider.createCheckout(request);
  assert.match(checkout.sessionId, /^cs_test_/);
  assert.equal(checkout.url, `https://checkout.stripe.com/c/pay/${checkout.sessionId}`);
  const sent = double.received.at(-1)!;
  assert.equal(sent.path, '/v1/checkout/sessions');
  assert.equal(sent.authorization, 'Bearer sk_test_123');
  assert.equal(sent.idempotencyKey, 'checkout-order-1-0-7650');
  assert.equal(sent.fields.mode, 'payment');
  assert.equal(sent.fields['line_items[0][price_data][unit_amount]'], '7650');
  assert.equal(sent.fields['line_items[0][price_data][currency]'], 'eur');
  assert.equal(sent.fields['line_items[0][quantity]'], '1');
  assert.equal(sent.fields.success_url, request.successUrl);
  assert.equal(sent.fields.cancel_url, request.cancelUrl);
  assert.equal(sent.fields['metadata[order_id]'], 'order-1');
  assert.equal(sent.fields['payment_intent_data[metadata][collection_code]'], 'K7P-4QX');
  assert.equal(sent.fields.client_reference_id, 'order-1');
  assert.equal(sent.fields.expires_at, String(Date.parse(request.expiresAt) / 1000), 'the checkout closes when we say');
});

test('an open checkout is expired at Stripe; one already expired says so; one completed is « not open »', async () => {
  const { sessionId } = await provider.createCheckout({ ...request, idempotencyKey: 'expire-1' });
  assert.equal(await provider.expireCheckout(sessionId), 'expired');
  assert.equal(double.received.at(-1)!.path, `/v1/checkout/sessions/${sessionId}/expire`);
  assert.equal(double.sessions.get(sessionId)!.status, 'expired');
  assert.equal(await provider.expireCheckout(sessionId), 'expired', 'asked twice');
  const completed = await provider.createCheckout({ ...request, idempotencyKey: 'expire-2' });
  double.sessions.get(completed.sessionId)!.status = 'complete';
  assert.equal(await provider.expireCheckout(completed.sessionId), 'not_open');
});

test('the same idempotency key gives the same session', async () => {
  const first = await provider.createCheckout({ ...request, idempotencyKey: 'same-key' });
  const second = await provider.createCheckout({ ...request, idempotencyKey: 'same-key' });
  assert.equal(first.sessionId, second.sessionId);
});

test('a refund names the PaymentIntent, the amount and the idempotency key', async () => {
  const refund = await provider.refund('pi_test_abc', 450, 'refund-key-1');
  assert.match(refund.refundId, /^re_test_/);
  const sent = double.received.at(-1)!;
  assert.equal(sent.path, '/v1/refunds');
  assert.equal(sent.fields.payment_intent, 'pi_test_abc');
  assert.equal(sent.fields.amount, '450');
  assert.equal(sent.idempotencyKey, 'refund-key-1');
  assert.equal((await provider.refund('pi_test_abc', 450, 'refund-key-1')).refundId, refund.refundId);
});

test('a signed completed session is read as « paid » with its PaymentIntent and amount', async () => {
  const { sessionId } = await provider.createCheckout({ ...request, idempotencyKey: 'webhook-1' });
  const event = stripeEvent('checkout.session.completed', double.sessions.get(sessionId)!);
  const { payload, signature } = signedWebhook(event, SECRET);
  const read = provider.readWebhook(Buffer.from(payload), signature);
  assert.deepEqual(read, { eventId: event.id, kind: 'paid', sessionId, paymentRef: event.data.object.payment_intent, amountCents: 7650 });
});

test('failed, expired, unpaid-completed and unrelated events', async () => {
  const { sessionId } = await provider.createCheckout({ ...request, idempotencyKey: 'webhook-2' });
  const session = double.sessions.get(sessionId)!;
  const read = (event: unknown) => {
    const { payload, signature } = signedWebhook(event, SECRET);
    return provider.readWebhook(Buffer.from(payload), signature);
  };
  assert.equal(read(stripeEvent('checkout.session.expired', session))?.kind, 'expired');
  assert.equal(read(stripeEvent('checkout.session.async_payment_failed', session))?.kind, 'failed');
  assert.equal(read(stripeEvent('checkout.session.async_payment_succeeded', session))?.kind, 'paid');
  // a bank debit completes the session before the money arrives: not paid yet
  assert.equal(read(stripeEvent('checkout.session.completed', session, { payment_status: 'unpaid' })), null);
  assert.equal(read({ ...stripeEvent('checkout.session.completed', session), type: 'customer.created' }), null);
});

test('a forged, altered or unsigned webhook is refused', async () => {
  const { sessionId } = await provider.createCheckout({ ...request, idempotencyKey: 'webhook-3' });
  const event = stripeEvent('checkout.session.completed', double.sessions.get(sessionId)!);
  const forged = signedWebhook(event, 'whsec_someone_else');
  assert.throws(() => provider.readWebhook(Buffer.from(forged.payload), forged.signature), WebhookRefused);
  const genuine = signedWebhook(event, SECRET);
  const altered = genuine.payload.replace('"amount_total":7650', '"amount_total":1');
  assert.throws(() => provider.readWebhook(Buffer.from(altered), genuine.signature), WebhookRefused);
  assert.throws(() => provider.readWebhook(Buffer.from(genuine.payload), undefined), WebhookRefused);
});
