// Property-based tests of the money invariants (issue 4): random sequences of the real use
// cases — orders over several shops, lines refused, part payments, reception and hand-over at
// the counter, refunds, period closings, shop invoices, payout batches approved, sent and paid —
// on a real database, then the invariants checked against the ledger and the rows:
//   1. every ledger transaction balances, and so does the trial balance;
//   2. each member's and each shop's ledger balance is what the rows say, each statement's
//      figures follow from its lines, and each settled order's money is its lines on statements;
//   3. no shop is paid more than what was collected for it, no statement is paid twice;
//   4. replaying submissions with their idempotency keys changes nothing.
// Also: 50 simultaneous « paid » confirmations of one batch give one payout per statement.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { CONCIERGE, makeOrder, makePlace } from '../helpers/orders.ts';
import { makeMember } from '../helpers/members.ts';
import { closeCurrentPeriod, confirmBankDetails, handedOverOrder, shopWithOffer } from '../helpers/settlement.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { handOver, receivePurchaseOrder, type CounterPaymentMethod } from '../../src/orders/index.ts';
import { acceptPurchaseOrder, refuseLine } from '../../src/orders/portal/portal.service.ts';
import { orderMoney, recordPartPayment, recordRefund, type RefundInput } from '../../src/orders/money/refunds.service.ts';
import { closePeriod, statementDetail } from '../../src/settlement/statements/statements.service.ts';
import { acceptDifference, issueSelfBilledInvoice, recordShopInvoice } from '../../src/settlement/invoices/invoices.service.ts';
import { moveBatchStep, prepareBatch, type BatchMove } from '../../src/settlement/payouts/payouts.service.ts';
import { addCommissionRate, updateTerms } from '../../src/settlement/terms/terms.service.ts';
import { postCounterActivity } from '../../src/settlement/settlement.service.ts';
import { periodOf, type Period, type PeriodKind } from '../../src/settlement/settlement.statements.rules.ts';
import { addDays, localDateOf, localToUtc } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { DomainError } from '../../src/platform/errors.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { centsToInput } from '../../src/platform/money.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import type { Db } from '../../src/db/index.ts';

/** Sequences per property run: modest, each one builds a fresh database. */
const NUM_RUNS = 15;
const IBANS = ['FR1420041010050500013M02606', 'FR7630006000011234567890189', 'FR7630004000031234567890143', 'FR7610107001011234567890129'];
const BICS = ['CEPAFRPP131', 'BNPAFRPP', 'PSSTFRPPMAR', 'AGRIFRPP'];
/** A colleague approves batches, so the two-person rule never blocks a sequence. */
const COLLEAGUE: CurrentAccount = { ...CONCIERGE, id: 'factory-colleague', displayName: 'Collègue' };
const METHODS: readonly CounterPaymentMethod[] = ['cash', 'card', 'cheque'];

// ---------- the steps ----------

type Step =
  | { kind: 'place'; member: number; lines: Array<{ shop: number; offer: number; quantity: number }> }
  /** one purchase order of an order one step further: accepted (or a line refused), received, handed over */
  | { kind: 'advance'; pick: number; refuse: 'no' | 'line' | 'whole'; mask: number; method: CounterPaymentMethod }
  | { kind: 'partPayment'; pick: number; permille: number; method: CounterPaymentMethod }
  | { kind: 'refund'; pick: number; scope: 'all' | 'refused' | 'line' | 'amount'; line: number; permille: number; source: number }
  | { kind: 'close'; period: PeriodKind }
  | { kind: 'invoice'; pick: number; mode: 'exact' | 'differ' | 'self' }
  | { kind: 'prepare'; mask: number }
  | { kind: 'move'; pick: number; move: BatchMove };

const pick = fc.nat(1000);
const method = fc.constantFrom(...METHODS);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('place' as const), member: fc.nat(3), lines: fc.array(fc.record({ shop: fc.nat(3), offer: fc.nat(2), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 }) }) },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      pick,
      refuse: fc.constantFrom('no' as const, 'no' as const, 'no' as const, 'no' as const, 'no' as const, 'line' as const, 'whole' as const),
      mask: fc.integer({ min: 1, max: 15 }),
      method,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('partPayment' as const), pick, permille: fc.integer({ min: 1, max: 1100 }), method }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      pick,
      scope: fc.constantFrom('all' as const, 'refused' as const, 'line' as const, 'amount' as const),
      line: fc.nat(10),
      permille: fc.integer({ min: 1, max: 1100 }),
      source: fc.nat(3),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('close' as const), period: fc.constantFrom('weekly' as const, 'monthly' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('invoice' as const), pick, mode: fc.constantFrom('exact' as const, 'differ' as const, 'self' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('prepare' as const), mask: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('move' as const), pick, move: fc.constantFrom('approve' as const, 'send' as const, 'pay' as const) }) },
);

interface ShopSpec {
  period: PeriodKind;
  /** commission rate as typed on the terms page */
  rate: string;
  prices: number[];
}

const townArb = fc.record({
  shops: fc.array(
    fc.record({
      period: fc.constantFrom('weekly' as const, 'monthly' as const),
      rate: fc.constantFrom('5', '7,5', '3,33', '12', '0'),
      prices: fc.array(fc.integer({ min: 1, max: 9999 }), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 2, maxLength: 4 },
  ),
  members: fc.integer({ min: 1, max: 3 }),
  steps: fc.array(stepArb, { minLength: 20, maxLength: 45 }),
});

// ---------- the world a sequence runs in ----------

/** A submission that created something, kept to be replayed with the same key. */
interface Submission {
  label: string;
  result: string;
  replay: () => Promise<string>;
}

interface World {
  ctx: TestApp;
  db: Db;
  placeId: string;
  shops: Array<{ id: string; offerIds: string[] }>;
  members: string[];
  orders: string[];
  /** the next period of each kind to close: closings are the town's, shared by every sequence */
  nextPeriod: Map<PeriodKind, Period>;
  submissions: Submission[];
  log: string[];
}

function today(timeZone: string): string {
  return localDateOf(nowIso(), timeZone);
}

async function makeWorld(ctx: TestApp, nextPeriod: Map<PeriodKind, Period>, shops: readonly ShopSpec[], members: number): Promise<World> {
  const db = ctx.db;
  const placeId = await makePlace(db);
  const made: World['shops'] = [];
  for (const [index, spec] of shops.entries()) {
    const id = await makeShop(db);
    const refused = await updateTerms(db, ctx.config, CONCIERGE, id, { settlementPeriod: spec.period, iban: IBANS[index], bic: BICS[index], vatNumber: '', selfBillingSince: '01/01/2000' });
    assert.equal(refused, undefined);
    await confirmBankDetails(db, [id]);
    assert.equal(await addCommissionRate(db, CONCIERGE, id, { rate: spec.rate, startsOn: '01/01/2000' }), undefined);
    const offerIds = [];
    for (const priceCents of spec.prices) offerIds.push(await makeOffer(db, id, { priceCents }));
    made.push({ id, offerIds });
  }
  const memberIds = [];
  for (let index = 0; index < members; index += 1) memberIds.push(await makeMember(db, { email: `prop${index}-${newIdempotencyKey()}@exemple.fr` }));
  return { ctx, db, placeId, shops: made, members: memberIds, orders: [], nextPeriod, submissions: [], log: [] };
}

/** The `pick`-th of some candidates, or undefined when there are none. */
function choose<T>(candidates: readonly T[], index: number): T | undefined {
  return candidates.length === 0 ? undefined : candidates[index % candidates.length];
}

async function purchaseOrdersIn(world: World, statuses: readonly string[]) {
  if (world.orders.length === 0) return [];
  return world.db
    .selectFrom('purchase_orders')
    .select(['id', 'order_id', 'shop_id', 'status'])
    .where('order_id', 'in', world.orders)
    .where('status', 'in', statuses)
    .orderBy('id')
    .execute();
}

/** Keeps a successful submission for the replay property. */
async function once(world: World, label: string, submit: () => Promise<string>): Promise<void> {
  const result = await submit();
  world.submissions.push({ label, result, replay: submit });
}

// ---------- running one step ----------

async function runStep(world: World, step: Step): Promise<string> {
  const { db, ctx } = world;
  switch (step.kind) {
    case 'place': {
      const lines = new Map<string, number>();
      for (const line of step.lines) {
        const shop = world.shops[line.shop % world.shops.length];
        const offerId = shop.offerIds[line.offer % shop.offerIds.length];
        lines.set(offerId, (lines.get(offerId) ?? 0) + line.quantity);
      }
      const memberId = world.members[step.member % world.members.length];
      const made = await makeOrder(db, ctx.config, { placeId: world.placeId, memberId, lines: [...lines].map(([offerId, quantity]) => ({ offerId, quantity })) });
      world.orders.push(made.orderId);
      return `placed ${made.orderId.slice(-6)}`;
    }
    case 'advance':
      return advanceStep(world, step);
    case 'partPayment': {
      const orderId = choose(world.orders, step.pick);
      if (!orderId) return 'skip';
      const money = await orderMoney(db, CONCIERGE, orderId);
      const amountCents = Math.max(1, Math.round((money.stillDueCents * step.permille) / 1000));
      const key = newIdempotencyKey();
      await once(world, 'part payment', () => recordPartPayment(db, CONCIERGE, orderId, { method: step.method, amountCents }, key));
      return `part payment ${amountCents} on ${orderId.slice(-6)}`;
    }
    case 'refund':
      return refundStep(world, step);
    case 'close': {
      const period = world.nextPeriod.get(step.period)!;
      const dayAfter = localToUtc(addDays(period.end, 1), '09:00', ctx.config.timeZone)!;
      const closing = await closePeriod(db, ctx.config, CONCIERGE, { kind: period.kind, start: period.start }, dayAfter);
      world.nextPeriod.set(step.period, periodOf(step.period, addDays(period.end, 1)));
      return `closed ${period.kind} ${period.start}: ${closing.statementCount} statement(s)`;
    }
    case 'invoice':
      return invoiceStep(world, step);
    case 'prepare': {
      const settled = await db.selectFrom('statements').select('id').where('status', '=', 'settled').where('payable_cents', '>', 0).orderBy('id').execute();
      const chosen = settled.filter((_, index) => step.mask & (1 << index % 8)).map((row) => row.id);
      if (chosen.length === 0) return 'skip';
      const key = newIdempotencyKey();
      await once(world, 'batch', () => prepareBatch(db, ctx.config, CONCIERGE, chosen, key));
      return `batch of ${chosen.length}`;
    }
    case 'move': {
      const from = { approve: 'awaiting_approval', send: 'approved', pay: 'sent' }[step.move];
      const batch = choose(await db.selectFrom('payout_batches').select('id').where('status', '=', from).orderBy('id').execute(), step.pick);
      if (!batch) return 'skip';
      const key = newIdempotencyKey();
      await once(world, `batch ${step.move}`, async () => (await moveBatchStep(db, ctx.config, COLLEAGUE, batch.id, step.move, key)).id);
      return `batch ${step.move}`;
    }
  }
}

/** Moves one order on: a purchase order sent is accepted (or a line refused), one accepted is received, those at the counter are handed over. */
async function advanceStep(world: World, step: Extract<Step, { kind: 'advance' }>): Promise<string> {
  const { db, ctx } = world;
  const open = await purchaseOrdersIn(world, ['sent', 'accepted', 'collected']);
  const orderId = choose([...new Set(open.map((po) => po.order_id))], step.pick);
  if (!orderId) return 'skip';
  const ofOrder = open.filter((po) => po.order_id === orderId);
  const sent = ofOrder.find((po) => po.status === 'sent');
  const accepted = ofOrder.find((po) => po.status === 'accepted');
  if (sent && step.refuse !== 'no') {
    const lines = await db.selectFrom('order_lines').select('id').where('purchase_order_id', '=', sent.id).where('status', '=', 'ordered').orderBy('id').execute();
    const chosen = step.refuse === 'whole' ? lines : lines.slice(0, 1);
    for (const line of chosen) await refuseLine(db, ctx.config, CONCIERGE, sent.shop_id, sent.id, line.id, { reason: 'out_of_stock', note: null });
    return `refused ${chosen.length} line(s) of ${sent.id.slice(-6)}`;
  }
  if (sent) {
    await acceptPurchaseOrder(db, CONCIERGE, sent.shop_id, sent.id);
    return `accepted ${sent.id.slice(-6)}`;
  }
  if (accepted && step.mask % 3 !== 0) {
    await receivePurchaseOrder(db, ctx.config, CONCIERGE, accepted.id, { storageLocation: 'A1', chilled: false });
    return `received ${accepted.id.slice(-6)}`;
  }
  const waiting = ofOrder.filter((po) => po.status === 'collected');
  if (waiting.length === 0) return 'skip';
  const chosen = waiting.filter((_, index) => step.mask & (1 << index % 4));
  const ids = (chosen.length > 0 ? chosen : waiting).map((po) => po.id);
  const key = newIdempotencyKey();
  await once(world, 'hand-over', () => handOver(db, CONCIERGE, orderId, { purchaseOrderIds: ids, shownIds: ids, method: step.method }, key));
  await afterClosedPeriods(db, ids);
  return `handed over ${ids.length} of ${orderId.slice(-6)}`;
}

/**
 * The sequences close periods that have not ended yet (closing is given a later « now »), so
 * a later hand-over would be dated inside a closed period, which real time forbids (a period
 * closes ten minutes after its end at the earliest). The test's clock moves such hand-overs
 * just after the latest closed period, before the ledger reads them.
 */
async function afterClosedPeriods(db: Db, purchaseOrderIds: readonly string[]): Promise<void> {
  const latest = await db.selectFrom('statements').select((eb) => eb.fn.max<string>('covers_to_at').as('at')).executeTakeFirst();
  if (!latest?.at) return;
  const at = new Date(Date.parse(latest.at) + 1000).toISOString();
  await db.updateTable('purchase_orders').set({ updated_at: at }).where('id', 'in', [...purchaseOrderIds]).where('status', '=', 'handed_over').where('updated_at', '<', at).execute();
}

async function refundStep(world: World, step: Extract<Step, { kind: 'refund' }>): Promise<string> {
  const { db, ctx } = world;
  if (world.orders.length === 0) return 'skip';
  const paid = await db.selectFrom('counter_payments').select('order_id').distinct().where('order_id', 'in', world.orders).orderBy('order_id').execute();
  const orderId = choose(paid.map((row) => row.order_id), step.pick);
  if (!orderId) return 'skip';
  const money = await orderMoney(db, CONCIERGE, orderId);
  const open = money.situation.sources.filter((source) => source.receivedCents > source.refundedCents);
  if (open.length === 0) return 'skip';
  const source = open[step.source % open.length];
  const line = money.situation.lines[step.line % money.situation.lines.length];
  const scope: RefundInput['scope'] =
    step.scope === 'line' ? { kind: 'line', lineId: line.id } : step.scope === 'amount' ? { kind: 'amount', amountCents: Math.max(1, Math.round(((source.receivedCents - source.refundedCents) * step.permille) / 1000)) } : { kind: step.scope };
  const input: RefundInput = { scope, sourceKey: step.scope === 'all' ? undefined : source.key, reason: 'Demande du client' };
  const key = newIdempotencyKey();
  await once(world, 'refund', () => recordRefund(db, ctx.config, CONCIERGE, orderId, input, key));
  return `refund ${JSON.stringify(scope)} on ${orderId.slice(-6)}`;
}

async function invoiceStep(world: World, step: Extract<Step, { kind: 'invoice' }>): Promise<string> {
  const { db, ctx } = world;
  const statement = choose(
    await db.selectFrom('statements').select(['id', 'status', 'period_start', 'sales_cents', 'refunds_cents']).where('status', 'in', ['awaiting_invoice', 'difference']).orderBy('id').execute(),
    step.pick,
  );
  if (!statement) return 'skip';
  // A shop cannot date an invoice in the future: later periods are self-billed.
  const local = today(ctx.config.timeZone);
  const mode = statement.period_start > local ? 'self' : step.mode;
  const key = newIdempotencyKey();
  if (mode === 'self') {
    await once(world, 'self-billed invoice', () => issueSelfBilledInvoice(db, ctx.config, CONCIERGE, statement.id, key));
    return `self-billed ${statement.id.slice(-6)}`;
  }
  const expected = Number(statement.sales_cents) - Number(statement.refunds_cents);
  const amountCents = mode === 'exact' ? expected : expected + 1 + (step.pick % 500);
  const input = { number: `F-${key.slice(0, 8)}`, invoiceDate: local.split('-').reverse().join('/'), amount: centsToInput(amountCents), file: Buffer.from('%PDF-1.4 facture') };
  await once(world, 'shop invoice', () => recordShopInvoice(db, ctx.config, CONCIERGE, statement.id, input, key));
  if (mode === 'differ') await acceptDifference(db, CONCIERGE, statement.id, 'Écart de caisse accepté');
  return `invoice ${mode} ${statement.id.slice(-6)}`;
}

/** Runs the steps; a refusal in French (DomainError) is an outcome of the sequence, any other error fails it. */
async function runSteps(world: World, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    try {
      world.log.push(`${step.kind}: ${await runStep(world, step)}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      world.log.push(`${step.kind}: refused (${error.code})`);
    }
  }
}

// ---------- reading the ledger and the rows ----------

const num = (value: unknown) => Number(value ?? 0);

async function ledgerRows(db: Db) {
  return db.selectFrom('ledger_entries').select(['transaction_id', 'account', 'shop_id', 'member_id', 'debit_cents', 'credit_cents']).execute();
}

/** Σ debit − credit of `account`, per owner (shop or member id). */
function balancesBy(rows: Awaited<ReturnType<typeof ledgerRows>>, account: string, owner: 'shop_id' | 'member_id'): Map<string, number> {
  const balances = new Map<string, number>();
  for (const row of rows.filter((candidate) => candidate.account === account)) {
    const key = row[owner]!;
    balances.set(key, (balances.get(key) ?? 0) + num(row.debit_cents) - num(row.credit_cents));
  }
  return balances;
}

function addTo(map: Map<string, number>, key: string, cents: number): void {
  map.set(key, (map.get(key) ?? 0) + cents);
}

/** Half-up of cents × basis points, independently of the product's applyRate. */
function halfUp(cents: number, bp: number): number {
  return Math.floor((cents * bp + 5000) / 10000);
}

// ---------- property 1: double entry ----------

/** Every transaction has two entries or more, its debits equal its credits; so do the totals. */
async function checkDoubleEntry(db: Db): Promise<void> {
  const rows = await ledgerRows(db);
  const byTransaction = new Map<string, { debit: number; credit: number; count: number }>();
  for (const row of rows) {
    const sums = byTransaction.get(row.transaction_id) ?? { debit: 0, credit: 0, count: 0 };
    sums.debit += num(row.debit_cents);
    sums.credit += num(row.credit_cents);
    sums.count += 1;
    byTransaction.set(row.transaction_id, sums);
  }
  for (const [id, sums] of byTransaction) {
    assert.equal(sums.debit, sums.credit, `transaction ${id} balances`);
    assert.ok(sums.count >= 2, `transaction ${id} has two entries or more`);
  }
  const transactions = await db.selectFrom('ledger_transactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(byTransaction.size, num(transactions.n), 'no transaction without entries');
  const totals = rows.reduce((sum, row) => ({ debit: sum.debit + num(row.debit_cents), credit: sum.credit + num(row.credit_cents) }), { debit: 0, credit: 0 });
  assert.equal(totals.debit, totals.credit, 'the trial balance balances');
}

// ---------- property 2: the ledger says what the rows say ----------

async function moneyRows(db: Db) {
  const [orders, purchaseOrders, payments, refunds, statements, payouts, creditNotes] = await Promise.all([
    db.selectFrom('orders').select(['id', 'member_id']).execute(),
    db.selectFrom('purchase_orders').select(['id', 'order_id', 'shop_id', 'status', 'total_cents', 'updated_at']).execute(),
    db.selectFrom('counter_payments').select(['order_id', 'amount_cents']).execute(),
    db.selectFrom('refunds').select(['id', 'order_id', 'shop_id', 'amount_cents', 'statement_id']).execute(),
    db.selectFrom('statements').selectAll().execute(),
    db.selectFrom('payouts as p').innerJoin('payout_batches as b', 'b.id', 'p.batch_id').select(['p.id', 'p.statement_id', 'p.shop_id', 'p.amount_cents', 'b.status']).execute(),
    db.selectFrom('commission_invoices').select(['shop_id', 'total_cents']).where('kind', '=', 'credit_note').execute(),
  ]);
  // A statement counts its shop's hand-overs in [covers_from_at, covers_to_at).
  const statementOfPurchaseOrder = (po: { shop_id: string; status: string; updated_at: string }) =>
    po.status === 'handed_over' ? (statements.find((st) => st.shop_id === po.shop_id && st.covers_from_at <= po.updated_at && po.updated_at < st.covers_to_at)?.id ?? null) : null;
  return { orders, purchaseOrders: purchaseOrders.map((po) => ({ ...po, statement_id: statementOfPurchaseOrder(po) })), payments, refunds, statements, payouts, creditNotes };
}
type MoneyRows = Awaited<ReturnType<typeof moneyRows>>;

/**
 * What a member owes in the ledger (member_receivable) is exactly: the goods handed over to
 * them − what they paid + what was refunded to them out of their own credit (refunds a shop
 * bore leave the shop's payable instead). It is never positive: the counter takes what is due
 * at each hand-over, so nobody leaves owing money.
 */
function checkMembers(ledger: Awaited<ReturnType<typeof ledgerRows>>, rows: MoneyRows): void {
  const memberOf = new Map(rows.orders.map((order) => [order.id, order.member_id]));
  const expected = new Map<string, number>();
  for (const po of rows.purchaseOrders) if (po.status === 'handed_over') addTo(expected, memberOf.get(po.order_id)!, num(po.total_cents));
  for (const payment of rows.payments) addTo(expected, memberOf.get(payment.order_id)!, -num(payment.amount_cents));
  for (const refund of rows.refunds) if (refund.shop_id === null) addTo(expected, memberOf.get(refund.order_id)!, num(refund.amount_cents));
  const actual = balancesBy(ledger, 'member_receivable', 'member_id');
  for (const member of new Set([...expected.keys(), ...actual.keys()])) {
    assert.equal(actual.get(member) ?? 0, expected.get(member) ?? 0, `member_receivable of ${member}`);
    assert.ok((actual.get(member) ?? 0) <= 0, `member ${member} owes nothing after the counter`);
  }
}

/**
 * What the conciergerie owes a shop (−shop_payable) is exactly: its purchase orders handed over
 * − the refunds it bore − the commission and VAT of its statements + the commission its credit
 * notes gave back − its payouts confirmed paid.
 */
function checkShops(ledger: Awaited<ReturnType<typeof ledgerRows>>, rows: MoneyRows): void {
  const owed = new Map<string, number>();
  for (const po of rows.purchaseOrders) if (po.status === 'handed_over') addTo(owed, po.shop_id, num(po.total_cents));
  for (const refund of rows.refunds) if (refund.shop_id !== null) addTo(owed, refund.shop_id, -num(refund.amount_cents));
  for (const statement of rows.statements) addTo(owed, statement.shop_id, -num(statement.commission_cents) - num(statement.vat_cents));
  for (const creditNote of rows.creditNotes) addTo(owed, creditNote.shop_id, num(creditNote.total_cents));
  for (const payout of rows.payouts) if (payout.status === 'paid') addTo(owed, payout.shop_id, -num(payout.amount_cents));
  const actual = balancesBy(ledger, 'shop_payable', 'shop_id');
  for (const shop of new Set([...owed.keys(), ...actual.keys()])) assert.equal(0 - (actual.get(shop) ?? 0), owed.get(shop) ?? 0, `shop_payable of ${shop}`);
}

/**
 * Each statement: sales = its purchase orders, refunds = the refunds it counts; commission =
 * half-up(rate × (sales − its own refunds)) computed once (0 when that is not positive): the
 * refund of goods an earlier statement counted bears no commission here, its commission is
 * given back by a credit note instead; VAT =
 * half-up(VAT rate × commission); payable = sales − refunds − commission − VAT; the commission
 * and VAT leave the shop's payable in one ledger transaction; the commission allocated to the
 * statement's lines sums exactly to it.
 */
async function checkStatements(world: World, ledger: Awaited<ReturnType<typeof ledgerRows>>, rows: MoneyRows, rates: ReadonlyMap<string, number>): Promise<void> {
  const transactions = await world.db.selectFrom('ledger_transactions').select(['id', 'source_key']).where('kind', '=', 'commission').execute();
  const byKey = new Map(transactions.map((row) => [row.source_key, row.id]));
  const handedOverAt = new Map(rows.purchaseOrders.filter((po) => po.status === 'handed_over').map((po) => [`${po.order_id}|${po.shop_id}`, po.updated_at]));
  for (const statement of rows.statements) {
    const sales = rows.purchaseOrders.filter((po) => po.statement_id === statement.id).reduce((sum, po) => sum + num(po.total_cents), 0);
    const counted = rows.refunds.filter((refund) => refund.statement_id === statement.id);
    const refunds = counted.reduce((sum, refund) => sum + num(refund.amount_cents), 0);
    const late = counted.filter((refund) => (handedOverAt.get(`${refund.order_id}|${refund.shop_id}`) ?? '') < statement.covers_from_at).reduce((sum, refund) => sum + num(refund.amount_cents), 0);
    const net = sales - refunds;
    const base = net + late;
    const commission = base > 0 ? halfUp(base, num(statement.commission_bp)) : 0;
    const vat = statement.vat_bp === null ? 0 : halfUp(commission, num(statement.vat_bp));
    const label = `statement ${statement.id}`;
    assert.equal(num(statement.commission_bp), rates.get(statement.shop_id), `${label}: the shop's rate`);
    assert.deepEqual(
      [num(statement.sales_cents), num(statement.refunds_cents), num(statement.commission_cents), num(statement.vat_cents), num(statement.payable_cents)],
      [sales, refunds, commission, vat, net - commission - vat + num(statement.carried_cents)],
      `${label}: sales, refunds, commission, VAT, payable`,
    );
    const transactionId = byKey.get(`commission:${statement.id}`);
    const entries = ledger.filter((row) => row.transaction_id === transactionId);
    assert.equal(entries.reduce((sum, row) => sum + num(row.debit_cents), 0), commission + vat, `${label}: commission and VAT in the ledger once`);
    const detail = await statementDetail(world.db, CONCIERGE, statement.id);
    assert.ok(detail.lineCount <= detail.lines.length, `${label}: every line on one page`);
    assert.equal(detail.lines.reduce((sum, line) => sum + line.amountCents, 0), net, `${label}: its lines sum to its net`);
    assert.equal(detail.lines.reduce((sum, line) => sum + line.commissionCents, 0), commission, `${label}: the commission allocated to lines sums to it`);
  }
}

/**
 * The issue's « for each order, payments − refunds = shop payables + commission incl. VAT »,
 * in an exact form. For an order whose purchase orders are all handed over and counted on a
 * statement, or dropped (refused, cancelled), and whose shop-borne refunds are all counted:
 *   Σ of its lines on statements (sales − refunds its shops bore) = goods handed over − refunds
 *   borne, and payments − refunds = that + the member's credit left on it (≥ 0).
 * With the statements' own identity (Σ lines = payable + commission + VAT, checked above), the
 * money kept for the order is what its shops were credited plus the commission and VAT on it.
 */
async function checkSettledOrders(world: World, rows: MoneyRows): Promise<number> {
  const lineOrder = new Map((await world.db.selectFrom('order_lines').select(['id', 'order_id']).execute()).map((row) => [row.id, row.order_id]));
  const refundOrder = new Map(rows.refunds.map((refund) => [refund.id, refund.order_id]));
  const onStatements = new Map<string, number>();
  for (const statement of rows.statements) {
    for (const line of (await statementDetail(world.db, CONCIERGE, statement.id)).lines) {
      addTo(onStatements, (line.kind === 'sale' ? lineOrder : refundOrder).get(line.id)!, line.amountCents);
    }
  }
  let settled = 0;
  for (const order of rows.orders) {
    const pos = rows.purchaseOrders.filter((po) => po.order_id === order.id);
    const refunds = rows.refunds.filter((refund) => refund.order_id === order.id);
    const done = pos.every((po) => (po.status === 'handed_over' && po.statement_id !== null) || po.status === 'refused' || po.status === 'cancelled');
    if (!done || refunds.some((refund) => refund.shop_id !== null && refund.statement_id === null)) continue;
    settled += 1;
    const kept = pos.filter((po) => po.status === 'handed_over').reduce((sum, po) => sum + num(po.total_cents), 0) - refunds.filter((refund) => refund.shop_id !== null).reduce((sum, refund) => sum + num(refund.amount_cents), 0);
    const paid = rows.payments.filter((payment) => payment.order_id === order.id).reduce((sum, payment) => sum + num(payment.amount_cents), 0) - refunds.reduce((sum, refund) => sum + num(refund.amount_cents), 0);
    assert.equal(onStatements.get(order.id) ?? 0, kept, `order ${order.id}: its lines on statements are the goods it kept`);
    assert.ok(paid - kept >= 0, `order ${order.id}: paid − refunded covers the goods kept`);
  }
  return settled;
}

// ---------- property 3: payouts ----------

/**
 * A payout pays one statement, once (payouts.statement_id unique), for exactly its positive
 * payable; a statement is paid iff its batch was confirmed paid, with one `payout:` ledger
 * transaction per payout paid and none otherwise; per shop, the payouts never exceed what was
 * collected for its goods on its statements (sales − commission − VAT; a refund borne after a
 * payout is a debt carried into the shop's next statements).
 */
async function checkPayouts(world: World, rows: MoneyRows): Promise<void> {
  const statementOf = new Map(rows.statements.map((statement) => [statement.id, statement]));
  assert.equal(new Set(rows.payouts.map((payout) => payout.statement_id)).size, rows.payouts.length, 'one payout per statement');
  const ledgerPayouts = await world.db.selectFrom('ledger_transactions').select('source_key').where('kind', '=', 'payout').execute();
  const keys = ledgerPayouts.map((row) => row.source_key);
  assert.equal(new Set(keys).size, keys.length, 'one ledger transaction per payout');
  const paid = rows.payouts.filter((payout) => payout.status === 'paid');
  assert.deepEqual([...keys].sort(), paid.map((payout) => `payout:${payout.id}`).sort(), 'the ledger records exactly the payouts paid');
  for (const payout of rows.payouts) {
    const statement = statementOf.get(payout.statement_id)!;
    assert.equal(num(payout.amount_cents), num(statement.payable_cents), `payout ${payout.id} pays its statement's amount`);
    assert.ok(num(payout.amount_cents) > 0, `payout ${payout.id} is positive`);
    assert.equal(statement.status, payout.status === 'paid' ? 'paid' : 'in_batch', `statement ${statement.id} follows its batch`);
  }
  const collected = new Map<string, number>();
  // What was collected from residents for the shop's goods, less the commission and its VAT. A
  // refund borne after a payout leaves the shop owing: that debt is carried into its next
  // statements (never paid out), so payouts are bounded by the money collected for the goods.
  for (const statement of rows.statements) addTo(collected, statement.shop_id, num(statement.sales_cents) - num(statement.commission_cents) - num(statement.vat_cents));
  const paidOut = new Map<string, number>();
  for (const payout of rows.payouts) addTo(paidOut, payout.shop_id, num(payout.amount_cents));
  for (const [shop, cents] of paidOut) assert.ok(cents <= (collected.get(shop) ?? 0), `shop ${shop}: payouts ${cents} ≤ collected ${collected.get(shop) ?? 0}`);
}

async function checkInvariants(world: World, rates: ReadonlyMap<string, number>): Promise<number> {
  await postCounterActivity(world.db, world.ctx.config.timeZone);
  await checkDoubleEntry(world.db);
  const [ledger, rows] = await Promise.all([ledgerRows(world.db), moneyRows(world.db)]);
  checkMembers(ledger, rows);
  checkShops(ledger, rows);
  await checkStatements(world, ledger, rows, rates);
  await checkPayouts(world, rows);
  return checkSettledOrders(world, rows);
}

// ---------- property 4: replays ----------

const MONEY_TABLES = ['counter_payments', 'refunds', 'statements', 'shop_invoices', 'commission_invoices', 'payout_batches', 'payouts', 'ledger_transactions', 'files', 'settlement_closings'] as const;

/** Counts and sums of every money table, statuses included, and the trial balance. */
async function snapshot(db: Db, timeZone: string): Promise<unknown> {
  await postCounterActivity(db, timeZone);
  const counts = await Promise.all(MONEY_TABLES.map(async (table) => [table, num((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)]));
  const [payments, refunds, payouts, statements, batches, purchaseOrders, ledger] = await Promise.all([
    db.selectFrom('counter_payments').select((eb) => eb.fn.sum<number>('amount_cents').as('s')).executeTakeFirstOrThrow(),
    db.selectFrom('refunds').select((eb) => eb.fn.sum<number>('amount_cents').as('s')).executeTakeFirstOrThrow(),
    db.selectFrom('payouts').select((eb) => eb.fn.sum<number>('amount_cents').as('s')).executeTakeFirstOrThrow(),
    db.selectFrom('statements').select(['status', (eb) => eb.fn.sum<number>('payable_cents').as('s'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').orderBy('status').execute(),
    db.selectFrom('payout_batches').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').orderBy('status').execute(),
    db.selectFrom('purchase_orders').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').orderBy('status').execute(),
    db.selectFrom('ledger_entries').select(['account', (eb) => eb.fn.sum<number>('debit_cents').as('d'), (eb) => eb.fn.sum<number>('credit_cents').as('c')]).groupBy('account').orderBy('account').execute(),
  ]);
  const numbers = <T extends Record<string, unknown>>(list: T[]) => list.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' ? value : num(value)])));
  return { counts, sums: [num(payments.s), num(refunds.s), num(payouts.s)], statements: numbers(statements), batches: numbers(batches), purchaseOrders: numbers(purchaseOrders), ledger: numbers(ledger) };
}

/** Replays some successful submissions with their keys: each answers its first result, nothing changes. */
async function checkReplays(world: World, chosen: readonly number[]): Promise<void> {
  if (world.submissions.length === 0) return;
  const before = await snapshot(world.db, world.ctx.config.timeZone);
  for (const index of chosen) {
    const submission = world.submissions[index % world.submissions.length];
    assert.equal(await submission.replay(), submission.result, `replaying the ${submission.label} answers its first result`);
  }
  assert.deepEqual(await snapshot(world.db, world.ctx.config.timeZone), before, 'replays changed nothing');
}

// ---------- the tests ----------

function rateBp(rate: string): number {
  const [units, decimals = ''] = rate.split(',');
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}

/** One database for every sequence, each with its own shops and members; the invariants are checked on the whole town. */
let town: TestApp;
let nextPeriod: Map<PeriodKind, Period>;
/** each shop's commission rate, in basis points, as its sequence set it */
const rates = new Map<string, number>();

before(async () => {
  town = await buildTestApp();
  const local = localDateOf(nowIso(), town.config.timeZone);
  nextPeriod = new Map<PeriodKind, Period>([
    ['weekly', periodOf('weekly', local)],
    ['monthly', periodOf('monthly', local)],
  ]);
});

after(() => town.close());

test('random sequences of money use cases keep every invariant, and replays change nothing', async (t) => {
  const coverage = { steps: 0, skipped: 0, settledOrdersChecked: 0, refusals: {} as Record<string, number> };
  await fc.assert(
    fc.asyncProperty(townArb, fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 }), async (spec, replays) => {
      const world = await makeWorld(town, nextPeriod, spec.shops, spec.members);
      try {
        await runSteps(world, spec.steps);
        for (const [index, shop] of world.shops.entries()) rates.set(shop.id, rateBp(spec.shops[index].rate));
        coverage.settledOrdersChecked += await checkInvariants(world, rates);
        await checkReplays(world, replays);
        await checkInvariants(world, rates);
      } catch (error) {
        // The steps as they ran, with their outcomes, next to fast-check's counterexample.
        if (error instanceof Error) error.message += `\n--- steps run ---\n${world.log.join('\n')}`;
        throw error;
      }
      coverage.steps += world.log.length;
      coverage.skipped += world.log.filter((line) => line.endsWith(': skip')).length;
      for (const line of world.log) {
        const code = /refused \((\w+)\)/.exec(line)?.[1];
        if (code) coverage.refusals[code] = (coverage.refusals[code] ?? 0) + 1;
      }
    }),
    { numRuns: NUM_RUNS, endOnFailure: true },
  );
  const count = async (table: 'statements' | 'payouts' | 'refunds' | 'shop_invoices') => num((await town.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const reached = { statements: await count('statements'), invoices: await count('shop_invoices'), payouts: await count('payouts'), refunds: await count('refunds') };
  t.diagnostic(`coverage: ${JSON.stringify({ ...coverage, ...reached })}`);
  // The sequences reached every part of the chain, or the properties proved little.
  assert.ok(reached.statements > 0 && reached.invoices > 0 && reached.payouts > 0 && reached.refunds > 0 && coverage.settledOrdersChecked > 0, JSON.stringify(reached));
});

test('50 simultaneous « paid » confirmations of one batch give one payout per statement', async (t) => {
  // its own town: it closes the current month, which the sequences close too
  const ctx = await buildTestApp();
  t.after(() => ctx.close());
  const placeId = await makePlace(ctx.db);
  const shops = [];
  for (const [index, priceCents] of [1999, 2345, 777].entries()) {
    const shop = await shopWithOffer(ctx.db, { priceCents, period: 'monthly' });
    assert.equal(await updateTerms(ctx.db, ctx.config, CONCIERGE, shop.shopId, { settlementPeriod: 'monthly', iban: IBANS[index], bic: BICS[index], vatNumber: '', selfBillingSince: '' }), undefined);
    await confirmBankDetails(ctx.db, [shop.shopId]);
    shops.push(shop);
  }
  await handedOverOrder(ctx.db, ctx.config, placeId, shops.map((shop) => ({ offerId: shop.offerId, quantity: 2 })));
  await closeCurrentPeriod(ctx.db, ctx.config, 'monthly');
  const statements = await ctx.db.selectFrom('statements').selectAll().where('shop_id', 'in', shops.map((shop) => shop.shopId)).execute();
  assert.equal(statements.length, 3);
  const local = today(ctx.config.timeZone);
  for (const statement of statements) {
    const amount = centsToInput(num(statement.sales_cents) - num(statement.refunds_cents));
    await recordShopInvoice(ctx.db, ctx.config, CONCIERGE, statement.id, { number: `F-${statement.id.slice(-6)}`, invoiceDate: local.split('-').reverse().join('/'), amount, file: Buffer.from('%PDF-1.4 facture') }, newIdempotencyKey());
  }
  const batchId = await prepareBatch(ctx.db, ctx.config, CONCIERGE, statements.map((statement) => statement.id), newIdempotencyKey());
  await moveBatchStep(ctx.db, ctx.config, COLLEAGUE, batchId, 'approve', newIdempotencyKey());
  await moveBatchStep(ctx.db, ctx.config, CONCIERGE, batchId, 'send', newIdempotencyKey());

  const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => moveBatchStep(ctx.db, ctx.config, CONCIERGE, batchId, 'pay', newIdempotencyKey())));
  const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
  const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  assert.equal(won.length, 1, 'one confirmation wins');
  for (const outcome of lost) assert.equal((outcome.reason as DomainError).code, 'payout_batch_status_changed', String(outcome.reason));

  const payouts = await ctx.db.selectFrom('payouts').select(['id', 'statement_id', 'amount_cents']).where('batch_id', '=', batchId).execute();
  assert.equal(payouts.length, 3, 'one payout per statement');
  const ledger = await ctx.db.selectFrom('ledger_transactions').select('source_key').where('kind', '=', 'payout').where('source_key', 'in', payouts.map((payout) => `payout:${payout.id}`)).execute();
  assert.equal(ledger.length, 3, 'one ledger transaction per payout');
  const paid = await ctx.db.selectFrom('statements').select('status').where('id', 'in', statements.map((statement) => statement.id)).execute();
  assert.deepEqual(paid.map((row) => row.status), ['paid', 'paid', 'paid']);
  for (const shop of shops) {
    const balance = await ctx.db
      .selectFrom('ledger_entries')
      .select([(eb) => eb.fn.sum<number>('debit_cents').as('d'), (eb) => eb.fn.sum<number>('credit_cents').as('c')])
      .where('account', '=', 'shop_payable')
      .where('shop_id', '=', shop.shopId)
      .executeTakeFirstOrThrow();
    assert.equal(num(balance.d), num(balance.c), 'each shop is owed nothing once paid');
  }
});
