// Reading the concierge's forms about collection points: weekly hours (up to three ranges a
// day), exceptional closures and openings, slot settings. Each problem is reported on the
// field to correct, as a message key; nothing here touches the database.
import type { MessageKey } from '../platform/i18n/index.ts';
import { readTimeRange, type TimeRangeMessages } from '../platform/forms.ts';
export { parseClock } from '../platform/clock.ts';
import type { OpeningRange } from './places.rules.ts';
import { parseLocalDate } from '../platform/calendar.ts';
import { SLOT_MINUTE_CHOICES, type TimeRange } from './places.slots.rules.ts';

export const RANGES_PER_DAY = 3;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const MAX_SLOT_CAPACITY = 500;
export const OPENING_PREFIX = 'opening';

export type FormValues = Record<string, string | undefined>;
export type FormErrors = Record<string, MessageKey>;

/** Name of one time input: `d1_opens_1` is Monday's first opening time, `opening_closes_2` an exceptional day's. */
export function rangeFieldName(prefix: string, index: number, end: 'opens' | 'closes'): string {
  return `${prefix}_${end}_${index}`;
}

export function dayPrefix(weekday: number): string {
  return `d${weekday}`;
}

// One reading of a typed date for the whole site; the tests of this form read it here.
export { parseLocalDate };

interface IndexedRange extends TimeRange {
  index: number;
}

const RANGE_MESSAGES: TimeRangeMessages = {
  opensMissing: 'places.form.error.opens_missing',
  closesMissing: 'places.form.error.closes_missing',
  order: 'places.form.error.order',
};

function readRange(values: FormValues, prefix: string, index: number, errors: FormErrors): IndexedRange | undefined {
  const fields = { opens: rangeFieldName(prefix, index, 'opens'), closes: rangeFieldName(prefix, index, 'closes') };
  const range = readTimeRange(values, fields, RANGE_MESSAGES, errors);
  return range && { index, ...range };
}

/** The ranges of one day of a form, in time order; an overlap is reported on the later range. */
export function readDayRanges(values: FormValues, prefix: string, errors: FormErrors): TimeRange[] {
  const day: IndexedRange[] = [];
  for (let index = 1; index <= RANGES_PER_DAY; index += 1) {
    const range = readRange(values, prefix, index, errors);
    if (range) day.push(range);
  }
  day.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  for (let position = 1; position < day.length; position += 1) {
    if (day[position].opensAt < day[position - 1].closesAt) {
      const later = day[position].index > day[position - 1].index ? day[position] : day[position - 1];
      errors[rangeFieldName(prefix, later.index, 'opens')] = 'places.form.error.overlap';
    }
  }
  return day.map(({ opensAt, closesAt }) => ({ opensAt, closesAt }));
}

/** Reads the weekly hours form. A day with no time is closed. */
export function readWeekForm(values: FormValues): { ranges: OpeningRange[]; errors: FormErrors } {
  const errors: FormErrors = {};
  const ranges = WEEKDAYS.flatMap((weekday) => readDayRanges(values, dayPrefix(weekday), errors).map((range) => ({ weekday, ...range })));
  return { ranges, errors };
}

/** The saved weekly ranges as the form's values. */
export function weekFormValues(ranges: readonly OpeningRange[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const weekday of WEEKDAYS) {
    const day = ranges.filter((range) => range.weekday === weekday).sort((a, b) => a.opensAt.localeCompare(b.opensAt));
    day.slice(0, RANGES_PER_DAY).forEach((range, index) => {
      values[rangeFieldName(dayPrefix(weekday), index + 1, 'opens')] = range.opensAt;
      values[rangeFieldName(dayPrefix(weekday), index + 1, 'closes')] = range.closesAt;
    });
  }
  return values;
}

export interface ClosureInput {
  fromDate: string;
  toDate: string;
  reason: string;
}

/** Reads an exceptional closure: two dates in order, not entirely past, and a reason. */
export function readClosureForm(values: FormValues, today: string): { closure?: ClosureInput; errors: FormErrors } {
  const errors: FormErrors = {};
  const fromDate = readDate(values, 'closure_from', errors);
  const rawTo = (values.closure_to ?? '').trim();
  // A single day may be given by its first date only.
  const toDate = rawTo === '' ? fromDate : readDate(values, 'closure_to', errors);
  const reason = (values.closure_reason ?? '').trim();
  if (reason === '') errors.closure_reason = 'field.required';
  if (fromDate && toDate && toDate < fromDate) errors.closure_to = 'places.form.error.date_order';
  else if (toDate && toDate < today) errors[rawTo === '' ? 'closure_from' : 'closure_to'] = 'places.form.error.date_past';
  if (Object.keys(errors).length > 0 || !fromDate || !toDate) return { errors };
  return { closure: { fromDate, toDate, reason }, errors };
}

export interface OpeningInput {
  date: string;
  reason: string;
  ranges: TimeRange[];
}

/** Reads an exceptional opening: a date not past and at least one range. */
export function readOpeningForm(values: FormValues, today: string): { opening?: OpeningInput; errors: FormErrors } {
  const errors: FormErrors = {};
  const date = readDate(values, 'opening_date', errors);
  if (date && date < today) errors.opening_date = 'places.form.error.date_past';
  const ranges = readDayRanges(values, OPENING_PREFIX, errors);
  const rangeInError = Object.keys(errors).some((field) => /^opening_(opens|closes)_/.test(field));
  if (ranges.length === 0 && !rangeInError) errors[rangeFieldName(OPENING_PREFIX, 1, 'opens')] = 'places.form.error.opening_ranges';
  if (Object.keys(errors).length > 0 || !date) return { errors };
  return { opening: { date, reason: (values.opening_reason ?? '').trim(), ranges }, errors };
}

function readDate(values: FormValues, field: string, errors: FormErrors): string | undefined {
  const raw = (values[field] ?? '').trim();
  if (raw === '') {
    errors[field] = 'field.required';
    return undefined;
  }
  const date = parseLocalDate(raw);
  if (!date) errors[field] = 'places.form.error.date';
  return date;
}

/** Reads the slot settings: a length from the list and an optional capacity (empty: no limit). */
export function readSlotForm(values: FormValues): { slotMinutes?: number; slotCapacity?: number | null; errors: FormErrors } {
  const errors: FormErrors = {};
  const slotMinutes = Number((values.slot_minutes ?? '').trim());
  if (!(SLOT_MINUTE_CHOICES as readonly number[]).includes(slotMinutes)) errors.slot_minutes = 'field.choice';
  const rawCapacity = (values.slot_capacity ?? '').trim();
  let slotCapacity: number | null = null;
  if (rawCapacity !== '') {
    slotCapacity = Number(rawCapacity);
    if (!/^\d+$/.test(rawCapacity) || slotCapacity < 1 || slotCapacity > MAX_SLOT_CAPACITY) errors.slot_capacity = 'places.form.error.capacity';
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { slotMinutes, slotCapacity, errors };
}
