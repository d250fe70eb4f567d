// An appointment in the browser, on the demo town with a real SMTP server: the resident asks
// for an appointment on a 320 px phone, the concierge books a plumber's slot from the
// request's page, the plumber confirms from the link of the mail it received (no account),
// the resident's mail carries rendez-vous.ics, which parses with ical.js to the right UTC
// instant, and « Mes demandes » shows the date in words with « Ajouter à mon agenda ».
// Every page passes axe and does not scroll sideways at 320 px; nothing needs a script.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import type { ParsedMail } from 'mailparser';
import { createDb } from '../../src/db/index.ts';
import { setOpeningHours } from '../../src/shops/index.ts';
import { checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, login, logout, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { CONCIERGE } from '../helpers/orders.ts';
import { linkIn, startSmtpServer, type SmtpInbox } from '../helpers/server.ts';
import { makeProvider } from '../helpers/shops.ts';
import { plain } from '../helpers/text.ts';

/** Tuesday 8 December 2026, 9 h in Istres: the slot booked is a week later. */
const TUESDAY = '2026-12-08T08:00:00Z';
const PLUMBER_MAIL = 'plomberie.martin@exemple.fr';

let session: BrowserSession;
let inbox: SmtpInbox;

before(async () => {
  inbox = await startSmtpServer();
  session = await startBrowserSession({ CLOCK_START: TUESDAY, MAIL_WORKER: 'true', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port) });
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const plumber = await makeProvider(db, { tradeName: 'Plomberie Martin', addressLine: '12 rue Pasteur', email: PLUMBER_MAIL });
    await setOpeningHours(db, CONCIERGE, plumber, [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '18:00' })));
    // The demo seed leaves hundreds of mails to send, twenty every five seconds: set aside, so
    // this journey's mails leave at once.
    await db.updateTable('outbox').set({ status: 'sent' }).where('status', '=', 'pending').execute();
  } finally {
    await db.destroy();
  }
});

after(async () => {
  await session?.close();
  await inbox?.close();
});

const mainText = async (page: Page) => plain((await page.locator('main').textContent()) ?? '');

/** The first mail to `address` that arrives, whose subject matches. */
async function mailTo(address: string, subject: RegExp): Promise<ParsedMail> {
  for (let tries = 0; tries < 200; tries += 1) {
    const found = inbox.mails.find((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text.includes(address) && subject.test(plain(mail.subject ?? '')));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${address} about ${subject}; last received: ${inbox.mails.slice(-5).map((mail) => mail.subject).join(' | ')}`);
}

test('the concierge books, the plumber confirms from its mail, the resident gets the calendar file', async () => {
  const phone = await session.newPage({ width: 320, height: 640 });
  await login(phone, DEMO_LOGINS.resident, DEMO_PASSWORD);
  await clickAndWait(phone, phone.goto('/besoin').then(() => undefined));
  await phone.getByLabel(/Prendre un rendez-vous/).check();
  await phone.getByLabel('En quelques mots').fill('Fuite sous l’évier');
  await clickAndWait(phone, phone.getByRole('button', { name: 'Envoyer ma demande' }).click());
  const ownUrl = phone.url();
  const requestId = ownUrl.split('/').pop()!;

  const desk = await session.newPage({ width: 1280, height: 900 });
  await login(desk, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await clickAndWait(desk, desk.goto(`/gestion/demandes/${requestId}`).then(() => undefined));
  await checkPage(desk, 'appointment-desk-request');
  await desk.getByLabel('Artisan', { exact: false }).and(desk.locator('select')).selectOption({ label: 'Plomberie Martin — Plombier' });
  await desk.getByRole('textbox', { name: 'Jour' }).fill('15/12/2026');
  await desk.getByRole('textbox', { name: 'Heure' }).fill('19:00');
  await clickAndWait(desk, desk.getByRole('button', { name: 'Proposer ce rendez-vous' }).click());
  assert.match(await mainText(desk), /L’artisan ne reçoit pas à ce moment-là/, 'outside its hours: refused, said in French');
  await checkPage(desk, 'appointment-desk-refused');
  await desk.getByRole('textbox', { name: 'Heure' }).fill('14:30');
  await clickAndWait(desk, desk.getByRole('button', { name: 'Proposer ce rendez-vous' }).click());
  assert.match(await mainText(desk), /Rendez-vous proposé à l’artisan/);
  assert.match(await mainText(desk), /mardi 15 décembre à 14 h 30/);
  await checkPage(desk, 'appointment-desk-booked');

  const proposal = await mailTo(PLUMBER_MAIL, /Rendez-vous à confirmer/);
  const link = linkIn(proposal, session.app.url);
  const provider = await session.newPage({ width: 320, height: 640 });
  await provider.goto(link);
  assert.match(await mainText(provider), /mardi 15 décembre à 14 h 30/);
  await checkPage(provider, 'appointment-provider-link');
  await clickAndWait(provider, provider.getByRole('button', { name: 'Je confirme ce rendez-vous' }).click());
  assert.match(await mainText(provider), /le rendez-vous est confirmé/);
  await checkPage(provider, 'appointment-provider-confirmed');
  await provider.goto(link);
  assert.match(await mainText(provider), /Vous avez déjà confirmé ce rendez-vous/);

  const confirmation = await mailTo(DEMO_LOGINS.resident, /Rendez-vous confirmé/);
  assert.match(plain(confirmation.text ?? ''), /mardi 15 décembre à 14 h 30, chez Plomberie Martin, 12 rue Pasteur, 13800 Istres/);
  const file = confirmation.attachments.find((attachment) => attachment.filename === 'rendez-vous.ics');
  assert.ok(file, 'the calendar file is attached');
  const calendar = new ICAL.Component(ICAL.parse(file.content.toString('utf8')));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  assert.equal(calendar.getFirstPropertyValue('method'), 'REQUEST');
  assert.equal(event.startDate.toJSDate().toISOString(), '2026-12-15T13:30:00.000Z');

  await clickAndWait(phone, phone.goto(ownUrl).then(() => undefined));
  assert.match(await mainText(phone), /mardi 15 décembre à 14 h 30/);
  assert.match(await mainText(phone), /Confirmé par l’artisan/);
  await checkPage(phone, 'appointment-member');
  const diary = await phone.request.get(await phone.getByRole('link', { name: 'Ajouter à mon agenda' }).getAttribute('href') ?? '');
  assert.equal(diary.status(), 200);
  assert.match(await diary.text(), /DTSTART:20261215T133000Z/);
  await logout(phone);
});
