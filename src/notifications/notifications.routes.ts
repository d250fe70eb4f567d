// Back-office page of the mails the conciergerie sent (or kept, with no SMTP server).
import type { FastifyInstance } from 'fastify';

export async function notificationsRoutes(_app: FastifyInstance): Promise<void> {}
