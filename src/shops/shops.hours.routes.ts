// The opening-hours editor of a shop, for its own merchant and for the concierge. Another
// shop's merchant, a resident or the town get 404: the service checks the shop's owner.
import type { FastifyInstance } from 'fastify';
import { Type, type TOptional, type TString } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { formSchema, valuesOf, type FieldErrors, type FormValues } from '../platform/forms.ts';
import { formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../platform/http.ts';
import { t, type MessageKey } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { hoursPath } from './shops.paths.ts';
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

const ShopParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }) });

/** The rules' errors on the typed times, in French. */
function hoursErrors(values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, key] of Object.entries(readHoursForm(values).errors)) errors[field] = t(key as MessageKey);
  return errors;
}

export async function hoursRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const managers = onlyRoles('merchant', 'concierge');
  const path = hoursPath(':shopId');

  app.get(path, { preHandler: managers, schema: { params: ShopParams } }, async (request, reply) => {
    const shop = await getManagedShop(db, request.account, request.params.shopId);
    const saved = await getOpeningHours(db, shop.id);
    return sendPage(reply, HoursPage({ ctx: pageContext(request, reply), shop, saved, state: emptyForm(hoursFormValues(saved)) }));
  });

  formRoute(app, path, {
    body: hoursBody(),
    params: ShopParams,
    preHandler: managers,
    // Ownership first: a foreign shop's page is not even rendered with errors.
    check: async (request, values, { shopId }) => {
      const shop = await getManagedShop(db, request.account, shopId);
      return { shop, errors: hoursErrors(values) };
    },
    run: async (request, body, _params, { checked: { shop } }) => {
      await setOpeningHours(db, request.account, shop.id, readHoursForm(valuesOf(body)).ranges);
      return redirectTo(hoursPath(shop.id), t('shops.hours.saved'));
    },
    render: async (request, reply, state, { shopId }) => {
      const shop = await getManagedShop(db, request.account, shopId);
      const saved = await getOpeningHours(db, shop.id);
      return sendPage(reply, HoursPage({ ctx: pageContext(request, reply), shop, saved, state }), 422);
    },
  });
}
