// The calendar of a collection point and its collection slots, as pure functions.
//
// Opening hours are local times of the town ("18:00"), dates are local `YYYY-MM-DD` dates and
// instants (`...At`) are UTC. A slot is defined by its local date and local times, then
// converted to UTC in the town's zone, so a daylight-saving change never moves it: the
// 18:00 slot is at 18:00 local time in winter and in summer. Conversions use `Intl` only.
import { formatClock } from '../platform/clock.ts';
import { t } from '../platform/i18n/index.ts';
import { formatLocalDate, type OpeningRange } from './places.rules.ts';

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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export function isLocalDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** "18:30" → 1110. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** 1110 → "18:30". */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

// One formatter per zone: building an Intl.DateTimeFormat is costly, using it is not.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of `ms` in the zone, as if it were UTC (milliseconds). */
function wallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The zone's offset from UTC at an instant, in minutes (Paris: 60 in winter, 120 in summer). */
export function offsetMinutesAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return (wallClockMs(whole, timeZone) - whole) / MINUTE_MS;
}

/**
 * The UTC instant of a local date and time in the zone, or undefined when that local time
 * does not exist (skipped by a change to summer time). When it exists twice (the change
 * back to winter time), the first occurrence.
 */
export function localToUtc(date: string, time: string, timeZone: string): string | undefined {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const steadyOffset = steadyOffsetOn(date, timeZone);
  if (steadyOffset !== undefined) return new Date(wall - steadyOffset * MINUTE_MS).toISOString();
  // The offset is taken a day before and a day after: a local time lies at wall − offset
  // for one of them (only one change a day at most in real zones).
  const candidates = [offsetMinutesAt(wall - DAY_MS, timeZone), offsetMinutesAt(wall + DAY_MS, timeZone), offsetMinutesAt(wall, timeZone)]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((ms) => wallClockMs(ms, timeZone) === wall)
    .sort((a, b) => a - b);
  return candidates.length > 0 ? new Date(candidates[0]).toISOString() : undefined;
}

// Most days have no change of time: their offset is found once and kept (a bounded cache
// of pure results, nothing shared between processes).
const steadyOffsets = new Map<string, number | null>();

/** The zone's offset all day long on a local date, or undefined when it changes around that day. */
function steadyOffsetOn(date: string, timeZone: string): number | undefined {
  const key = `${timeZone} ${date}`;
  let offset = steadyOffsets.get(key);
  if (offset === undefined) {
    const midnight = Date.parse(`${date}T00:00:00Z`);
    // A day before and two days after the local day: no zone changes twice within three days.
    const before = offsetMinutesAt(midnight - DAY_MS, timeZone);
    offset = before === offsetMinutesAt(midnight + 2 * DAY_MS, timeZone) ? before : null;
    if (steadyOffsets.size > 50_000) steadyOffsets.clear();
    steadyOffsets.set(key, offset);
  }
  return offset ?? undefined;
}

/** The local date and time ("2026-12-04", "18:00") of an instant in the zone. */
export function utcToLocal(at: string, timeZone: string): { date: string; time: string } {
  const iso = new Date(wallClockMs(Date.parse(at), timeZone)).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

export function localDateOf(at: string, timeZone: string): string {
  return utcToLocal(at, timeZone).date;
}

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
