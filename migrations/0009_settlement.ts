// Settlement: how each shop is paid back. A shop's settlement terms (weekly or monthly
// period, bank account, self-billing mandate); commission and VAT rates with the date they
// start, so a change never rewrites the past; payments made online and refunds; statements
// (one per shop and period, freezing the purchase orders and refunds it counts); the shop's
// invoices matched against them; the conciergerie's commission invoices, numbered without
// gaps per series; payout batches (one SEPA credit-transfer file) and their payouts.
import { sql, type Kysely } from 'kysely';
import { binaryType } from '../src/db/migrate.ts';

async function addShopTerms(db: Kysely<any>): Promise<void> {
  // weekly | monthly
  await db.schema.alterTable('shops').addColumn('settlement_period', 'text', (c) => c.notNull().defaultTo('monthly')).execute();
  await db.schema.alterTable('shops').addColumn('iban', 'text').execute();
  await db.schema.alterTable('shops').addColumn('bic', 'text').execute();
  await db.schema.alterTable('shops').addColumn('vat_number', 'text').execute();
  // the day the shop signed the self-billing mandate; null: no mandate, the shop sends its invoices
  await db.schema.alterTable('shops').addColumn('self_billing_since', 'text').execute();
}

async function addRates(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('commission_rates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // null: the town's rate, for every shop without a rate of its own
    .addColumn('shop_id', 'text', (c) => c.references('shops.id'))
    .addColumn('rate_bp', 'integer', (c) => c.notNull().check(sql`rate_bp >= 0 and rate_bp <= 10000`))
    // local date from which the rate applies
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commission_rates_shop_start_idx').on('commission_rates').columns(['shop_id', 'starts_on']).execute();

  await db.schema
    .createTable('commission_vat_rates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // null: « TVA non applicable » (an operator exempt from VAT)
    .addColumn('rate_bp', 'integer', (c) => c.check(sql`rate_bp >= 0 and rate_bp <= 10000`))
    .addColumn('starts_on', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .execute();
}

async function addPaymentsAndRefunds(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('online_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    // stripe | demo
    .addColumn('provider', 'text', (c) => c.notNull())
    // the provider's checkout session: one payment per session
    .addColumn('provider_session_id', 'text', (c) => c.notNull().unique())
    // the provider's payment (e.g. a PaymentIntent), needed to refund
    .addColumn('provider_payment_id', 'text')
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    // pending | paid | failed | expired
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .execute();
  await db.schema.createIndex('online_payments_order_idx').on('online_payments').column('order_id').execute();
  await db.schema.createIndex('online_payments_status_paid_idx').on('online_payments').columns(['status', 'paid_at', 'id']).execute();

  // Events received from a provider's webhook, kept so a resent event changes nothing.
  await db.schema
    .createTable('payment_events')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_events_pk', ['provider', 'event_id'])
    .execute();

  await db.schema
    .createTable('refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    // the line refunded, when the refund is for one line
    .addColumn('order_line_id', 'text', (c) => c.references('order_lines.id'))
    // set when the refunded goods had been handed over: the shop bears the refund
    .addColumn('shop_id', 'text', (c) => c.references('shops.id'))
    // cash | card | cheque | online: the method of the payment refunded
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('online_payment_id', 'text', (c) => c.references('online_payments.id'))
    .addColumn('provider_refund_id', 'text')
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // the statement that counted it (refunds borne by a shop only)
    .addColumn('statement_id', 'text')
    .execute();
  await db.schema.createIndex('refunds_order_idx').on('refunds').column('order_id').execute();
  await db.schema.createIndex('refunds_at_idx').on('refunds').columns(['at', 'id']).execute();
  await db.schema.createIndex('refunds_shop_statement_idx').on('refunds').columns(['shop_id', 'statement_id', 'at']).execute();
}

async function addStatements(db: Kysely<any>): Promise<void> {
  // One closing per period: closing the same period twice is refused by this key.
  await db.schema
    .createTable('settlement_closings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // weekly | monthly
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    // inclusive
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by_label', 'text', (c) => c.notNull())
    .addColumn('statement_count', 'integer', (c) => c.notNull())
    .addUniqueConstraint('settlement_closings_period_unique', ['period_kind', 'period_start'])
    .execute();

  await db.schema
    .createTable('statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('closing_id', 'text', (c) => c.notNull().references('settlement_closings.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    // awaiting_invoice | difference | settled | in_batch | paid
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sales_cents', 'integer', (c) => c.notNull())
    .addColumn('refunds_cents', 'integer', (c) => c.notNull())
    .addColumn('commission_bp', 'integer', (c) => c.notNull())
    .addColumn('commission_cents', 'integer', (c) => c.notNull())
    // null: « TVA non applicable »
    .addColumn('vat_bp', 'integer')
    .addColumn('vat_cents', 'integer', (c) => c.notNull())
    // sales − refunds − commission − VAT on commission
    .addColumn('payable_cents', 'integer', (c) => c.notNull())
    .addColumn('purchase_order_count', 'integer', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('statements_shop_period_unique', ['shop_id', 'period_kind', 'period_start'])
    .execute();
  await db.schema.createIndex('statements_status_idx').on('statements').columns(['status', 'period_start']).execute();
  await db.schema.createIndex('statements_shop_idx').on('statements').columns(['shop_id', 'period_start']).execute();
  await db.schema.createIndex('statements_closing_idx').on('statements').column('closing_id').execute();

  // The statement that counted a purchase order handed over; null until its period is closed.
  await db.schema.alterTable('purchase_orders').addColumn('statement_id', 'text').execute();
  // Closing reads, per shop, the purchase orders handed over and not yet on a statement.
  await db.schema.createIndex('purchase_orders_shop_statement_idx').on('purchase_orders').columns(['shop_id', 'status', 'statement_id', 'updated_at']).execute();
  await db.schema.createIndex('purchase_orders_statement_idx').on('purchase_orders').column('statement_id').execute();
}

async function addInvoices(db: Kysely<any>): Promise<void> {
  // Uploaded documents (a shop's invoice as PDF).
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', binaryType(db), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('shop_invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('invoice_date', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents >= 0`))
    .addColumn('file_id', 'text', (c) => c.references('files.id'))
    // 1: issued by the conciergerie in the shop's name under its self-billing mandate
    .addColumn('self_billed', 'integer', (c) => c.notNull().defaultTo(0))
    // matched | difference | accepted | replaced
    .addColumn('status', 'text', (c) => c.notNull())
    // why a difference was accepted
    .addColumn('resolution_note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shop_invoices_statement_idx').on('shop_invoices').columns(['statement_id', 'recorded_at']).execute();

  // The last number given in each series; incremented in the transaction that issues an
  // invoice, so a rolled-back invoice leaves no gap.
  await db.schema
    .createTable('invoice_sequences')
    .addColumn('series', 'text', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('commission_invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    // invoice | credit_note
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    // the invoice a credit note cancels: each invoice is cancelled at most once
    .addColumn('cancels_id', 'text', (c) => c.unique().references('commission_invoices.id'))
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('net_cents', 'integer', (c) => c.notNull())
    .addColumn('vat_bp', 'integer')
    .addColumn('vat_cents', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    // seller and buyer as they were on the day of issue (JSON)
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addUniqueConstraint('commission_invoices_series_number_unique', ['series', 'number'])
    .execute();
  await db.schema.createIndex('commission_invoices_statement_idx').on('commission_invoices').column('statement_id').execute();
  await db.schema.createIndex('commission_invoices_shop_idx').on('commission_invoices').columns(['shop_id', 'issued_on']).execute();
}

async function addPayouts(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payout_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // awaiting_approval | approved | sent | paid
    .addColumn('status', 'text', (c) => c.notNull())
    // the pain.001 message id (MsgId): unique per file sent to the bank
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('transfer_count', 'integer', (c) => c.notNull())
    .addColumn('execution_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by_account_id', 'text')
    .addColumn('approved_by_label', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payout_batches_status_idx').on('payout_batches').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('payouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('payout_batches.id'))
    // a statement (a shop and a period) is paid by one payout, ever
    .addColumn('statement_id', 'text', (c) => c.notNull().unique().references('statements.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('creditor_name', 'text', (c) => c.notNull())
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('bic', 'text')
    .addColumn('end_to_end_id', 'text', (c) => c.notNull().unique())
    .addColumn('remittance', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payouts_batch_idx').on('payouts').column('batch_id').execute();
  await db.schema.createIndex('payouts_shop_idx').on('payouts').column('shop_id').execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await addShopTerms(db);
  await addRates(db);
  await addPaymentsAndRefunds(db);
  await addStatements(db);
  await addInvoices(db);
  await addPayouts(db);
  // The FEC export numbers entries per journal in the order they were posted.
  await db.schema.createIndex('ledger_transactions_posted_idx').on('ledger_transactions').columns(['posted_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['payouts', 'payout_batches', 'commission_invoices', 'invoice_sequences', 'shop_invoices', 'files', 'statements', 'settlement_closings', 'refunds', 'payment_events', 'online_payments', 'commission_vat_rates', 'commission_rates']) {
    await db.schema.dropTable(table).execute();
  }
}
