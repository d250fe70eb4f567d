// Instants are ISO-8601 UTC strings; local dates and times are in the town's time zone.
//
// Every business rule reads "now" here. Tests may start this clock at another instant
// (setting CLOCK_START, refused outside tests) so that a run on any day, in any month, at a
// daylight-saving change or on New Year's Eve, behaves as it would on the day it names. The
// clock keeps running from there, so durations and the order of events stay real. What
// measures real time (session cookies set by the browser's clock, caches, ids) reads the
// system clock instead.
import { clockText, dateText, rangeText } from './typography.ts';

let offsetMs = 0;
let startedAt: string | undefined;

/** Tests only: "now" becomes `instant` and runs on from there; undefined keeps the system clock. Setting the same instant again changes nothing. */
export function startClockAt(instant: string | undefined): void {
  if (instant === startedAt) return;
  startedAt = instant;
  offsetMs = instant === undefined ? 0 : Date.parse(instant) - Date.now();
}

export function nowMs(): number {
  return Date.now() + offsetMs;
}

export function nowIso(): string {
  return new Date(nowMs()).toISOString();
}

export function now(): Date {
  return new Date(nowMs());
}

/** The machine's clock, for what a browser or a cache measures in real time (session cookies). */
export function systemNowIso(): string {
  return new Date().toISOString();
}

export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

/** 1 = Monday … 7 = Sunday (ISO). */
export function weekdayName(weekday: number): string {
  return WEEKDAYS[weekday - 1];
}

// Building an Intl formatter costs far more than using one: keep one per zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, style: 'year' | 'date' | 'dateWithYear' | 'time'): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Record<typeof style, Intl.DateTimeFormatOptions> = {
      year: { year: 'numeric' },
      date: { weekday: 'long', day: 'numeric', month: 'long' },
      dateWithYear: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
      time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    };
    found = new Intl.DateTimeFormat('fr-FR', { timeZone, ...options[style] });
    formatters.set(key, found);
  }
  return found;
}

/** French writes the first day of a month « 1er »: "mardi 1 décembre" → "mardi 1er décembre", the number glued to its month. */
export function withPremier(text: string): string {
  return dateText(text);
}

/** "vendredi 4 décembre", "vendredi 1er janvier 2027" (the year when it is not the current one). */
export function formatDate(iso: string, timeZone: string, today: Date = now()): string {
  const date = new Date(iso);
  const years = formatter(timeZone, 'year');
  const sameYear = years.format(date) === years.format(today);
  return withPremier(formatter(timeZone, sameYear ? 'date' : 'dateWithYear').format(date));
}

/** "vendredi 4 décembre à 18 h 30". */
export function formatDateTime(iso: string, timeZone: string, today: Date = now()): string {
  const time = formatter(timeZone, 'time').format(new Date(iso));
  return `${formatDate(iso, timeZone, today)} à ${formatClock(time)}`;
}

/** "9:00", "09:00", "9h", "9 h 30" → "09:00"; undefined when it is not a time of day. */
export function parseClock(input: string): string | undefined {
  const match = /^(\d{1,2})\s*(?:[:hH]\s*(\d{2})?)?$/.exec(input.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** "12:00" → "12 h", "18:30" → "18 h 30", with no-break spaces: a time never breaks across lines. */
export function formatClock(time: string): string {
  const [hours, minutes] = time.split(':');
  return clockText(Number(hours), Number(minutes));
}

/** "12:00", "12:30" → "12 h – 12 h 30", the dash kept on the line of the first time. */
export function formatClockRange(from: string, to: string): string {
  return rangeText(formatClock(from), formatClock(to));
}
