// The ledger's pages: the concierge's trial balance (/gestion/comptabilite) and a shop's
// balance (/boutique/:shopId/solde). They only read: each money fact is posted in the
// transaction that records it, so what they show is current.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { pageContext, onlyRoles, sendPage } from '../platform/http.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { conciergeTrialBalance, shopBalance } from './settlement.service.ts';
import { invoicesRoutes } from './invoices/invoices.routes.ts';
import { moneyRoutes } from './exports/exports.routes.ts';
import { payoutsRoutes } from './payouts/payouts.routes.ts';
import { statementsRoutes } from './statements/statements.routes.ts';
import { termsRoutes } from './terms/terms.routes.ts';
import { ShopBalancePage, TrialBalancePage } from './settlement.views.tsx';
import { shopBalancePath, TRIAL_BALANCE_PATH } from './settlement.paths.ts';

const ShopParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }) });

export async function settlementRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  await app.register(termsRoutes);
  await app.register(statementsRoutes);
  await app.register(invoicesRoutes);
  await app.register(payoutsRoutes);
  await app.register(moneyRoutes);

  const routes = app.withTypeProvider<TypeBoxTypeProvider>();

  routes.get(TRIAL_BALANCE_PATH, { preHandler: onlyRoles('concierge') }, async (request, reply) => {
    const balance = await conciergeTrialBalance(db, request.account);
    return sendPage(reply, TrialBalancePage({ ctx: pageContext(request, reply), balance }));
  });

  routes.get(shopBalancePath(':shopId'), { schema: { params: ShopParams }, preHandler: onlyRoles('merchant', 'concierge') }, async (request, reply) => {
    const balance = await shopBalance(db, request.account, request.params.shopId);
    return sendPage(reply, ShopBalancePage({ ctx: pageContext(request, reply), balance }));
  });
}
