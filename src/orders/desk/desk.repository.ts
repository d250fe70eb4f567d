// SQL of the desk's own questions: the member's orders still to collect, to warn before a
// second order for the same slot.
import type { Executor } from '../../db/index.ts';
import { OPEN_ORDER_STATUSES } from '../orders.rules.ts';

export interface UpcomingOrder {
  id: string;
  collectionCode: string;
  placeId: string;
  slotStartAt: string;
  slotEndAt: string;
}

/** The member's open orders whose slot starts at one of `slotStarts`. */
export async function openOrdersInSlots(db: Executor, memberId: string, slotStarts: readonly string[]): Promise<UpcomingOrder[]> {
  if (slotStarts.length === 0) return [];
  const rows = await db
    .selectFrom('orders')
    .select(['id', 'collection_code', 'place_id', 'slot_start_at', 'slot_end_at'])
    .where('member_id', '=', memberId)
    .where('status', 'in', OPEN_ORDER_STATUSES)
    .where('slot_start_at', 'in', slotStarts)
    .orderBy('slot_start_at')
    .execute();
  return rows.map((row) => ({ id: row.id, collectionCode: row.collection_code, placeId: row.place_id, slotStartAt: row.slot_start_at, slotEndAt: row.slot_end_at }));
}
