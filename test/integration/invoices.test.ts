// Shop invoices and commission invoices: a statement's invoice recorded and matched to the
// cent, a difference shown and resolved (accepted with a reason or replaced by a corrected
// invoice), refused once the statement is being paid; the self-billed invoice under a
// mandate; the commission invoice PDF with the French mandatory mentions, read back with
// pdftotext; its cancellation by a credit note, once; and who may read what.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCommissionInvoicePdf, renderSelfBilledInvoicePdf, type CommissionInvoiceDocument } from '../../src/settlement/invoices/invoices.pdf.ts';

/** pdftotext and pdftoppm (poppler-utils): under CI a missing tool fails the test, never skips it. */
function popplerMissing(): string | false {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return false;
  } catch {
    if (process.env.CI === 'true') throw new Error('pdftotext/pdftoppm (poppler-utils) are missing: add them to the machine');
    return 'poppler-utils is not installed';
  }
}
const skip = popplerMissing();

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'invoices-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The text of a PDF as pdftotext reads it, spaces made plain; also renders page 1 to PNG. */
function pdfText(bytes: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, name)]);
  assert.ok(readFileSync(join(dir, `${name}-1.png`)).length > 1000, 'the first page renders');
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

const PARTIES = {
  seller: { legalName: 'Commune d’Istres — Conciergerie municipale', address: '1 esplanade Bernardin Laugier, 13800 Istres', siren: '213000474', siret: '21300047400014', vatNumber: 'FR63213000474' },
  buyer: { legalName: 'Poissonnerie Martin SARL', address: '12 rue de la République, 13800 Istres', siret: '73282932000074', vatNumber: 'FR44732829320' },
};

const INVOICE: CommissionInvoiceDocument = {
  kind: 'invoice',
  number: 'COM-2026-000042',
  issuedOn: '2026-12-01',
  parties: PARTIES,
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  salesCents: 7650,
  refundsCents: 0,
  commissionBp: 500,
  netCents: 383,
  vatBp: 2000,
  vatCents: 77,
  totalCents: 460,
  paymentTermsDays: 30,
  vatOnDebits: false,
  createdAt: new Date('2026-12-01T08:00:00Z'),
};

test('the commission invoice PDF carries every mandatory mention, in an embedded font', { skip }, async () => {
  const bytes = await renderCommissionInvoicePdf(INVOICE);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(bytes, 'invoice');
  for (const mention of [
    'Facture n° COM-2026-000042',
    '1er décembre 2026',
    'Commune d’Istres — Conciergerie municipale',
    '1 esplanade Bernardin Laugier, 13800 Istres',
    'SIREN : 213000474',
    'SIRET : 21300047400014',
    'N° de TVA : FR63213000474',
    'Poissonnerie Martin SARL',
    '12 rue de la République, 13800 Istres',
    'SIRET : 73282932000074',
    'N° de TVA : FR44732829320',
    'Commission sur les ventes du 1er au 30 novembre 2026 (5 %)',
    'Total HT 3,83 €',
    'TVA 20 % 0,77 €',
    'Total TTC 4,60 €',
    'Déduite du reversement du relevé du 1er au 30 novembre 2026',
    'au plus tard le 31 décembre',
    'pénalités',
    'indemnité forfaitaire pour frais de recouvrement de 40 €',
  ]) {
    assert.ok(text.includes(mention), `« ${mention} » is printed:\n${text}`);
  }
  assert.doesNotMatch(text, /293 B/);
  const fonts = execFileSync('pdffonts', [join(dir, 'invoice.pdf')], { encoding: 'utf8' });
  assert.match(fonts, /DejaVuSans\s.*yes yes yes/);
  assert.doesNotMatch(fonts, /Helvetica/);
});

test('an operator exempt from VAT prints « TVA non applicable, art. 293 B du CGI »; a credit note names the invoice it cancels', { skip }, async () => {
  const exempt = pdfText(await renderCommissionInvoicePdf({ ...INVOICE, vatBp: null, vatCents: 0, totalCents: 383, parties: { ...PARTIES, seller: { ...PARTIES.seller, vatNumber: null } } }), 'exempt');
  assert.match(exempt, /TVA non applicable, art\. 293 B du CGI/);
  assert.match(exempt, /Total TTC 3,83 €/);
  const credit = pdfText(
    await renderCommissionInvoicePdf({ ...INVOICE, kind: 'credit_note', number: 'COM-2026-000043', cancels: { number: 'COM-2026-000042', issuedOn: '2026-12-01', reason: 'Taux de commission erroné' } }),
    'credit',
  );
  assert.match(credit, /Avoir n° COM-2026-000043/);
  assert.match(credit, /annule la facture n° COM-2026-000042 du 1er décembre 2026/);
  assert.match(credit, /Taux de commission erroné/);
  assert.match(credit, /Total de l’avoir TTC 4,60 €/);
});

test('the self-billed invoice says it is issued by the customer in the supplier’s name', { skip }, async () => {
  const text = pdfText(
    await renderSelfBilledInvoicePdf({
      number: 'AF-1C2B4D5E-2026-0001',
      issuedOn: '2026-12-02',
      supplier: PARTIES.buyer,
      customer: PARTIES.seller,
      mandateSince: '2026-01-15',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      salesCents: 7650,
      refundsCents: 650,
      vatRates: [{ rateBp: 550, grossCents: 7000, netCents: 6635, vatCents: 365 }],
    }),
    'self-billed',
  );
  assert.match(text, /Autofacturation/);
  assert.match(text, /Facture émise par le client au nom et pour le compte du fournisseur/);
  assert.match(text, /AF-1C2B4D5E-2026-0001/);
  assert.match(text, /Total TTC 70,00 €/);
  assert.match(text, /mandat d’autofacturation signé le 15 janvier 2026/);
});

// ---- through the pages, on a closed month ----

import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { CONCIERGE, makeOrder, makePlace } from '../helpers/orders.ts';
import { receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { closePeriod, commissionSeries, moveStatement } from '../../src/settlement/statements/statements.service.ts';
import { cancelCommissionInvoice, recordShopInvoice } from '../../src/settlement/invoices/invoices.service.ts';
import { DomainError } from '../../src/platform/errors.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { visibleText } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
/** One statement per shop, each 2 × 12,50 € = 25,00 € of sales, commission 5 % (1,25 €) + VAT 20 % (0,25 €). */
let statements: { id: string; shopId: string }[];

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** Six shops sell in one order handed over this month; the month is then closed (as seen from the next month). */
async function closedMonth(): Promise<{ id: string; shopId: string }[]> {
  const placeId = await makePlace(ctx.db);
  const made = await makeOrder(ctx.db, ctx.config, { placeId, shops: 6 });
  const pos = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).orderBy('id').execute();
  for (const [index, po] of pos.entries()) {
    await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, po.id, { storageLocation: `L${index + 1}`, chilled: false });
  }
  const page = await concierge.get(`/gestion/comptoir/${made.orderId}`);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)![1];
  const ids = pos.map((po) => po.id);
  const handed = await concierge.post(`/gestion/comptoir/${made.orderId}`, { bons: ids, shown: ids.join(','), payment: 'card', idempotency_key: key });
  assert.equal(handed.statusCode, 303);
  const today = localDateOf(nowIso(), ctx.config.timeZone);
  const start = `${today.slice(0, 7)}-01`;
  const next = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 2, 12)).toISOString();
  await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start }, next);
  const rows = await ctx.db.selectFrom('statements').select(['id', 'shop_id']).orderBy('shop_id').execute();
  return rows.map((row) => ({ id: row.id, shopId: row.shop_id }));
}

before(async () => {
  ctx = await buildTestApp();
  concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
  statements = await closedMonth();
  assert.equal(statements.length, 6);
});
after(() => ctx?.close());

async function statementStatus(id: string): Promise<string> {
  return (await ctx.db.selectFrom('statements').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

async function keyOf(agent: Agent, url: string): Promise<string> {
  const page = await agent.get(url);
  assert.equal(page.statusCode, 200, visibleText(page.body).slice(0, 300));
  return /name="idempotency_key" value="([^"]+)"/.exec(page.body)![1];
}

async function recordInvoice(statementId: string, fields: Record<string, string>, file: Buffer | null = PDF) {
  const url = `/gestion/releves/${statementId}/facture`;
  const page = await concierge.get(url);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1] ?? newIdempotencyKey();
  return concierge.postMultipart(url, { idempotency_key: key, number: 'F2026-118', invoice_date: localDateOf(nowIso(), ctx.config.timeZone), amount: '25,00', ...fields }, file ? { field: 'file', filename: 'facture.pdf', contentType: 'application/pdf', data: file } : undefined);
}

test('an invoice equal to the statement to the cent is matched and the statement settled; its PDF is kept', async () => {
  const [statement] = statements;
  const page = await concierge.get(`/gestion/releves/${statement.id}/facture`);
  assert.match(visibleText(page.body), /elle doit être de 25,00 €/);
  const response = await recordInvoice(statement.id, {});
  assert.equal(response.statusCode, 303, visibleText(response.body).slice(0, 500));
  assert.equal(await statementStatus(statement.id), 'settled');
  const invoice = await ctx.db.selectFrom('shop_invoices').selectAll().where('statement_id', '=', statement.id).executeTakeFirstOrThrow();
  assert.equal(invoice.status, 'matched');
  assert.equal(Number(invoice.amount_cents), 2500);
  const file = await concierge.get(`/gestion/factures-recues/${invoice.id}.pdf`);
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], 'application/pdf');
  assert.equal(file.rawPayload.subarray(0, 5).toString(), '%PDF-');
  // settled: nothing more to record
  const again = await recordInvoice(statement.id, { number: 'F2026-119' });
  assert.equal(again.statusCode, 422);
  assert.match(visibleText(again.body), /déjà rapprochée/);
});

test('bad input is refused next to its field, the typed values kept, nothing written', async () => {
  const statement = statements[1];
  const before = await ctx.db.selectFrom('shop_invoices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const threeDecimals = await recordInvoice(statement.id, { amount: '12,505', number: 'F-77' });
  assert.equal(threeDecimals.statusCode, 422);
  assert.match(visibleText(threeDecimals.body), /deux décimales au plus/);
  assert.match(threeDecimals.body, /value="12,505"/);
  assert.match(threeDecimals.body, /value="F-77"/);
  const notPdf = await recordInvoice(statement.id, {}, Buffer.from('GIF89a not a pdf'));
  assert.equal(notPdf.statusCode, 422);
  assert.match(visibleText(notPdf.body), /Ce fichier n’est pas un PDF/);
  const noFile = await recordInvoice(statement.id, {}, null);
  assert.equal(noFile.statusCode, 422);
  assert.match(visibleText(noFile.body), /Joignez la facture/);
  const badDate = await recordInvoice(statement.id, { invoice_date: '31/02/2026' });
  assert.match(visibleText(badDate.body), /jj\/mm\/aaaa/);
  const unknownField = await recordInvoice(statement.id, { surprise: '1' });
  assert.equal(unknownField.statusCode, 422);
  const after = await ctx.db.selectFrom('shop_invoices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(after.n), Number(before.n));
  assert.equal(await statementStatus(statement.id), 'awaiting_invoice');
});

test('a difference is shown and must be accepted with a reason', async () => {
  const statement = statements[1];
  const response = await recordInvoice(statement.id, { amount: '23,80' });
  assert.equal(response.statusCode, 303);
  assert.equal(await statementStatus(statement.id), 'difference');
  const page = await concierge.get(`/gestion/releves/${statement.id}/facture`);
  assert.match(visibleText(page.body), /Écart de 1,20 € entre la facture \(23,80 €\) et le relevé \(25,00 €\)/);
  const noReason = await concierge.post(`/gestion/releves/${statement.id}/ecart`, { reason: '  ' });
  assert.equal(noReason.statusCode, 422);
  assert.match(visibleText(noReason.body), /Ce champ est obligatoire/);
  assert.equal(await statementStatus(statement.id), 'difference');
  const accepted = await concierge.post(`/gestion/releves/${statement.id}/ecart`, { reason: 'Arrondi du commerce' });
  assert.equal(accepted.statusCode, 303);
  assert.equal(await statementStatus(statement.id), 'settled');
  const invoice = await ctx.db.selectFrom('shop_invoices').selectAll().where('statement_id', '=', statement.id).executeTakeFirstOrThrow();
  assert.equal(invoice.status, 'accepted');
  assert.equal(invoice.resolution_note, 'Arrondi du commerce');
});

test('a corrected invoice replaces the one that differed', async () => {
  const statement = statements[2];
  assert.equal((await recordInvoice(statement.id, { amount: '23,80', number: 'F-1' })).statusCode, 303);
  assert.equal((await recordInvoice(statement.id, { amount: '25', number: 'F-1bis' })).statusCode, 303);
  assert.equal(await statementStatus(statement.id), 'settled');
  const rows = await ctx.db.selectFrom('shop_invoices').select(['number', 'status']).where('statement_id', '=', statement.id).orderBy('number').execute();
  assert.deepEqual(rows, [
    { number: 'F-1', status: 'replaced' },
    { number: 'F-1bis', status: 'matched' },
  ]);
});

test('once the statement is in a payout, its invoice can no longer change', async () => {
  const statement = statements[3];
  assert.equal((await recordInvoice(statement.id, { amount: '20,00' })).statusCode, 303);
  await ctx.db.transaction().execute(async (trx) => {
    await moveStatement(trx, statement.id, 'difference', 'settled');
    await moveStatement(trx, statement.id, 'settled', 'in_batch');
  });
  const refused = await recordInvoice(statement.id, { amount: '25,00' });
  assert.equal(refused.statusCode, 422);
  assert.match(visibleText(refused.body), /Ce relevé est déjà en paiement : il ne peut plus être modifié\./);
  const accept = await concierge.post(`/gestion/releves/${statement.id}/ecart`, { reason: 'trop tard' }, `/gestion/releves/${statement.id}/facture`);
  assert.match(visibleText(accept.body), /déjà en paiement/);
  assert.equal(await statementStatus(statement.id), 'in_batch');
});

test('under a self-billing mandate the conciergerie issues the shop’s invoice in the shop’s own series', async () => {
  const [withMandate, without] = [statements[4], statements[5]];
  const refused = await concierge.post(`/gestion/releves/${without.id}/autofacture`, { idempotency_key: newIdempotencyKey() }, `/gestion/releves/${without.id}/facture`);
  assert.equal(refused.statusCode, 422);
  assert.match(visibleText(refused.body), /mandat d’autofacturation/);
  await ctx.db.updateTable('shops').set({ self_billing_since: '2020-01-01' }).where('id', '=', withMandate.shopId).execute();
  const url = `/gestion/releves/${withMandate.id}/facture`;
  assert.match(visibleText((await concierge.get(url)).body), /Émettre l’autofacture/);
  const key = /action="[^"]+\/autofacture"[\s\S]*?name="idempotency_key" value="([^"]+)"/.exec(concierge.lastHtml)![1];
  const issued = await concierge.post(`/gestion/releves/${withMandate.id}/autofacture`, { idempotency_key: key });
  assert.equal(issued.statusCode, 303);
  // the same form sent twice issues one invoice
  await concierge.post(`/gestion/releves/${withMandate.id}/autofacture`, { idempotency_key: key }, url);
  const rows = await ctx.db.selectFrom('shop_invoices').selectAll().where('statement_id', '=', withMandate.id).execute();
  assert.equal(rows.length, 1);
  assert.equal(Number(rows[0].self_billed), 1);
  assert.match(rows[0].number, /^AF-[0-9A-F]{8}-\d{4}-0001$/);
  assert.equal(await statementStatus(withMandate.id), 'settled');
  const pdf = await concierge.get(`/gestion/factures-recues/${rows[0].id}.pdf`);
  const text = pdfText(pdf.rawPayload, 'self-billed-page');
  assert.match(text, /Facture émise par le client au nom et pour le compte du fournisseur/);
  assert.match(text, /Total TTC 25,00 €/);
});

test('the commission invoice PDF: the concierge and that shop’s merchants only', { skip }, async () => {
  const statement = statements[0];
  const invoice = await ctx.db.selectFrom('commission_invoices').selectAll().where('statement_id', '=', statement.id).executeTakeFirstOrThrow();
  const shop = await ctx.db.selectFrom('shops').selectAll().where('id', '=', statement.shopId).executeTakeFirstOrThrow();
  const response = await concierge.get(`/gestion/factures/${invoice.id}.pdf`);
  assert.equal(response.statusCode, 200);
  const text = pdfText(response.rawPayload, 'commission-page');
  assert.ok(text.includes(`Facture n° ${invoice.series}-${String(invoice.number).padStart(6, '0')}`), text);
  assert.ok(text.includes(shop.legal_name));
  assert.ok(text.includes(ctx.config.operator.legalName));
  assert.match(text, /Commission sur les ventes du 1er au \d+ \S+ \d{4} \(5 %\)/);
  assert.match(text, /Total HT 1,25 € TVA 20 % 0,25 € Total TTC 1,50 €/);
  assert.match(text, /indemnité forfaitaire pour frais de recouvrement de 40 €/);

  const merchant = new Agent(ctx.app);
  const own = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: statement.shopId });
  await merchant.login(own.email, own.password);
  assert.equal((await merchant.get(`/boutique/${statement.shopId}/factures/${invoice.id}.pdf`)).statusCode, 200);
  const list = await merchant.get(`/boutique/${statement.shopId}/factures`);
  assert.equal(list.statusCode, 200);
  assert.match(visibleText(list.body), /Facture .* \(PDF\)/);
  assert.equal((await merchant.get(`/gestion/factures/${invoice.id}.pdf`)).statusCode, 404);

  const other = new Agent(ctx.app);
  const stranger = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: statements[1].shopId });
  await other.login(stranger.email, stranger.password);
  assert.equal((await other.get(`/boutique/${statements[1].shopId}/factures/${invoice.id}.pdf`)).statusCode, 404);
  assert.equal((await other.get(`/boutique/${statement.shopId}/factures`)).statusCode, 404);
  assert.equal((await other.get(`/boutique/${statement.shopId}/factures/${invoice.id}.pdf`)).statusCode, 404);
  assert.equal((await concierge.get(`/gestion/factures/${statement.id}.pdf`)).statusCode, 404);
});

test('a commission invoice is cancelled by one credit note, next in its series, with the reason', { skip }, async () => {
  const statement = statements[0];
  const invoice = await ctx.db.selectFrom('commission_invoices').selectAll().where('statement_id', '=', statement.id).executeTakeFirstOrThrow();
  const url = `/gestion/factures/${invoice.id}/avoir`;
  const key = await keyOf(concierge, url);
  const noReason = await concierge.post(url, { idempotency_key: key, reason: '' });
  assert.equal(noReason.statusCode, 422);
  const done = await concierge.post(url, { idempotency_key: key, reason: 'Taux de commission erroné' });
  assert.equal(done.statusCode, 303);
  const credit = await ctx.db.selectFrom('commission_invoices').selectAll().where('cancels_id', '=', invoice.id).executeTakeFirstOrThrow();
  // numbered in the series of its own issue date (today), whatever the invoice's
  assert.equal(credit.series, commissionSeries(ctx.config, localDateOf(nowIso(), ctx.config.timeZone)));
  const series = await ctx.db.selectFrom('commission_invoices').selectAll().where('series', '=', credit.series).orderBy('number').execute();
  assert.equal(credit.kind, 'credit_note');
  assert.equal(Number(credit.number), Math.max(0, ...series.filter((row) => row.id !== credit.id).map((row) => Number(row.number))) + 1);
  assert.equal(Number(credit.total_cents), Number(invoice.total_cents));
  const again = await concierge.post(url, { idempotency_key: newIdempotencyKey(), reason: 'encore' });
  assert.equal(again.statusCode, 422);
  assert.match(visibleText(again.body), /déjà annulée par un avoir/);
  const text = pdfText((await concierge.get(`/gestion/factures/${credit.id}.pdf`)).rawPayload, 'credit-page');
  assert.match(text, /Avoir n° /);
  assert.match(text, /Taux de commission erroné/);
  // the commission goes back to what the shop is owed, in a balanced transaction
  const entries = await ctx.db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transactions as t', 't.id', 'e.transaction_id')
    .select(['e.account', 'e.debit_cents', 'e.credit_cents'])
    .where('t.source_key', '=', `credit_note:${credit.id}`)
    .execute();
  const sum = (side: 'debit_cents' | 'credit_cents') => entries.reduce((total, entry) => total + Number(entry[side]), 0);
  assert.equal(sum('debit_cents'), 150);
  assert.equal(sum('credit_cents'), 150);
});

test('ten concurrent cancellations of one invoice give one credit note and leave no gap in the series', async () => {
  const statement = statements[2];
  const invoice = await ctx.db.selectFrom('commission_invoices').selectAll().where('statement_id', '=', statement.id).executeTakeFirstOrThrow();
  const results = await Promise.allSettled(Array.from({ length: 10 }, () => cancelCommissionInvoice(ctx.db, ctx.config, CONCIERGE, invoice.id, 'Doublon', newIdempotencyKey())));
  assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
  const notes = await ctx.db.selectFrom('commission_invoices').select(['id', 'series']).where('cancels_id', '=', invoice.id).execute();
  assert.equal(notes.length, 1);
  const numbers = (await ctx.db.selectFrom('commission_invoices').select('number').where('series', '=', notes[0].series).orderBy('number').execute()).map((row) => Number(row.number));
  assert.deepEqual(numbers, numbers.map((_, index) => index + 1));
  const sequence = await ctx.db.selectFrom('invoice_sequences').select('last_number').where('series', '=', notes[0].series).executeTakeFirstOrThrow();
  assert.equal(Number(sequence.last_number), numbers.length);
});

test('a commission invoice can no longer be cancelled once its statement is being paid, nor once paid', async () => {
  const statement = statements[3];
  assert.equal(await statementStatus(statement.id), 'in_batch');
  const invoice = await ctx.db.selectFrom('commission_invoices').selectAll().where('statement_id', '=', statement.id).executeTakeFirstOrThrow();
  const countOf = async () => Number((await ctx.db.selectFrom('commission_invoices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const before = await countOf();
  const url = `/gestion/factures/${invoice.id}/avoir`;
  const inBatch = await concierge.post(url, { idempotency_key: await keyOf(concierge, url), reason: 'Taux erroné' });
  assert.equal(inBatch.statusCode, 422);
  assert.match(visibleText(inBatch.body), /Ce relevé est déjà en paiement : il ne peut plus être modifié\./);
  assert.match(inBatch.body, /Taux erroné/, 'the reason typed is kept');
  await ctx.db.transaction().execute((trx) => moveStatement(trx, statement.id, 'in_batch', 'paid'));
  await assert.rejects(cancelCommissionInvoice(ctx.db, ctx.config, CONCIERGE, invoice.id, 'Taux erroné', newIdempotencyKey()), (error: unknown) => error instanceof DomainError && error.code === 'invoice_statement_in_payment');
  assert.equal(await countOf(), before, 'no credit note, no number taken');
  assert.equal(await statementStatus(statement.id), 'paid');
});

test('a credit note issued in January takes the new year’s series, from number 1', async () => {
  const statement = statements[1];
  const invoice = await ctx.db.selectFrom('commission_invoices').selectAll().where('statement_id', '=', statement.id).executeTakeFirstOrThrow();
  const nextYear = Number(invoice.issued_on.slice(0, 4)) + 1;
  const { creditNoteId } = await cancelCommissionInvoice(ctx.db, ctx.config, CONCIERGE, invoice.id, 'Erreur de taux', newIdempotencyKey(), `${nextYear}-01-05T09:00:00.000Z`);
  const credit = await ctx.db.selectFrom('commission_invoices').selectAll().where('id', '=', creditNoteId).executeTakeFirstOrThrow();
  assert.equal(credit.series, `${ctx.config.operator.invoiceSeries}-${nextYear}`);
  assert.notEqual(credit.series, invoice.series);
  assert.equal(Number(credit.number), 1);
  assert.equal(credit.issued_on, `${nextYear}-01-05`);
  const sequence = await ctx.db.selectFrom('invoice_sequences').select('last_number').where('series', '=', credit.series).executeTakeFirstOrThrow();
  assert.equal(Number(sequence.last_number), 1);
  const ledger = await ctx.db.selectFrom('ledger_transactions').select('description').where('source_key', '=', `credit_note:${creditNoteId}`).executeTakeFirstOrThrow();
  assert.ok(ledger.description.includes(`${credit.series}-000001`), ledger.description);
});

test('self-billing a negative statement is refused next to the button, nothing written', async () => {
  const statement = statements[5];
  await ctx.db.updateTable('shops').set({ self_billing_since: '2020-01-01' }).where('id', '=', statement.shopId).execute();
  // Refunds above sales (a refund borne in a period with fewer sales): the figures the rule reads.
  await ctx.db.updateTable('statements').set({ refunds_cents: 3000 }).where('id', '=', statement.id).execute();
  try {
    const url = `/gestion/releves/${statement.id}/facture`;
    await concierge.get(url);
    const key = /action="[^"]+\/autofacture"[\s\S]*?name="idempotency_key" value="([^"]+)"/.exec(concierge.lastHtml)![1];
    const refused = await concierge.post(`/gestion/releves/${statement.id}/autofacture`, { idempotency_key: key }, url);
    assert.equal(refused.statusCode, 422);
    const message = 'Le relevé est négatif : rien à facturer pour cette période ; le montant est reporté sur le relevé suivant.';
    assert.ok(visibleText(refused.body).includes(message), visibleText(refused.body));
    // inside the self-billing form, just above its button
    const form = /<form[^>]+action="[^"]+\/autofacture"[\s\S]*?<\/form>/.exec(refused.body)![0];
    assert.ok(visibleText(form).includes(message), form);
    assert.equal((await ctx.db.selectFrom('shop_invoices').select('id').where('statement_id', '=', statement.id).execute()).length, 0);
    assert.equal(await statementStatus(statement.id), 'awaiting_invoice');
  } finally {
    await ctx.db.updateTable('statements').set({ refunds_cents: 0 }).where('id', '=', statement.id).execute();
  }
});

test('corrected invoices recorded at the same moment leave one invoice that counts', async () => {
  const statement = statements[5];
  const today = localDateOf(nowIso(), ctx.config.timeZone).split('-').reverse().join('/');
  const input = (number: string, amount: string) => ({ number, invoiceDate: today, amount, file: PDF });
  await recordShopInvoice(ctx.db, ctx.config, CONCIERGE, statement.id, input('G-1', '20,00'), newIdempotencyKey());
  assert.equal(await statementStatus(statement.id), 'difference');
  const results = await Promise.allSettled(
    Array.from({ length: 5 }, (_, index) => recordShopInvoice(ctx.db, ctx.config, CONCIERGE, statement.id, input(`G-${index + 2}`, `2${index + 1},00`), newIdempotencyKey())),
  );
  assert.ok(results.some((result) => result.status === 'fulfilled'));
  for (const result of results) {
    if (result.status === 'rejected') assert.ok(result.reason instanceof DomainError && result.reason.code === 'invoice_statement_changed', String(result.reason));
  }
  const rows = await ctx.db.selectFrom('shop_invoices').select(['number', 'status']).where('statement_id', '=', statement.id).execute();
  const current = rows.filter((row) => row.status !== 'replaced');
  assert.equal(current.length, 1, JSON.stringify(rows));
  assert.equal(current[0].status, 'difference');
  assert.equal(rows.find((row) => row.number === 'G-1')!.status, 'replaced');
  assert.equal(await statementStatus(statement.id), 'difference');
});
