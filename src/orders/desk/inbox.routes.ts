// The inbox in the back office: /gestion/boite (new or handled mails) and one mail, with
// « Classer sans suite ». Turning a mail into an order happens at the order desk.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { InboxTab } from '../../notifications/index.ts';
import { Fields, formSchema } from '../../platform/forms.ts';
import { formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { archiveMail, inboxEntry, inboxPage } from './inbox.service.ts';
import { INBOX_PATH, mailPath } from '../orders.paths.ts';
import { InboxListPage, InboxMailPage, TAB_PARAMS } from './inbox.views.tsx';

const ListQuery = Type.Object({
  onglet: Type.Optional(Fields.choice(Object.values(TAB_PARAMS))),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const EmptyBody = formSchema({});

export async function inboxRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  app.get(INBOX_PATH, { preHandler: concierge, schema: { querystring: ListQuery } }, async (request, reply) => {
    const tab: InboxTab = request.query.onglet === TAB_PARAMS.handled ? 'handled' : 'new';
    const inbox = await inboxPage(db, request.account, tab, request.query.page ?? 1);
    return sendPage(reply, InboxListPage({ ctx: pageContext(request, reply), inbox, fetching: config.imap !== undefined }));
  });

  app.get(mailPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => {
    const entry = await inboxEntry(db, request.account, request.params.id);
    return sendPage(reply, InboxMailPage({ ctx: pageContext(request, reply), entry }));
  });

  formRoute(app, mailPath(':id', 'classer'), {
    body: EmptyBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, _body, { id }) => {
      const archived = await archiveMail(db, request.account, id);
      return redirectTo(archived ? INBOX_PATH : mailPath(id), t(archived ? 'inbox.archived' : 'inbox.already_handled'));
    },
  });
}
