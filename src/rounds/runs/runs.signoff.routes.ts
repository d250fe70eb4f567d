// The concierge ticks a drop-off point's paper list back in: the screen (GET) and its one
// form (POST). The form has one choice per line, named by the order: `issue_<order>` is
// « collected » or « not_collected », `moyen_<order>` how an amount due was paid.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { CounterPaymentMethod } from '../../orders/index.ts';
import { Fields, type FieldErrors, type FormValues } from '../../platform/forms.ts';
import { FormRefused, formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../../platform/http.ts';
import { t, tPlural } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { signOffPath } from './runs.paths.ts';
import { choiceField, methodField, missingMethods, PAID_ON_SITE, signOffList, tickSignOffList, type TickedChoice } from './runs.signoff.service.ts';
import { SignOffPage } from './runs.signoff.views.tsx';

const StopParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), stopId: Type.String({ pattern: ID_PATTERN }) });
const ORDER_ID = ID_PATTERN.slice(1, -1);
/** One choice per line, whatever the list's length; nothing else is accepted. */
const SignOffBody = Type.Object(
  { _csrf: Type.Optional(Fields.csrf()) },
  {
    additionalProperties: false,
    patternProperties: {
      [`^${choiceField(ORDER_ID)}$`]: Fields.choice(['collected', 'not_collected'] as const),
      [`^${methodField(ORDER_ID)}$`]: Fields.choice(PAID_ON_SITE),
    },
  },
);

/** The lines ticked on the form; a line left blank is not in it. */
function choicesOf(values: FormValues): TickedChoice[] {
  const choices: TickedChoice[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (!field.startsWith('issue_') || (value !== 'collected' && value !== 'not_collected')) continue;
    const orderId = field.slice('issue_'.length);
    const method = values[methodField(orderId)];
    choices.push({ orderId, choice: value, method: PAID_ON_SITE.find((known) => known === method) as CounterPaymentMethod | undefined });
  }
  return choices;
}

function savedNotice(saved: number, toCall: readonly string[]): string {
  if (saved === 0) return t('signoff.flash.nothing');
  const notes = [tPlural('signoff.flash.saved', saved)];
  if (toCall.length > 0) notes.push(tPlural('signoff.flash.to_call', toCall.length, { names: toCall.join(', ') }));
  return notes.join(' ');
}

export async function signOffRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  async function render(request: FastifyRequest, reply: FastifyReply, runId: string, stopId: string, form: { values: FormValues; errors: FieldErrors }) {
    const list = await signOffList(db, request.account, runId, stopId);
    return sendPage(reply, SignOffPage({ ctx: pageContext(request, reply), list, form }), Object.keys(form.errors).length > 0 ? 422 : 200);
  }

  app.get(signOffPath(':id', ':stopId'), { preHandler: concierge, schema: { params: StopParams } }, async (request, reply) =>
    render(request, reply, request.params.id, request.params.stopId, { values: {}, errors: {} }),
  );

  formRoute(app, signOffPath(':id', ':stopId'), {
    body: SignOffBody,
    params: StopParams,
    preHandler: concierge,
    run: async (request, _body, { id, stopId }) => {
      const values = request.body as FormValues;
      const choices = choicesOf(values);
      // Every line missing its method is named at once, next to itself; nothing is saved.
      const missing = missingMethods((await signOffList(db, request.account, id, stopId)).lines, choices);
      if (Object.keys(missing).length > 0) throw new FormRefused(missing);
      const result = await tickSignOffList(db, config, request.account, id, stopId, choices);
      return redirectTo(signOffPath(id, stopId), savedNotice(result.saved, result.toCall));
    },
    render: (request, reply, { values, errors }, { id, stopId }) => render(request, reply, id, stopId, { values, errors }),
  });
}
