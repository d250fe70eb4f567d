// A plumber's quote for a senior, in a real browser: the concierge takes the request on the
// phone and asks two plumbers; each answers from the link of its mail (read from the outbox),
// one with its quote as a PDF; the senior logs in, compares the two on her request's page and
// accepts one; the other plumber's mail says the round is closed, and its link says so too.
// Every page visited passes axe and reads at 320 px without scrolling sideways.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import { addDays, localDateOf } from '../../src/platform/calendar.ts';
import { checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, login, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { linkInMail, mailsTo, TINY_PDF } from '../helpers/quotes.ts';
import { makeProvider } from '../helpers/shops.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;
const MARTIN = { tradeName: 'Plomberie Martin', email: 'contact@plomberie-martin.test' };
const CANAL = { tradeName: 'Sanitaires du Canal', email: 'contact@sanitaires-du-canal.test' };

before(async () => {
  session = await startBrowserSession();
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    for (const plumber of [MARTIN, CANAL]) await makeProvider(db, { ...plumber, stage: 'member' });
  } finally {
    await db.destroy();
  }
});
after(async () => {
  await session?.close();
});

const config = () => loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });

async function withDb<T>(work: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const mainText = async (page: Page) => plain((await page.locator('main').textContent()) ?? '');

/** A day a month ahead, as a plumber types it (« 03/01/2027 »). */
function inAMonth(): string {
  return addDays(localDateOf(new Date().toISOString(), 'Europe/Paris'), 30).split('-').reverse().join('/');
}

/** A plumber opens the link of its mail and sends its quote. */
async function answerFromLink(path: string, amount: string, name: string, withPdf: boolean): Promise<Page> {
  const page = await session.newPage();
  await page.goto(path);
  assert.match(await mainText(page), /Fuite sous l’évier/);
  assert.doesNotMatch(await mainText(page), /06 12 34 56 78|Frédéric Mistral/, 'the senior’s phone and address are not shared');
  await checkPage(page, `quote-provider-${name}`);
  await page.getByLabel(/^Montant, toutes taxes comprises/).fill(amount);
  await page.getByLabel(/^Valable jusqu’au/).fill(inAMonth());
  if (withPdf) await page.getByLabel(/^Votre devis en PDF/).setInputFiles({ name: 'devis.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
  await clickAndWait(page, page.getByRole('button', { name: 'Envoyer le devis' }).click());
  assert.match(await mainText(page), /Merci : votre devis est envoyé/);
  await checkPage(page, `quote-provider-${name}-sent`);
  return page;
}

test('a senior’s plumber quote taken on the phone: two plumbers answer from their links, she accepts one on the site, the other is told it is closed', async () => {
  // The concierge takes the call and asks two plumbers.
  const desk = await session.newPage();
  await login(desk, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await desk.goto('/gestion/demandes/nouvelle');
  await desk.getByLabel('Pour quel adhérent ?').fill('Marchetti');
  await clickAndWait(desk, desk.getByRole('button', { name: 'Chercher' }).click());
  await clickAndWait(desk, desk.getByRole('link', { name: /Élodie Marchetti/ }).click());
  await desk.getByLabel(/Demander des devis pour des travaux/).check();
  await desk.getByLabel(/^En quelques mots/).fill('Fuite sous l’évier');
  await desk.getByLabel(/^Précisez/).fill('Le robinet de la cuisine goutte depuis une semaine.');
  await clickAndWait(desk, desk.getByRole('button', { name: 'Enregistrer la demande' }).click());
  const requestUrl = desk.url();
  await checkPage(desk, 'quote-desk-request');
  await desk.getByLabel(`${MARTIN.tradeName} — Plombier`, { exact: true }).check();
  await desk.getByLabel(`${CANAL.tradeName} — Plombier`, { exact: true }).check();
  await clickAndWait(desk, desk.getByRole('button', { name: 'Demander les devis' }).click());
  assert.match(await mainText(desk), /Devis demandés à : Plomberie Martin, Sanitaires du Canal/);
  await checkPage(desk, 'quote-desk-asked');

  // Each plumber answers from the link its mail carries.
  const links = await withDb(async (db) => [await linkInMail(db, config(), MARTIN.email, /Fuite sous l’évier/), await linkInMail(db, config(), CANAL.email, /Fuite sous l’évier/)]);
  const martin = await answerFromLink(links[0], '480,00', 'martin', true);
  await answerFromLink(links[1], '395', 'canal', false);

  // The senior compares on her request's page and accepts the cheaper one.
  const senior = await session.newPage();
  await login(senior, DEMO_LOGINS.resident, DEMO_PASSWORD);
  await senior.goto('/compte/demandes');
  await clickAndWait(senior, senior.getByRole('link', { name: /Fuite sous l’évier/ }).first().click());
  const compare = await mainText(senior);
  assert.match(compare, /Plomberie Martin.*480,00 €/);
  assert.match(compare, /Sanitaires du Canal.*395,00 €/);
  assert.match(compare, /Voir le devis de Plomberie Martin en PDF/);
  await checkPage(senior, 'quote-member-compare');
  await clickAndWait(senior, senior.getByRole('button', { name: /Accepter le devis de Sanitaires du Canal/ }).click());
  assert.match(await mainText(senior), /Vous avez accepté le devis de Sanitaires du Canal/);
  await checkPage(senior, 'quote-member-accepted');

  // The other plumber is told by mail, and its link says the round is closed.
  const closed = await withDb((db) => mailsTo(db, MARTIN.email));
  assert.ok(closed.some((mail) => /close/.test(mail.subject) && /a choisi un autre devis/.test(plain(mail.text_body))), 'Plomberie Martin’s mail says it is closed');
  await martin.goto(links[0]);
  assert.match(await mainText(martin), /Cette demande est close : l’adhérent a choisi un autre devis/);
  await checkPage(martin, 'quote-provider-martin-closed');

  // The concierge's page of the request shows the choice.
  await desk.goto(requestUrl);
  assert.match(await mainText(desk), /Sanitaires du Canal.*Devis accepté/);
  await checkPage(desk, 'quote-desk-accepted');
});
