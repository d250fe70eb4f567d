import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  balanceOf,
  buildTransaction,
  counterPaymentPostings,
  credit,
  debit,
  handOverPostings,
  InvalidTransactionError,
  totalsOf,
  trialBalance,
  type EntryDraft,
  type LedgerAccount,
} from './settlement.rules.ts';

const MEMBER = 'member-1';
const SHOP = 'shop-1';

test('a payment and a hand-over build balanced transactions on the right accounts', () => {
  const payment = buildTransaction(counterPaymentPostings({ method: 'card', amountCents: 2500, memberId: MEMBER }));
  assert.deepEqual(payment, [
    { account: 'card_clearing', shopId: null, memberId: null, debitCents: 2500, creditCents: 0, position: 0 },
    { account: 'member_receivable', shopId: null, memberId: MEMBER, debitCents: 0, creditCents: 2500, position: 1 },
  ]);
  const handOver = buildTransaction(handOverPostings({ shopId: SHOP, memberId: MEMBER, totalCents: 2500 }));
  assert.deepEqual(
    handOver.map((entry) => [entry.account, entry.debitCents, entry.creditCents]),
    [
      ['member_receivable', 2500, 0],
      ['shop_payable', 0, 2500],
    ],
  );
  assert.equal(balanceOf([...payment, ...handOver].filter((entry) => entry.account === 'member_receivable')), 0);
  assert.equal(buildTransaction(counterPaymentPostings({ method: 'cash', amountCents: 1, memberId: MEMBER }))[0].account, 'cash');
  assert.equal(buildTransaction(counterPaymentPostings({ method: 'cheque', amountCents: 1, memberId: MEMBER }))[0].account, 'cheque_clearing');
});

test('a transaction that would break double entry is refused', () => {
  const refused = (postings: Parameters<typeof buildTransaction>[0]) => assert.throws(() => buildTransaction(postings), InvalidTransactionError);
  refused([debit('cash', 100), credit('member_receivable', 99, { memberId: MEMBER })]);
  refused([debit('cash', -100), credit('member_receivable', -100, { memberId: MEMBER })]);
  refused([debit('cash', 10.5), credit('member_receivable', 10.5, { memberId: MEMBER })]);
  refused([debit('cash', 0), credit('member_receivable', 0, { memberId: MEMBER })]);
  refused([debit('cash', 100)]);
  refused([{ account: 'cash', debitCents: 100, creditCents: 100 }, debit('card_clearing', 100), credit('cheque_clearing', 100)]);
  refused([debit('cash', 100), credit('member_receivable', 100)]);
  refused([debit('cash', 100, { shopId: SHOP }), credit('member_receivable', 100, { memberId: MEMBER })]);
  refused([debit('cash', 100), credit('shop_payable', 100, { memberId: MEMBER })]);
});

const method = fc.constantFrom('cash' as const, 'card' as const, 'cheque' as const);
const id = fc.constantFrom('a', 'b', 'c');
const amount = fc.integer({ min: 1, max: 10_000_000 });
const fact = fc.oneof(
  fc.record({ kind: fc.constant('payment' as const), method, amountCents: amount, memberId: id }),
  fc.record({ kind: fc.constant('handover' as const), shopId: id, memberId: id, totalCents: amount }),
);

type Fact = typeof fact extends fc.Arbitrary<infer T> ? T : never;

function post(facts: readonly Fact[]): EntryDraft[] {
  return facts.flatMap((one) => buildTransaction(one.kind === 'payment' ? counterPaymentPostings(one) : handOverPostings(one)));
}

test('any sequence of valid postings keeps total debits equal to total credits, and the trial balance balances', () => {
  fc.assert(
    fc.property(fc.array(fact, { maxLength: 60 }), (facts) => {
      const entries = post(facts);
      const totals = totalsOf(entries);
      assert.equal(totals.debitCents, totals.creditCents);
      const balance = trialBalance(entries);
      assert.equal(balance.balanced, true);
      assert.equal(balance.lines.reduce((sum, line) => sum + line.balanceCents, 0), 0);
      assert.equal(balance.totalDebitCents, balance.lines.reduce((sum, line) => sum + line.debitCents, 0));
      // the shops are owed exactly what was handed over
      const handedOver = facts.reduce((sum, one) => sum + (one.kind === 'handover' ? one.totalCents : 0), 0);
      assert.equal(0 - balanceOf(entries.filter((entry) => entry.account === 'shop_payable')), handedOver);
    }),
  );
});

test('a member who paid for everything handed over owes nothing', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(id, amount, method), { minLength: 1, maxLength: 20 }), (handOvers) => {
      const entries = handOvers.flatMap(([shopId, totalCents, how]) => [
        ...buildTransaction(handOverPostings({ shopId, memberId: MEMBER, totalCents })),
        ...buildTransaction(counterPaymentPostings({ method: how, amountCents: totalCents, memberId: MEMBER })),
      ]);
      assert.equal(balanceOf(entries.filter((entry) => entry.account === 'member_receivable' && entry.memberId === MEMBER)), 0);
    }),
  );
});

test('the trial balance lists every account in a fixed order, even an unused one', () => {
  const balance = trialBalance([]);
  assert.deepEqual(
    balance.lines.map((line) => line.account),
    ['cash', 'card_clearing', 'cheque_clearing', 'online_clearing', 'bank', 'member_receivable', 'shop_payable', 'commission_income', 'vat_on_commission'] satisfies LedgerAccount[],
  );
  assert.equal(balance.balanced, true);
});
