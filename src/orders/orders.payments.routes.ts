// Pages of orders: see the area's index.ts for the words.
import type { FastifyInstance } from 'fastify';

export async function paymentsRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
