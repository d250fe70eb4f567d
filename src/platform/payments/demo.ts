// The demo provider: a payment page served by the conciergerie itself, where « Payer » moves
// no money. The demo town and the browser tests use it; it answers like a real provider so the
// same code path records its payments. It keeps nothing: session ids are derived from the
// idempotency key, so the same key opens the same session.
import { createHash } from 'node:crypto';
import type { CheckoutRequest, PaymentEvent, PaymentProvider } from './provider.ts';

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** The demo payment page of a session. */
export function demoCheckoutPath(sessionId: string): string {
  return `/paiement/demo/${sessionId}`;
}

export const DEMO_SESSION_PATTERN = '^demo_[0-9a-f]{24}$';

export const demoProvider: PaymentProvider = {
  name: 'demo',
  async createCheckout(request: CheckoutRequest) {
    const sessionId = `demo_${digest(`checkout:${request.idempotencyKey}`)}`;
    return { sessionId, url: demoCheckoutPath(sessionId) };
  },
  // Nothing is open anywhere but in our own rows: the orders area marks the checkout expired,
  // and the demo page takes payment only for a checkout still pending and not past its time.
  async expireCheckout() {
    return 'expired' as const;
  },
  // The demo page posts its outcome to the app directly: there is no webhook to read.
  readWebhook() {
    return null;
  },
  async refund(paymentRef: string, _amountCents: number, idempotencyKey: string) {
    return { refundId: `demo_re_${digest(`${paymentRef}:${idempotencyKey}`)}` };
  },
};

/** The event the demo page sends when the resident clicks « Payer »: one per session, like a provider's. */
export function demoPaidEvent(sessionId: string, amountCents: number): PaymentEvent {
  return { eventId: `demo_evt_${digest(sessionId)}`, kind: 'paid', sessionId, paymentRef: `demo_pay_${digest(sessionId)}`, amountCents };
}
