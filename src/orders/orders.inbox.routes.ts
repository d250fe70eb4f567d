// The inbox in the back office: /gestion/boite (new or handled mails) and one mail, with
// « Classer sans suite ». Turning a mail into an order happens at the order desk.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { InboxTab } from '../notifications/index.ts';
import { Fields, formSchema } from '../platform/forms.ts';
import { pageContext, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { archiveMail, inboxEntry, inboxPage } from './orders.inbox.service.ts';
import { INBOX_PATH, InboxListPage, InboxMailPage, TAB_PARAMS } from './orders.inbox.views.tsx';

const ListQuery = Type.Object({
  onglet: Type.Optional(Fields.choice(Object.values(TAB_PARAMS))),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const EmptyBody = formSchema({});

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

export async function inboxRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const concierge = { preHandler: requireRole('concierge') };

  app.get<{ Querystring: Static<typeof ListQuery> }>(INBOX_PATH, { ...concierge, schema: { querystring: ListQuery } }, async (request, reply) => {
    const tab: InboxTab = request.query.onglet === TAB_PARAMS.handled ? 'handled' : 'new';
    const inbox = await inboxPage(db, request.account, tab, request.query.page ?? 1);
    return sendPage(reply, InboxListPage({ ctx: pageContext(request, reply), inbox, fetching: config.imap !== undefined }));
  });

  app.get(`${INBOX_PATH}/:id`, { ...concierge, schema: { params: IdParams } }, async (request: IdRequest, reply) => {
    const entry = await inboxEntry(db, request.account, request.params.id);
    return sendPage(reply, InboxMailPage({ ctx: pageContext(request, reply), entry }));
  });

  app.post(`${INBOX_PATH}/:id/classer`, { ...concierge, schema: { params: IdParams, body: EmptyBody } }, async (request: IdRequest, reply) => {
    const archived = await archiveMail(db, request.account, request.params.id);
    setFlash(request, t(archived ? 'inbox.archived' : 'inbox.already_handled'));
    return redirectAfterPost(reply, archived ? INBOX_PATH : `${INBOX_PATH}/${request.params.id}`);
  });
}
