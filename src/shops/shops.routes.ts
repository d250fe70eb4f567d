// Back office of the town's shops: directory, identity, membership stage, merchant accounts.
import type { FastifyInstance } from 'fastify';

export async function shopsRoutes(_app: FastifyInstance): Promise<void> {}
