// The lines of a statement's page always add up to what the shop is paid: carried amounts no
// record explains still show as a line; an inconsistent statement is refused, not shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeCarried, invoiceTodoOf, sumLines } from './statements.sheet.rules.ts';

const STATEMENT = { salesCents: 7640, refundsCents: 0, commissionCents: 382, commissionBp: 500, vatCents: 76, vatBp: 2000, carriedCents: -1000, payableCents: 6182 };

test('the lines sum to the payable amount, carried items included and completed', () => {
  const lines = sumLines(STATEMENT, [{ kind: 'credit_note', number: 'COM-2026-000007', issuedOn: '2026-11-03', amountCents: 500 }]);
  assert.deepEqual(lines.map((line) => line.cents), [7640, -382, -76, 500, -1500]);
  const last = lines.at(-1)!;
  assert.equal(last.kind === 'carried' ? last.item.kind : last.kind, 'other');
  assert.deepEqual(completeCarried(0, []), []);
  assert.throws(() => sumLines({ ...STATEMENT, payableCents: 6183 }, []), RangeError);
});

test('the merchant invoices sales less refunds while the statement waits for it', () => {
  assert.deepEqual(invoiceTodoOf({ status: 'awaiting_invoice', salesCents: 7640, refundsCents: 640 }, false), { kind: 'send', amountCents: 7000, corrected: false });
  assert.deepEqual(invoiceTodoOf({ status: 'difference', salesCents: 7640, refundsCents: 0 }, true), { kind: 'send', amountCents: 7640, corrected: true });
  assert.deepEqual(invoiceTodoOf({ status: 'settled', salesCents: 7640, refundsCents: 0 }, true), { kind: 'received' });
  assert.deepEqual(invoiceTodoOf({ status: 'settled', salesCents: 0, refundsCents: 500 }, false), { kind: 'nothing' });
});
