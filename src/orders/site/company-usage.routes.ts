// A company's use of the service: its contact reads it from « Mon compte », the concierge
// from the company's page. The service decides who may (members' `companyForUsage`).
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { OWN_COMPANY_USAGE_PATH, companyUsagePath } from '../../members/index.ts';
import { onlyRoles, pageContext, sendPage } from '../../platform/http.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { companyUsage, ownCompanyUsage } from './company-usage.service.ts';
import { CompanyUsagePage } from './company-usage.views.tsx';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export async function companyUsageRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;

  app.get(OWN_COMPANY_USAGE_PATH, { preHandler: onlyRoles('resident') }, async (request, reply) => {
    const usage = await ownCompanyUsage(db, config, request.account);
    return sendPage(reply, CompanyUsagePage({ ctx: pageContext(request, reply), usage, forConcierge: false }));
  });

  app.get(companyUsagePath(':id'), { preHandler: onlyRoles('concierge'), schema: { params: IdParams } }, async (request, reply) => {
    const usage = await companyUsage(db, config, request.account, request.params.id);
    return sendPage(reply, CompanyUsagePage({ ctx: pageContext(request, reply), usage, forConcierge: true }));
  });
}
