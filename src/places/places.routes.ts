// Collection points and their opening hours: the public contact page.
import type { FastifyInstance } from 'fastify';

export async function placesRoutes(_app: FastifyInstance): Promise<void> {}
