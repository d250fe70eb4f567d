// Basket, checkout, the resident's orders, the merchants' purchase orders and the
// concierge's orders.
import { paymentsRoutes } from './orders.payments.routes.ts';
import { refundsRoutes } from './orders.refunds.routes.ts';
import type { FastifyInstance } from 'fastify';
import { accountOrdersRoutes } from './orders.account.routes.ts';
import { backofficeOrdersRoutes } from './orders.backoffice.routes.ts';
import { basketRoutes } from './orders.basket.routes.ts';
import { forgetAbandonedBaskets } from './orders.basket.service.ts';
import { checkoutRoutes } from './orders.checkout.routes.ts';
import { deskRoutes } from './orders.desk.routes.ts';
import { counterRoutes } from './orders.counter.routes.ts';
import { inboxRoutes } from './orders.inbox.routes.ts';
import { portalOrdersRoutes } from './orders.portal.routes.ts';
import { sendCollectionReminders } from './orders.reminders.ts';

const HOUR_MS = 60 * 60 * 1000;

export async function ordersRoutes(app: FastifyInstance): Promise<void> {
  // A visitor's basket untouched for longer than a session lives idle has no one to come back to it.
  const cleanUp = setInterval(() => forgetAbandonedBaskets(app.db, app.config.sessionMaxAgeSeconds).catch((error) => app.log.error(error)), HOUR_MS);
  cleanUp.unref();
  app.addHook('onClose', async () => clearInterval(cleanUp));
  // Members whose order waits at the counter are reminded once; the stamp keeps it to one mail across processes.
  const reminders = setInterval(() => sendCollectionReminders(app.db, app.config).catch((error) => app.log.error(error)), HOUR_MS);
  reminders.unref();
  app.addHook('onClose', async () => clearInterval(reminders));
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
