// What the receiving mail server found about each incoming mail's sender (DKIM, DMARC and SPF
// results for the From domain, read from its Authentication-Results header), so the inbox can
// say when the member matched by the From address may not be who wrote. Mails fetched before
// keep nulls: nothing was checked, and they show as not verified.
import type { Kysely } from 'kysely';

const COLUMNS = ['dkim_result', 'dmarc_result', 'spf_result'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('inbound_mails').addColumn(column, 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('inbound_mails').dropColumn(column).execute();
}
