// The health of a member shop: a few figures as of an instant, and the alert rules read from
// them. The rules are data (a table), so adding one is one line and the job, the list page and
// the shop's panel all follow.
//
// Words:
// - orders: purchase orders the shop received, whatever their fate but cancellation by the
//   member (a refused order was still an order that reached the shop);
// - sales: goods sold, in cents: lines still ordered, of purchase orders neither refused,
//   cancelled nor returned;
// - refusal rate: refused lines / lines, over 12 weeks, in basis points;
// - time to prepare: from « acceptée » to « prête », the median over 12 weeks, in minutes.
import type { Cents } from '../../platform/money.ts';

export const WEEK_SECONDS = 7 * 24 * 3600;

export interface HealthFigures {
  shopId: string;
  tradeName: string;
  /** When the shop became a member: a new member is not « without orders » from its first day. */
  joinedAt: string | null;
  offersOnline: number;
  /** The latest change of an offer shown online; null without one. */
  lastOfferUpdateAt: string | null;
  orders4w: number;
  orders12w: number;
  /** The latest order ever received (before the instant); null without one. */
  lastOrderAt: string | null;
  salesCents12w: Cents;
  lines12w: number;
  refusedLines12w: number;
  /** Median minutes (whole) from accepted to ready over 12 weeks; null when no order was prepared. */
  medianPrepMinutes: number | null;
}

export interface HealthSettings {
  noOrderWeeks: number;
  staleOfferMonths: number;
}

/** « Many refusals »: at least this share of at least this many lines over 12 weeks. */
export const REFUSAL_ALERT = { rateBp: 3000, minLines: 5 } as const;

export type AlertCode = 'no_offer_online' | 'no_order' | 'many_refusals' | 'stale_offers';

export interface AlertRule {
  code: AlertCode;
  /** The message key of the reason, written in the task's title and on the pages. */
  labelKey: `health.alert.${AlertCode}`;
  test: (figures: HealthFigures, settings: HealthSettings, nowAt: string) => boolean;
}

/** Refused lines per 10 000 lines; null without lines. */
export function refusalRateBp(figures: Pick<HealthFigures, 'lines12w' | 'refusedLines12w'>): number | null {
  return figures.lines12w === 0 ? null : Math.round((figures.refusedLines12w * 10_000) / figures.lines12w);
}

/** The instant `months` calendar months before `at` (the 31st falls back to the month's last day). */
export function monthsBefore(at: string, months: number): string {
  const date = new Date(at);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.toISOString();
}

export function weeksBefore(at: string, weeks: number): string {
  return new Date(Date.parse(at) - weeks * WEEK_SECONDS * 1000).toISOString();
}

export const ALERT_RULES: readonly AlertRule[] = [
  { code: 'no_offer_online', labelKey: 'health.alert.no_offer_online', test: (figures) => figures.offersOnline === 0 },
  {
    code: 'no_order',
    labelKey: 'health.alert.no_order',
    // Counted from the last order, or from joining for a shop that never had one.
    test: (figures, settings, nowAt) => {
      const since = figures.lastOrderAt ?? figures.joinedAt;
      return since !== null && since < weeksBefore(nowAt, settings.noOrderWeeks);
    },
  },
  {
    code: 'many_refusals',
    labelKey: 'health.alert.many_refusals',
    test: (figures) => figures.lines12w >= REFUSAL_ALERT.minLines && (refusalRateBp(figures) ?? 0) >= REFUSAL_ALERT.rateBp,
  },
  {
    code: 'stale_offers',
    labelKey: 'health.alert.stale_offers',
    test: (figures, settings, nowAt) => figures.lastOfferUpdateAt !== null && figures.lastOfferUpdateAt < monthsBefore(nowAt, settings.staleOfferMonths),
  },
];

/** The rules a shop trips, in the table's order. */
export function alertsOf(figures: HealthFigures, settings: HealthSettings, nowAt: string): AlertRule[] {
  return ALERT_RULES.filter((rule) => rule.test(figures, settings, nowAt));
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A shop's figures with the alerts they trip. */
export interface ShopHealth {
  figures: HealthFigures;
  alerts: AlertRule[];
}

/** How the list page can be sorted (the words are the query string's). */
export type HealthSort = 'alertes' | 'nom' | 'commandes' | 'ventes' | 'refus';
