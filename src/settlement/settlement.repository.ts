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
  postedAt: string;
}

/**
 * Inserts a transaction and its entries, unless a transaction with the same source key
 * exists (posted earlier, or by a concurrent poster who committed first): then writes
 * nothing and answers false. Run it in a transaction so the entries never stand alone.
 */
export async function insertTransaction(trx: Executor, transaction: NewTransaction, entries: readonly EntryDraft[]): Promise<boolean> {
  const id = newId();
  const row: LedgerTransactionsTable = {
    id,
    kind: transaction.kind,
    source_key: transaction.sourceKey,
    description: transaction.description,
    occurred_at: transaction.occurredAt,
    posted_at: transaction.postedAt,
  };
  const result = await trx
    .insertInto('ledger_transactions')
    .values(row)
    .onConflict((oc) => oc.column('source_key').doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  const rows: LedgerEntriesTable[] = entries.map((entry) => ({
    id: newId(),
    transaction_id: id,
    account: entry.account,
    shop_id: entry.shopId,
    member_id: entry.memberId,
    debit_cents: entry.debitCents,
    credit_cents: entry.creditCents,
    position: entry.position,
  }));
  await trx.insertInto('ledger_entries').values(rows).execute();
  return true;
}

/** Rows per INSERT: well under SQLite's limit of bound parameters. */
const INSERT_CHUNK = 500;

/**
 * Inserts many new transactions with their entries in a few statements, inside the caller's
 * transaction. For facts recorded by the use case that creates them (a closing's
 * commissions): their source keys are new, and a duplicate fails the whole transaction.
 */
export async function insertNewTransactions(trx: Executor, transactions: ReadonlyArray<{ transaction: NewTransaction; entries: readonly EntryDraft[] }>): Promise<void> {
  const transactionRows: LedgerTransactionsTable[] = [];
  const entryRows: LedgerEntriesTable[] = [];
  for (const { transaction, entries } of transactions) {
    const id = newId();
    transactionRows.push({ id, kind: transaction.kind, source_key: transaction.sourceKey, description: transaction.description, occurred_at: transaction.occurredAt, posted_at: transaction.postedAt });
    for (const entry of entries) {
      entryRows.push({ id: newId(), transaction_id: id, account: entry.account, shop_id: entry.shopId, member_id: entry.memberId, debit_cents: entry.debitCents, credit_cents: entry.creditCents, position: entry.position });
    }
  }
  for (let start = 0; start < transactionRows.length; start += INSERT_CHUNK) await trx.insertInto('ledger_transactions').values(transactionRows.slice(start, start + INSERT_CHUNK)).execute();
  for (let start = 0; start < entryRows.length; start += INSERT_CHUNK) await trx.insertInto('ledger_entries').values(entryRows.slice(start, start + INSERT_CHUNK)).execute();
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
