// All SQL of payouts: the statements ready to be paid, payout batches and their payouts, and
// the move of a batch. Every move is a conditional update on the status read, so two people
// clicking at once move a batch once (the statements it takes move by their own door,
// `moveStatements`).
import type { Executor } from '../../db/index.ts';
import type { PayoutBatchesTable, PayoutsTable } from '../../db/schema.ts';
import { canMove } from '../../platform/transitions.ts';
import { BATCH_TRANSITIONS, type BatchStatus } from './payouts.rules.ts';
import { statementNumber, type PeriodKind } from '../settlement.statements.rules.ts';

export type { BatchStatus } from './payouts.rules.ts';

export interface PayoutBatch {
  id: string;
  status: BatchStatus;
  messageId: string;
  totalCents: number;
  transferCount: number;
  executionDate: string;
  createdAt: string;
  createdByAccountId: string | null;
  createdByLabel: string;
  approvedAt: string | null;
  approvedByLabel: string | null;
  sentAt: string | null;
  paidAt: string | null;
}

export interface Payout {
  id: string;
  batchId: string;
  statementId: string;
  shopId: string;
  shopName: string;
  periodKind: PeriodKind;
  periodStart: string;
  periodEnd: string;
  amountCents: number;
  creditorName: string;
  iban: string;
  bic: string | null;
  endToEndId: string;
  remittance: string;
}

/** A statement to pay, as the proposal lists it. */
export interface PayableStatement {
  id: string;
  shopId: string;
  shopName: string;
  /** « RLV-202611-C0042 » */
  number: string;
  status: string;
  periodKind: PeriodKind;
  periodStart: string;
  periodEnd: string;
  payableCents: number;
}

function toBatch(row: PayoutBatchesTable): PayoutBatch {
  return {
    id: row.id,
    status: row.status as BatchStatus,
    messageId: row.message_id,
    totalCents: Number(row.total_cents),
    transferCount: Number(row.transfer_count),
    executionDate: row.execution_date,
    createdAt: row.created_at,
    createdByAccountId: row.created_by_account_id,
    createdByLabel: row.created_by_label,
    approvedAt: row.approved_at,
    approvedByLabel: row.approved_by_label,
    sentAt: row.sent_at,
    paidAt: row.paid_at,
  };
}

const STATEMENT_COLUMNS = ['s.id', 's.shop_id', 'sh.trade_name', 'sh.account_code', 's.status', 's.period_kind', 's.period_start', 's.period_end', 's.payable_cents'] as const;

function toPayable(row: { id: string; shop_id: string; trade_name: string; account_code: string | null; status: string; period_kind: string; period_start: string; period_end: string; payable_cents: number }): PayableStatement {
  return {
    id: row.id,
    shopId: row.shop_id,
    shopName: row.trade_name,
    number: statementNumber({ periodKind: row.period_kind as PeriodKind, periodStart: row.period_start, shopCode: row.account_code ?? row.shop_id.slice(-8) }),
    status: row.status,
    periodKind: row.period_kind as PeriodKind,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    payableCents: Number(row.payable_cents),
  };
}

/** Settled statements with something to pay, oldest period first (statements_status_idx). */
export async function settledStatements(db: Executor, limit: number): Promise<PayableStatement[]> {
  const rows = await db
    .selectFrom('statements as s')
    .innerJoin('shops as sh', 'sh.id', 's.shop_id')
    .select(STATEMENT_COLUMNS)
    .where('s.status', '=', 'settled')
    .where('s.payable_cents', '>', 0)
    .orderBy('s.period_start')
    .orderBy('sh.trade_name')
    .orderBy('s.id')
    .limit(limit)
    .execute();
  return rows.map(toPayable);
}

export async function statementsByIds(db: Executor, ids: readonly string[]): Promise<PayableStatement[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('statements as s').innerJoin('shops as sh', 'sh.id', 's.shop_id').select(STATEMENT_COLUMNS).where('s.id', 'in', ids).execute();
  return rows.map(toPayable);
}

export async function insertBatch(trx: Executor, batch: PayoutBatchesTable, payouts: readonly PayoutsTable[]): Promise<void> {
  await trx.insertInto('payout_batches').values(batch).execute();
  // A statement already paid by another payout fails here too (payouts.statement_id is unique).
  await trx.insertInto('payouts').values([...payouts]).execute();
}

export async function findBatch(db: Executor, id: string): Promise<PayoutBatch | undefined> {
  const row = await db.selectFrom('payout_batches').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toBatch(row) : undefined;
}

/** A page of batches, newest first, and how many there are. */
export async function listBatches(db: Executor, limit: number, offset: number): Promise<{ batches: PayoutBatch[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.selectFrom('payout_batches').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    db.selectFrom('payout_batches').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { batches: rows.map(toBatch), total: Number(count.n) };
}

/** The fields a move stamps besides the status. */
export type BatchStamp = Partial<Pick<PayoutBatchesTable, 'approved_at' | 'approved_by_account_id' | 'approved_by_label' | 'execution_date' | 'sent_at' | 'paid_at'>>;

/**
 * The one move of a batch's status: from → to when its table allows it and the batch is still
 * `from`, stamped with the instant; false when someone moved it first.
 */
export async function moveBatch(trx: Executor, id: string, from: BatchStatus, to: BatchStatus, at: string, stamp: BatchStamp): Promise<boolean> {
  if (!canMove(BATCH_TRANSITIONS, from, to)) return false;
  const result = await trx.updateTable('payout_batches').set({ ...stamp, status: to, updated_at: at }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const PAYOUT_COLUMNS = [
  'p.id',
  'p.batch_id',
  'p.statement_id',
  'p.shop_id',
  'sh.trade_name',
  's.period_kind',
  's.period_start',
  's.period_end',
  'p.amount_cents',
  'p.creditor_name',
  'p.iban',
  'p.bic',
  'p.end_to_end_id',
  'p.remittance',
] as const;

type PayoutRow = PayoutsTable & { trade_name: string; period_kind: string; period_start: string; period_end: string };

function toPayout(row: PayoutRow): Payout {
  return {
    id: row.id,
    batchId: row.batch_id,
    statementId: row.statement_id,
    shopId: row.shop_id,
    shopName: row.trade_name,
    periodKind: row.period_kind as PeriodKind,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    amountCents: Number(row.amount_cents),
    creditorName: row.creditor_name,
    iban: row.iban,
    bic: row.bic,
    endToEndId: row.end_to_end_id,
    remittance: row.remittance,
  };
}

function payoutsQuery(db: Executor) {
  return db.selectFrom('payouts as p').innerJoin('statements as s', 's.id', 'p.statement_id').innerJoin('shops as sh', 'sh.id', 'p.shop_id').select(PAYOUT_COLUMNS);
}

/** The payouts of a batch in a stable order, so its file has the same bytes at each download. */
export async function payoutsOfBatch(db: Executor, batchId: string): Promise<Payout[]> {
  const rows = await payoutsQuery(db).where('p.batch_id', '=', batchId).orderBy('p.creditor_name').orderBy('p.end_to_end_id').execute();
  return rows.map(toPayout);
}

export interface ShopPayout extends Payout {
  batchStatus: BatchStatus;
  createdAt: string;
  sentAt: string | null;
  paidAt: string | null;
}

/** A page of one shop's payouts, newest period first (payouts_shop_idx), and how many there are. */
export async function payoutsOfShop(db: Executor, shopId: string, limit: number, offset: number): Promise<{ payouts: ShopPayout[]; total: number }> {
  const [rows, count] = await Promise.all([
    payoutsQuery(db)
      .innerJoin('payout_batches as b', 'b.id', 'p.batch_id')
      .select(['b.status as batch_status', 'b.created_at', 'b.sent_at', 'b.paid_at'])
      .where('p.shop_id', '=', shopId)
      .orderBy('s.period_start', 'desc')
      .orderBy('p.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db.selectFrom('payouts').select((eb) => eb.fn.countAll<number>().as('n')).where('shop_id', '=', shopId).executeTakeFirstOrThrow(),
  ]);
  const payouts = rows.map((row) => ({ ...toPayout(row), batchStatus: row.batch_status as BatchStatus, createdAt: row.created_at, sentAt: row.sent_at, paidAt: row.paid_at }));
  return { payouts, total: Number(count.n) };
}

/** The documents a transfer names, per statement: the shop's invoice that counts and the commission invoice. */
export interface StatementDocuments {
  shopInvoice?: { number: string; date: string };
  commission?: { series: string; number: number };
}

/** For each statement, its current shop invoice (the latest not replaced) and its commission invoice, in two reads. */
export async function documentsOfStatements(db: Executor, statementIds: readonly string[]): Promise<Map<string, StatementDocuments>> {
  const documents = new Map<string, StatementDocuments>(statementIds.map((id) => [id, {}]));
  if (statementIds.length === 0) return documents;
  const [invoices, commissions] = await Promise.all([
    db
      .selectFrom('shop_invoices')
      .select(['statement_id', 'number', 'invoice_date'])
      .where('statement_id', 'in', [...statementIds])
      .where('status', '!=', 'replaced')
      .orderBy('recorded_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('commission_invoices').select(['statement_id', 'series', 'number']).where('statement_id', 'in', [...statementIds]).where('kind', '=', 'invoice').execute(),
  ]);
  // the latest recorded wins (a statement has one current invoice; the order makes it certain)
  for (const row of invoices) documents.get(row.statement_id)!.shopInvoice = { number: row.number, date: row.invoice_date };
  for (const row of commissions) documents.get(row.statement_id)!.commission = { series: row.series, number: Number(row.number) };
  return documents;
}

/** Which of these end-to-end ids an earlier payout already carries. */
export async function takenEndToEndIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('payouts').select('end_to_end_id').where('end_to_end_id', 'in', [...ids]).execute();
  return new Set(rows.map((row) => row.end_to_end_id));
}
