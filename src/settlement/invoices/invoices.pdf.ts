// The invoices the conciergerie prints, as PDF files drawn from plain data: the commission
// invoice to a shop, the credit note that cancels one, and the invoice it writes in a shop's
// name under the shop's self-billing mandate. Every mention the law asks for is printed
// (see MANDATORY_MENTIONS); amounts come already computed.
import { t } from '../../platform/i18n/index.ts';
import { formatEuros, formatRate } from '../../platform/money.ts';
import { renderPdf, type PdfArchive, type PdfWriter } from '../../platform/pdf/index.ts';
import { commissionInvoiceXml, FACTURX_FILENAME, facturXmp, selfBilledInvoiceXml } from './facturx.ts';
import { dateInWords, periodInWords } from '../settlement.statements.rules.ts';
import { dueDateOf, type CommissionInvoiceDocument, type InvoiceParty, type SelfBilledInvoiceDocument } from './invoices.rules.ts';

export type { CommissionInvoiceDocument, SelfBilledInvoiceDocument } from './invoices.rules.ts';

/** The invoice's Factur-X XML, carried in the PDF/A-3 as the alternative form of its pages. */
function facturXArchive(xml: string): PdfArchive {
  return {
    attachments: [{ name: FACTURX_FILENAME, type: 'text/xml', bytes: Buffer.from(xml, 'utf8'), description: t('invoices.facturx.attachment'), relationship: 'Alternative' }],
    xmp: facturXmp(),
  };
}

function partyLines(party: InvoiceParty): string[] {
  const lines = [party.legalName, party.address];
  if (party.siren) lines.push(t('invoices.pdf.siren', { siren: party.siren }));
  lines.push(party.siret ? t('invoices.pdf.siret', { siret: party.siret }) : t('invoices.pdf.no_siret'));
  lines.push(party.vatNumber ? t('invoices.pdf.vat_number', { vat: party.vatNumber }) : t('invoices.pdf.no_vat_number'));
  return lines.filter((line) => line !== '');
}

function totalsOf(doc: CommissionInvoiceDocument): [string, string][] {
  const totals: [string, string][] = [[t('invoices.pdf.total_net'), formatEuros(doc.netCents)]];
  if (doc.vatBp === null) totals.push([t('invoices.pdf.vat_exempt_total'), t('invoices.pdf.vat_exempt_value')]);
  else totals.push([t('invoices.pdf.vat', { rate: formatRate(doc.vatBp) }), formatEuros(doc.vatCents)]);
  totals.push([doc.kind === 'credit_note' ? t('invoices.pdf.total_credit') : t('invoices.pdf.total_gross'), formatEuros(doc.totalCents)]);
  return totals;
}

function drawCommission(writer: PdfWriter, doc: CommissionInvoiceDocument): void {
  const period = periodInWords(doc.periodStart, doc.periodEnd);
  writer.title(doc.kind === 'credit_note' ? t('invoices.pdf.credit_note_title', { number: doc.number }) : t('invoices.pdf.invoice_title', { number: doc.number }));
  const facts: [string, string][] = [
    [t('invoices.pdf.number'), doc.number],
    [t('invoices.pdf.issue_date'), dateInWords(doc.issuedOn)],
  ];
  const partial = doc.cancels?.refundedCents !== undefined;
  if (doc.cancels) {
    facts.push([partial ? t('invoices.pdf.corrects') : t('invoices.pdf.cancels'), doc.cancels.number]);
    facts.push([t('invoices.pdf.cancel_reason'), doc.cancels.reason]);
  }
  writer.keyValues(facts);
  writer.blocks([
    { heading: t('invoices.pdf.seller'), lines: partyLines(doc.parties.seller) },
    { heading: t('invoices.pdf.buyer'), lines: partyLines(doc.parties.buyer) },
  ]);
  if (doc.cancels) writer.paragraph(t(partial ? 'invoices.pdf.corrects_text' : 'invoices.pdf.cancels_text', { number: doc.cancels.number, date: dateInWords(doc.cancels.issuedOn) }));
  const refunded = formatEuros(doc.cancels?.refundedCents ?? 0);
  const line = partial ? t('invoices.pdf.return_line', { refunded, period, rate: formatRate(doc.commissionBp) }) : t('invoices.pdf.commission_line', { period, rate: formatRate(doc.commissionBp) });
  writer.table({
    columns: [
      { header: t('invoices.pdf.description'), width: 5 },
      { header: t('invoices.pdf.quantity'), width: 1, align: 'right' },
      { header: t('invoices.pdf.amount_net'), width: 1.6, align: 'right' },
    ],
    rows: [[line, '1', formatEuros(doc.netCents)]],
    totals: totalsOf(doc),
  });
  const base = doc.salesCents - doc.refundsCents;
  if (!partial) writer.paragraph(t('invoices.pdf.commission_base', { sales: formatEuros(doc.salesCents), refunds: formatEuros(doc.refundsCents), base: formatEuros(base) }), { small: true });
  if (doc.vatBp === null) writer.paragraph(t('invoices.pdf.vat_exempt'), { bold: true });
  else if (doc.vatOnDebits) writer.paragraph(t('invoices.facturx.vat_on_debits'), { bold: true });
  writer.paragraph(t('invoices.facturx.category_services'));
  writer.heading(t('invoices.pdf.payment'));
  if (doc.kind === 'credit_note') writer.paragraph(t('invoices.pdf.credit_terms'));
  else writer.paragraph(t('invoices.pdf.payment_terms', { period, due: dateInWords(dueDateOf(doc.issuedOn, doc.paymentTermsDays)), days: doc.paymentTermsDays }));
  writer.paragraph(t('invoices.pdf.penalties'), { small: true });
}

/** The commission invoice, or the credit note that cancels one, as a PDF file. */
export function renderCommissionInvoicePdf(doc: CommissionInvoiceDocument): Promise<Buffer> {
  const title = doc.kind === 'credit_note' ? t('invoices.pdf.credit_note_title', { number: doc.number }) : t('invoices.pdf.invoice_title', { number: doc.number });
  return renderPdf({ title, author: doc.parties.seller.legalName, createdAt: doc.createdAt, archive: facturXArchive(commissionInvoiceXml(doc)) }, (writer) => drawCommission(writer, doc));
}

function drawSelfBilled(writer: PdfWriter, doc: SelfBilledInvoiceDocument): void {
  const period = periodInWords(doc.periodStart, doc.periodEnd);
  writer.title(t('invoices.pdf.self_billed_title', { number: doc.number }));
  writer.paragraph(t('invoices.pdf.self_billing'), { bold: true });
  writer.paragraph(t('invoices.pdf.self_billing_mention'), { bold: true });
  writer.keyValues([
    [t('invoices.pdf.number'), doc.number],
    [t('invoices.pdf.issue_date'), dateInWords(doc.issuedOn)],
  ]);
  writer.blocks([
    { heading: t('invoices.pdf.supplier'), lines: partyLines(doc.supplier) },
    { heading: t('invoices.pdf.customer'), lines: partyLines(doc.customer) },
  ]);
  const rows: string[][] = [[t('invoices.pdf.sales_line', { period }), formatEuros(doc.salesCents)]];
  if (doc.refundsCents !== 0) rows.push([t('invoices.pdf.refunds_line'), formatEuros(-doc.refundsCents)]);
  writer.table({
    columns: [
      { header: t('invoices.pdf.description'), width: 5 },
      { header: t('invoices.pdf.amount_gross'), width: 1.6, align: 'right' },
    ],
    rows,
    totals: [[t('invoices.pdf.total_gross'), formatEuros(doc.salesCents - doc.refundsCents)]],
  });
  writer.paragraph(t('invoices.pdf.self_billed_vat'), { small: true });
  writer.table({
    columns: [
      { header: t('invoices.pdf.vat_rate'), width: 2 },
      { header: t('invoices.pdf.amount_net'), width: 1.6, align: 'right' },
      { header: t('invoices.pdf.vat_amount'), width: 1.6, align: 'right' },
      { header: t('invoices.pdf.amount_gross'), width: 1.6, align: 'right' },
    ],
    rows: doc.vatRates.map((rate) => [formatRate(rate.rateBp), formatEuros(rate.netCents), formatEuros(rate.vatCents), formatEuros(rate.grossCents)]),
  });
  writer.paragraph(t('invoices.facturx.category_goods'));
  writer.paragraph(t('invoices.pdf.self_billing_mandate', { date: dateInWords(doc.mandateSince) }));
  writer.paragraph(t('invoices.pdf.penalties'), { small: true });
}

/** The invoice written in the shop's name under its self-billing mandate, as a PDF file. */
export function renderSelfBilledInvoicePdf(doc: SelfBilledInvoiceDocument): Promise<Buffer> {
  const title = t('invoices.pdf.self_billed_title', { number: doc.number });
  return renderPdf({ title, author: doc.customer.legalName, createdAt: doc.createdAt, archive: facturXArchive(selfBilledInvoiceXml(doc)) }, (writer) => drawSelfBilled(writer, doc));
}
