// The bar at the top of every staff page: the concierge's five daily destinations, one tap away.
import { t } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { backOfficePath, type BackOfficeSection } from '../platform/paths.ts';

const DESTINATIONS: Array<[BackOfficeSection, Parameters<typeof t>[0]]> = [
  ['aujourdhui', 'staffbar.today'],
  ['comptoir', 'staffbar.counter'],
  ['commandes/nouvelle', 'staffbar.new_order'],
  ['boite', 'staffbar.inbox'],
  ['commandes', 'staffbar.orders'],
];

export function isStaff(ctx: PageContext): boolean {
  return ctx.account?.role === 'concierge' || ctx.account?.role === 'town';
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
                {t(label)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
