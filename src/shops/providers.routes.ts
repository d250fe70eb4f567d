// A provider's absences in the back office: the concierge adds and removes them, the town
// reads them. Anyone else gets 404 (the service checks).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { messageKeyOf } from '../platform/errors.ts';
import { Fields, formSchema, type FieldErrors } from '../platform/forms.ts';
import { FormRefused, formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import { readDay } from './providers.rules.ts';
import { addAbsence, getAbsences, removeAbsence } from './providers.service.ts';
import { AbsencesPage } from './providers.views.tsx';
import { absenceRemovePath, absencesPath } from './shops.paths.ts';
import { getShop } from './shops.service.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const AbsenceParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), absenceId: Type.String({ pattern: ID_PATTERN }) });
const AbsenceBody = formSchema({ starts_on: Fields.text(20), ends_on: Fields.text(20), note: Fields.optionalText(200) });
const EmptyBody = formSchema({});

export async function providersRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');
  const readers = onlyRoles('concierge', 'town');

  async function renderAbsences(request: FastifyRequest, reply: FastifyReply, id: string, state: FormState, status = 200) {
    const record = await getAbsences(db, request.account, id, config.timeZone);
    const shop = await getShop(db, id);
    return sendPage(reply, AbsencesPage({ ctx: pageContext(request, reply), shop, record, state }), status);
  }

  app.get(absencesPath(':id'), { preHandler: readers, schema: { params: IdParams } }, async (request, reply) =>
    renderAbsences(request, reply, request.params.id, emptyForm()),
  );

  formRoute(app, absencesPath(':id'), {
    body: AbsenceBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      const input = { startsOn: readDay(body.starts_on), endsOn: readDay(body.ends_on), note: body.note };
      const refused = await addAbsence(db, request.account, id, input);
      if (refused) {
        const errors: FieldErrors = {};
        for (const [field, code] of Object.entries(refused)) if (code) errors[field] = t(messageKeyOf(code));
        throw new FormRefused(errors);
      }
      return redirectTo(absencesPath(id), t('absences.saved'));
    },
    render: (request, reply, state, { id }) => renderAbsences(request, reply, id, state, 422),
  });

  formRoute(app, absenceRemovePath(':id', ':absenceId'), {
    body: EmptyBody,
    params: AbsenceParams,
    preHandler: concierge,
    run: async (request, _body, { id, absenceId }) => {
      await removeAbsence(db, request.account, id, absenceId);
      return redirectTo(absencesPath(id), t('absences.removed'));
    },
  });
}
