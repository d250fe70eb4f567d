// Who is acting, in the words every area uses: a role required of the logged-in account, and
// the actor a history row names. A page of another role answers 404, as if it did not exist:
// a resident who guesses a back-office address learns nothing from the answer.
import { notFound } from './errors.ts';
import { t } from './i18n/index.ts';
import type { CurrentAccount, Role } from './page-context.ts';

/** The logged-in account when it has one of `roles`; otherwise « not found ». */
export function requireRole(actor: CurrentAccount | null, ...roles: readonly Role[]): CurrentAccount {
  if (!actor || !roles.includes(actor.role)) throw notFound();
  return actor;
}

/** The back office's own check: the concierge, nobody else. */
export function assertConcierge(actor: CurrentAccount | null): CurrentAccount {
  return requireRole(actor, 'concierge');
}

/** Who made a change, as the history shows it. */
export interface Actor {
  accountId: string | null;
  label: string;
}

/** « Marie Martin (commerçant) »; the system when nobody is logged in. */
export function actorOf(account: CurrentAccount | null): Actor {
  if (!account) return { accountId: null, label: t('orders.history.system') };
  return { accountId: account.id, label: `${account.displayName} (${t(`role.${account.role}`).toLowerCase()})` };
}
