// Pure rules of the counter at the lunch rush: where an order stands against the clock
// (« Maintenant », « En retard », « Plus tard »), which slot is the current one and when the
// counter opens next, and the change to give back on a cash payment.
import type { SlotTime } from '../../places/index.ts';

/** now: its slot is under way; late: its slot is over and it was not handed over; later: its slot is to come. */
export type Moment = 'now' | 'late' | 'later';

/** Where an order's slot stands at `nowAt` (instants as UTC ISO strings, which sort as they compare). */
export function momentOf(slot: { slotStartAt: string; slotEndAt: string }, nowAt: string): Moment {
  if (Date.parse(slot.slotEndAt) <= Date.parse(nowAt)) return 'late';
  if (Date.parse(slot.slotStartAt) <= Date.parse(nowAt)) return 'now';
  return 'later';
}

/** The slot under way at `nowAt`, if the counter is open. */
export function slotAt(slots: readonly SlotTime[], nowAt: string): SlotTime | undefined {
  const at = Date.parse(nowAt);
  return slots.find((slot) => Date.parse(slot.startAt) <= at && at < Date.parse(slot.endAt));
}

/** The first slot that starts after `nowAt`: when a closed counter opens again. */
export function nextSlotAfter(slots: readonly SlotTime[], nowAt: string): SlotTime | undefined {
  const at = Date.parse(nowAt);
  return slots.filter((slot) => Date.parse(slot.startAt) > at).sort((a, b) => Date.parse(a.startAt) - Date.parse(b.startAt))[0];
}

/** The change to give back in cents; undefined when the sum received does not cover what is due. */
export function changeDueCents(receivedCents: number, dueCents: number): number | undefined {
  return receivedCents >= dueCents ? receivedCents - dueCents : undefined;
}
