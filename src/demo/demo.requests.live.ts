// What runs on the demo's seeding day: items at the counter on several shelves (just taken in,
// or back from the provider with their price and order, ready to collect), items at the
// tailor's and the cobbler's, quote rounds waiting on providers or on the member (the demo
// resident has two quotes to compare), a quote accepted with the work to do, appointments
// proposed, confirmed in the coming week (one for the demo resident) or declined, and
// questions to answer next to some answered this week.
import { localDateOf } from '../platform/calendar.ts';
import { declineByProvider, confirmByProvider } from '../requests/index.ts';
import { ADVICE, APPOINTMENTS, QUOTES, REPAIRS, type AppointmentSubject, type QuoteSubject, type RepairSubject } from './demo.requests.data.ts';
import { acceptQuote, answer, ask, askQuotes, atInstant, backFromProvider, book, dayAt, daysLater, plusMinutes, receiveQuote, takeIn, toProvider, workday, type Story, type Teller } from './demo.requests.steps.ts';

type Tell = (teller: Teller, startAt: string) => Promise<void>;

function repairTakenIn(memberId: string, subject: RepairSubject, shelf: string): Tell {
  return async (teller, startAt) => {
    const id = await ask(teller, startAt, memberId, 'repair', subject.title, subject.item);
    await takeIn(teller, plusMinutes(startAt, 5), id, subject, shelf);
  };
}

function repairAtProvider(memberId: string, subject: RepairSubject, shelf: string): Tell {
  return async (teller, startAt) => {
    const id = await ask(teller, startAt, memberId, 'repair', subject.title, subject.item);
    await takeIn(teller, plusMinutes(startAt, 5), id, subject, shelf);
    await toProvider(teller, daysLater(teller, startAt, 1), id);
  };
}

/** Back from the provider `backDaysAgo` days before the seeding day: its order waits at the counter. */
function repairReady(memberId: string, subject: RepairSubject, shelf: string, backDaysAgo: number): Tell {
  return async (teller, startAt) => {
    const id = await ask(teller, startAt, memberId, 'repair', subject.title, subject.item);
    await takeIn(teller, plusMinutes(startAt, 5), id, subject, 'A3');
    await toProvider(teller, daysLater(teller, startAt, 1), id);
    await backFromProvider(teller, dayAt(teller, backDaysAgo), id, subject, shelf);
  };
}

/** A round asked; `answers` of its providers answered, a day or two apart; `accept` takes the first. */
function quoteRound(memberId: string, subject: QuoteSubject, answers: number, accept = false): Tell {
  return async (teller, startAt) => {
    const id = await ask(teller, startAt, memberId, 'quote', subject.title, subject.details);
    const quotes = await askQuotes(teller, plusMinutes(startAt, 60), id, subject);
    let at = startAt;
    for (const quote of quotes.slice(0, answers)) {
      at = daysLater(teller, at, 2);
      await receiveQuote(teller, at, id, quote.id, subject);
    }
    if (accept) await acceptQuote(teller, daysLater(teller, at, 1), id, quotes[0].id);
  };
}

type Answer = 'none' | 'confirm' | 'decline';

/** Booked for the first Tuesday to Friday `daysAhead` days after the seeding day; the provider's link answers four hours later. */
function appointment(memberId: string, subject: AppointmentSubject, daysAhead: number, reply: Answer): Tell {
  return async (teller, startAt) => {
    const id = await ask(teller, startAt, memberId, 'appointment', subject.title, subject.details);
    const date = workday(localDateOf(teller.todayAt, teller.config.timeZone), daysAhead);
    const { appointmentId, token } = await book(teller, plusMinutes(startAt, 45), id, subject, date);
    const repliedAt = plusMinutes(startAt, 240);
    if (reply === 'confirm') await atInstant(repliedAt, () => confirmByProvider(teller.db, teller.config, appointmentId, token));
    if (reply === 'decline') await atInstant(repliedAt, () => declineByProvider(teller.db, teller.config, appointmentId, token, 'Je ne suis pas disponible ce jour-là ; la semaine suivante, oui.'));
  };
}

function question(memberId: string, subject: (typeof ADVICE)[number], answered: boolean): Tell {
  return async (teller, startAt) => {
    const id = await ask(teller, startAt, memberId, 'advice', subject.title, subject.details);
    if (answered) await answer(teller, plusMinutes(startAt, 120), id, subject);
  };
}

/** The requests running on the seeding day, each with the day it began. */
export function liveStories(teller: Teller, memberIds: readonly string[], demoResidentId: string): Story[] {
  const someone = (): string => teller.random.pick(memberIds);
  const plan: Array<[number, Tell]> = [
    [1, repairTakenIn(someone(), REPAIRS[1], 'A1')],
    [1, repairTakenIn(someone(), REPAIRS[7], 'A2')],
    [2, repairTakenIn(someone(), REPAIRS[4], 'B1')],
    [12, repairReady(someone(), REPAIRS[2], 'C1', 3)],
    [10, repairReady(someone(), REPAIRS[8], 'C1', 2)],
    [9, repairReady(someone(), REPAIRS[11], 'B2', 1)],
    [3, repairAtProvider(someone(), REPAIRS[9], 'A2')],
    [5, repairAtProvider(someone(), REPAIRS[12], 'A1')],
    [6, repairAtProvider(someone(), REPAIRS[3], 'B1')],
    [3, quoteRound(someone(), QUOTES[0], 0)],
    [2, quoteRound(someone(), QUOTES[3], 0)],
    [8, quoteRound(demoResidentId, QUOTES[6], 2)],
    [9, quoteRound(someone(), QUOTES[8], 2)],
    [11, quoteRound(someone(), QUOTES[1], 1, true)],
    [2, appointment(someone(), APPOINTMENTS[2], 2, 'none')],
    [1, appointment(someone(), APPOINTMENTS[4], 4, 'none')],
    [4, appointment(demoResidentId, APPOINTMENTS[0], 1, 'confirm')],
    [5, appointment(someone(), APPOINTMENTS[5], 3, 'confirm')],
    [5, appointment(someone(), APPOINTMENTS[3], 2, 'decline')],
    [0, question(someone(), ADVICE[0], false)],
    [1, question(someone(), ADVICE[3], false)],
    [2, question(someone(), ADVICE[6], false)],
    [3, question(someone(), ADVICE[2], true)],
    [5, question(someone(), ADVICE[4], true)],
    [7, question(someone(), ADVICE[5], true)],
    [9, question(someone(), ADVICE[1], true)],
  ];
  return plan.map(([daysAgo, tell]) => ({ startAt: dayAt(teller, daysAgo), tell }));
}
