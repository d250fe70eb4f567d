// The visitor's « Devenir adhérent » pages: /adhesion (a public form, rate-limited like the
// login) and its confirmation, which shows the basket number to the session that made the
// request and to nobody else.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { emptyToNull, Fields, formSchema, normalisePhone, type FieldErrors, type FormValues } from '../../platform/forms.ts';
import { formRoute, pageContext, redirectTo, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { basketKeyOf } from './basket.routes.ts';
import { readBasket } from './basket.service.ts';
import { MEMBERSHIP_REQUEST_DONE_PATH, MEMBERSHIP_REQUEST_PATH } from './membership.paths.ts';
import { ownMembershipRequest, submitMembershipRequest } from './membership.service.ts';
import { MembershipRequestDonePage, MembershipRequestPage } from './membership.views.tsx';

declare module 'fastify' {
  interface Session {
    /** The membership request this session made: its confirmation shows the basket number. */
    membershipRequestId?: string;
  }
}

const RequestBody = formSchema({
  name: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S', 'x-error': 'field.required' }),
  phone: Fields.phone(),
  email: Fields.optionalEmail(),
  idempotency_key: Fields.idempotencyKey(),
});

/**
 * Control characters (a NUL, a bell) cannot be typed in a form; PostgreSQL refuses a NUL in a
 * text column, so a forged one would fail the insert: refused next to its field instead.
 */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
/** A name the concierge can read out: at least one letter (not only dots or invisible spaces). */
const LETTER = /\p{L}/u;

function unreadableFields(values: FormValues): { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = values.name ?? '';
  if (CONTROL_CHARACTER.test(name) || (name.trim() !== '' && !LETTER.test(name))) errors.name = t('join.name_letters');
  if (CONTROL_CHARACTER.test(values.email ?? '')) errors.email = t('field.invalid');
  return { errors };
}

export async function membershipRequestRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;

  async function renderForm(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    // Staff have no basket: only a visitor's is read (a resident is told they are signed in).
    const key = request.account ? undefined : await basketKeyOf(request);
    const basket = key ? await readBasket(db, key) : undefined;
    const view = MembershipRequestPage({ ctx: pageContext(request, reply), state, idempotencyKey: state.values.idempotency_key ?? newIdempotencyKey(), basket });
    return sendPage(reply, view, status);
  }

  app.get(MEMBERSHIP_REQUEST_PATH, async (request, reply) => renderForm(request, reply, emptyForm()));

  formRoute(app, MEMBERSHIP_REQUEST_PATH, {
    body: RequestBody,
    config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    check: (_request, values) => unreadableFields(values),
    run: async (request, body) => {
      const visitorKey = request.account ? undefined : await basketKeyOf(request, true);
      const id = await submitMembershipRequest(db, request.account, {
        key: body.idempotency_key,
        visitorId: request.session.visitorId ?? '',
        visitorKey,
        request: { name: body.name.trim().replace(/\s+/g, ' '), phone: normalisePhone(body.phone)!, email: emptyToNull(body.email)?.toLowerCase() ?? null },
      });
      request.session.membershipRequestId = id;
      return redirectTo(MEMBERSHIP_REQUEST_DONE_PATH);
    },
    render: (request, reply, state) => renderForm(request, reply, state, 422),
  });

  app.get(MEMBERSHIP_REQUEST_DONE_PATH, async (request, reply) => {
    const found = await ownMembershipRequest(db, request.session.membershipRequestId);
    return sendPage(reply, MembershipRequestDonePage({ ctx: pageContext(request, reply), found }));
  });
}
