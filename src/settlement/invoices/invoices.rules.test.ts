import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  canCancel,
  canSelfBill,
  commissionInvoiceNumber,
  commissionSeriesOf,
  creditNoteFigures,
  nothingLeftToCredit,
  dueDateOf,
  invoicedAmountOf,
  matchInvoice,
  missingMentions,
  parseParties,
  selfBilledInvoiceNumber,
  selfBillingSeriesOf,
  SHOP_INVOICE_NUMBER_PATTERN,
} from './invoices.rules.ts';
import { dateInWords, monthInWords, periodInWords, periodOf } from '../settlement.statements.rules.ts';

test('a shop invoices its sales minus its refunds; equal to the cent is matched', () => {
  const net = invoicedAmountOf({ salesCents: 7650, refundsCents: 0 });
  assert.equal(net, 7650);
  assert.deepEqual(matchInvoice(7650, net), { kind: 'matched' });
  // « Écart de 1,20 € entre la facture (75,30 €) et le relevé (76,50 €) »
  assert.deepEqual(matchInvoice(7530, net), { kind: 'difference', differenceCents: -120 });
  assert.deepEqual(matchInvoice(7651, net), { kind: 'difference', differenceCents: 1 });
  assert.equal(invoicedAmountOf({ salesCents: 10_000, refundsCents: 1_250 }), 8_750);
});

test('matching is exact for any amounts: matched if and only if equal', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: -1_000_000, max: 10_000_000 }), (invoice, statement) => {
      const match = matchInvoice(invoice, statement);
      if (invoice === statement) assert.equal(match.kind, 'matched');
      else assert.deepEqual(match, { kind: 'difference', differenceCents: invoice - statement });
    }),
  );
});

test('commission invoices are numbered per yearly series, self-billed ones per shop and year', () => {
  const series = commissionSeriesOf('COM', '2026-12-01');
  assert.equal(series, 'COM-2026');
  assert.equal(commissionInvoiceNumber(series, 42), 'COM-2026-000042');
  const own = selfBillingSeriesOf('0193a1b2-c3d4-7e5f-8a9b-3f9a1c2b4d5e', '2027-01-03');
  assert.equal(own.key, 'AF-0193a1b2-c3d4-7e5f-8a9b-3f9a1c2b4d5e-2027');
  assert.equal(selfBilledInvoiceNumber(own.prefix, 1), 'AF-1C2B4D5E-2027-0001');
});

test('a shop is self-billed only with a mandate signed by the period end', () => {
  assert.equal(canSelfBill(null, '2026-11-30'), false);
  assert.equal(canSelfBill('2026-11-30', '2026-11-30'), true);
  assert.equal(canSelfBill('2026-12-01', '2026-11-30'), false);
});

test('a shop invoice number is short and plain', () => {
  const pattern = new RegExp(SHOP_INVOICE_NUMBER_PATTERN);
  assert.ok(pattern.test('F2026-118'));
  assert.ok(pattern.test('2026/11 n°3'.replace('°', '')));
  assert.ok(!pattern.test(''));
  assert.ok(!pattern.test('=HYPERLINK("x")'));
});

test('a credit note carries the invoice figures, positive, and cancels an invoice once', () => {
  const invoice = { kind: 'invoice' as const, netCents: 383, vatBp: 2000, vatCents: 77, totalCents: 460 };
  assert.deepEqual(creditNoteFigures(invoice), { netCents: 383, vatBp: 2000, vatCents: 77, totalCents: 460 });
  assert.throws(() => creditNoteFigures({ ...invoice, kind: 'credit_note' }));
  // commission already given back on goods refunded since is not given back twice
  assert.deepEqual(creditNoteFigures(invoice, { netCents: 128, vatCents: 26 }), { netCents: 255, vatBp: 2000, vatCents: 51, totalCents: 306 });
  // all of it given back already: a credit note would be for nothing, and is refused
  assert.equal(nothingLeftToCredit(creditNoteFigures(invoice, { netCents: 383, vatCents: 77 })), true);
  assert.equal(nothingLeftToCredit(creditNoteFigures(invoice, { netCents: 128, vatCents: 26 })), false);
  assert.equal(canCancel({ kind: 'invoice', cancelledById: null }), true);
  assert.equal(canCancel({ kind: 'invoice', cancelledById: 'x' }), false);
  assert.equal(canCancel({ kind: 'credit_note', cancelledById: null }), false);
});

test('periods and dates in words, as an invoice prints them', () => {
  assert.equal(periodInWords('2026-11-01', '2026-11-30'), 'du 1er au 30 novembre 2026');
  assert.equal(periodInWords('2026-11-30', '2026-12-06'), 'du 30 novembre au 6 décembre 2026');
  assert.equal(periodInWords('2026-12-28', '2027-01-03'), 'du 28 décembre 2026 au 3 janvier 2027');
  assert.equal(dateInWords('2027-01-01'), '1er janvier 2027');
  assert.equal(dueDateOf('2026-12-01', 30), '2026-12-31');
});

test('every month of a year in words, with leap February and the week that crosses the year', () => {
  const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
  const lastDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  months.forEach((month, index) => {
    const period = periodOf('monthly', `2028-${String(index + 1).padStart(2, '0')}-15`);
    assert.equal(periodInWords(period.start, period.end), `du 1er au ${lastDays[index]} ${month} 2028`);
    assert.equal(monthInWords(period.start), `${month} 2028`);
  });
  const lastWeek = periodOf('weekly', '2027-01-01');
  assert.equal(periodInWords(lastWeek.start, lastWeek.end), 'du 28 décembre 2026 au 3 janvier 2027');
  const endsOnFirst = periodOf('weekly', '2027-08-01');
  assert.equal(periodInWords(endsOnFirst.start, endsOnFirst.end), 'du 26 juillet au 1er août 2027');
});

test('the mentions an invoice lacks are named; an exempt seller needs no VAT number', () => {
  const parties = parseParties(
    JSON.stringify({
      seller: { legalName: 'Commune', address: '1 place', siren: '213000474', siret: '21300047400014', vatNumber: '' },
      buyer: { legalName: 'Poissonnerie', address: '', siret: null, vatNumber: null },
    }),
  );
  assert.deepEqual(missingMentions(parties, 2000), ['seller_vat_number', 'buyer_name_address', 'buyer_siret']);
  assert.deepEqual(missingMentions(parties, null), ['buyer_name_address', 'buyer_siret']);
  assert.throws(() => parseParties('{"seller":{},"buyer":{}}'));
});
