// Rules of appointments with a provider: their statuses and transition table, what a slot
// the concierge types must be (a real local time, in the future, a sensible length, within
// the provider's hours), when the eve's reminder may go, and the date in words. Pure
// functions and data only.
import { addDays, isLocalDate, localToUtc, utcToLocal } from '../../platform/calendar.ts';
import { formatDate, formatClock } from '../../platform/clock.ts';
import type { ErrorCode } from '../../platform/errors.ts';
import type { StatusTables, Transitions } from '../../platform/transitions.ts';

/** Where an appointment stands. */
export type AppointmentStatus =
  /** proposed to the provider (first time or moved), who has to confirm it */
  | 'proposed'
  /** the provider confirmed it; the member has the date and the calendar file */
  | 'confirmed'
  /** the provider declined it (with a reason); the request is back with the conciergerie */
  | 'declined'
  /** called off by the conciergerie; the member's calendar is told to drop it */
  | 'cancelled'
  /** it took place */
  | 'done';

/** A move keeps the appointment (same calendar UID) and proposes the new slot again. */
export const APPOINTMENT_TRANSITIONS: Transitions<AppointmentStatus> = {
  proposed: ['confirmed', 'declined', 'cancelled'],
  confirmed: ['proposed', 'cancelled', 'done'],
  declined: [],
  cancelled: [],
  done: [],
};

export const APPOINTMENTS_STATUS_TABLES = {
  'appointments.status': APPOINTMENT_TRANSITIONS,
} as const satisfies StatusTables;

/** Statuses in which the appointment still holds a slot in someone's diary. */
export function isLive(status: AppointmentStatus): boolean {
  return status === 'proposed' || status === 'confirmed';
}

/** A visit shorter than a quarter of an hour or longer than a working day is a typing slip. */
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 8 * 60;
export const DURATION_CHOICES = [30, 60, 90, 120, 180, 240] as const;

/** The eve's reminder goes from this local time the day before. */
const REMINDER_LOCAL_TIME = '10:00';

export interface SlotInput {
  /** local date `YYYY-MM-DD` in the town's zone */
  date: string;
  /** local time `HH:MM` */
  time: string;
  durationMinutes: number;
}

export interface Slot extends SlotInput {
  startsAt: string;
  endsAt: string;
  remindFromAt: string;
}

export type SlotCheck = { ok: true; slot: Slot } | { ok: false; code: ErrorCode; field: 'date' | 'time' | 'duration' };

/**
 * The slot's instants, or why it cannot be: a length out of bounds, a local time skipped by the
 * change to summer time, or an instant already past at `nowAt`. A time that occurs twice (the
 * change back to winter time) is its first occurrence. The end is the start plus the length in
 * real time: a visit of two hours lasts two hours, whatever the clocks do meanwhile.
 */
/** How far ahead a slot may be booked: a year (a later date is a typing mistake). */
const MAX_DAYS_AHEAD = 366;

export function checkSlot(input: SlotInput, nowAt: string, timeZone: string): SlotCheck {
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < MIN_DURATION_MINUTES || input.durationMinutes > MAX_DURATION_MINUTES) {
    return { ok: false, code: 'appointment_duration', field: 'duration' };
  }
  const startsAt = localToUtc(input.date, input.time, timeZone);
  if (startsAt === undefined) return { ok: false, code: 'appointment_time_skipped', field: 'time' };
  if (startsAt <= nowAt) return { ok: false, code: 'appointment_in_past', field: 'date' };
  if (Date.parse(startsAt) - Date.parse(nowAt) > MAX_DAYS_AHEAD * 86_400_000) return { ok: false, code: 'appointment_too_far', field: 'date' };
  const endsAt = new Date(Date.parse(startsAt) + input.durationMinutes * 60_000).toISOString();
  return { ok: true, slot: { ...input, startsAt, endsAt, remindFromAt: reminderFrom(input.date, timeZone) } };
}

/** From when the eve's reminder may go: 10 h the day before, local time. */
export function reminderFrom(localDate: string, timeZone: string): string {
  // 10 h exists every day in a European zone; the fallback is the day's start.
  return localToUtc(addDays(localDate, -1), REMINDER_LOCAL_TIME, timeZone) ?? `${addDays(localDate, -1)}T00:00:00.000Z`;
}

/** Whether a provider can come, in the words of the providers' directory. */
export type Availability = 'open' | 'closed' | 'absent';

/** The refusal for a provider who cannot come, next to the time. */
export function availabilityRefusal(availability: Availability): ErrorCode | undefined {
  if (availability === 'absent') return 'appointment_provider_absent';
  if (availability === 'closed') return 'appointment_outside_hours';
  return undefined;
}

/** « mardi 15 décembre à 14 h 30 », in the town's zone, the year when it is not this year's. */
export function whenInWords(startsAt: string, timeZone: string, nowAt: string): string {
  return `${formatDate(startsAt, timeZone, new Date(nowAt))} à ${formatClock(utcToLocal(startsAt, timeZone).time)}`;
}

/** « 1 h 30 », « 45 min », « 2 h »: a length as people say it. */
export function durationInWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}\u00a0min`;
  return rest === 0 ? `${hours}\u00a0h` : `${hours}\u00a0h\u00a0${String(rest).padStart(2, '0')}`;
}

/** « 15/12/2026 », « 15.12.2026 » or « 2026-12-15 » → « 2026-12-15 »; undefined when it is no real day. */
export function readLocalDate(text: string): string | undefined {
  const trimmed = text.trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const date = french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : trimmed;
  return isLocalDate(date) ? date : undefined;
}

/** « 15/12/2026 »: how the form shows a stored date back. */
export function frenchDate(localDate: string): string {
  const [year, month, day] = localDate.split('-');
  return `${day}/${month}/${year}`;
}
