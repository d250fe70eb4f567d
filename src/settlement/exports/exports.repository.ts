// SQL of the money exports and the town's figures: the ledger read by operation day, journal
// by journal in number order, in batches; statements and payouts of a range of dates; the ledger summed per month.
import { sql } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { TransactionKind } from '../settlement.repository.ts';
import type { LedgerAccount } from '../settlement.rules.ts';

/** A position in a list read in order: after this sort key and this id. */
export interface Cursor {
  key: string;
  id: string;
}

/** A position in the FEC: after this number of this journal and year. */
export interface NumberCursor {
  journal: string;
  year: number;
  number: number;
}

export interface NumberedTransaction {
  id: string;
  kind: TransactionKind;
  journal: string;
  year: number;
  number: number;
  description: string;
  occurredOn: string;
  postedAt: string;
  pieceRef: string;
  pieceOn: string;
}

/**
 * Up to `limit` transactions whose operation is dated within [from, to] (local days), after
 * `cursor`, journal by journal in number order. Where they were posted does not matter: a
 * period's commission, posted when the period is closed, is in that period.
 */
export async function listNumbered(db: Executor, range: { from: string; to: string }, cursor: NumberCursor | null, limit: number): Promise<NumberedTransaction[]> {
  let query = db
    .selectFrom('ledger_transactions')
    .select(['id', 'kind', 'journal', 'journal_year', 'journal_number', 'description', 'occurred_on', 'posted_at', 'piece_ref', 'piece_on'])
    .where('occurred_on', '>=', range.from)
    .where('occurred_on', '<=', range.to);
  if (cursor) {
    const { journal, year, number } = cursor;
    query = query.where((eb) =>
      eb.or([
        eb('journal', '>', journal),
        eb.and([eb('journal', '=', journal), eb('journal_year', '>', year)]),
        eb.and([eb('journal', '=', journal), eb('journal_year', '=', year), eb('journal_number', '>', number)]),
      ]),
    );
  }
  const rows = await query.orderBy('journal').orderBy('journal_year').orderBy('journal_number').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as TransactionKind,
    journal: row.journal,
    year: Number(row.journal_year),
    number: Number(row.journal_number),
    description: row.description,
    occurredOn: row.occurred_on,
    postedAt: row.posted_at,
    pieceRef: row.piece_ref,
    pieceOn: row.piece_on,
  }));
}

export interface EntryOfTransaction {
  transactionId: string;
  account: LedgerAccount;
  shopId: string | null;
  memberId: string | null;
  debitCents: number;
  creditCents: number;
}

/** The entries of these transactions, each transaction's in its order. */
export async function listEntriesOf(db: Executor, transactionIds: readonly string[]): Promise<EntryOfTransaction[]> {
  if (transactionIds.length === 0) return [];
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['transaction_id', 'account', 'shop_id', 'member_id', 'debit_cents', 'credit_cents'])
    .where('transaction_id', 'in', transactionIds)
    .orderBy('transaction_id')
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    transactionId: row.transaction_id,
    account: row.account as LedgerAccount,
    shopId: row.shop_id,
    memberId: row.member_id,
    debitCents: Number(row.debit_cents),
    creditCents: Number(row.credit_cents),
  }));
}

export interface StatementLine {
  id: string;
  shopId: string;
  periodKind: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  salesCents: number;
  refundsCents: number;
  commissionCents: number;
  vatCents: number;
  payableCents: number;
}

/** Up to `limit` statements of periods starting within [from, to] (local dates), after `cursor`, by period then id. */
export async function listStatementsBetween(db: Executor, range: { from: string; to: string }, cursor: Cursor | null, limit: number): Promise<StatementLine[]> {
  let query = db
    .selectFrom('statements')
    .select(['id', 'shop_id', 'period_kind', 'period_start', 'period_end', 'status', 'sales_cents', 'refunds_cents', 'commission_cents', 'vat_cents', 'payable_cents'])
    .where('period_start', '>=', range.from)
    .where('period_start', '<=', range.to);
  if (cursor) {
    const { key, id } = cursor;
    query = query.where((eb) => eb.or([eb('period_start', '>', key), eb.and([eb('period_start', '=', key), eb('id', '>', id)])]));
  }
  const rows = await query.orderBy('period_start').orderBy('id').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    shopId: row.shop_id,
    periodKind: row.period_kind,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status,
    salesCents: Number(row.sales_cents),
    refundsCents: Number(row.refunds_cents),
    commissionCents: Number(row.commission_cents),
    vatCents: Number(row.vat_cents),
    payableCents: Number(row.payable_cents),
  }));
}

export interface PayoutLine {
  id: string;
  batchId: string;
  messageId: string;
  executionDate: string;
  batchStatus: string;
  shopId: string;
  creditorName: string;
  iban: string;
  amountCents: number;
  remittance: string;
}

/** Up to `limit` payouts of batches executed within [from, to] (local dates), after `cursor`, by date then payout id. */
export async function listPayoutsBetween(db: Executor, range: { from: string; to: string }, cursor: Cursor | null, limit: number): Promise<PayoutLine[]> {
  let query = db
    .selectFrom('payouts as p')
    .innerJoin('payout_batches as b', 'b.id', 'p.batch_id')
    .select(['p.id', 'p.batch_id', 'b.message_id', 'b.execution_date', 'b.status', 'p.shop_id', 'p.creditor_name', 'p.iban', 'p.amount_cents', 'p.remittance'])
    .where('b.execution_date', '>=', range.from)
    .where('b.execution_date', '<=', range.to);
  if (cursor) {
    const { key, id } = cursor;
    query = query.where((eb) => eb.or([eb('b.execution_date', '>', key), eb.and([eb('b.execution_date', '=', key), eb('p.id', '>', id)])]));
  }
  const rows = await query.orderBy('b.execution_date').orderBy('p.id').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    batchId: row.batch_id,
    messageId: row.message_id,
    executionDate: row.execution_date,
    batchStatus: row.status,
    shopId: row.shop_id,
    creditorName: row.creditor_name,
    iban: row.iban,
    amountCents: Number(row.amount_cents),
    remittance: row.remittance,
  }));
}

/** The kinds of transaction the town's figures are made of; hand-overs give the shops' sales and what is owed them. */
const FIGURE_KINDS: TransactionKind[] = ['counter_payment', 'online_payment', 'refund', 'payout', 'commission', 'handover'];

export interface PeriodTotals {
  period: number;
  kind: TransactionKind;
  account: LedgerAccount;
  /** What the entry's shop sells: a provider's sales are services; goods for entries of no shop. */
  sells: 'goods' | 'services';
  debitCents: number;
  creditCents: number;
}

/**
 * Debits and credits per period, kind of transaction and account, for the transactions that
 * occurred in [boundaries[0], boundaries[n]) — each period [boundaries[i], boundaries[i + 1])
 * being a range of UTC instants (a local month starts at local midnight, not UTC's).
 */
export async function totalsPerPeriod(db: Executor, boundaries: readonly string[]): Promise<PeriodTotals[]> {
  const periods = boundaries.length - 1;
  if (periods < 1) return [];
  const whens = boundaries.slice(1).map((end, index) => sql`when t.occurred_at < ${end} then ${sql.lit(index)}`);
  const period = sql<number>`case ${sql.join(whens, sql` `)} end`;
  // Grouped outside: PostgreSQL would not match the parameters of the same case twice.
  const entries = db
    .selectFrom('ledger_transactions as t')
    .innerJoin('ledger_entries as e', 'e.transaction_id', 't.id')
    // The shop's kind today: a shop that became a provider counts its past sales as services too.
    .leftJoin('shops as s', 's.id', 'e.shop_id')
    .select([period.as('period'), 't.kind', 'e.account', 'e.debit_cents', 'e.credit_cents', sql<string>`coalesce(s.kind, 'shop')`.as('shop_kind')])
    // Listing the kinds lets the (kind, occurred_at) index serve each kind.
    .where('t.kind', 'in', FIGURE_KINDS)
    .where('t.occurred_at', '>=', boundaries[0])
    .where('t.occurred_at', '<', boundaries[periods])
    .as('x');
  const rows = await db
    .selectFrom(entries)
    .select(['x.period', 'x.kind', 'x.account', 'x.shop_kind', (eb) => eb.fn.sum<number>('x.debit_cents').as('debit'), (eb) => eb.fn.sum<number>('x.credit_cents').as('credit')])
    .groupBy(['x.period', 'x.kind', 'x.account', 'x.shop_kind'])
    .execute();
  // pg answers sums as strings
  return rows.map((row) => ({
    period: Number(row.period),
    kind: row.kind as TransactionKind,
    account: row.account as LedgerAccount,
    sells: row.shop_kind === 'provider' ? 'services' : 'goods',
    debitCents: Number(row.debit ?? 0),
    creditCents: Number(row.credit ?? 0),
  }));
}

/** What the conciergerie owed the shops at an instant: credits less debits of their account, for every transaction before it. */
export async function shopPayableBefore(db: Executor, at: string): Promise<number> {
  const row = await db
    .selectFrom('ledger_transactions as t')
    .innerJoin('ledger_entries as e', 'e.transaction_id', 't.id')
    .select([(eb) => eb.fn.sum<number>('e.credit_cents').as('credit'), (eb) => eb.fn.sum<number>('e.debit_cents').as('debit')])
    .where('e.account', '=', 'shop_payable')
    .where('t.occurred_at', '<', at)
    .executeTakeFirst();
  // pg answers sums as strings, and null over no row
  return Number(row?.credit ?? 0) - Number(row?.debit ?? 0);
}

/**
 * The last local day through which every shop's sales have been closed into statements: for
 * each way of settling that some shop uses (weekly, monthly), the end of its latest closed
 * period, and the earliest of these; undefined while one of them was never closed.
 */
export async function closedThrough(db: Executor): Promise<string | undefined> {
  const [kinds, closings] = await Promise.all([
    db.selectFrom('shops').select('settlement_period').distinct().execute(),
    db.selectFrom('settlement_closings').select(['period_kind', (eb) => eb.fn.max<string>('period_end').as('end')]).groupBy('period_kind').execute(),
  ]);
  const endOf = new Map(closings.map((row) => [row.period_kind, row.end]));
  const ends = kinds.map((row) => endOf.get(row.settlement_period));
  if (ends.length === 0 || ends.some((end) => !end)) return undefined;
  return ends.sort()[0];
}
