// Places: the public contact page with the counter's hours and coming closures, read from
// the database; the concierge's pages about collection points live in places.admin.routes.ts.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { nowIso } from '../platform/clock.ts';
import { pageContext, sendPage } from '../platform/http.ts';
import { placesAdminRoutes } from './places.admin.routes.ts';
import { homeDeliveryRoutes } from './places.delivery.routes.ts';
import { counterOf, listPlacesWithCalendar } from './places.service.ts';
import { localDateOf } from './places.slots.rules.ts';
import { ContactPage } from './places.views.tsx';

export async function placesRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  app.get('/contact', async (request, reply) => {
    const today = localDateOf(nowIso(), app.config.timeZone);
    const places = await listPlacesWithCalendar(db, today, { activeOnly: true });
    const counter = counterOf(places);
    const others = places.filter((place) => place !== counter);
    return sendPage(reply, ContactPage({ ctx: pageContext(request, reply), counter, others, today }));
  });

  await app.register(placesAdminRoutes);
  await app.register(homeDeliveryRoutes);
}
