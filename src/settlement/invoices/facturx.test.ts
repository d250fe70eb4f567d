// The Factur-X XML of each kind of invoice passes the official XSD and the official EN 16931
// schematron with no failed assert; a wrong total is caught (so the check is real); the PDF
// carries the very XML, declared PDF/A-3 with the Factur-X metadata, and reads back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeReport, validateFacturX } from '../../../test/helpers/facturx.ts';
import { commissionInvoiceXml, decimalOfCents, postalAddressOf, selfBilledInvoiceXml } from './facturx.ts';
import { readFacturX } from './facturx.read.ts';
import { parseCiiInvoice } from './shop-invoice.facturx.ts';
import { shopCiiXml } from '../../../test/helpers/shop-facturx.ts';
import { renderCommissionInvoicePdf } from './invoices.pdf.ts';
import { grossByVatRate, vatBreakdownOf, type CommissionInvoiceDocument, type SelfBilledInvoiceDocument } from './invoices.rules.ts';

const OPERATOR = { legalName: 'Commune d’Istres — Conciergerie municipale', address: '1 esplanade Bernardin Laugier, 13800 Istres', siren: '213000474', siret: '21300047400014', vatNumber: 'FR63213000474' };
const SHOP = { legalName: 'Poissonnerie Martin SARL', address: '12 rue de la République, 13800 Istres', siren: '732829320', siret: '73282932000074', vatNumber: 'FR44732829320' };

const INVOICE: CommissionInvoiceDocument = {
  kind: 'invoice',
  number: 'COM-2026-000042',
  issuedOn: '2026-12-01',
  parties: { seller: OPERATOR, buyer: SHOP },
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  salesCents: 7650,
  refundsCents: 0,
  commissionBp: 500,
  netCents: 383,
  vatBp: 2000,
  vatCents: 77,
  totalCents: 460,
  paymentTermsDays: 30,
  vatOnDebits: true,
  createdAt: new Date('2026-12-01T08:00:00Z'),
};

const SELF_BILLED: SelfBilledInvoiceDocument = {
  number: 'AF-1C2B4D5E-2026-0001',
  issuedOn: '2026-12-02',
  supplier: SHOP,
  customer: OPERATOR,
  mandateSince: '2026-01-15',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  salesCents: 19200,
  refundsCents: 650,
  vatRates: vatBreakdownOf(grossByVatRate([
    { amountCents: 4600, vatRateBp: 2000 },
    { amountCents: 8700, vatRateBp: 550 },
    { amountCents: 5900, vatRateBp: 2000 },
    { amountCents: -650, vatRateBp: null },
  ])),
  createdAt: new Date('2026-12-02T08:00:00Z'),
};

async function assertValid(xml: string, what: string): Promise<void> {
  const report = await validateFacturX(xml);
  assert.equal(report.xsdErrors, '', `${what}: XSD\n${report.xsdErrors}`);
  assert.deepEqual(report.failedAsserts, [], `${what}: schematron\n${describeReport(report)}`);
}

test('amounts and addresses as the CII writes them', () => {
  assert.equal(decimalOfCents(12345), '123.45');
  assert.equal(decimalOfCents(5), '0.05');
  assert.equal(decimalOfCents(-650), '-6.50');
  assert.deepEqual(postalAddressOf('1 esplanade Bernardin Laugier, 13800 Istres'), { line: '1 esplanade Bernardin Laugier', postcode: '13800', city: 'Istres' });
  assert.deepEqual(postalAddressOf('Marché couvert'), { line: 'Marché couvert' });
});

test('sales less refunds by VAT rate: a refund without its line is spread over the rates and the rates sum to the whole', () => {
  const byRate = SELF_BILLED.vatRates;
  assert.equal(byRate.reduce((sum, rate) => sum + rate.grossCents, 0), 19200 - 650);
  assert.deepEqual(byRate.map((rate) => rate.rateBp), [2000, 550]);
  for (const rate of byRate) {
    assert.equal(rate.netCents + rate.vatCents, rate.grossCents);
    assert.ok(Math.abs(rate.vatCents - (rate.netCents * rate.rateBp) / 10_000) <= 0.5 + 1e-9, `VAT at ${rate.rateBp} is the net's, to the cent`);
  }
  assert.deepEqual(vatBreakdownOf(new Map([[2000, 1200]])), [{ rateBp: 2000, grossCents: 1200, netCents: 1000, vatCents: 200 }]);
});

test('a commission invoice with VAT on debits: type 380, both SIRENs, the category of operation, tax point code 5; XSD and schematron pass', async () => {
  const xml = commissionInvoiceXml(INVOICE);
  assert.match(xml, /<ram:TypeCode>380<\/ram:TypeCode>/);
  assert.match(xml, /<ram:ID>urn:cen\.eu:en16931:2017<\/ram:ID>/);
  assert.match(xml, /<ram:ID schemeID="0002">732829320<\/ram:ID>/, 'the buyer’s SIREN');
  assert.match(xml, /<ram:ID schemeID="0002">213000474<\/ram:ID>/, 'the seller’s SIREN');
  assert.match(xml, /prestation de services/);
  assert.match(xml, /Option pour le paiement de la taxe d’après les débits/);
  assert.match(xml, /<ram:DueDateTypeCode>5<\/ram:DueDateTypeCode>/);
  assert.match(xml, /<ram:GrandTotalAmount>4\.60<\/ram:GrandTotalAmount>/);
  assert.match(xml, /<udt:DateTimeString format="102">20261231<\/udt:DateTimeString>/, 'the due date');
  await assertValid(xml, 'invoice');
  assert.doesNotMatch(commissionInvoiceXml({ ...INVOICE, vatOnDebits: false }), /DueDateTypeCode|débits/);
});

test('an operator without VAT: category E with the reason of art. 293 B; XSD and schematron pass', async () => {
  const xml = commissionInvoiceXml({ ...INVOICE, vatBp: null, vatCents: 0, totalCents: 383, parties: { seller: { ...OPERATOR, vatNumber: null }, buyer: SHOP } });
  assert.match(xml, /<ram:CategoryCode>E<\/ram:CategoryCode>/);
  assert.match(xml, /<ram:ExemptionReason>TVA non applicable, art\. 293 B du CGI<\/ram:ExemptionReason>/);
  assert.match(xml, /<ram:ExemptionReasonCode>VATEX-FR-FRANCHISE<\/ram:ExemptionReasonCode>/);
  assert.doesNotMatch(xml, /schemeID="VA">FR63/);
  await assertValid(xml, 'exempt');
});

test('a credit note: type 381 naming the invoice it cancels (BG-3); XSD and schematron pass', async () => {
  const xml = commissionInvoiceXml({ ...INVOICE, kind: 'credit_note', number: 'COM-2026-000043', issuedOn: '2026-12-03', cancels: { number: 'COM-2026-000042', issuedOn: '2026-12-01', reason: 'Taux erroné' } });
  assert.match(xml, /<ram:TypeCode>381<\/ram:TypeCode>/);
  assert.match(xml, /<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>COM-2026-000042<\/ram:IssuerAssignedID>\s*<ram:FormattedIssueDateTime>\s*<qdt:DateTimeString format="102">20261201</);
  await assertValid(xml, 'credit note');
});

test('a self-billed invoice: type 389, the shop as seller, one line per VAT rate; XSD and schematron pass', async () => {
  const xml = selfBilledInvoiceXml(SELF_BILLED);
  assert.match(xml, /<ram:TypeCode>389<\/ram:TypeCode>/);
  assert.match(xml, /<ram:SellerTradeParty>\s*<ram:Name>Poissonnerie Martin SARL/);
  assert.equal(xml.match(/<ram:IncludedSupplyChainTradeLineItem>/g)?.length, 2);
  assert.match(xml, /<ram:GrandTotalAmount>185\.50<\/ram:GrandTotalAmount>/);
  assert.match(xml, /au nom et pour le compte du fournisseur/);
  await assertValid(xml, 'self-billed');
});

test('a wrong total is reported by the schematron (BR-CO-15)', async () => {
  const xml = commissionInvoiceXml(INVOICE).replace('<ram:GrandTotalAmount>4.60<', '<ram:GrandTotalAmount>4.70<');
  const report = await validateFacturX(xml);
  assert.equal(report.xsdErrors, '', 'still valid against the XSD: only the rules see it');
  assert.ok(report.failedAsserts.some((failed) => failed.id.includes('BR-CO-15') || failed.text.includes('BR-CO-15')), describeReport(report));
});

test('the PDF is a PDF/A-3 carrying the same XML as factur-x.xml, with the Factur-X metadata', async () => {
  const pdf = await renderCommissionInvoicePdf(INVOICE);
  assert.equal(await readFacturX(pdf), commissionInvoiceXml(INVOICE));
  const raw = pdf.toString('latin1');
  assert.match(raw, /^%PDF-1\.7/);
  assert.match(raw, /<pdfaid:part>3<\/pdfaid:part>/);
  assert.match(raw, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
  assert.match(raw, /<fx:ConformanceLevel>EN 16931<\/fx:ConformanceLevel>/);
  assert.match(raw, /<fx:DocumentFileName>factur-x\.xml<\/fx:DocumentFileName>/);
  assert.match(raw, /\/AFRelationship \/Alternative/);
  assert.equal(await readFacturX(Buffer.from('%PDF-1.4 not really')), undefined);
});

test('the conciergerie’s own Factur-X reads back, through the reader of shops’ invoices, as the figures it was made from', async () => {
  const read = parseCiiInvoice((await readFacturX(await renderCommissionInvoicePdf(INVOICE)))!);
  assert.deepEqual(read, { number: INVOICE.number, issuedOn: INVOICE.issuedOn, totalCents: INVOICE.totalCents, taxExclusiveCents: INVOICE.netCents, sellerSiren: OPERATOR.siren });
});

test('the hand-written shop invoice the tests upload is itself a valid Factur-X', async () => {
  const report = await validateFacturX(shopCiiXml({ number: 'F2026-118', issuedOn: '2026-12-02', totalCents: 7640, taxExclusiveCents: 6367 }));
  assert.equal(report.xsdErrors, '', describeReport(report));
  assert.deepEqual(report.failedAsserts, [], describeReport(report));
});
