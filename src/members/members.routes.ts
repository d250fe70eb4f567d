// Members: the concierge's directory of residents and the resident's own account page.
import type { FastifyInstance } from 'fastify';

export async function membersRoutes(_app: FastifyInstance): Promise<void> {}
