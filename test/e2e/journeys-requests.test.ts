// « Trouver le bon artisan » in the browser, on the demo town: the demo resident asks a
// question on « J'ai besoin de… » from a 320 px phone by keyboard, the concierge finds it in
// the requests list and answers it, the resident reads the answer on « Mes demandes » and
// rates the service; the follow link of the answer mail opens the request without login.
// Every page passes axe and does not scroll sideways at 320 px; the forms work without script.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createDb } from '../../src/db/index.ts';
import { signedToken } from '../../src/platform/signed-links.ts';
import { loadConfig } from '../../src/config.ts';
import { checkPage, clickAndWait, DEMO_LOGINS, DEMO_PASSWORD, login, logout, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { plain } from '../helpers/text.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

const mainText = async (page: Page) => plain((await page.locator('main').textContent()) ?? '');

test('a resident asks which electrician to call, the concierge answers, the resident rates it', async () => {
  const page = await session.newPage({ width: 320, height: 640 });
  await page.goto('/besoin');
  await checkPage(page, 'requests-ask-visitor');
  assert.match(await mainText(page), /Appelez-nous au 04/);

  await login(page, DEMO_LOGINS.resident, DEMO_PASSWORD);
  await clickAndWait(page, page.goto('/besoin').then(() => undefined));
  await checkPage(page, 'requests-ask');
  // By keyboard: the kind, the words, then the button.
  await page.getByLabel(/Un conseil, une question/).check();
  await page.getByLabel('En quelques mots').fill('Quel électricien appeler ?');
  await page.getByLabel('En quelques mots').press('Tab');
  await page.keyboard.type('Une prise qui ne marche plus dans la cuisine.');
  await clickAndWait(page, page.getByRole('button', { name: 'Envoyer ma demande' }).press('Enter'));
  assert.match(await mainText(page), /Votre demande D-\d{4} est envoyée/);
  await checkPage(page, 'requests-own');
  const ownUrl = page.url();
  const requestId = ownUrl.split('/').pop()!;
  await logout(page);

  const desk = await session.newPage({ width: 1280, height: 900 });
  await login(desk, DEMO_LOGINS.concierge, DEMO_PASSWORD);
  await clickAndWait(desk, desk.goto('/gestion/demandes').then(() => undefined));
  await checkPage(desk, 'requests-desk-list');
  await clickAndWait(desk, desk.getByRole('row', { name: /Quel électricien appeler/ }).getByRole('link').click());
  await checkPage(desk, 'requests-desk-page');
  await desk.getByLabel('Notre réponse').fill('Électricité Roux, 04 42 00 00 01 : il se déplace le jour même.');
  await clickAndWait(desk, desk.getByRole('button', { name: 'Envoyer la réponse' }).click());
  assert.match(await mainText(desk), /La réponse est enregistrée et envoyée/);
  assert.match(await mainText(desk), /adhérent prévenu/);

  await login(page, DEMO_LOGINS.resident, DEMO_PASSWORD);
  await clickAndWait(page, page.goto(ownUrl).then(() => undefined));
  assert.match(await mainText(page), /Électricité Roux/);
  await page.getByLabel(/5 sur 5/).check();
  await clickAndWait(page, page.getByRole('button', { name: 'Donner mon avis' }).click());
  assert.match(await mainText(page), /Merci pour votre avis/);
  assert.match(await mainText(page), /Votre note : 5 sur 5/);

  // The follow link the answer mail carries (the outbox keeps it sealed: it is rebuilt here as the sender does).
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: session.app.databaseUrl, BASE_URL: session.app.url });
  const db = createDb({ dialect: 'sqlite', file: session.app.databaseFile });
  try {
    const mail = await db.selectFrom('outbox').select('subject').where('recipient', '=', DEMO_LOGINS.resident).where('subject', 'like', '%Réponse donnée%').executeTakeFirst();
    assert.ok(mail, 'the answer was mailed to the resident');
  } finally {
    await db.destroy();
  }
  const stranger = await session.newPage({ width: 320, height: 640 });
  await stranger.goto(`/suivi/${requestId}/${signedToken(config.sessionSecret, 'request-follow', requestId)}`);
  await checkPage(stranger, 'requests-follow');
  assert.match(await mainText(stranger), /Électricité Roux/);
});
