// Delivery runs: the van's Friday run to the business park and the hamlet, the tricycle's
// town-centre deliveries (senior residences, homes).
// - vehicles: what each one carries, in the load classes offers carry (volume units, grams);
//   the conciergerie's two vehicles are its starting equipment, not demo data;
// - delivery_runs: one vehicle, one driver, one date and window; `number` tells apart the
//   two runs of a day when the orders do not fit in one;
// - delivery_stops: the stops of a run in order — a place (drop-off point, company) or a
//   home — with the planned and actual arrival and the distance from the previous stop,
//   which the town's yearly figures add up per vehicle;
// - delivery_orders: which order travels on which stop, and what happened to it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vehicles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('tricycle', 'van')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('volume_units', 'integer', (c) => c.notNull())
    .addColumn('weight_grams', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  const at = new Date().toISOString();
  await db
    .insertInto('vehicles')
    .values([
      // a cargo tricycle's box: about 40 shopping bags, 100 kg of goods besides the rider
      { id: 'vehicle-tricycle', kind: 'tricycle', name: 'Triporteur', volume_units: 40, weight_grams: 100_000, created_at: at },
      // a small van: about 300 bags, 600 kg of payload
      { id: 'vehicle-van', kind: 'van', name: 'Fourgonnette', volume_units: 300, weight_grams: 600_000, created_at: at },
    ])
    .execute();

  await db.schema
    .createTable('delivery_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_date', 'text', (c) => c.notNull())
    .addColumn('vehicle_id', 'text', (c) => c.notNull().references('vehicles.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('driver_account_id', 'text', (c) => c.references('accounts.id'))
    // planned: being prepared | under_way: the driver has left | finished: back at the counter
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('planned', 'under_way', 'finished')`))
    // local "HH:MM" of the run's window on its date
    .addColumn('window_opens', 'text', (c) => c.notNull())
    .addColumn('window_closes', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('delivery_runs_day_uq', ['run_date', 'vehicle_id', 'number'])
    .execute();
  await db.schema.createIndex('delivery_runs_driver_idx').on('delivery_runs').columns(['driver_account_id', 'run_date']).execute();

  await db.schema
    .createTable('delivery_stops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('delivery_runs.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // the place served (drop-off point, company), null for a home
    .addColumn('place_id', 'text', (c) => c.references('places.id'))
    // the door of a home delivery, as the order keeps it
    .addColumn('address', 'text')
    // 1: the concierge put it there by hand; re-planning keeps it at its position
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('planned_arrival_at', 'text')
    .addColumn('actual_arrival_at', 'text')
    // from the previous stop (or the counter); null when a home's position is unknown
    .addColumn('leg_metres', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('delivery_stops_run_idx').on('delivery_stops').columns(['run_id', 'position']).execute();

  await db.schema
    .createTable('delivery_orders')
    // an order travels on one stop at a time
    .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id'))
    .addColumn('stop_id', 'text', (c) => c.notNull().references('delivery_stops.id'))
    // null: to deliver | delivered | absent | refused | dropped: left at a drop-off point for its list
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('delivered', 'absent', 'refused', 'dropped')`))
    .addColumn('recipient_name', 'text')
    .addColumn('refusal_reason', 'text')
    // how the amount due was paid on delivery (cash, card, cheque), when it was
    .addColumn('payment_method', 'text')
    .addColumn('recorded_at', 'text')
    .addColumn('recorded_by_account_id', 'text', (c) => c.references('accounts.id'))
    // when the outcome's effects (hand-over, payment, back to the counter, mail) were applied:
    // until then, within the undo window, a wrong tap can be taken back
    .addColumn('settled_at', 'text')
    .execute();
  await db.schema.createIndex('delivery_orders_stop_idx').on('delivery_orders').column('stop_id').execute();
  // the orders due on a date, whatever their place: what a run is prepared from
  await db.schema.createIndex('orders_slot_date_idx').on('orders').columns(['slot_local_date', 'status']).execute();
  await db.schema.createIndex('delivery_orders_unsettled_idx').on('delivery_orders').columns(['settled_at', 'recorded_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_slot_date_idx').execute();
  await db.schema.dropTable('delivery_orders').execute();
  await db.schema.dropTable('delivery_stops').execute();
  await db.schema.dropTable('delivery_runs').execute();
  await db.schema.dropTable('vehicles').execute();
}
