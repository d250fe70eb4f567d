// Rules about collection points and their weekly opening hours, and how their hours and
// closures read in French. Hours are local times of the town ("12:00"), so a change of
// daylight-saving time never moves them. Slots and time zones: places.slots.rules.ts.
import { formatLocalDate } from '../platform/calendar.ts';
import { formatClockRange, weekdayName, withPremier } from '../platform/clock.ts';
import { t } from '../platform/i18n/index.ts';

/** What kind of place an order can be collected at. */
export type PlaceKind =
  /** the conciergerie's own counter in the town centre */
  | 'counter'
  /** a community centre in a hamlet (Istres: foyer La Meraviho in Entressen) */
  | 'community_centre'
  /** a senior residence */
  | 'residence'
  /** a company of the business park, served on the weekly delivery day */
  | 'company';

export const PLACE_KINDS: readonly PlaceKind[] = ['counter', 'community_centre', 'residence', 'company'];

/** A weekly opening range, local time; weekday 1 = Monday … 7 = Sunday. */
export interface OpeningRange {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isValidRange(range: OpeningRange): boolean {
  return Number.isInteger(range.weekday) && range.weekday >= 1 && range.weekday <= 7 && TIME.test(range.opensAt) && TIME.test(range.closesAt) && range.opensAt < range.closesAt;
}

/** Sorted by day and time; undefined when a range is malformed or two of a day overlap. */
export function normaliseRanges(ranges: readonly OpeningRange[]): OpeningRange[] | undefined {
  if (!ranges.every(isValidRange)) return undefined;
  const sorted = [...ranges].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt));
  for (let index = 1; index < sorted.length; index += 1) {
    const previous = sorted[index - 1];
    if (previous.weekday === sorted[index].weekday && sorted[index].opensAt < previous.closesAt) return undefined;
  }
  return sorted;
}

/** "a", "a et b", "a, b et c". */
function joinFrench(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

/**
 * A week as people read it, Monday first, every day listed:
 * [{ day: 'lundi', text: '12 h – 14 h et 18 h – 20 h' }, …, { day: 'dimanche', text: 'fermé' }].
 */
export function formatWeek(ranges: readonly OpeningRange[]): Array<{ weekday: number; day: string; text: string }> {
  const week: Array<{ weekday: number; day: string; text: string }> = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    const ofDay = ranges
      .filter((range) => range.weekday === weekday)
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
      .map((range) => formatClockRange(range.opensAt, range.closesAt));
    week.push({ weekday, day: weekdayName(weekday), text: ofDay.length > 0 ? joinFrench(ofDay) : t('places.hours.closed') });
  }
  return week;
}

/** "12 h – 14 h et 18 h – 20 h" for the ranges of one day. */
export function formatRanges(ranges: ReadonlyArray<{ opensAt: string; closesAt: string }>): string {
  const sorted = [...ranges].sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  return joinFrench(sorted.map((range) => formatClockRange(range.opensAt, range.closesAt)));
}

/** A compact week for lists: "du lundi au samedi : 12 h – 14 h et 18 h – 20 h", days with the same hours grouped. */
export function summariseWeek(ranges: readonly OpeningRange[]): string {
  const days = formatWeek(ranges);
  const groups: Array<{ first: string; last: string; count: number; text: string }> = [];
  for (const day of days) {
    const previous = groups[groups.length - 1];
    if (previous && previous.text === day.text) {
      previous.last = day.day;
      previous.count += 1;
    } else groups.push({ first: day.day, last: day.day, count: 1, text: day.text });
  }
  const open = groups.filter((group) => group.text !== t('places.hours.closed'));
  if (open.length === 0) return t('places.hours.none');
  return open
    .map((group) => {
      const when = group.count === 1 ? group.first : group.count === 2 ? `${group.first} et ${group.last}` : t('places.hours.from_to_day', { first: group.first, last: group.last });
      return `${when}\u00a0: ${group.text}`;
    })
    .join('\u00a0; ');
}

const DAY_MONTH = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long' });
const DAY_MONTH_YEAR = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

function dateOf(localDate: string): Date {
  return new Date(`${localDate}T12:00:00Z`);
}

/** "24 décembre" without the weekday; the year when not the year of `today` or when asked. */
function shortDate(localDate: string, today: string, withYear = false): string {
  return withPremier((withYear || localDate.slice(0, 4) !== today.slice(0, 4) ? DAY_MONTH_YEAR : DAY_MONTH).format(dateOf(localDate)));
}

/** "le jeudi 24 décembre", "du 24 au 26 décembre", "du 30 novembre au 2 décembre", "du 30 décembre 2026 au 2 janvier 2027". */
export function formatDateRange(fromDate: string, toDate: string, today: string): string {
  if (fromDate === toDate) return t('places.dates.on', { date: formatLocalDate(fromDate, today) });
  const sameYear = fromDate.slice(0, 4) === toDate.slice(0, 4);
  const sameMonth = sameYear && fromDate.slice(0, 7) === toDate.slice(0, 7);
  const from = sameMonth ? withPremier(String(Number(fromDate.slice(8, 10)))) : shortDate(fromDate, today, !sameYear);
  return t('places.dates.from_to', { from, to: shortDate(toDate, today, !sameYear) });
}

/** « Fermé du 24 au 26 décembre : Fermeture de Noël ». */
export function formatClosure(closure: { fromDate: string; toDate: string; reason: string }, today: string): string {
  return t('places.closure.text', { dates: formatDateRange(closure.fromDate, closure.toDate, today), reason: closure.reason });
}

/** « Ouvert exceptionnellement le dimanche 20 décembre, de 10 h – 12 h » (and its reason when there is one). */
export function formatOpening(opening: { date: string; reason: string; ranges: ReadonlyArray<{ opensAt: string; closesAt: string }> }, today: string): string {
  const text = t('places.opening.text', { date: formatLocalDate(opening.date, today), hours: formatRanges(opening.ranges) });
  return opening.reason ? `${text}\u00a0: ${opening.reason}` : text;
}
