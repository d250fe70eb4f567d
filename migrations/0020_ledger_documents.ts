// The ledger as the accounting export (FEC) reads it. Each transaction gets:
// - `occurred_on`: the local day of the operation (hand-over, payment, refund; a period's last
//   day for its commission), which dates the entry and puts it in its period's export;
// - `journal`, `journal_year`, `journal_number`: its number in its journal, counted per year of
//   `occurred_on` and taken at posting from `ledger_sequences` under the row's lock, so numbers
//   follow the order of commits, never change and leave no gap;
// - `piece_ref`, `piece_on`: the number and date of its document (order code on the receipt,
//   commission invoice or credit note number, transfer reference).
// Shops and members get a short accounting code (« C0042 », « A00123 »), the auxiliary
// account of the export, assigned once at creation from `account_code_sequences`.
// Existing rows are filled in here in the order they were posted; the ledger stays
// append-only afterwards. Local days are those of Europe/Paris, the town's default zone.
import type { Kysely } from 'kysely';

const TIME_ZONE = 'Europe/Paris';
const JOURNAL_OF_KIND: Record<string, string> = { counter_payment: 'BQ', online_payment: 'BQ', refund: 'BQ', payout: 'BQ', handover: 'VE', commission: 'OD' };
const LOCAL_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

function localDay(at: string): string {
  return LOCAL_DAY.format(new Date(at));
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['occurred_on', 'journal', 'piece_ref', 'piece_on']) await db.schema.alterTable('ledger_transactions').addColumn(column, 'text').execute();
  for (const column of ['journal_year', 'journal_number']) await db.schema.alterTable('ledger_transactions').addColumn(column, 'integer').execute();
  await db.schema
    .createTable('ledger_sequences')
    .addColumn('journal', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_sequences_pk', ['journal', 'year'])
    .execute();
  await backfillLedger(db);
  await db.schema.createIndex('ledger_transactions_number_idx').on('ledger_transactions').columns(['journal', 'journal_year', 'journal_number']).unique().execute();
  // The export reads a range of operation days, journal by journal, in number order.
  await db.schema.createIndex('ledger_transactions_occurred_on_idx').on('ledger_transactions').columns(['occurred_on', 'journal', 'journal_number']).execute();

  await db.schema.createTable('account_code_sequences').addColumn('kind', 'text', (c) => c.primaryKey()).addColumn('last_number', 'integer', (c) => c.notNull()).execute();
  await addAccountCodes(db, 'shops', 'C', 4);
  await addAccountCodes(db, 'members', 'A', 5);
}

interface LedgerRow {
  id: string;
  kind: string;
  source_key: string;
  occurred_at: string;
}

/** Numbers every transaction posted so far in posting order, dates it and names its document. */
async function backfillLedger(db: Kysely<any>): Promise<void> {
  const rows: LedgerRow[] = await db.selectFrom('ledger_transactions').select(['id', 'kind', 'source_key', 'occurred_at']).orderBy('posted_at').orderBy('id').execute();
  const pieces = await knownPieces(db);
  const last = new Map<string, number>();
  for (const row of rows) {
    const occurredOn = localDay(row.occurred_at);
    const journal = JOURNAL_OF_KIND[row.kind] ?? 'OD';
    const year = Number(occurredOn.slice(0, 4));
    const key = `${journal}|${year}`;
    const number = (last.get(key) ?? 0) + 1;
    last.set(key, number);
    const piece = pieces.get(row.source_key);
    await db
      .updateTable('ledger_transactions')
      .set({ occurred_on: occurredOn, journal, journal_year: year, journal_number: number, piece_ref: piece?.ref ?? row.source_key, piece_on: piece?.on ?? occurredOn })
      .where('id', '=', row.id)
      .execute();
  }
  for (const [key, number] of last) {
    const [journal, year] = key.split('|');
    await db.insertInto('ledger_sequences').values({ journal, year: Number(year), last_number: number }).execute();
  }
}

/** The document of each fact already posted, by source key: its number and local date. */
async function knownPieces(db: Kysely<any>): Promise<Map<string, { ref: string; on: string | null }>> {
  // A receipt or a transfer bears the day of the fact itself: `on` is null for them.
  const pieces = new Map<string, { ref: string; on: string | null }>();
  const ofOrders = [
    { prefix: 'payment', table: 'counter_payments' },
    { prefix: 'online', table: 'online_payments' },
    { prefix: 'refund', table: 'refunds' },
  ];
  for (const { prefix, table } of ofOrders) {
    const rows = await db.selectFrom(`${table} as f`).innerJoin('orders as o', 'o.id', 'f.order_id').select(['f.id', 'o.collection_code']).execute();
    for (const row of rows) pieces.set(`${prefix}:${row.id}`, { ref: row.collection_code, on: null });
  }
  const handOvers = await db.selectFrom('purchase_orders as p').innerJoin('orders as o', 'o.id', 'p.order_id').select(['p.id', 'o.collection_code']).execute();
  for (const row of handOvers) pieces.set(`handover:${row.id}`, { ref: row.collection_code, on: null });
  const invoices = await db.selectFrom('commission_invoices').select(['id', 'statement_id', 'kind', 'series', 'number', 'issued_on']).execute();
  for (const row of invoices) {
    const piece = { ref: `${row.series}-${String(row.number).padStart(6, '0')}`, on: row.issued_on };
    pieces.set(row.kind === 'invoice' ? `commission:${row.statement_id}` : `credit_note:${row.id}`, piece);
  }
  const payouts = await db.selectFrom('payouts').select(['id', 'end_to_end_id']).execute();
  for (const row of payouts) pieces.set(`payout:${row.id}`, { ref: row.end_to_end_id, on: null });
  return pieces;
}

/** A short code per row, in creation order, and the sequence that goes on from there. */
async function addAccountCodes(db: Kysely<any>, table: 'shops' | 'members', letter: string, digits: number): Promise<void> {
  await db.schema.alterTable(table).addColumn('account_code', 'text').execute();
  const rows: Array<{ id: string }> = await db.selectFrom(table).select('id').orderBy('created_at').orderBy('id').execute();
  let number = 0;
  for (const row of rows) {
    number += 1;
    await db.updateTable(table).set({ account_code: `${letter}${String(number).padStart(digits, '0')}` }).where('id', '=', row.id).execute();
  }
  await db.insertInto('account_code_sequences').values({ kind: table, last_number: number }).execute();
  await db.schema.createIndex(`${table}_account_code_idx`).on(table).column('account_code').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['shops', 'members']) {
    await db.schema.dropIndex(`${table}_account_code_idx`).execute();
    await db.schema.alterTable(table).dropColumn('account_code').execute();
  }
  await db.schema.dropTable('account_code_sequences').execute();
  await db.schema.dropIndex('ledger_transactions_occurred_on_idx').execute();
  await db.schema.dropIndex('ledger_transactions_number_idx').execute();
  await db.schema.dropTable('ledger_sequences').execute();
  for (const column of ['occurred_on', 'journal', 'piece_ref', 'piece_on', 'journal_year', 'journal_number']) await db.schema.alterTable('ledger_transactions').dropColumn(column).execute();
}
