// SQL of the mail outbox. A mail is written in the same transaction as the change that
// causes it; the worker claims due mails with a conditional update, so two workers never
// send the same mail. A personal link (password link) is never in the bodies: they hold a
// placeholder and the link is in `sealed_link` (see sealed-link.ts), which no reader of the
// outbox gets back and which is cleared once the mail has left or has been given up.
import type { UpdateObject } from 'kysely';
import type { Database, Executor } from '../../db/index.ts';
import { addSeconds, nowIso } from '../clock.ts';
import { newId } from '../ids.ts';
import { canMove } from '../transitions.ts';
import { OUTBOX_TRANSITIONS, type OutboxStatus } from './outbox.rules.ts';

export type { OutboxStatus } from './outbox.rules.ts';

export interface OutboxMail {
  id: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/** A file a mail carries, as the outbox keeps it: its content in base64. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: string;
  encoding: 'base64';
}

/** A mail claimed by the worker, with its sealed link and its files: only the sending worker reads this. */
export interface ClaimedMail extends OutboxMail {
  sealedLink: string | null;
  attachments: StoredAttachment[];
  headers: Record<string, string>;
}

export interface NewMail {
  /** Given by the caller when something must be bound to the id before the insert (a seal). */
  id?: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  sealedLink?: string | null;
  attachments?: readonly StoredAttachment[];
  /** Extra headers (List-Unsubscribe on news mail). */
  headers?: Readonly<Record<string, string>>;
}

/** Every column a reader of the outbox may see: not `sealed_link`. */
const READABLE = ['id', 'recipient', 'subject', 'text_body', 'html_body', 'status', 'attempts', 'created_at', 'sent_at', 'last_error'] as const;

function toMail(row: {
  id: string; recipient: string; subject: string; text_body: string; html_body: string; status: string;
  attempts: number; created_at: string; sent_at: string | null; last_error: string | null;
}): OutboxMail {
  return {
    id: row.id,
    recipient: row.recipient,
    subject: row.subject,
    textBody: row.text_body,
    htmlBody: row.html_body,
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    createdAt: row.created_at,
    sentAt: row.sent_at,
    lastError: row.last_error,
  };
}

export async function insertMail(db: Executor, mail: NewMail): Promise<string> {
  const [id] = await insertMails(db, [mail]);
  return id;
}

/** Several mails in one statement (an order's confirmation and its shops' notices); their ids in order. */
export async function insertMails(db: Executor, mails: readonly NewMail[]): Promise<string[]> {
  if (mails.length === 0) return [];
  const now = nowIso();
  const rows = mails.map((mail) => ({
    id: mail.id ?? newId(),
    channel: 'email',
    recipient: mail.recipient,
    subject: mail.subject,
    text_body: mail.textBody,
    html_body: mail.htmlBody,
    status: 'pending',
    attempts: 0,
    claim_token: null,
    next_attempt_at: now,
    created_at: now,
    sent_at: null,
    last_error: null,
    sealed_link: mail.sealedLink ?? null,
    attachments: mail.attachments && mail.attachments.length > 0 ? JSON.stringify(mail.attachments) : null,
    headers: mail.headers && Object.keys(mail.headers).length > 0 ? JSON.stringify(mail.headers) : null,
  }));
  await db.insertInto('outbox').values(rows).execute();
  return rows.map((row) => row.id);
}

export async function listMails(db: Executor, limit: number, offset = 0): Promise<OutboxMail[]> {
  const rows = await db.selectFrom('outbox').select(READABLE).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return rows.map(toMail);
}

export async function countMails(db: Executor): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findMail(db: Executor, id: string): Promise<OutboxMail | undefined> {
  const row = await db.selectFrom('outbox').select(READABLE).where('id', '=', id).executeTakeFirst();
  return row ? toMail(row) : undefined;
}

/** Which mails a move takes: some by id, the first `due` ones due at the move's instant, or those whose claim's lease ended by it. */
type MailTarget = { ids: readonly string[] } | { due: number } | 'lease_ended';

/**
 * The one move of mails' status: those of `target` still `from` go to `to` at instant `at`
 * (a conditional update: of two workers, one moves each mail), with the other columns the
 * move sets. Nothing moves when the table forbids it.
 */
async function moveMails(
  db: Executor,
  target: MailTarget,
  from: OutboxStatus,
  to: OutboxStatus,
  at: string,
  fields: Omit<UpdateObject<Database, 'outbox'>, 'status'> = {},
): Promise<void> {
  if (!canMove(OUTBOX_TRANSITIONS, from, to)) return;
  let update = db.updateTable('outbox').set({ ...fields, status: to }).where('status', '=', from);
  if (target === 'lease_ended') update = update.where('next_attempt_at', '<=', at);
  else if ('ids' in target) update = update.where('id', 'in', target.ids);
  else {
    const due = db.selectFrom('outbox').select('id').where('status', '=', from).where('next_attempt_at', '<=', at).orderBy('next_attempt_at').limit(target.due);
    update = update.where('id', 'in', due);
  }
  await update.execute();
}

/**
 * Claims up to `limit` due mails for this worker and returns those it won: one conditional
 * update stamps them with a fresh token, so two workers never send the same mail.
 */
export async function claimDueMails(db: Executor, limit: number): Promise<ClaimedMail[]> {
  const now = nowIso();
  const token = newId();
  await moveMails(db, { due: limit }, 'pending', 'sending', now, { claim_token: token, next_attempt_at: addSeconds(now, 300) });
  const rows = await db.selectFrom('outbox').selectAll().where('claim_token', '=', token).where('status', '=', 'sending').execute();
  return rows.map((row) => ({ ...toMail(row), sealedLink: row.sealed_link, attachments: attachmentsOf(row.attachments), headers: row.headers ? (JSON.parse(row.headers) as Record<string, string>) : {} }));
}

/** The files of a stored mail; none when the column is empty. */
function attachmentsOf(json: string | null): StoredAttachment[] {
  return json ? (JSON.parse(json) as StoredAttachment[]) : [];
}

export async function markSent(db: Executor, id: string): Promise<void> {
  const at = nowIso();
  await moveMails(db, { ids: [id] }, 'sending', 'sent', at, { sent_at: at, last_error: null, sealed_link: null });
}

const MAX_ATTEMPTS = 8;

/**
 * Backs off exponentially; after MAX_ATTEMPTS (or at once when `final`) the mail is marked
 * failed and shown so, and its sealed link is dropped: it will never be sent.
 */
export async function markFailed(db: Executor, mail: OutboxMail, error: string, final = false): Promise<void> {
  const attempts = mail.attempts + 1;
  const failed = final || attempts >= MAX_ATTEMPTS;
  const at = nowIso();
  await moveMails(db, { ids: [mail.id] }, 'sending', failed ? 'failed' : 'pending', at, {
    attempts,
    last_error: error.slice(0, 500),
    next_attempt_at: addSeconds(at, 30 * 2 ** attempts),
    ...(failed ? { sealed_link: null } : {}),
  });
}

/** Mails left in `sending` by a crashed worker go back to the queue after their lease. */
export async function releaseStaleClaims(db: Executor): Promise<void> {
  await moveMails(db, 'lease_ended', 'sending', 'pending', nowIso());
}
