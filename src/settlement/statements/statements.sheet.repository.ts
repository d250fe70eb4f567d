// The SQL behind a statement's sheet: what earlier statements and credit notes carried into
// it, the shop's invoice that counts for it, and its transfer. Read only.
import type { Executor } from '../../db/index.ts';
import { commissionInvoiceNumber, type PeriodKind } from '../settlement.statements.rules.ts';
import type { CarriedItem } from './statements.sheet.rules.ts';
import type { Statement } from './statements.repository.ts';

/** What was carried into a statement: the negative statements and the credit notes stamped with its id. */
export async function carriedInto(db: Executor, statement: Pick<Statement, 'id'>): Promise<CarriedItem[]> {
  const [negative, credits] = await Promise.all([
    db
      .selectFrom('statements')
      .select(['period_kind', 'period_start', 'period_end', 'payable_cents'])
      .where('carried_into_id', '=', statement.id)
      .orderBy('period_start')
      .execute(),
    db
      .selectFrom('commission_invoices')
      .select(['series', 'number', 'issued_on', 'total_cents'])
      .where('carried_statement_id', '=', statement.id)
      .where('kind', '=', 'credit_note')
      .orderBy('series')
      .orderBy('number')
      .execute(),
  ]);
  return [
    ...negative.map((row): CarriedItem => ({ kind: 'statement', periodKind: row.period_kind as PeriodKind, periodStart: row.period_start, periodEnd: row.period_end, amountCents: Number(row.payable_cents) })),
    ...credits.map((row): CarriedItem => ({ kind: 'credit_note', number: commissionInvoiceNumber(row.series, row.number), issuedOn: row.issued_on, amountCents: Number(row.total_cents) })),
  ];
}

export interface CountingShopInvoice {
  number: string;
  amountCents: number;
  status: string;
}

/** The shop's invoice that counts for a statement (a replaced one no longer does), if any. */
export async function countingShopInvoice(db: Executor, statementId: string): Promise<CountingShopInvoice | undefined> {
  const row = await db
    .selectFrom('shop_invoices')
    .select(['number', 'amount_cents', 'status'])
    .where('statement_id', '=', statementId)
    .where('status', '!=', 'replaced')
    .orderBy('recorded_at', 'desc')
    .executeTakeFirst();
  return row ? { number: row.number, amountCents: Number(row.amount_cents), status: row.status } : undefined;
}

export interface StatementTransfer {
  amountCents: number;
  /** the day the bank is asked to execute it */
  executionDate: string;
  /** when the bank confirmed it, if it did */
  paidAt: string | null;
}

/** The transfer that pays a statement, once it is in a payout batch. */
export async function transferOf(db: Executor, statementId: string): Promise<StatementTransfer | undefined> {
  const row = await db
    .selectFrom('payouts as p')
    .innerJoin('payout_batches as b', 'b.id', 'p.batch_id')
    .select(['p.amount_cents', 'b.execution_date', 'b.paid_at'])
    .where('p.statement_id', '=', statementId)
    .orderBy('b.created_at', 'desc')
    .executeTakeFirst();
  return row ? { amountCents: Number(row.amount_cents), executionDate: row.execution_date, paidAt: row.paid_at } : undefined;
}
