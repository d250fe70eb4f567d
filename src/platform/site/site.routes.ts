// Pages every site must have: accessibility statement, legal notice, personal data, back-office home.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { pageContext, onlyRoles, sendPage } from '../http.ts';
import { backOfficeFigures, type FigureSources } from './site.service.ts';
import { AccessibilityPage, BackOfficePage, LegalPage, PrivacyPage } from './site.views.tsx';

export async function siteRoutes(instance: FastifyInstance, sources: FigureSources): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  app.get('/accessibilite', async (request, reply) => sendPage(reply, AccessibilityPage({ ctx: pageContext(request, reply) })));
  app.get('/mentions-legales', async (request, reply) => sendPage(reply, LegalPage({ ctx: pageContext(request, reply) })));
  app.get('/donnees-personnelles', async (request, reply) => sendPage(reply, PrivacyPage({ ctx: pageContext(request, reply), retentionYears: app.config.retentionYears })));

  app.get('/gestion', { preHandler: onlyRoles('concierge', 'town') }, async (request, reply) => {
    const figures = await backOfficeFigures(db, sources, request.account);
    return sendPage(reply, BackOfficePage({ ctx: pageContext(request, reply), figures }));
  });
}
