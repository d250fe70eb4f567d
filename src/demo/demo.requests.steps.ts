// The steps of the demo's requests: each one use case of the requests area (or the counter's
// hand-over), run with the clock at the step's own instant (`atInstant`, see demo.requests.ts).
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { handOver, type CounterPaymentMethod } from '../orders/index.ts';
import { addDays, localDateOf } from '../platform/calendar.ts';
import { nowMs, startClockAt } from '../platform/clock.ts';
import { newIdempotencyKey } from '../platform/idempotency/index.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import {
  acceptByPhone,
  answerAdvice,
  appointmentSummary,
  askForService,
  askProviders,
  backAtCounter,
  bookAppointment,
  handBackItem,
  markWorkDone,
  providerLink,
  rateService,
  sendQuote,
  sendToProvider,
  takeInItem,
  type RequestKind,
} from '../requests/index.ts';
import { weekdayOf } from './demo.orders.context.ts';
import type { DemoCalendar, Random } from './demo.random.ts';
import { RATING_NOTES, type AdviceSubject, type AppointmentSubject, type QuoteSubject, type RepairSubject } from './demo.requests.data.ts';
import { orderOfRequest, purchaseOrdersOf, quotesOfRequest } from './demo.requests.repository.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface Teller {
  db: Db;
  config: Config;
  concierge: CurrentAccount;
  random: Random;
  calendar: DemoCalendar;
  /** The seeding instant: nothing of the past happens after it. */
  todayAt: string;
  accounts: ReadonlyMap<string, CurrentAccount>;
  shopId: (name: string) => string;
  /** Whether the shop is a member of the conciergerie: only members' work is sold (and paid out). */
  isMember: (name: string) => boolean;
}

/** A request told from its first instant: the stories are told in the order they began, so numbers follow time. */
export interface Story {
  startAt: string;
  tell: (teller: Teller, startAt: string) => Promise<void>;
}

// ---- the clock ----

/**
 * Runs `work` as if it were `instant`. The offset of the clock before (a test's CLOCK_START, or
 * none) is put back after; under a second of offset is the machine's own clock.
 */
export async function atInstant<T>(instant: string, work: () => Promise<T>): Promise<T> {
  const offsetMs = nowMs() - Date.now();
  startClockAt(instant);
  try {
    return await work();
  } finally {
    startClockAt(Math.abs(offsetMs) < 1000 ? undefined : new Date(Date.now() + offsetMs).toISOString());
  }
}

export function plusMinutes(at: string, minutes: number): string {
  return new Date(Date.parse(at) + minutes * MINUTE_MS).toISOString();
}

/** A working-hours instant `daysAgo` days before the seeding day (7:30–15:30 UTC), never after the seeding instant. */
export function dayAt(teller: Teller, daysAgo: number): string {
  const at = new Date(teller.calendar.todayMs - daysAgo * DAY_MS + teller.random.int(450, 930) * MINUTE_MS).toISOString();
  return at < teller.todayAt ? at : plusMinutes(teller.todayAt, -60);
}

/** `days` later, at a working hour of that day. */
export function daysLater(teller: Teller, at: string, days: number): string {
  const dayStart = Math.floor(Date.parse(at) / DAY_MS) * DAY_MS + days * DAY_MS;
  const later = new Date(dayStart + teller.random.int(450, 930) * MINUTE_MS).toISOString();
  return later > at ? later : plusMinutes(at, 30);
}

// ---- the steps, each a use case at its instant ----

export async function ask(teller: Teller, at: string, memberId: string, kind: RequestKind, title: string, details: string): Promise<string> {
  const account = teller.accounts.get(memberId);
  const onSite = account !== undefined && kind !== 'repair' && teller.random.chance(0.4);
  const input = { kind, title, details, memberId, channel: kind === 'repair' ? ('counter' as const) : ('phone' as const) };
  return atInstant(at, () => askForService(teller.db, teller.config, onSite ? account : teller.concierge, input, newIdempotencyKey()));
}

type BonusCode = Parameters<typeof takeInItem>[4]['bonusCode'];

export async function takeIn(teller: Teller, at: string, requestId: string, subject: RepairSubject, shelf: string): Promise<void> {
  const input = { description: subject.item, providerShopId: teller.shopId(subject.provider), shelf, agreedPriceCents: subject.priceCents, bonusEligible: false, bonusCode: subject.bonusCode as BonusCode };
  await atInstant(at, () => takeInItem(teller.db, teller.config, teller.concierge, requestId, input, newIdempotencyKey()));
}

export async function toProvider(teller: Teller, at: string, requestId: string): Promise<void> {
  await atInstant(at, () => sendToProvider(teller.db, teller.config, teller.concierge, requestId));
}

export async function backFromProvider(teller: Teller, at: string, requestId: string, subject: RepairSubject, shelf: string): Promise<void> {
  await atInstant(at, () => backAtCounter(teller.db, teller.config, teller.concierge, requestId, { shelf, finalPriceCents: subject.priceCents }, newIdempotencyKey()));
}

/** The member pays the request's order at the counter and takes it. */
export async function payAtCounter(teller: Teller, at: string, requestId: string): Promise<void> {
  const orderId = await orderOfRequest(teller.db, requestId);
  if (!orderId) throw new Error(`demo: request ${requestId} has no order`);
  const ids = (await purchaseOrdersOf(teller.db, orderId)).map((po) => po.id);
  const method: CounterPaymentMethod = teller.random.pick(['card', 'card', 'cash', 'cheque']);
  await atInstant(at, () => handOver(teller.db, teller.concierge, orderId, { purchaseOrderIds: ids, shownIds: ids, method }, newIdempotencyKey()));
}

export async function handBack(teller: Teller, at: string, requestId: string): Promise<void> {
  await payAtCounter(teller, at, requestId);
  await atInstant(plusMinutes(at, 2), () => handBackItem(teller.db, teller.config, teller.concierge, requestId));
}

export async function askQuotes(teller: Teller, at: string, requestId: string, subject: QuoteSubject): Promise<Array<{ id: string; shopId: string }>> {
  const providerIds = subject.providers.map(teller.shopId);
  await atInstant(at, () => askProviders(teller.db, teller.config, teller.concierge, requestId, { providerIds, shareContact: true }, newIdempotencyKey()));
  return quotesOfRequest(teller.db, requestId);
}

/** A provider's quote, typed in by the concierge from its call or its mail; valid a month. */
export async function receiveQuote(teller: Teller, at: string, requestId: string, quoteId: string, subject: QuoteSubject): Promise<void> {
  const amountCents = Math.round(teller.random.int(subject.fromCents, subject.toCents) / 500) * 500;
  const validUntilDate = addDays(localDateOf(at, teller.config.timeZone), 30);
  const hand = { by: 'concierge' as const, actor: teller.concierge, requestId, quoteId };
  await atInstant(at, () => sendQuote(teller.db, teller.config, hand, { amountCents, vatRateBp: subject.vatRateBp, validUntilDate, note: '', pdf: null }));
}

export async function acceptQuote(teller: Teller, at: string, requestId: string, quoteId: string): Promise<void> {
  const phone = { who: teller.random.pick(['L’adhérente elle-même', 'L’adhérent lui-même', 'Sa fille, au téléphone', 'Son fils, au comptoir']), onDate: localDateOf(at, teller.config.timeZone) };
  await atInstant(at, () => acceptByPhone(teller.db, teller.config, teller.concierge, requestId, quoteId, phone, newIdempotencyKey()));
}

export async function workDone(teller: Teller, at: string, requestId: string, quoteId: string): Promise<void> {
  await atInstant(at, () => markWorkDone(teller.db, teller.config, { by: 'concierge', actor: teller.concierge, requestId, quoteId }));
}

/** The first Tuesday to Friday at least `daysAhead` days after `date`: every demo provider works then. */
export function workday(date: string, daysAhead: number): string {
  let day = addDays(date, daysAhead);
  while (![2, 3, 4, 5].includes(weekdayOf(day))) day = addDays(day, 1);
  return day;
}

/** Books the appointment; returns the provider's link token, as its mail carries it. */
export async function book(teller: Teller, at: string, requestId: string, subject: AppointmentSubject, date: string): Promise<{ appointmentId: string; token: string }> {
  const input = { providerShopId: teller.shopId(subject.provider), date, time: subject.time, durationMinutes: subject.durationMinutes };
  const appointmentId = await atInstant(at, () => bookAppointment(teller.db, teller.config, teller.concierge, requestId, input, newIdempotencyKey()));
  const summary = await appointmentSummary(teller.db, requestId);
  const link = providerLink(teller.config, { id: appointmentId, sequence: summary?.appointment.sequence ?? 0 });
  return { appointmentId, token: new URL(link).pathname.split('/').at(-1) ?? '' };
}

export async function answer(teller: Teller, at: string, requestId: string, subject: AdviceSubject): Promise<void> {
  await atInstant(at, () => answerAdvice(teller.db, teller.config, teller.concierge, requestId, subject.answer, subject.suggested.map(teller.shopId)));
}

/** Most members mark the service, mostly 4 or 5; only those with a site account can. */
export async function maybeRate(teller: Teller, at: string, requestId: string, memberId: string): Promise<void> {
  const account = teller.accounts.get(memberId);
  if (!account || !teller.random.chance(0.85)) return;
  const rating = teller.random.pick([5, 5, 5, 5, 4, 4, 4, 3, 2]);
  const note = teller.random.pick(RATING_NOTES) || null;
  await atInstant(at, () => rateService(teller.db, account, requestId, rating, note));
}

