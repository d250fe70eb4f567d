// Public pages of the catalogue (home, categories, storefronts, offers, search) and the merchant's storefront editor.
import type { FastifyInstance } from 'fastify';

export async function catalogueRoutes(_app: FastifyInstance): Promise<void> {}
