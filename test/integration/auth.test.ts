import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { linkIn, startSmtpServer } from '../helpers/server.ts';
import { disableAccount } from '../../src/platform/auth/auth.service.ts';
import { lockMinutesAfter } from '../../src/platform/auth/login-throttle.ts';
import { nowMs, startClockAt } from '../../src/platform/clock.ts';
import { createTransport, sendDueMails } from '../../src/platform/mail/mail.ts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { plain } from '../helpers/text.ts';

/** A page every visitor can open, whose header shows whether they are logged in. */
const ANY_PAGE = '/connexion';

function isLoggedIn(html: string): boolean {
  return html.includes('action="/deconnexion"');
}

function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = (response.cookies as Array<{ name: string; value: string }>).find((item) => item.name === 'conciergerie_session');
  if (!cookie) throw new Error('no session cookie set');
  return `conciergerie_session=${cookie.value}`;
}

async function pageWithCookie(app: FastifyInstance, cookie: string): Promise<string> {
  return (await app.inject({ method: 'GET', url: ANY_PAGE, headers: { cookie } })).body;
}

test('a concierge logs in with the real form and is sent to the back office', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const concierge = await makeAccount(db, config, 'concierge');
  const agent = new Agent(app);
  const response = await agent.login(concierge.email, concierge.password);
  assert.equal(response.headers.location, '/gestion');
});

test('a wrong password keeps the e-mail typed and says so in French', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const agent = new Agent(app);
  const response = await agent.post('/connexion', { email: resident.email, password: 'pas le bon' }, '/connexion');
  assert.equal(response.statusCode, 401);
  assert.match(response.body, /Adresse e-mail ou mot de passe incorrect/);
  assert.match(response.body, new RegExp(`value="${resident.email}"`));
});

test('a form posted without its CSRF token is refused', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  const response = await app.inject({ method: 'POST', url: '/connexion', payload: 'email=a%40b.fr&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(response.statusCode, 403);
  assert.match(response.body, /Le formulaire a expiré/);
});

test('logging out ends the session on the server, not only in the browser', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const agent = new Agent(app);
  const cookie = sessionCookieOf(await agent.login(resident.email, resident.password));
  assert.ok(isLoggedIn(await pageWithCookie(app, cookie)));

  const response = await agent.post('/deconnexion', {}, ANY_PAGE);
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/');
  assert.match((await agent.get('/')).body, /Vous êtes déconnecté/);
  // The cookie kept from before (a copy, a stolen one) opens nothing any more.
  assert.ok(!isLoggedIn(await pageWithCookie(app, cookie)));
  const left = await db.selectFrom('sessions').select('id').where('account_id', '=', resident.id).execute();
  assert.deepEqual(left, []);
});

test('disabling an account refuses its open session at once, and its next login', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const merchant = await makeAccount(db, config, 'merchant');
  const agent = new Agent(app);
  await agent.login(merchant.email, merchant.password);
  assert.ok(isLoggedIn((await agent.get(ANY_PAGE)).body));

  await disableAccount(db, merchant.id);
  assert.ok(!isLoggedIn((await agent.get(ANY_PAGE)).body));
  const again = await agent.post('/connexion', { email: merchant.email, password: merchant.password }, '/connexion');
  assert.equal(again.statusCode, 403);
  assert.match(again.body, /Ce compte est désactivé/);
  assert.ok(!isLoggedIn(again.body));
});

test('a forgotten password is reset through the link of a real e-mail', async (t) => {
  const inbox = await startSmtpServer();
  t.after(inbox.close);
  const { app, db, config, close } = await buildTestApp({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(inbox.port),
    BASE_URL: 'https://conciergerie.istres.example',
  });
  t.after(close);
  const resident = await makeAccount(db, config, 'resident', { displayName: 'Josette Martin' });
  const visitor = new Agent(app);
  const asked = await visitor.post('/mot-de-passe-oublie', { email: resident.email }, '/mot-de-passe-oublie');
  assert.equal(asked.statusCode, 200);
  assert.match(asked.body, /Si un compte existe avec cette adresse/);

  const transport = createTransport(config)!;
  t.after(() => transport.close());
  assert.equal(await sendDueMails(db, transport, config), 1);
  const [mail] = await inbox.waitForMails(1);
  assert.equal(mail.subject, 'Choisir un nouveau mot de passe');
  assert.equal((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text, resident.email);
  assert.match(mail.text ?? '', /Bonjour Josette Martin,/);
  assert.match(plain(mail.text ?? ''), /04 42 55 00 00/);
  const link = linkIn(mail, config.baseUrl);
  assert.ok(String(mail.html).includes(link), 'the HTML part carries the same link');
  const path = new URL(link).pathname;

  const page = await visitor.get(path);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Choisir un mot de passe/);
  const mismatch = await visitor.post(path, { password: 'un nouveau mot de passe', password_confirm: 'un autre' });
  assert.equal(mismatch.statusCode, 422);
  assert.match(mismatch.body, /Les deux mots de passe ne sont pas identiques/);
  const chosen = await visitor.post(path, { password: 'un nouveau mot de passe', password_confirm: 'un nouveau mot de passe' });
  assert.equal(chosen.statusCode, 303);
  assert.equal(chosen.headers.location, '/compte');
  assert.ok(isLoggedIn((await visitor.get(ANY_PAGE)).body));

  const fresh = new Agent(app);
  await fresh.login(resident.email, 'un nouveau mot de passe');
  const old = await new Agent(app).post('/connexion', { email: resident.email, password: resident.password }, '/connexion');
  assert.equal(old.statusCode, 401);
});

test('a password link works once only', async (t) => {
  const inbox = await startSmtpServer();
  t.after(inbox.close);
  const { app, db, config, close } = await buildTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port) });
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  await new Agent(app).post('/mot-de-passe-oublie', { email: resident.email }, '/mot-de-passe-oublie');
  const transport = createTransport(config)!;
  t.after(() => transport.close());
  await sendDueMails(db, transport, config);
  const [mail] = await inbox.waitForMails(1);
  const path = new URL(linkIn(mail, config.baseUrl)).pathname;

  const first = await new Agent(app).post(path, { password: 'premier mot de passe', password_confirm: 'premier mot de passe' }, path);
  assert.equal(first.statusCode, 303);
  const reopened = await new Agent(app).get(path);
  assert.equal(reopened.statusCode, 422);
  assert.match(reopened.body, /Ce lien n’est plus valable/);
  const second = await new Agent(app).post(path, { password: 'second mot de passe', password_confirm: 'second mot de passe' }, '/mot-de-passe-oublie');
  assert.equal(second.statusCode, 422);
  assert.match(second.body, /Ce lien n’est plus valable/);
  await new Agent(app).login(resident.email, 'premier mot de passe');
});

test('asking a reset for an unknown address answers the same and sends nothing', async (t) => {
  const { app, db, close } = await buildTestApp();
  t.after(close);
  const response = await new Agent(app).post('/mot-de-passe-oublie', { email: 'personne@exemple.fr' }, '/mot-de-passe-oublie');
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /Si un compte existe avec cette adresse/);
  assert.deepEqual(await db.selectFrom('outbox').select('id').execute(), []);
});

test('too many login attempts are refused for a minute, in French', async (t) => {
  const { app, db, config, close } = await buildTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const agent = new Agent(app);
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const response = await agent.post('/connexion', { email: resident.email, password: `essai ${attempt}` }, '/connexion');
    assert.equal(response.statusCode, 401, `attempt ${attempt}`);
  }
  const token = await agent.csrfToken('/connexion');
  const blocked = await agent.post('/connexion', { email: resident.email, password: resident.password, _csrf: token });
  assert.equal(blocked.statusCode, 429);
  assert.match(blocked.body, /Trop de tentatives\. Patientez une minute/);
  assert.match(blocked.body, /<html lang="fr"/);
  assert.ok(!isLoggedIn(blocked.body));
});

test('wrong passwords are counted per account: changing address does not give more tries', async (t) => {
  // Behind one proxy whose X-Forwarded-For each try changes, as an attacker would.
  const { app, db, config, close } = await buildTestApp({ TRUST_PROXY: '127.0.0.1' });
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const neighbour = await makeAccount(db, config, 'resident');
  const from = (index: number) => new Agent(app, { 'x-forwarded-for': `203.0.113.${index}` });
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const response = await from(attempt).post('/connexion', { email: resident.email.toUpperCase(), password: `essai ${attempt}` }, '/connexion');
    assert.equal(response.statusCode, 401, `attempt ${attempt}`);
  }
  const locked = await from(99).post('/connexion', { email: resident.email, password: resident.password }, '/connexion');
  assert.equal(locked.statusCode, 429, 'even the right password waits');
  assert.match(plain(locked.body), /Trop d’essais avec cette adresse\. Réessayez dans 1 min, choisissez un nouveau mot de passe avec le lien « Mot de passe oublié ou premier accès \? », ou appelez la conciergerie\./);
  assert.ok(!isLoggedIn(locked.body));
  await from(100).login(neighbour.email, neighbour.password);

  // A minute later the owner logs in, and the count starts again.
  startClockAt(new Date(nowMs() + 61_000).toISOString());
  t.after(() => startClockAt(undefined));
  await from(101).login(resident.email, resident.password);
  assert.equal((await db.selectFrom('login_throttles').selectAll().where('email', '=', resident.email.toLowerCase()).execute()).length, 0);
});

test('a stranger who locks an address does not keep its owner out: a new password through the mailed link ends the wait', async (t) => {
  const inbox = await startSmtpServer();
  t.after(inbox.close);
  const { app, db, config, close } = await buildTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port) });
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const stranger = new Agent(app);
  for (let attempt = 1; attempt <= 6; attempt += 1) await stranger.post('/connexion', { email: resident.email, password: `essai ${attempt}` }, '/connexion');
  const owner = new Agent(app);
  assert.equal((await owner.post('/connexion', { email: resident.email, password: resident.password }, '/connexion')).statusCode, 429);

  await owner.post('/mot-de-passe-oublie', { email: resident.email }, '/mot-de-passe-oublie');
  const transport = createTransport(config)!;
  t.after(() => transport.close());
  await sendDueMails(db, transport, config);
  const [mail] = await inbox.waitForMails(1);
  const path = new URL(linkIn(mail, config.baseUrl)).pathname;
  await owner.get(path);
  const chosen = await owner.post(path, { password: 'une soupe au pistou bien chaude', password_confirm: 'une soupe au pistou bien chaude' });
  assert.equal(chosen.statusCode, 303);
  const again = new Agent(app);
  await again.login(resident.email, 'une soupe au pistou bien chaude');
  assert.ok(isLoggedIn((await again.get(ANY_PAGE)).body), 'the owner logs in at once on another device');
});

test('a guesser waits longer after each further wrong password', () => {
  assert.deepEqual([1, 4, 5, 6, 7, 8, 9, 10, 30].map(lockMinutesAfter), [0, 0, 1, 2, 4, 8, 15, 15, 15]);
});

test('a reset link is mailed a few times an hour at most, whoever asks', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  for (let ask = 1; ask <= 5; ask += 1) {
    const asked = await new Agent(app).post('/mot-de-passe-oublie', { email: resident.email }, '/mot-de-passe-oublie');
    assert.match(asked.body, /Si un compte existe avec cette adresse/, 'the answer never changes');
  }
  const mails = await db.selectFrom('outbox').select('id').where('recipient', '=', resident.email).execute();
  assert.equal(mails.length, 3);
});

test('in production the session cookie is Secure, over HTTPS behind a trusted proxy', async (t) => {
  const { app, db, config, close } = await buildTestApp({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-more-than-32-characters', BASE_URL: 'https://conciergerie.istres.example', PAYMENT_PROVIDER: 'none', TRUST_PROXY: '127.0.0.1', CLOCK_START: '' });
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const response = await new Agent(app, { 'x-forwarded-proto': 'https' }).login(resident.email, resident.password);
  const setCookie = [response.headers['set-cookie']].flat().find((value) => value?.startsWith('conciergerie_session='));
  assert.ok(setCookie, 'the login sets the session cookie');
  assert.match(setCookie, /;\s*Secure/i);
});

test('a visitor who only reads pages with forms writes no session; their form still posts', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const visitor = new Agent(app);
  for (const path of ['/connexion', '/mot-de-passe-oublie', '/', '/commerces']) assert.equal((await visitor.get(path)).statusCode, 200, path);
  const sessions = async () => (await db.selectFrom('sessions').select('id').execute()).length;
  assert.equal(await sessions(), 0);
  await visitor.login(resident.email, resident.password);
  assert.equal(await sessions(), 1, 'the session begins at login');
});

test('a CSRF token is good only with the browser it was given to', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const attacker = new Agent(app);
  const foreignToken = await attacker.csrfToken('/connexion');
  const victim = new Agent(app);
  await victim.get('/connexion');
  const forged = await victim.post('/connexion', { email: resident.email, password: resident.password, _csrf: foreignToken });
  assert.equal(forged.statusCode, 403);
  assert.ok(!isLoggedIn((await victim.get(ANY_PAGE)).body));
});

test('pages carry the security headers, with no inline script allowed', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  const response = await app.inject({ method: 'GET', url: '/connexion' });
  const csp = String(response.headers['content-security-policy']);
  const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values] as const));
  const scripts = directives.get('script-src') ?? directives.get('default-src');
  assert.ok(scripts, csp);
  assert.ok(!scripts.includes("'unsafe-inline'") && !scripts.includes("'unsafe-eval'"), csp);
  assert.ok(!(directives.get('style-src') ?? []).includes("'unsafe-inline'"), csp);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.ok(response.headers['referrer-policy']);
  assert.ok(response.headers['strict-transport-security']);
  assert.equal(response.headers['x-powered-by'], undefined);
  // What the policy forbids must not be in the page either.
  assert.doesNotMatch(response.body, /<script(?![^>]*\ssrc=)[^>]*>/);
  assert.doesNotMatch(response.body, /\sstyle="/);
});

test('the session cookie is HttpOnly and SameSite=Lax', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const response = await new Agent(app).login(resident.email, resident.password);
  const setCookie = [response.headers['set-cookie']].flat().find((value) => value?.startsWith('conciergerie_session='));
  assert.ok(setCookie, 'the login sets the session cookie');
  assert.match(setCookie, /;\s*HttpOnly/i);
  assert.match(setCookie, /;\s*SameSite=Lax/i);
  assert.match(setCookie, /;\s*Path=\//i);
});

test('after login, only a path of this site is followed, never another site', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const concierge = await makeAccount(db, config, 'concierge');
  const form = await new Agent(app).get('/connexion?retour=//evil.example');
  assert.doesNotMatch(form.body, /evil\.example/);
  // Browsers drop tabs and newlines from a URL and read « \\ » as « / »: each of these leaves the site.
  for (const retour of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '/\t/evil.example/x', '/\n/evil.example', '/\r\n/evil.example', '/\t\\evil.example', '\\/evil.example']) {
    const response = await new Agent(app).post('/connexion', { email: concierge.email, password: concierge.password, retour }, '/connexion');
    assert.equal(response.statusCode, 303, retour);
    assert.equal(response.headers.location, '/gestion', retour);
  }
  const local = await new Agent(app).post('/connexion', { email: concierge.email, password: concierge.password, retour: '/commerces?page=2' }, '/connexion');
  assert.equal(local.headers.location, '/commerces?page=2');
  const form2 = await new Agent(app).get(`/connexion?retour=${encodeURIComponent('/\t/evil.example/x')}`);
  assert.doesNotMatch(form2.body, /evil\.example/, 'the form does not carry it either');
});

/** Asks a reset link for `email` and returns its path, read from the mail a real SMTP server received. */
async function resetLinkPath(t: import('node:test').TestContext, app: FastifyInstance, db: import('../../src/db/index.ts').Db, config: import('../../src/config.ts').Config, inbox: Awaited<ReturnType<typeof startSmtpServer>>, email: string, count: number): Promise<string> {
  await new Agent(app).post('/mot-de-passe-oublie', { email }, '/mot-de-passe-oublie');
  const transport = createTransport(config)!;
  t.after(() => transport.close());
  await sendDueMails(db, transport, config);
  const mails = await inbox.waitForMails(count);
  return new URL(linkIn(mails[count - 1], config.baseUrl)).pathname;
}

test('a new password ends every other session of the account and revokes its other links', async (t) => {
  const inbox = await startSmtpServer();
  t.after(inbox.close);
  const { app, db, config, close } = await buildTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port) });
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const other = await makeAccount(db, config, 'resident');
  // Someone who knew the old password is logged in elsewhere.
  const intruder = new Agent(app);
  await intruder.login(resident.email, resident.password);
  const bystander = new Agent(app);
  await bystander.login(other.email, other.password);
  const firstLink = await resetLinkPath(t, app, db, config, inbox, resident.email, 1);
  const secondLink = await resetLinkPath(t, app, db, config, inbox, resident.email, 2);
  assert.notEqual(firstLink, secondLink);

  const chosen = await new Agent(app).post(secondLink, { password: 'un tout nouveau secret', password_confirm: 'un tout nouveau secret' }, secondLink);
  assert.equal(chosen.statusCode, 303);
  assert.ok(!isLoggedIn((await intruder.get(ANY_PAGE)).body), 'the session opened with the old password is over');
  assert.ok(isLoggedIn((await bystander.get(ANY_PAGE)).body), 'another account keeps its session');
  const older = await new Agent(app).get(firstLink);
  assert.equal(older.statusCode, 422, 'the other link is revoked');
  assert.match(older.body, /Ce lien n’est plus valable/);
});

test('a login form with an unexpected field is refused and logs nobody in', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const agent = new Agent(app);
  const response = await agent.post('/connexion', { email: resident.email, password: resident.password, role: 'concierge' }, '/connexion');
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /champ inattendu/);
  assert.ok(!isLoggedIn(response.body));
});
