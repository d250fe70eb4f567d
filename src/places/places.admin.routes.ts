// The concierge's pages about collection points (/gestion/lieux): the list, one point with
// its settings, a new drop-off point. The town may read them; only the concierge posts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { nowIso } from '../platform/clock.ts';
import { emptyToNull, Fields, formSchema, normalisePhone, valuesOf, type FieldErrors } from '../platform/forms.ts';
import { FormRefused, formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../platform/http.ts';
import { t, type MessageKey } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { emptyForm } from '../ui/forms.tsx';
import { NewPlacePage, PlaceDetailPage, PlacesListPage, type DetailForms } from './places.admin.views.tsx';
import { NEW_PLACE_PATH, PLACES_PATH, placeFormPath, placeItemPath, placePath } from './places.paths.ts';
import {
  OPENING_PREFIX,
  RANGES_PER_DAY,
  WEEKDAYS,
  dayPrefix,
  rangeFieldName,
  readClosureForm,
  readOpeningForm,
  readSlotForm,
  readWeekForm,
  weekFormValues,
  type FormErrors,
} from './places.form.rules.ts';
import { PLACE_KINDS } from './places.rules.ts';
import {
  addClosure,
  addDropOffPoint,
  addOpening,
  getPlaceDetail,
  listPlacesForBackOffice,
  removeClosure,
  removeOpening,
  ACCESS_NOTES_MAX,
  setAccessNotes,
  setPlaceActive,
  setSlotSettings,
  setWeeklyHours,
} from './places.service.ts';
import { localDateOf } from './places.slots.rules.ts';

const optionalShort = () => Type.Optional(Type.String({ maxLength: 10 }));

function rangeFields(prefixes: readonly string[]): Record<string, TSchema> {
  const fields: Record<string, TSchema> = {};
  for (const prefix of prefixes) {
    for (let index = 1; index <= RANGES_PER_DAY; index += 1) {
      fields[rangeFieldName(prefix, index, 'opens')] = optionalShort();
      fields[rangeFieldName(prefix, index, 'closes')] = optionalShort();
    }
  }
  return fields;
}

const NewPlaceBody = formSchema({
  name: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S', 'x-error': 'field.required' }),
  kind: Fields.choice(PLACE_KINDS),
  address_line: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', 'x-error': 'field.required' }),
  postal_code: Fields.postalCode(),
  city: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', 'x-error': 'field.required' }),
  phone: Fields.optionalPhone(),
  idempotency_key: Fields.idempotencyKey(),
});
const WeekBody = formSchema(rangeFields(WEEKDAYS.map(dayPrefix)));
const AccessBody = formSchema({ access_notes: Type.String({ maxLength: ACCESS_NOTES_MAX, 'x-error': 'places.access.too_long' }) });
const SlotBody = formSchema({ slot_minutes: Type.String({ maxLength: 4 }), slot_capacity: Type.String({ maxLength: 6 }) });
const ClosureBody = formSchema({
  closure_from: Type.String({ maxLength: 20 }),
  closure_to: Type.String({ maxLength: 20 }),
  closure_reason: Type.String({ maxLength: 120 }),
  idempotency_key: Fields.idempotencyKey(),
});
const OpeningBody = formSchema({
  opening_date: Type.String({ maxLength: 20 }),
  opening_reason: Type.String({ maxLength: 120 }),
  ...rangeFields([OPENING_PREFIX]),
  idempotency_key: Fields.idempotencyKey(),
});
const EmptyBody = formSchema({});

const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
const ClosureParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), closureId: Type.String({ pattern: ID_PATTERN }) });
const OpeningParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), openingId: Type.String({ pattern: ID_PATTERN }) });

function todayOf(request: FastifyRequest): string {
  return localDateOf(nowIso(), request.server.config.timeZone);
}

/** The rules' errors in French; shown after the schema's (the first message of a field wins). */
function ruleErrors(errors: FormErrors): { errors: FieldErrors } {
  const messages: FieldErrors = {};
  for (const [field, key] of Object.entries(errors)) messages[field] = t(key as MessageKey);
  return { errors: messages };
}

export async function placesAdminRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const readers = onlyRoles('concierge', 'town');
  const concierge = onlyRoles('concierge');

  /** The point's page with one form in error (or none); the others show the saved values. */
  async function renderDetail(request: FastifyRequest, reply: FastifyReply, placeId: string, forms: Partial<DetailForms> = {}): Promise<FastifyReply> {
    const today = todayOf(request);
    const place = await getPlaceDetail(db, request.account, placeId, today);
    const state: DetailForms = { week: emptyForm(weekFormValues(place.hours)), slots: emptyForm(), closure: emptyForm(), opening: emptyForm(), access: emptyForm({ access_notes: place.accessNotes ?? '' }), ...forms };
    const idempotencyKey = { closure: newIdempotencyKey(), opening: newIdempotencyKey() };
    const page = PlaceDetailPage({ ctx: pageContext(request, reply), place, today, state, idempotencyKey, canManage: request.account?.role === 'concierge' });
    return sendPage(reply, page, Object.keys(forms).length > 0 ? 422 : 200);
  }

  app.get(PLACES_PATH, { preHandler: readers }, async (request, reply) => {
    const today = todayOf(request);
    const places = await listPlacesForBackOffice(db, request.account, today);
    return sendPage(reply, PlacesListPage({ ctx: pageContext(request, reply), places, today, canManage: request.account?.role === 'concierge' }));
  });

  app.get(NEW_PLACE_PATH, { preHandler: concierge }, async (request, reply) =>
    sendPage(reply, NewPlacePage({ ctx: pageContext(request, reply), state: emptyForm(), idempotencyKey: newIdempotencyKey() })),
  );

  formRoute(app, NEW_PLACE_PATH, {
    body: NewPlaceBody,
    preHandler: concierge,
    run: async (request, body) => {
      const id = await addDropOffPoint(db, request.account, body.idempotency_key, {
        name: body.name.trim(),
        kind: body.kind,
        addressLine: body.address_line.trim(),
        postalCode: body.postal_code.trim(),
        city: body.city.trim(),
        phone: emptyToNull(body.phone) === null ? null : normalisePhone(body.phone),
      });
      return redirectTo(placePath(id), t('places.new.created'));
    },
    render: (request, reply, state) => sendPage(reply, NewPlacePage({ ctx: pageContext(request, reply), state, idempotencyKey: state.values.idempotency_key ?? newIdempotencyKey() }), 422),
  });

  app.get(placePath(':id'), { preHandler: readers, schema: { params: IdParams } }, async (request, reply) => renderDetail(request, reply, request.params.id));

  formRoute(app, placeFormPath(':id', 'horaires'), {
    body: WeekBody,
    params: IdParams,
    preHandler: concierge,
    check: (_request, values) => ruleErrors(readWeekForm(values).errors),
    run: async (request, body, { id }) => {
      await setWeeklyHours(db, request.account, id, readWeekForm(valuesOf(body)).ranges);
      return redirectTo(`${placePath(id)}#horaires`, t('places.week.saved'));
    },
    render: (request, reply, week, { id }) => renderDetail(request, reply, id, { week }),
  });

  formRoute(app, placeFormPath(':id', 'acces'), {
    body: AccessBody,
    params: IdParams,
    preHandler: concierge,
    run: async (request, body, { id }) => {
      await setAccessNotes(db, request.account, id, body.access_notes);
      return redirectTo(`${placePath(id)}#acces`, t('places.access.saved'));
    },
    render: (request, reply, access, { id }) => renderDetail(request, reply, id, { access }),
  });

  formRoute(app, placeFormPath(':id', 'creneaux'), {
    body: SlotBody,
    params: IdParams,
    preHandler: concierge,
    check: (_request, values) => ruleErrors(readSlotForm(values).errors),
    run: async (request, body, { id }) => {
      const read = readSlotForm(valuesOf(body));
      if (read.slotMinutes === undefined || read.slotCapacity === undefined) throw new FormRefused({});
      await setSlotSettings(db, request.account, id, read.slotMinutes, read.slotCapacity);
      return redirectTo(`${placePath(id)}#creneaux`, t('places.slots.saved'));
    },
    render: (request, reply, slots, { id }) => renderDetail(request, reply, id, { slots }),
  });

  formRoute(app, placeFormPath(':id', 'fermetures'), {
    body: ClosureBody,
    params: IdParams,
    preHandler: concierge,
    check: (request, values) => ruleErrors(readClosureForm(values, todayOf(request)).errors),
    run: async (request, body, { id }) => {
      const { closure } = readClosureForm(valuesOf(body), todayOf(request));
      if (!closure) throw new FormRefused({});
      await addClosure(db, request.account, body.idempotency_key, id, closure);
      return redirectTo(`${placePath(id)}#fermetures`, t('places.closure.added'));
    },
    render: (request, reply, closure, { id }) => renderDetail(request, reply, id, { closure }),
  });

  formRoute(app, placeItemPath(':id', 'fermetures', ':closureId'), {
    body: EmptyBody,
    params: ClosureParams,
    preHandler: concierge,
    run: async (request, _body, { id, closureId }) => {
      await removeClosure(db, request.account, id, closureId);
      return redirectTo(`${placePath(id)}#fermetures`, t('places.closure.removed'));
    },
  });

  formRoute(app, placeFormPath(':id', 'ouvertures'), {
    body: OpeningBody,
    params: IdParams,
    preHandler: concierge,
    check: (request, values) => ruleErrors(readOpeningForm(values, todayOf(request)).errors),
    run: async (request, body, { id }) => {
      const { opening } = readOpeningForm(valuesOf(body), todayOf(request));
      if (!opening) throw new FormRefused({});
      await addOpening(db, request.account, body.idempotency_key, id, opening);
      return redirectTo(`${placePath(id)}#ouvertures`, t('places.opening.added'));
    },
    render: (request, reply, opening, { id }) => renderDetail(request, reply, id, { opening }),
  });

  formRoute(app, placeItemPath(':id', 'ouvertures', ':openingId'), {
    body: EmptyBody,
    params: OpeningParams,
    preHandler: concierge,
    run: async (request, _body, { id, openingId }) => {
      await removeOpening(db, request.account, id, openingId);
      return redirectTo(`${placePath(id)}#ouvertures`, t('places.opening.removed'));
    },
  });

  for (const [action, active, message] of [
    ['desactiver', false, 'places.detail.deactivated'],
    ['reactiver', true, 'places.detail.reactivated'],
  ] as const) {
    formRoute(app, placeFormPath(':id', action), {
      body: EmptyBody,
      params: IdParams,
      preHandler: concierge,
      run: async (request, _body, { id }) => {
        await setPlaceActive(db, request.account, id, active);
        return redirectTo(placePath(id), t(message));
      },
    });
  }
}
