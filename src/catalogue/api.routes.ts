// The public read-only JSON API (/api/v1) and its OpenAPI document.
import type { FastifyInstance } from 'fastify';

export async function catalogueApiRoutes(_app: FastifyInstance): Promise<void> {}
