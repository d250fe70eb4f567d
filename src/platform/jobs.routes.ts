// The concierge's page of the background jobs (/gestion/taches): read-only, like every GET.
import type { FastifyInstance } from 'fastify';
import { pageContext, onlyRoles, sendPage } from './http.ts';
import { jobStatuses, type Job } from './jobs.ts';
import { JobsPage } from './jobs.views.tsx';
import { backOfficePath } from './paths.ts';

export async function jobsRoutes(app: FastifyInstance, options: { jobs: readonly Job[] }): Promise<void> {
  app.get(backOfficePath('taches'), { preHandler: onlyRoles('concierge') }, async (request, reply) => {
    const jobs = await jobStatuses(app.db, options.jobs);
    return sendPage(reply, JobsPage({ ctx: pageContext(request, reply), jobs }));
  });
}
