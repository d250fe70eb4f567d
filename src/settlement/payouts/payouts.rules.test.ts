import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canMove, statusesOf } from '../../platform/transitions.ts';
import fc from 'fast-check';
import { SEPA_MAX, toSepaText } from './sepa.ts';
import { BATCH_MOVES, BATCH_TRANSITIONS, hasFile, periodInFigures, remittanceOf, statementEndToEndId } from './payouts.rules.ts';
import { statementNumber } from '../settlement.statements.rules.ts';

test('each step of the payout page is a move the batch table allows, and the steps cover the table', () => {
  for (const [step, { from, to }] of Object.entries(BATCH_MOVES)) assert.ok(canMove(BATCH_TRANSITIONS, from, to), step);
  const moves = statusesOf(BATCH_TRANSITIONS).flatMap((from) => BATCH_TRANSITIONS[from].map((to) => `${from}→${to}`));
  assert.deepEqual(moves.sort(), Object.values(BATCH_MOVES).map(({ from, to }) => `${from}→${to}`).sort());
});

test('a batch has a file from its approval on', () => {
  assert.deepEqual(statusesOf(BATCH_TRANSITIONS).filter(hasFile), ['approved', 'sent', 'paid']);
});

// ---- what a transfer says ----


const NOVEMBER = { period: 'novembre 2026', periodShort: '11/2026' };
const LONG_WEEK = { period: 'du 28 décembre 2026 au 3 janvier 2027', periodShort: periodInFigures('weekly', '2026-12-28', '2027-01-03') };

function folded(text: string): string {
  return toSepaText(text, Number.MAX_SAFE_INTEGER);
}

test('the remittance names the shop’s invoice with its date, the commission invoice deducted and the period', () => {
  const text = remittanceOf({ shopInvoice: { number: 'F2026-118', date: '2026-11-30' }, commissionNumber: 'COM-2026-000119', ...NOVEMBER }, '2026-11-30');
  assert.equal(text, 'Fact. F2026-118 du 30/11 moins commission COM-2026-000119 - ventes novembre 2026');
  // an invoice dated in the next year says its year
  assert.equal(
    remittanceOf({ shopInvoice: { number: 'F12', date: '2027-01-04' }, commissionNumber: 'COM-2027-000001', period: 'décembre 2026', periodShort: '12/2026' }, '2026-12-31'),
    'Fact. F12 du 04/01/2027 moins commission COM-2027-000001 - ventes décembre 2026',
  );
  assert.equal(remittanceOf({ shopInvoice: { number: 'AF-3F9A1C2B-2026-0001', date: '2026-12-01' }, ...NOVEMBER }, '2026-11-30'), 'Fact. AF-3F9A1C2B-2026-0001 du 01/12 - ventes novembre 2026');
  assert.equal(remittanceOf({ commissionNumber: 'COM-2026-000119', ...NOVEMBER }, '2026-11-30'), 'Reversement ventes novembre 2026 moins commission COM-2026-000119');
  assert.equal(remittanceOf({ ...NOVEMBER }, '2026-11-30'), 'Reversement ventes novembre 2026');
});

test('with the longest numbers allowed, the remittance fits 140 SEPA characters and keeps both numbers whole', () => {
  // a shop's number is at most 40 characters (SHOP_INVOICE_NUMBER_PATTERN); a commission number
  // is the series prefix, the year and 6 digits: here with a 24-character prefix
  const shopNumber = 'F2026/NOVEMBRE.BOUTIQUE-CENTRE-VILLE-118';
  assert.equal(shopNumber.length, 40);
  const commissionNumber = 'CONCIERGERIE-ISTRES-FACT-2026-000119';
  for (const period of [NOVEMBER, LONG_WEEK]) {
    const text = folded(remittanceOf({ shopInvoice: { number: shopNumber, date: '2027-01-04' }, commissionNumber, ...period }, '2026-11-30'));
    assert.ok(text.length <= SEPA_MAX.remittance, `${text.length}: ${text}`);
    assert.ok(text.includes(shopNumber), text);
    assert.ok(text.includes(commissionNumber), text);
  }
  // words go first: with long numbers the date and the long wording are dropped, the period stays in figures
  const longWeek = folded(remittanceOf({ shopInvoice: { number: shopNumber, date: '2027-01-04' }, commissionNumber, ...LONG_WEEK }, '2027-01-03'));
  assert.equal(longWeek, `Fact. ${shopNumber} moins comm. ${commissionNumber} - 28/12/2026-03/01/2027`);
});

test('property: any shop number the project accepts and any commission number keep both whole within 140 characters', () => {
  const shopChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./-'.split(''));
  const shopNumber = fc.tuple(fc.constantFrom('F', 'A', '7'), fc.string({ unit: shopChar, maxLength: 39 })).map(([first, rest]) => first + rest);
  const prefix = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ-'.split('')), minLength: 1, maxLength: 24 });
  fc.assert(
    fc.property(shopNumber, prefix, fc.integer({ min: 1, max: 999_999 }), fc.constantFrom(NOVEMBER, LONG_WEEK), (number, series, n, period) => {
      const commissionNumber = `${series}-2026-${String(n).padStart(6, '0')}`;
      const text = folded(remittanceOf({ shopInvoice: { number, date: '2026-11-30' }, commissionNumber, ...period }, '2026-11-30'));
      assert.ok(text.length <= SEPA_MAX.remittance);
      assert.ok(text.includes(number.trim()), text);
      assert.ok(text.includes(commissionNumber), text);
    }),
    { numRuns: 300 },
  );
});

test('the end-to-end id is the statement’s number, a SEPA identifier naming the period and the shop', () => {
  const shopId = '019a3b2c-1d4e-7f00-8a9b-0c1d3f9a1c2b';
  assert.equal(statementNumber({ shopCode: 'C0042', periodKind: 'monthly', periodStart: '2026-11-01' }), 'RLV-202611-C0042');
  assert.equal(statementNumber({ shopCode: 'C0042', periodKind: 'weekly', periodStart: '2026-11-02' }), 'RLV-20261102-C0042');
  // a shop that moved from weekly to monthly: the number of a week starting on the 1st differs from the month's
  assert.notEqual(statementNumber({ shopCode: 'C0042', periodKind: 'weekly', periodStart: '2027-02-01' }), statementNumber({ shopCode: 'C0042', periodKind: 'monthly', periodStart: '2027-02-01' }));
  for (const id of [statementNumber({ shopCode: 'C12345', periodKind: 'weekly', periodStart: '2026-11-02' }), statementEndToEndId(shopId)]) {
    assert.match(id, /^[A-Za-z0-9-]{1,35}$/);
  }
});
