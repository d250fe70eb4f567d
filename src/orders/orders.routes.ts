// Basket, checkout, the resident's orders, the merchants' purchase orders and the
// concierge's orders.
import { paymentsRoutes } from './money/payments.routes.ts';
import { refundsRoutes } from './money/refunds.routes.ts';
import type { FastifyInstance } from 'fastify';
import { accountOrdersRoutes } from './site/account.routes.ts';
import { backofficeOrdersRoutes } from './orders.backoffice.routes.ts';
import { basketRoutes } from './site/basket.routes.ts';
import { checkoutRoutes } from './site/checkout.routes.ts';
import { deskRoutes } from './desk/desk.routes.ts';
import { counterRoutes } from './counter/counter.routes.ts';
import { inboxRoutes } from './desk/inbox.routes.ts';
import { portalOrdersRoutes } from './portal/portal.routes.ts';
import { membershipRequestRoutes } from './site/membership.routes.ts';
import { membershipRequestsRoutes } from './desk/requests.routes.ts';
import { companyUsageRoutes } from './site/company-usage.routes.ts';

export async function ordersRoutes(app: FastifyInstance): Promise<void> {
  await app.register(basketRoutes);
  await app.register(checkoutRoutes);
  await app.register(accountOrdersRoutes);
  await app.register(portalOrdersRoutes);
  await app.register(backofficeOrdersRoutes);
  await app.register(deskRoutes);
  await app.register(counterRoutes);
  await app.register(inboxRoutes);
  await app.register(paymentsRoutes);
  await app.register(refundsRoutes);
  await app.register(membershipRequestRoutes);
  await app.register(membershipRequestsRoutes);
  await app.register(companyUsageRoutes);
}
