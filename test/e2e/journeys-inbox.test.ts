// The concierge's inbox in a real browser: mails delivered to a real IMAP server are fetched
// by the running app's poller, listed with the member who wrote (flagged when the receiving
// server did not confirm the sender), read as plain text, and filed — accessible (axe) and
// readable at 1024 and 320 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, expectNoAxeViolations, login, screenshot, scrollsSideways, startBrowserSession, type BrowserSession } from '../helpers/browser.ts';
import { deliver, freshMailbox, imapSkipReason } from '../helpers/imap.ts';
import { plain } from '../helpers/text.ts';

const skip = imapSkipReason();

async function clickAndWait(page: Page, action: Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action]);
  await page.waitForLoadState('load');
}

/** The poller fetches at start-up: reload until both mails are listed. */
async function openInbox(page: Page): Promise<void> {
  for (let tries = 0; tries < 60; tries += 1) {
    await page.goto('/gestion/boite');
    if ((await page.locator('main .order-card').count()) >= 2) return;
    await page.waitForTimeout(500);
  }
  assert.fail('the mails never reached the inbox');
}

describe('the inbox in a browser', { skip }, () => {
  let session: BrowserSession;

  before(async () => {
    const imap = await freshMailbox();
    await deliver(
      imap,
      { from: '"Élodie Marchetti" <adherent@conciergerie.test>', subject: 'Commande pour vendredi', text: 'Bonjour,\nje voudrais un plateau de fromages pour 6 personnes et une bouteille de rosé.\nMerci beaucoup,\nÉlodie' },
      { from: '"Jean-Pierre Roux" <jp.roux@exemple.fr>', subject: 'Une retouche de pantalon', html: '<p>Bonjour,</p><p>Faites-vous les <b>ourlets</b> ? Je passe jeudi.</p>' },
    );
    session = await startBrowserSession({
      IMAP_HOST: imap.host,
      IMAP_PORT: String(imap.port),
      IMAP_SECURE: 'false',
      IMAP_USER: imap.user,
      IMAP_PASSWORD: imap.password,
      IMAP_MAILBOX: imap.mailbox,
      IMAP_POLL_SECONDS: '5',
    });
  });

  after(async () => {
    await session?.close();
  });

  for (const width of [1024, 320]) {
    test(`the concierge reads the inbox and a member's mail at ${width} px`, async () => {
      const page = await session.newPage({ width, height: width === 320 ? 640 : 768 });
      await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
      await openInbox(page);
      assert.equal(await page.locator('h1').count(), 1);
      const main = (await page.locator('main').textContent()) ?? '';
      assert.match(main, /Élodie Marchetti/);
      assert.match(main, /Expéditeur inconnu/);
      // Delivered without any Authentication-Results: the member is matched, flagged in words.
      assert.match(main, /Élodie Marchetti expéditeur non vérifié/);
      await expectNoAxeViolations(page);
      assert.equal(await scrollsSideways(page), false, 'the page fits the width');
      await screenshot(page, `journey-inbox-list-${width}`);

      await clickAndWait(page, page.getByRole('link', { name: 'Commande pour vendredi' }).click());
      assert.match(new URL(page.url()).pathname, /^\/gestion\/boite\/[0-9a-f-]{36}$/);
      assert.match((await page.locator('pre.mail-body').textContent()) ?? '', /plateau de fromages pour 6 personnes/);
      assert.match((await page.locator('main').textContent()) ?? '', /n’a pas pu confirmer que ce courriel vient bien de cette adresse/);
      const order = page.getByRole('link', { name: 'Créer une commande pour Élodie Marchetti' });
      assert.match((await order.getAttribute('href')) ?? '', /^\/gestion\/commandes\/nouvelle\/[0-9a-f-]{36}\?courriel=[0-9a-f-]{36}$/);
      await expectNoAxeViolations(page);
      assert.equal(await scrollsSideways(page), false, 'the mail fits the width');
      await screenshot(page, `journey-inbox-mail-${width}`);
    });
  }

  test('the concierge files an unknown sender’s mail without JavaScript', async () => {
    const page = await session.newPage();
    await login(page, DEMO_LOGINS.concierge, DEMO_PASSWORD);
    await openInbox(page);
    await clickAndWait(page, page.getByRole('link', { name: 'Une retouche de pantalon' }).click());
    assert.match(plain((await page.locator('pre.mail-body').textContent()) ?? ''), /Faites-vous les ourlets \?/i);
    assert.equal(await page.getByRole('link', { name: 'Trouver l’adhérent' }).count(), 1);
    await clickAndWait(page, page.getByRole('button', { name: 'Classer sans suite' }).click());
    assert.equal(new URL(page.url()).pathname, '/gestion/boite');
    assert.match((await page.locator('main').textContent()) ?? '', /Courriel classé sans suite\./);
    await clickAndWait(page, page.getByRole('link', { name: 'Traités' }).click());
    assert.match((await page.locator('main').textContent()) ?? '', /Une retouche de pantalon/);
    await expectNoAxeViolations(page);
  });
});
