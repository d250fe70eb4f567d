// The concierge's side of requests: the list, a new request for a member (by phone, at the
// counter, from a mail of the inbox), a request's page with its kind's sections, and the
// actions every kind shares: a message to the member, an answer to a question, cancelling.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { findMembersByIds, findMemberByEmail, searchMembers, type Member } from '../members/index.ts';
import { archiveInboundMail, readInboundMail } from '../notifications/index.ts';
import { listProviders } from '../shops/index.ts';
import { actorOf } from '../platform/actor.ts';
import { parseLocalDate } from '../platform/calendar.ts';
import { nowIso } from '../platform/clock.ts';
import { Fields, formSchema, type FormValues } from '../platform/forms.ts';
import { FormRefused, formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import { DeskRequestPage, NewRequestPage, RequestsListPage, type DeskForms, type RequestsFilter } from './requests.desk.views.tsx';
import { DETAILS_MAX, TITLE_MAX } from './requests.member.views.tsx';
import { MessageBody, type RequestPanelsOptions } from './requests.member.routes.ts';
import { NEW_REQUEST_PATH, REQUESTS_PATH, requestPath } from './requests.paths.ts';
import { CANCELLABLE_HERE, REQUEST_KINDS, REQUEST_STATUSES } from './requests.rules.ts';
import { answerAdvice, askForService, cancelRequest, deskRequests, numberOfRequest, postMessage, requestCounts, requestFile } from './requests.service.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ListQuery = Type.Object({
  genre: Type.Optional(Type.Union([Type.Literal(''), ...REQUEST_KINDS.map((kind) => Type.Literal(kind))])),
  etape: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed'), ...REQUEST_STATUSES.map((status) => Type.Literal(status))])),
});
const NewQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  adherent: Type.Optional(Type.String({ pattern: ID_PATTERN })),
  courriel: Type.Optional(Type.String({ pattern: ID_PATTERN })),
});
const NewBody = formSchema({
  idempotency_key: Fields.idempotencyKey(),
  member_id: Type.String({ pattern: ID_PATTERN }),
  mail_id: Type.Optional(Type.String({ pattern: ID_PATTERN })),
  kind: Fields.choice(REQUEST_KINDS),
  title: Fields.text(TITLE_MAX),
  details: Fields.optionalText(DETAILS_MAX),
  channel: Fields.choice(['phone', 'counter', 'email'] as const),
  due_date: Fields.optionalText(20),
});
const AnswerBody = formSchema({ answer: Fields.text(4000), suggested: Type.Optional(Type.Array(Type.String({ pattern: ID_PATTERN }), { maxItems: 8 })) });
const CancelBody = formSchema({ reason: Fields.text(300) });

/** A date typed in the form, or nothing; a wrong one is said next to its field. */
function dueDateOf(values: { due_date?: string }): string | null {
  const typed = (values.due_date ?? '').trim();
  if (typed === '') return null;
  const date = parseLocalDate(typed);
  if (!date) throw new FormRefused({ due_date: t('requests.new.due_invalid') });
  return date;
}

/** The desk's options: each kind's sections, and the links its list adds (the items at the counter). */
export interface DeskOptions extends RequestPanelsOptions {
  listLinks?: () => VNode;
}

export async function deskRequestRoutes(instance: FastifyInstance, { panels, listLinks }: DeskOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  app.get(REQUESTS_PATH, { preHandler: concierge, schema: { querystring: ListQuery } }, async (request, reply) => {
    const filter: RequestsFilter = { kind: request.query.genre ?? '', status: request.query.etape ?? 'open' };
    const [rows, counts] = await Promise.all([
      deskRequests(db, request.account, { kind: filter.kind || undefined, status: filter.status }),
      requestCounts(db, request.account),
    ]);
    return sendPage(reply, RequestsListPage({ ctx: pageContext(request, reply), rows, filter, counts, nowAt: nowIso(), links: listLinks?.() ?? null }));
  });

  async function newPage(request: FastifyRequest, reply: FastifyReply, values: FormValues, state: FormState, status = 200) {
    const query = (values.q ?? '').trim();
    const memberId = values.member_id || values.adherent;
    const [member] = memberId ? await findMembersByIds(db, [memberId]) : [];
    const found = !member && query ? (await searchMembers(db, request.account, query, 1)).members : [];
    const mail = values.mail_id ? await readInboundMail(db, request.account, values.mail_id) : null;
    const fromMail = mail ? { id: mail.id, from: mail.fromName || mail.fromAddress, receivedAt: mail.receivedAt } : null;
    return sendPage(reply, NewRequestPage({ ctx: pageContext(request, reply), query, found, member: member ?? null, state, fromMail }), status);
  }

  app.get(NEW_REQUEST_PATH, { preHandler: concierge, schema: { querystring: NewQuery } }, async (request, reply) => {
    const { q = '', adherent = '', courriel = '' } = request.query;
    const values: FormValues = { idempotency_key: newIdempotencyKey(), q, adherent };
    if (courriel) {
      // A mail becomes a request: its sender (when a member writes from their address), its subject and text.
      const mail = await readInboundMail(db, request.account, courriel);
      const sender: Member | undefined = adherent ? undefined : await findMemberByEmail(db, mail.fromAddress);
      Object.assign(values, { mail_id: mail.id, title: mail.subject.slice(0, TITLE_MAX), details: mail.bodyText.slice(0, DETAILS_MAX), channel: 'email' });
      if (sender) values.adherent = sender.id;
      if (!values.adherent) values.q = mail.fromName || mail.fromAddress;
    }
    return newPage(request, reply, values, emptyForm(values));
  });

  formRoute(app, NEW_REQUEST_PATH, {
    body: NewBody,
    preHandler: concierge,
    run: async (request, body) => {
      const channel = body.channel;
      const input = { kind: body.kind, title: body.title.trim(), details: body.details.trim(), memberId: body.member_id, channel, dueDate: dueDateOf(body) };
      const id = await askForService(db, config, request.account, input, body.idempotency_key);
      if (body.mail_id) await archiveInboundMail(db, request.account, body.mail_id, actorOf(request.account).label);
      return redirectTo(requestPath(id), t('requests.new.created', { number: await numberOfRequest(db, request.account, id) }));
    },
    render: (request, reply, state) => newPage(request, reply, state.values, state, 422),
  });

  async function deskPage(request: FastifyRequest, reply: FastifyReply, id: string, forms: Partial<DeskForms> = {}, status = 200) {
    const file = await requestFile(db, request.account, id);
    const ctx = pageContext(request, reply);
    const panel = (await panels[file.request.kind]?.concierge?.({ db, config, ctx, file })) ?? null;
    const providers = file.request.kind === 'advice' && file.request.status === 'new' ? await listProviders(db, {}) : [];
    const page = DeskRequestPage({
      providers,
      ctx,
      file,
      panel,
      forms: { message: forms.message ?? emptyForm(), answer: forms.answer ?? emptyForm(), cancel: forms.cancel ?? emptyForm() },
      nowAt: nowIso(),
      canCancel: CANCELLABLE_HERE.includes(file.request.status),
    });
    return sendPage(reply, page, status);
  }

  app.get(requestPath(':id'), { preHandler: concierge, schema: { params: IdParams } }, async (request, reply) => deskPage(request, reply, request.params.id));

  formRoute(app, requestPath(':id', 'message'), {
    body: MessageBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      await postMessage(db, config, request.account, id, body.body.trim());
      return redirectTo(`${requestPath(id)}#messages`, t('requests.page.message_sent'));
    },
    render: (request, reply, state, { id }) => deskPage(request, reply, id, { message: state }, 422),
  });

  formRoute(app, requestPath(':id', 'reponse'), {
    body: AnswerBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      await answerAdvice(db, config, request.account, id, body.answer.trim(), body.suggested ?? []);
      return redirectTo(requestPath(id), t('requests.concierge.answered'));
    },
    render: (request, reply, state, { id }) => deskPage(request, reply, id, { answer: state }, 422),
  });

  formRoute(app, requestPath(':id', 'annuler'), {
    body: CancelBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      await cancelRequest(db, config, request.account, id, body.reason.trim());
      return redirectTo(requestPath(id), t('requests.page.cancelled'));
    },
    render: (request, reply, state, { id }) => deskPage(request, reply, id, { cancel: state }, 422),
  });
}

