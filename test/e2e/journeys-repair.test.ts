// A coat left for alteration, in a real browser: the concierge records Élodie Marchetti's
// request taken by phone, takes the coat in (tailor, shelf, price), prints its label (the
// number and the shelf on it), takes it to the tailor, brings it back with its final price,
// Élodie pays at the counter (the counter's own hand-over page, by the order's code) and gets
// her coat back. The follow link of her mail shows each step without logging in. Every page
// passes axe and fits 320 px without sideways scrolling.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDb } from '../../src/db/index.ts';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startClockAt } from '../../src/platform/clock.ts';
import { checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, RESULTS_DIR, scrollsSideways, screenshot, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { linkIn, startSmtpServer, type SmtpInbox } from '../helpers/server.ts';
import { plain } from '../helpers/text.ts';

/** Thursday 3 December 2026, 10 h 15 in Istres. The app and this process share the instant. */
const MORNING = '2026-12-03T09:15:00.000Z';
startClockAt(MORNING);

let session: BrowserSession;
let inbox: SmtpInbox;

before(async () => {
  inbox = await startSmtpServer();
  session = await startBrowserSession({ CLOCK_START: MORNING, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port), MAIL_WORKER: 'true' });
  // The demo seed leaves hundreds of mails to send, twenty every five seconds: set aside, so
  // this journey's mails leave at once.
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    await db.updateTable('outbox').set({ status: 'sent' }).where('status', '=', 'pending').execute();
  } finally {
    await db.destroy();
  }
});

after(async () => {
  await session?.close();
  await inbox?.close();
});

async function mainText(page: Page): Promise<string> {
  return plain((await page.locator('main').textContent()) ?? '');
}

/** The PDF behind a link, as text; page 1 also rendered to test-results/ to look at. */
async function pdfOf(page: Page, linkName: string, name: string): Promise<string> {
  const href = await page.getByRole('link', { name: linkName }).getAttribute('href');
  const response = await page.request.get(href!);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'] ?? '', /application\/pdf/);
  const dir = mkdtempSync(join(tmpdir(), 'objet-'));
  writeFileSync(join(dir, 'doc.pdf'), await response.body());
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'doc.pdf'), join(dir, 'page')]);
  copyFileSync(join(dir, readdirSync(dir).find((file) => file.endsWith('.png'))!), join(RESULTS_DIR, `${name}.png`));
  return plain(execFileSync('pdftotext', [join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' }));
}

/** The mails Élodie received about her request, waiting for `count` of them. */
async function mailsAbout(number: string, count: number) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const mails = inbox.mails.filter((mail) => (mail.subject ?? '').includes(number) && JSON.stringify(mail.to ?? '').includes(DEMO_LOGINS.resident));
    if (mails.length >= count) return mails;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`Élodie did not get ${count} mail(s) about ${number}`);
}

/** The follow page, opened without login: where the coat is now. */
async function followSays(page: Page, link: string, expected: RegExp, name: string): Promise<void> {
  await page.goto(link);
  assert.match(await mainText(page), expected);
  assert.doesNotMatch(await mainText(page), /concierge\)/, 'no staff name on the follow page');
  await checkPage(page, name);
}

test('a coat is taken in, labelled, altered, paid at the counter and handed back; the follow link shows each step', async () => {
  const page = await session.newPage({ width: 1280, height: 900 });
  await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);

  // The request, taken by phone.
  await page.goto('/gestion/demandes');
  await clickAndWait(page, page.getByRole('link', { name: 'Enregistrer une demande' }).click());
  await page.getByLabel('Pour quel adhérent ?').fill('Marchetti');
  await clickAndWait(page, page.getByRole('button', { name: /Chercher/ }).click());
  await clickAndWait(page, page.getByRole('link', { name: /Élodie Marchetti/ }).first().click());
  await page.getByLabel('Réparer ou retoucher un objet').check();
  await page.getByLabel(/^En quelques mots/).fill('Manteau gris à raccourcir');
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer la demande' }).click());
  const number = /D-\d{4}/.exec(await mainText(page))?.[0];
  assert.ok(number, 'the request has its number');
  await checkPage(page, 'repair-intake');

  // Taken in at the counter.
  await page.getByLabel(/^L’objet et ce qu’il faut faire/).fill('manteau gris, raccourcir les manches');
  await page.getByRole('combobox', { name: /^Artisan/ }).selectOption({ label: 'Retouches Nadia — Couturière / retouches' });
  await page.getByLabel(/^Étagère/).fill('b3');
  await page.getByLabel(/^Prix convenu/).fill('25,00');
  await clickAndWait(page, page.getByRole('button', { name: 'Enregistrer le dépôt' }).click());
  assert.match(await mainText(page), new RegExp(`L’objet ${number} est au comptoir, étagère B3`));
  await checkPage(page, 'repair-at-counter');

  const label = await pdfOf(page, 'Imprimer l’étiquette de l’objet (PDF)', 'repair-label');
  assert.match(label, new RegExp(number));
  assert.match(label, /Étagère B3/);
  assert.doesNotMatch(label, /suivi/);
  const receipt = await pdfOf(page, 'Imprimer le reçu de l’adhérent (PDF)', 'repair-receipt');
  assert.match(receipt, /suivi/);

  // The mail of « at the counter » carries the follow link.
  const [first] = await mailsAbout(number, 1);
  const follow = linkIn(first, session.app.url);
  const visitor = await session.newPage({ width: 1280, height: 900 });
  await followSays(visitor, follow, /Au comptoir, étagère B3/, 'repair-follow-counter');

  // To the tailor and back with the final price: the order is made.
  await clickAndWait(page, page.getByRole('button', { name: 'Porter chez l’artisan' }).click());
  await expectNoAxeViolations(page);
  await followSays(visitor, follow, /Chez l’artisan Retouches Nadia/, 'repair-follow-provider');
  await page.getByLabel(/^Étagère/).fill('C1');
  await page.getByLabel(/^Prix final/).fill('27,50');
  await clickAndWait(page, page.getByRole('button', { name: 'Revenu au comptoir' }).click());
  const code = /code ([A-Z0-9]+)/.exec(await mainText(page))?.[1];
  assert.ok(code, 'the member’s order has its code');
  await checkPage(page, 'repair-ready');
  await followSays(visitor, follow, /Au comptoir, étagère C1.*À payer : 27,50 €/, 'repair-follow-ready');

  // Paid at the counter, like any order.
  await page.goto('/gestion/comptoir');
  await page.getByLabel('Code, nom ou téléphone').fill(code);
  await clickAndWait(page, page.getByRole('button', { name: 'Chercher' }).click());
  await page.getByLabel('Espèces').check();
  await clickAndWait(page, page.getByRole('button', { name: 'Remettre et encaisser 27,50 €' }).click());
  assert.match(await mainText(page), /Encaissé : 27,50 € — Espèces/);
  await expectNoAxeViolations(page);

  // Handed back; a second time is refused with the date.
  await page.goto('/gestion/demandes/objets');
  assert.match(await mainText(page), new RegExp(`Étagère C1.*${number}`));
  await checkPage(page, 'repair-shelves');
  await clickAndWait(page, page.getByRole('link', { name: number }).click());
  await clickAndWait(page, page.getByRole('button', { name: 'Rendu à l’adhérent' }).click());
  assert.match(await mainText(page), new RegExp(`L’objet ${number} est rendu à l’adhérent`));
  await checkPage(page, 'repair-handed-back');
  await followSays(visitor, follow, /Rendu le jeudi 3 décembre/, 'repair-follow-handed-back');
  const followed = await mainText(visitor);
  for (const step of [/au comptoir, étagère B3/, /chez l’artisan Retouches Nadia/, /au comptoir, étagère C1/, /rendu à l’adhérent/]) assert.match(followed, step);

  await page.setViewportSize({ width: 320, height: 640 });
  assert.equal(await scrollsSideways(page), false);
  await screenshot(page, 'repair-desk-320');
});
