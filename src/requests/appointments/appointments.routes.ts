// The pages and forms of appointments: the concierge's appointment page of a request and its
// four forms (book, move, cancel, done), the provider's signed link (its page, confirm,
// decline), and the calendar file for the member and for the follow link.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { parseClock, nowIso } from '../../platform/clock.ts';
import { Fields, formSchema, type FieldErrors, type FormValues } from '../../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage, type SubmittedForm } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { notFound } from '../../platform/errors.ts';
import { SIGNED_TOKEN_PATTERN } from '../../platform/signed-links.ts';
import { requestFile } from '../requests.service.ts';
import { requestPath } from '../requests.paths.ts';
import { providerChoices } from './appointments.context.ts';
import { calendarForFollower, calendarForReader } from './appointments.diary.service.ts';
import { DeskPage } from './appointments.pages.tsx';
import { providerRoutes } from './appointments.provider.routes.ts';
import { appointmentDeskPath, followCalendarPath, memberCalendarPath } from './appointments.paths.ts';
import { appointmentSummary, bookAppointment, cancelAppointment, markAppointmentDone, moveAppointment } from './appointments.service.ts';
import { readLocalDate } from './appointments.rules.ts';
import type { DeskForm } from './appointments.views.tsx';

const RequestParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const FollowParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), token: Type.String({ pattern: SIGNED_TOKEN_PATTERN }) });

// The date and time are read by `check` (« 15/12/2026 », « 14h30 »): the schema only bounds them.
const slotFields = {
  date: Type.String({ maxLength: 20 }),
  time: Type.String({ maxLength: 20 }),
  duration: Type.String({ minLength: 1, maxLength: 4, pattern: '^\\s*\\d+\\s*$', 'x-error': 'field.number' }),
};
const BookBody = formSchema({ ...slotFields, provider: Type.String({ maxLength: 64 }), idempotency_key: Fields.idempotencyKey() });
const MoveBody = formSchema(slotFields);
const CancelBody = formSchema({ reason: Fields.optionalText(1000) });
const EmptyBody = formSchema({});

interface SlotChecked {
  errors: FieldErrors;
  date: string;
  time: string;
}

/** The typed day and hour, read as people write them; a message beside each that does not read. */
function readSlot(_request: FastifyRequest, values: FormValues): SlotChecked {
  const errors: FieldErrors = {};
  const date = readLocalDate(values.date ?? '');
  const time = parseClock(values.time ?? '');
  if (!date) errors.date = t('errors.appointment_date_invalid');
  if (!time) errors.time = t('errors.appointment_time_invalid');
  return { errors, date: date ?? '', time: time ?? '' };
}


export async function appointmentsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const concierge = onlyRoles('concierge');

  async function renderDesk(request: FastifyRequest, reply: FastifyReply, requestId: string, which?: DeskForm, form?: SubmittedForm) {
    const file = await requestFile(db, request.account, requestId);
    if (file.request.kind !== 'appointment') throw notFound();
    const [summary, providers] = await Promise.all([appointmentSummary(db, requestId), providerChoices(db)]);
    const desk = { which, state: { values: form?.values ?? {}, errors: form?.errors ?? {} } };
    const page = DeskPage({ ctx: pageContext(request, reply), config, nowAt: nowIso(), file, summary, providers, desk, idempotencyKey: newIdempotencyKey() });
    return sendPage(reply, page, form ? 422 : 200);
  }

  app.get(appointmentDeskPath(':id'), { preHandler: concierge, schema: { params: RequestParams } }, (request, reply) => renderDesk(request, reply, request.params.id));

  formRoute(app, appointmentDeskPath(':id'), {
    body: BookBody,
    params: RequestParams,
    preHandler: concierge,
    check: readSlot,
    run: async (request, body, { id }, { checked }) => {
      const input = { providerShopId: body.provider, date: checked.date, time: checked.time, durationMinutes: Number(body.duration.trim()) };
      await bookAppointment(db, config, request.account, id, input, body.idempotency_key);
      return redirectTo(requestPath(id), t('appointments.flash.booked'));
    },
    render: (request, reply, form, { id }) => renderDesk(request, reply, id, 'book', form),
  });

  formRoute(app, appointmentDeskPath(':id', 'deplacer'), {
    body: MoveBody,
    params: RequestParams,
    preHandler: concierge,
    check: readSlot,
    run: async (request, body, { id }, { checked }) => {
      await moveAppointment(db, config, request.account, id, { date: checked.date, time: checked.time, durationMinutes: Number(body.duration.trim()) });
      return redirectTo(requestPath(id), t('appointments.flash.moved'));
    },
    render: (request, reply, form, { id }) => renderDesk(request, reply, id, 'move', form),
  });

  formRoute(app, appointmentDeskPath(':id', 'annuler'), {
    body: CancelBody,
    params: RequestParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      await cancelAppointment(db, config, request.account, id, body.reason.trim());
      return redirectTo(requestPath(id), t('appointments.flash.cancelled'));
    },
    render: (request, reply, form, { id }) => renderDesk(request, reply, id, 'cancel', form),
  });

  formRoute(app, appointmentDeskPath(':id', 'fait'), {
    body: EmptyBody,
    params: RequestParams,
    preHandler: concierge,
    run: async (request, _body, { id }) => {
      await markAppointmentDone(db, config, request.account, id);
      return redirectTo(requestPath(id), t('appointments.flash.done'));
    },
    render: (request, reply, form, { id }) => renderDesk(request, reply, id, undefined, form),
  });

  const sendCalendar = (reply: FastifyReply, ics: string) =>
    reply.type('text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="rendez-vous.ics"').header('cache-control', 'no-store').send(ics);

  app.get(memberCalendarPath(':id'), { preHandler: onlyRoles('resident'), schema: { params: RequestParams } }, async (request, reply) =>
    sendCalendar(reply, await calendarForReader(db, config, request.account, request.params.id)),
  );

  app.get(followCalendarPath(':id', ':token'), { schema: { params: FollowParams } }, async (request, reply) =>
    sendCalendar(reply, await calendarForFollower(db, config, request.params.id, request.params.token)),
  );

  await app.register(providerRoutes);
}
