// The shops CRM: how the conciergerie follows the town's shops, members or not.
// - shop_stage_events: every move of a shop's stage, with the reason of an exit (a code of
//   the list in crm.rules.ts) and a free note; written by the one move function.
// - shop_contacts: the people of a shop the concierge talks to.
// - shop_interactions: visits, calls, mails and events, with their outcome; `campaign_id` when
//   logged for a canvassing campaign.
// - shop_tasks: follow-ups with a due date (local `YYYY-MM-DD`). `source` is `manual` or
//   `alert` (raised by a health rule, `reason_code` says which). At most one open-or-snoozed
//   task per (shop, reason_code): a partial unique index, so two runs cannot both open one.
//   `reminded_at`: the one reminder mail on the due day went.
// - shop_campaigns + shop_campaign_targets: canvassing campaigns and the shops they aim at.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shop_stage_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('account_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shop_stage_events_shop_idx').on('shop_stage_events').columns(['shop_id', 'at']).execute();
  await db.schema.createIndex('shop_stage_events_at_idx').on('shop_stage_events').columns(['at', 'to_stage']).execute();

  await db.schema
    .createTable('shop_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shop_contacts_shop_idx').on('shop_contacts').columns(['shop_id', 'person']).execute();

  await db.schema
    .createTable('shop_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('shop_campaign_targets')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('shop_campaigns.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shop_campaign_targets_pk', ['campaign_id', 'shop_id'])
    .execute();

  await db.schema
    .createTable('shop_interactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('visit', 'call', 'mail', 'event')`))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('met', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('campaign_id', 'text', (c) => c.references('shop_campaigns.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shop_interactions_shop_idx').on('shop_interactions').columns(['shop_id', 'local_date']).execute();
  await db.schema.createIndex('shop_interactions_date_idx').on('shop_interactions').columns(['local_date', 'outcome']).execute();

  await db.schema
    .createTable('shop_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('manual', 'alert')`))
    .addColumn('reason_code', 'text')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'done', 'snoozed')`))
    .addColumn('snoozed_until', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_account_id', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by_account_id', 'text')
    .execute();
  // One live task per shop and reason; manual tasks have no reason code (nulls never collide).
  await sql`create unique index shop_tasks_one_live_idx on shop_tasks (shop_id, reason_code) where state <> 'done'`.execute(db);
  await db.schema.createIndex('shop_tasks_due_idx').on('shop_tasks').columns(['state', 'due_date']).execute();
  await db.schema.createIndex('shop_tasks_shop_idx').on('shop_tasks').columns(['shop_id', 'state']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shop_tasks').execute();
  await db.schema.dropTable('shop_interactions').execute();
  await db.schema.dropTable('shop_campaign_targets').execute();
  await db.schema.dropTable('shop_campaigns').execute();
  await db.schema.dropTable('shop_contacts').execute();
  await db.schema.dropTable('shop_stage_events').execute();
}
