// The counter's board at the lunch rush, under the search box: who is expected in the slot
// under way (« Maintenant »), who should have come and has not (« En retard »), and who comes
// later today (« Plus tard »), each order with where its bags wait. Orders collected at the
// conciergerie's counter only: drop-off points are served by the van.
import type { Executor } from '../../db/index.ts';
import { counterOf, listPlacesWithCalendar, localDateOf, slotTimesOn, type PlaceWithCalendar, type SlotTime } from '../../places/index.ts';
import { assertConcierge } from '../../platform/actor.ts';
import { addDays } from '../../platform/calendar.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { countOpenOrdersBefore, listOpenOrdersBefore, listOpenOrdersOn } from './counter.repository.ts';
import { momentOf, nextSlotAfter, slotAt } from './counter.rules.ts';
import { listItems, type CounterListItem } from './counter.service.ts';

/** A day's orders at the counter: more than a lunch rush ever brings. */
const DAY_LIMIT = 200;
/** Late orders of earlier days shown; the rest are counted (and listed among orders not collected). */
const EARLIER_LIMIT = 20;
/** How far ahead a closed counter's next opening is looked for. */
const OPENING_LOOKAHEAD_DAYS = 14;

export interface CounterBoard {
  today: string;
  /** The slot under way, or when the closed counter opens next (undefined: not within two weeks). */
  clock: { open: true; slot: SlotTime } | { open: false; next: SlotTime | undefined };
  now: CounterListItem[];
  /** Today's earlier slots first (the most recent first), then earlier days. */
  late: CounterListItem[];
  /** Late orders in all, including those not listed. */
  lateTotal: number;
  later: CounterListItem[];
}

function calendarOf(place: PlaceWithCalendar) {
  return { weekly: place.hours, closures: place.closures, openings: place.openings, slotMinutes: place.slotMinutes };
}

/** The slot under way at the counter, or its next opening. */
function counterClock(place: PlaceWithCalendar | undefined, today: string, nowAt: string, timeZone: string): CounterBoard['clock'] {
  if (!place) return { open: false, next: undefined };
  const calendar = calendarOf(place);
  const slot = slotAt(slotTimesOn(calendar, today, timeZone), nowAt);
  if (slot) return { open: true, slot };
  for (let day = 0; day < OPENING_LOOKAHEAD_DAYS; day += 1) {
    const next = nextSlotAfter(slotTimesOn(calendar, addDays(today, day), timeZone), nowAt);
    if (next) return { open: false, next };
  }
  return { open: false, next: undefined };
}

export async function counterBoard(db: Executor, actor: CurrentAccount | null, nowAt: string, timeZone: string): Promise<CounterBoard> {
  assertConcierge(actor);
  const today = localDateOf(nowAt, timeZone);
  const places = await listPlacesWithCalendar(db, today, { activeOnly: true });
  const counterIds = places.filter((place) => place.kind === 'counter').map((place) => place.id);
  const [ofToday, earlier, earlierTotal] = await Promise.all([
    listOpenOrdersOn(db, counterIds, today, DAY_LIMIT),
    listOpenOrdersBefore(db, counterIds, today, EARLIER_LIMIT),
    countOpenOrdersBefore(db, counterIds, today),
  ]);
  const items = await listItems(db, [...ofToday, ...earlier]);
  const todays = items.slice(0, ofToday.length);
  const lateToday = todays.filter((item) => momentOf(item.order, nowAt) === 'late').reverse();
  return {
    today,
    clock: counterClock(counterOf(places), today, nowAt, timeZone),
    now: todays.filter((item) => momentOf(item.order, nowAt) === 'now'),
    late: [...lateToday, ...items.slice(ofToday.length)],
    lateTotal: lateToday.length + earlierTotal,
    later: todays.filter((item) => momentOf(item.order, nowAt) === 'later'),
  };
}
