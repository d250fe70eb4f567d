// Members' consent to news mail, their personal-data rights and the concierge's segments.
// - members.consent_news_at: when the member agreed to receive the conciergerie's news (null:
//   no, the default: consent is opt-in); consent_news_source says how ('self' on the site,
//   'phone' recorded by the concierge), so a consent given by telephone stays provable.
// - members.senior_at: the concierge's dated mark « personne âgée, préfère le téléphone »; age
//   itself is never recorded (see members.segments.ts).
// - members.erased_at: when the member's personal data was erased; the row stays for the
//   accounting (its account code) and the statistics (postcode, kind).
// - outbox.headers: extra mail headers as JSON text (List-Unsubscribe on news mail); null: none.
// - news_mailings: one news mail written by the concierge and sent to a segment, once per key.
// - member_erasures: the log of erasures — who asked, when, how many rows each holder changed —
//   and never a name.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('members')
    .addColumn('consent_news_at', 'text')
    .execute();
  await db.schema.alterTable('members').addColumn('consent_news_source', 'text').execute();
  await db.schema.alterTable('members').addColumn('senior_at', 'text').execute();
  await db.schema.alterTable('members').addColumn('erased_at', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('headers', 'text').execute();
  await db.schema
    .createTable('news_mailings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('recipient_count', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by_account_id', 'text', (c) => c.references('accounts.id'))
    .execute();
  await db.schema
    .createTable('member_erasures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('member', 'concierge', 'retention')`))
    .addColumn('by_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text', (c) => c.notNull())
    .execute();
  // The segments of the concierge's list and the retention job's search.
  await db.schema.createIndex('members_kind_idx').on('members').columns(['kind', 'search_text']).execute();
  await db.schema.createIndex('members_consent_idx').on('members').columns(['consent_news_at']).execute();
  await db.schema.createIndex('members_senior_idx').on('members').columns(['senior_at']).execute();
  await db.schema.createIndex('members_city_idx').on('members').columns(['city', 'postal_code']).execute();
  await db.schema.createIndex('members_updated_idx').on('members').columns(['updated_at']).execute();
  await db.schema.createIndex('news_mailings_sent_idx').on('news_mailings').columns(['sent_at']).execute();
  await db.schema.createIndex('member_erasures_at_idx').on('member_erasures').columns(['erased_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('member_erasures').execute();
  await db.schema.dropTable('news_mailings').execute();
  for (const index of ['members_kind_idx', 'members_consent_idx', 'members_senior_idx', 'members_city_idx', 'members_updated_idx']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.alterTable('outbox').dropColumn('headers').execute();
  for (const column of ['erased_at', 'senior_at', 'consent_news_source', 'consent_news_at']) {
    await db.schema.alterTable('members').dropColumn(column).execute();
  }
}
