// Recording a shop's invoice from what the concierge sent: the typed fields, and the PDF.
// When the PDF is a Factur-X (its CII XML embedded), the XML fills what was not typed (what
// is typed still wins), so a Factur-X is matched against the statement without typing;
// the amount read is the grand total with VAT (BT-112), as the statement's sales are.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { assertConcierge } from '../../platform/actor.ts';
import { DomainError } from '../../platform/errors.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { recordShopInvoice } from './invoices.service.ts';
import { SHOP_INVOICE_NUMBER_PATTERN } from './invoices.rules.ts';
import { readFacturX } from './facturx.read.ts';
import { parseCiiInvoice, type CiiInvoice } from './shop-invoice.facturx.ts';

export type InvoiceField = 'number' | 'invoice_date' | 'amount';

/** The fields neither typed nor found in a Factur-X: each needs its message next to it. */
export class InvoiceFieldsMissing extends Error {
  constructor(readonly fields: readonly InvoiceField[]) {
    super('invoice fields missing');
    this.name = 'InvoiceFieldsMissing';
  }
}

export interface UploadedInvoice {
  number?: string;
  invoiceDate?: string;
  amount?: string;
  file?: Buffer;
}

const PDF_MAGIC = Buffer.from('%PDF-');

/**
 * The invoice a PDF carries as CII XML; undefined for a PDF without it (or one pdf-lib cannot
 * open: the typed fields then count, as for any PDF). A Factur-X whose XML is no readable
 * invoice is refused next to the file.
 */
async function facturXOf(file: Buffer | undefined): Promise<CiiInvoice | undefined> {
  if (!file || !file.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return undefined;
  const xml = await readFacturX(file);
  if (xml === undefined) return undefined;
  const invoice = parseCiiInvoice(xml);
  if (!invoice) throw new DomainError('invoice_facturx_invalid', 'file');
  if (!new RegExp(SHOP_INVOICE_NUMBER_PATTERN).test(invoice.number)) throw new DomainError('invoice_facturx_number', 'file', { number: invoice.number.slice(0, 60) });
  return invoice;
}

function typed(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** « 76,40 » for 7640, as the amount field is typed. */
function eurosText(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

/**
 * Records the shop's invoice for a statement, its fields typed or read from its Factur-X.
 * Answers the invoice's id and whether the XML filled a field.
 */
export async function recordUploadedShopInvoice(db: Db, config: Config, actor: CurrentAccount | null, statementId: string, input: UploadedInvoice, idempotencyKey: string): Promise<{ id: string; readFromXml: boolean }> {
  assertConcierge(actor);
  // A text field named « file » (a forged form) is no upload: only bytes are read as a PDF.
  if (!Buffer.isBuffer(input.file) || input.file.length === 0) throw new DomainError('invoice_file_required', 'file');
  const xml = await facturXOf(input.file);
  const fields = {
    number: typed(input.number) ?? xml?.number,
    invoiceDate: typed(input.invoiceDate) ?? xml?.issuedOn,
    amount: typed(input.amount) ?? (xml ? eurosText(xml.totalCents) : undefined),
  };
  const missing = ([['number', fields.number], ['invoice_date', fields.invoiceDate], ['amount', fields.amount]] as const).filter(([, value]) => value === undefined).map(([field]) => field);
  if (missing.length > 0) throw new InvoiceFieldsMissing(missing);
  const id = await recordShopInvoice(db, config, actor, statementId, { number: fields.number!, invoiceDate: fields.invoiceDate!, amount: fields.amount!, file: input.file }, idempotencyKey);
  return { id, readFromXml: xml !== undefined && (!typed(input.number) || !typed(input.invoiceDate) || !typed(input.amount)) };
}
