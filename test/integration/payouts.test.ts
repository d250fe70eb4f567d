// Payouts through the real pages: settled statements proposed (shops without IBAN apart), a
// batch prepared, approved (by a second person above the setting), its pain.001 file valid
// against the XSD and the same at each download, sent, then confirmed paid — statements paid
// and one ledger payout per shop. Concurrency: 50 « prepare » and 50 « paid » at once give one
// batch and one payout per shop. A merchant sees only its own shop's payouts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { CONCIERGE, makeOrder, makePlace } from '../helpers/orders.ts';
import { confirmBankDetails } from '../helpers/settlement.ts';
import { receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { handOver } from '../../src/orders/counter/counter.service.ts';
import { closePeriod } from '../../src/settlement/statements/statements.service.ts';
import { recordShopInvoice } from '../../src/settlement/invoices/invoices.service.ts';
import { updateTerms } from '../../src/settlement/terms/terms.service.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { addDays } from '../../src/platform/calendar.ts';
import { periodOf } from '../../src/settlement/settlement.statements.rules.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { toSepaText } from '../../src/settlement/payouts/sepa.ts';
import { visibleText as text } from '../helpers/text.ts';

const XSD = resolve(import.meta.dirname, '../../standards/pain.001.001.03.xsd');
const IBANS = ['FR1420041010050500013M02606', 'FR7630006000011234567890189', 'FR7630004000031234567890143', 'FR7610107001011234567890129'];

const BICS = ['CEPAFRPP131', 'BNPAFRPP', 'PSSTFRPPMAR', 'AGRIFRPP'];

let ctx: TestApp;
let concierge: Agent;
let colleague: Agent;
let placeId: string;
let pool: Settled;
/** A shop paid by the first test, for the merchant's page. */
let paidShopId: string;

before(async () => {
  // a low threshold so the two-person rule is met with small orders
  ctx = await buildTestApp({ PAYOUT_SECOND_APPROVAL_ABOVE_CENTS: '4000' });
  placeId = await makePlace(ctx.db);
  concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
  colleague = new Agent(ctx.app);
  const other = await makeAccount(ctx.db, ctx.config, 'concierge');
  await colleague.login(other.email, other.password);
  // one closing for every test; the third shop has no IBAN
  pool = await settledStatements(11, new Set([2]));
});

after(() => ctx.close());

function keyOf(html: string): string {
  const key = /name="idempotency_key" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(key, 'the form carries an idempotency key');
  return key;
}

interface Settled {
  statementIds: string[];
  shopIds: string[];
}

/**
 * Settled statements of `shops` new shops (2 × 12,50 € sold each), closed together in this
 * week (closing it as of tomorrow) and settled by a matching invoice; each shop weekly, with
 * an IBAN and a BIC confirmed by a second concierge, except the shops `withoutIban` lists.
 */
async function settledStatements(shops: number, withoutIban: ReadonlySet<number>): Promise<Settled> {
  const made = await makeOrder(ctx.db, ctx.config, { placeId, shops });
  const pos = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).orderBy('created_at').orderBy('id').execute();
  for (const [index, po] of pos.entries()) {
    const bank = withoutIban.has(index) ? undefined : IBANS[index % IBANS.length];
    const refused = await updateTerms(ctx.db, ctx.config, CONCIERGE, po.shop_id, { settlementPeriod: 'weekly', iban: bank ?? '', bic: bank ? BICS[index % BICS.length] : '', vatNumber: '', selfBillingSince: '' });
    assert.equal(refused, undefined);
    await confirmBankDetails(ctx.db, [po.shop_id]);
    await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, po.id, { storageLocation: `L${index + 1}`, chilled: false });
  }
  await handOver(ctx.db, CONCIERGE, made.orderId, { purchaseOrderIds: pos.map((po) => po.id), method: 'card', shownIds: pos.map((po) => po.id) }, newIdempotencyKey());
  const today = localDateOf(nowIso(), ctx.config.timeZone);
  const week = periodOf('weekly', today);
  await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'weekly', start: week.start }, `${addDays(week.end, 1)}T12:00:00.000Z`);
  const statements = await ctx.db.selectFrom('statements').select(['id', 'shop_id', 'sales_cents', 'refunds_cents']).where('shop_id', 'in', pos.map((po) => po.shop_id)).execute();
  assert.equal(statements.length, shops);
  for (const statement of statements) {
    const amount = ((Number(statement.sales_cents) - Number(statement.refunds_cents)) / 100).toFixed(2).replace('.', ',');
    await recordShopInvoice(ctx.db, ctx.config, CONCIERGE, statement.id, { number: `F-${statement.id.slice(-6)}`, invoiceDate: today.split('-').reverse().join('/'), amount, file: Buffer.from('%PDF-1.4 facture') }, newIdempotencyKey());
  }
  const byShop = new Map(statements.map((statement) => [statement.shop_id, statement.id]));
  return { statementIds: pos.map((po) => byShop.get(po.shop_id)!), shopIds: pos.map((po) => po.shop_id) };
}

/** The next `count` settled statements of the pool, each test its own. */
function take(count: number): Settled {
  const statementIds = pool.statementIds.splice(0, count);
  const shopIds = pool.shopIds.splice(0, count);
  assert.equal(statementIds.length, count, 'the pool has enough statements');
  return { statementIds, shopIds };
}

async function statusesOf(ids: string[]): Promise<string[]> {
  const rows = await ctx.db.selectFrom('statements').select(['id', 'status']).where('id', 'in', ids).execute();
  return ids.map((id) => rows.find((row) => row.id === id)!.status);
}

async function prepare(agent: Agent, statementIds: string[]) {
  const page = await agent.get('/gestion/virements');
  return agent.post('/gestion/virements', { releves: statementIds, idempotency_key: keyOf(page.body) });
}

async function step(agent: Agent, batchId: string, segment: 'approuver' | 'envoye' | 'paye') {
  const page = await agent.get(`/gestion/virements/${batchId}`);
  return agent.post(`/gestion/virements/${batchId}/${segment}`, { idempotency_key: keyOf(page.body) });
}

function batchIdOf(location: string | undefined): string {
  const id = /\/gestion\/virements\/([0-9a-f-]{36})$/.exec(location ?? '')?.[1];
  assert.ok(id, `redirected to the batch (${location})`);
  return id;
}

async function payoutTransactions(shopIds: string[]) {
  return ctx.db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transactions as t', 't.id', 'e.transaction_id')
    .select(['t.source_key', 'e.account', 'e.shop_id', 'e.debit_cents', 'e.credit_cents'])
    .where('t.kind', '=', 'payout')
    .where('e.shop_id', 'in', shopIds)
    .execute();
}

test('a batch from proposal to paid: approval by a second person, a valid file, statements paid, the ledger', async () => {
  const { statementIds, shopIds } = take(3);
  assert.deepEqual(await statusesOf(statementIds), ['settled', 'settled', 'settled']);

  const list = await concierge.get('/gestion/virements');
  assert.equal(list.statusCode, 200);
  const body = text(list.body);
  assert.match(body, /Relevés à payer/);
  assert.match(body, /IBAN manquant/);
  for (const id of statementIds.slice(0, 2)) assert.match(list.body, new RegExp(`name="releves" value="${id}" checked`));
  // the shop without IBAN is listed apart, not proposed
  assert.doesNotMatch(list.body, new RegExp(`value="${statementIds[2]}"`));
  assert.match(list.body, new RegExp(`/gestion/commerces/${shopIds[2]}/reglement`));

  const prepared = await prepare(concierge, statementIds.slice(0, 2));
  assert.equal(prepared.statusCode, 303, text(prepared.body).slice(0, 400));
  const batchId = batchIdOf(prepared.headers.location as string);
  assert.deepEqual(await statusesOf(statementIds), ['in_batch', 'in_batch', 'settled']);
  const batch = await ctx.db.selectFrom('payout_batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
  assert.equal(batch.status, 'awaiting_approval');
  assert.equal(Number(batch.transfer_count), 2);
  const payouts = await ctx.db.selectFrom('payouts').selectAll().where('batch_id', '=', batchId).execute();
  const statements = await ctx.db.selectFrom('statements').select(['id', 'payable_cents']).where('id', 'in', statementIds.slice(0, 2)).execute();
  assert.equal(Number(batch.total_cents), statements.reduce((sum, row) => sum + Number(row.payable_cents), 0));
  for (const payout of payouts) {
    assert.equal(Number(payout.amount_cents), Number(statements.find((row) => row.id === payout.statement_id)!.payable_cents));
    // the transfer names the shop's invoice, the commission invoice deducted and the period
    const shopInvoice = await ctx.db.selectFrom('shop_invoices').select(['number', 'invoice_date']).where('statement_id', '=', payout.statement_id).executeTakeFirstOrThrow();
    const commission = await ctx.db.selectFrom('commission_invoices').select(['series', 'number']).where('statement_id', '=', payout.statement_id).where('kind', '=', 'invoice').executeTakeFirstOrThrow();
    const commissionNumber = `${commission.series}-${String(commission.number).padStart(6, '0')}`;
    const dated = shopInvoice.invoice_date.slice(5).split('-').reverse().join('/');
    assert.match(payout.remittance, new RegExp(`^Fact\\. ${shopInvoice.number} du ${dated} moins commission ${commissionNumber} - ventes du .+$`));
    // the end-to-end id is the statement's number: the week and the shop's code
    const statement = await ctx.db.selectFrom('statements').select('period_start').where('id', '=', payout.statement_id).executeTakeFirstOrThrow();
    const shop = await ctx.db.selectFrom('shops').select('account_code').where('id', '=', payout.shop_id).executeTakeFirstOrThrow();
    assert.equal(payout.end_to_end_id, `RLV-${statement.period_start.replaceAll('-', '')}-${shop.account_code}`);
  }

  // no file before approval
  assert.equal((await concierge.get(`/gestion/virements/${batchId}/fichier.xml`)).statusCode, 404);
  // the creator may not approve a batch above the setting alone
  const page = await concierge.get(`/gestion/virements/${batchId}`);
  assert.match(text(page.body), /un second membre de l’équipe doit l’approuver/);
  assert.doesNotMatch(page.body, /\/approuver"/, 'no approval button for the creator');
  // a form posted anyway is refused by the service
  const alone = await concierge.post(`/gestion/virements/${batchId}/approuver`, { idempotency_key: newIdempotencyKey() });
  assert.equal(alone.statusCode, 422);
  assert.match(text(alone.body), /Un second membre de l’équipe doit approuver ce virement\./);
  assert.equal((await ctx.db.selectFrom('payout_batches').select('status').where('id', '=', batchId).executeTakeFirstOrThrow()).status, 'awaiting_approval');

  const approved = await step(colleague, batchId, 'approuver');
  assert.equal(approved.statusCode, 303);

  const file = await concierge.get(`/gestion/virements/${batchId}/fichier.xml`);
  assert.equal(file.statusCode, 200);
  assert.match(String(file.headers['content-disposition']), /^attachment; filename="VIR-\d{8}-[0-9a-f]{12}\.xml"$/);
  assert.match(file.body, new RegExp(`<MsgId>${batch.message_id}</MsgId>`));
  assert.match(file.body, /<NbOfTxs>2<\/NbOfTxs>/);
  assert.match(file.body, new RegExp(`<CtrlSum>${(Number(batch.total_cents) / 100).toFixed(2)}</CtrlSum>`));
  const ustrd = [...file.body.matchAll(/<Ustrd>([^<]*)<\/Ustrd>/g)].map((match) => match[1]);
  assert.equal(ustrd.length, 2);
  for (const payout of payouts) assert.ok(ustrd.includes(toSepaText(payout.remittance, 140)), `${payout.remittance} in the file`);
  for (const text of ustrd) assert.match(text, /^Fact\. F-\w{6} du \d{2}\/\d{2} moins commission COM-\d{4}-\d{6} - ventes du [^<]+$/);
  assert.deepEqual([...file.body.matchAll(/<EndToEndId>([^<]*)<\/EndToEndId>/g)].map((match) => match[1]).sort(), payouts.map((payout) => payout.end_to_end_id).sort());
  assert.equal((await concierge.get(`/gestion/virements/${batchId}/fichier.xml`)).body, file.body, 'the same bytes at each download');
  const dir = mkdtempSync(join(tmpdir(), 'payout-'));
  try {
    writeFileSync(join(dir, 'file.xml'), file.body);
    const lint = spawnSync('xmllint', ['--noout', '--schema', XSD, join(dir, 'file.xml')], { encoding: 'utf8' });
    assert.equal(lint.error, undefined, 'xmllint is installed (libxml2-utils)');
    assert.equal(lint.status, 0, lint.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // paid only once sent
  assert.equal((await step(concierge, batchId, 'paye')).statusCode, 422);
  assert.equal((await step(concierge, batchId, 'envoye')).statusCode, 303);
  const paid = await step(concierge, batchId, 'paye');
  assert.equal(paid.statusCode, 303);
  assert.deepEqual(await statusesOf(statementIds), ['paid', 'paid', 'settled']);
  const entries = await payoutTransactions(shopIds);
  assert.equal(entries.length, 2);
  for (const payout of payouts) {
    const entry = entries.find((row) => row.shop_id === payout.shop_id)!;
    assert.equal(entry.source_key, `payout:${payout.id}`);
    assert.equal(entry.account, 'shop_payable');
    assert.equal(Number(entry.debit_cents), Number(payout.amount_cents));
  }
  // one balanced transaction per payout: the shop's payable debited, the bank credited
  const posted = await ctx.db
    .selectFrom('ledger_transactions as t')
    .innerJoin('ledger_entries as e', 'e.transaction_id', 't.id')
    .select(['t.source_key', 'e.account', 'e.debit_cents', 'e.credit_cents'])
    .where('t.source_key', 'in', payouts.map((payout) => `payout:${payout.id}`))
    .execute();
  assert.equal(new Set(posted.map((row) => row.source_key)).size, payouts.length);
  for (const payout of payouts) {
    const bank = posted.filter((row) => row.source_key === `payout:${payout.id}` && row.account === 'bank');
    assert.deepEqual(bank.map((row) => Number(row.credit_cents)), [Number(payout.amount_cents)]);
  }
  paidShopId = shopIds[0];
  const done = await concierge.get(`/gestion/virements/${batchId}`);
  assert.match(text(done.body), /Les commerces de ce virement sont payés\./);
});

test('a statement already in a batch aborts the whole new batch; a repeated form gives the same batch', async () => {
  const { statementIds } = take(2);
  const page = await concierge.get('/gestion/virements');
  const key = keyOf(page.body);
  const first = await concierge.post('/gestion/virements', { releves: [statementIds[0]], idempotency_key: key });
  assert.equal(first.statusCode, 303);
  const again = await concierge.post('/gestion/virements', { releves: [statementIds[0]], idempotency_key: key });
  assert.equal(again.statusCode, 303);
  assert.equal(again.headers.location, first.headers.location, 'the repeat answers the batch already made');

  const taken = await prepare(colleague, statementIds);
  assert.equal(taken.statusCode, 422);
  assert.match(text(taken.body), /Ce relevé est déjà dans un virement\./);
  assert.deepEqual(await statusesOf(statementIds), ['in_batch', 'settled'], 'nothing half-written');

  const none = await prepare(concierge, []);
  assert.equal(none.statusCode, 422);
  assert.match(text(none.body), /Cochez au moins un relevé à payer\./);
});

test('50 concurrent « prepare » give one batch; 50 concurrent « paid » give one payout per shop', async () => {
  const { statementIds, shopIds } = take(3);
  const pages = await Promise.all(Array.from({ length: 50 }, () => concierge.get('/gestion/virements')));
  const prepares = await Promise.all(pages.map((page) => concierge.post('/gestion/virements', { releves: statementIds, idempotency_key: keyOf(page.body) })));
  const created = prepares.filter((response) => response.statusCode === 303);
  assert.equal(created.length, 1, prepares.map((response) => response.statusCode).join(','));
  assert.ok(prepares.every((response) => response.statusCode === 303 || /Ce relevé est déjà dans un virement/.test(text(response.body))));
  assert.equal(Number((await ctx.db.selectFrom('payouts').select((eb) => eb.fn.countAll<number>().as('n')).where('statement_id', 'in', statementIds).executeTakeFirstOrThrow()).n), 3);
  const batchId = batchIdOf(created[0].headers.location as string);

  assert.equal((await step(colleague, batchId, 'approuver')).statusCode, 303);
  assert.equal((await step(concierge, batchId, 'envoye')).statusCode, 303);
  const detail = await Promise.all(Array.from({ length: 50 }, () => concierge.get(`/gestion/virements/${batchId}`)));
  const pays = await Promise.all(detail.map((page) => concierge.post(`/gestion/virements/${batchId}/paye`, { idempotency_key: keyOf(page.body) })));
  assert.equal(pays.filter((response) => response.statusCode === 303).length, 1);
  const entries = await payoutTransactions(shopIds);
  assert.equal(entries.length, 3, 'one payout transaction per shop');
  assert.deepEqual(new Set(entries.map((entry) => entry.shop_id)), new Set(shopIds));
  assert.deepEqual(await statusesOf(statementIds), ['paid', 'paid', 'paid']);
});

test('a wrong IBAN checksum never reaches a batch', async () => {
  const { statementIds, shopIds } = take(1);
  // stored bad data (terms refuse it; an import or an old row might not)
  await ctx.db.updateTable('shops').set({ iban: 'FR7630006000011234567890188' }).where('id', '=', shopIds[0]).execute();
  const list = await concierge.get('/gestion/virements');
  assert.match(text(list.body), /IBAN non valable/);
  const refused = await prepare(concierge, statementIds);
  assert.equal(refused.statusCode, 422);
  assert.match(text(refused.body), /n’est pas valable/);
  assert.deepEqual(await statusesOf(statementIds), ['settled']);
});

test('a merchant sees its own shop’s payouts only; residents and merchants never reach the concierge’s pages', async () => {
  const { shopIds } = take(2);
  const merchant = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: paidShopId });
  await merchant.login(account.email, account.password);
  const own = await merchant.get(`/boutique/${paidShopId}/virements`);
  assert.equal(own.statusCode, 200);
  const payout = await ctx.db.selectFrom('payouts').select('amount_cents').where('shop_id', '=', paidShopId).executeTakeFirstOrThrow();
  assert.match(text(own.body), new RegExp(`Vos virements .* ${(Number(payout.amount_cents) / 100).toFixed(2).replace('.', ',')} € Payé le `));
  assert.equal((await merchant.get(`/boutique/${shopIds[1]}/virements`)).statusCode, 404);
  const neighbour = new Agent(ctx.app);
  const other = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: shopIds[0] });
  await neighbour.login(other.email, other.password);
  assert.match(text((await neighbour.get(`/boutique/${shopIds[0]}/virements`)).body), /Aucun virement pour le moment/);
  assert.equal((await neighbour.get(`/boutique/${paidShopId}/virements`)).statusCode, 404);
  assert.equal((await merchant.get('/gestion/virements')).statusCode, 404);
  const batch = await ctx.db.selectFrom('payout_batches').select('id').executeTakeFirst();
  if (batch) assert.equal((await merchant.get(`/gestion/virements/${batch.id}/fichier.xml`)).statusCode, 404);
  assert.equal((await concierge.get('/gestion/virements/01890000-0000-7000-8000-000000000000')).statusCode, 404);
});
