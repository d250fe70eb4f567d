// The invitation sheet a concierge prints for a resident who reads no mail: the one place a
// password link is ever shown in the back office, for resident accounts only, never stored.
import { formatDateTime } from '../platform/clock.ts';
import { t } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { PrintSheet } from '../ui/layout.tsx';
import type { PrintedInvitation } from '../platform/auth/auth.service.ts';
import type { Member } from './members.repository.ts';
import { fullName } from './members.rules.ts';
import { memberPath } from './members.paths.ts';
import { LOGIN_PATH } from '../platform/auth/auth.paths.ts';

/** The sheet handed to the resident, with a way back for the concierge that is not printed. */
export function InvitationSheetPage({ ctx, member, invitation }: { ctx: PageContext; member: Member; invitation: PrintedInvitation }) {
  const site = ctx.conciergerie.name;
  const title = t('members.invitation.title', { site });
  const siteUrl = `${new URL(invitation.link).origin}${LOGIN_PATH}`;
  return (
    <PrintSheet title={`${title} — ${fullName(member)}`}>
      <div class="no-print panel">
        <p>{t('members.invitation.note')}</p>
        <p>
          <a href={memberPath(member.id)}>{t('members.invitation.back')}</a>
        </p>
      </div>
      <h1>{title}</h1>
      <p>{t('members.invitation.hello', { name: fullName(member) })}</p>
      <p>{t('members.invitation.intro', { site })}</p>
      <p class="invitation-link">{invitation.link}</p>
      <p>{t('members.invitation.personal', { date: formatDateTime(invitation.expiresAt, ctx.timeZone) })}</p>
      <p>{t('members.invitation.login', { site_url: siteUrl, email: invitation.email })}</p>
      <p>{t('members.invitation.help', { phone: ctx.conciergerie.phone })}</p>
      <p>
        {site} — {ctx.conciergerie.address}
      </p>
    </PrintSheet>
  );
}
