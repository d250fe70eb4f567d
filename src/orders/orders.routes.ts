// Basket, checkout, the resident's orders, the merchants' purchase orders and the
// concierge's orders.
import { paymentsRoutes } from './orders.payments.routes.ts';
import { refundsRoutes } from './orders.refunds.routes.ts';
import type { FastifyInstance } from 'fastify';
import { accountOrdersRoutes } from './orders.account.routes.ts';
import { backofficeOrdersRoutes } from './orders.backoffice.routes.ts';
import { basketRoutes } from './orders.basket.routes.ts';
import { checkoutRoutes } from './orders.checkout.routes.ts';
import { deskRoutes } from './orders.desk.routes.ts';
import { counterRoutes } from './orders.counter.routes.ts';
import { inboxRoutes } from './orders.inbox.routes.ts';
import { portalOrdersRoutes } from './orders.portal.routes.ts';

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
}
