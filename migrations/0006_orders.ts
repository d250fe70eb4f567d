// Orders: the basket (a resident's, a visitor's, or one the concierge fills for a member),
// the orders placed from it, one purchase order per shop, their lines, and the history of
// every move. Lines name an offer when they come from the catalogue; a free-text line
// (« à acheter pour moi ») has no offer and an estimated price to confirm.
import { sql, type Kysely } from 'kysely';

/** Statuses in which an order's collection code is in use at the counter (see orders.rules.ts). */
const OPEN_ORDER_STATUSES = ['placed', 'preparing', 'ready', 'partially_handed_over'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('basket_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // "account:<id>", "visitor:<id>" or another owner's key (a basket filled for a member)
    .addColumn('owner_key', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'text', (c) => c.references('offers.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    // the price the person saw (or acknowledged); an estimate for a free-text line
    .addColumn('seen_price_cents', 'integer', (c) => c.notNull())
    .addColumn('price_is_estimate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('basket_lines_owner_offer_uq').on('basket_lines').columns(['owner_key', 'offer_id']).unique().execute();
  await db.schema.createIndex('basket_lines_owner_created_idx').on('basket_lines').columns(['owner_key', 'created_at']).execute();
  // For the hourly clean-up of abandoned visitors' baskets.
  await db.schema.createIndex('basket_lines_updated_idx').on('basket_lines').column('updated_at').execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('placed_by_account_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('slot_start_at', 'text', (c) => c.notNull())
    .addColumn('slot_end_at', 'text', (c) => c.notNull())
    .addColumn('slot_local_date', 'text', (c) => c.notNull())
    .addColumn('payment_method', 'text', (c) => c.notNull())
    .addColumn('collection_code', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_member_placed_idx').on('orders').columns(['member_id', 'placed_at']).execute();
  await db.schema.createIndex('orders_status_placed_idx').on('orders').columns(['status', 'placed_at']).execute();
  await db.schema.createIndex('orders_placed_idx').on('orders').columns(['placed_at', 'id']).execute();
  await db.schema.createIndex('orders_place_slot_idx').on('orders').columns(['place_id', 'slot_local_date', 'slot_start_at']).execute();
  // The counter finds an order by its code (open orders first, see the partial index below).
  await db.schema.createIndex('orders_code_status_idx').on('orders').columns(['collection_code', 'status']).execute();
  // A code is unique among the orders still to be handed over; closed orders free theirs.
  await db.schema
    .createIndex('orders_open_code_uq')
    .on('orders')
    .column('collection_code')
    .unique()
    .where(sql.ref('status'), 'in', OPEN_ORDER_STATUSES)
    .execute();

  await db.schema
    .createTable('purchase_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    // departure of the collection round planned to fetch it
    .addColumn('collection_round_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('purchase_orders_order_idx').on('purchase_orders').column('order_id').execute();
  await db.schema.createIndex('purchase_orders_shop_status_idx').on('purchase_orders').columns(['shop_id', 'status', 'collection_round_at']).execute();
  await db.schema.createIndex('purchase_orders_status_round_idx').on('purchase_orders').columns(['status', 'collection_round_at']).execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('purchase_order_id', 'text', (c) => c.notNull().references('purchase_orders.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('offer_id', 'text', (c) => c.references('offers.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
    .addColumn('vat_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('price_is_estimate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('refusal_reason', 'text')
    .addColumn('refusal_note', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_lines_order_idx').on('order_lines').columns(['order_id', 'position']).execute();
  await db.schema.createIndex('order_lines_purchase_order_idx').on('order_lines').column('purchase_order_id').execute();
  await db.schema.createIndex('order_lines_offer_idx').on('order_lines').column('offer_id').execute();

  await db.schema
    .createTable('order_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('purchase_order_id', 'text')
    .addColumn('account_id', 'text')
    // who, as shown in the history (kept as written, even if the account is renamed later)
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_events_order_idx').on('order_events').columns(['order_id', 'at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['order_events', 'order_lines', 'purchase_orders', 'orders', 'basket_lines']) {
    await db.schema.dropTable(table).execute();
  }
}
