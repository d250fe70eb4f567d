// Rules about the town's local shops: identity checks and the membership stage.
import { formatClockRange, weekdayName } from '../platform/clock.ts';
import { readTimeRange, type TimeRangeMessages } from '../platform/forms.ts';
export { parseClock } from '../platform/clock.ts';
import { t, type MessageKey } from '../platform/i18n/index.ts';
import type { MailContent } from '../platform/mail/mail.ts';
import { statusesOf, type StatusTables, type Transitions } from '../platform/transitions.ts';

/** Where a shop stands with the conciergerie. Only `member` shops are shown to the public. */
export type ShopStage =
  /** known in the town, not yet approached */
  | 'prospect'
  /** approached by the concierge (visit, call, mail) */
  | 'contacted'
  /** interested: the concierge and the shop are discussing membership */
  | 'in_talks'
  /** validated by the concierge: its storefront is public */
  | 'member'
  /** a member that stopped selling for a while; storefront hidden */
  | 'inactive'
  /** left the conciergerie, or refused (chains are refused) */
  | 'left'
  /** asked not to be approached again: never in a campaign, never given an automatic task */
  | 'do_not_contact';

/** Allowed moves of the stage; every move is a conditional update on the current stage. */
export const STAGE_TRANSITIONS: Transitions<ShopStage> = {
  prospect: ['contacted', 'in_talks', 'member', 'left', 'do_not_contact'],
  contacted: ['prospect', 'in_talks', 'member', 'left', 'do_not_contact'],
  in_talks: ['contacted', 'member', 'left', 'do_not_contact'],
  member: ['inactive', 'left'],
  inactive: ['member', 'left', 'do_not_contact'],
  left: ['contacted', 'member', 'do_not_contact'],
  // Only the shop itself lifts its refusal: the concierge puts it back to contact on its word.
  do_not_contact: ['prospect'],
};

export const SHOP_STAGES: readonly ShopStage[] = statusesOf(STAGE_TRANSITIONS);

/** Stages a shop only reaches with a reason from EXIT_REASONS (and a note when « autre »). */
export const EXIT_STAGES: readonly ShopStage[] = ['inactive', 'left', 'do_not_contact'];

/** Why a shop leaves, pauses, refuses or declines; labels under `crm.reason.<code>`. */
export const EXIT_REASONS = [
  'not_interested',
  'no_time',
  'commission_too_high',
  'chain',
  'closed',
  'moved',
  'not_online',
  'other',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export function needsReason(to: ShopStage): boolean {
  return EXIT_STAGES.includes(to);
}

/** « Autre » says nothing by itself: it asks for a note. */
export function reasonNeedsNote(reason: ExitReason | null): boolean {
  return reason === 'other';
}

/** Why a shop reached an exit stage, as the stage form sends it. */
export interface StageExit {
  reason: ExitReason;
  note: string;
}


/** The status columns of the shops area and their tables. */
export const SHOPS_STATUS_TABLES = {
  'shops.stage': STAGE_TRANSITIONS,
} as const satisfies StatusTables;

export function isPublicStage(stage: string): boolean {
  return stage === 'member';
}

/** The button that moves a shop to `to`, named from where it stands (joining vs coming back). */
export function stageMoveLabelKey(from: ShopStage, to: ShopStage): string {
  if (to === 'member') return from === 'prospect' || from === 'contacted' || from === 'in_talks' ? 'shops.move.validate' : 'shops.move.reactivate';
  return `shops.move.${to}`;
}

/** Strips the spaces people type between groups of digits: "123 456 789 01234" → "12345678901234". */
export function normaliseSiret(input: string): string {
  return input.replace(/[\s.]/g, '');
}

/** Luhn check over the 14 digits; La Poste's establishments (SIREN 356000000) use a digit sum multiple of 5. */
export function isValidSiret(input: string): boolean {
  const siret = input.replace(/\s/g, '');
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000')) {
    const sum = [...siret].reduce((total, digit) => total + Number(digit), 0);
    return sum % 5 === 0;
  }
  let sum = 0;
  for (let index = 0; index < 14; index += 1) {
    let digit = Number(siret[index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** "12345678901234" → "123 456 789 01234" for display. */
export function formatSiret(siret: string): string {
  return siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A weekly opening range, local time; weekday 1 = Monday … 7 = Sunday. */
export interface OpeningRange {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export function isValidRange(range: OpeningRange): boolean {
  return range.weekday >= 1 && range.weekday <= 7 && TIME.test(range.opensAt) && TIME.test(range.closesAt) && range.opensAt < range.closesAt;
}

/** Ranges of one day must not overlap; sorted by day and time. */
export function normaliseRanges(ranges: OpeningRange[]): OpeningRange[] | undefined {
  const sorted = [...ranges].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt));
  for (let index = 1; index < sorted.length; index += 1) {
    const previous = sorted[index - 1];
    if (previous.weekday === sorted[index].weekday && sorted[index].opensAt < previous.closesAt) return undefined;
  }
  return sorted;
}

/**
 * A week of opening hours as the storefront shows it, Monday first, every day listed:
 * [{ day: 'lundi', text: '9 h – 12 h, 14 h 30 – 19 h' }, …, { day: 'dimanche', text: 'fermé' }].
 */
export function formatOpeningHours(ranges: readonly OpeningRange[]): Array<{ day: string; text: string }> {
  const days: Array<{ day: string; text: string }> = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    const ofDay = ranges
      .filter((range) => range.weekday === weekday)
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
      .map((range) => formatClockRange(range.opensAt, range.closesAt));
    days.push({ day: weekdayName(weekday), text: ofDay.length > 0 ? ofDay.join(', ') : t('shops.hours.closed_lower') });
  }
  return days;
}

// ---- the opening-hours form: up to two ranges a day, e.g. 09:00–12:00 and 14:30–19:00 ----

export const RANGES_PER_DAY = 2;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Name of one time input of the hours form: `d1_opens_1` is Monday's first opening time. */
export function hoursFieldName(weekday: number, slot: number, end: 'opens' | 'closes'): string {
  return `d${weekday}_${end}_${slot}`;
}

export type HoursErrors = Record<string, MessageKey>;

interface DayRange extends OpeningRange {
  slot: number;
}

const HOURS_MESSAGES: TimeRangeMessages = {
  opensMissing: 'shops.hours.error.opens_missing',
  closesMissing: 'shops.hours.error.closes_missing',
  order: 'shops.hours.error.order',
};

function readSlot(values: Record<string, string | undefined>, weekday: number, slot: number, errors: HoursErrors): DayRange | undefined {
  const fields = { opens: hoursFieldName(weekday, slot, 'opens'), closes: hoursFieldName(weekday, slot, 'closes') };
  const range = readTimeRange(values, fields, HOURS_MESSAGES, errors);
  return range && { weekday, slot, ...range };
}

/**
 * Reads the hours form. Each problem is reported on the field to correct: a missing or
 * malformed time on itself, a closing time before the opening on the closing time, an
 * overlap on the later range's opening time. A day with no time is closed.
 */
export function readHoursForm(values: Record<string, string | undefined>): { ranges: OpeningRange[]; errors: HoursErrors } {
  const errors: HoursErrors = {};
  const ranges: OpeningRange[] = [];
  for (const weekday of WEEKDAYS) {
    const day: DayRange[] = [];
    for (let slot = 1; slot <= RANGES_PER_DAY; slot += 1) {
      const range = readSlot(values, weekday, slot, errors);
      if (range) day.push(range);
    }
    day.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
    for (let index = 1; index < day.length; index += 1) {
      if (day[index].opensAt < day[index - 1].closesAt) {
        const later = day[index].slot > day[index - 1].slot ? day[index] : day[index - 1];
        errors[hoursFieldName(weekday, later.slot, 'opens')] = 'shops.hours.error.overlap';
      }
    }
    ranges.push(...day.map(({ weekday: w, opensAt, closesAt }) => ({ weekday: w, opensAt, closesAt })));
  }
  return { ranges, errors };
}

/** The saved ranges as the form's values, each day's ranges in time order. */
export function hoursFormValues(ranges: readonly OpeningRange[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const weekday of WEEKDAYS) {
    const day = ranges.filter((range) => range.weekday === weekday).sort((a, b) => a.opensAt.localeCompare(b.opensAt));
    day.slice(0, RANGES_PER_DAY).forEach((range, index) => {
      values[hoursFieldName(weekday, index + 1, 'opens')] = range.opensAt;
      values[hoursFieldName(weekday, index + 1, 'closes')] = range.closesAt;
    });
  }
  return values;
}

/**
 * A latitude or longitude typed in a form ("43,515" or "43.515"): null when empty,
 * undefined when it is not a number within ±`limit` degrees.
 */
export function parseCoordinate(input: string | undefined, limit: 90 | 180): number | null | undefined {
  const text = (input ?? '').trim().replace(',', '.');
  if (text === '') return null;
  if (!/^-?\d{1,3}(\.\d{1,8})?$/.test(text)) return undefined;
  const value = Number(text);
  return Math.abs(value) <= limit ? value : undefined;
}

export interface NewMerchantAccessFacts {
  shopName: string;
  name: string;
  email: string;
  /** « jeudi 3 décembre à 10 h 05 », in the town's time zone. */
  when: string;
  who: string;
  phone: string;
}

/**
 * The mail to the shop's other merchants when an access is opened for it: such an access can
 * confirm a change of bank details, so the shop must know of every new one.
 */
export function newMerchantAccessMail(facts: NewMerchantAccessFacts): MailContent {
  return {
    subject: t('shops.accounts.mail.subject', { shop: facts.shopName }),
    paragraphs: [
      t('shops.accounts.mail.hello'),
      t('shops.accounts.mail.opened', { shop: facts.shopName, name: facts.name, email: facts.email, when: facts.when, who: facts.who }),
      t('shops.accounts.mail.why'),
      t('shops.accounts.mail.not_you', { phone: facts.phone }),
    ],
  };
}
