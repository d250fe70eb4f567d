// The appointment's mails as they leave through a real SMTP server: the provider's link read
// from its mail confirms; the member's confirmation carries rendez-vous.ics, which parses with
// ical.js to the right UTC instant in winter (CET, UTC+1) and in summer (CEST, UTC+2). The
// eve's reminder goes once per slot, from 10 h the day before, and again after a move.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { jobsOf } from '../../src/app.ts';
import { askForService } from '../../src/requests/requests.service.ts';
import { bookAppointment, moveAppointment } from '../../src/requests/appointments/appointments.service.ts';
import { confirmByProvider } from '../../src/requests/appointments/appointments.provider.service.ts';
import { sendAppointmentReminders } from '../../src/requests/appointments/appointments.diary.service.ts';
import { createTransport, sendDueMails } from '../../src/platform/mail/mail.ts';
import { setOpeningHours } from '../../src/shops/index.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeResident, type Resident } from '../helpers/orders.ts';
import { linkIn, startSmtpServer, type SmtpInbox } from '../helpers/server.ts';
import { makeProvider } from '../helpers/shops.ts';
import { plain } from '../helpers/text.ts';

const TUESDAY = '2026-12-08T08:00:00Z';

let ctx: TestApp;
let inbox: SmtpInbox;
let CONCIERGE: CurrentAccount;
let member: Resident;
let plumber: string;

before(async () => {
  inbox = await startSmtpServer();
  ctx = await buildTestApp({ CLOCK_START: TUESDAY, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port) });
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  CONCIERGE = { id: account.id, email: account.email, role: 'concierge', displayName: 'Sophie', shopId: null, memberId: null };
  member = await makeResident(ctx.db, ctx.config, { email: 'paul.blanc@exemple.fr' });
  plumber = await makeProvider(ctx.db, { tradeName: 'Plomberie Martin', addressLine: '12 rue Pasteur', email: 'plomberie@exemple.fr' });
  await setOpeningHours(ctx.db, CONCIERGE, plumber, [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '18:00' })));
});
beforeEach(() => startClockAt(TUESDAY));
after(async () => {
  await ctx.close();
  await inbox.close();
});

/** Sends the outbox through SMTP and returns the mails that arrived. */
async function deliver(): Promise<ParsedMail[]> {
  const before = inbox.mails.length;
  const transport = createTransport(ctx.config)!;
  try {
    const sent = await sendDueMails(ctx.db, transport, ctx.config, 100);
    return (await inbox.waitForMails(before + sent)).slice(before);
  } finally {
    transport.close();
  }
}

const to = (mails: ParsedMail[], address: string) => mails.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text.includes(address));

async function bookAndConfirm(date: string, time: string): Promise<{ requestId: string; memberMail: ParsedMail }> {
  const requestId = await askForService(ctx.db, ctx.config, CONCIERGE, { kind: 'appointment', memberId: member.memberId, channel: 'phone', title: 'Chauffe-eau', details: '' }, newIdempotencyKey());
  await bookAppointment(ctx.db, ctx.config, CONCIERGE, requestId, { providerShopId: plumber, date, time, durationMinutes: 60 }, newIdempotencyKey());
  const [proposal] = to(await deliver(), 'plomberie@exemple.fr');
  const link = new URL(linkIn(proposal, ctx.config.baseUrl));
  const provider = new Agent(ctx.app);
  const confirmed = await provider.post(`${link.pathname}/confirmer`, {}, link.pathname);
  assert.equal(confirmed.statusCode, 200);
  const [memberMail] = to(await deliver(), member.email);
  return { requestId, memberMail };
}

function eventOf(mail: ParsedMail) {
  const file = mail.attachments.find((attachment) => attachment.filename === 'rendez-vous.ics');
  assert.ok(file, 'the mail carries rendez-vous.ics');
  assert.equal(file.contentType, 'text/calendar');
  const calendar = new ICAL.Component(ICAL.parse(file.content.toString('utf8')));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { method: calendar.getFirstPropertyValue('method'), uid: event.uid, sequence: event.sequence, start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString(), raw: file.content.toString('utf8') };
}

test('winter: « mardi 15 décembre à 14 h 30 » in the mail, 13:30 UTC in the calendar file', async () => {
  const { memberMail } = await bookAndConfirm('2026-12-15', '14:30');
  assert.match(plain(memberMail.text ?? ''), /mardi 15 décembre à 14 h 30, chez Plomberie Martin, 12 rue Pasteur, 13800 Istres/);
  const event = eventOf(memberMail);
  assert.deepEqual([event.method, event.sequence, event.start, event.end], ['REQUEST', 0, '2026-12-15T13:30:00.000Z', '2026-12-15T14:30:00.000Z']);
  assert.match(event.raw, /DTSTART:20261215T133000Z/, 'written in UTC, no TZID');
});

test('summer: « mardi 15 juin 2027 à 14 h 30 », 12:30 UTC', async () => {
  const { memberMail } = await bookAndConfirm('2027-06-15', '14:30');
  assert.match(plain(memberMail.text ?? ''), /mardi 15 juin 2027 à 14 h 30/);
  const event = eventOf(memberMail);
  assert.deepEqual([event.start, event.end], ['2027-06-15T12:30:00.000Z', '2027-06-15T13:30:00.000Z']);
});

test('the eve’s reminder: from 10 h the day before, once; after a move and a new confirmation, once again', async () => {
  assert.ok(jobsOf(ctx.config).some((job) => job.name === 'appointment-reminders'), 'a named job of the app');
  const { requestId } = await bookAndConfirm('2026-12-17', '09:00');
  startClockAt('2026-12-16T08:59:00Z');
  assert.equal(await sendAppointmentReminders(ctx.db, ctx.config), 0, '9 h 59 in Istres: too early');
  startClockAt('2026-12-16T09:00:00Z');
  assert.equal(await sendAppointmentReminders(ctx.db, ctx.config), 1);
  assert.equal(await sendAppointmentReminders(ctx.db, ctx.config), 0, 'once');
  const [reminder] = to(await deliver(), member.email);
  assert.match(plain(reminder.subject ?? ''), /Rappel : votre rendez-vous jeudi 17 décembre à 9 h/);
  assert.match(plain(reminder.text ?? ''), /votre rendez-vous de demain/);

  await moveAppointment(ctx.db, ctx.config, CONCIERGE, requestId, { date: '2026-12-18', time: '09:00', durationMinutes: 60 });
  const [proposal] = to(await deliver(), 'plomberie@exemple.fr');
  const link = new URL(linkIn(proposal, ctx.config.baseUrl));
  const [id, token] = link.pathname.split('/').slice(2);
  assert.equal((await confirmByProvider(ctx.db, ctx.config, id, token)).answered, true);
  assert.equal(await sendAppointmentReminders(ctx.db, ctx.config), 0, 'the new slot is not due yet');
  startClockAt('2026-12-17T09:30:00Z');
  assert.equal(await sendAppointmentReminders(ctx.db, ctx.config), 1, 'the moved slot is reminded on its own eve');
});
