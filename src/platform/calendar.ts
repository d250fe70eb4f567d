// The town's calendar: local dates (`YYYY-MM-DD`) and times in its time zone, and their
// UTC instants. Conversions use `Intl` only, so a daylight-saving change never moves a
// local time. No business rule lives here.
import { withPremier } from './clock.ts';

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

/** The wall clock of `ms` in the zone, as if it were UTC (whole seconds, in milliseconds). */
function wallClockMs(ms: number, timeZone: string): number {
  return Math.floor(ms / 1000) * 1000 + offsetOfQuarter(ms, timeZone);
}

/** What the zone's formatter says of `ms`: the truth the cache below keeps. */
function formattedWallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

const QUARTER_MS = 15 * MINUTE_MS;
// Zones change their offset at a local time on a quarter hour, by a whole number of quarter
// hours, hence on a quarter hour of UTC too: one offset holds for a whole UTC quarter hour.
// Asking the formatter costs microseconds and a checkout asks dozens of times (a bounded
// cache of pure results, nothing shared between processes).
const quarterOffsets = new Map<string, number>();

function offsetOfQuarter(ms: number, timeZone: string): number {
  const start = Math.floor(ms / QUARTER_MS) * QUARTER_MS;
  const key = `${timeZone} ${start}`;
  let offset = quarterOffsets.get(key);
  if (offset === undefined) {
    offset = formattedWallClockMs(start, timeZone) - start;
    if (quarterOffsets.size > 100_000) quarterOffsets.clear();
    quarterOffsets.set(key, offset);
  }
  return offset;
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

const WEEKDAY_DAY_MONTH = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
const WEEKDAY_DAY_MONTH_YEAR = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * A local date in words: « jeudi 24 décembre », with the year when it is not the year of
 * `today` (a local date too), or always when no `today` is given. Noon UTC falls on the
 * same calendar day, whatever the town's zone.
 */
export function formatLocalDate(localDate: string, today?: string): string {
  const sameYear = today !== undefined && localDate.slice(0, 4) === today.slice(0, 4);
  return withPremier((sameYear ? WEEKDAY_DAY_MONTH : WEEKDAY_DAY_MONTH_YEAR).format(new Date(`${localDate}T12:00:00Z`)));
}

/** What a person types or a date field sends: « 24/12/2026 », « 24-12-2026 », « 24.12.2026 » or « 2026-12-24 » → « 2026-12-24 »; undefined otherwise. */
export function parseLocalDate(input: string): string | undefined {
  const trimmed = input.trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const iso = french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : trimmed;
  return isLocalDate(iso) ? iso : undefined;
}
