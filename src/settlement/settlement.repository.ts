// All SQL of the ledger. Append-only by construction: this file inserts and reads, it has no
// function that updates or deletes a transaction or an entry.
import type { Executor } from '../db/index.ts';
import type { LedgerEntriesTable, LedgerTransactionsTable } from '../db/schema.ts';
import { newId } from '../platform/ids.ts';
import type { AccountTotals, EntryDraft, LedgerAccount } from './settlement.rules.ts';

export type TransactionKind = 'counter_payment' | 'handover' | 'online_payment' | 'refund' | 'commission' | 'payout';

export interface NewTransaction {
  kind: TransactionKind;
  sourceKey: string;
  description: string;
  occurredAt: string;
  /** The local day of the operation: dates the entry in the accounting export. */
  occurredOn: string;
  postedAt: string;
  /** The number and local day of the fact's document (receipt, invoice, transfer). */
  pieceRef: string;
  pieceOn: string;
}

/**
 * The journal of each kind of transaction. Money in and out (payments at the counter in any
 * method, online, refunds, payouts) is the treasury journal; a hand-over is a sale made for
 * the shop; the commission (and its credit notes) moves what is owed to the shop to income.
 */
export const JOURNAL_OF_KIND: Readonly<Record<TransactionKind, JournalCode>> = {
  counter_payment: 'BQ',
  online_payment: 'BQ',
  refund: 'BQ',
  payout: 'BQ',
  handover: 'VE',
  commission: 'OD',
};

export type JournalCode = 'BQ' | 'VE' | 'OD';

/**
 * Takes `count` numbers in a journal and year and answers the first. Numbers are given at
 * posting, inside the poster's transaction: the update keeps the sequence row locked until
 * commit (PostgreSQL's row lock, SQLite's single writer), so the next poster of that journal
 * waits and numbers follow the order of commits; a rollback gives its numbers back. A number
 * is thus never reused, never changes, and an export never sees a later number without the
 * earlier ones. Posters of several journals in one transaction lock them in name order.
 */
async function takeNumbers(trx: Executor, journal: JournalCode, year: number, count: number): Promise<number> {
  await trx.insertInto('ledger_sequences').values({ journal, year, last_number: 0 }).onConflict((oc) => oc.columns(['journal', 'year']).doNothing()).execute();
  const row = await trx
    .updateTable('ledger_sequences')
    .set((eb) => ({ last_number: eb('last_number', '+', count) }))
    .where('journal', '=', journal)
    .where('year', '=', year)
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number) - count + 1;
}

/** Gives back the last number taken, still locked by this transaction (the fact was posted by someone else). */
async function giveBackNumber(trx: Executor, journal: JournalCode, year: number): Promise<void> {
  await trx.updateTable('ledger_sequences').set((eb) => ({ last_number: eb('last_number', '-', 1) })).where('journal', '=', journal).where('year', '=', year).execute();
}

function transactionRow(id: string, transaction: NewTransaction, number: number): LedgerTransactionsTable {
  return {
    id,
    kind: transaction.kind,
    source_key: transaction.sourceKey,
    description: transaction.description,
    occurred_at: transaction.occurredAt,
    posted_at: transaction.postedAt,
    occurred_on: transaction.occurredOn,
    journal: JOURNAL_OF_KIND[transaction.kind],
    journal_year: yearOf(transaction),
    journal_number: number,
    piece_ref: transaction.pieceRef,
    piece_on: transaction.pieceOn,
  };
}

function yearOf(transaction: NewTransaction): number {
  return Number(transaction.occurredOn.slice(0, 4));
}

function entryRows(transactionId: string, entries: readonly EntryDraft[]): LedgerEntriesTable[] {
  return entries.map((entry) => ({
    id: newId(),
    transaction_id: transactionId,
    account: entry.account,
    shop_id: entry.shopId,
    member_id: entry.memberId,
    debit_cents: entry.debitCents,
    credit_cents: entry.creditCents,
    position: entry.position,
  }));
}

/**
 * Inserts a transaction and its entries, unless a transaction with the same source key
 * exists (posted earlier, or by a concurrent poster who committed first): then writes
 * nothing and answers false. Run it in a transaction so the entries never stand alone.
 */
export async function insertTransaction(trx: Executor, transaction: NewTransaction, entries: readonly EntryDraft[]): Promise<boolean> {
  const id = newId();
  const journal = JOURNAL_OF_KIND[transaction.kind];
  const number = await takeNumbers(trx, journal, yearOf(transaction), 1);
  const result = await trx
    .insertInto('ledger_transactions')
    .values(transactionRow(id, transaction, number))
    .onConflict((oc) => oc.column('source_key').doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) {
    await giveBackNumber(trx, journal, yearOf(transaction));
    return false;
  }
  await trx.insertInto('ledger_entries').values(entryRows(id, entries)).execute();
  return true;
}

/** Rows per INSERT: well under SQLite's limit of bound parameters. */
const INSERT_CHUNK = 500;

/**
 * Inserts many new transactions with their entries in a few statements, inside the caller's
 * transaction. For facts recorded by the use case that creates them (a closing's
 * commissions): their source keys are new, and a duplicate fails the whole transaction.
 * Numbered in the order given, journal by journal.
 */
export async function insertNewTransactions(trx: Executor, transactions: ReadonlyArray<{ transaction: NewTransaction; entries: readonly EntryDraft[] }>): Promise<void> {
  const groups = new Map<string, Array<{ transaction: NewTransaction; entries: readonly EntryDraft[] }>>();
  for (const item of transactions) {
    const key = `${JOURNAL_OF_KIND[item.transaction.kind]}|${yearOf(item.transaction)}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const transactionRows: LedgerTransactionsTable[] = [];
  const entryRowsAll: LedgerEntriesTable[] = [];
  for (const key of [...groups.keys()].sort()) {
    const items = groups.get(key)!;
    const [journal, year] = key.split('|');
    const first = await takeNumbers(trx, journal as JournalCode, Number(year), items.length);
    for (const [index, { transaction, entries }] of items.entries()) {
      const id = newId();
      transactionRows.push(transactionRow(id, transaction, first + index));
      entryRowsAll.push(...entryRows(id, entries));
    }
  }
  for (let start = 0; start < transactionRows.length; start += INSERT_CHUNK) await trx.insertInto('ledger_transactions').values(transactionRows.slice(start, start + INSERT_CHUNK)).execute();
  for (let start = 0; start < entryRowsAll.length; start += INSERT_CHUNK) await trx.insertInto('ledger_entries').values(entryRowsAll.slice(start, start + INSERT_CHUNK)).execute();
}

/** The instant of the latest fact of a kind already posted, if any. */
export async function latestOccurredAt(db: Executor, kind: TransactionKind): Promise<string | undefined> {
  const row = await db.selectFrom('ledger_transactions').select('occurred_at').where('kind', '=', kind).orderBy('occurred_at', 'desc').limit(1).executeTakeFirst();
  return row?.occurred_at;
}

/** Which of these source keys are posted already. */
export async function postedSourceKeys(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('ledger_transactions').select('source_key').where('source_key', 'in', keys).execute();
  return new Set(rows.map((row) => row.source_key));
}

/** Debits and credits of each account over the whole ledger. */
export async function totalsByAccount(db: Executor): Promise<AccountTotals[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select((eb) => ['account', eb.fn.sum<number>('debit_cents').as('debit'), eb.fn.sum<number>('credit_cents').as('credit')])
    .groupBy('account')
    .execute();
  return rows.map((row) => ({ account: row.account as LedgerAccount, debitCents: Number(row.debit ?? 0), creditCents: Number(row.credit ?? 0) }));
}

/** Debits and credits of one account, for one shop or one member when the account is theirs. */
export async function totalsOfAccount(db: Executor, account: LedgerAccount, owner: { shopId?: string; memberId?: string }): Promise<{ debitCents: number; creditCents: number }> {
  let query = db
    .selectFrom('ledger_entries')
    .select((eb) => [eb.fn.sum<number>('debit_cents').as('debit'), eb.fn.sum<number>('credit_cents').as('credit')])
    .where('account', '=', account);
  if (owner.shopId !== undefined) query = query.where('shop_id', '=', owner.shopId);
  if (owner.memberId !== undefined) query = query.where('member_id', '=', owner.memberId);
  const row = await query.executeTakeFirst();
  return { debitCents: Number(row?.debit ?? 0), creditCents: Number(row?.credit ?? 0) };
}

/** An entry as a reader sees it, with the transaction it belongs to. */
export interface LedgerLine {
  id: string;
  account: LedgerAccount;
  debitCents: number;
  creditCents: number;
  description: string;
  occurredAt: string;
  sourceKey: string;
}

/** The latest entries of one shop's account, the most recent first. */
export async function listShopEntries(db: Executor, shopId: string, account: LedgerAccount, limit: number): Promise<LedgerLine[]> {
  const rows = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transactions as t', 't.id', 'e.transaction_id')
    .select(['e.id', 'e.account', 'e.debit_cents', 'e.credit_cents', 't.description', 't.occurred_at', 't.source_key'])
    .where('e.shop_id', '=', shopId)
    .where('e.account', '=', account)
    .orderBy('t.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    account: row.account as LedgerAccount,
    debitCents: Number(row.debit_cents),
    creditCents: Number(row.credit_cents),
    description: row.description,
    occurredAt: row.occurred_at,
    sourceKey: row.source_key,
  }));
}
