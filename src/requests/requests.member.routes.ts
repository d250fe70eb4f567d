// The member's side of requests: « J'ai besoin de… » (anyone sees it; a resident sends it),
// « Mes demandes », one request (message, cancel, rate), and the follow page of the link.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Fields, formSchema } from '../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { SIGNED_TOKEN_PATTERN } from '../platform/signed-links.ts';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import { MESSAGE_MAX } from './requests.components.tsx';
import { AskPage, DETAILS_MAX, FollowPage, OwnRequestPage, OwnRequestsPage, TITLE_MAX, type OwnRequestForms } from './requests.member.views.tsx';
import type { KindPanels } from './requests.panels.ts';
import { ASK_PATH, followPath, OWN_REQUESTS_PATH, ownRequestPath } from './requests.paths.ts';
import { REQUEST_KINDS, RATINGS, type RequestKind } from './requests.rules.ts';
import { askForService, cancelRequest, followedRequest, numberOfRequest, ownRequests, postMessage, rateService, requestFile, type RequestFile } from './requests.service.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const FollowParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), token: Type.String({ pattern: SIGNED_TOKEN_PATTERN }) });
const AskBody = formSchema({
  idempotency_key: Fields.idempotencyKey(),
  kind: Fields.choice(REQUEST_KINDS),
  title: Fields.text(TITLE_MAX),
  details: Fields.optionalText(DETAILS_MAX),
});
export const MessageBody = formSchema({ body: Fields.text(MESSAGE_MAX) });
const RatingBody = formSchema({ rating: Fields.choice(RATINGS.map(String)), note: Fields.optionalText(500) });

export interface RequestPanelsOptions {
  panels: Partial<Record<RequestKind, KindPanels>>;
}

export async function memberRequestRoutes(instance: FastifyInstance, { panels }: RequestPanelsOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const resident = onlyRoles('resident');

  const askPage = (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) =>
    sendPage(reply, AskPage({ ctx: pageContext(request, reply), state, canAsk: request.account?.role === 'resident' }), status);

  app.get(ASK_PATH, async (request, reply) => askPage(request, reply, emptyForm({ idempotency_key: newIdempotencyKey() })));

  formRoute(app, ASK_PATH, {
    body: AskBody,
    preHandler: resident,
    run: async (request, body) => {
      const id = await askForService(db, config, request.account, { kind: body.kind, title: body.title.trim(), details: body.details.trim() }, body.idempotency_key);
      return redirectTo(ownRequestPath(id), t('requests.ask.sent', { number: await numberOfRequest(db, request.account, id) }));
    },
    render: (request, reply, state) => askPage(request, reply, state, 422),
  });

  app.get(OWN_REQUESTS_PATH, { preHandler: resident }, async (request, reply) => {
    const requests = await ownRequests(db, request.account);
    return sendPage(reply, OwnRequestsPage({ ctx: pageContext(request, reply), requests }));
  });

  async function ownPage(request: FastifyRequest, reply: FastifyReply, id: string, forms: Partial<OwnRequestForms> = {}, status = 200) {
    const file = await requestFile(db, request.account, id);
    const ctx = pageContext(request, reply);
    const panel = (await panels[file.request.kind]?.member?.({ db, config, ctx, file })) ?? null;
    return sendPage(reply, OwnRequestPage({ ctx, file, panel, forms: { message: forms.message ?? emptyForm(), rating: forms.rating ?? emptyForm() } }), status);
  }

  app.get(ownRequestPath(':id'), { preHandler: resident, schema: { params: IdParams } }, async (request, reply) => ownPage(request, reply, request.params.id));

  formRoute(app, ownRequestPath(':id', 'message'), {
    body: MessageBody,
    params: IdParams,
    preHandler: resident,
    run: async (request, body, { id }) => {
      await postMessage(db, config, request.account, id, body.body.trim());
      return redirectTo(`${ownRequestPath(id)}#messages`, t('requests.page.message_sent'));
    },
    render: (request, reply, state, { id }) => ownPage(request, reply, id, { message: state }, 422),
  });

  formRoute(app, ownRequestPath(':id', 'annuler'), {
    body: formSchema({}),
    params: IdParams,
    preHandler: resident,
    run: async (request, _body, { id }) => {
      await cancelRequest(db, config, request.account, id, '');
      return redirectTo(ownRequestPath(id), t('requests.page.cancelled'));
    },
    render: (request, reply, state, { id }) => ownPage(request, reply, id, { message: state }, 422),
  });

  formRoute(app, ownRequestPath(':id', 'noter'), {
    body: RatingBody,
    params: IdParams,
    preHandler: resident,
    run: async (request, body, { id }) => {
      await rateService(db, request.account, id, Number(body.rating), body.note.trim() || null);
      return redirectTo(`${ownRequestPath(id)}#avis`, t('requests.page.rated'));
    },
    render: (request, reply, state, { id }) => ownPage(request, reply, id, { rating: state }, 422),
  });

  app.get(followPath(':id', ':token'), { schema: { params: FollowParams } }, async (request, reply) => {
    const file: RequestFile = await followedRequest(db, config, request.params.id, request.params.token);
    const ctx = pageContext(request, reply);
    const panel = (await panels[file.request.kind]?.follow?.({ db, config, ctx, file })) ?? null;
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(reply, FollowPage({ ctx, file, panel }));
  });
}
