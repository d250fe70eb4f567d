// The quote rounds' routes: the concierge's pages under the request (ask providers, record a
// quote received by phone or on paper, record the member's « yes » on the phone, the work
// done), the member's comparison and acceptance, a quote's PDF for each reader, and the
// provider's pages (quotes.provider.routes.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Fields, formSchema, type FieldErrors, type FormValues } from '../../platform/forms.ts';
import { FormRefused, formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { SIGNED_TOKEN_PATTERN } from '../../platform/signed-links.ts';
import { emptyForm } from '../../ui/forms.tsx';
import { followPath } from '../requests.paths.ts';
import { acceptByPhone, acceptOnline } from './quotes.accept.service.ts';
import { DeclineBody, DoneBody, QuoteBody, readQuoteForm, sendPdf, UPLOAD } from './quotes.forms.ts';
import { ConciergeQuotePage, ConciergeQuotesPage, MemberQuotesPage, type QuoteForms } from './quotes.pages.tsx';
import { emptyAskForm, quotesData, type AskForm } from './quotes.panels.tsx';
import { askProvidersPath, conciergeQuotePath, conciergeQuotesPath, memberQuotePath, memberQuotesPath } from './quotes.paths.ts';
import { quotesProviderRoutes } from './quotes.provider.routes.ts';
import { parseLocalDate } from '../../platform/calendar.ts';
import { askProviders, declineQuote, followedPdf, markWorkDone, providerChoices, readablePdf, readableQuoteLine, readableQuoteRequest, sendQuote, type QuoteHand } from './quotes.service.ts';

const id = () => Type.String({ pattern: ID_PATTERN });
const RequestParams = Type.Object({ id: id() });
const QuoteParams = Type.Object({ id: id(), quoteId: id() });
const FollowParams = Type.Object({ id: id(), token: Type.String({ pattern: SIGNED_TOKEN_PATTERN }), quoteId: id() });

const AskBody = formSchema({
  idempotency_key: Fields.idempotencyKey(),
  // A few more than may be asked, so « at most three » is said in French rather than refused as malformed.
  providers: Type.Optional(Type.Array(Type.String({ pattern: ID_PATTERN }), { maxItems: 20 })),
  share_contact: Fields.checkbox(),
});
const PhoneAcceptBody = formSchema({
  idempotency_key: Fields.idempotencyKey(),
  who: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S', 'x-error': 'field.required' }),
  accepted_on: Type.String({ maxLength: 20 }),
});
const AcceptBody = formSchema({ idempotency_key: Fields.idempotencyKey() });

/** The ticked providers of a form sent back (a list, or one value). */
function tickedOf(body: unknown): string[] {
  const value = (body as { providers?: unknown } | undefined)?.providers;
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
}

export async function quotesRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');
  const resident = onlyRoles('resident');
  const conciergeHand = (request: FastifyRequest, params: { id: string; quoteId: string }): QuoteHand => ({ by: 'concierge', actor: request.account, requestId: params.id, quoteId: params.quoteId });

  // ---- the concierge: the request's quotes and the ask ----

  async function renderQuotes(request: FastifyRequest, reply: FastifyReply, requestId: string, form: AskForm, status = 200) {
    const data = await quotesData(db, config, await readableQuoteRequest(db, request.account, requestId));
    return sendPage(reply, ConciergeQuotesPage({ ctx: pageContext(request, reply), data, choices: await providerChoices(db), form }), status);
  }

  app.get(conciergeQuotesPath(':id'), { preHandler: concierge, schema: { params: RequestParams } }, (request, reply) => renderQuotes(request, reply, request.params.id, emptyAskForm()));

  formRoute(app, askProvidersPath(':id'), {
    body: AskBody,
    params: RequestParams,
    preHandler: concierge,
    errorField: 'providers',
    run: async (request, body, { id: requestId }) => {
      const outcome = await askProviders(db, config, request.account, requestId, { providerIds: body.providers ?? [], shareContact: body.share_contact === 'on' }, body.idempotency_key);
      const names = (list: Array<{ name: string }>) => list.map((provider) => provider.name).join(', ');
      const toCall = outcome.toCall.length > 0 ? ` ${t('quotes.ask.to_call', { names: names(outcome.toCall) })}` : '';
      return redirectTo(conciergeQuotesPath(requestId), `${t('quotes.ask.done', { names: names(outcome.asked) })}${toCall}`);
    },
    render: (request, reply, { values, errors }, { id: requestId }) =>
      renderQuotes(request, reply, requestId, { state: { values, errors }, ticked: tickedOf(request.body), key: values.idempotency_key ?? newIdempotencyKey() }, 422),
  });

  // ---- the concierge: one quote ----

  async function renderQuote(request: FastifyRequest, reply: FastifyReply, params: { id: string; quoteId: string }, forms: Partial<QuoteForms> = {}, status = 200) {
    const { request: serviceRequest, line } = await readableQuoteLine(db, request.account, params.id, params.quoteId);
    const data = await quotesData(db, config, serviceRequest);
    const all: QuoteForms = { record: forms.record ?? emptyForm(), decline: forms.decline ?? emptyForm(), accept: forms.accept ?? emptyForm(), acceptKey: forms.acceptKey ?? newIdempotencyKey(), errors: forms.errors };
    return sendPage(reply, ConciergeQuotePage({ ctx: pageContext(request, reply), data, line, forms: all }), status);
  }

  app.get(conciergeQuotePath(':id', ':quoteId'), { preHandler: concierge, schema: { params: QuoteParams } }, (request, reply) => renderQuote(request, reply, request.params));
  app.get(conciergeQuotePath(':id', ':quoteId', 'pdf'), { preHandler: concierge, schema: { params: QuoteParams } }, async (request, reply) =>
    sendPdf(reply, await readablePdf(db, request.account, request.params.id, request.params.quoteId)),
  );

  formRoute(app, conciergeQuotePath(':id', ':quoteId', 'saisir'), {
    body: QuoteBody,
    params: QuoteParams,
    preHandler: concierge,
    config: UPLOAD(config),
    check: (_request, values: FormValues) => readQuoteForm(values),
    run: async (request, body, params, { checked }) => {
      const pdf = Buffer.isBuffer(body.file) && body.file.length > 0 ? body.file : null;
      const held = await sendQuote(db, config, conciergeHand(request, params), { ...checked.input!, pdf });
      return redirectTo(conciergeQuotesPath(params.id), t('quotes.concierge.recorded', { name: held.shop.tradeName }));
    },
    render: (request, reply, { values, errors }, params) => renderQuote(request, reply, params, { record: { values, errors } }, 422),
  });

  formRoute(app, conciergeQuotePath(':id', ':quoteId', 'refus'), {
    body: DeclineBody,
    params: QuoteParams,
    preHandler: concierge,
    errorField: 'reason',
    run: async (request, body, params) => {
      const held = await declineQuote(db, config, conciergeHand(request, params), (body.reason ?? '').trim());
      return redirectTo(conciergeQuotesPath(params.id), t('quotes.concierge.declined', { name: held.shop.tradeName }));
    },
    render: (request, reply, { values, errors }, params) => renderQuote(request, reply, params, { decline: { values, errors } }, 422),
  });

  formRoute(app, conciergeQuotePath(':id', ':quoteId', 'accepter'), {
    body: PhoneAcceptBody,
    params: QuoteParams,
    preHandler: concierge,
    errorField: 'who',
    run: async (request, body, params) => {
      const onDate = parseLocalDate(body.accepted_on);
      if (!onDate) throw new FormRefused({ accepted_on: t('errors.quote_date_format') });
      const outcome = await acceptByPhone(db, config, request.account, params.id, params.quoteId, { who: body.who.trim(), onDate }, body.idempotency_key);
      const { line } = await readableQuoteLine(db, request.account, params.id, params.quoteId);
      const flash = t('quotes.concierge.accepted', { name: line.provider.name });
      return redirectTo(conciergeQuotesPath(params.id), outcome.expired ? `${flash} ${t('quotes.concierge.accepted_expired')}` : flash);
    },
    render: (request, reply, { values, errors }, params) => renderQuote(request, reply, params, { accept: { values, errors }, acceptKey: values.idempotency_key }, 422),
  });

  formRoute(app, conciergeQuotePath(':id', ':quoteId', 'fait'), {
    body: DoneBody,
    params: QuoteParams,
    preHandler: concierge,
    run: async (request, _body, params) => {
      await markWorkDone(db, config, conciergeHand(request, params));
      return redirectTo(conciergeQuotesPath(params.id), t('quotes.concierge.done_saved'));
    },
    render: (request, reply, { errors }, params) => renderQuote(request, reply, params, { errors }, 422),
  });

  // ---- the member: compare and accept ----

  async function renderMember(request: FastifyRequest, reply: FastifyReply, requestId: string, errors?: FieldErrors, status = 200) {
    const data = await quotesData(db, config, await readableQuoteRequest(db, request.account, requestId));
    return sendPage(reply, MemberQuotesPage({ ctx: pageContext(request, reply), data, errors }), status);
  }

  app.get(memberQuotesPath(':id'), { preHandler: resident, schema: { params: RequestParams } }, (request, reply) => renderMember(request, reply, request.params.id));
  app.get(memberQuotePath(':id', ':quoteId', 'pdf'), { preHandler: resident, schema: { params: QuoteParams } }, async (request, reply) =>
    sendPdf(reply, await readablePdf(db, request.account, request.params.id, request.params.quoteId)),
  );

  formRoute(app, memberQuotePath(':id', ':quoteId', 'accepter'), {
    body: AcceptBody,
    params: QuoteParams,
    preHandler: resident,
    run: async (request, body, params) => {
      await acceptOnline(db, config, request.account, params.id, params.quoteId, body.idempotency_key);
      const { line } = await readableQuoteLine(db, request.account, params.id, params.quoteId);
      return redirectTo(memberQuotesPath(params.id), t('quotes.member.accepted', { name: line.provider.name }));
    },
    render: (request, reply, { errors }, params) => renderMember(request, reply, params.id, errors, 422),
  });

  // ---- the follow page's PDF (the follow link's token) ----

  app.get(`${followPath(':id', ':token')}/devis/:quoteId/pdf`, { schema: { params: FollowParams } }, async (request, reply) =>
    sendPdf(reply, await followedPdf(db, config, request.params.id, request.params.token, request.params.quoteId)),
  );

  await app.register(quotesProviderRoutes);
}
