// Basket, checkout, the resident's orders and the merchants' purchase orders.
import type { FastifyInstance } from 'fastify';

export async function ordersRoutes(_app: FastifyInstance): Promise<void> {}
