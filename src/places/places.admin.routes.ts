// The concierge's pages about collection points (/gestion/lieux): the list, one point with
// its settings, a new drop-off point. The town may read them; only the concierge posts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { nowIso } from '../platform/clock.ts';
import { notFound } from '../platform/errors.ts';
import { emptyToNull, Fields, formSchema, normalisePhone, valuesOf, type FieldErrors, type FormValues } from '../platform/forms.ts';
import { domainErrorToFieldErrors, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t, type MessageKey } from '../platform/i18n/index.ts';
import { isId } from '../platform/ids.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import { emptyForm } from '../ui/forms.tsx';
import { NewPlacePage, PlaceDetailPage, PlacesListPage, PLACES_PATH, placePath, type DetailForms } from './places.admin.views.tsx';
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
import { PLACE_KINDS, type PlaceKind } from './places.rules.ts';
import {
  addClosure,
  addDropOffPoint,
  addOpening,
  getPlaceDetail,
  listPlacesForBackOffice,
  removeClosure,
  removeOpening,
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

type Params = Record<string, string>;

function idParam(request: FastifyRequest, name = 'id'): string {
  const id = (request.params as Params)[name];
  if (!isId(id)) throw notFound();
  return id;
}

function todayOf(request: FastifyRequest): string {
  return localDateOf(nowIso(), request.server.config.timeZone);
}

/** The schema's errors, then the rules' (the first message of a field wins). */
function mergeErrors(schemaErrors: FieldErrors, ruleErrors: FormErrors): FieldErrors {
  const errors: FieldErrors = { ...schemaErrors };
  for (const [field, key] of Object.entries(ruleErrors)) errors[field] ??= t(key as MessageKey);
  return errors;
}

/** The form's values and the schema's errors, whether or not the body passed its schema. */
function submitted(request: FastifyRequest): { values: FormValues; errors: FieldErrors } {
  const form = readForm<Record<string, string>>(request);
  return form.ok ? { values: valuesOf(form.body), errors: {} } : { values: form.values, errors: form.errors };
}

export async function placesAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const readers = { preHandler: requireRole('concierge', 'town') };
  const concierge = { preHandler: requireRole('concierge') };

  /** The point's page with one form in error (or none); the others show the saved values. */
  async function renderDetail(request: FastifyRequest, reply: FastifyReply, placeId: string, forms: Partial<DetailForms> = {}): Promise<FastifyReply> {
    const today = todayOf(request);
    const place = await getPlaceDetail(db, request.account, placeId, today);
    const state: DetailForms = { week: emptyForm(weekFormValues(place.hours)), slots: emptyForm(), closure: emptyForm(), opening: emptyForm(), ...forms };
    const idempotencyKey = { closure: newIdempotencyKey(), opening: newIdempotencyKey() };
    const page = PlaceDetailPage({ ctx: pageContext(request, reply), place, today, state, idempotencyKey, canManage: request.account?.role === 'concierge' });
    return sendPage(reply, page, Object.keys(forms).length > 0 ? 422 : 200);
  }

  function done(request: FastifyRequest, reply: FastifyReply, placeId: string, message: MessageKey, anchor = ''): FastifyReply {
    setFlash(request, t(message));
    return redirectAfterPost(reply, `${placePath(placeId)}${anchor}`);
  }

  app.get(PLACES_PATH, readers, async (request, reply) => {
    const today = todayOf(request);
    const places = await listPlacesForBackOffice(db, request.account, today);
    return sendPage(reply, PlacesListPage({ ctx: pageContext(request, reply), places, today, canManage: request.account?.role === 'concierge' }));
  });

  app.get(`${PLACES_PATH}/nouveau`, concierge, async (request, reply) =>
    sendPage(reply, NewPlacePage({ ctx: pageContext(request, reply), state: emptyForm(), idempotencyKey: newIdempotencyKey() })),
  );

  app.post(`${PLACES_PATH}/nouveau`, { ...concierge, schema: { body: NewPlaceBody }, attachValidation: true }, async (request, reply) => {
    const { values, errors } = submitted(request);
    const showAgain = (fieldErrors: FieldErrors) =>
      sendPage(reply, NewPlacePage({ ctx: pageContext(request, reply), state: { values, errors: fieldErrors }, idempotencyKey: newIdempotencyKey() }), 422);
    if (Object.keys(errors).length > 0) return showAgain(errors);
    try {
      const id = await addDropOffPoint(db, request.account, values.idempotency_key!, {
        name: values.name!.trim(),
        kind: values.kind as PlaceKind,
        addressLine: values.address_line!.trim(),
        postalCode: values.postal_code!.trim(),
        city: values.city!.trim(),
        phone: emptyToNull(values.phone) === null ? null : normalisePhone(values.phone!),
      });
      return done(request, reply, id, 'places.new.created');
    } catch (error) {
      return showAgain(domainErrorToFieldErrors(error));
    }
  });

  app.get(`${PLACES_PATH}/:id`, readers, async (request, reply) => renderDetail(request, reply, idParam(request)));

  app.post(`${PLACES_PATH}/:id/horaires`, { ...concierge, schema: { body: WeekBody }, attachValidation: true }, async (request, reply) => {
    const placeId = idParam(request);
    const { values, errors } = submitted(request);
    const { ranges, errors: ruleErrors } = readWeekForm(values);
    const allErrors = mergeErrors(errors, ruleErrors);
    if (Object.keys(allErrors).length > 0) return renderDetail(request, reply, placeId, { week: { values, errors: allErrors } });
    await setWeeklyHours(db, request.account, placeId, ranges);
    return done(request, reply, placeId, 'places.week.saved', '#horaires');
  });

  app.post(`${PLACES_PATH}/:id/creneaux`, { ...concierge, schema: { body: SlotBody }, attachValidation: true }, async (request, reply) => {
    const placeId = idParam(request);
    const { values, errors } = submitted(request);
    const read = readSlotForm(values);
    const allErrors = mergeErrors(errors, read.errors);
    if (Object.keys(allErrors).length > 0 || read.slotMinutes === undefined || read.slotCapacity === undefined) {
      return renderDetail(request, reply, placeId, { slots: { values, errors: allErrors } });
    }
    await setSlotSettings(db, request.account, placeId, read.slotMinutes, read.slotCapacity);
    return done(request, reply, placeId, 'places.slots.saved', '#creneaux');
  });

  app.post(`${PLACES_PATH}/:id/fermetures`, { ...concierge, schema: { body: ClosureBody }, attachValidation: true }, async (request, reply) => {
    const placeId = idParam(request);
    const { values, errors } = submitted(request);
    const read = readClosureForm(values, todayOf(request));
    const allErrors = mergeErrors(errors, read.errors);
    const showAgain = (fieldErrors: FieldErrors) => renderDetail(request, reply, placeId, { closure: { values, errors: fieldErrors } });
    if (Object.keys(allErrors).length > 0 || !read.closure) return showAgain(allErrors);
    try {
      await addClosure(db, request.account, values.idempotency_key!, placeId, read.closure);
    } catch (error) {
      return showAgain(domainErrorToFieldErrors(error));
    }
    return done(request, reply, placeId, 'places.closure.added', '#fermetures');
  });

  app.post(`${PLACES_PATH}/:id/fermetures/:closureId/supprimer`, { ...concierge, schema: { body: EmptyBody } }, async (request, reply) => {
    const placeId = idParam(request);
    await removeClosure(db, request.account, placeId, idParam(request, 'closureId'));
    return done(request, reply, placeId, 'places.closure.removed', '#fermetures');
  });

  app.post(`${PLACES_PATH}/:id/ouvertures`, { ...concierge, schema: { body: OpeningBody }, attachValidation: true }, async (request, reply) => {
    const placeId = idParam(request);
    const { values, errors } = submitted(request);
    const read = readOpeningForm(values, todayOf(request));
    const allErrors = mergeErrors(errors, read.errors);
    const showAgain = (fieldErrors: FieldErrors) => renderDetail(request, reply, placeId, { opening: { values, errors: fieldErrors } });
    if (Object.keys(allErrors).length > 0 || !read.opening) return showAgain(allErrors);
    try {
      await addOpening(db, request.account, values.idempotency_key!, placeId, read.opening);
    } catch (error) {
      return showAgain(domainErrorToFieldErrors(error));
    }
    return done(request, reply, placeId, 'places.opening.added', '#ouvertures');
  });

  app.post(`${PLACES_PATH}/:id/ouvertures/:openingId/supprimer`, { ...concierge, schema: { body: EmptyBody } }, async (request, reply) => {
    const placeId = idParam(request);
    await removeOpening(db, request.account, placeId, idParam(request, 'openingId'));
    return done(request, reply, placeId, 'places.opening.removed', '#ouvertures');
  });

  for (const [action, active, message] of [
    ['desactiver', false, 'places.detail.deactivated'],
    ['reactiver', true, 'places.detail.reactivated'],
  ] as const) {
    app.post(`${PLACES_PATH}/:id/${action}`, { ...concierge, schema: { body: EmptyBody } }, async (request, reply) => {
      const placeId = idParam(request);
      await setPlaceActive(db, request.account, placeId, active);
      return done(request, reply, placeId, message);
    });
  }
}
