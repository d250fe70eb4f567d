// The conciergerie's invoices as issued for real are Factur-X EN 16931: a month is closed
// (commission invoices), one is cancelled (credit note), a shop with a mandate is self-billed;
// each PDF, downloaded by the concierge, is a PDF/A-3 whose embedded factur-x.xml passes the
// official XSD and schematron and names the number, date and total the database holds. Every
// such invoice of the demo town passes too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemoTown } from '../../src/demo/seed.ts';
import { loadConfig } from '../../src/config.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { SUITE_CLOCK_START } from '../helpers/clock.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { commissionPdfPath, receivedPdfPath } from '../../src/settlement/settlement.paths.ts';
import { readFacturX } from '../../src/settlement/invoices/facturx.read.ts';
import { cancelCommissionInvoice, commissionInvoicePdf, issueSelfBilledInvoice, shopInvoiceFile } from '../../src/settlement/invoices/invoices.service.ts';
import { commissionInvoiceNumber } from '../../src/settlement/invoices/invoices.rules.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { Agent } from '../helpers/agent.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { describeReport, validateFacturX } from '../helpers/facturx.ts';
import { CONCIERGE, makePlace } from '../helpers/orders.ts';
import { closeCurrentPeriod, confirmBankDetails, handedOverOrder, shopWithOffer } from '../helpers/settlement.ts';

let ctx: TestApp;
let concierge: Agent;
after(() => ctx?.close());

before(async () => {
  ctx = await buildTestApp();
  concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
});

/** The XML's value of one element, e.g. `ram:GrandTotalAmount`. */
function valueOf(xml: string, element: string): string | undefined {
  return new RegExp(`<${element}[^>]*>([^<]*)</${element}>`).exec(xml)?.[1];
}

function decimal(cents: number): string {
  return (cents / 100).toFixed(2);
}

async function assertFacturX(pdf: Buffer, expected: { number: string; issuedOn: string; totalCents: number; typeCode: string }): Promise<void> {
  assert.match(pdf.toString('latin1'), /<pdfaid:part>3<\/pdfaid:part>/, `${expected.number}: declared PDF/A-3 in its XMP`);
  const xml = await readFacturX(pdf);
  assert.ok(xml, `${expected.number}: carries factur-x.xml`);
  const report = await validateFacturX(xml);
  assert.equal(report.xsdErrors, '', `${expected.number}: XSD\n${report.xsdErrors}`);
  assert.deepEqual(report.failedAsserts, [], `${expected.number}: schematron\n${describeReport(report)}`);
  assert.equal(/<rsm:ExchangedDocument>\s*<ram:ID>([^<]*)</.exec(xml)?.[1], expected.number);
  assert.equal(valueOf(xml, 'ram:TypeCode'), expected.typeCode);
  assert.equal(/<ram:IssueDateTime>\s*<udt:DateTimeString format="102">(\d{8})</.exec(xml)?.[1], expected.issuedOn.replace(/-/g, ''));
  assert.equal(valueOf(xml, 'ram:GrandTotalAmount'), decimal(expected.totalCents));
}

test('commission invoice, credit note and self-billed invoice, downloaded by the concierge, carry a valid Factur-X of their own figures', async () => {
  const placeId = await makePlace(ctx.db);
  const first = await shopWithOffer(ctx.db, { tradeName: 'Fromagerie du Marché', priceCents: 4870 });
  const second = await shopWithOffer(ctx.db, { tradeName: 'Cave des Arènes', priceCents: 3190 });
  await ctx.db.updateTable('shops').set({ siret: '73282932000074', vat_number: 'FR44732829320', address_line: '12 rue de la République' }).where('id', '=', first.shopId).execute();
  await ctx.db.updateTable('shops').set({ siret: '55208131766522', vat_number: 'FR85552081317', address_line: '3 place des Arènes', self_billing_since: '2020-01-01' }).where('id', '=', second.shopId).execute();
  await confirmBankDetails(ctx.db, [first.shopId, second.shopId]);
  await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: first.offerId, quantity: 2 }, { offerId: second.offerId }]);
  await closeCurrentPeriod(ctx.db, ctx.config);

  const invoices = await ctx.db.selectFrom('commission_invoices').selectAll().orderBy('number').execute();
  assert.equal(invoices.length, 2, 'one commission invoice per shop');
  const cancelled = invoices[0];
  const { creditNoteId } = await cancelCommissionInvoice(ctx.db, ctx.config, CONCIERGE, cancelled.id, 'Taux de commission erroné', newIdempotencyKey());
  const statement = await ctx.db.selectFrom('statements').select('id').where('shop_id', '=', second.shopId).executeTakeFirstOrThrow();
  const selfBilledId = await issueSelfBilledInvoice(ctx.db, ctx.config, CONCIERGE, statement.id, newIdempotencyKey());

  for (const row of await ctx.db.selectFrom('commission_invoices').selectAll().orderBy('number').execute()) {
    const response = await concierge.get(commissionPdfPath(row.id));
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    await assertFacturX(response.rawPayload, { number: commissionInvoiceNumber(row.series, Number(row.number)), issuedOn: row.issued_on, totalCents: Number(row.total_cents), typeCode: row.kind === 'credit_note' ? '381' : '380' });
    if (row.id === creditNoteId) assert.match((await readFacturX(response.rawPayload))!, new RegExp(`<ram:IssuerAssignedID>${commissionInvoiceNumber(cancelled.series, Number(cancelled.number))}</ram:IssuerAssignedID>`));
  }
  const own = await ctx.db.selectFrom('shop_invoices').selectAll().where('id', '=', selfBilledId).executeTakeFirstOrThrow();
  const response = await concierge.get(receivedPdfPath(selfBilledId));
  assert.equal(response.statusCode, 200);
  await assertFacturX(response.rawPayload, { number: own.number, issuedOn: own.invoice_date, totalCents: Number(own.amount_cents), typeCode: '389' });
  assert.equal(Number(own.amount_cents), 3190);
});

/**
 * A day on which the demo's self-billing shop has sales in its mandate's month: which shop sells
 * in which month follows the seeded history's days, so the demo is seeded on a fixed day.
 */
const DEMO_DAY = '2026-12-02T10:00:00.000Z';
const SUITE_START = loadConfig({ NODE_ENV: 'test', CLOCK_START: SUITE_CLOCK_START }).clockStartsAt;

test('every commission invoice, credit note and self-billed invoice of the demo town passes the XSD and the schematron', async () => {
  startClockAt(DEMO_DAY);
  const demo = await buildTestApp({ CLOCK_START: DEMO_DAY });
  try {
    // Seeded on the clock's day: only then does the demo town get its year of money.
    await seedDemoTown(demo.db, demo.config, { onlyIfEmpty: true });
    const commission = await demo.db.selectFrom('commission_invoices').select(['id', 'series', 'number', 'kind', 'issued_on', 'total_cents']).orderBy('series').orderBy('number').execute();
    const selfBilled = await demo.db.selectFrom('shop_invoices').select(['id', 'number', 'invoice_date', 'amount_cents']).where('self_billed', '=', 1).orderBy('number').execute();
    assert.ok(commission.length > 0 && selfBilled.length > 0, `the demo holds commission (${commission.length}) and self-billed (${selfBilled.length}) invoices`);
    for (const row of commission) {
      const file = await commissionInvoicePdf(demo.db, demo.config, CONCIERGE, row.id);
      await assertFacturX(file.bytes, { number: commissionInvoiceNumber(row.series, Number(row.number)), issuedOn: row.issued_on, totalCents: Number(row.total_cents), typeCode: row.kind === 'credit_note' ? '381' : '380' });
    }
    for (const row of selfBilled) {
      const file = await shopInvoiceFile(demo.db, CONCIERGE, row.id);
      await assertFacturX(file.bytes, { number: row.number, issuedOn: row.invoice_date, totalCents: Number(row.amount_cents), typeCode: '389' });
    }
  } finally {
    await demo.close();
    startClockAt(SUITE_START);
  }
});
