// The provider's signed link: its page (GET, which writes nothing), confirm, decline with a
// reason. A link that can act no more answers its page with the reason (409 on a form), never
// an error page; a token of another appointment is « not found ».
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { nowIso } from '../../platform/clock.ts';
import { Fields, formSchema, type FieldErrors, type FormValues } from '../../platform/forms.ts';
import { formRoute, pageContext, sendPage, type SubmittedForm } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { SIGNED_TOKEN_PATTERN } from '../../platform/signed-links.ts';
import { ProviderPage } from './appointments.pages.tsx';
import { providerAnswerPath } from './appointments.paths.ts';
import { confirmByProvider, declineByProvider, providerLinkView, type AnswerOutcome } from './appointments.provider.service.ts';

const LinkParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), token: Type.String({ pattern: SIGNED_TOKEN_PATTERN }) });
const ConfirmBody = formSchema({});
const DeclineBody = formSchema({ reason: Fields.optionalText(1000) });

/** A reason is what the conciergerie needs to propose another slot: it may not be blank. */
function readReason(_request: FastifyRequest, values: FormValues): { errors: FieldErrors } {
  return (values.reason ?? '').trim() === '' ? { errors: { reason: t('errors.appointment_reason_missing') } } : { errors: {} };
}

export async function providerRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;

  function sendOutcome(request: FastifyRequest, reply: FastifyReply, outcome: AnswerOutcome, token: string, answer: 'confirmed' | 'declined') {
    const page = ProviderPage({ ctx: pageContext(request, reply), config, nowAt: nowIso(), view: outcome.view, token, thanks: outcome.answered ? answer : undefined });
    return sendPage(reply, page, outcome.answered ? 200 : 409);
  }

  async function renderLink(request: FastifyRequest, reply: FastifyReply, params: { id: string; token: string }, form?: SubmittedForm) {
    const view = await providerLinkView(db, config, params.id, params.token);
    const state = form ? { values: form.values, errors: form.errors } : undefined;
    return sendPage(reply, ProviderPage({ ctx: pageContext(request, reply), config, nowAt: nowIso(), view, token: params.token, state }), form ? 422 : 200);
  }

  app.get(providerAnswerPath(':id', ':token'), { schema: { params: LinkParams } }, (request, reply) => renderLink(request, reply, request.params));

  formRoute(app, providerAnswerPath(':id', ':token', 'confirmer'), {
    body: ConfirmBody,
    params: LinkParams,
    run: async (request, _body, { id, token }, { reply }) => sendOutcome(request, reply, await confirmByProvider(db, config, id, token), token, 'confirmed'),
  });

  formRoute(app, providerAnswerPath(':id', ':token', 'refuser'), {
    body: DeclineBody,
    params: LinkParams,
    check: readReason,
    run: async (request, body, { id, token }, { reply }) => sendOutcome(request, reply, await declineByProvider(db, config, id, token, body.reason.trim()), token, 'declined'),
    render: (request, reply, form, params) => renderLink(request, reply, params, form),
  });
}
