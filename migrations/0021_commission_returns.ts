// A commission taken on goods later refunded is given back by a credit note on the commission
// invoice that took it, in the period of the refund. Unlike a cancellation (cancels_id, at most
// one per invoice, for its whole amount), an invoice may be corrected by several such credit
// notes, each for part of it: corrects_id points at the invoice corrected.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('commission_invoices').addColumn('corrects_id', 'text', (c) => c.references('commission_invoices.id')).execute();
  // What has been given back on an invoice already: its correcting credit notes.
  await db.schema.createIndex('commission_invoices_corrects_idx').on('commission_invoices').column('corrects_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('commission_invoices_corrects_idx').execute();
  await db.schema.alterTable('commission_invoices').dropColumn('corrects_id').execute();
}
