// Items left for repair or alteration: where each one is, every move it made, and the
// provider's papers kept with it for the bonus réparation.
// - repair_items: one item per repair request; `status` says where it is now (the counter, the
//   provider, back with its member), `shelf` where it sits at the counter; the prices are
//   integer cents (agreed at intake, final when it comes back), `bonus_code` the repair of the
//   Refashion scale it falls under and `bonus_cents` the deduction granted; `order_id` is the
//   member's order made when it came back (and its collection code), paid at the counter
//   like any order;
// - repair_item_moves: every move of the item (to the counter with its shelf, to the
//   provider, handed back), when and by whom;
// - repair_attachments: the provider's before/after photos (stored images) and its invoice
//   (the PDF's bytes), listed together so the shop can claim the bonus.
import { sql, type Kysely } from 'kysely';
import { binaryType } from '../src/db/migrate.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('repair_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().unique().references('service_requests.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('provider_shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('at_counter', 'at_provider', 'handed_back')`))
    .addColumn('shelf', 'text', (c) => c.notNull())
    .addColumn('agreed_price_cents', 'integer', (c) => c.check(sql`agreed_price_cents > 0`))
    .addColumn('final_price_cents', 'integer', (c) => c.check(sql`final_price_cents > 0`))
    .addColumn('bonus_eligible', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bonus_code', 'text')
    .addColumn('bonus_cents', 'integer', (c) => c.check(sql`bonus_cents >= 0`))
    .addColumn('order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('order_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('handed_back_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('repair_items_status_idx').on('repair_items').columns(['status', 'shelf']).execute();

  await db.schema
    .createTable('repair_item_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('repair_items.id'))
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('shelf', 'text')
    .addColumn('provider_shop_id', 'text', (c) => c.references('shops.id'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('repair_item_moves_item_idx').on('repair_item_moves').columns(['item_id', 'at']).execute();

  await db.schema
    .createTable('repair_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('repair_items.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('photo_before', 'photo_after', 'invoice')`))
    .addColumn('image_id', 'text', (c) => c.references('images.id'))
    .addColumn('bytes', binaryType(db))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('repair_attachments_item_idx').on('repair_attachments').columns(['item_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['repair_attachments', 'repair_item_moves', 'repair_items']) await db.schema.dropTable(table).execute();
}
