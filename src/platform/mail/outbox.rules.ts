// The statuses of a mail in the outbox and their transition table.
import type { StatusTables, Transitions } from '../transitions.ts';

export type OutboxStatus =
  /** waiting for the worker (or kept for reading when no SMTP server is set) */
  | 'pending'
  /** claimed by a worker that is sending it */
  | 'sending'
  /** accepted by the SMTP server */
  | 'sent'
  /** given up after too many attempts */
  | 'failed';

export const OUTBOX_TRANSITIONS: Transitions<OutboxStatus> = {
  pending: ['sending'],
  // back to pending: an attempt failed and will be retried, or the worker's lease ran out
  sending: ['sent', 'failed', 'pending'],
  sent: [],
  failed: [],
};

/** The status column of the outbox and its table. */
export const OUTBOX_STATUS_TABLES = {
  'outbox.status': OUTBOX_TRANSITIONS,
} as const satisfies StatusTables;
