import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyRate } from '../platform/money.ts';
import { allocateLargestRemainder, commissionReturns, lastEndedPeriod, periodOf, statementFigures, type InvoiceStanding } from './settlement.statements.rules.ts';

test('a week runs Monday to Sunday and a month from its first to its last day', () => {
  assert.deepEqual(periodOf('weekly', '2026-11-29'), { kind: 'weekly', start: '2026-11-23', end: '2026-11-29' });
  assert.deepEqual(periodOf('weekly', '2026-11-30'), { kind: 'weekly', start: '2026-11-30', end: '2026-12-06' });
  assert.deepEqual(periodOf('monthly', '2024-02-10'), { kind: 'monthly', start: '2024-02-01', end: '2024-02-29' });
  assert.deepEqual(periodOf('monthly', '2026-12-31'), { kind: 'monthly', start: '2026-12-01', end: '2026-12-31' });
  assert.deepEqual(lastEndedPeriod('monthly', '2027-01-01'), { kind: 'monthly', start: '2026-12-01', end: '2026-12-31' });
});

test('the commission is 5 % of the net total rounded half-up once, VAT 20 % on it', () => {
  const figures = statementFigures({ salesCents: 7650, refundsCents: 0, commissionBp: 500, vatBp: 2000 });
  // 5 % of 76,50 € = 3,825 € → 3,83 €; VAT 20 % of 3,83 € = 0,766 € → 0,77 €
  assert.equal(figures.commissionCents, 383);
  assert.equal(figures.vatCents, 77);
  assert.equal(figures.payableCents, 7650 - 383 - 77);
  const exempt = statementFigures({ salesCents: 7650, refundsCents: 650, commissionBp: 500, vatBp: null });
  assert.deepEqual([exempt.netCents, exempt.commissionCents, exempt.vatCents, exempt.payableCents], [7000, 350, 0, 6650]);
  assert.equal(statementFigures({ salesCents: 100, refundsCents: 300, commissionBp: 500, vatBp: 2000 }).commissionCents, 0);
});

test('largest remainder: 10 cents over three equal lines gives 4, 3, 3', () => {
  assert.deepEqual(allocateLargestRemainder(10, [100, 100, 100]), [4, 3, 3]);
  assert.deepEqual(allocateLargestRemainder(383, [2500, 4500, 650]), [125, 225, 33]);
  assert.deepEqual(allocateLargestRemainder(0, []), []);
});

test('allocated parts always sum to the total and stay within a cent of the exact share', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -50_000, max: 500_000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 10_000_000 }), (weights, total) => {
      const sum = weights.reduce((a, b) => a + b, 0);
      fc.pre(sum !== 0);
      const parts = allocateLargestRemainder(total, weights);
      assert.equal(parts.reduce((a, b) => a + b, 0), total);
      parts.forEach((part, index) => assert.ok(Math.abs(part - (total * weights[index]) / sum) < 1 + 1e-6));
    }),
  );
});

// ---- commission given back on goods refunded in a later period ----

function standing(figures: { commissionCents: number; vatCents: number; commissionBp: number; vatBp: number | null }, returned = { net: 0, vat: 0 }, cancelled = false): InvoiceStanding {
  return { invoiceId: 'COM-1', commissionBp: figures.commissionBp, vatBp: figures.vatBp, netCents: figures.commissionCents, vatCents: figures.vatCents, returnedNetCents: returned.net, returnedVatCents: returned.vat, cancelled };
}

test('goods sold in November and refunded in December: December gives back the commission at November’s rates', () => {
  const november = statementFigures({ salesCents: 9800, refundsCents: 0, commissionBp: 500, vatBp: 2000 });
  assert.deepEqual([november.commissionCents, november.vatCents, november.payableCents], [490, 98, 9212]);
  // December's rate is 6 %: the refund of 25,50 € takes back 5 % of it, 1,275 € → 1,28 €, VAT 20 % 0,26 €
  const [back] = commissionReturns([{ invoiceId: 'COM-1', amountCents: 2000 }, { invoiceId: 'COM-1', amountCents: 550 }], new Map([['COM-1', standing(november)]]));
  assert.deepEqual(back, { invoiceId: 'COM-1', refundedCents: 2550, netCents: 128, vatBp: 2000, vatCents: 26, totalCents: 154 });
  // December sold nothing else: it bears the refund, gets the commission back, and owes the rest
  const december = statementFigures({ salesCents: 0, refundsCents: 2550, lateRefundsCents: 2550, commissionBp: 600, vatBp: 2000, returnedCents: back.totalCents });
  assert.deepEqual([december.commissionCents, december.carriedCents, december.payableCents], [0, 154, -2550 + 154]);
  // December sold 40,00 € too: its own commission is on its own sales alone
  const busy = statementFigures({ salesCents: 4000, refundsCents: 2550, lateRefundsCents: 2550, commissionBp: 600, vatBp: 2000, returnedCents: back.totalCents });
  assert.deepEqual([busy.netCents, busy.commissionCents, busy.vatCents, busy.payableCents], [1450, 240, 48, 1450 - 240 - 48 + 154]);
});

test('never more is given back than the invoice has left, nothing on a cancelled invoice or without an invoice', () => {
  const invoice = standing({ commissionCents: 100, vatCents: 20, commissionBp: 500, vatBp: 2000 }, { net: 90, vat: 17 });
  assert.deepEqual(commissionReturns([{ invoiceId: 'COM-1', amountCents: 5000 }], new Map([['COM-1', invoice]])), [{ invoiceId: 'COM-1', refundedCents: 5000, netCents: 10, vatBp: 2000, vatCents: 3, totalCents: 13 }]);
  assert.deepEqual(commissionReturns([{ invoiceId: 'COM-1', amountCents: 5000 }], new Map([['COM-1', { ...invoice, returnedNetCents: 100, returnedVatCents: 20 }]])), []);
  assert.deepEqual(commissionReturns([{ invoiceId: 'COM-1', amountCents: 100 }], new Map([['COM-1', { ...invoice, returnedNetCents: 0, returnedVatCents: 0, cancelled: true }]])), []);
  assert.deepEqual(commissionReturns([{ invoiceId: 'COM-2', amountCents: 100 }], new Map([['COM-1', invoice]])), []);
  // without VAT (art. 293 B) the credit note has none either
  const exempt = standing({ commissionCents: 500, vatCents: 0, commissionBp: 500, vatBp: null });
  assert.deepEqual(commissionReturns([{ invoiceId: 'COM-1', amountCents: 999 }], new Map([['COM-1', exempt]])), [{ invoiceId: 'COM-1', refundedCents: 999, netCents: 50, vatBp: null, vatCents: 0, totalCents: 50 }]);
});

test('property: over two periods the commission is 5 % of what the shop really sold, within a cent per statement', () => {
  const cents = (max: number) => fc.integer({ min: 0, max });
  fc.assert(
    fc.property(
      fc.array(cents(500_000), { minLength: 0, maxLength: 8 }),
      fc.array(cents(500_000), { minLength: 0, maxLength: 8 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom(2000, 550, null),
      (firstSales, secondSales, lateShares, ownShare1, ownShare2, vatBp) => {
        const sales1 = firstSales.reduce((a, b) => a + b, 0);
        const sales2 = secondSales.reduce((a, b) => a + b, 0);
        // refunds of period 1's goods in period 1, then late ones in period 2 (never more than was sold), and of period 2's goods in period 2
        const own1 = Math.floor(sales1 * ownShare1);
        let left = sales1 - own1;
        const late = lateShares.map((share) => {
          const amount = Math.floor(left * share);
          left -= amount;
          return amount;
        }).filter((amount) => amount > 0);
        const lateTotal = late.reduce((a, b) => a + b, 0);
        const own2 = Math.floor(sales2 * ownShare2);
        const first = statementFigures({ salesCents: sales1, refundsCents: own1, commissionBp: 500, vatBp });
        const returns = commissionReturns(late.map((amountCents) => ({ invoiceId: 'COM-1', amountCents })), new Map([['COM-1', standing(first)]]));
        const returnedNet = returns.reduce((sum, back) => sum + back.netCents, 0);
        const returnedVat = returns.reduce((sum, back) => sum + back.vatCents, 0);
        const second = statementFigures({ salesCents: sales2, refundsCents: own2 + lateTotal, lateRefundsCents: lateTotal, commissionBp: 500, vatBp, returnedCents: returnedNet + returnedVat });
        const netSales = sales1 + sales2 - own1 - own2 - lateTotal;
        const commission = first.commissionCents + second.commissionCents - returnedNet;
        assert.ok(Math.abs(commission - applyRate(netSales, 500)) <= 2, `${commission} vs ${applyRate(netSales, 500)}`);
        // what the shop is paid over both is its net sales less the commission and its VAT, to the cent
        const vat = first.vatCents + second.vatCents - returnedVat;
        assert.equal(first.payableCents + second.payableCents, netSales - commission - vat);
        assert.ok(returnedNet >= 0 && returnedNet <= first.commissionCents && returnedVat <= first.vatCents);
      },
    ),
    { numRuns: 500 },
  );
});
