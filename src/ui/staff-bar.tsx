// The bar at the top of every staff page: the concierge's five daily destinations, one tap
// away, the mails waiting beside « Courriels », and when the page was made with a link to
// make it again (no script: a page at the lunch rush goes stale, the concierge refreshes it);
// while a membership request waits for a call, a sixth link says how many.
import { formatClock } from '../platform/clock.ts';
import { utcToLocal } from '../platform/calendar.ts';
import { t, tPlural } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { backOfficePath, type BackOfficeSection } from '../platform/paths.ts';

const DESTINATIONS: Array<[BackOfficeSection, Parameters<typeof t>[0]]> = [
  ['aujourdhui', 'staffbar.today'],
  ['comptoir', 'staffbar.counter'],
  ['commandes/nouvelle', 'staffbar.new_order'],
  ['boite', 'staffbar.inbox'],
  ['commandes', 'staffbar.orders'],
  ['demandes', 'staffbar.requests'],
];

export function isStaff(ctx: PageContext): boolean {
  return ctx.account?.role === 'concierge' || ctx.account?.role === 'town';
}

/** « Courriels (2) » when mails wait; the plain word otherwise (or when the count was not read). */
function labelOf(ctx: PageContext, section: BackOfficeSection, key: Parameters<typeof t>[0]): string {
  const count = ctx.staff?.newMails ?? 0;
  return section === 'boite' && count > 0 ? t('staffbar.inbox_count', { count }) : t(key);
}

/** Shown only while someone waits for a call: the bar stays five links the rest of the time. */
function RequestsWaiting({ ctx }: { ctx: PageContext }) {
  const count = ctx.staff?.openRequests ?? 0;
  if (count === 0) return null;
  const href = backOfficePath('adhesions');
  return (
    <li>
      <a href={href} aria-current={ctx.path === href ? 'page' : undefined}>
        {tPlural('staffbar.requests_count', count, { count })}
      </a>
    </li>
  );
}

function Freshness({ ctx }: { ctx: PageContext }) {
  if (!ctx.staff) return null;
  const time = formatClock(utcToLocal(ctx.staff.renderedAt, ctx.timeZone).time);
  return (
    <p class="staff-bar__fresh">
      <span class="nowrap">{t('staffbar.rendered_at', { time })}</span>{' '}
      <a href={ctx.staff.refreshHref}>{t('staffbar.refresh')}</a>
    </p>
  );
}

export function StaffBar({ ctx }: { ctx: PageContext }) {
  if (ctx.account?.role !== 'concierge') return null;
  return (
    <nav aria-label={t('staffbar.label')} class="staff-bar">
      <ul>
        {DESTINATIONS.map(([section, label]) => {
          const href = backOfficePath(section);
          return (
            <li>
              <a href={href} aria-current={ctx.path === href ? 'page' : undefined}>
                {labelOf(ctx, section, label)}
              </a>
            </li>
          );
        })}
        <RequestsWaiting ctx={ctx} />
      </ul>
      <Freshness ctx={ctx} />
    </nav>
  );
}
