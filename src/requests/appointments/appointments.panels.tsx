// The appointment's sections of the request pages the root renders: the concierge's (book,
// move, cancel, done), the member's and the follow page's (the date in words and the link that
// adds it to the diary; nothing to act on).
import { nowIso } from '../../platform/clock.ts';
import { newIdempotencyKey } from '../../platform/idempotency/index.ts';
import type { KindPanels, PanelInput } from '../requests.panels.ts';
import { providerChoices } from './appointments.context.ts';
import { followCalendarPath, memberCalendarPath } from './appointments.paths.ts';
import { appointmentSummary } from './appointments.service.ts';
import { DeskPanel, MemberPanel } from './appointments.views.tsx';

/** The follow page's token, read back from its own address (`/suivi/:id/:token`). */
function followToken(path: string, requestId: string): string | undefined {
  const match = /^\/suivi\/([^/]+)\/([A-Za-z0-9_-]+)\/?$/.exec(path);
  return match && match[1] === requestId ? match[2] : undefined;
}

async function conciergePanel({ db, config, ctx, file }: PanelInput) {
  const [summary, providers] = await Promise.all([appointmentSummary(db, file.request.id), providerChoices(db)]);
  return (
    <DeskPanel
      ctx={ctx}
      config={config}
      nowAt={nowIso()}
      requestId={file.request.id}
      requestStatus={file.request.status}
      summary={summary}
      providers={providers}
      desk={{ state: { values: {}, errors: {} } }}
      idempotencyKey={newIdempotencyKey()}
    />
  );
}

async function memberPanel({ db, config, file }: PanelInput) {
  const summary = await appointmentSummary(db, file.request.id);
  return <MemberPanel summary={summary} config={config} nowAt={nowIso()} calendarHref={memberCalendarPath(file.request.id)} />;
}

async function followPanel({ db, config, ctx, file }: PanelInput) {
  const token = followToken(ctx.path, file.request.id);
  const summary = await appointmentSummary(db, file.request.id);
  if (!token) return null;
  return <MemberPanel summary={summary} config={config} nowAt={nowIso()} calendarHref={followCalendarPath(file.request.id, token)} />;
}

export const appointmentPanels: KindPanels = { concierge: conciergePanel, member: memberPanel, follow: followPanel };
