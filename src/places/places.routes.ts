// Places: the public contact page with the counter's hours, read from the database.
import type { FastifyInstance } from 'fastify';
import { pageContext, sendPage } from '../platform/http.ts';
import { counterOf, listPlacesWithHours } from './places.service.ts';
import { ContactPage } from './places.views.tsx';

export async function placesRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  app.get('/contact', async (request, reply) => {
    const places = await listPlacesWithHours(db);
    const counter = counterOf(places);
    const others = places.filter((place) => place !== counter);
    return sendPage(reply, ContactPage({ ctx: pageContext(request, reply), counter, others }));
  });
}
