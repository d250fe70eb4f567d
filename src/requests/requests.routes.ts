// The pages of service requests: « J'ai besoin de… » and « Mes demandes » for residents, the
// follow page of the member's link (no login), the concierge's list, new request and request
// page. Each kind's sub-area registers its own actions and gives its sections of these pages.
import type { FastifyInstance } from 'fastify';
import type { RequestKind } from './requests.rules.ts';
import type { KindPanels } from './requests.panels.ts';
import { memberRequestRoutes } from './requests.member.routes.ts';
import { deskRequestRoutes } from './requests.desk.routes.ts';
import { quotePanels } from './quotes/quotes.panels.tsx';
import { quotesRoutes } from './quotes/quotes.routes.ts';
import { repairPanels } from './repairs/repairs.panels.tsx';
import { CounterItemsLink } from './repairs/repairs.views.tsx';
import { repairsRoutes } from './repairs/repairs.routes.ts';
import { appointmentPanels } from './appointments/appointments.panels.tsx';
import { appointmentsRoutes } from './appointments/appointments.routes.ts';

/** Each kind's sections of the request pages (advice has none beyond the root's answer). */
const KIND_PANELS: Partial<Record<RequestKind, KindPanels>> = {
  quote: quotePanels,
  repair: repairPanels,
  appointment: appointmentPanels,
};

/** Each kind's own routes. */
const KIND_ROUTES: Array<(app: FastifyInstance) => Promise<void>> = [
  quotesRoutes,
  repairsRoutes,
  appointmentsRoutes,
];

export async function requestsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(memberRequestRoutes, { panels: KIND_PANELS });
  await app.register(deskRequestRoutes, { panels: KIND_PANELS, listLinks: CounterItemsLink });
  for (const routes of KIND_ROUTES) await app.register(routes);
}
