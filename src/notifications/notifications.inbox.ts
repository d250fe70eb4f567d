// The inbox: mails sent to the conciergerie's address, fetched by IMAP and kept for the
// concierge, who turns each into an order or files it. A mail is stored before it is flagged
// \Seen on the server, so a crash between the two only means it is fetched again — and its
// Message-ID (unique) makes that second insert a no-op. Nothing is ever deleted on the server.
// The receiving server's verdict on the From address is kept with the mail (see
// notifications.inbox.rules.ts): the concierge sees when the sender is not verified.
import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import type { ParsedMail } from 'mailparser';
import type { Config, ImapConfig } from '../config.ts';
import type { Db, Executor } from '../db/index.ts';
import { now, nowIso } from '../platform/clock.ts';
import { notFound } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import type { Job } from '../platform/jobs.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import {
  countInboundMailRows,
  findInboundMail,
  moveInboundMail,
  insertInboundMail,
  listInboundMailRows,
  type InboundMail,
  type InboxTab,
  type NewInboundMail,
} from './notifications.inbox.repository.ts';
import { senderAuthenticationOf } from './notifications.inbox.rules.ts';
import { assertConcierge } from '../platform/actor.ts';

export type { InboundMail, InboundMailStatus, InboxTab } from './notifications.inbox.repository.ts';

export const INBOUND_MAILS_PER_PAGE = 20;
/** Mails taken per fetch: a full mailbox is worked through over several polls. */
const MAILS_PER_FETCH = 100;
/** A mail's text beyond this is cut: the inbox is for orders, not for archives. */
const BODY_MAX_CHARS = 50_000;
const SUBJECT_MAX_CHARS = 300;

// --- reading and handling -------------------------------------------------------------

export async function listInboundMails(
  db: Executor,
  actor: CurrentAccount | null,
  tab: InboxTab,
  page: number,
): Promise<{ mails: InboundMail[]; total: number; page: number; pageCount: number }> {
  assertConcierge(actor);
  const total = await countInboundMailRows(db, tab);
  const pageCount = Math.max(1, Math.ceil(total / INBOUND_MAILS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const mails = await listInboundMailRows(db, tab, INBOUND_MAILS_PER_PAGE, (current - 1) * INBOUND_MAILS_PER_PAGE);
  return { mails, total, page: current, pageCount };
}

/** Mails still waiting for the concierge (for the back-office home and the tab label). */
export async function countNewInboundMails(db: Executor): Promise<number> {
  return countInboundMailRows(db, 'new');
}

/** The mail, whatever its status; the caller has checked that the reader is the concierge. */
export async function getInboundMail(db: Executor, id: string): Promise<InboundMail | undefined> {
  return findInboundMail(db, id);
}

/** The mail for the concierge's page; 404 for anyone else or an unknown id. */
export async function readInboundMail(db: Executor, actor: CurrentAccount | null, id: string): Promise<InboundMail> {
  assertConcierge(actor);
  const mail = await findInboundMail(db, id);
  if (!mail) throw notFound();
  return mail;
}

/**
 * Records that the mail became this order, in the order's transaction when possible.
 * Only a `new` mail moves: false when it was already handled (a second submission).
 */
export async function markInboundMailConverted(trx: Executor, id: string, orderId: string, handledByLabel: string): Promise<boolean> {
  return moveInboundMail(trx, id, 'converted', { at: nowIso(), byLabel: handledByLabel, orderId });
}

/** Files the mail without an order; false when it was already handled. */
export async function archiveInboundMail(db: Executor, actor: CurrentAccount | null, id: string, handledByLabel: string): Promise<boolean> {
  await readInboundMail(db, actor, id);
  return moveInboundMail(db, id, 'archived', { at: nowIso(), byLabel: handledByLabel, orderId: null });
}

// --- fetching -------------------------------------------------------------------------

/** Text as a database column accepts it: PostgreSQL refuses the NUL character some mails carry. */
function storable(text: string): string {
  return text.replace(/\u0000/g, '');
}

/** The values of the mail's Authentication-Results headers, the topmost first, unfolded. */
function authenticationHeadersOf(parsed: ParsedMail): string[] {
  return parsed.headerLines
    .filter((header) => header.key.toLowerCase() === 'authentication-results')
    .map((header) => header.line.slice(header.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
}

/**
 * What we keep of a parsed mail: sender, subject, readable text (HTML turned to text), and
 * what the receiving server (named `authservId` when the setting is given) found about the sender.
 */
export function inboundMailOf(parsed: ParsedMail, source: Buffer, internalDate: Date | string | undefined, authservId?: string): NewInboundMail {
  const sender = parsed.from?.value[0];
  const fromAddress = storable(sender?.address ?? '').trim().toLowerCase();
  const messageId = parsed.messageId?.trim() || `sha256:${createHash('sha256').update(source).digest('hex')}`;
  const received = internalDate ? new Date(internalDate) : (parsed.date ?? now());
  let body = (parsed.text ?? '').replace(/\r\n/g, '\n').trim();
  if (body.length > BODY_MAX_CHARS) body = `${body.slice(0, BODY_MAX_CHARS)}\n\n${t('inbox.body_cut')}`;
  const attachments = parsed.attachments.filter((attachment) => attachment.contentDisposition !== 'inline' || attachment.filename);
  if (attachments.length > 0) {
    const names = attachments.map((attachment) => `«\u00a0${attachment.filename ?? t('inbox.attachment_unnamed')}\u00a0»`).join(', ');
    body = `${body}\n\n${t('inbox.attachments_ignored', { names })}`.trim();
  }
  return {
    messageId: storable(messageId).slice(0, 500),
    fromAddress,
    fromName: storable(sender?.name ?? '').trim(),
    subject: storable(parsed.subject ?? '').trim().slice(0, SUBJECT_MAX_CHARS),
    bodyText: storable(body),
    receivedAt: (Number.isNaN(received.getTime()) ? now() : received).toISOString(),
    authentication: senderAuthenticationOf(authenticationHeadersOf(parsed), fromAddress, authservId),
  };
}

// imapflow and mailparser are loaded at the first fetch: a town without an inbox never holds them.
async function clientFor(imap: ImapConfig): Promise<ImapFlow> {
  const { ImapFlow } = await import('imapflow');
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/**
 * Fetches the unseen mails of the mailbox once: each is stored (once), then flagged \Seen.
 * Returns how many were read on the server and how many were new to us. A mail that cannot
 * be read or stored is left unseen on the server (nothing is lost, it is tried again next
 * time) and told to `onFailure`; it never stops the mails after it.
 */
export async function fetchInboxOnce(
  db: Db,
  imap: ImapConfig,
  onFailure: (error: unknown, uid: number) => void = () => {},
): Promise<{ read: number; inserted: number }> {
  const client = await clientFor(imap);
  const { simpleParser } = await import('mailparser');
  await client.connect();
  let read = 0;
  let inserted = 0;
  try {
    const lock = await client.getMailboxLock(imap.mailbox);
    try {
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      // One message at a time: imapflow forbids other commands while a fetch is streaming.
      for (const uid of unseen.slice(0, MAILS_PER_FETCH)) {
        const message = await client.fetchOne(String(uid), { source: true, internalDate: true }, { uid: true });
        if (!message || !message.source) continue;
        try {
          const parsed = await simpleParser(message.source);
          if (await insertInboundMail(db, inboundMailOf(parsed, message.source, message.internalDate, imap.authservId))) inserted += 1;
        } catch (error) {
          onFailure(error, Number(uid));
          continue;
        }
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        read += 1;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return { read, inserted };
}

/**
 * Fetches the inbox every `pollSeconds` (at least 5), the first time as soon as the site
 * starts; only where IMAP is configured. A failed fetch (server down, wrong password) fails
 * the run, which the jobs page shows; the next run tries again. A mail that cannot be stored
 * is logged and stays unseen on the server.
 */
export function notificationsJobs(config: Pick<Config, 'imap'>): Job[] {
  const imap = config.imap;
  if (!imap) return [];
  return [
    {
      name: 'inbox',
      label: t('jobs.label.inbox'),
      everySeconds: Math.max(5, imap.pollSeconds),
      firstRunAfterSeconds: 0,
      // A fetch takes at most a hundred mails: ten minutes is far beyond one.
      leaseSeconds: 10 * 60,
      run: async ({ db, log }) => {
        await fetchInboxOnce(db, imap, (error, uid) => log.error(error, `IMAP mail ${uid} of ${imap.mailbox} could not be stored; it stays unseen`));
      },
    },
  ];
}
