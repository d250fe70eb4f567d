// All SQL of closings and statements. A statement freezes what it counts: closing stamps its
// id on the purchase orders handed over and the refunds borne by the shop, so a later reader
// finds exactly the same lines, and a line is counted by one statement only.
import { sql } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { CommissionInvoicesTable, StatementsTable } from '../../db/schema.ts';
import { movableFrom } from '../../platform/transitions.ts';
import { STATEMENT_TRANSITIONS, statementNumber, type PeriodKind, type StatementStatus } from '../settlement.statements.rules.ts';

export interface Statement {
  id: string;
  closingId: string;
  shopId: string;
  shopName: string;
  /** « RLV-202611-C0042 » */
  number: string;
  periodKind: PeriodKind;
  periodStart: string;
  periodEnd: string;
  status: StatementStatus;
  salesCents: number;
  refundsCents: number;
  commissionBp: number;
  commissionCents: number;
  vatBp: number | null;
  vatCents: number;
  payableCents: number;
  /** from earlier statements: negative ones (< 0) and credit notes (> 0) */
  carriedCents: number;
  purchaseOrderCount: number;
  coversFromAt: string;
  coversToAt: string;
  closedAt: string;
  updatedAt: string;
}

/** Records a closing; false when the period was closed already (by someone else a moment ago). */
export async function insertClosing(trx: Executor, row: { id: string; periodKind: PeriodKind; periodStart: string; periodEnd: string; closedAt: string; closedByLabel: string }): Promise<boolean> {
  const result = await trx
    .insertInto('settlement_closings')
    .values({ id: row.id, period_kind: row.periodKind, period_start: row.periodStart, period_end: row.periodEnd, closed_at: row.closedAt, closed_by_label: row.closedByLabel, statement_count: 0 })
    .onConflict((oc) => oc.columns(['period_kind', 'period_start']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function setClosingCount(trx: Executor, closingId: string, count: number): Promise<void> {
  await trx.updateTable('settlement_closings').set({ statement_count: count }).where('id', '=', closingId).execute();
}

/** The shops paid back on this kind of period. */
export async function shopIdsOnPeriod(db: Executor, kind: PeriodKind): Promise<string[]> {
  const rows = await db.selectFrom('shops').select('id').where('settlement_period', '=', kind).execute();
  return rows.map((row) => row.id);
}

/** Where each shop's last statement ended (the UTC instant its hand-overs ran up to); absent for a shop's first. */
export async function lastCoveredTo(db: Executor, shopIds: readonly string[]): Promise<Map<string, string>> {
  if (shopIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('statements')
    .select(['shop_id', (eb) => eb.fn.max<string>('covers_to_at').as('to_at')])
    .where('shop_id', 'in', [...shopIds])
    .groupBy('shop_id')
    .execute();
  return new Map(rows.map((row) => [row.shop_id, row.to_at]));
}

/**
 * The sales of shops handed over in [fromAt, toAt): one grouped read of the index
 * (shop, status, hand-over instant, total). A handed-over purchase order never moves again,
 * so the range names the same purchase orders at any later time.
 */
export async function salesInRange(db: Executor, shopIds: readonly string[], fromAt: string, toAt: string): Promise<Map<string, { salesCents: number; purchaseOrderCount: number }>> {
  if (shopIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('purchase_orders')
    .select((eb) => ['shop_id', eb.fn.sum<number>('total_cents').as('cents'), eb.fn.countAll<number>().as('count')])
    .where('shop_id', 'in', [...shopIds])
    .where('status', '=', 'handed_over')
    .where('updated_at', '>=', fromAt)
    .where('updated_at', '<', toAt)
    .groupBy('shop_id')
    .execute();
  return new Map(rows.map((row) => [row.shop_id, { salesCents: Number(row.cents), purchaseOrderCount: Number(row.count) }]));
}

/**
 * Stamps each shop's statement id on the refunds it bore before `endAt` and not yet counted
 * (a refund may be recorded late: stamping catches it on the next statement), then sums them.
 */
export async function assignRefunds(trx: Executor, statementIdByShop: ReadonlyMap<string, string>, endAt: string): Promise<Map<string, number>> {
  if (statementIdByShop.size === 0) return new Map();
  const shopIds = [...statementIdByShop.keys()];
  const statementOfShop = sql<string>`case ${sql.ref('shop_id')} ${sql.join(
    shopIds.map((shopId) => sql`when ${shopId} then ${statementIdByShop.get(shopId)!}`),
    sql` `,
  )} end`;
  await trx.updateTable('refunds').set({ statement_id: statementOfShop }).where('shop_id', 'in', shopIds).where('statement_id', 'is', null).where('at', '<', endAt).execute();
  const rows = await trx
    .selectFrom('refunds')
    .select((eb) => ['shop_id', eb.fn.sum<number>('amount_cents').as('cents')])
    .where('statement_id', 'in', [...statementIdByShop.values()])
    .groupBy('shop_id')
    .execute();
  return new Map(rows.map((row) => [row.shop_id!, Number(row.cents)]));
}

/**
 * Takes what earlier statements leave to carry into each shop's next one: statements that
 * ended negative (moved to carried_forward) and credit notes not yet paid back (stamped with
 * the statement that carries them). Answers the amount per shop.
 */
export async function takeCarries(trx: Executor, statementIdByShop: ReadonlyMap<string, string>, carriedFrom: readonly StatementStatus[], at: string): Promise<Map<string, number>> {
  const carries = new Map<string, number>();
  if (statementIdByShop.size === 0) return carries;
  const shopIds = [...statementIdByShop.keys()];
  const negative = await moveStatements(trx, { negativeOfShops: shopIds }, carriedFrom, 'carried_forward', at);
  const statementOfShop = sql<string>`case ${sql.ref('shop_id')} ${sql.join(
    shopIds.map((shopId) => sql`when ${shopId} then ${statementIdByShop.get(shopId)!}`),
    sql` `,
  )} end`;
  // Each statement carried says which one took it, as the credit notes below do.
  if (negative.length > 0) {
    await trx
      .updateTable('statements')
      .set({ carried_into_id: statementOfShop })
      .where('id', 'in', negative.map((row) => row.id))
      .execute();
  }
  const credits = await trx
    .updateTable('commission_invoices')
    .set({ carried_statement_id: statementOfShop })
    .where('shop_id', 'in', shopIds)
    .where('kind', '=', 'credit_note')
    .where('carried_statement_id', 'is', null)
    .returning(['shop_id', 'total_cents'])
    .execute();
  for (const row of negative) carries.set(row.shopId, (carries.get(row.shopId) ?? 0) + row.payableCents);
  for (const row of credits) carries.set(row.shop_id, (carries.get(row.shop_id) ?? 0) + Number(row.total_cents));
  return carries;
}

const INSERT_CHUNK = 200;

export async function insertStatements(trx: Executor, rows: readonly StatementsTable[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) await trx.insertInto('statements').values(rows.slice(start, start + INSERT_CHUNK)).execute();
}

/**
 * Reserves `count` consecutive numbers of a series and answers the first. The counter is
 * incremented inside the caller's transaction: a rollback gives the numbers back, so the
 * series has no gap, and two closings at once are serialised on the counter's row.
 */
export async function reserveInvoiceNumbers(trx: Executor, series: string, count: number): Promise<number> {
  await trx.insertInto('invoice_sequences').values({ series, last_number: 0 }).onConflict((oc) => oc.column('series').doNothing()).execute();
  const row = await trx
    .updateTable('invoice_sequences')
    .set((eb) => ({ last_number: eb('last_number', '+', count) }))
    .where('series', '=', series)
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number) - count + 1;
}

export async function insertCommissionInvoices(trx: Executor, rows: readonly CommissionInvoicesTable[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) await trx.insertInto('commission_invoices').values(rows.slice(start, start + INSERT_CHUNK)).execute();
}

/** The latest period of a kind already closed, if any. */
export async function latestClosedStart(db: Executor, kind: PeriodKind): Promise<string | undefined> {
  const row = await db.selectFrom('settlement_closings').select('period_start').where('period_kind', '=', kind).orderBy('period_start', 'desc').limit(1).executeTakeFirst();
  return row?.period_start;
}

/** When the oldest hand-over of shops of a kind happened (before any closing of that kind). */
export async function oldestHandOverAt(db: Executor, kind: PeriodKind): Promise<string | undefined> {
  const row = await db
    .selectFrom('purchase_orders as po')
    .innerJoin('shops as s', 's.id', 'po.shop_id')
    .select((eb) => eb.fn.min<string>('po.updated_at').as('at'))
    .where('s.settlement_period', '=', kind)
    .where('po.status', '=', 'handed_over')
    .executeTakeFirst();
  return row?.at ?? undefined;
}

function statementOf(row: StatementsTable & { trade_name: string; account_code: string | null }): Statement {
  return {
    id: row.id,
    closingId: row.closing_id,
    shopId: row.shop_id,
    shopName: row.trade_name,
    number: statementNumber({ periodKind: row.period_kind as PeriodKind, periodStart: row.period_start, shopCode: row.account_code ?? row.shop_id.slice(-8) }),
    periodKind: row.period_kind as PeriodKind,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status as StatementStatus,
    salesCents: Number(row.sales_cents),
    refundsCents: Number(row.refunds_cents),
    commissionBp: Number(row.commission_bp),
    commissionCents: Number(row.commission_cents),
    vatBp: row.vat_bp === null ? null : Number(row.vat_bp),
    vatCents: Number(row.vat_cents),
    payableCents: Number(row.payable_cents),
    carriedCents: Number(row.carried_cents),
    purchaseOrderCount: Number(row.purchase_order_count),
    coversFromAt: row.covers_from_at,
    coversToAt: row.covers_to_at,
    closedAt: row.closed_at,
    updatedAt: row.updated_at,
  };
}

function statementsQuery(db: Executor) {
  return db.selectFrom('statements as st').innerJoin('shops as s', 's.id', 'st.shop_id').selectAll('st').select(['s.trade_name', 's.account_code']);
}

export async function findStatement(db: Executor, id: string): Promise<Statement | undefined> {
  const row = await statementsQuery(db).where('st.id', '=', id).executeTakeFirst();
  return row ? statementOf(row) : undefined;
}

export interface StatementFilter {
  shopId?: string;
  status?: StatementStatus;
  limit: number;
  offset: number;
}

/** Statements, the latest periods first, then by shop name. */
export async function listStatements(db: Executor, filter: StatementFilter): Promise<{ statements: Statement[]; total: number }> {
  let query = statementsQuery(db);
  let count = db.selectFrom('statements as st').select((eb) => eb.fn.countAll<number>().as('count'));
  if (filter.shopId) {
    query = query.where('st.shop_id', '=', filter.shopId);
    count = count.where('st.shop_id', '=', filter.shopId);
  }
  if (filter.status) {
    query = query.where('st.status', '=', filter.status);
    count = count.where('st.status', '=', filter.status);
  }
  const [rows, total] = await Promise.all([
    query.orderBy('st.period_start', 'desc').orderBy('s.trade_name').orderBy('st.id').limit(filter.limit).offset(filter.offset).execute(),
    count.executeTakeFirst(),
  ]);
  return { statements: rows.map(statementOf), total: Number(total?.count ?? 0) };
}

/** Which statements a move takes. */
export type StatementTarget =
  /**
   * These, by id. With `unchangedSince`, only if nobody changed them since they were read with
   * that `updated_at`: a status alone is not enough when a move keeps it (a corrected invoice
   * moves a statement from `difference` to `difference`); on PostgreSQL the second of two such
   * moves waits for the first, then finds `updated_at` changed and moves nothing.
   */
  | { ids: readonly string[]; unchangedSince?: string }
  /** The statements of these shops that ended negative (the shop owes money). */
  | { negativeOfShops: readonly string[] }
  /** The statements a payout batch pays. */
  | { paidByBatch: string };

export interface MovedStatement {
  id: string;
  shopId: string;
  payableCents: number;
}

/**
 * The one move of statements' status: those of `target` still in one of `from` that the
 * table lets move to `to` go there, stamped with the instant. A conditional update: of two
 * concurrent moves, one wins. Answers the statements moved.
 */
export async function moveStatements(
  trx: Executor,
  target: StatementTarget,
  from: readonly StatementStatus[],
  to: StatementStatus,
  at: string,
): Promise<MovedStatement[]> {
  const movable = movableFrom(STATEMENT_TRANSITIONS, to, from);
  if (movable.length === 0) return [];
  let update = trx.updateTable('statements').set({ status: to, updated_at: at }).where('status', 'in', movable);
  if ('ids' in target) {
    if (target.ids.length === 0) return [];
    update = update.where('id', 'in', target.ids);
    if (target.unchangedSince !== undefined) update = update.where('updated_at', '=', target.unchangedSince);
  } else if ('negativeOfShops' in target) {
    if (target.negativeOfShops.length === 0) return [];
    update = update.where('shop_id', 'in', target.negativeOfShops).where('payable_cents', '<', 0);
  } else {
    const batchId = target.paidByBatch;
    update = update.where('id', 'in', (eb) => eb.selectFrom('payouts').select('statement_id').where('batch_id', '=', batchId));
  }
  const rows = await update.returning(['id', 'shop_id', 'payable_cents']).execute();
  return rows.map((row) => ({ id: row.id, shopId: row.shop_id, payableCents: Number(row.payable_cents) }));
}

/** A line counted by a statement: a line sold (positive) or a refund borne by the shop (negative). */
export interface StatementLine {
  kind: 'sale' | 'refund';
  id: string;
  at: string;
  collectionCode: string;
  title: string;
  quantity: number;
  amountCents: number;
  /** The line's VAT rate; null for a refund not tied to one line. */
  vatRateBp: number | null;
}

/**
 * Every line a statement counts, in a fixed order (sales by hand-over, then refunds by
 * date): the order the commission is allocated in. A statement is a shop's period, a few
 * thousand lines at most; the page shows a slice and the allocation needs all amounts.
 */
export async function statementLines(db: Executor, statement: { id: string; shopId: string; coversFromAt: string; coversToAt: string }): Promise<StatementLine[]> {
  const statementId = statement.id;
  const [sales, refunds] = await Promise.all([
    db
      .selectFrom('order_lines as l')
      .innerJoin('purchase_orders as po', 'po.id', 'l.purchase_order_id')
      .innerJoin('orders as o', 'o.id', 'po.order_id')
      .select(['l.id', 'po.updated_at', 'o.collection_code', 'l.title', 'l.quantity', 'l.total_cents', 'l.vat_rate_bp'])
      .where('po.shop_id', '=', statement.shopId)
      .where('po.status', '=', 'handed_over')
      .where('po.updated_at', '>=', statement.coversFromAt)
      .where('po.updated_at', '<', statement.coversToAt)
      .where('l.status', '=', 'ordered')
      .orderBy('po.updated_at')
      .orderBy('po.id')
      .orderBy('l.position')
      .execute(),
    db
      .selectFrom('refunds as r')
      .innerJoin('orders as o', 'o.id', 'r.order_id')
      .leftJoin('order_lines as rl', 'rl.id', 'r.order_line_id')
      .select(['r.id', 'r.at', 'o.collection_code', 'r.reason', 'r.amount_cents', 'rl.vat_rate_bp'])
      .where('r.statement_id', '=', statementId)
      .orderBy('r.at')
      .orderBy('r.id')
      .execute(),
  ]);
  return [
    ...sales.map((row) => ({ kind: 'sale' as const, id: row.id, at: row.updated_at, collectionCode: row.collection_code, title: row.title, quantity: Number(row.quantity), amountCents: Number(row.total_cents), vatRateBp: Number(row.vat_rate_bp) })),
    ...refunds.map((row) => ({ kind: 'refund' as const, id: row.id, at: row.at, collectionCode: row.collection_code, title: row.reason, quantity: 1, amountCents: -Number(row.amount_cents), vatRateBp: row.vat_rate_bp === null ? null : Number(row.vat_rate_bp) })),
  ];
}

export interface CommissionInvoiceRef {
  id: string;
  series: string;
  number: number;
  kind: 'invoice' | 'credit_note';
  issuedOn: string;
  totalCents: number;
}

export async function commissionInvoicesOf(db: Executor, statementId: string): Promise<CommissionInvoiceRef[]> {
  const rows = await db
    .selectFrom('commission_invoices')
    .select(['id', 'series', 'number', 'kind', 'issued_on', 'total_cents'])
    .where('statement_id', '=', statementId)
    .orderBy('series')
    .orderBy('number')
    .execute();
  return rows.map((row) => ({ id: row.id, series: row.series, number: Number(row.number), kind: row.kind as CommissionInvoiceRef['kind'], issuedOn: row.issued_on, totalCents: Number(row.total_cents) }));
}
