// The opening-hours editor of a shop, for its own merchant and for the concierge. Another
// shop's merchant, a resident or the town get 404: the service checks the shop's owner.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TOptional, type TString } from '@sinclair/typebox';
import { notFound } from '../platform/errors.ts';
import { formSchema, valuesOf, type FieldErrors } from '../platform/forms.ts';
import { pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t, type MessageKey } from '../platform/i18n/index.ts';
import { isId } from '../platform/ids.ts';
import { emptyForm } from '../ui/forms.tsx';
import { HoursPage } from './shops.hours.views.tsx';
import { RANGES_PER_DAY, WEEKDAYS, hoursFieldName, hoursFormValues, readHoursForm } from './shops.rules.ts';
import { getManagedShop, getOpeningHours, setOpeningHours } from './shops.service.ts';

/** Every time input of the week; the rules read the times ("9:00", "09:00", "9 h 30"). */
function hoursBody() {
  const fields: Record<string, TOptional<TString>> = {};
  for (const weekday of WEEKDAYS) {
    for (let slot = 1; slot <= RANGES_PER_DAY; slot += 1) {
      fields[hoursFieldName(weekday, slot, 'opens')] = Type.Optional(Type.String({ maxLength: 10 }));
      fields[hoursFieldName(weekday, slot, 'closes')] = Type.Optional(Type.String({ maxLength: 10 }));
    }
  }
  return formSchema(fields);
}

function shopIdOf(request: FastifyRequest): string {
  const id = (request.params as { shopId: string }).shopId;
  if (!isId(id)) throw notFound();
  return id;
}

export async function hoursRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const managers = requireRole('merchant', 'concierge');
  const path = '/boutique/:shopId/horaires';

  app.get(path, { preHandler: managers }, async (request, reply) => {
    const shop = await getManagedShop(db, request.account, shopIdOf(request));
    const saved = await getOpeningHours(db, shop.id);
    return sendPage(reply, HoursPage({ ctx: pageContext(request, reply), shop, saved, state: emptyForm(hoursFormValues(saved)) }));
  });

  app.post(path, { preHandler: managers, schema: { body: hoursBody() }, attachValidation: true }, async (request, reply) => {
    // Ownership first: a foreign shop's page is not even rendered with errors.
    const shop = await getManagedShop(db, request.account, shopIdOf(request));
    const form = readForm<Record<string, string | undefined>>(request);
    const values = form.ok ? valuesOf(form.body) : form.values;
    const { ranges, errors: ruleErrors } = readHoursForm(values);
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    for (const [field, key] of Object.entries(ruleErrors)) errors[field] ??= t(key as MessageKey);
    if (Object.keys(errors).length > 0) {
      const saved = await getOpeningHours(db, shop.id);
      return sendPage(reply, HoursPage({ ctx: pageContext(request, reply), shop, saved, state: { values, errors } }), 422);
    }
    await setOpeningHours(db, request.account, shop.id, ranges);
    setFlash(request, t('shops.hours.saved'));
    return redirectAfterPost(reply, `/boutique/${shop.id}/horaires`);
  });
}
