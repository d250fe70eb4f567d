// The list of the member shops' health (concierge and town), sortable by alert. The panel on a
// shop's page is given to the shops area by app.ts (healthPanelFor), not served here.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { onlyRoles, pageContext, sendPage } from '../../platform/http.ts';
import { ALERT_RULES } from './health.rules.ts';
import { listShopHealth, settingsOf } from './health.service.ts';
import { HEALTH_PATH, HEALTH_SORTS, HealthListPage } from './health.views.tsx';

const HealthQuery = Type.Object(
  {
    tri: Type.Optional(Type.Union(HEALTH_SORTS.map((sort) => Type.Literal(sort)))),
    alerte: Type.Optional(Type.Union([Type.Literal(''), ...ALERT_RULES.map((rule) => Type.Literal(rule.code))])),
  },
  { additionalProperties: false },
);

export async function healthRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const readers = onlyRoles('concierge', 'town');

  app.get(HEALTH_PATH, { preHandler: readers, schema: { querystring: HealthQuery } }, async (request, reply) => {
    const sort = request.query.tri ?? 'alertes';
    const alert = request.query.alerte || undefined;
    const settings = settingsOf(config);
    const all = await listShopHealth(db, request.account, settings, { sort });
    const rows = alert ? all.filter((health) => health.alerts.some((rule) => rule.code === alert)) : all;
    const alerting = all.filter((health) => health.alerts.length > 0).length;
    return sendPage(reply, HealthListPage({ ctx: pageContext(request, reply), rows, total: all.length, alerting, settings, sort, alert }));
  });
}
