// Collection points become editable data: slot length and capacity per place, an active
// flag, exceptional closures (a range of local dates), exceptional openings (a local date
// with its own ranges, replacing the weekly ones), and the counter of places booked in each
// slot (capacity is enforced by a conditional update on that counter).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('places').addColumn('slot_minutes', 'integer', (c) => c.notNull().defaultTo(30)).execute();
  // null: as many orders as come in a slot
  await db.schema.alterTable('places').addColumn('slot_capacity', 'integer').execute();
  await db.schema.alterTable('places').addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.createIndex('places_active_position_idx').on('places').columns(['active', 'position', 'name']).execute();

  await db.schema
    .createTable('place_closures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('place_closures_place_to_idx').on('place_closures').columns(['place_id', 'to_date']).execute();

  await db.schema
    .createTable('place_openings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('place_openings_place_date_uq', ['place_id', 'local_date'])
    .execute();

  await db.schema
    .createTable('place_opening_ranges')
    .addColumn('opening_id', 'text', (c) => c.notNull().references('place_openings.id').onDelete('cascade'))
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('place_opening_ranges_pk', ['opening_id', 'opens_at'])
    .execute();

  await db.schema
    .createTable('slot_bookings')
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('slot_bookings_pk', ['place_id', 'start_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['slot_bookings', 'place_opening_ranges', 'place_openings', 'place_closures']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('places_active_position_idx').execute();
  for (const column of ['active', 'slot_capacity', 'slot_minutes']) {
    await db.schema.alterTable('places').dropColumn(column).execute();
  }
}
