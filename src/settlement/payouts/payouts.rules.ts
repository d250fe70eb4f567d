// Rules of payout batches, without I/O: the statuses a batch moves through, the step of
// the payout page that makes each move, and what each transfer says to the shop (its
// remittance text and end-to-end id) so the shop matches it to its invoices without help.
import { t, type MessageKey } from '../../platform/i18n/index.ts';
import type { StatusTables, Transitions } from '../../platform/transitions.ts';
import { SEPA_MAX, toSepaText } from './sepa.ts';

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

// ---- what a transfer says to the shop ----

/** The documents a transfer settles, as the shop will look them up in its books. */
export interface RemittanceDocuments {
  /** The shop's invoice for the statement (sent by the shop, or self-billed): its number and local date. */
  shopInvoice?: { number: string; date: string };
  /** The printed number of the commission invoice deducted from the transfer. */
  commissionNumber?: string;
  /** The period in words, « novembre 2026 » or « du 2 au 8 novembre 2026 ». */
  period: string;
  /** The period in figures, « 11/2026 » or « 02/11/2026-08/11/2026 ». */
  periodShort: string;
}

type RemittanceShape = 'both' | 'invoice' | 'commission' | 'none';

/**
 * Wordings from the most to the least talkative. A shorter one drops words and the invoice's
 * date, never a document number: the last of each list is the numbers alone.
 */
const REMITTANCE_WORDINGS: Readonly<Record<RemittanceShape, readonly MessageKey[]>> = {
  both: ['payouts.remittance.both.full', 'payouts.remittance.both.no_date', 'payouts.remittance.both.short', 'payouts.remittance.both.numbers', 'payouts.remittance.both.bare'],
  invoice: ['payouts.remittance.invoice.full', 'payouts.remittance.invoice.short', 'payouts.remittance.invoice.bare'],
  commission: ['payouts.remittance.commission.full', 'payouts.remittance.commission.short', 'payouts.remittance.commission.bare'],
  none: ['payouts.remittance.none.full', 'payouts.remittance.none.short'],
};

/** « 30/11 », or « 05/01/2027 » when the invoice is dated in another year than the period's end. */
function shortDate(date: string, periodEndYear: string): string {
  const [year, month, day] = date.split('-');
  return year === periodEndYear ? `${day}/${month}` : `${day}/${month}/${year}`;
}

/** « 11/2026 » for a month; « 02/11/2026-08/11/2026 » for a week. */
export function periodInFigures(kind: 'weekly' | 'monthly', start: string, end: string): string {
  const figures = (date: string) => date.split('-').reverse().join('/');
  return kind === 'monthly' ? `${start.slice(5, 7)}/${start.slice(0, 4)}` : `${figures(start)}-${figures(end)}`;
}

/**
 * The unstructured remittance of a transfer: the shop's invoice number and date, the
 * commission invoice deducted and the period, in the first wording that fits the SEPA limit
 * once folded into the SEPA character set. Both numbers are always whole; with numbers too
 * long for any wording (never with the numbers this project issues and accepts), the bare
 * numbers are cut at the end.
 */
export function remittanceOf(documents: RemittanceDocuments, periodEnd: string): string {
  const { shopInvoice, commissionNumber } = documents;
  const shape: RemittanceShape = shopInvoice ? (commissionNumber ? 'both' : 'invoice') : commissionNumber ? 'commission' : 'none';
  const params = {
    invoice: shopInvoice?.number.trim() ?? '',
    date: shopInvoice ? shortDate(shopInvoice.date, periodEnd.slice(0, 4)) : '',
    commission: commissionNumber ?? '',
    period: documents.period,
    periodShort: documents.periodShort,
  };
  const wordings = REMITTANCE_WORDINGS[shape].map((key) => t(key, params));
  return wordings.find((text) => fitsRemittance(text)) ?? wordings[wordings.length - 1];
}

/** Whether a text keeps every character once folded into the SEPA set within the remittance's length. */
function fitsRemittance(text: string): boolean {
  return toSepaText(text, Number.MAX_SAFE_INTEGER).length <= SEPA_MAX.remittance;
}

/** The fallback when two shops' readable ids meet: « REL » and the statement's id, 35 characters. */
export function statementEndToEndId(statementId: string): string {
  return `REL${statementId.replaceAll('-', '')}`;
}
