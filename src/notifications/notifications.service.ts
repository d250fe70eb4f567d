// Use cases of « Courriels envoyés »: the concierge reads every mail the conciergerie wrote,
// whether or not it has left (without an SMTP server, mails are only kept here).
import type { Executor } from '../db/index.ts';
import { notFound } from '../platform/errors.ts';
import { countMails, findMail, listMails, type OutboxMail } from '../platform/mail/outbox.repository.ts';
import { PERSONAL_LINK } from '../platform/mail/mail.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { linksIn, MAILS_PER_PAGE } from './notifications.rules.ts';
import { assertConcierge } from '../platform/actor.ts';

export type { OutboxMail, OutboxStatus } from '../platform/mail/outbox.repository.ts';

/** Newest first, one page at a time. */
export async function listSentMails(
  db: Executor,
  actor: CurrentAccount | null,
  page: number,
): Promise<{ mails: OutboxMail[]; total: number; page: number; pageCount: number }> {
  assertConcierge(actor);
  const total = await countMails(db);
  const pageCount = Math.max(1, Math.ceil(total / MAILS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const mails = await listMails(db, MAILS_PER_PAGE, (current - 1) * MAILS_PER_PAGE);
  return { mails, total, page: current, pageCount };
}

/** One mail; `withheldLink` tells that it carried a personal link, sent to its recipient only. */
export async function getSentMail(
  db: Executor,
  actor: CurrentAccount | null,
  id: string,
): Promise<{ mail: OutboxMail; links: string[]; withheldLink: boolean }> {
  assertConcierge(actor);
  const mail = await findMail(db, id);
  if (!mail) throw notFound();
  return { mail, links: linksIn(mail.textBody), withheldLink: mail.textBody.includes(PERSONAL_LINK) };
}
