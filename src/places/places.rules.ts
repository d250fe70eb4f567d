// Rules about collection points and their weekly opening hours. Hours are local times of
// the town ("12:00"), so a change of daylight-saving time never moves them.
import { formatClock, weekdayName } from '../platform/clock.ts';
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
      .map((range) => `${formatClock(range.opensAt)} – ${formatClock(range.closesAt)}`);
    week.push({ weekday, day: weekdayName(weekday), text: ofDay.length > 0 ? joinFrench(ofDay) : t('places.hours.closed') });
  }
  return week;
}
