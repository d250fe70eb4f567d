// A mail may carry files (a calendar invitation): the outbox keeps them beside the bodies, as
// JSON text — a list of { filename, contentType, content } with the content in base64 — and
// the sending worker hands them to SMTP. Null for a mail without files.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('attachments', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('attachments').execute();
}
