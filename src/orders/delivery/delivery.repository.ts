// SQL of the orders a delivery run carries: those due on a date that go beyond the counter.
import type { Executor } from '../../db/index.ts';
import { OPEN_ORDER_STATUSES, type OrderStatus, type PaymentMethod } from '../orders.rules.ts';

/** Where an order that leaves the counter goes. */
export type DeliveryDestination = 'workplace' | 'home' | 'drop_off';

export interface OrderToDeliver {
  orderId: string;
  status: OrderStatus;
  collectionCode: string;
  destination: DeliveryDestination;
  /** The company's stop or the drop-off point; the counter for a home delivery. */
  placeId: string;
  deliveryAddress: string | null;
  slotStartAt: string;
  slotEndAt: string;
  paymentMethod: PaymentMethod;
  totalCents: number;
  memberId: string;
  memberName: string;
  memberPhone: string | null;
  memberEmail: string | null;
}

/** Drop-off points are places the van or the tricycle brings orders to, for their members to collect. */
const DROP_OFF_KINDS = ['community_centre', 'residence'];

function deliveryQuery(db: Executor) {
  return db
    .selectFrom('orders as o')
    .innerJoin('members as m', 'm.id', 'o.member_id')
    .innerJoin('places as p', 'p.id', 'o.place_id')
    .select([
      'o.id',
      'o.status',
      'o.collection_code',
      'o.destination_kind',
      'o.place_id',
      'o.delivery_address',
      'o.slot_start_at',
      'o.slot_end_at',
      'o.payment_method',
      'o.total_cents',
      'o.member_id',
      'm.first_name',
      'm.last_name',
      'm.phone',
      'm.email',
    ]);
}

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof deliveryQuery>['executeTakeFirstOrThrow']>>;

function toOrderToDeliver(row: DeliveryRow): OrderToDeliver {
  return {
    orderId: row.id,
    status: row.status as OrderStatus,
    collectionCode: row.collection_code,
    destination: row.destination_kind === 'collection' ? 'drop_off' : (row.destination_kind as DeliveryDestination),
    placeId: row.place_id,
    deliveryAddress: row.delivery_address,
    slotStartAt: row.slot_start_at,
    slotEndAt: row.slot_end_at,
    paymentMethod: row.payment_method as PaymentMethod,
    totalCents: row.total_cents,
    memberId: row.member_id,
    memberName: `${row.first_name} ${row.last_name}`.trim(),
    memberPhone: row.phone,
    memberEmail: row.email,
  };
}

/** Open orders due on `localDate` at a drop-off point, at work or at home: one query. */
export async function listOrdersToDeliver(db: Executor, localDate: string): Promise<OrderToDeliver[]> {
  const rows = await deliveryQuery(db)
    .where('o.slot_local_date', '=', localDate)
    .where('o.status', 'in', [...OPEN_ORDER_STATUSES])
    .where((eb) => eb.or([eb('o.destination_kind', 'in', ['workplace', 'home']), eb('p.kind', 'in', DROP_OFF_KINDS)]))
    .orderBy('o.slot_start_at')
    .orderBy('o.id')
    .execute();
  return rows.map(toOrderToDeliver);
}

/** The same facts for orders already on runs, whatever their status now. */
export async function listOrdersForDelivery(db: Executor, orderIds: readonly string[]): Promise<OrderToDeliver[]> {
  if (orderIds.length === 0) return [];
  const rows = await deliveryQuery(db).where('o.id', 'in', [...orderIds]).orderBy('m.last_name').orderBy('m.first_name').orderBy('o.id').execute();
  return rows.map(toOrderToDeliver);
}

/** An order that could not be delivered waits at the counter like any other: its destination becomes the counter. */
export async function sendBackToCounter(db: Executor, orderId: string, counterPlaceId: string, at: string): Promise<void> {
  await db.updateTable('orders').set({ destination_kind: 'collection', place_id: counterPlaceId, updated_at: at }).where('id', '=', orderId).execute();
}
