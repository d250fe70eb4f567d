// The second login step (TOTP) of concierge and town accounts, through the real pages: setup
// from the back office, login in two steps, wrong and replayed codes, the setting that makes
// it compulsory. Codes are computed here with otpauth from the key the setup page shows, on
// the app's clock set to a known instant.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Secret, TOTP } from 'otpauth';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { SUITE_CLOCK_START } from '../helpers/clock.ts';
import { linkIn, runCli, startSmtpServer } from '../helpers/server.ts';
import { nowMs, startClockAt } from '../../src/platform/clock.ts';
import { createTransport, sendDueMails } from '../../src/platform/mail/mail.ts';
import type { Db } from '../../src/db/index.ts';
import { plain } from '../helpers/text.ts';

const STEP_MS = 30_000;

/** Five seconds into a 30-second step, so a test has the rest of it before codes move on. */
function fixClock(t: TestContext, iso: string): void {
  startClockAt(iso);
  t.after(() => startClockAt(SUITE_CLOCK_START));
}

function codeAt(secret: string, atMs: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: atMs });
}

/** A code no app would show now: that of an hour later, checked to differ from the three accepted. */
function wrongCode(secret: string): string {
  const accepted = [-1, 0, 1].map((steps) => codeAt(secret, nowMs() + steps * STEP_MS));
  for (let hours = 1; ; hours += 1) {
    const code = codeAt(secret, nowMs() + hours * 3600_000);
    if (!accepted.includes(code)) return code;
  }
}

function keyOnPage(html: string): string {
  const match = /<code class="totp-secret"[^>]*>([A-Z2-7 ]+)<\/code>/.exec(html);
  assert.ok(match, 'the setup page shows the key');
  return match[1].replace(/ /g, '');
}

/** Sets up the second step as a person would: start, read the key, type the current code. */
async function setUpTotp(agent: Agent, password: string): Promise<string> {
  const started = await agent.post('/gestion/securite/nouveau-code', {}, '/gestion/securite');
  assert.equal(started.statusCode, 303);
  const page = await agent.get('/gestion/securite');
  assert.equal(page.statusCode, 200);
  const secret = keyOnPage(page.body);
  const enabled = await agent.post('/gestion/securite/activer', { password, code: codeAt(secret, nowMs()) });
  assert.equal(enabled.statusCode, 303, enabled.body);
  return secret;
}

async function loggedInWithTotp(app: FastifyInstance, db: Db, config: Parameters<typeof makeAccount>[1], role: 'concierge' | 'town' = 'concierge') {
  const account = await makeAccount(db, config, role);
  const agent = new Agent(app);
  await agent.login(account.email, account.password);
  const secret = await setUpTotp(agent, account.password);
  return { account, secret };
}

async function failuresOf(db: Db, email: string): Promise<number> {
  const row = await db.selectFrom('login_throttles').select('failures').where('email', '=', email.toLowerCase()).executeTakeFirst();
  return Number(row?.failures ?? 0);
}

test('a concierge sets up the second step from the back office: a QR code, the key by groups of four, a current code to confirm', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  fixClock(t, '2026-06-15T10:00:05Z');
  const concierge = await makeAccount(db, config, 'concierge');
  const agent = new Agent(app);
  await agent.login(concierge.email, concierge.password);
  assert.match((await agent.get('/gestion')).body, /href="\/gestion\/securite"/, 'the back office leads to it');
  // Someone who has the password is logged in elsewhere.
  const elsewhere = new Agent(app);
  await elsewhere.login(concierge.email, concierge.password);

  const intro = await agent.get('/gestion/securite');
  assert.equal(intro.statusCode, 200);
  assert.match(intro.body, /Validation en deux étapes/);
  assert.match(intro.body, /action="\/gestion\/securite\/nouveau-code"/);
  assert.equal((await agent.post('/gestion/securite/nouveau-code', {})).statusCode, 303);

  const page = await agent.get('/gestion/securite');
  assert.equal(page.headers['cache-control'], 'no-store', 'no cache keeps the key');
  const image = /<img class="qr-code" src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]+)"/.exec(page.body);
  assert.ok(image, 'the QR code is an image drawn on the server, with a text alternative');
  const svg = Buffer.from(image[1], 'base64').toString('utf8');
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.doesNotMatch(svg, /style|<script|\son\w+=/i, 'no inline style (the CSP forbids it) and no script');
  assert.match(page.body, /<code class="totp-secret"[^>]*>[A-Z2-7]{4}( [A-Z2-7]{4})+<\/code>/, 'the key in groups of four');
  assert.match(page.body, /<label for="champ-code">Code à 6 chiffres/);
  assert.match(page.body, /autocomplete="one-time-code"/);
  assert.match(page.body, /inputmode="numeric"/i);
  const secret = keyOnPage(page.body);

  // The key is stored sealed: neither in clear nor in another spelling.
  const [row] = await db.selectFrom('accounts').select(['totp_secret', 'totp_enabled_at']).where('id', '=', concierge.id).execute();
  assert.ok(row.totp_secret && !row.totp_secret.includes(secret) && !row.totp_secret.includes(Buffer.from(Secret.fromBase32(secret).bytes).toString('hex')));
  assert.equal(row.totp_enabled_at, null, 'not enabled before a code confirms it');

  // Someone at the screen left open, without the password, cannot tie the account to their phone.
  const noPassword = await agent.post('/gestion/securite/activer', { password: 'pas le bon mot de passe', code: codeAt(secret, nowMs()) });
  assert.equal(noPassword.statusCode, 422);
  assert.match(noPassword.body, /id="erreur-password"[^>]*>.*Ce n’est pas le mot de passe de votre compte/s);
  assert.doesNotMatch(noPassword.body, /pas le bon mot de passe/, 'the typed password is not sent back');
  const wrong = await agent.post('/gestion/securite/activer', { password: concierge.password, code: wrongCode(secret) });
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /id="erreur-code"[^>]*>.*Ce code n’est pas le bon/s);
  const malformed = await agent.post('/gestion/securite/activer', { password: concierge.password, code: '12a456' });
  assert.equal(malformed.statusCode, 422);
  assert.match(malformed.body, /Tapez les 6 chiffres affichés par l’application/);
  assert.equal((await db.selectFrom('accounts').select('totp_enabled_at').where('id', '=', concierge.id).executeTakeFirstOrThrow()).totp_enabled_at, null);

  const code = codeAt(secret, nowMs());
  const enabled = await agent.post('/gestion/securite/activer', { password: concierge.password, code: `${code.slice(0, 3)} ${code.slice(3)}` });
  assert.equal(enabled.statusCode, 303);
  assert.match((await agent.get('/gestion')).body, /La validation en deux étapes est activée/);
  assert.equal((await elsewhere.get('/gestion')).statusCode, 303, 'a session opened with the password alone ends');
  const after = await agent.get('/gestion/securite');
  assert.match(after.body, /Activée depuis le/);
  assert.doesNotMatch(after.body, /totp-secret|qr-code/, 'the key is never shown again');
});

test('with a second step, the password alone logs nobody in; the code then does', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  fixClock(t, '2026-06-15T11:00:05Z');
  const { account, secret } = await loggedInWithTotp(app, db, config);

  const agent = new Agent(app);
  const first = await agent.post('/connexion', { email: account.email, password: account.password, retour: '/gestion/commerces' }, '/connexion');
  assert.equal(first.statusCode, 303);
  assert.equal(first.headers.location, '/connexion/code');
  const refused = await agent.get('/gestion');
  assert.equal(refused.statusCode, 303, 'half logged in opens nothing');
  assert.match(String(refused.headers.location), /^\/connexion\?retour=/);
  const sessions = await db.selectFrom('sessions').select('account_id').where('account_id', '=', account.id).execute();
  assert.equal(sessions.length, 1, 'only the session that set it up is logged in');

  const page = await agent.get('/connexion/code');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Code de validation/);
  assert.match(page.body, /autocomplete="one-time-code"/);
  const second = await agent.post('/connexion/code', { code: codeAt(secret, nowMs() + STEP_MS) });
  assert.equal(second.statusCode, 303, 'a code of the next step is accepted (a phone a little ahead)');
  assert.equal(second.headers.location, '/gestion/commerces', 'then the page asked first');
  assert.equal((await agent.get('/gestion')).statusCode, 200);
});

test('a wrong code is refused and counted like a wrong password, and a right password does not wipe the count', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  fixClock(t, '2026-06-15T12:00:05Z');
  const { account, secret } = await loggedInWithTotp(app, db, config);

  const agent = new Agent(app);
  await agent.login(account.email, account.password);
  const wrong = await agent.post('/connexion/code', { code: wrongCode(secret) }, '/connexion/code');
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /Ce code n’est pas le bon/);
  assert.equal((await agent.get('/gestion')).statusCode, 303, 'still not logged in');
  assert.equal(await failuresOf(db, account.email), 1);

  // Logging in again with the right password gives no fresh tries at the code.
  const again = new Agent(app);
  await again.login(account.email, account.password);
  assert.equal(await failuresOf(db, account.email), 1);
  for (let tries = 2; tries <= 5; tries += 1) await again.post('/connexion/code', { code: wrongCode(secret) }, '/connexion/code');
  assert.equal(await failuresOf(db, account.email), 5);
  const locked = await again.post('/connexion/code', { code: codeAt(secret, nowMs()) }, '/connexion/code');
  assert.equal(locked.statusCode, 429, 'after five wrong codes even the right one waits');
  assert.match(locked.body, /Trop d’essais avec cette adresse/);
  const lockedPassword = await new Agent(app).post('/connexion', { email: account.email, password: account.password }, '/connexion');
  assert.equal(lockedPassword.statusCode, 429, 'and so does the password');

  startClockAt(new Date(nowMs() + 61_000).toISOString());
  const right = await again.post('/connexion/code', { code: codeAt(secret, nowMs()) }, '/connexion/code');
  assert.equal(right.statusCode, 303);
  assert.equal(await failuresOf(db, account.email), 0, 'a right code clears the count');
});

test('a code is accepted once: the same code again is refused, the next one is accepted', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  fixClock(t, '2026-06-15T13:00:05Z');
  const { account, secret } = await loggedInWithTotp(app, db, config);
  // The setup used the code of this step: the next login waits for the next step's code.
  startClockAt('2026-06-15T13:00:35Z');
  const code = codeAt(secret, nowMs());

  const first = new Agent(app);
  await first.login(account.email, account.password);
  assert.equal((await first.post('/connexion/code', { code }, '/connexion/code')).statusCode, 303);

  const replay = new Agent(app);
  await replay.login(account.email, account.password);
  const refused = await replay.post('/connexion/code', { code }, '/connexion/code');
  assert.equal(refused.statusCode, 401);
  assert.match(refused.body, /Ce code a déjà servi/);
  assert.equal((await replay.get('/gestion')).statusCode, 303);
  const older = await replay.post('/connexion/code', { code: codeAt(secret, nowMs() - STEP_MS) }, '/connexion/code');
  assert.equal(older.statusCode, 401, 'nor an older one still inside the window');

  startClockAt('2026-06-15T13:01:05Z');
  const next = await replay.post('/connexion/code', { code: codeAt(secret, nowMs()) }, '/connexion/code');
  assert.equal(next.statusCode, 303);
  assert.equal((await replay.get('/gestion')).statusCode, 200);
});

test('the code must come within five minutes of the password', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  fixClock(t, '2026-06-15T14:00:05Z');
  const { account, secret } = await loggedInWithTotp(app, db, config);
  const agent = new Agent(app);
  await agent.login(account.email, account.password);
  const token = await agent.csrfToken('/connexion/code');

  startClockAt('2026-06-15T14:06:05Z');
  const late = await agent.post('/connexion/code', { code: codeAt(secret, nowMs()), _csrf: token });
  assert.equal(late.statusCode, 303);
  assert.equal(late.headers.location, '/connexion');
  assert.match((await agent.get('/connexion')).body, /Le délai pour taper le code est dépassé/);
  assert.equal((await agent.get('/gestion')).statusCode, 303);

  // Without a pending step the code page is the password page, and a visitor writes no session.
  const visitor = await app.inject({ method: 'GET', url: '/connexion/code' });
  assert.equal(visitor.statusCode, 303);
  assert.equal(visitor.headers.location, '/connexion');
  assert.equal(visitor.headers['set-cookie'], undefined);
});

test('a reset link does not skip the second step', async (t) => {
  const inbox = await startSmtpServer();
  t.after(inbox.close);
  const { app, db, config, close } = await buildTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port) });
  t.after(close);
  fixClock(t, '2026-06-15T15:00:05Z');
  const { account, secret } = await loggedInWithTotp(app, db, config);
  await new Agent(app).post('/mot-de-passe-oublie', { email: account.email }, '/mot-de-passe-oublie');
  const transport = createTransport(config)!;
  t.after(() => transport.close());
  await sendDueMails(db, transport, config);
  const [mail] = await inbox.waitForMails(1);
  const path = new URL(linkIn(mail, config.baseUrl)).pathname;

  const agent = new Agent(app);
  const chosen = await agent.post(path, { password: 'quatre mots sans rapport', password_confirm: 'quatre mots sans rapport' }, path);
  assert.equal(chosen.statusCode, 303);
  assert.equal(chosen.headers.location, '/connexion/code');
  assert.equal((await agent.get('/gestion')).statusCode, 303, 'the new password alone opens nothing');
  startClockAt('2026-06-15T15:00:35Z');
  assert.equal((await agent.post('/connexion/code', { code: codeAt(secret, nowMs()) }, '/connexion/code')).statusCode, 303);
  assert.equal((await agent.get('/gestion')).statusCode, 200);
});

test('turning the second step off asks a current code', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  fixClock(t, '2026-06-15T16:00:05Z');
  const account = await makeAccount(db, config, 'town');
  const agent = new Agent(app);
  await agent.login(account.email, account.password);
  const secret = await setUpTotp(agent, account.password);

  startClockAt('2026-06-15T16:00:35Z');
  const wrong = await agent.post('/gestion/securite/desactiver', { code: wrongCode(secret) }, '/gestion/securite');
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /Ce code n’est pas le bon/);
  const off = await agent.post('/gestion/securite/desactiver', { code: codeAt(secret, nowMs()) }, '/gestion/securite');
  assert.equal(off.statusCode, 303);
  const [row] = await db.selectFrom('accounts').select(['totp_secret', 'totp_enabled_at']).where('id', '=', account.id).execute();
  assert.deepEqual(row, { totp_secret: null, totp_enabled_at: null });
  const next = await new Agent(app).login(account.email, account.password);
  assert.equal(next.headers.location, '/gestion', 'the password alone logs in again');
});

test('residents and merchants never see the setup page', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  for (const role of ['resident', 'merchant'] as const) {
    const account = await makeAccount(db, config, role);
    const agent = new Agent(app);
    await agent.login(account.email, account.password);
    assert.equal((await agent.get('/gestion/securite')).statusCode, 404, role);
    const token = await agent.csrfToken('/connexion');
    assert.equal((await agent.post('/gestion/securite/nouveau-code', { _csrf: token })).statusCode, 404, role);
    assert.equal((await db.selectFrom('accounts').select('totp_secret').where('id', '=', account.id).executeTakeFirstOrThrow()).totp_secret, null);
  }
  assert.equal((await new Agent(app).get('/gestion/securite')).statusCode, 303, 'a visitor is asked to log in');
});

test('REQUIRE_TOTP_FOR_STAFF sends a concierge to set it up and opens nothing else of the back office until done', async (t) => {
  const { app, db, config, close } = await buildTestApp({ REQUIRE_TOTP_FOR_STAFF: 'true' });
  t.after(close);
  fixClock(t, '2026-06-15T17:00:05Z');
  const concierge = await makeAccount(db, config, 'concierge');
  const agent = new Agent(app);
  const login = await agent.login(concierge.email, concierge.password);
  assert.equal(login.headers.location, '/gestion/securite');
  for (const path of ['/gestion', '/gestion/commandes', '/gestion/commerces', '/ville/argent', '/boutique']) {
    const response = await agent.get(path);
    assert.equal(response.statusCode, 303, path);
    assert.equal(response.headers.location, '/gestion/securite', path);
  }
  const page = await agent.get('/gestion/securite');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /obligatoire pour les comptes de la conciergerie et de la ville/);

  const secret = await setUpTotp(agent, concierge.password);
  assert.equal((await agent.get('/gestion')).statusCode, 200);
  assert.equal((await agent.get('/gestion/commandes')).statusCode, 200);
  assert.doesNotMatch((await agent.get('/gestion/securite')).body, /action="\/gestion\/securite\/desactiver"/, 'it cannot be turned off');
  startClockAt('2026-06-15T17:00:35Z');
  const off = await agent.post('/gestion/securite/desactiver', { code: codeAt(secret, nowMs()) });
  assert.equal(off.statusCode, 422);
  assert.match(off.body, /ne peut pas être désactivée/);

  // Residents are not concerned.
  const resident = await makeAccount(db, config, 'resident');
  const residentAgent = new Agent(app);
  assert.equal((await residentAgent.login(resident.email, resident.password)).headers.location, '/compte');
  assert.equal((await residentAgent.get('/compte')).statusCode, 200);
});

test('a lost phone: remove-login-code takes the second step off from the command line, ends the sessions and tells the owner', async (t) => {
  const { app, db, config, databaseUrl, close } = await buildTestApp();
  t.after(close);
  fixClock(t, '2026-06-15T10:00:05Z');
  const { account } = await loggedInWithTotp(app, db, config);
  assert.ok((await db.selectFrom('sessions').select('id').where('account_id', '=', account.id).execute()).length > 0, 'a session is open');
  const env = { NODE_ENV: 'test', DATABASE_URL: databaseUrl, CLOCK_START: '2026-06-15T10:00:05Z' };

  const missing = await runCli(['remove-login-code'], env);
  assert.equal(missing.code, 2);
  assert.match(plain(missing.output), /Indiquez l’adresse e-mail du compte : npm run remove-login-code -- --email=/);
  const unknown = await runCli(['remove-login-code', '--email=personne@exemple.fr'], env);
  assert.equal(unknown.code, 1);
  assert.match(plain(unknown.output), /Aucun compte avec l’adresse personne@exemple\.fr : rien n’a été changé\./);

  const removed = await runCli(['remove-login-code', `--email=${account.email.toUpperCase()}`], env);
  assert.equal(removed.code, 0, removed.output);
  assert.match(plain(removed.output), /Code de connexion retiré du compte de .+ : ses sessions sont fermées et un courriel l’en prévient\./);
  const row = await db.selectFrom('accounts').select(['totp_secret', 'totp_enabled_at']).where('id', '=', account.id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { totp_secret: null, totp_enabled_at: null });
  assert.equal((await db.selectFrom('sessions').select('id').where('account_id', '=', account.id).execute()).length, 0, 'every session ended');
  const mail = await db.selectFrom('outbox').selectAll().where('recipient', '=', account.email).where('subject', '=', 'Le code de connexion de votre compte a été retiré').executeTakeFirstOrThrow();
  assert.match(plain(mail.text_body), /le lundi 15 juin à 12 h/);
  assert.match(plain(mail.text_body), /appelez la conciergerie au 04 42 55 00 00 sans attendre/);

  // The password alone opens the account again; a second removal has nothing to do.
  const again = new Agent(app);
  await again.login(account.email, account.password);
  assert.equal((await again.get('/gestion')).statusCode, 200);
  const twice = await runCli(['remove-login-code', `--email=${account.email}`], env);
  assert.equal(twice.code, 1);
  assert.match(plain(twice.output), /ne demande pas de code à six chiffres : rien n’a été changé\./);
});
