import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CHART_OF_ACCOUNTS, FEC_COLUMNS, JOURNAL_OF_KIND, encodeLatin9, fecAmount, fecFileName, fecHeader, fecLines, fecText, type FecTransaction } from './fec.ts';
import { LEDGER_ACCOUNTS } from '../settlement.rules.ts';

const handOver: FecTransaction = {
  kind: 'handover',
  number: 7,
  pieceRef: 'K7Q-2',
  pieceOn: '2026-12-31',
  description: 'Remise au comptoir, commande K7Q | 2',
  occurredOn: '2026-12-31',
  postedOn: '2027-01-01',
  entries: [
    { account: 'member_receivable', auxiliary: { code: 'A00123', name: 'Anaïs Cœur' }, debitCents: 123456, creditCents: 0 },
    { account: 'shop_payable', auxiliary: { code: 'C0042', name: 'Boulangerie du Port' }, debitCents: 0, creditCents: 123456 },
  ],
};

function commissionOf(commission: number): FecTransaction {
  return {
    kind: 'commission',
    number: 1,
    pieceRef: 'COM-2026-000119',
    pieceOn: '2026-12-02',
    description: 'Commission',
    occurredOn: '2026-11-30',
    postedOn: '2026-12-02',
    entries: [
      { account: 'shop_payable', auxiliary: { code: 'C0042', name: 'B' }, debitCents: commission + 1, creditCents: 0 },
      { account: 'commission_income', auxiliary: null, debitCents: 0, creditCents: commission },
      { account: 'vat_on_commission', auxiliary: null, debitCents: 0, creditCents: 1 },
    ],
  };
}

test('amounts have a comma, two decimals and no thousands separator', () => {
  assert.equal(fecAmount(0), '0,00');
  assert.equal(fecAmount(5), '0,05');
  assert.equal(fecAmount(123456), '1234,56');
  assert.equal(fecAmount(100_000_000_00), '100000000,00');
});

test('the file is named after the SIREN and the last day of the range', () => {
  assert.equal(fecFileName('123 456 789', '2026-12-31'), '123456789FEC20261231.txt');
});

test('the header names the 18 zones in the legal order, separated by pipes', () => {
  assert.equal(FEC_COLUMNS.length, 18);
  assert.equal(
    fecHeader(),
    'JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise\r\n',
  );
});

test('a hand-over is one numbered entry of the sales journal, dated on its day, with its receipt as document', () => {
  const lines = fecLines(handOver).split('\r\n').filter(Boolean);
  assert.equal(lines.length, 2);
  const first = lines[0].split('|');
  assert.equal(first.length, 18);
  assert.deepEqual(first, [
    'VE',
    'Ventes pour compte de tiers',
    '7',
    '20261231',
    '411000',
    'Adhérents',
    'A00123',
    'Anaïs Cœur',
    'K7Q-2',
    '20261231',
    'Remise au comptoir, commande K7Q 2',
    '1234,56',
    '0,00',
    '',
    '',
    '20270101',
    '',
    '',
  ]);
  assert.equal(lines[1].split('|')[4], '401000');
  assert.equal(lines[1].split('|')[12], '1234,56');
});

test('every ledger account has a number of the French chart whose first three characters are digits', () => {
  for (const account of Object.keys(LEDGER_ACCOUNTS) as Array<keyof typeof LEDGER_ACCOUNTS>) {
    assert.match(CHART_OF_ACCOUNTS[account].number, /^\d{6}$/);
  }
});

test('money in and out shares the bank journal; hand-overs are sales; the commission is a miscellaneous entry', () => {
  for (const kind of ['counter_payment', 'online_payment', 'refund', 'payout'] as const) assert.equal(JOURNAL_OF_KIND[kind], 'BQ');
  assert.equal(JOURNAL_OF_KIND.handover, 'VE');
  assert.equal(JOURNAL_OF_KIND.commission, 'OD');
});

test('the commission of a period is dated the period’s last day, with its invoice as document', () => {
  const zones = fecLines({ ...commissionOf(500), number: 3 }).split('\r\n')[0].split('|');
  assert.deepEqual([zones[0], zones[2], zones[3], zones[8], zones[9], zones[15]], ['OD', '3', '20261130', 'COM-2026-000119', '20261202', '20261202']);
});

test('a zone never holds the separator nor a line break', () => {
  fc.assert(
    fc.property(fc.string(), (value) => {
      const cleaned = fecText(value);
      assert.ok(!/[|\r\n\t]/.test(cleaned));
    }),
  );
});

test('text is written in ISO-8859-15, with the letters French needs', () => {
  const bytes = encodeLatin9('Cœur € é « » l’œuf 😀');
  assert.deepEqual([...bytes.subarray(0, 4)], [0x43, 0xbd, 0x75, 0x72]);
  assert.equal(new TextDecoder('iso-8859-15').decode(bytes), "Cœur € é « » l'œuf ?");
  assert.equal(new TextDecoder('iso-8859-15').decode(encodeLatin9('Ǆ ŁÓDŹ ő')), '? ?ÓDZ o');
});

test('over any transactions, the lines balance: total debit equals total credit', () => {
  const amount = fc.integer({ min: 1, max: 10_000_000 });
  fc.assert(
    fc.property(fc.array(fc.tuple(amount, amount), { minLength: 1, maxLength: 20 }), (pairs) => {
      let text = '';
      for (const [paid, commission] of pairs) {
        text += fecLines({ ...handOver, entries: [handOver.entries[0], { ...handOver.entries[1] }].map((entry) => ({ ...entry, debitCents: entry.debitCents ? paid : 0, creditCents: entry.creditCents ? paid : 0 })) });
        text += fecLines(commissionOf(commission));
      }
      let debit = 0;
      let credit = 0;
      for (const line of text.split('\r\n').filter(Boolean)) {
        const zones = line.split('|');
        debit += Math.round(Number(zones[11].replace(',', '.')) * 100);
        credit += Math.round(Number(zones[12].replace(',', '.')) * 100);
      }
      assert.equal(debit, credit);
    }),
  );
});
