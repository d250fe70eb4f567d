// Payment providers: how a resident pays an amount online and how that money is given back.
// A provider creates a checkout (a page of its own where the resident pays), tells us the
// outcome through events (Stripe's signed webhooks; the demo page posts its own), and refunds
// a payment. Everything here is neutral: no order, no rule of the conciergerie — the orders
// area decides what is due and what an event means for an order.
import type { Config } from '../../config.ts';
import { demoProvider } from './demo.ts';
import { stripeProvider } from './stripe.ts';

export * from './provider.ts';
import type { PaymentProvider } from './provider.ts';

/** The provider the town chose; null when online payment is off. */
export function paymentProviderFor(config: Config): PaymentProvider | null {
  switch (config.payments.provider) {
    case 'none':
      return null;
    case 'demo':
      return demoProvider;
    case 'stripe':
      return stripeProvider(config.payments.stripe);
  }
}

export { DEMO_SESSION_PATTERN, demoCheckoutPath, demoPaidEvent } from './demo.ts';
