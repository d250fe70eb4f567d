// Reading a shop's Factur-X: the CII terms the statement is matched on, from a hand-written
// EN 16931 invoice; refusals of what is not one; the XML found in a real PDF's attachments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invoicePdf, shopCiiXml } from '../../../test/helpers/shop-facturx.ts';
import { readFacturX } from './facturx.read.ts';
import { parseCiiInvoice } from './shop-invoice.facturx.ts';

const XML = shopCiiXml({ number: 'F2026-118', issuedOn: '2026-12-02', totalCents: 7640, taxExclusiveCents: 6367, sellerSiren: '732829320' });

test('a CII invoice gives its number, date, totals and the seller’s SIREN', () => {
  assert.deepEqual(parseCiiInvoice(XML), { number: 'F2026-118', issuedOn: '2026-12-02', totalCents: 7640, taxExclusiveCents: 6367, sellerSiren: '732829320' });
  // amounts written with four decimals are exact cents
  const fourDecimals = XML.replace('<ram:GrandTotalAmount>76.40<', '<ram:GrandTotalAmount>76.4000<');
  assert.equal(parseCiiInvoice(fourDecimals)?.totalCents, 7640);
});

test('what is not a readable CII invoice gives nothing', () => {
  assert.equal(parseCiiInvoice(XML.slice(0, XML.length / 2)), undefined, 'a truncated file');
  assert.equal(parseCiiInvoice('<facture>76,40</facture>'), undefined, 'another vocabulary');
  assert.equal(parseCiiInvoice('not xml at all'), undefined);
  assert.equal(parseCiiInvoice(XML.replace('>76.40<', '>76,40<').replace('>76.40<', '>76,40<')), undefined, 'a French decimal comma');
  assert.equal(parseCiiInvoice(XML.replace('>76.40<', '>76.405<').replace('>76.40<', '>76.405<')), undefined, 'a fraction of a cent');
  assert.equal(parseCiiInvoice(XML.replace('20261202', '20260231')), undefined, 'a day that does not exist');
  assert.equal(parseCiiInvoice(XML.replace('<ram:ID>F2026-118</ram:ID>', '')), undefined, 'no number');
  assert.equal(parseCiiInvoice(XML.replace(/CrossIndustryInvoice:100/g, 'CrossIndustryInvoice:99')), undefined, 'another namespace');
});

test('the XML is read out of the PDF’s embedded files, under its Factur-X, ZUGFeRD or XRechnung name', async () => {
  assert.equal(await readFacturX(await invoicePdf(XML)), XML);
  assert.equal(await readFacturX(await invoicePdf(XML, 'zugferd-invoice.xml')), XML);
  assert.equal(await readFacturX(await invoicePdf(XML, 'xrechnung.xml')), XML);
  assert.equal(await readFacturX(await invoicePdf()), undefined, 'a plain PDF');
  assert.equal(await readFacturX(await invoicePdf(XML, 'notes.xml')), undefined, 'another attachment');
  assert.equal(await readFacturX(Buffer.from('%PDF-1.4 broken')), undefined, 'a file that is not a readable PDF');
});
