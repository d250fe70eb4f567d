// Consent to news mail and the news mail itself. Consent is opt-in and dated: given by the
// member on « Mon compte » or recorded by the concierge when given by telephone; withdrawn in
// one click, from the account or from the link every news mail carries (no login needed).
// A news mail goes to one segment, and only to its members who agreed and have an e-mail:
// one mail each through the outbox, the whole sending once per idempotency key.
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { assertConcierge, requireRole } from '../platform/actor.ts';
import { nowIso } from '../platform/clock.ts';
import { notFound } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import { createOnce } from '../platform/idempotency/index.ts';
import { PERSONAL_LINK, queuePersonalMail, signatureOf } from '../platform/mail/mail.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import type { ActivitySince } from '../platform/personal-data.ts';
import { isSignedToken, signedToken } from '../platform/signed-links.ts';
import { insertNewsMailing, recipientCountOf, setConsent } from './members.privacy.repository.ts';
import { findMember, listNewsRecipients, type SegmentFilter } from './members.repository.ts';
import { INACTIVE_MONTHS, type Segment } from './members.segments.ts';
import { fullName } from './members.rules.ts';

const UNSUBSCRIBE_PURPOSE = 'news-unsubscribe';

export interface NewsDraft {
  segment: Segment;
  subject: string;
  body: string;
}

/** What the list's query needs to apply a segment: the hamlet's name, what counts as activity. */
export interface SegmentSettings {
  hamletName: string;
  activity: readonly ActivitySince[];
}

export function segmentFilter(segment: Segment, settings: SegmentSettings, at: string = nowIso()): SegmentFilter {
  if (segment === 'hamlet') return { segment, hamletCity: settings.hamletName };
  if (segment === 'inactive') {
    const since = new Date(at);
    since.setUTCMonth(since.getUTCMonth() - INACTIVE_MONTHS);
    return { segment, sinceAt: since.toISOString(), activity: settings.activity };
  }
  return { segment };
}

function ownMemberId(actor: CurrentAccount | null): string {
  const resident = requireRole(actor, 'resident');
  if (!resident.memberId) throw notFound();
  return resident.memberId;
}

export async function setOwnConsent(db: Db, actor: CurrentAccount | null, agree: boolean): Promise<void> {
  const memberId = ownMemberId(actor);
  await setConsent(db, memberId, agree ? { at: nowIso(), source: 'self' } : null);
}

/** The concierge records a consent given by telephone (dated now), or its withdrawal. */
export async function setConsentByPhone(db: Db, actor: CurrentAccount | null, memberId: string, agree: boolean): Promise<void> {
  assertConcierge(actor);
  if (!(await setConsent(db, memberId, agree ? { at: nowIso(), source: 'phone' } : null))) throw notFound();
}

export function unsubscribePath(memberId: string, token: string): string {
  return `/desabonnement/${memberId}/${token}`;
}

export function unsubscribeToken(config: Pick<Config, 'sessionSecret'>, memberId: string): string {
  return signedToken(config.sessionSecret, UNSUBSCRIBE_PURPOSE, memberId);
}

/** The member the link names, when the link is genuine; « not found » otherwise. */
export async function checkUnsubscribeLink(db: Db, config: Pick<Config, 'sessionSecret'>, memberId: string, token: string): Promise<{ subscribed: boolean }> {
  if (!isSignedToken(config.sessionSecret, UNSUBSCRIBE_PURPOSE, memberId, token)) throw notFound();
  const member = await findMember(db, memberId);
  if (!member || member.erasedAt) throw notFound();
  return { subscribed: member.consentNewsAt !== null };
}

/** Withdrawing through the link: the same for the page's button and a mail program's one-click POST. */
export async function unsubscribe(db: Db, config: Pick<Config, 'sessionSecret'>, memberId: string, token: string): Promise<void> {
  await checkUnsubscribeLink(db, config, memberId, token);
  await setConsent(db, memberId, null);
}

/** How many mails the sending would queue, for the preview. */
export async function countNewsRecipients(db: Db, actor: CurrentAccount | null, segment: Segment, settings: SegmentSettings): Promise<number> {
  assertConcierge(actor);
  return (await listNewsRecipients(db, segmentFilter(segment, settings))).length;
}

/** The concierge's text in paragraphs; one that would read as the link's placeholder is left out. */
function paragraphsOf(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '' && part !== PERSONAL_LINK);
}

/**
 * Queues one mail per consenting member of the segment; a second sending with the same key
 * queues nothing. Returns how many mails the sending queued.
 */
export async function sendNews(db: Db, config: Config, actor: CurrentAccount | null, key: string, draft: NewsDraft, settings: SegmentSettings): Promise<number> {
  const concierge = assertConcierge(actor);
  const id = await createOnce(db, 'news.send', key, async (trx) => {
    const recipients = await listNewsRecipients(trx, segmentFilter(draft.segment, settings));
    for (const member of recipients) {
      // The unsubscribe link is the member's credential: sealed, so « Courriels envoyés » never shows it.
      const link = `${config.baseUrl}${unsubscribePath(member.id, unsubscribeToken(config, member.id))}`;
      const paragraphs = [t('news.mail.hello', { name: fullName(member) }), ...paragraphsOf(draft.body), t('news.mail.unsubscribe'), PERSONAL_LINK];
      await queuePersonalMail(trx, config, member.email, { subject: draft.subject, paragraphs }, signatureOf(config), link, [], {
        'List-Unsubscribe': `<${PERSONAL_LINK}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
    }
    return insertNewsMailing(trx, { key, ...draft, recipientCount: recipients.length, sentAt: nowIso(), sentByAccountId: concierge.id });
  });
  return recipientCountOf(db, id);
}
