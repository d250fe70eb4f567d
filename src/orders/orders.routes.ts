// Basket, checkout, the resident's orders, the merchants' purchase orders and the
// concierge's orders.
import type { FastifyInstance } from 'fastify';
import { accountOrdersRoutes } from './orders.account.routes.ts';
import { backofficeOrdersRoutes } from './orders.backoffice.routes.ts';
import { basketRoutes } from './orders.basket.routes.ts';
import { forgetAbandonedBaskets } from './orders.basket.service.ts';
import { checkoutRoutes } from './orders.checkout.routes.ts';
import { portalOrdersRoutes } from './orders.portal.routes.ts';

const HOUR_MS = 60 * 60 * 1000;

export async function ordersRoutes(app: FastifyInstance): Promise<void> {
  // A visitor's basket untouched for longer than a session lives idle has no one to come back to it.
  const cleanUp = setInterval(() => forgetAbandonedBaskets(app.db, app.config.sessionMaxAgeSeconds).catch((error) => app.log.error(error)), HOUR_MS);
  cleanUp.unref();
  app.addHook('onClose', async () => clearInterval(cleanUp));
  await app.register(basketRoutes);
  await app.register(checkoutRoutes);
  await app.register(accountOrdersRoutes);
  await app.register(portalOrdersRoutes);
  await app.register(backofficeOrdersRoutes);
}
