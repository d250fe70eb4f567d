// The rules of invoices, without I/O. A shop invoices the conciergerie for what it sold in a
// period (the statement's sales minus refunds); the invoice is matched against the statement
// to the cent. The conciergerie invoices each shop for its commission; such an invoice is
// never edited nor deleted: it is cancelled by a credit note (« avoir ») of the same series.
// A self-billed invoice is the shop's invoice written by the conciergerie under the shop's
// mandate, numbered in a series of the shop's own.
import { roundHalfUp, type BasisPoints, type Cents } from '../../platform/money.ts';
import { allocateLargestRemainder } from '../settlement.statements.rules.ts';
import { addDays } from '../../platform/calendar.ts';
import type { StatusTables, Transitions } from '../../platform/transitions.ts';

/** Where a shop's invoice stands against its statement. */
export type ShopInvoiceStatus =
  /** equal to the statement's net, to the cent */
  | 'matched'
  /** different from the statement: to accept or replace before payout */
  | 'difference'
  /** different, and the difference accepted with a reason */
  | 'accepted'
  /** superseded by a corrected invoice */
  | 'replaced';

/** A shop's invoice that still counts is replaced by a corrected one, or its difference accepted. */
export const SHOP_INVOICE_TRANSITIONS: Transitions<ShopInvoiceStatus> = {
  matched: ['replaced'],
  difference: ['accepted', 'replaced'],
  accepted: [],
  replaced: [],
};

/** The status column of shop invoices and its table. */
export const SHOP_INVOICES_STATUS_TABLES = {
  'shop_invoices.status': SHOP_INVOICE_TRANSITIONS,
} as const satisfies StatusTables;

export type InvoiceMatch = { kind: 'matched' } | { kind: 'difference'; differenceCents: Cents };

/** What a shop invoices for a statement: its sales minus its refunds (the commission is invoiced the other way). */
export function invoicedAmountOf(statement: { salesCents: Cents; refundsCents: Cents }): Cents {
  return statement.salesCents - statement.refundsCents;
}

/** Equal to the cent: matched; else the difference, invoice minus statement (negative when the invoice is lower). */
export function matchInvoice(invoiceCents: Cents, statementNetCents: Cents): InvoiceMatch {
  const differenceCents = invoiceCents - statementNetCents;
  return differenceCents === 0 ? { kind: 'matched' } : { kind: 'difference', differenceCents };
}

/** The shop invoices that still count for a statement (a replaced one no longer does). */
export function isCurrentInvoice(status: ShopInvoiceStatus): boolean {
  return status !== 'replaced';
}

/** The series of the commission invoices of a year: one gap-free count per series. */
export function commissionSeriesOf(prefix: string, issuedOn: string): string {
  return `${prefix}-${issuedOn.slice(0, 4)}`;
}

export { commissionInvoiceNumber } from '../settlement.statements.rules.ts';

/**
 * The self-billed invoices of one shop and one year form their own series, as the shop's own
 * invoices would. The key names the shop by its id; the printed number by a short part of it
 * (the random end of its UUIDv7), e.g. « AF-3F9A1C2B-2026-0001 ».
 */
export function selfBillingSeriesOf(shopId: string, issuedOn: string): { key: string; prefix: string } {
  const year = issuedOn.slice(0, 4);
  return { key: `AF-${shopId}-${year}`, prefix: `AF-${shopId.replace(/-/g, '').slice(-8).toUpperCase()}-${year}` };
}

export function selfBilledInvoiceNumber(prefix: string, number: number): string {
  return `${prefix}-${String(number).padStart(4, '0')}`;
}

/** A shop may be self-billed for a period when its mandate was signed on or before the period's end. */
export function canSelfBill(selfBillingSince: string | null, periodEnd: string): boolean {
  return selfBillingSince !== null && selfBillingSince <= periodEnd;
}

/** A number as a shop prints it: letters, digits and a few separators, 1 to 40 characters. */
export const SHOP_INVOICE_NUMBER_PATTERN = '^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,39}$';

// ---- the conciergerie's commission invoices ----

export type CommissionInvoiceKind = 'invoice' | 'credit_note';

/** Seller or buyer as printed on an invoice, frozen on the day of issue. */
export interface InvoiceParty {
  legalName: string;
  address: string;
  siren?: string | null;
  siret: string | null;
  vatNumber: string | null;
}

export interface InvoiceParties {
  seller: InvoiceParty;
  buyer: InvoiceParty;
}

/** Reads the parties stored as JSON; tolerant of a missing optional field, strict on names. */
export function parseParties(json: string): InvoiceParties {
  const value = JSON.parse(json) as Partial<InvoiceParties>;
  if (!value.seller?.legalName || !value.buyer?.legalName) throw new Error('invoice parties without a legal name');
  const party = (p: InvoiceParty): InvoiceParty => ({
    legalName: p.legalName,
    address: p.address ?? '',
    siren: p.siren ?? (p.siret ? p.siret.slice(0, 9) : null),
    siret: p.siret ?? null,
    vatNumber: p.vatNumber || null,
  });
  return { seller: party(value.seller), buyer: party(value.buyer) };
}

/**
 * The mentions a French invoice between businesses must carry (Code de commerce L441-9,
 * CGI 242 nonies A), in the order the document prints them. The commission invoice PDF
 * prints each of them; its test reads them back from the file.
 */
export const MANDATORY_MENTIONS = [
  'number',
  'issue_date',
  'seller_name_address',
  'seller_siren_siret',
  'seller_vat_number',
  'buyer_name_address',
  'buyer_siret',
  'description',
  'net',
  'vat_rate_and_amount_or_exemption',
  'total',
  'payment_terms',
  'late_penalties',
  'recovery_fee',
] as const;
export type MandatoryMention = (typeof MANDATORY_MENTIONS)[number];

/** The mentions an invoice cannot print because its parties lack the data (e.g. a shop without SIRET). */
export function missingMentions(parties: InvoiceParties, vatBp: BasisPoints | null): MandatoryMention[] {
  const missing: MandatoryMention[] = [];
  if (!parties.seller.address) missing.push('seller_name_address');
  if (!parties.seller.siren && !parties.seller.siret) missing.push('seller_siren_siret');
  // an operator exempt from VAT (art. 293 B) has no VAT number to print
  if (vatBp !== null && !parties.seller.vatNumber) missing.push('seller_vat_number');
  if (!parties.buyer.address) missing.push('buyer_name_address');
  if (!parties.buyer.siret) missing.push('buyer_siret');
  return missing;
}

export interface CommissionFigures {
  netCents: Cents;
  /** null: « TVA non applicable » */
  vatBp: BasisPoints | null;
  vatCents: Cents;
  totalCents: Cents;
}

/**
 * A credit note cancels an invoice whole: the same figures, stored positive (the kind says
 * they are to be taken off), so that an invoice and its credit notes sum to zero in the books.
 * What earlier credit notes gave back on it (commission on goods refunded since) is not given
 * back twice: the cancellation takes what is left.
 */
export function creditNoteFigures(invoice: CommissionFigures & { kind: CommissionInvoiceKind }, returned: { netCents: Cents; vatCents: Cents } = { netCents: 0, vatCents: 0 }): CommissionFigures {
  if (invoice.kind !== 'invoice') throw new RangeError('only an invoice can be cancelled by a credit note');
  const netCents = invoice.netCents - returned.netCents;
  const vatCents = invoice.vatCents - returned.vatCents;
  return { netCents, vatBp: invoice.vatBp, vatCents, totalCents: netCents + vatCents };
}

/** An invoice can be cancelled once, and a credit note never. */
/** A credit note for nothing: every cent of the invoice's commission was already given back. */
export function nothingLeftToCredit(figures: CommissionFigures): boolean {
  return figures.netCents <= 0 && figures.vatCents <= 0;
}

export function canCancel(invoice: { kind: CommissionInvoiceKind; cancelledById: string | null }): boolean {
  return invoice.kind === 'invoice' && invoice.cancelledById === null;
}

/** The day a commission invoice is due: its issue date plus the operator's payment terms. */
export function dueDateOf(issuedOn: string, paymentTermsDays: number): string {
  return addDays(issuedOn, paymentTermsDays);
}

// ---- the documents: the plain data both the PDF and its Factur-X XML are drawn from ----

export interface CommissionInvoiceDocument {
  kind: CommissionInvoiceKind;
  /** As printed: « COM-2026-000042 ». */
  number: string;
  issuedOn: string;
  parties: InvoiceParties;
  periodStart: string;
  periodEnd: string;
  salesCents: Cents;
  refundsCents: Cents;
  commissionBp: BasisPoints;
  netCents: Cents;
  /** null: « TVA non applicable, art. 293 B du CGI » */
  vatBp: BasisPoints | null;
  vatCents: Cents;
  totalCents: Cents;
  paymentTermsDays: number;
  /** The operator opted to pay VAT on its services when invoiced (« sur les débits ») rather than when paid. */
  vatOnDebits: boolean;
  /** For a credit note: the invoice it cancels and why; `refundedCents` when it gives back only the commission on goods refunded since. */
  cancels?: { number: string; issuedOn: string; reason: string; refundedCents?: Cents };
  /** Fixed in tests so the file is reproducible. */
  createdAt?: Date;
}

/** What was sold at one VAT rate, all taxes included, and its split into net and VAT. */
export interface VatAtRate {
  rateBp: BasisPoints;
  grossCents: Cents;
  netCents: Cents;
  vatCents: Cents;
}

export interface SelfBilledInvoiceDocument {
  number: string;
  issuedOn: string;
  /** The shop, who sells and in whose name the invoice is issued. */
  supplier: InvoiceParty;
  /** The conciergerie, who issues it under the mandate. */
  customer: InvoiceParty;
  mandateSince: string;
  periodStart: string;
  periodEnd: string;
  salesCents: Cents;
  refundsCents: Cents;
  /** Sales less refunds by VAT rate (see vatBreakdownOf): they sum to salesCents − refundsCents. */
  vatRates: readonly VatAtRate[];
  createdAt?: Date;
}

/**
 * Sales less refunds by VAT rate, from a statement's lines (a sale is positive, a refund
 * negative). A refund not tied to a line is spread over the rates in proportion to their
 * sales, by largest remainder, so the rates always sum to the statement's amount.
 */
export function grossByVatRate(lines: readonly { amountCents: Cents; vatRateBp: BasisPoints | null }[]): Map<BasisPoints, Cents> {
  const byRate = new Map<BasisPoints, Cents>();
  let unassigned = 0;
  for (const line of lines) {
    if (line.vatRateBp === null) unassigned += line.amountCents;
    else byRate.set(line.vatRateBp, (byRate.get(line.vatRateBp) ?? 0) + line.amountCents);
  }
  if (unassigned === 0 || byRate.size === 0) return byRate;
  const rates = [...byRate.keys()].sort((a, b) => a - b);
  const shares = allocateLargestRemainder(unassigned, rates.map((rate) => Math.max(0, byRate.get(rate)!)));
  rates.forEach((rate, index) => byRate.set(rate, byRate.get(rate)! + shares[index]));
  return byRate;
}

/** Each rate's gross split into net and VAT: the net rounded half-up once, the VAT what is left. */
export function vatBreakdownOf(grossByRate: ReadonlyMap<BasisPoints, Cents>): VatAtRate[] {
  return [...grossByRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, grossCents]) => {
      const netCents = roundHalfUp((grossCents * 10_000) / (10_000 + rateBp));
      return { rateBp, grossCents, netCents, vatCents: grossCents - netCents };
    });
}
