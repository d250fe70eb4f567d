// The Factur-X XML (UN/CEFACT CII, profile EN 16931) of the conciergerie's invoices: since the
// 2026–2027 French reform an invoice between businesses must be readable by machines. It is
// drawn from the very document the PDF is drawn from (one pure function per kind), and the PDF
// carries it as `factur-x.xml`. Amounts are written from integer cents by string arithmetic.
import { createRequire } from 'node:module';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { t } from '../../platform/i18n/index.ts';
import { formatRate, type BasisPoints, type Cents } from '../../platform/money.ts';
import { periodInWords, dateInWords } from '../settlement.statements.rules.ts';
import { dueDateOf, type CommissionInvoiceDocument, type InvoiceParty, type SelfBilledInvoiceDocument } from './invoices.rules.ts';

/** xmlbuilder2, required with the first XML file (node keeps it after), not when the server starts. */
const xmlbuilder = () => createRequire(import.meta.url)('xmlbuilder2') as typeof import('xmlbuilder2');

export const FACTURX_FILENAME = 'factur-x.xml';
export const EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
} as const;

/** UNTDID 1001: commercial invoice, credit note, self-billed invoice. */
export const TYPE_CODES = { invoice: '380', credit_note: '381', self_billed: '389' } as const;

/** The French reform's « cadre de facturation » (BT-23): a service, or goods, invoiced to be paid. */
const BUSINESS_PROCESS = { services: 'S1', goods: 'B1' } as const;

/** Standard rate (S) or exempt (E) with its reason; the franchise of art. 293 B has its VATEX code. */
type VatCategory = { code: 'S'; rateBp: BasisPoints } | { code: 'E'; reason: string; reasonCode: string };

interface CiiNote {
  content: string;
  /** UNTDID 4451: AAI general, PMD penalties, TXD tax, REG regulatory. */
  subject: string;
}

interface CiiLine {
  name: string;
  netCents: Cents;
  category: VatCategory;
}

interface CiiTax {
  basisCents: Cents;
  vatCents: Cents;
  category: VatCategory;
}

/** One invoice as the CII reads it; every figure already computed by the document. */
interface CiiInvoice {
  number: string;
  typeCode: string;
  issuedOn: string;
  businessProcess: string;
  notes: CiiNote[];
  seller: InvoiceParty;
  buyer: InvoiceParty;
  lines: CiiLine[];
  taxes: CiiTax[];
  periodStart: string;
  periodEnd: string;
  /** VAT due when invoiced (option « sur les débits »): tax point code 5, the invoice's date. */
  vatOnDebits: boolean;
  paymentTerms: string;
  dueOn?: string;
  preceding?: { number: string; issuedOn: string };
  totalCents: Cents;
}

/** 12345 → "123.45", -5 → "-0.05". */
export function decimalOfCents(cents: Cents): string {
  const digits = Math.abs(cents).toString().padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function percentOf(rateBp: BasisPoints): string {
  return decimalOfCents(rateBp);
}

function dateOf(localDate: string): string {
  return localDate.replace(/-/g, '');
}

/** « 1 esplanade Bernardin Laugier, 13800 Istres » → its street, postcode and town (else the line whole). */
export function postalAddressOf(address: string): { line: string; postcode?: string; city?: string } {
  const match = /^(.*?),?\s*(\d{5})\s+(.+)$/.exec(address.trim());
  return match ? { line: match[1].trim(), postcode: match[2], city: match[3].trim() } : { line: address.trim() };
}

function writeParty(parent: XMLBuilder, name: string, party: InvoiceParty, exempt: boolean): void {
  const node = parent.ele(NS.ram, `ram:${name}`);
  node.ele(NS.ram, 'ram:Name').txt(party.legalName);
  const siren = party.siren ?? party.siret?.slice(0, 9);
  // BT-30 / BT-47: the SIREN, scheme 0002 (the reform asks for the buyer's too).
  if (siren) node.ele(NS.ram, 'ram:SpecifiedLegalOrganization').ele(NS.ram, 'ram:ID', { schemeID: '0002' }).txt(siren);
  const address = postalAddressOf(party.address);
  const postal = node.ele(NS.ram, 'ram:PostalTradeAddress');
  if (address.postcode) postal.ele(NS.ram, 'ram:PostcodeCode').txt(address.postcode);
  postal.ele(NS.ram, 'ram:LineOne').txt(address.line);
  if (address.city) postal.ele(NS.ram, 'ram:CityName').txt(address.city);
  postal.ele(NS.ram, 'ram:CountryID').txt('FR');
  if (party.vatNumber) node.ele(NS.ram, 'ram:SpecifiedTaxRegistration').ele(NS.ram, 'ram:ID', { schemeID: 'VA' }).txt(party.vatNumber);
  // An exempt seller without a VAT number is identified for tax by its SIRET (BR-E-02).
  else if (exempt && party.siret) node.ele(NS.ram, 'ram:SpecifiedTaxRegistration').ele(NS.ram, 'ram:ID', { schemeID: 'FC' }).txt(party.siret);
}

function writeLine(parent: XMLBuilder, line: CiiLine, index: number): void {
  const item = parent.ele(NS.ram, 'ram:IncludedSupplyChainTradeLineItem');
  item.ele(NS.ram, 'ram:AssociatedDocumentLineDocument').ele(NS.ram, 'ram:LineID').txt(String(index + 1));
  item.ele(NS.ram, 'ram:SpecifiedTradeProduct').ele(NS.ram, 'ram:Name').txt(line.name);
  item.ele(NS.ram, 'ram:SpecifiedLineTradeAgreement').ele(NS.ram, 'ram:NetPriceProductTradePrice').ele(NS.ram, 'ram:ChargeAmount').txt(decimalOfCents(line.netCents));
  item.ele(NS.ram, 'ram:SpecifiedLineTradeDelivery').ele(NS.ram, 'ram:BilledQuantity', { unitCode: 'C62' }).txt('1');
  const settlement = item.ele(NS.ram, 'ram:SpecifiedLineTradeSettlement');
  const tax = settlement.ele(NS.ram, 'ram:ApplicableTradeTax');
  tax.ele(NS.ram, 'ram:TypeCode').txt('VAT');
  tax.ele(NS.ram, 'ram:CategoryCode').txt(line.category.code);
  tax.ele(NS.ram, 'ram:RateApplicablePercent').txt(line.category.code === 'S' ? percentOf(line.category.rateBp) : '0');
  settlement.ele(NS.ram, 'ram:SpecifiedTradeSettlementLineMonetarySummation').ele(NS.ram, 'ram:LineTotalAmount').txt(decimalOfCents(line.netCents));
}

function writeTax(parent: XMLBuilder, tax: CiiTax, vatOnDebits: boolean): void {
  const node = parent.ele(NS.ram, 'ram:ApplicableTradeTax');
  node.ele(NS.ram, 'ram:CalculatedAmount').txt(decimalOfCents(tax.vatCents));
  node.ele(NS.ram, 'ram:TypeCode').txt('VAT');
  if (tax.category.code === 'E') node.ele(NS.ram, 'ram:ExemptionReason').txt(tax.category.reason);
  node.ele(NS.ram, 'ram:BasisAmount').txt(decimalOfCents(tax.basisCents));
  node.ele(NS.ram, 'ram:CategoryCode').txt(tax.category.code);
  if (tax.category.code === 'E') node.ele(NS.ram, 'ram:ExemptionReasonCode').txt(tax.category.reasonCode);
  if (vatOnDebits && tax.category.code === 'S') node.ele(NS.ram, 'ram:DueDateTypeCode').txt('5');
  node.ele(NS.ram, 'ram:RateApplicablePercent').txt(tax.category.code === 'S' ? percentOf(tax.category.rateBp) : '0');
}

function writeSettlement(parent: XMLBuilder, invoice: CiiInvoice): void {
  const settlement = parent.ele(NS.ram, 'ram:ApplicableHeaderTradeSettlement');
  settlement.ele(NS.ram, 'ram:InvoiceCurrencyCode').txt('EUR');
  for (const tax of invoice.taxes) writeTax(settlement, tax, invoice.vatOnDebits);
  const period = settlement.ele(NS.ram, 'ram:BillingSpecifiedPeriod');
  period.ele(NS.ram, 'ram:StartDateTime').ele(NS.udt, 'udt:DateTimeString', { format: '102' }).txt(dateOf(invoice.periodStart));
  period.ele(NS.ram, 'ram:EndDateTime').ele(NS.udt, 'udt:DateTimeString', { format: '102' }).txt(dateOf(invoice.periodEnd));
  const terms = settlement.ele(NS.ram, 'ram:SpecifiedTradePaymentTerms');
  terms.ele(NS.ram, 'ram:Description').txt(invoice.paymentTerms);
  if (invoice.dueOn) terms.ele(NS.ram, 'ram:DueDateDateTime').ele(NS.udt, 'udt:DateTimeString', { format: '102' }).txt(dateOf(invoice.dueOn));
  const netCents = invoice.lines.reduce((sum, line) => sum + line.netCents, 0);
  const vatCents = invoice.taxes.reduce((sum, tax) => sum + tax.vatCents, 0);
  const totals = settlement.ele(NS.ram, 'ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  totals.ele(NS.ram, 'ram:LineTotalAmount').txt(decimalOfCents(netCents));
  totals.ele(NS.ram, 'ram:TaxBasisTotalAmount').txt(decimalOfCents(netCents));
  totals.ele(NS.ram, 'ram:TaxTotalAmount', { currencyID: 'EUR' }).txt(decimalOfCents(vatCents));
  totals.ele(NS.ram, 'ram:GrandTotalAmount').txt(decimalOfCents(invoice.totalCents));
  totals.ele(NS.ram, 'ram:DuePayableAmount').txt(decimalOfCents(invoice.totalCents));
  if (invoice.preceding) {
    const preceding = settlement.ele(NS.ram, 'ram:InvoiceReferencedDocument');
    preceding.ele(NS.ram, 'ram:IssuerAssignedID').txt(invoice.preceding.number);
    preceding.ele(NS.ram, 'ram:FormattedIssueDateTime').ele(NS.qdt, 'qdt:DateTimeString', { format: '102' }).txt(dateOf(invoice.preceding.issuedOn));
  }
}

/** The CII document of an invoice, in the order the XSD wants its elements. */
function ciiXml(invoice: CiiInvoice): string {
  const root = xmlbuilder().create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.rsm, 'rsm:CrossIndustryInvoice', { 'xmlns:ram': NS.ram, 'xmlns:udt': NS.udt, 'xmlns:qdt': NS.qdt });
  const context = root.ele(NS.rsm, 'rsm:ExchangedDocumentContext');
  context.ele(NS.ram, 'ram:BusinessProcessSpecifiedDocumentContextParameter').ele(NS.ram, 'ram:ID').txt(invoice.businessProcess);
  context.ele(NS.ram, 'ram:GuidelineSpecifiedDocumentContextParameter').ele(NS.ram, 'ram:ID').txt(EN16931_GUIDELINE);
  const header = root.ele(NS.rsm, 'rsm:ExchangedDocument');
  header.ele(NS.ram, 'ram:ID').txt(invoice.number);
  header.ele(NS.ram, 'ram:TypeCode').txt(invoice.typeCode);
  header.ele(NS.ram, 'ram:IssueDateTime').ele(NS.udt, 'udt:DateTimeString', { format: '102' }).txt(dateOf(invoice.issuedOn));
  for (const note of invoice.notes) {
    const node = header.ele(NS.ram, 'ram:IncludedNote');
    node.ele(NS.ram, 'ram:Content').txt(note.content);
    node.ele(NS.ram, 'ram:SubjectCode').txt(note.subject);
  }
  const transaction = root.ele(NS.rsm, 'rsm:SupplyChainTradeTransaction');
  invoice.lines.forEach((line, index) => writeLine(transaction, line, index));
  const exempt = invoice.taxes.some((tax) => tax.category.code === 'E');
  const agreement = transaction.ele(NS.ram, 'ram:ApplicableHeaderTradeAgreement');
  writeParty(agreement, 'SellerTradeParty', invoice.seller, exempt);
  writeParty(agreement, 'BuyerTradeParty', invoice.buyer, false);
  // BT-72: the services or goods were delivered over the period, up to its last day.
  transaction.ele(NS.ram, 'ram:ApplicableHeaderTradeDelivery').ele(NS.ram, 'ram:ActualDeliverySupplyChainEvent').ele(NS.ram, 'ram:OccurrenceDateTime').ele(NS.udt, 'udt:DateTimeString', { format: '102' }).txt(dateOf(invoice.periodEnd));
  writeSettlement(transaction, invoice);
  return root.end({ prettyPrint: true });
}

function commissionCategory(doc: CommissionInvoiceDocument): VatCategory {
  return doc.vatBp === null ? { code: 'E', reason: t('invoices.pdf.vat_exempt'), reasonCode: 'VATEX-FR-FRANCHISE' } : { code: 'S', rateBp: doc.vatBp };
}

function commissionNotes(doc: CommissionInvoiceDocument): CiiNote[] {
  const notes: CiiNote[] = [{ content: t('invoices.facturx.category_services'), subject: 'AAI' }];
  if (doc.vatOnDebits && doc.vatBp !== null) notes.push({ content: t('invoices.facturx.vat_on_debits'), subject: 'TXD' });
  if (doc.vatBp === null) notes.push({ content: t('invoices.pdf.vat_exempt'), subject: 'TXD' });
  if (doc.cancels) notes.push({ content: `${t('invoices.pdf.cancels_text', { number: doc.cancels.number, date: dateInWords(doc.cancels.issuedOn) })} ${t('invoices.pdf.cancel_reason')}\u00a0: ${doc.cancels.reason}`, subject: 'AAI' });
  notes.push({ content: t('invoices.pdf.penalties'), subject: 'PMD' });
  return notes;
}

/** The Factur-X XML of a commission invoice (380) or of the credit note that cancels one (381). */
export function commissionInvoiceXml(doc: CommissionInvoiceDocument): string {
  const period = periodInWords(doc.periodStart, doc.periodEnd);
  const category = commissionCategory(doc);
  const invoice = doc.kind === 'invoice';
  return ciiXml({
    number: doc.number,
    typeCode: TYPE_CODES[doc.kind],
    issuedOn: doc.issuedOn,
    businessProcess: BUSINESS_PROCESS.services,
    notes: commissionNotes(doc),
    seller: doc.parties.seller,
    buyer: doc.parties.buyer,
    lines: [{ name: t('invoices.pdf.commission_line', { period, rate: formatRate(doc.commissionBp) }), netCents: doc.netCents, category }],
    taxes: [{ basisCents: doc.netCents, vatCents: doc.vatCents, category }],
    periodStart: doc.periodStart,
    periodEnd: doc.periodEnd,
    vatOnDebits: doc.vatOnDebits,
    paymentTerms: invoice ? t('invoices.pdf.payment_terms', { period, due: dateInWords(dueDateOf(doc.issuedOn, doc.paymentTermsDays)), days: doc.paymentTermsDays }) : t('invoices.pdf.credit_terms'),
    dueOn: invoice ? dueDateOf(doc.issuedOn, doc.paymentTermsDays) : undefined,
    preceding: doc.cancels ? { number: doc.cancels.number, issuedOn: doc.cancels.issuedOn } : undefined,
    totalCents: doc.totalCents,
  });
}

/** The Factur-X XML of the invoice written in a shop's name under its mandate (389): one line per VAT rate. */
export function selfBilledInvoiceXml(doc: SelfBilledInvoiceDocument): string {
  const period = periodInWords(doc.periodStart, doc.periodEnd);
  return ciiXml({
    number: doc.number,
    typeCode: TYPE_CODES.self_billed,
    issuedOn: doc.issuedOn,
    businessProcess: BUSINESS_PROCESS.goods,
    notes: [
      { content: t('invoices.pdf.self_billing_mention'), subject: 'REG' },
      { content: t('invoices.pdf.self_billing_mandate', { date: dateInWords(doc.mandateSince) }), subject: 'REG' },
      { content: t('invoices.facturx.category_goods'), subject: 'AAI' },
      { content: t('invoices.pdf.penalties'), subject: 'PMD' },
    ],
    seller: doc.supplier,
    buyer: doc.customer,
    lines: doc.vatRates.map((rate) => ({ name: t('invoices.facturx.sales_at_rate', { period, rate: formatRate(rate.rateBp) }), netCents: rate.netCents, category: { code: 'S', rateBp: rate.rateBp } })),
    taxes: doc.vatRates.map((rate) => ({ basisCents: rate.netCents, vatCents: rate.vatCents, category: { code: 'S', rateBp: rate.rateBp } })),
    periodStart: doc.periodStart,
    periodEnd: doc.periodEnd,
    vatOnDebits: false,
    paymentTerms: t('invoices.facturx.self_billed_terms'),
    totalCents: doc.salesCents - doc.refundsCents,
  });
}

/** The XMP that declares the attachment a Factur-X invoice, with the extension schema PDF/A asks for. */
export function facturXmp(conformance = 'EN 16931'): string {
  const property = (name: string, description: string) =>
    `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description></rdf:li>`;
  return `
<rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
  <fx:DocumentType>INVOICE</fx:DocumentType>
  <fx:DocumentFileName>${FACTURX_FILENAME}</fx:DocumentFileName>
  <fx:Version>1.0</fx:Version>
  <fx:ConformanceLevel>${conformance}</fx:ConformanceLevel>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>fx</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq>
      ${property('DocumentFileName', 'name of the embedded XML invoice file')}
      ${property('DocumentType', 'INVOICE')}
      ${property('Version', 'The actual version of the Factur-X XML schema')}
      ${property('ConformanceLevel', 'The conformance level of the embedded Factur-X data')}
    </rdf:Seq></pdfaSchema:property>
  </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`;
}
