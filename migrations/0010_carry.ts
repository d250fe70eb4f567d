// Statements count by time range, not by stamping: a statement covers the purchase orders its
// shop handed over from the end of its previous statement to the end of the period (a
// handed-over purchase order never moves again), so closing a month reads an index instead of
// rewriting hundreds of thousands of wide rows. And what a statement carries from before: a shop whose refunds exceeded its sales ends a period
// owing money (a negative amount to pay), and a cancelled commission invoice gives money back
// to the shop. Neither can be paid on its own statement; both are carried into the shop's
// next statement, once.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // UTC instants: [covers_from_at, covers_to_at) of hand-overs; '' for a shop's first statement.
  await db.schema.alterTable('statements').addColumn('covers_from_at', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('statements').addColumn('covers_to_at', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('statements_shop_covers_idx').on('statements').columns(['shop_id', 'covers_to_at']).execute();
  await db.schema.dropIndex('purchase_orders_shop_statement_idx').execute();
  await db.schema.dropIndex('purchase_orders_statement_idx').execute();
  await db.schema.alterTable('purchase_orders').dropColumn('statement_id').execute();
  // A shop's hand-overs in a range, with their totals read from the index alone.
  await db.schema.createIndex('purchase_orders_shop_handover_idx').on('purchase_orders').columns(['shop_id', 'status', 'updated_at', 'total_cents']).execute();
  // Added to the amount to pay: earlier negative statements (< 0) and credit notes (> 0).
  await db.schema.alterTable('statements').addColumn('carried_cents', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The statement that paid a credit note back to the shop; null until the next closing.
  await db.schema.alterTable('commission_invoices').addColumn('carried_statement_id', 'text').execute();
  await db.schema.createIndex('statements_shop_payable_idx').on('statements').columns(['shop_id', 'status', 'payable_cents']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('purchase_orders_shop_handover_idx').execute();
  await db.schema.alterTable('purchase_orders').addColumn('statement_id', 'text').execute();
  await db.schema.dropIndex('statements_shop_covers_idx').execute();
  await db.schema.alterTable('statements').dropColumn('covers_to_at').execute();
  await db.schema.alterTable('statements').dropColumn('covers_from_at').execute();
  await db.schema.dropIndex('statements_shop_payable_idx').execute();
  await db.schema.alterTable('commission_invoices').dropColumn('carried_statement_id').execute();
  await db.schema.alterTable('statements').dropColumn('carried_cents').execute();
}
