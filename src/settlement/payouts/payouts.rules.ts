// Rules of payout batches, without I/O: the statuses a batch moves through and the step of
// the payout page that makes each move.
import type { StatusTables, Transitions } from '../../platform/transitions.ts';

/** Where a batch stands, from its preparation to the bank's confirmation. */
export type BatchStatus =
  /** prepared; its transfers wait for a concierge's approval */
  | 'awaiting_approval'
  /** approved: its file may be downloaded and given to the bank */
  | 'approved'
  /** the file was given to the bank */
  | 'sent'
  /** the bank confirmed the transfers: the shops are paid */
  | 'paid';

/** A batch moves one way, one step at a time. */
export const BATCH_TRANSITIONS: Transitions<BatchStatus> = {
  awaiting_approval: ['approved'],
  approved: ['sent'],
  sent: ['paid'],
  paid: [],
};

/** The status column of payout batches and its table. */
export const PAYOUTS_STATUS_TABLES = {
  'payout_batches.status': BATCH_TRANSITIONS,
} as const satisfies StatusTables;

/** The steps of the payout page. */
export type BatchMove = 'approve' | 'send' | 'pay';

/** The move each step makes. */
export const BATCH_MOVES: Readonly<Record<BatchMove, { from: BatchStatus; to: BatchStatus }>> = {
  approve: { from: 'awaiting_approval', to: 'approved' },
  send: { from: 'approved', to: 'sent' },
  pay: { from: 'sent', to: 'paid' },
};

/** Batches whose file may be downloaded: approved, and kept afterwards for the record. */
export function hasFile(status: BatchStatus): boolean {
  return status !== 'awaiting_approval';
}
