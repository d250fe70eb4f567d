// What every payment provider answers, in neutral words (see index.ts).
export type ProviderName = 'demo' | 'stripe';

export interface CheckoutRequest {
  amountCents: number;
  /** Our reference of what is paid (shown in the provider's dashboard, returned in events). */
  reference: string;
  /** One line the resident reads on the provider's page, e.g. « Commande K7P-4QX ». */
  description: string;
  /** Absolute addresses the provider sends the resident back to. */
  successUrl: string;
  cancelUrl: string;
  metadata: Record<string, string>;
  /**
   * When the checkout closes unpaid (ISO instant, 30 minutes to 24 hours ahead for Stripe).
   * Part of the request: the same key must come with the same instant.
   */
  expiresAt: string;
  /** The same key gives the same checkout: two clicks at once open one session. */
  idempotencyKey: string;
}

export interface Checkout {
  sessionId: string;
  /** Where to send the resident to pay (absolute for a real provider, a local path for the demo). */
  url: string;
}

/** What a provider tells us about a checkout, in our words. */
export interface PaymentEvent {
  /** The provider's id of the event: the same event sent twice has the same id. */
  eventId: string;
  kind: 'paid' | 'failed' | 'expired';
  sessionId: string;
  /** The provider's payment (needed to refund it); null when nothing was paid. */
  paymentRef: string | null;
  amountCents: number;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /**
   * Closes an open checkout so that it can no longer be paid: 'expired' when it is closed
   * (now or before), 'not_open' when the resident already completed it (paid, or a payment
   * on its way).
   */
  expireCheckout(sessionId: string): Promise<'expired' | 'not_open'>;
  /**
   * Verifies a webhook's signature and reads its event. Throws WebhookRefused when the
   * signature does not verify; null for an event that says nothing about a payment.
   */
  readWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent | null;
  /** Gives back `amountCents` of a payment; the same key never refunds twice. */
  refund(paymentRef: string, amountCents: number, idempotencyKey: string): Promise<{ refundId: string }>;
}

/** A webhook whose signature or content cannot be trusted. */
export class WebhookRefused extends Error {
  override name = 'WebhookRefused';
}

