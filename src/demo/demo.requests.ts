// The demo town's service requests, told through the requests area's own use cases, as the
// concierge, the members and the providers' links would have made them: a year of finished
// requests (repairs handed back and paid, quotes accepted and done, appointments kept,
// questions answered — most rated, a few cancelled), then what is running on the seeding day:
// items at the counter and at the tailor's or the cobbler's, quote rounds waiting, appointments
// proposed and confirmed, questions to answer.
//
// The use cases stamp the clock. Each step therefore runs with the clock set at its own past
// instant (`atInstant`), so that every row — the request, its history, the item's moves, the
// order, its payment and hand-over — says when it happened, without writing any row by hand.
// This holds because the demo is seeded before anything is served (`npm start`, `npm run
// seed`, the tests of the seed), and the clock is set back afterwards.
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { AccountsTable, MembersTable } from '../db/schema.ts';
import { localDateOf, localToUtc } from '../platform/calendar.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { cancelRequest, confirmByProvider, markAppointmentDone, type RequestKind } from '../requests/index.ts';
import { DemoCalendar, Random } from './demo.random.ts';
import { ADVICE, APPOINTMENTS, CANCEL_REASONS, QUOTES, REPAIRS, SHELVES, type AdviceSubject, type RepairSubject } from './demo.requests.data.ts';
import { liveStories } from './demo.requests.live.ts';
import {
  acceptQuote,
  answer,
  ask,
  askQuotes,
  atInstant,
  backFromProvider,
  book,
  dayAt,
  daysLater,
  handBack,
  maybeRate,
  payAtCounter,
  plusMinutes,
  receiveQuote,
  takeIn,
  toProvider,
  workday,
  workDone,
  type Story,
  type Teller,
} from './demo.requests.steps.ts';

/** Finished requests spread over the year behind the seeding day. */
const HISTORY_COUNT = 120;
/** The oldest and the youngest start of a finished request, in days: the longest story (a quote done and paid) lasts under 25 days. */
const HISTORY_DAYS = [25, 360] as const;

export interface RequestsInput {
  config: Config;
  today: Date;
  concierge: CurrentAccount;
  members: readonly MembersTable[];
  /** Site accounts of members: who asks on the site and rates afterwards. */
  accounts: readonly AccountsTable[];
  demoResidentId: string;
  /** Every shop of the directory by trade name: the providers among them. */
  shopIds: ReadonlyMap<string, string>;
  /** The trade names of the member shops. */
  memberShops: ReadonlySet<string>;
}

// ---- a finished request of each kind ----

async function finishedRepair(teller: Teller, startAt: string, memberId: string): Promise<string> {
  const subject = teller.random.pick(REPAIRS);
  const id = await ask(teller, startAt, memberId, 'repair', subject.title, subject.item);
  const shelf = teller.random.pick(SHELVES);
  await takeIn(teller, plusMinutes(startAt, 5), id, subject, shelf);
  const sentAt = daysLater(teller, startAt, 1);
  await toProvider(teller, sentAt, id);
  const backAt = daysLater(teller, sentAt, teller.random.int(2, 8));
  await backFromProvider(teller, backAt, id, subject, teller.random.pick(SHELVES));
  const collectedAt = daysLater(teller, backAt, teller.random.int(1, 5));
  await handBack(teller, collectedAt, id);
  await maybeRate(teller, daysLater(teller, collectedAt, 1), id, memberId);
  return id;
}

async function finishedQuote(teller: Teller, startAt: string, memberId: string): Promise<string> {
  const subject = teller.random.pick(QUOTES.filter((quote) => quote.providers.every(teller.isMember)));
  const id = await ask(teller, startAt, memberId, 'quote', subject.title, subject.details);
  const quotes = await askQuotes(teller, plusMinutes(startAt, 60), id, subject);
  let answeredAt = startAt;
  for (const quote of quotes) {
    answeredAt = daysLater(teller, answeredAt, teller.random.int(1, 3));
    await receiveQuote(teller, answeredAt, id, quote.id, subject);
  }
  const acceptedAt = daysLater(teller, answeredAt, teller.random.int(1, 3));
  const chosen = teller.random.pick(quotes);
  await acceptQuote(teller, acceptedAt, id, chosen.id);
  const doneAt = daysLater(teller, acceptedAt, teller.random.int(3, 10));
  await workDone(teller, doneAt, id, chosen.id);
  const paidAt = daysLater(teller, doneAt, teller.random.int(1, 3));
  await payAtCounter(teller, paidAt, id);
  await maybeRate(teller, daysLater(teller, paidAt, 1), id, memberId);
  return id;
}

async function finishedAppointment(teller: Teller, startAt: string, memberId: string): Promise<string> {
  const subject = teller.random.pick(APPOINTMENTS);
  const id = await ask(teller, startAt, memberId, 'appointment', subject.title, subject.details);
  const date = workday(localDateOf(startAt, teller.config.timeZone), teller.random.int(2, 7));
  const { appointmentId, token } = await book(teller, plusMinutes(startAt, 45), id, subject, date);
  await atInstant(plusMinutes(startAt, 240), () => confirmByProvider(teller.db, teller.config, appointmentId, token));
  const endsAt = plusMinutes(localToUtc(date, subject.time, teller.config.timeZone)!, subject.durationMinutes + 90);
  await atInstant(endsAt, () => markAppointmentDone(teller.db, teller.config, teller.concierge, id));
  await maybeRate(teller, daysLater(teller, endsAt, 1), id, memberId);
  return id;
}

async function finishedAdvice(teller: Teller, startAt: string, memberId: string): Promise<string> {
  const subject = teller.random.pick(ADVICE);
  const id = await ask(teller, startAt, memberId, 'advice', subject.title, subject.details);
  const answeredAt = plusMinutes(startAt, teller.random.int(30, 26 * 60));
  await answer(teller, answeredAt, id, subject);
  await maybeRate(teller, daysLater(teller, answeredAt, 1), id, memberId);
  return id;
}

/** Given up before anything started: by the conciergerie, with the member's reason. */
async function cancelled(teller: Teller, startAt: string, memberId: string): Promise<void> {
  const kind = teller.random.pick<RequestKind>(['quote', 'appointment', 'advice']);
  const subject = kind === 'quote' ? teller.random.pick(QUOTES) : kind === 'appointment' ? teller.random.pick(APPOINTMENTS) : teller.random.pick(ADVICE);
  const id = await ask(teller, startAt, memberId, kind, subject.title, subject.details);
  await atInstant(daysLater(teller, startAt, 1), () => cancelRequest(teller.db, teller.config, teller.concierge, id, teller.random.pick(CANCEL_REASONS)));
}

const FINISHED: ReadonlyArray<(teller: Teller, startAt: string, memberId: string) => Promise<unknown>> = [
  ...Array<typeof finishedRepair>(9).fill(finishedRepair),
  ...Array<typeof finishedQuote>(4).fill(finishedQuote),
  ...Array<typeof finishedAppointment>(4).fill(finishedAppointment),
  ...Array<typeof finishedAdvice>(4).fill(finishedAdvice),
  cancelled,
];

function historyStories(teller: Teller, memberIds: readonly string[], demoResidentId: string): Story[] {
  const withAccount = memberIds.filter((id) => teller.accounts.has(id));
  const stories: Story[] = Array.from({ length: HISTORY_COUNT }, () => {
    const tell = teller.random.pick(FINISHED);
    // Most of the year's requests come from members with a site account: they mark the service afterwards.
    const memberId = teller.random.chance(0.75) ? teller.random.pick(withAccount) : teller.random.pick(memberIds);
    return { startAt: dayAt(teller, teller.random.int(...HISTORY_DAYS)), tell: (t: Teller, at: string) => tell(t, at, memberId).then(() => undefined) };
  });
  // The demo resident's own past: a coat altered and an answered question, both left to rate.
  stories.push({ startAt: dayAt(teller, 60), tell: async (t, at) => void (await finishedRepairOf(t, at, demoResidentId, REPAIRS[0])) });
  stories.push({ startAt: dayAt(teller, 40), tell: async (t, at) => void (await answeredOf(t, at, demoResidentId, ADVICE[1])) });
  return stories;
}

async function finishedRepairOf(teller: Teller, startAt: string, memberId: string, subject: RepairSubject): Promise<void> {
  const id = await ask(teller, startAt, memberId, 'repair', subject.title, subject.item);
  await takeIn(teller, plusMinutes(startAt, 5), id, subject, 'A1');
  await toProvider(teller, daysLater(teller, startAt, 1), id);
  await backFromProvider(teller, daysLater(teller, startAt, 5), id, subject, 'B2');
  await handBack(teller, daysLater(teller, startAt, 7), id);
}

async function answeredOf(teller: Teller, startAt: string, memberId: string, subject: AdviceSubject): Promise<void> {
  const id = await ask(teller, startAt, memberId, 'advice', subject.title, subject.details);
  await answer(teller, plusMinutes(startAt, 90), id, subject);
}

function tellerOf(db: Db, input: RequestsInput): Teller {
  const accounts = new Map(
    input.accounts
      .filter((row) => row.member_id !== null)
      .map((row): [string, CurrentAccount] => [row.member_id!, { id: row.id, email: row.email, role: 'resident', displayName: row.display_name, shopId: null, memberId: row.member_id }]),
  );
  const shopId = (name: string): string => {
    const id = input.shopIds.get(name);
    if (!id) throw new Error(`demo: no provider « ${name} »`);
    return id;
  };
  return { db, config: input.config, concierge: input.concierge, random: new Random('requests'), calendar: new DemoCalendar(input.today), todayAt: input.today.toISOString(), accounts, shopId, isMember: (name: string) => input.memberShops.has(name) };
}

/** Tells the demo town's requests: a year behind, and what runs on the seeding day. */
export async function seedDemoRequests(db: Db, input: RequestsInput): Promise<number> {
  const teller = tellerOf(db, input);
  const memberIds = input.members.map((member) => member.id).filter((id) => id !== input.demoResidentId);
  const stories = [...historyStories(teller, memberIds, input.demoResidentId), ...liveStories(teller, memberIds, input.demoResidentId)];
  stories.sort((a, b) => (a.startAt < b.startAt ? -1 : a.startAt > b.startAt ? 1 : 0));
  for (const story of stories) await story.tell(teller, story.startAt);
  return stories.length;
}
