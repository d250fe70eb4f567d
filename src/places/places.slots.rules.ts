// The calendar of a collection point and its collection slots, as pure functions.
//
// Opening hours are local times of the town ("18:00"), dates are local `YYYY-MM-DD` dates and
// instants (`...At`) are UTC. A slot is defined by its local date and local times, then
// converted to UTC in the town's zone, so a daylight-saving change never moves it: the
// 18:00 slot is at 18:00 local time in winter and in summer. Conversions use `Intl` only.
import { addDays, formatLocalDate, isLocalDate, localDateOf, localToUtc, minutesOf, offsetMinutesAt, timeOf, utcToLocal, weekdayOf } from '../platform/calendar.ts';
import { formatClock } from '../platform/clock.ts';

export { addDays, isLocalDate, localDateOf, localToUtc, minutesOf, offsetMinutesAt, timeOf, utcToLocal, weekdayOf };
import { t } from '../platform/i18n/index.ts';
import type { OpeningRange } from './places.rules.ts';

/** A range of one day, local time, "12:00"–"14:00". */
export interface TimeRange {
  opensAt: string;
  closesAt: string;
}

/** The place is closed from `fromDate` to `toDate` included (local dates). */
export interface Closure {
  id: string;
  fromDate: string;
  toDate: string;
  reason: string;
}

/** On `date` the place keeps these hours instead of its weekly ones. */
export interface ExceptionalOpening {
  id: string;
  date: string;
  reason: string;
  ranges: TimeRange[];
}

/** Everything that decides when a place is open and how its slots are cut. */
export interface PlaceCalendar {
  weekly: readonly OpeningRange[];
  closures: readonly Closure[];
  openings: readonly ExceptionalOpening[];
  slotMinutes: number;
}

/** One slot: its local date and times, and the UTC instants they stand for. */
export interface SlotTime {
  localDate: string;
  opensAt: string;
  closesAt: string;
  startAt: string;
  endAt: string;
}

export const DEFAULT_SLOT_MINUTES = 30;
export const SLOT_MINUTE_CHOICES = [15, 20, 30, 45, 60, 90, 120] as const;


/** The closure covering `date`, if any. */
export function closureOn(closures: readonly Closure[], date: string): Closure | undefined {
  return closures.find((closure) => closure.fromDate <= date && date <= closure.toDate);
}

/** The hours of a local date: none when closed, an exceptional opening's, or the weekly ones. */
export function rangesOn(calendar: PlaceCalendar, date: string): TimeRange[] {
  const opening = calendar.openings.find((candidate) => candidate.date === date);
  // An exceptional opening is a deliberate decision for that day: it wins over a closure.
  if (opening) return [...opening.ranges].sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  if (closureOn(calendar.closures, date)) return [];
  const weekday = weekdayOf(date);
  return calendar.weekly
    .filter((range) => range.weekday === weekday)
    .map(({ opensAt, closesAt }) => ({ opensAt, closesAt }))
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt));
}

/**
 * The slots of a local date: each range cut into slots of `slotMinutes` from its opening
 * time; a slot that would end after closing is not offered. A slot whose local start does
 * not exist that day (change to summer time) is skipped.
 */
export function slotTimesOn(calendar: PlaceCalendar, date: string, timeZone: string): SlotTime[] {
  const slots: SlotTime[] = [];
  for (const range of rangesOn(calendar, date)) {
    const closes = minutesOf(range.closesAt);
    for (let start = minutesOf(range.opensAt); start + calendar.slotMinutes <= closes; start += calendar.slotMinutes) {
      const opensAt = timeOf(start);
      const closesAt = timeOf(start + calendar.slotMinutes);
      const startAt = localToUtc(date, opensAt, timeZone);
      if (!startAt) continue;
      // An end in the skipped hour is the first instant after it, so slots still follow each other.
      const endAt = localToUtc(date, closesAt, timeZone) ?? firstInstantAfterGap(date, closesAt, timeZone);
      slots.push({ localDate: date, opensAt, closesAt, startAt, endAt });
    }
  }
  return slots;
}

/** The first existing local minute after `time` on `date`, as a UTC instant. */
function firstInstantAfterGap(date: string, time: string, timeZone: string): string {
  for (let minutes = minutesOf(time) + 1; minutes < 24 * 60; minutes += 1) {
    const at = localToUtc(date, timeOf(minutes), timeZone);
    if (at) return at;
  }
  return localToUtc(addDays(date, 1), '00:00', timeZone) ?? `${addDays(date, 1)}T00:00:00.000Z`;
}

/** The slots of `days` local dates from `fromDate`, in time order. */
export function slotTimesBetween(calendar: PlaceCalendar, fromDate: string, days: number, timeZone: string): SlotTime[] {
  const slots: SlotTime[] = [];
  for (let day = 0; day < days; day += 1) slots.push(...slotTimesOn(calendar, addDays(fromDate, day), timeZone));
  return slots;
}

/** The slot starting exactly at `startAt`, if the calendar offers one. */
export function slotTimeAt(calendar: PlaceCalendar, startAt: string, timeZone: string): SlotTime | undefined {
  const ms = Date.parse(startAt);
  if (Number.isNaN(ms)) return undefined;
  return slotTimesOn(calendar, localDateOf(startAt, timeZone), timeZone).find((slot) => Date.parse(slot.startAt) === ms);
}

/** Whether the place is open at an instant: inside one of the ranges of its local date. */
export function isOpenAtRule(calendar: PlaceCalendar, at: string, timeZone: string): boolean {
  const local = utcToLocal(at, timeZone);
  return rangesOn(calendar, local.date).some((range) => range.opensAt <= local.time && local.time < range.closesAt);
}

/** Places left in a slot: null when the place takes any number of orders. */
export function remainingOf(capacity: number | null, booked: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - booked);
}

/** « vendredi 4 décembre, de 18 h à 18 h 30 » (the year is added when it is not the year of `today`). */
export function slotLabel(slot: SlotTime, today: string): string {
  return t('places.slot.label', { date: formatLocalDate(slot.localDate, today), from: formatClock(slot.opensAt), to: formatClock(slot.closesAt) });
}
