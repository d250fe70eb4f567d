// Appointments through the app on a real database: the concierge books a slot within the
// provider's hours, the provider confirms from the signed link of its mail (the member is
// told the date in words, with a calendar file), moves re-propose the same calendar entry,
// a cancellation removes it. Bad input: a slot in the past, outside the hours, on a day the
// clocks change, a length of 0 or over 8 h; a link used twice, after a move or a
// cancellation, or for another appointment; another resident reading it.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { askForService } from '../../src/requests/requests.service.ts';
import { followLink } from '../../src/requests/requests.mails.ts';
import { findRequest, listEvents } from '../../src/requests/requests.repository.ts';
import { providerLink } from '../../src/requests/appointments/appointments.mails.ts';
import { findAppointment, latestAppointmentOf } from '../../src/requests/appointments/appointments.repository.ts';
import { setOpeningHours } from '../../src/shops/index.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { newId } from '../../src/platform/ids.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { ALL_WEEK, makeResident, type Resident } from '../helpers/orders.ts';
import { makeProvider } from '../helpers/shops.ts';
import { plain, visibleText } from '../helpers/text.ts';

/** Tuesday 8 December 2026, 9 h in Istres. */
const TUESDAY = '2026-12-08T08:00:00Z';

let ctx: TestApp;
let concierge: Agent;
let CONCIERGE: CurrentAccount;
let member: Resident;
let other: Resident;
let plumber: string;
let nightOwl: string;

const text = (html: string) => plain(visibleText(html));

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: TUESDAY });
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  CONCIERGE = { id: account.id, email: account.email, role: 'concierge', displayName: 'Sophie', shopId: null, memberId: null };
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
  member = await makeResident(ctx.db, ctx.config, { email: 'jeanne.roux@exemple.fr' });
  other = await makeResident(ctx.db, ctx.config);
  plumber = await makeProvider(ctx.db, { tradeName: 'Plomberie Martin', addressLine: '12 rue Pasteur', email: 'plomberie@exemple.fr', categoryCode: 'alimentation' });
  const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, opensAt: '08:00', closesAt: '12:00' },
    { weekday, opensAt: '14:00', closesAt: '18:00' },
  ]);
  await setOpeningHours(ctx.db, CONCIERGE, plumber, weekdays);
  // The plumber is away on Friday 18 December (the providers' directory's absences).
  await ctx.db.insertInto('shop_absences').values({ id: newId(), shop_id: plumber, starts_on: '2026-12-18', ends_on: '2026-12-18', note: 'Formation', created_at: TUESDAY, created_by_label: 'test' }).execute();
  nightOwl = await makeProvider(ctx.db, { tradeName: 'Dépannage 7 jours', email: 'depannage@exemple.fr' });
  await setOpeningHours(ctx.db, CONCIERGE, nightOwl, ALL_WEEK);
});
beforeEach(() => startClockAt(TUESDAY));
after(() => ctx.close());

async function appointmentRequest(memberId = member.memberId): Promise<string> {
  return askForService(ctx.db, ctx.config, CONCIERGE, { kind: 'appointment', memberId, channel: 'phone', title: 'Fuite sous l’évier', details: 'Au 2e étage, sonner fort.' }, newIdempotencyKey());
}

const deskPath = (requestId: string, action = '') => `/gestion/demandes/${requestId}/rendez-vous${action}`;

async function book(requestId: string, fields: Record<string, string>) {
  return concierge.post(deskPath(requestId), { provider: plumber, date: '15/12/2026', time: '14:30', duration: '60', idempotency_key: newIdempotencyKey(), ...fields }, deskPath(requestId));
}

/** The provider's page path, from the link its mail carries. */
async function linkOf(requestId: string): Promise<string> {
  const appointment = (await latestAppointmentOf(ctx.db, requestId))!;
  return new URL(providerLink(ctx.config, appointment)).pathname;
}

/** The provider answers from its browser (its CSRF token read from a page it can open: the link may act no more). */
async function answer(path: string, action: 'confirmer' | 'refuser', fields: Record<string, string> = {}) {
  return new Agent(ctx.app).post(`${path}/${action}`, fields, '/connexion');
}

async function mailsTo(recipient: string) {
  return ctx.db.selectFrom('outbox').select(['subject', 'text_body', 'attachments']).where('recipient', '=', recipient).orderBy('created_at').orderBy('id').execute();
}

function calendarOf(attachments: string | null) {
  const [file] = JSON.parse(attachments ?? '[]') as Array<{ filename: string; contentType: string; content: string }>;
  const ics = Buffer.from(file.content, 'base64').toString('utf8');
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    file,
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
  };
}

const countAppointments = async () => (await ctx.db.selectFrom('appointments').select('id').execute()).length;

test('a slot in the past, outside the hours, or of 0 or 9 hours: refused next to its field, nothing booked', async () => {
  const requestId = await appointmentRequest();
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ date: '07/12/2026' }, /Ce moment est déjà passé/],
    [{ date: '08/12/2026', time: '08:30' }, /Ce moment est déjà passé/],
    [{ time: '12:30' }, /ne reçoit pas à ce moment-là/],
    [{ time: '11:30', duration: '60' }, /ne reçoit pas à ce moment-là/],
    [{ date: '13/12/2026' }, /ne reçoit pas à ce moment-là/],
    [{ date: '18/12/2026', time: '09:00' }, /absent ce jour-là/],
    [{ duration: '0' }, /entre 15 minutes et 8 heures/],
    [{ duration: '540' }, /entre 15 minutes et 8 heures/],
    [{ date: '31/02/2027' }, /une date qui existe/],
    [{ time: 'midi et demi' }, /Écrivez une heure/],
    [{ provider: '' }, /Choisissez un artisan/],
  ];
  for (const [fields, message] of cases) {
    const response = await book(requestId, fields);
    assert.equal(response.statusCode, 422, JSON.stringify(fields));
    assert.match(text(response.body), message, JSON.stringify(fields));
  }
  assert.equal(await countAppointments(), 0);
  assert.equal((await findRequest(ctx.db, requestId))!.status, 'new');
});

test('on the days the clocks change: 2 h 30 does not exist on 29 March, exists twice on 25 October (the first is taken)', async () => {
  startClockAt('2026-03-02T08:00:00Z');
  const spring = await appointmentRequest();
  const skipped = await book(spring, { provider: nightOwl, date: '29/03/2026', time: '02:30' });
  assert.equal(skipped.statusCode, 422);
  assert.match(text(skipped.body), /Cette heure n’existe pas ce jour-là/);
  assert.equal(await countAppointments(), 0);
  const after = await book(spring, { provider: nightOwl, date: '29/03/2026', time: '03:30' });
  assert.equal(after.statusCode, 303);
  assert.equal((await latestAppointmentOf(ctx.db, spring))!.startsAt, '2026-03-29T01:30:00.000Z', '3 h 30 is summer time (UTC+2)');

  const autumn = await appointmentRequest();
  assert.equal((await book(autumn, { provider: nightOwl, date: '25/10/2026', time: '02:30', duration: '90' })).statusCode, 303);
  const twice = (await latestAppointmentOf(ctx.db, autumn))!;
  assert.equal(twice.startsAt, '2026-10-25T00:30:00.000Z', 'the first 2 h 30, still summer time');
  assert.equal(twice.endsAt, '2026-10-25T02:00:00.000Z', 'an hour and a half later in real time: 3 h, winter time');
});

test('booked, then confirmed from the provider’s link: the member gets the date in words and the calendar file', async () => {
  const requestId = await appointmentRequest();
  const booked = await book(requestId, {});
  assert.equal(booked.statusCode, 303);
  assert.equal((await findRequest(ctx.db, requestId))!.status, 'appointment_proposed');
  const [proposal] = await mailsTo('plomberie@exemple.fr');
  assert.match(plain(proposal.subject), /Rendez-vous à confirmer : mardi 15 décembre à 14 h 30/);
  assert.doesNotMatch(proposal.text_body, /\/rendez-vous\/[0-9a-f-]{36}\//, 'the link is sealed, not in the stored text');

  const link = await linkOf(requestId);
  const page = await new Agent(ctx.app).get(link);
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body), /mardi 15 décembre à 14 h 30/);
  assert.match(text(page.body), /Je confirme ce rendez-vous/);

  const confirmed = await answer(link, 'confirmer');
  assert.equal(confirmed.statusCode, 200);
  assert.match(text(confirmed.body), /le rendez-vous est confirmé/);
  assert.equal((await findRequest(ctx.db, requestId))!.status, 'appointment_confirmed');
  const mails = await mailsTo(member.email);
  const mail = mails.at(-1)!;
  assert.match(plain(mail.text_body), /mardi 15 décembre à 14 h 30, chez Plomberie Martin, 12 rue Pasteur, 13800 Istres/);
  const ics = calendarOf(mail.attachments);
  assert.equal(ics.file.filename, 'rendez-vous.ics');
  assert.match(ics.file.contentType, /^text\/calendar; charset=utf-8; method=REQUEST$/);
  assert.deepEqual([ics.method, ics.sequence, ics.start], ['REQUEST', 0, '2026-12-15T13:30:00.000Z']);

  const again = await answer(link, 'confirmer');
  assert.equal(again.statusCode, 409);
  assert.match(text(again.body), /Vous avez déjà confirmé ce rendez-vous/);
  assert.equal((await mailsTo(member.email)).length, mails.length, 'the member is not told twice');
});

test('moved: proposed again; the old link acts no more; once confirmed, the member’s diary entry is updated (same UID, next SEQUENCE); cancelled: removed', async () => {
  const requestId = await appointmentRequest();
  await book(requestId, {});
  const firstLink = await linkOf(requestId);
  await answer(firstLink, 'confirmer');
  const first = calendarOf((await mailsTo(member.email)).at(-1)!.attachments);

  const moved = await concierge.post(deskPath(requestId, '/deplacer'), { date: '16/12/2026', time: '10:00', duration: '90' }, deskPath(requestId));
  assert.equal(moved.statusCode, 303);
  assert.equal((await findRequest(ctx.db, requestId))!.status, 'appointment_proposed');
  const stale = await answer(firstLink, 'confirmer');
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /Ce rendez-vous a été déplacé/);

  const secondLink = await linkOf(requestId);
  assert.notEqual(secondLink, firstLink);
  assert.equal((await answer(secondLink, 'confirmer')).statusCode, 200);
  const updated = (await mailsTo(member.email)).at(-1)!;
  assert.match(plain(updated.subject), /Rendez-vous déplacé : mercredi 16 décembre à 10 h/);
  const second = calendarOf(updated.attachments);
  assert.deepEqual([second.uid, second.sequence, second.start], [first.uid, 1, '2026-12-16T09:00:00.000Z']);

  const mailsBeforeCancel = (await mailsTo(member.email)).length;
  const cancelled = await concierge.post(deskPath(requestId, '/annuler'), { reason: 'Madame Roux est hospitalisée.' }, deskPath(requestId));
  assert.equal(cancelled.statusCode, 303);
  assert.equal((await findRequest(ctx.db, requestId))!.status, 'cancelled');
  const afterCancelMails = (await mailsTo(member.email)).slice(mailsBeforeCancel);
  assert.equal(afterCancelMails.length, 1, 'the calendar cancellation is the member’s only mail about it');
  const removal = afterCancelMails.find((mail) => mail.attachments && calendarOf(mail.attachments).method === 'CANCEL')!;
  const third = calendarOf(removal.attachments);
  assert.deepEqual([third.uid, third.sequence, third.start], [first.uid, 2, '2026-12-16T09:00:00.000Z']);
  assert.match(third.file.contentType, /method=CANCEL/);
  const afterCancel = await answer(secondLink, 'confirmer');
  assert.equal(afterCancel.statusCode, 409);
  assert.match(text(afterCancel.body), /Ce rendez-vous a été annulé/);
  assert.match(text((await new Agent(ctx.app).get(secondLink)).body), /Ce rendez-vous a été annulé/);
});

test('declined with a reason: the request is back with the concierge, who reads why; a blank reason is refused', async () => {
  const requestId = await appointmentRequest();
  await book(requestId, {});
  const link = await linkOf(requestId);
  const blank = await answer(link, 'refuser', { reason: '   ' });
  assert.equal(blank.statusCode, 422);
  assert.match(text(blank.body), /Dites en quelques mots pourquoi vous refusez/);
  const declined = await answer(link, 'refuser', { reason: 'En congé cette semaine-là' });
  assert.equal(declined.statusCode, 200);
  assert.equal((await findRequest(ctx.db, requestId))!.status, 'new');
  const events = await listEvents(ctx.db, requestId);
  assert.match(plain(events.at(-1)!.note), /Plomberie Martin a refusé le rendez-vous : En congé cette semaine-là/);
  const desk = await concierge.get(deskPath(requestId));
  assert.match(text(desk.body), /Sa raison : « En congé cette semaine-là »/);
  assert.match(text(desk.body), /Proposer un rendez-vous à un artisan/, 'another slot can be booked');
  const twice = await answer(link, 'confirmer');
  assert.equal(twice.statusCode, 409);
  assert.match(text(twice.body), /Vous avez déjà refusé ce rendez-vous/);
});

test('a provider’s token for appointment A opens nothing of appointment B; another resident cannot read the member’s', async () => {
  const a = await appointmentRequest();
  const b = await appointmentRequest(other.memberId);
  await book(a, {});
  await book(b, { time: '15:30' });
  const tokenOfA = (await linkOf(a)).split('/').at(-1)!;
  const idOfB = (await latestAppointmentOf(ctx.db, b))!.id;
  const forged = `/rendez-vous/${idOfB}/${tokenOfA}`;
  assert.equal((await new Agent(ctx.app).get(forged)).statusCode, 404);
  assert.equal((await answer(forged, 'confirmer')).statusCode, 404);
  assert.equal((await findAppointment(ctx.db, idOfB))!.status, 'proposed');

  await answer(await linkOf(a), 'confirmer');
  const owner = new Agent(ctx.app);
  await owner.login(member.email, member.password);
  const own = await owner.get(`/compte/demandes/${a}/rendez-vous.ics`);
  assert.equal(own.statusCode, 200);
  assert.match(String(own.headers['content-type']), /^text\/calendar/);
  assert.match(own.body, /DTSTART:20261215T133000Z/);
  const stranger = new Agent(ctx.app);
  await stranger.login(other.email, other.password);
  assert.equal((await stranger.get(`/compte/demandes/${a}/rendez-vous.ics`)).statusCode, 404);
  assert.equal((await stranger.get(`/compte/demandes/${a}`)).statusCode, 404);
  assert.equal((await stranger.post(deskPath(a, '/annuler'), { reason: '' }, '/compte')).statusCode, 404);
  assert.equal((await findRequest(ctx.db, a))!.status, 'appointment_confirmed');
});

test('the member’s page and the follow page show the date in words and « Ajouter à mon agenda »', async () => {
  const requestId = await appointmentRequest();
  await book(requestId, {});
  const owner = new Agent(ctx.app);
  await owner.login(member.email, member.password);
  const waiting = text((await owner.get(`/compte/demandes/${requestId}`)).body);
  assert.match(waiting, /mardi 15 décembre à 14 h 30/);
  assert.match(waiting, /Nous attendons la réponse de l’artisan/);
  await answer(await linkOf(requestId), 'confirmer');
  const page = await owner.get(`/compte/demandes/${requestId}`);
  assert.match(text(page.body), /Confirmé par l’artisan/);
  assert.match(page.body, new RegExp(`href="/compte/demandes/${requestId}/rendez-vous.ics"`));
  const follow = new URL(followLink(ctx.config, requestId)).pathname;
  const visitor = new Agent(ctx.app);
  const followed = await visitor.get(follow);
  assert.equal(followed.statusCode, 200);
  assert.match(text(followed.body), /mardi 15 décembre à 14 h 30/);
  assert.doesNotMatch(followed.body, /<form[^>]+rendez-vous/, 'nothing to act on');
  const file = await visitor.get(`${follow}/rendez-vous.ics`);
  assert.equal(file.statusCode, 200);
  assert.match(file.body, /METHOD:REQUEST/);
  assert.equal((await visitor.get(`${follow.slice(0, -3)}xyz/rendez-vous.ics`)).statusCode, 404);
});
