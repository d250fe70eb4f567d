// Rules of a visitor's request to join (« Je ne suis pas encore adhérent »), without I/O: the
// statuses a request moves through and the short basket number read out on the phone.
import type { StatusTables, Transitions } from '../../platform/transitions.ts';

/** Where a request stands. */
export type MembershipRequestStatus =
  /** waits for the concierge's call */
  | 'open'
  /** its basket went into the new member's phone order */
  | 'taken_up'
  /** filed: handled, or nothing to do */
  | 'closed';

export const MEMBERSHIP_REQUEST_TRANSITIONS: Transitions<MembershipRequestStatus> = {
  open: ['taken_up', 'closed'],
  taken_up: ['closed'],
  closed: [],
};

/** The status column of membership requests and its table. */
export const MEMBERSHIP_STATUS_TABLES = {
  'membership_requests.status': MEMBERSHIP_REQUEST_TRANSITIONS,
} as const satisfies StatusTables;

/** Letters that cannot be taken for a digit or another letter on the phone (no I, O, Q…). */
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** How many basket numbers there are: 9 000 four-digit numbers times the letters. */
export const BASKET_NUMBER_COUNT = 9000 * LETTERS.length;

/** The basket number of an integer in [0, BASKET_NUMBER_COUNT): « 4821K ». */
export function basketNumberOf(index: number): string {
  const digits = 1000 + Math.floor(index / LETTERS.length);
  return `${digits}${LETTERS[index % LETTERS.length]}`;
}

/** A number as typed or said (« 4821 k », « 4821-K »), in its stored form; undefined when it is not one. */
export function parseBasketNumber(input: string): string | undefined {
  const compact = input.replace(/[\s\u00a0\u202f.-]/g, '').toUpperCase();
  return /^[1-9]\d{3}[A-Z]$/.test(compact) && LETTERS.includes(compact[4]) ? compact : undefined;
}

/** « 4821 K »: the digits, then the letter apart, as it is read out. */
export function formatBasketNumber(number: string): string {
  return `${number.slice(0, 4)}\u00a0${number.slice(4)}`;
}

/** The basket a request keeps: apart from the visitor's own, which is forgotten with their session. */
export function requestBasketKey(requestId: string): string {
  return `adhesion:${requestId}`;
}

/** A full name split for the member form: the first word as first name, the rest as last name. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { firstName: '', lastName: words[0] ?? '' };
  return { firstName: words[0], lastName: words.slice(1).join(' ') };
}
