// Pure rules of the checkout pages: the steps in their order, and how a day's slots are
// grouped into parts of the day, so a resident picks « jeudi, midi, 12 h 30 » rather than
// one time among twenty-four.

/** The checkout's questions, one per page, in order; « Étape 2 sur 4 » counts them. */
export const CHECKOUT_STEPS = ['place', 'slot', 'payment', 'confirm'] as const;
export type CheckoutStep = (typeof CHECKOUT_STEPS)[number];

export function stepNumber(step: CheckoutStep): { number: number; count: number } {
  return { number: CHECKOUT_STEPS.indexOf(step) + 1, count: CHECKOUT_STEPS.length };
}

/** A part of the day, as people say when they plan to come. */
export type DayPart = 'morning' | 'noon' | 'afternoon' | 'evening';

/** Where each part of the day starts (local time, "HH:MM"); the first part starts at midnight. */
const DAY_PART_STARTS: ReadonlyArray<[DayPart, string]> = [
  ['evening', '18:00'],
  ['afternoon', '14:00'],
  ['noon', '12:00'],
  ['morning', '00:00'],
];

/** The part of the day a slot starting at `localTime` ("HH:MM") belongs to. */
export function dayPartOf(localTime: string): DayPart {
  return DAY_PART_STARTS.find(([, start]) => localTime >= start)![0];
}

/** Items of one day grouped by part of the day, in the order they come, without empty parts. */
export function groupByDayPart<T>(items: readonly T[], localTimeOf: (item: T) => string): Array<{ part: DayPart; items: T[] }> {
  const groups: Array<{ part: DayPart; items: T[] }> = [];
  for (const item of items) {
    const part = dayPartOf(localTimeOf(item));
    const last = groups[groups.length - 1];
    if (last?.part === part) last.items.push(item);
    else groups.push({ part, items: [item] });
  }
  return groups;
}

/** Days of slots open at once (they fit a phone's first screen); the following ones wait behind « Voir les jours suivants ». */
export const SLOT_DAYS_OPEN = 2;
/** Days of slots on one page in all: a week's choice without a month of radio buttons. */
export const SLOT_DAYS_ON_PAGE = 7;
