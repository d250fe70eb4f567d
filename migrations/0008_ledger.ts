// The ledger: an append-only, double-entry record of the money that passes through the
// conciergerie. A transaction groups entries whose debits equal their credits; nothing is
// ever updated or deleted, a correction is a new transaction. `source_key` names the fact a
// transaction records (« payment:<id> », « handover:<purchase order id> ») and is unique,
// so a fact is posted once even when two processes post it at the same moment.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // counter_payment | handover
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    // when the fact happened (the payment, the hand-over); posted_at is when it was recorded
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .execute();
  // Posting resumes after the latest fact of each kind already posted.
  await db.schema.createIndex('ledger_transactions_kind_occurred_idx').on('ledger_transactions').columns(['kind', 'occurred_at']).execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.references('shops.id'))
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('debit_cents', 'integer', (c) => c.notNull().check(sql`debit_cents >= 0`))
    .addColumn('credit_cents', 'integer', (c) => c.notNull().check(sql`credit_cents >= 0`))
    .addColumn('position', 'integer', (c) => c.notNull())
    // an entry is a debit or a credit, never both
    .addCheckConstraint('ledger_entries_one_side', sql`debit_cents = 0 or credit_cents = 0`)
    .execute();
  await db.schema.createIndex('ledger_entries_account_shop_idx').on('ledger_entries').columns(['account', 'shop_id']).execute();
  await db.schema.createIndex('ledger_entries_transaction_idx').on('ledger_entries').column('transaction_id').execute();
  await db.schema.createIndex('ledger_entries_shop_account_idx').on('ledger_entries').columns(['shop_id', 'account']).execute();

  // The ledger reads the purchase orders handed over after a point in time (status is final,
  // so updated_at is the moment of the hand-over).
  await db.schema.createIndex('purchase_orders_status_updated_idx').on('purchase_orders').columns(['status', 'updated_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('purchase_orders_status_updated_idx').execute();
  await db.schema.dropTable('ledger_entries').execute();
  await db.schema.dropTable('ledger_transactions').execute();
}
