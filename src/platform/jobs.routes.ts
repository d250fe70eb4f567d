// The concierge's page of the background jobs (/gestion/taches): read-only, like every GET.
import type { FastifyInstance } from 'fastify';
import { pageContext, requireRole, sendPage } from './http.ts';
import { jobStatuses, type Job } from './jobs.ts';
import { JobsPage } from './jobs.views.tsx';
import { backOfficePath } from './paths.ts';

export async function jobsRoutes(app: FastifyInstance, options: { jobs: readonly Job[] }): Promise<void> {
  app.get(backOfficePath('taches'), { preHandler: requireRole('concierge') }, async (request, reply) => {
    const jobs = await jobStatuses(app.db, options.jobs);
    return sendPage(reply, JobsPage({ ctx: pageContext(request, reply), jobs }));
  });
}
