// The yearly review's rules: the life of a request (its status table), the steps of its
// building with the progress each stands for, which years may be asked for, the trend of a
// figure against the year before, and the highlights of a year put into sentences. Pure.
import type { StatusTables, Transitions } from '../../platform/transitions.ts';

/** Where a request for a yearly review stands. */
export type ReviewStatus =
  /** asked for; waiting for the job to take it */
  | 'queued'
  /** a process is building it; its progress says how far */
  | 'running'
  /** built: its PDF is ready to download */
  | 'done'
  /** the building failed; asking again makes a new request */
  | 'failed';

export const REVIEW_TRANSITIONS: Transitions<ReviewStatus> = {
  queued: ['running', 'failed'],
  // running → running: a run whose process died (its lease lapsed) is taken up by another.
  running: ['running', 'done', 'failed'],
  done: [],
  failed: [],
};

export const REVIEW_STATUS_TABLES = {
  'yearly_reviews.status': REVIEW_TRANSITIONS,
} as const satisfies StatusTables;

/** A request still on its way to a file: the page refreshes itself while it is. */
export function isUnderWay(status: ReviewStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** The steps of building a review, in order, with the progress reached when each starts. */
export const REVIEW_STEPS = [
  ['figures', 10],
  ['previous', 35],
  ['charts', 60],
  ['writing', 80],
  ['saving', 95],
] as const;

export type ReviewStep = (typeof REVIEW_STEPS)[number][0];

export function progressOf(step: ReviewStep): number {
  return REVIEW_STEPS.find(([name]) => name === step)![1];
}

/** The first year a review may be asked for: before it the conciergerie did not exist. */
export const FIRST_YEAR = 2000;

/** A year typed on the page: four digits, from FIRST_YEAR to the current year; undefined otherwise. */
export function readYear(input: string, currentYear: number): number | undefined {
  const trimmed = input.trim();
  if (!/^\d{4}$/.test(trimmed)) return undefined;
  const year = Number(trimmed);
  return year >= FIRST_YEAR && year <= currentYear ? year : undefined;
}

// ---- trends ----

export type TrendDirection = 'up' | 'down' | 'same' | 'new' | 'none';

export interface Trend {
  direction: TrendDirection;
  /** Whole percent, rounded half away from zero; null when there is nothing to compare with. */
  percent: number | null;
}

/** The change of a figure from the year before: « + 12 % », « − 5 % », same, new (nothing before), none (nothing either year). */
export function trendOf(current: number, previous: number): Trend {
  if (previous === 0) return current === 0 ? { direction: 'none', percent: null } : { direction: 'new', percent: null };
  const ratio = ((current - previous) / previous) * 100;
  const percent = Math.sign(ratio) * Math.round(Math.abs(ratio));
  if (percent === 0) return { direction: 'same', percent: 0 };
  return { direction: percent > 0 ? 'up' : 'down', percent };
}

// ---- the year's figures, as the review reads them ----

export interface ReviewMonth {
  /** YYYY-MM */
  month: string;
  orders: number;
  /** Goods sold by the shops (services apart). */
  goodsCents: number;
  servicesCents: number;
}

export interface ReviewCategory {
  label: string;
  salesCents: number;
}

export interface ReviewShopEvent {
  name: string;
  /** Local date. */
  date: string;
  /** Why it left (the stage's reason), in words; null when joining. */
  reason: string | null;
}

export interface ReviewVehicle {
  name: string;
  runs: number;
  metres: number;
}

export interface ReviewCampaign {
  name: string;
  targeted: number;
  joined: number;
  declined: number;
}

/** Everything a year's review shows: the dashboard's figures for the year, and what happened in it. */
export interface ReviewYear {
  year: number;
  members: { total: number; active: number; newInYear: number };
  /** Member shops and all local shops as they stand now (the stages have no history before the CRM's); those that joined in the year. */
  shops: { members: number; all: number; joinedInYear: number };
  months: readonly ReviewMonth[];
  /** Goods only, per member who ordered in the year. */
  basketPerMemberCents: number;
  basketPerOrderCents: number;
  commissionCents: number;
  budgetCents: number;
  /** Delivery runs and their distance, by vehicle name (« Triporteur », « Fourgonnette »). */
  vehicles: readonly ReviewVehicle[];
  serviceRequests: number;
  repairsDone: number;
  categories: readonly ReviewCategory[];
  shopsJoined: readonly ReviewShopEvent[];
  shopsLeft: readonly ReviewShopEvent[];
  campaigns: readonly ReviewCampaign[];
}

/** A year with nothing in it: twelve empty months, the budget apart. */
export function emptyReviewYear(year: number, budgetCents = 0): ReviewYear {
  return {
    year,
    members: { total: 0, active: 0, newInYear: 0 },
    shops: { members: 0, all: 0, joinedInYear: 0 },
    months: Array.from({ length: 12 }, (_, index) => ({ month: `${year}-${String(index + 1).padStart(2, '0')}`, orders: 0, goodsCents: 0, servicesCents: 0 })),
    basketPerMemberCents: 0,
    basketPerOrderCents: 0,
    commissionCents: 0,
    budgetCents,
    vehicles: [],
    serviceRequests: 0,
    repairsDone: 0,
    categories: [],
    shopsJoined: [],
    shopsLeft: [],
    campaigns: [],
  };
}

export function ordersOf(year: ReviewYear): number {
  return year.months.reduce((sum, month) => sum + month.orders, 0);
}

export function goodsOf(year: ReviewYear): number {
  return year.months.reduce((sum, month) => sum + month.goodsCents, 0);
}

export function servicesOf(year: ReviewYear): number {
  return year.months.reduce((sum, month) => sum + month.servicesCents, 0);
}

/** A year in which nothing was recorded: no order, no service request, no run, no member joining. */
export function isQuietYear(year: ReviewYear): boolean {
  return ordersOf(year) === 0 && year.serviceRequests === 0 && year.vehicles.every((vehicle) => vehicle.runs === 0) && year.members.newInYear === 0 && year.shops.joinedInYear === 0;
}

/** The month with the most goods sold (the earliest on a tie); undefined when nothing sold. */
export function biggestMonth(year: ReviewYear): ReviewMonth | undefined {
  let best: ReviewMonth | undefined;
  for (const month of year.months) if (month.goodsCents > 0 && (!best || month.goodsCents > best.goodsCents)) best = month;
  return best;
}

/** The categories that sold most, at most `count`, the biggest first. */
export function bestCategories(year: ReviewYear, count = 3): ReviewCategory[] {
  return [...year.categories].filter((category) => category.salesCents > 0).sort((a, b) => b.salesCents - a.salesCents || a.label.localeCompare(b.label, 'fr')).slice(0, count);
}

/** Share of the yearly budget the commission covers, in whole percent. */
export function budgetShare(year: ReviewYear): number | null {
  return year.budgetCents > 0 ? Math.round((year.commissionCents / year.budgetCents) * 100) : null;
}
