// All SQL of invoices: the shops' invoices recorded against statements (with their PDF in
// `files`), and the conciergerie's commission invoices and credit notes.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { CommissionInvoicesTable, ShopInvoicesTable } from '../../db/schema.ts';
import { movableFrom } from '../../platform/transitions.ts';
import { SHOP_INVOICE_TRANSITIONS, type CommissionInvoiceKind, type ShopInvoiceStatus } from './invoices.rules.ts';
import type { StatementStatus } from '../settlement.statements.rules.ts';

export interface ShopInvoice {
  id: string;
  statementId: string;
  shopId: string;
  number: string;
  invoiceDate: string;
  amountCents: number;
  fileId: string | null;
  selfBilled: boolean;
  status: ShopInvoiceStatus;
  resolutionNote: string | null;
  recordedAt: string;
  recordedByLabel: string;
}

function shopInvoiceOf(row: Selectable<ShopInvoicesTable>): ShopInvoice {
  return {
    id: row.id,
    statementId: row.statement_id,
    shopId: row.shop_id,
    number: row.number,
    invoiceDate: row.invoice_date,
    amountCents: Number(row.amount_cents),
    fileId: row.file_id,
    selfBilled: Number(row.self_billed) === 1,
    status: row.status as ShopInvoiceStatus,
    resolutionNote: row.resolution_note,
    recordedAt: row.recorded_at,
    recordedByLabel: row.recorded_by_label,
  };
}

export async function insertFile(trx: Executor, file: { id: string; filename: string; contentType: string; bytes: Buffer; createdAt: string }): Promise<void> {
  await trx.insertInto('files').values({ id: file.id, filename: file.filename, content_type: file.contentType, bytes: file.bytes, created_at: file.createdAt }).execute();
}

export async function findFile(db: Executor, id: string): Promise<{ filename: string; contentType: string; bytes: Buffer } | undefined> {
  const row = await db.selectFrom('files').select(['filename', 'content_type', 'bytes']).where('id', '=', id).executeTakeFirst();
  return row ? { filename: row.filename, contentType: row.content_type, bytes: Buffer.from(row.bytes) } : undefined;
}

export async function insertShopInvoice(trx: Executor, row: Insertable<ShopInvoicesTable>): Promise<void> {
  await trx.insertInto('shop_invoices').values(row).execute();
}

/** The invoices of a statement, the latest recorded first. */
export async function shopInvoicesOfStatement(db: Executor, statementId: string): Promise<ShopInvoice[]> {
  const rows = await db.selectFrom('shop_invoices').selectAll().where('statement_id', '=', statementId).orderBy('recorded_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(shopInvoiceOf);
}

export async function findShopInvoice(db: Executor, id: string): Promise<ShopInvoice | undefined> {
  const row = await db.selectFrom('shop_invoices').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? shopInvoiceOf(row) : undefined;
}

/** A shop's invoices, the latest periods first, with the period of their statement. */
export async function shopInvoicesOfShop(db: Executor, shopId: string, limit: number, offset: number): Promise<(ShopInvoice & { periodStart: string; periodEnd: string })[]> {
  const rows = await db
    .selectFrom('shop_invoices as i')
    .innerJoin('statements as st', 'st.id', 'i.statement_id')
    .selectAll('i')
    .select(['st.period_start', 'st.period_end'])
    .where('i.shop_id', '=', shopId)
    .orderBy('st.period_start', 'desc')
    .orderBy('i.recorded_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => ({ ...shopInvoiceOf(row), periodStart: row.period_start, periodEnd: row.period_end }));
}

/**
 * The one move of shop invoices' status: the statement's invoices that the table lets move to
 * `to` go there (a conditional update on their status), with the reason when a difference is
 * accepted. Answers how many moved.
 */
export async function moveShopInvoices(trx: Executor, statementId: string, to: ShopInvoiceStatus, resolutionNote?: string): Promise<number> {
  const from = movableFrom(SHOP_INVOICE_TRANSITIONS, to);
  if (from.length === 0) return 0;
  const result = await trx
    .updateTable('shop_invoices')
    .set({ status: to, ...(resolutionNote === undefined ? {} : { resolution_note: resolutionNote }) })
    .where('statement_id', '=', statementId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- the statement an invoice changes ----

/**
 * Locks a statement's row until the end of the transaction (an update that changes nothing:
 * the same on SQLite and PostgreSQL) and answers its status as it now stands. A payout that
 * takes the statement meanwhile waits for this transaction, or this one sees it in payment.
 */
export async function lockStatementStatus(trx: Executor, id: string): Promise<StatementStatus | undefined> {
  await trx
    .updateTable('statements')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('id', '=', id)
    .execute();
  const row = await trx.selectFrom('statements').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status as StatementStatus | undefined;
}

// ---- commission invoices ----

export interface CommissionInvoice {
  id: string;
  series: string;
  number: number;
  kind: CommissionInvoiceKind;
  statementId: string;
  shopId: string;
  shopName: string;
  cancelsId: string | null;
  /** For a credit note giving back part of the commission (goods refunded later): the invoice it corrects. */
  correctsId: string | null;
  /** The credit note that cancelled this invoice, if any. */
  cancelledById: string | null;
  issuedOn: string;
  netCents: number;
  vatBp: number | null;
  vatCents: number;
  totalCents: number;
  parties: string;
  createdAt: string;
  createdByLabel: string;
}

function commissionInvoicesQuery(db: Executor) {
  return db
    .selectFrom('commission_invoices as ci')
    .innerJoin('shops as s', 's.id', 'ci.shop_id')
    .leftJoin('commission_invoices as cn', 'cn.cancels_id', 'ci.id')
    .selectAll('ci')
    .select(['s.trade_name', 'cn.id as cancelled_by_id']);
}

function commissionInvoiceOf(row: Selectable<CommissionInvoicesTable> & { trade_name: string; cancelled_by_id: string | null }): CommissionInvoice {
  return {
    id: row.id,
    series: row.series,
    number: Number(row.number),
    kind: row.kind as CommissionInvoiceKind,
    statementId: row.statement_id,
    shopId: row.shop_id,
    shopName: row.trade_name,
    cancelsId: row.cancels_id,
    correctsId: row.corrects_id,
    cancelledById: row.cancelled_by_id,
    issuedOn: row.issued_on,
    netCents: Number(row.net_cents),
    vatBp: row.vat_bp === null ? null : Number(row.vat_bp),
    vatCents: Number(row.vat_cents),
    totalCents: Number(row.total_cents),
    parties: row.parties,
    createdAt: row.created_at,
    createdByLabel: row.created_by_label,
  };
}

export async function findCommissionInvoice(db: Executor, id: string): Promise<CommissionInvoice | undefined> {
  const row = await commissionInvoicesQuery(db).where('ci.id', '=', id).executeTakeFirst();
  return row ? commissionInvoiceOf(row) : undefined;
}

export async function commissionInvoicesOfStatement(db: Executor, statementId: string): Promise<CommissionInvoice[]> {
  const rows = await commissionInvoicesQuery(db).where('ci.statement_id', '=', statementId).orderBy('ci.series').orderBy('ci.number').execute();
  return rows.map(commissionInvoiceOf);
}

/** A shop's commission invoices and credit notes, the latest first. */
export async function commissionInvoicesOfShop(db: Executor, shopId: string, limit: number, offset: number): Promise<CommissionInvoice[]> {
  const rows = await commissionInvoicesQuery(db)
    .where('ci.shop_id', '=', shopId)
    .orderBy('ci.issued_on', 'desc')
    .orderBy('ci.series', 'desc')
    .orderBy('ci.number', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(commissionInvoiceOf);
}

export async function countInvoicesOfShop(db: Executor, shopId: string): Promise<{ commission: number; shop: number }> {
  const [commission, shop] = await Promise.all([
    db.selectFrom('commission_invoices').select((eb) => eb.fn.countAll<number>().as('count')).where('shop_id', '=', shopId).executeTakeFirst(),
    db.selectFrom('shop_invoices').select((eb) => eb.fn.countAll<number>().as('count')).where('shop_id', '=', shopId).executeTakeFirst(),
  ]);
  return { commission: Number(commission?.count ?? 0), shop: Number(shop?.count ?? 0) };
}

/** Inserts a credit note; false when the invoice was cancelled already (the unique cancels_id). */
export async function insertCreditNote(trx: Executor, row: Insertable<CommissionInvoicesTable>): Promise<boolean> {
  const result = await trx.insertInto('commission_invoices').values(row).onConflict((oc) => oc.column('cancels_id').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The periods of some statements, in one query. */
export async function periodsOfStatements(db: Executor, ids: readonly string[]): Promise<{ id: string; periodStart: string; periodEnd: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('statements').select(['id', 'period_start', 'period_end']).where('id', 'in', [...ids]).execute();
  return rows.map((row) => ({ id: row.id, periodStart: row.period_start, periodEnd: row.period_end }));
}
