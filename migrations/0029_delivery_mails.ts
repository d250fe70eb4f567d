// The « run scheduled » mail is sent once per order: the concierge may press « Prévenir les
// adhérents » again after adding orders to a run, and only those not yet told get a mail.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('delivery_orders').addColumn('scheduled_mail_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('delivery_orders').dropColumn('scheduled_mail_at').execute();
}
