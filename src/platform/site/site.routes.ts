// Pages every site must have: accessibility statement, legal notice, personal data, back-office home.
import type { FastifyInstance } from 'fastify';

export async function siteRoutes(_app: FastifyInstance): Promise<void> {}
