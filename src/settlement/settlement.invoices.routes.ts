// Pages of settlement: see the area's index.ts for the words.
import type { FastifyInstance } from 'fastify';

export async function invoicesRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
