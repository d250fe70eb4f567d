// What a statement asks of its shop and how its figures add up, without I/O. A merchant
// reading a statement must see first what to invoice (sales less refunds, not the lower
// amount paid back), and figures that add up on the page: every amount carried from an
// earlier statement (a negative statement, a credit note) is a line of its own.
import type { Cents } from '../../platform/money.ts';
import type { Statement } from './statements.repository.ts';

/** Something an earlier statement or document carries into this one. */
export type CarriedItem =
  /** an earlier statement that ended negative: what the shop owed (< 0) */
  | { kind: 'statement'; periodKind: Statement['periodKind']; periodStart: string; periodEnd: string; amountCents: Cents }
  /** a credit note on a commission invoice: the commission given back (> 0) */
  | { kind: 'credit_note'; number: string; issuedOn: string; amountCents: Cents }
  /** carried by older records that name no document */
  | { kind: 'other'; amountCents: Cents };

/** One line of the statement's sum: a signed amount (what the shop is paid grows with it). */
export type SumLine =
  | { kind: 'sales' | 'refunds'; cents: Cents }
  | { kind: 'commission'; cents: Cents; rateBp: number }
  | { kind: 'vat'; cents: Cents; rateBp: number | null }
  | { kind: 'carried'; cents: Cents; item: CarriedItem };

/**
 * The carried items as lines, completed so they sum to the statement's carried amount: an
 * amount no record explains still shows, as « other ».
 */
export function completeCarried(carriedCents: Cents, items: readonly CarriedItem[]): CarriedItem[] {
  const explained = items.reduce((sum, item) => sum + item.amountCents, 0);
  return explained === carriedCents ? [...items] : [...items, { kind: 'other', amountCents: carriedCents - explained }];
}

/**
 * The lines of a statement, signed, from its sales to what the shop is paid. Their sum is
 * the statement's payable amount (checked: a closing that computed it otherwise throws).
 */
export function sumLines(statement: Pick<Statement, 'salesCents' | 'refundsCents' | 'commissionCents' | 'commissionBp' | 'vatCents' | 'vatBp' | 'carriedCents' | 'payableCents'>, items: readonly CarriedItem[]): SumLine[] {
  const lines: SumLine[] = [{ kind: 'sales', cents: statement.salesCents }];
  if (statement.refundsCents !== 0) lines.push({ kind: 'refunds', cents: -statement.refundsCents });
  lines.push({ kind: 'commission', cents: -statement.commissionCents, rateBp: statement.commissionBp });
  lines.push({ kind: 'vat', cents: -statement.vatCents, rateBp: statement.vatBp });
  for (const item of completeCarried(statement.carriedCents, items)) lines.push({ kind: 'carried', cents: item.amountCents, item });
  const sum = lines.reduce((total, line) => total + line.cents, 0);
  if (sum !== statement.payableCents) throw new RangeError(`statement lines sum to ${sum}, payable is ${statement.payableCents}`);
  return lines;
}

/** What the merchant has to do about a statement's invoice. */
export type InvoiceTodo =
  /** send an invoice of `amountCents` (a corrected one when `previous` differs) */
  | { kind: 'send'; amountCents: Cents; corrected: boolean }
  /** the invoice is there and counts: nothing to do */
  | { kind: 'received' }
  /** sales did not exceed refunds: nothing to invoice */
  | { kind: 'nothing' };

/** Sales less refunds is what the shop invoices; open statements wait for it. */
export function invoiceTodoOf(statement: Pick<Statement, 'status' | 'salesCents' | 'refundsCents'>, hasInvoice: boolean): InvoiceTodo {
  const amountCents = statement.salesCents - statement.refundsCents;
  if (statement.status === 'awaiting_invoice' || statement.status === 'difference') return { kind: 'send', amountCents, corrected: statement.status === 'difference' };
  return hasInvoice ? { kind: 'received' } : { kind: 'nothing' };
}
