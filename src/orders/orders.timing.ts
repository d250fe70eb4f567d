// When an order can be collected at the earliest. Each shop's part leaves the shop with a
// collection round (the tricycle leaves at fixed local times, e.g. 10:30 and 16:30): the first
// round after the lines' lead time, on a day and at a time the shop is open, with enough
// notice for the merchant to prepare. Goods are stored at the counter a fixed time after the
// round leaves; the member's slot starts no earlier than the last shop's goods arrive.
// Round times are local times in the town's zone, so a daylight-saving change never moves them.
import { localDateOf, localToUtc, type OpeningRange } from '../places/index.ts';

/** A shop needs this much notice to have an in-stock order ready for a round. */
export const PREPARATION_MINUTES = 60;
/** How far ahead a round is looked for before a shop is declared unreachable. */
export const ROUND_SEARCH_DAYS = 28;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface TimingSettings {
  /** Local departure times of the collection round, "HH:MM". */
  roundTimes: readonly string[];
  /** Minutes from a round's departure until its goods are at the counter. */
  roundMinutes: number;
  timeZone: string;
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addLocalDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOfDate(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whether a shop is open at a local time of a weekday; a shop that gave no hours is taken as open. */
export function isShopOpenAt(hours: readonly OpeningRange[], weekday: number, time: string): boolean {
  if (hours.length === 0) return true;
  return hours.some((range) => range.weekday === weekday && range.opensAt <= time && time < range.closesAt);
}

/**
 * The departure (UTC instant) of the first round that can fetch goods ready `leadTimeDays`
 * days after `nowAt` from a shop with these hours; undefined when none in ROUND_SEARCH_DAYS.
 */
export function collectionRoundFor(nowAt: string, leadTimeDays: number, hours: readonly OpeningRange[], settings: TimingSettings): string | undefined {
  const today = localDateOf(nowAt, settings.timeZone);
  const earliestMs = Date.parse(nowAt) + PREPARATION_MINUTES * MINUTE_MS;
  const times = [...settings.roundTimes].sort();
  for (let offset = leadTimeDays; offset <= leadTimeDays + ROUND_SEARCH_DAYS; offset += 1) {
    const date = addLocalDays(today, offset);
    const weekday = weekdayOfDate(date);
    for (const time of times) {
      if (!isShopOpenAt(hours, weekday, time)) continue;
      const at = localToUtc(date, time, settings.timeZone);
      if (at && Date.parse(at) >= earliestMs) return at;
    }
  }
  return undefined;
}

export interface PlannedLine {
  shopId: string;
  leadTimeDays: number;
}

export type CollectionPlan =
  | { ok: true; rounds: Map<string, string>; notBeforeAt: string }
  /** No round reaches this shop: its lines cannot be ordered now. */
  | { ok: false; shopId: string };

/** The round of each shop (its longest lead time decides) and the earliest collection instant. */
export function planCollection(
  nowAt: string,
  lines: readonly PlannedLine[],
  hoursOf: ReadonlyMap<string, readonly OpeningRange[]>,
  settings: TimingSettings,
): CollectionPlan {
  const leadOf = new Map<string, number>();
  for (const line of lines) leadOf.set(line.shopId, Math.max(leadOf.get(line.shopId) ?? 0, line.leadTimeDays));
  const rounds = new Map<string, string>();
  let latestMs = Date.parse(nowAt);
  for (const [shopId, lead] of leadOf) {
    const round = collectionRoundFor(nowAt, lead, hoursOf.get(shopId) ?? [], settings);
    if (!round) return { ok: false, shopId };
    rounds.set(shopId, round);
    latestMs = Math.max(latestMs, Date.parse(round) + settings.roundMinutes * MINUTE_MS);
  }
  return { ok: true, rounds, notBeforeAt: new Date(latestMs).toISOString() };
}
