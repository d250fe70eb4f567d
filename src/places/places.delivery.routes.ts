// The home-delivery zone (/gestion/livraison): the concierge and the town read and edit it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Fields, formSchema } from '../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import { formatZoneLines, HOME_DELIVERY_AUDIENCES } from './places.delivery.rules.ts';
import { readHomeDeliveryZone, saveHomeDeliveryZone } from './places.delivery.service.ts';
import { HomeDeliveryZonePage } from './places.delivery.views.tsx';
import { HOME_DELIVERY_PATH } from './places.paths.ts';

const ZoneBody = formSchema({ audience: Fields.choice(HOME_DELIVERY_AUDIENCES), streets: Type.String({ maxLength: 50_000 }) });

export async function homeDeliveryRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const editors = onlyRoles('concierge', 'town');

  async function render(request: FastifyRequest, reply: FastifyReply, form?: FormState) {
    const zone = await readHomeDeliveryZone(db, request.account);
    const state = form ?? emptyForm({ audience: zone.audience, streets: formatZoneLines(zone.streets) });
    return sendPage(reply, HomeDeliveryZonePage({ ctx: pageContext(request, reply), state, streetCount: zone.streets.length }), form ? 422 : 200);
  }

  app.get(HOME_DELIVERY_PATH, { preHandler: editors }, async (request, reply) => render(request, reply));

  formRoute(app, HOME_DELIVERY_PATH, {
    body: ZoneBody,
    preHandler: editors,
    run: async (request, body) => {
      const count = await saveHomeDeliveryZone(db, request.account, { audience: body.audience, streetsText: body.streets });
      return redirectTo(HOME_DELIVERY_PATH, t('delivery.zone.saved', { count }));
    },
    render: (request, reply, state) => render(request, reply, state),
  });
}
