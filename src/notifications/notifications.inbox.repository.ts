// SQL of the inbox: mails received at the conciergerie's address. A mail is stored once
// (its Message-ID is unique, so fetching it again inserts nothing); a status move is a
// conditional update from `new`, so two clerks cannot both handle the same mail.
import type { Executor } from '../db/index.ts';
import type { InboundMailsTable } from '../db/schema.ts';
import { nowIso } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import { movableFrom } from '../platform/transitions.ts';
import { INBOUND_MAIL_TRANSITIONS, isSenderVerified, type InboundMailStatus, type SenderAuthentication } from './notifications.inbox.rules.ts';

export type { InboundMailStatus } from './notifications.inbox.rules.ts';

/** The tabs of the inbox: what is still to do, and what was handled. */
export type InboxTab = 'new' | 'handled';

const STATUSES_OF_TAB: Record<InboxTab, InboundMailStatus[]> = {
  new: ['new'],
  handled: ['converted', 'archived'],
};

export interface InboundMail {
  id: string;
  messageId: string;
  fromAddress: string;
  fromName: string;
  subject: string;
  bodyText: string;
  receivedAt: string;
  fetchedAt: string;
  status: InboundMailStatus;
  orderId: string | null;
  handledByLabel: string | null;
  handledAt: string | null;
  /** What the receiving server found about the From domain. */
  authentication: SenderAuthentication;
  /** Whether that proves the From address (DMARC, or the domain's own DKIM signature, passed). */
  senderVerified: boolean;
}

export interface NewInboundMail {
  messageId: string;
  fromAddress: string;
  fromName: string;
  subject: string;
  bodyText: string;
  receivedAt: string;
  authentication: SenderAuthentication;
}

function toInboundMail(row: InboundMailsTable): InboundMail {
  const authentication = { dkim: row.dkim_result, dmarc: row.dmarc_result, spf: row.spf_result };
  return {
    id: row.id,
    messageId: row.message_id,
    fromAddress: row.from_address,
    fromName: row.from_name,
    subject: row.subject,
    bodyText: row.body_text,
    receivedAt: row.received_at,
    fetchedAt: row.fetched_at,
    status: row.status as InboundMailStatus,
    orderId: row.order_id,
    handledByLabel: row.handled_by_label,
    handledAt: row.handled_at,
    authentication,
    senderVerified: isSenderVerified(authentication),
  };
}

/** Inserts the mail unless one with the same Message-ID is already there; true when inserted. */
export async function insertInboundMail(db: Executor, mail: NewInboundMail): Promise<boolean> {
  const result = await db
    .insertInto('inbound_mails')
    .values({
      id: newId(),
      message_id: mail.messageId,
      from_address: mail.fromAddress,
      from_name: mail.fromName,
      subject: mail.subject,
      body_text: mail.bodyText,
      received_at: mail.receivedAt,
      fetched_at: nowIso(),
      status: 'new',
      member_id: null,
      order_id: null,
      handled_by_label: null,
      handled_at: null,
      dkim_result: mail.authentication.dkim,
      dmarc_result: mail.authentication.dmarc,
      spf_result: mail.authentication.spf,
    })
    .onConflict((conflict) => conflict.column('message_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findInboundMail(db: Executor, id: string): Promise<InboundMail | undefined> {
  const row = await db.selectFrom('inbound_mails').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toInboundMail(row) : undefined;
}

/** Newest first; the index (status, received_at, id) serves both tabs. */
export async function listInboundMailRows(db: Executor, tab: InboxTab, limit: number, offset: number): Promise<InboundMail[]> {
  const rows = await db
    .selectFrom('inbound_mails')
    .selectAll()
    .where('status', 'in', STATUSES_OF_TAB[tab])
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toInboundMail);
}

export async function countInboundMailRows(db: Executor, tab: InboxTab): Promise<number> {
  const row = await db
    .selectFrom('inbound_mails')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('status', 'in', STATUSES_OF_TAB[tab])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The one move of a mail's status: out of `new` (the only status its table lets move), once,
 * stamped with who handled it and when. False when it was already handled (or does not exist).
 */
export async function moveInboundMail(
  db: Executor,
  id: string,
  to: InboundMailStatus,
  handled: { at: string; byLabel: string; orderId: string | null },
): Promise<boolean> {
  const from = movableFrom(INBOUND_MAIL_TRANSITIONS, to);
  if (from.length === 0) return false;
  const result = await db
    .updateTable('inbound_mails')
    .set({ status: to, order_id: handled.orderId, handled_by_label: handled.byLabel, handled_at: handled.at })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
