// Rules about the mails the conciergerie sends: how their status reads and which links
// they carry (the concierge may open an invitation link for a member who has no mailbox).
import type { OutboxStatus } from '../platform/mail/outbox.rules.ts';

export const MAILS_PER_PAGE = 25;

/** The dictionary key of each status, as the concierge reads it. */
export const STATUS_KEYS = {
  pending: 'notifications.status.pending',
  sending: 'notifications.status.sending',
  sent: 'notifications.status.sent',
  failed: 'notifications.status.failed',
} as const satisfies Record<OutboxStatus, string>;

/** Every distinct http(s) address of a plain-text mail, in the order they appear. */
export function linksIn(text: string): string[] {
  const found = text.match(/https?:\/\/[^\s<>"]+/g) ?? [];
  return [...new Set(found.map((link) => link.replace(/[.,;:!?)]+$/, '')))];
}
