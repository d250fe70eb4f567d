// Goods handed over in November and refunded in December: November's statement took 5 % on
// them and invoiced it; December's statement bears the refund and gives that commission back
// by a credit note on November's invoice (its own number, pointing at the invoice), posted to
// the ledger. Over both months the shop is paid its net sales less 5 % and the VAT on it.
// The clock is pinned in each month (no test depends on today's date).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { SUITE_CLOCK_START } from '../helpers/clock.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { CONCIERGE, makePlace } from '../helpers/orders.ts';
import { handedOverOrder, shopWithOffer } from '../helpers/settlement.ts';
import { recordRefund } from '../../src/orders/index.ts';
import { accountBalanceCents, closePeriod, conciergeTrialBalance } from '../../src/settlement/index.ts';
import { cancelCommissionInvoice, commissionInvoicePdf } from '../../src/settlement/invoices/invoices.service.ts';
import { applyRate } from '../../src/platform/money.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { localToUtc } from '../../src/platform/calendar.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let ctx: TestApp;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
});

after(() => {
  startClockAt(SUITE_CLOCK_START);
  return ctx.close();
});

async function closeMonth(start: string, dayAfter: string) {
  await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start }, localToUtc(dayAfter, '09:00', ctx.config.timeZone)!);
}

function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'credit-note-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), bytes);
    const run = spawnSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a refund in December of goods sold in November gives November’s commission back by a credit note in December', async () => {
  const shop = await shopWithOffer(ctx.db, { tradeName: 'Fromagerie du Marché', priceCents: 7650, period: 'monthly' });
  const platter = await makeOffer(ctx.db, shop.shopId, { priceCents: 2550 });
  const butter = await makeOffer(ctx.db, shop.shopId, { priceCents: 4000 });

  // November: two lines handed over, the month closed on 1 December
  startClockAt('2026-11-10T10:00:00.000Z');
  const sold = await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: shop.offerId }, { offerId: platter }]);
  await closeMonth('2026-11-01', '2026-12-01');
  const november = await ctx.db.selectFrom('statements').selectAll().where('shop_id', '=', shop.shopId).where('period_start', '=', '2026-11-01').executeTakeFirstOrThrow();
  // 5 % of 102,00 € = 5,10 €, VAT 20 % 1,02 €
  assert.deepEqual([Number(november.sales_cents), Number(november.commission_cents), Number(november.vat_cents), Number(november.payable_cents)], [10_200, 510, 102, 9_588]);
  const invoice = await ctx.db.selectFrom('commission_invoices').selectAll().where('statement_id', '=', november.id).executeTakeFirstOrThrow();
  assert.equal(invoice.kind, 'invoice');

  // December: the platter comes back and is refunded; the shop sells butter
  startClockAt('2026-12-08T10:00:00.000Z');
  const line = await ctx.db.selectFrom('order_lines').select('id').where('order_id', '=', sold.orderId).where('total_cents', '=', 2550).executeTakeFirstOrThrow();
  await recordRefund(ctx.db, ctx.config, CONCIERGE, sold.orderId, { scope: { kind: 'line', lineId: line.id }, reason: 'Plateau rapporté' }, newIdempotencyKey());
  await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: butter }]);
  await closeMonth('2026-12-01', '2027-01-01');
  const december = await ctx.db.selectFrom('statements').selectAll().where('shop_id', '=', shop.shopId).where('period_start', '=', '2026-12-01').executeTakeFirstOrThrow();

  // December's own commission is on its own sales (5 % of 40,00 €, VAT 0,40 €); the refund of
  // 25,50 € gives back 5 % of it, 1,275 € → 1,28 €, and 20 % VAT on it, 0,256 € → 0,26 €
  assert.deepEqual(
    [Number(december.sales_cents), Number(december.refunds_cents), Number(december.commission_cents), Number(december.vat_cents), Number(december.carried_cents), Number(december.payable_cents)],
    [4_000, 2_550, 200, 40, 154, 4_000 - 2_550 - 200 - 40 + 154],
  );
  const documents = await ctx.db.selectFrom('commission_invoices').selectAll().where('statement_id', '=', december.id).orderBy('number').execute();
  assert.deepEqual(documents.map((row) => row.kind), ['invoice', 'credit_note']);
  const creditNote = documents[1];
  assert.equal(creditNote.corrects_id, invoice.id, 'the credit note points at the November invoice');
  assert.equal(creditNote.cancels_id, null, 'it corrects the invoice, it does not cancel it');
  assert.equal(creditNote.carried_statement_id, december.id, 'paid back in the statement of the refund');
  assert.deepEqual([creditNote.series, Number(creditNote.number)], [documents[0].series, Number(documents[0].number) + 1], 'numbered in the commission series, after the invoices of the closing');
  assert.deepEqual([Number(creditNote.net_cents), creditNote.vat_bp, Number(creditNote.vat_cents), Number(creditNote.total_cents)], [128, 2000, 26, 154]);

  // Over both months: the shop is paid its net sales less the commission and its VAT, to the cent
  const netSales = 10_200 + 4_000 - 2_550;
  const commission = 510 + 200 - 128;
  const vat = 102 + 40 - 26;
  assert.ok(Math.abs(commission - applyRate(netSales, 500)) <= 2, 'the commission is 5 % of what the shop really sold');
  assert.equal(Number(november.payable_cents) + Number(december.payable_cents), netSales - commission - vat);
  assert.equal(netSales - commission - vat, 10_952);

  // The ledger: balanced, the shop owed exactly both statements, the commission and VAT net of the credit note
  const balance = await conciergeTrialBalance(ctx.db, CONCIERGE);
  assert.ok(balance.balanced);
  assert.equal(balance.totalDebitCents, balance.totalCreditCents);
  assert.equal(-(await accountBalanceCents(ctx.db, 'shop_payable', { shopId: shop.shopId })), 10_952);
  assert.equal(-(await accountBalanceCents(ctx.db, 'commission_income')), commission);
  assert.equal(-(await accountBalanceCents(ctx.db, 'vat_on_commission')), vat);
  const posted = await ctx.db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transactions as t', 't.id', 'e.transaction_id')
    .select(['e.account', 'e.debit_cents', 'e.credit_cents', 't.occurred_at'])
    .where('t.source_key', '=', `credit_note:${creditNote.id}`)
    .orderBy('e.position')
    .execute();
  assert.deepEqual(posted.map((row) => [row.account, Number(row.debit_cents), Number(row.credit_cents)]), [['shop_payable', 0, 154], ['commission_income', 128, 0], ['vat_on_commission', 26, 0]]);
  assert.ok(posted[0].occurred_at >= '2026-12-01' && posted[0].occurred_at < '2027-01-01', 'dated in December');

  // The credit note's PDF names the invoice it corrects and says why
  const pdf = pdfText((await commissionInvoicePdf(ctx.db, ctx.config, CONCIERGE, creditNote.id)).bytes);
  const invoiceNumber = `${invoice.series}-${String(invoice.number).padStart(6, '0')}`;
  assert.match(pdf, new RegExp(`Corrige la facture ${invoiceNumber}`));
  // the table's cell may wrap around the amount column: its two parts are checked apart
  assert.match(pdf, /Commission rendue sur les marchandises remboursées/);
  assert.match(pdf, /\(25,50 €\), vendues du 1er au 30 novembre 2026 \(5 %\)/);
  assert.doesNotMatch(pdf, /pour la totalité/);

  // Closing again later gives nothing back twice
  startClockAt('2027-01-12T10:00:00.000Z');
  await closeMonth('2027-01-01', '2027-02-01');
  assert.equal((await ctx.db.selectFrom('commission_invoices').select('id').where('corrects_id', '=', invoice.id).execute()).length, 1);

  // Cancelling November's invoice afterwards gives back only what is left on it
  const { creditNoteId } = await cancelCommissionInvoice(ctx.db, ctx.config, CONCIERGE, invoice.id, 'Erreur de taux', newIdempotencyKey());
  const cancellation = await ctx.db.selectFrom('commission_invoices').selectAll().where('id', '=', creditNoteId).executeTakeFirstOrThrow();
  assert.deepEqual([Number(cancellation.net_cents), Number(cancellation.vat_cents), Number(cancellation.total_cents)], [510 - 128, 102 - 26, 612 - 154]);
  assert.ok((await conciergeTrialBalance(ctx.db, CONCIERGE)).balanced);
});
