// The rules of settlement periods and statements, without I/O: the period a date falls in,
// the statuses of a statement, and the figures of a statement (commission rounded half-up
// once on the period's total, then allocated to its lines by largest remainder so the lines
// sum exactly to it).
import { addDays, weekdayOf } from '../platform/calendar.ts';
import { applyRate, type BasisPoints, type Cents } from '../platform/money.ts';
import { statusesOf, type StatusTables, type Transitions } from '../platform/transitions.ts';

/** How often a shop is paid back: every week (Monday to Sunday) or every calendar month. */
export type PeriodKind = 'weekly' | 'monthly';
export const PERIOD_KINDS: readonly PeriodKind[] = ['weekly', 'monthly'];

/** A settlement period: local dates, both included. */
export interface Period {
  kind: PeriodKind;
  start: string;
  end: string;
}

/** The period of a kind that contains a local date. */
export function periodOf(kind: PeriodKind, date: string): Period {
  if (kind === 'weekly') {
    const start = addDays(date, 1 - weekdayOf(date));
    return { kind, start, end: addDays(start, 6) };
  }
  const start = `${date.slice(0, 7)}-01`;
  const nextMonth = periodNextStart(start);
  return { kind, start, end: addDays(nextMonth, -1) };
}

function periodNextStart(monthStart: string): string {
  const year = Number(monthStart.slice(0, 4));
  const month = Number(monthStart.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** The period just before this one. */
export function previousPeriod(period: Period): Period {
  return periodOf(period.kind, addDays(period.start, -1));
}

/** The latest period of a kind that has ended by `today` (the one before today's). */
export function lastEndedPeriod(kind: PeriodKind, today: string): Period {
  return previousPeriod(periodOf(kind, today));
}

/** Whether a period has ended by `today` and may be closed. */
export function hasEnded(period: Period, today: string): boolean {
  return period.end < today;
}

/** Where a statement stands, from its closing to its payout. */
export type StatementStatus =
  /** closed; the shop's invoice for the period is awaited (or the self-billed one to issue) */
  | 'awaiting_invoice'
  /** the shop's invoice does not match the statement: to resolve before payout */
  | 'difference'
  /** invoice matched or difference resolved: ready to be paid */
  | 'settled'
  /** in a payout batch not yet confirmed paid */
  | 'in_batch'
  /** the bank confirmed the transfer */
  | 'paid'
  /** it ended negative (the shop owed money): its amount went into the shop's next statement */
  | 'carried_forward';

export const STATEMENT_TRANSITIONS: Transitions<StatementStatus> = {
  awaiting_invoice: ['settled', 'difference', 'carried_forward'],
  // a corrected invoice may still differ
  difference: ['settled', 'difference', 'carried_forward'],
  settled: ['in_batch', 'carried_forward'],
  in_batch: ['paid'],
  paid: [],
  carried_forward: [],
};

export const STATEMENT_STATUSES: readonly StatementStatus[] = statusesOf(STATEMENT_TRANSITIONS);

/** The status column of statements and its table. */
export const STATEMENTS_STATUS_TABLES = {
  'statements.status': STATEMENT_TRANSITIONS,
} as const satisfies StatusTables;

/** Statements whose negative amount the next closing carries into the shop's next statement. */
export const CARRIED_FROM: readonly StatementStatus[] = ['awaiting_invoice', 'difference', 'settled'];

/** The shop's invoice is awaited only when it sold something net; otherwise there is nothing to invoice. */
export function initialStatus(netCents: Cents): StatementStatus {
  return netCents > 0 ? 'awaiting_invoice' : 'settled';
}

/** A statement's invoice may still be recorded or replaced: not once it is being paid. */
export function acceptsInvoice(status: StatementStatus): boolean {
  return status === 'awaiting_invoice' || status === 'difference';
}

export interface StatementFigures {
  salesCents: Cents;
  refundsCents: Cents;
  /** sales − refunds: what the commission is computed on */
  netCents: Cents;
  commissionBp: BasisPoints;
  commissionCents: Cents;
  /** null: « TVA non applicable » */
  vatBp: BasisPoints | null;
  vatCents: Cents;
  /**
   * carried from before: an earlier negative statement (< 0), a cancelled commission invoice
   * (> 0), and the commission given back on goods refunded now but sold in an earlier period (> 0)
   */
  carriedCents: Cents;
  /** net − commission − VAT on commission + carried: what the shop is paid (negative: it owes, carried again) */
  payableCents: Cents;
}

/**
 * The figures of a statement. The commission is computed once on the period's net total and
 * rounded half-up; VAT is computed once on the commission. Refunds of goods an earlier
 * statement counted (`lateRefundsCents`, part of `refundsCents`) bear no commission here: the
 * commission taken on them is given back by credit notes on the invoices that took it, whose
 * total (`returnedCents`, VAT included) is carried into this statement. The shop still bears
 * every refund; a period whose own refunds exceed its sales bears no commission.
 */
export function statementFigures(input: {
  salesCents: Cents;
  refundsCents: Cents;
  lateRefundsCents?: Cents;
  commissionBp: BasisPoints;
  vatBp: BasisPoints | null;
  carriedCents?: Cents;
  returnedCents?: Cents;
}): StatementFigures {
  const carriedCents = (input.carriedCents ?? 0) + (input.returnedCents ?? 0);
  const netCents = input.salesCents - input.refundsCents;
  const commissionBaseCents = netCents + Math.min(input.lateRefundsCents ?? 0, input.refundsCents);
  const commissionCents = commissionBaseCents > 0 ? applyRate(commissionBaseCents, input.commissionBp) : 0;
  const vatCents = input.vatBp === null ? 0 : applyRate(commissionCents, input.vatBp);
  return {
    salesCents: input.salesCents,
    refundsCents: input.refundsCents,
    netCents,
    commissionBp: input.commissionBp,
    commissionCents,
    vatBp: input.vatBp,
    vatCents,
    carriedCents,
    payableCents: netCents - commissionCents - vatCents + carriedCents,
  };
}

/** A commission invoice as it stands when goods it counted are refunded. */
export interface InvoiceStanding {
  invoiceId: string;
  /** The rate the commission was taken at, and the VAT rate then (null: « TVA non applicable »). */
  commissionBp: BasisPoints;
  vatBp: BasisPoints | null;
  netCents: Cents;
  vatCents: Cents;
  /** Given back on it already by earlier credit notes. */
  returnedNetCents: Cents;
  returnedVatCents: Cents;
  /** Cancelled whole by a credit note: nothing is left to give back. */
  cancelled: boolean;
}

/** The commission and VAT a credit note gives back on one invoice. */
export interface CommissionReturn {
  invoiceId: string;
  refundedCents: Cents;
  netCents: Cents;
  vatBp: BasisPoints | null;
  vatCents: Cents;
  totalCents: Cents;
}

/**
 * The commission given back on goods refunded in a later period than their hand-over: per
 * invoice that took it, its rate on the refunds' total, rounded half-up once, VAT at that
 * invoice's rate on it; never more than is left on the invoice (what is left exactly, VAT
 * included, when the whole rest is given back). Refunds without an invoice standing (no
 * commission was taken) give nothing back. In the order of first appearance of the invoices.
 */
export function commissionReturns(refunds: readonly { invoiceId: string; amountCents: Cents }[], invoices: ReadonlyMap<string, InvoiceStanding>): CommissionReturn[] {
  const refunded = new Map<string, Cents>();
  for (const refund of refunds) refunded.set(refund.invoiceId, (refunded.get(refund.invoiceId) ?? 0) + refund.amountCents);
  return [...refunded].flatMap(([invoiceId, refundedCents]) => {
    const invoice = invoices.get(invoiceId);
    if (!invoice || invoice.cancelled) return [];
    const leftNet = invoice.netCents - invoice.returnedNetCents;
    const leftVat = invoice.vatCents - invoice.returnedVatCents;
    const netCents = Math.min(applyRate(refundedCents, invoice.commissionBp), leftNet);
    if (netCents <= 0) return [];
    const vatCents = netCents === leftNet ? leftVat : invoice.vatBp === null ? 0 : Math.min(applyRate(netCents, invoice.vatBp), leftVat);
    return [{ invoiceId, refundedCents, netCents, vatBp: invoice.vatBp, vatCents, totalCents: netCents + vatCents }];
  });
}

/**
 * Splits `total` into parts proportional to `weights` that sum exactly to `total`: each part
 * is the exact share rounded down, then the cents left go one each to the parts with the
 * largest remainders (ties: the earlier part). Weights may be negative (refund lines) as long
 * as they do not sum to zero; with no weights or a zero sum, every part is zero except that
 * nothing can be allocated, so `total` must then be zero.
 */
export function allocateLargestRemainder(total: Cents, weights: readonly Cents[]): Cents[] {
  const sum = weights.reduce((acc, weight) => acc + BigInt(weight), 0n);
  if (sum === 0n) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero total over weights summing to zero');
    return weights.map(() => 0);
  }
  const sign = sum < 0n ? -1n : 1n;
  const divisor = sum * sign;
  const shares = weights.map((weight, index) => {
    const exact = BigInt(total) * BigInt(weight) * sign;
    const floor = floorDiv(exact, divisor);
    return { index, floor, remainder: exact - floor * divisor };
  });
  let left = BigInt(total) - shares.reduce((acc, share) => acc + share.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const parts = shares.map((share) => share.floor);
  for (const share of byRemainder) {
    if (left <= 0n) break;
    parts[share.index] += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? quotient - 1n : quotient;
}

/**
 * A statement's number: printed on its page for the shop to write on its invoice, carried by
 * its transfer (EndToEndId) and by the payout's entry in the accounting export. A shop has one
 * statement per period: « RLV-202611-C0042 » (November, shop C0042), « RLV-20261102-C0042 »
 * (the week from 2 November).
 */
export function statementNumber(statement: { periodKind: PeriodKind; periodStart: string; shopCode: string }): string {
  const period = statement.periodKind === 'monthly' ? statement.periodStart.slice(0, 7) : statement.periodStart;
  return `RLV-${period.replaceAll('-', '')}-${statement.shopCode}`;
}

// ---------- periods and dates in words, as statements and invoices say them ----------

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' });

function dayOf(date: string): string {
  const day = Number(date.slice(8, 10));
  return day === 1 ? '1er' : String(day);
}

function monthOf(date: string): string {
  return monthFormat.format(new Date(`${date}T00:00:00Z`));
}

/**
 * A period in words, as an invoice says it: « du 1er au 30 novembre 2026 », « du 30 novembre
 * au 6 décembre 2026 », « du 28 décembre 2026 au 3 janvier 2027 ».
 */
export function periodInWords(start: string, end: string): string {
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  const sameMonth = sameYear && start.slice(5, 7) === end.slice(5, 7);
  const endText = `${dayOf(end)} ${monthOf(end)} ${end.slice(0, 4)}`;
  if (sameMonth) return `du ${dayOf(start)} au ${endText}`;
  if (sameYear) return `du ${dayOf(start)} ${monthOf(start)} au ${endText}`;
  return `du ${dayOf(start)} ${monthOf(start)} ${start.slice(0, 4)} au ${endText}`;
}

/** A month in words with its year: « novembre 2026 », « août 2027 ». */
export function monthInWords(date: string): string {
  return `${monthOf(date)} ${date.slice(0, 4)}`;
}

/** A local date in words with its year: « 4 décembre 2026 », « 1er janvier 2027 ». */
export function dateInWords(date: string): string {
  return `${dayOf(date)} ${monthOf(date)} ${date.slice(0, 4)}`;
}

// ---------- the conciergerie's document numbers, as every sub-area prints them ----------

/** « COM-2026-000042 »: a commission invoice or credit note, by its series and number. */
export function commissionInvoiceNumber(series: string, number: number): string {
  return `${series}-${String(number).padStart(6, '0')}`;
}
