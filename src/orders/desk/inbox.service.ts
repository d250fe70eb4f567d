// The inbox seen from the order desk: each received mail with the member whose e-mail is
// the sender's, so the concierge can start that member's order in one click.
import type { Executor } from '../../db/index.ts';
import { findMemberByEmail, findMembersByEmails, type Member } from '../../members/index.ts';
import {
  archiveInboundMail,
  countNewInboundMails,
  listInboundMails,
  readInboundMail,
  type InboundMail,
  type InboxTab,
} from '../../notifications/index.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { actorOf } from '../../platform/actor.ts';

export interface InboxEntry {
  mail: InboundMail;
  /** The member whose e-mail is the sender's address, when there is one. */
  member: Member | null;
}

export interface InboxPage {
  tab: InboxTab;
  entries: InboxEntry[];
  total: number;
  newCount: number;
  page: number;
  pageCount: number;
}

/** One page of a tab, each mail with its member (one query for the whole page). */
export async function inboxPage(db: Executor, actor: CurrentAccount | null, tab: InboxTab, page: number): Promise<InboxPage> {
  const list = await listInboundMails(db, actor, tab, page);
  const members = await findMembersByEmails(db, list.mails.map((mail) => mail.fromAddress));
  const byEmail = new Map(members.map((member) => [member.email, member]));
  const entries = list.mails.map((mail) => ({ mail, member: byEmail.get(mail.fromAddress) ?? null }));
  const newCount = tab === 'new' ? list.total : await countNewInboundMails(db);
  return { tab, entries, total: list.total, newCount, page: list.page, pageCount: list.pageCount };
}

export async function inboxEntry(db: Executor, actor: CurrentAccount | null, id: string): Promise<InboxEntry> {
  const mail = await readInboundMail(db, actor, id);
  const member = mail.fromAddress ? ((await findMemberByEmail(db, mail.fromAddress)) ?? null) : null;
  return { mail, member };
}

/** « Classer sans suite »: false when the mail had already been handled by someone. */
export async function archiveMail(db: Executor, actor: CurrentAccount | null, id: string): Promise<boolean> {
  return archiveInboundMail(db, actor, id, actorOf(actor).label);
}
