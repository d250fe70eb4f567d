// The mails of the crash proof: what the outbox holds (each committed change's mails) against
// what the SMTP sink received, matched by Message-ID (an outbox mail's id at the sender's
// domain: outboxMessageId in src/platform/mail/mail.ts).
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { createTransport, sendDueMails } from '../../src/platform/mail/mail.ts';
import type { SmtpInbox } from '../../test/helpers/server.ts';

export interface MailCounts {
  /** Rows of the outbox: every mail of a committed change. */
  committed: number;
  sent: number;
  failed: number;
  /** Mails the sink received more than once (a crash between the SMTP answer and « sent »). */
  duplicated: number;
  /** Marked sent and never received, or neither sent nor failed once the outbox is drained. */
  lost: number;
  /** Received with a Message-ID the outbox does not hold: a mail of a change that did not commit. */
  unknown: number;
  /** Claims a kill left in « sending », sent again once their lease lapsed. */
  reclaimed: number;
  /** The demo town's own mails that failed, by reason (not counted above). */
  demoFailures: Map<string, number>;
}

const DRAIN_WORKERS = 8;

async function anyMailDue(db: Db): Promise<boolean> {
  const row = await db.selectFrom('outbox').select('id').where('status', '=', 'pending').where('next_attempt_at', '<=', nowIso()).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Sends what the worker left, as its job does (`sendDueMails`, in batches), after the claims
 * the kills left in « sending » have lapsed: their five-minute lease is made to end now
 * rather than waited for.
 */
export async function drainOutbox(db: Db, config: Config): Promise<number> {
  const reclaimed = await db.updateTable('outbox').set({ next_attempt_at: nowIso() }).where('status', '=', 'sending').executeTakeFirst();
  // Several workers at once, as several processes would run: their claims never overlap, and
  // one SMTP connection per mail makes a single worker slow on a loaded machine.
  const worker = async () => {
    const transport = createTransport(config)!;
    try {
      // Until nothing is due: a batch may send nothing (every mail of it refused) and yet not be the last.
      do await sendDueMails(db, transport, config, 50);
      while (await anyMailDue(db));
    } finally {
      transport.close();
    }
  };
  await Promise.all(Array.from({ length: DRAIN_WORKERS }, worker));
  return Number(reclaimed.numUpdatedRows);
}

/** The outbox id a received mail's Message-ID names. */
function outboxIdOf(messageId: string | undefined): string {
  return (messageId ?? '').replace(/^</, '').split('@')[0];
}

/**
 * The mails queued since `since` (the proof's start), against the sink. The demo town's own
 * mails, queued by the seed, are left out: their personal links were sealed with the
 * development secret, which the production process rightly cannot open.
 */
export async function countMails(db: Db, inbox: SmtpInbox, reclaimed: number, since: string): Promise<MailCounts> {
  const all = await db.selectFrom('outbox').select(['id', 'status', 'created_at', 'last_error']).execute();
  const rows = all.filter((row) => row.created_at >= since);
  const received = new Map<string, number>();
  for (const mail of inbox.mails) received.set(outboxIdOf(mail.messageId), (received.get(outboxIdOf(mail.messageId)) ?? 0) + 1);
  const known = new Set(all.map((row) => row.id));
  return {
    committed: rows.length,
    sent: rows.filter((row) => row.status === 'sent').length,
    failed: rows.filter((row) => row.status === 'failed').length,
    duplicated: rows.filter((row) => (received.get(row.id) ?? 0) > 1).length,
    lost: rows.filter((row) => (row.status === 'sent' && !received.has(row.id)) || row.status === 'pending' || row.status === 'sending').length,
    unknown: [...received.keys()].filter((id) => !known.has(id)).length,
    reclaimed,
    demoFailures: all.filter((row) => row.created_at < since && row.status === 'failed').reduce((reasons, row) => reasons.set(row.last_error ?? '', (reasons.get(row.last_error ?? '') ?? 0) + 1), new Map<string, number>()),
  };
}
