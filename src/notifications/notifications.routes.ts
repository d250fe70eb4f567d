// « Courriels envoyés »: the concierge reads every mail of the outbox.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { pageContext, onlyRoles, sendPage } from '../platform/http.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { getSentMail, listSentMails } from './notifications.service.ts';
import { MailPage, MailsListPage } from './notifications.views.tsx';

const ListQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export async function notificationsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = { preHandler: onlyRoles('concierge') };
  const smtpConfigured = config.smtp !== undefined;

  app.get('/gestion/courriels', { ...concierge, schema: { querystring: ListQuery } }, async (request, reply) => {
    const result = await listSentMails(db, request.account, request.query.page ?? 1);
    return sendPage(reply, MailsListPage({ ctx: pageContext(request, reply), ...result, smtpConfigured }));
  });

  app.get(
    '/gestion/courriels/:id',
    { ...concierge, schema: { params: IdParams } },
    async (request, reply) => {
      const { mail, links, withheldLink } = await getSentMail(db, request.account, request.params.id);
      return sendPage(reply, MailPage({ ctx: pageContext(request, reply), mail, links, withheldLink, smtpConfigured }));
    },
  );
}
