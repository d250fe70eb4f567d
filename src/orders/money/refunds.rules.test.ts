import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainError } from '../../platform/errors.ts';
import {
  checkPartPayment,
  creditOf,
  dueAtHandOverCents,
  netPaidOf,
  planRefund,
  remainingOf,
  suggestedScope,
  type MoneySource,
  type RefundSituation,
} from './refunds.rules.ts';

function source(method: 'cash' | 'card' | 'cheque', receivedCents: number, refundedCents = 0): MoneySource {
  return { key: method, method, onlinePaymentId: null, providerPaymentId: null, receivedCents, refundedCents };
}

const online: MoneySource = { key: 'online:p1', method: 'online', onlinePaymentId: 'p1', providerPaymentId: 'pi_1', receivedCents: 5000, refundedCents: 0 };

/** Paid 50 € online; a 4,50 € line refused; 20 € handed over by shop A. */
const paidOnline: RefundSituation = {
  sources: [online],
  lines: [
    { id: 'l1', shopId: 'A', totalCents: 2000, refused: false, handedOver: true, refunded: false },
    { id: 'l2', shopId: 'B', totalCents: 450, refused: true, handedOver: false, refunded: false },
    { id: 'l3', shopId: 'B', totalCents: 2550, refused: false, handedOver: false, refunded: false },
  ],
  handedOverByShop: [{ shopId: 'A', cents: 2000 }],
};

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'none';
}

test('refused lines go back through the online payment, borne by no shop; they are the suggested choice', () => {
  assert.equal(suggestedScope(paidOnline), 'refused');
  const parts = planRefund(paidOnline, { kind: 'refused' });
  assert.deepEqual(parts.map((part) => [part.amountCents, part.shopId, part.orderLineId, part.source.key]), [[450, null, 'l2', 'online:p1']]);
});

test('a line handed over is borne by its shop; a line neither refused nor handed over cannot be refunded alone', () => {
  const [part] = planRefund(paidOnline, { kind: 'line', lineId: 'l1' });
  assert.deepEqual([part.amountCents, part.shopId, part.orderLineId], [2000, 'A', 'l1']);
  assert.equal(codeOf(() => planRefund(paidOnline, { kind: 'line', lineId: 'l3' })), 'refund_line_not_refundable');
  const refunded = { ...paidOnline, lines: paidOnline.lines.map((line) => (line.id === 'l2' ? { ...line, refunded: true } : line)) };
  assert.equal(codeOf(() => planRefund(refunded, { kind: 'line', lineId: 'l2' })), 'refund_line_already');
  assert.equal(codeOf(() => planRefund(refunded, { kind: 'refused' })), 'refund_no_refused_line');
});

test('everything paid: the credit first, then the shops that sold what was handed over', () => {
  const parts = planRefund(paidOnline, { kind: 'all' });
  assert.deepEqual(parts.map((part) => [part.amountCents, part.shopId]), [[3000, null], [2000, 'A']]);
});

test('an amount larger than what was paid, zero, or nothing paid at all is refused', () => {
  assert.equal(codeOf(() => planRefund(paidOnline, { kind: 'amount', amountCents: 5001 })), 'refund_exceeds_paid');
  assert.equal(codeOf(() => planRefund(paidOnline, { kind: 'amount', amountCents: 0 })), 'refund_amount_positive');
  const nothing: RefundSituation = { sources: [], lines: paidOnline.lines, handedOverByShop: [] };
  assert.equal(codeOf(() => planRefund(nothing, { kind: 'all' })), 'refund_nothing_paid');
});

test('a refused line paid for nothing (all paid went to goods handed over) is not refunded', () => {
  const situation: RefundSituation = { ...paidOnline, sources: [source('cash', 2000)] };
  assert.equal(creditOf(situation), 0);
  assert.equal(codeOf(() => planRefund(situation, { kind: 'refused' })), 'refund_exceeds_credit');
});

test('several methods: the concierge picks one, never beyond what it received less its refunds', () => {
  const situation: RefundSituation = { ...paidOnline, sources: [source('cash', 300), source('card', 4700, 1000)] };
  assert.equal(netPaidOf(situation), 4000);
  assert.equal(codeOf(() => planRefund(situation, { kind: 'refused' })), 'refund_choose_source');
  assert.equal(codeOf(() => planRefund(situation, { kind: 'refused' }, 'cash')), 'refund_exceeds_source');
  assert.equal(planRefund(situation, { kind: 'refused' }, 'card')[0].source.method, 'card');
  const all = planRefund(situation, { kind: 'all' });
  assert.equal(all.reduce((sum, part) => sum + part.amountCents, 0), 4000);
});

test('a part payment is positive and within what is still due; a closed order takes none', () => {
  assert.equal(codeOf(() => checkPartPayment('ready', 3000, 3001)), 'payment_exceeds_due');
  assert.equal(codeOf(() => checkPartPayment('ready', 3000, 3000)), 'none');
  assert.equal(codeOf(() => checkPartPayment('ready', 5000, 0)), 'payment_amount_positive');
  assert.equal(codeOf(() => checkPartPayment('cancelled', 5000, 100)), 'payment_order_closed');
});

test('the counter asks only what is still due, never below zero', () => {
  assert.equal(dueAtHandOverCents(0, 7500, 5000), 2500);
  assert.equal(dueAtHandOverCents(2500, 2500, 5000), 0);
  assert.equal(dueAtHandOverCents(0, 2500, 5000), 0);
});

test('property: every plan sums to what was asked, never drains a source, and keeps shop parts within their sales', () => {
  const arbitrary = fc.record({
    cash: fc.integer({ min: 0, max: 10_000 }),
    card: fc.integer({ min: 0, max: 10_000 }),
    soldA: fc.integer({ min: 0, max: 10_000 }),
    soldB: fc.integer({ min: 0, max: 10_000 }),
    asked: fc.integer({ min: 1, max: 25_000 }),
  });
  fc.assert(
    fc.property(arbitrary, ({ cash, card, soldA, soldB, asked }) => {
      const situation: RefundSituation = {
        sources: [source('cash', cash), source('card', card)].filter((candidate) => candidate.receivedCents > 0),
        lines: [],
        handedOverByShop: [
          { shopId: 'A', cents: soldA },
          { shopId: 'B', cents: soldB },
        ],
      };
      for (const scope of [{ kind: 'all' as const }, { kind: 'amount' as const, amountCents: asked }]) {
        let parts;
        try {
          parts = planRefund(situation, scope, situation.sources[0]?.key);
        } catch (error) {
          if (error instanceof DomainError) continue;
          throw error;
        }
        const total = parts.reduce((sum, part) => sum + part.amountCents, 0);
        assert.equal(total, scope.kind === 'all' ? netPaidOf(situation) : asked);
        for (const candidate of situation.sources) {
          const drawn = parts.filter((part) => part.source.key === candidate.key).reduce((sum, part) => sum + part.amountCents, 0);
          assert.ok(drawn <= remainingOf(candidate));
        }
        for (const shop of situation.handedOverByShop) {
          assert.ok(parts.filter((part) => part.shopId === shop.shopId).reduce((sum, part) => sum + part.amountCents, 0) <= shop.cents);
        }
        assert.ok(parts.filter((part) => part.shopId === null).reduce((sum, part) => sum + part.amountCents, 0) <= creditOf(situation));
      }
    }),
  );
});
