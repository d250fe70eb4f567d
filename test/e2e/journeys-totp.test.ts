// The second login step in a real browser: a town account opens « Validation en deux étapes »
// from the back office, sees the QR code and the key, confirms with a code, logs out, then logs
// in with its password and a code. axe on every page, no sideways scrolling at 320 px,
// screenshots in test-results/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret, TOTP } from 'otpauth';
import { nowMs } from '../../src/platform/clock.ts';
import { type BrowserSession, checkPage, clickAndWait, login, logout, startBrowserSession } from '../helpers/browser.ts';

let session: BrowserSession;

before(async () => {
  session = await startBrowserSession();
});

after(async () => {
  await session?.close();
});

function codeAt(secret: string, atMs: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: atMs });
}

/** The code of 30 seconds from now: newer than the one the setup used, still inside the window. */
function nextCode(secret: string): string {
  return codeAt(secret, nowMs() + 30_000);
}

/** A code of an hour later, checked to differ from the three the app accepts now. */
function wrongCode(secret: string): string {
  const accepted = [-1, 0, 1].map((steps) => codeAt(secret, nowMs() + steps * 30_000));
  for (let hours = 1; ; hours += 1) {
    const code = codeAt(secret, nowMs() + hours * 3600_000);
    if (!accepted.includes(code)) return code;
  }
}

test('a town account sets up the second step and then logs in with a code', async () => {
  const town = await session.makeAccount('town', { displayName: 'Mairie, service commerce' });
  const page = await session.newPage();
  await login(page, town.email, town.password);
  await clickAndWait(page, page.getByRole('link', { name: 'Validation en deux étapes' }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion/securite');
  await checkPage(page, 'totp-off');

  await clickAndWait(page, page.getByRole('button', { name: 'Activer la validation en deux étapes' }).click());
  const qr = page.getByRole('img', { name: /QR code à scanner/ });
  assert.equal(await qr.count(), 1);
  assert.ok(((await qr.boundingBox())?.width ?? 0) >= 200, 'the QR code is large enough to scan from the screen');
  const secret = ((await page.locator('.totp-secret').textContent()) ?? '').replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  await checkPage(page, 'totp-setup');

  await page.getByLabel(/^Votre mot de passe/).fill(town.password);
  await page.getByLabel(/^Code à 6 chiffres/).fill(wrongCode(secret));
  await clickAndWait(page, page.getByRole('button', { name: 'Vérifier et activer' }).click());
  assert.match((await page.locator('.field__error').innerText()) ?? '', /Ce code n’est pas le bon/);
  await checkPage(page, 'totp-setup-error');
  assert.equal(await page.getByLabel(/^Votre mot de passe/).inputValue(), '', 'the password is never sent back into the page');
  await page.getByLabel(/^Votre mot de passe/).fill(town.password);
  await page.getByLabel(/^Code à 6 chiffres/).fill(codeAt(secret, nowMs()));
  await clickAndWait(page, page.getByRole('button', { name: 'Vérifier et activer' }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion');
  assert.match((await page.locator('.flash').textContent()) ?? '', /La validation en deux étapes est activée/);

  await logout(page);
  await login(page, town.email, town.password);
  assert.equal(new URL(page.url()).pathname, '/connexion/code');
  await checkPage(page, 'totp-login-code');
  await page.getByLabel(/^Code à 6 chiffres/).fill(nextCode(secret));
  await clickAndWait(page, page.getByRole('button', { name: 'Valider et me connecter' }).click());
  assert.equal(new URL(page.url()).pathname, '/gestion');
  await checkPage(page, 'totp-logged-in');
});
