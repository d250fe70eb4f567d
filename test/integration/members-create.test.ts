// The concierge registers members: phone-only residents, a site access that mails an
// invitation whose link works (read from the mail a real SMTP server received: the outbox
// never holds it), every refusal next to its field with the typed values kept, one member
// per submission however often it is sent; then edits, disables and re-enables.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Transporter } from 'nodemailer';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { linkIn, startSmtpServer, type SmtpInbox } from '../helpers/server.ts';
import { createTransport, sendDueMails } from '../../src/platform/mail/mail.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
let inbox: SmtpInbox;
let transport: Transporter;

before(async () => {
  inbox = await startSmtpServer();
  ctx = await buildTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port) });
  transport = createTransport(ctx.config)!;
  concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
});

after(async () => {
  transport.close();
  await ctx.close();
  await inbox.close();
});

/** A complete form as the concierge fills it, with the key of a freshly shown form. */
async function newMemberForm(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  const page = await concierge.get('/gestion/adherents/nouveau');
  assert.equal(page.statusCode, 200);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(concierge.lastHtml)?.[1];
  assert.ok(key, 'the form carries an idempotency key');
  return {
    idempotency_key: key,
    first_name: 'Marcelle',
    last_name: 'Péré',
    phone: '0442123456',
    email: '',
    address_line: '7 rue de la Cathédrale',
    postal_code: '13800',
    city: 'Istres',
    kind: 'resident',
    notes: 'Préfère être appelée le matin.',
    ...overrides,
  };
}

async function membersNamed(lastName: string) {
  return ctx.db.selectFrom('members').selectAll().where('last_name', '=', lastName).execute();
}

async function mailsTo(recipient: string) {
  return ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', recipient).execute();
}

/** Sends the outbox to the SMTP server and returns the path of the last password link `email` received. */
async function receivedLinkPath(email: string): Promise<string> {
  await sendDueMails(ctx.db, transport, ctx.config);
  const received = inbox.mails.filter((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.text === email));
  assert.ok(received.length > 0, `a mail reached ${email}`);
  return new URL(linkIn(received[received.length - 1], ctx.config.baseUrl)).pathname;
}

/** Follows the invitation mailed to `email`, like the member would, and returns their logged-in agent. */
async function acceptInvitation(email: string, password: string): Promise<Agent> {
  const path = await receivedLinkPath(email);
  assert.match(path, /^\/mot-de-passe\/[A-Za-z0-9_-]+$/, 'the invitation carries a password link');
  const agent = new Agent(ctx.app);
  const response = await agent.post(path, { password, password_confirm: password }, path);
  assert.equal(response.statusCode, 303);
  return agent;
}

function memberIdOf(location: string | undefined): string {
  const id = /^\/gestion\/adherents\/([0-9a-f-]{36})$/.exec(location ?? '')?.[1];
  assert.ok(id, `redirected to a member card, got ${location}`);
  return id;
}

test('a resident with only a phone is registered, phone normalised, and shown on their card', async () => {
  const response = await concierge.post('/gestion/adherents/nouveau', await newMemberForm());
  assert.equal(response.statusCode, 303);
  const id = memberIdOf(response.headers.location as string);
  const [row] = await membersNamed('Péré');
  assert.equal(row.id, id);
  assert.equal(row.phone, '04 42 12 34 56');
  assert.equal(row.email, null);
  const card = await concierge.get(`/gestion/adherents/${id}`);
  assert.match(card.body, /Adhérent enregistré\./);
  assert.match(card.body, /<h1>Marcelle Péré<\/h1>/);
  assert.match(card.body, /href="tel:0442123456"/);
  assert.match(card.body, /7 rue de la Cathédrale, 13800 Istres/);
  assert.match(card.body, /Préfère être appelée le matin\./);
  assert.match(card.body, /n’a pas d’accès au site/);
  assert.match(card.body, /ajoutez d’abord son adresse e-mail/);
});

test('without phone nor e-mail the form says so next to the phone and keeps what was typed', async () => {
  const response = await concierge.post('/gestion/adherents/nouveau', await newMemberForm({ phone: '', last_name: 'Sanscontact' }));
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-phone"[^>]*>.*Indiquez au moins un numéro de téléphone ou une adresse e-mail/s);
  assert.match(response.body, /value="Sanscontact"/);
  assert.match(response.body, /Préfère être appelée le matin\./);
  assert.equal((await membersNamed('Sanscontact')).length, 0);
});

test('a malformed phone or postal code is refused next to its field', async () => {
  const response = await concierge.post('/gestion/adherents/nouveau', await newMemberForm({ phone: '12', postal_code: '138', last_name: 'Malforme' }));
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-phone"/);
  assert.match(response.body, /id="erreur-postal_code"[^>]*>.*code postal à 5 chiffres/s);
  assert.match(response.body, /value="12"/);
});

test('an e-mail already used by another member is refused, values kept', async () => {
  await makeMember(ctx.db, { email: 'deja@exemple.fr' });
  const response = await concierge.post('/gestion/adherents/nouveau', await newMemberForm({ email: 'Deja@Exemple.fr', last_name: 'Doublon' }));
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-email"[^>]*>.*déjà celle d’un autre adhérent/s);
  assert.match(response.body, /value="Deja@Exemple.fr"/);
  assert.equal((await membersNamed('Doublon')).length, 0);
});

test('a site access needs an e-mail; an e-mail used by another account is refused', async () => {
  const noEmail = await concierge.post('/gestion/adherents/nouveau', await newMemberForm({ open_access: 'on', last_name: 'Sansmail' }));
  assert.equal(noEmail.statusCode, 422);
  assert.match(noEmail.body, /id="erreur-email"[^>]*>.*Pour ouvrir un accès au site, indiquez une adresse e-mail/s);
  assert.match(noEmail.body, /name="open_access" type="checkbox" checked/);
  const merchant = await makeAccount(ctx.db, ctx.config, 'merchant');
  const taken = await concierge.post('/gestion/adherents/nouveau', await newMemberForm({ open_access: 'on', email: merchant.email, last_name: 'Prise' }));
  assert.equal(taken.statusCode, 422);
  assert.match(taken.body, /déjà utilisée par un autre compte/);
  assert.equal((await membersNamed('Prise')).length, 0, 'the member is rolled back with the account');
  assert.equal((await membersNamed('Sansmail')).length, 0);
});

test('the same form sent twice creates one member', async () => {
  const form = await newMemberForm({ last_name: 'Deuxfois', phone: '06 77 88 99 00' });
  const first = await concierge.post('/gestion/adherents/nouveau', form);
  const second = await concierge.post('/gestion/adherents/nouveau', form);
  assert.equal(first.statusCode, 303);
  assert.equal(second.statusCode, 303);
  assert.equal(second.headers.location, first.headers.location);
  assert.equal((await membersNamed('Deuxfois')).length, 1);
});

test('a member with a site access gets an invitation whose link lets them choose a password and log in', async () => {
  const email = 'jeanne.roux@exemple.fr';
  const form = await newMemberForm({ first_name: 'Jeanne', last_name: 'Roux', email, phone: '', open_access: 'on' });
  const response = await concierge.post('/gestion/adherents/nouveau', form);
  assert.equal(response.statusCode, 303);
  const id = memberIdOf(response.headers.location as string);
  assert.equal((await concierge.post('/gestion/adherents/nouveau', form)).headers.location, response.headers.location);
  const mails = await mailsTo(email);
  assert.equal(mails.length, 1, 'one invitation, even for a double submission');
  assert.equal(mails[0].status, 'pending');
  const card = await concierge.get(`/gestion/adherents/${id}`);
  assert.match(plain(card.body), /Invitation envoyée : mot de passe pas encore choisi/);

  assert.doesNotMatch(mails[0].text_body, /\/mot-de-passe\//, 'the outbox keeps no password link');
  const path = await receivedLinkPath(email);
  assert.match(path, /^\/mot-de-passe\/[A-Za-z0-9_-]{43}$/, 'the mail received carries a password link');
  const jeanne = new Agent(ctx.app);
  assert.equal((await jeanne.get(path)).statusCode, 200);
  const chosen = await jeanne.post(path, { password: 'une phrase facile à retenir', password_confirm: 'une phrase facile à retenir' });
  assert.equal(chosen.statusCode, 303);
  assert.equal(chosen.headers.location, '/compte');
  const account = await jeanne.get('/compte');
  assert.equal(account.statusCode, 200);
  assert.match(account.body, /Jeanne Roux/);
  assert.match(account.body, /jeanne\.roux@exemple\.fr/);

  const loggedAgain = new Agent(ctx.app);
  await loggedAgain.login(email, 'une phrase facile à retenir');
  const after = await concierge.get(`/gestion/adherents/${id}`);
  assert.match(after.body, /<dd>Actif<\/dd>/);
  assert.match(plain(after.body), /Dernière connexion<\/dt><dd>\p{L}+ \d{1,2} \p{L}+( \d{4})? à \d{1,2} h( \d{2})?<\/dd>/u);
});

test('the concierge edits a member; a refused change keeps the typed values', async () => {
  const id = await makeMember(ctx.db, { firstName: 'Paul', lastName: 'Arnaud', phone: '06 11 11 11 11' });
  const edit = await concierge.get(`/gestion/adherents/${id}/modifier`);
  assert.equal(edit.statusCode, 200);
  assert.match(edit.body, /value="Arnaud"/);
  const base = { first_name: 'Paul', last_name: 'Arnaud-Blanc', phone: '', email: '', address_line: '', postal_code: '', city: 'Istres', kind: 'employee', notes: '' };
  const refused = await concierge.post(`/gestion/adherents/${id}/modifier`, base);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /value="Arnaud-Blanc"/);
  assert.match(refused.body, /Indiquez au moins un numéro de téléphone/);
  const saved = await concierge.post(`/gestion/adherents/${id}/modifier`, { ...base, phone: '06 22 22 22 22' });
  assert.equal(saved.statusCode, 303);
  const card = await concierge.get(`/gestion/adherents/${id}`);
  assert.match(card.body, /Paul Arnaud-Blanc/);
  assert.match(plain(card.body), /06 22 22 22 22/);
  assert.match(card.body, /Salarié d’une entreprise de la zone d’activités/);
  const found = await concierge.get('/gestion/adherents?q=0622222222');
  assert.match(found.body, /ARNAUD-BLANC Paul/, 'the search text follows the edit');
});

test('the login e-mail of a member who chose a password is not changed from the back office: a reset link sent there would take the account', async () => {
  const id = await makeMember(ctx.db, { firstName: 'Élodie', lastName: 'Marchetti', email: 'elodie.marchetti@exemple.fr', phone: '06 33 33 33 33' });
  await makeAccount(ctx.db, ctx.config, 'resident', { memberId: id, email: 'elodie.marchetti@exemple.fr' });
  const base = { first_name: 'Élodie', last_name: 'Marchetti', phone: '06 33 33 33 33', address_line: '', postal_code: '', city: 'Istres', kind: 'resident', notes: '' };
  const refused = await concierge.post(`/gestion/adherents/${id}/modifier`, { ...base, email: 'boite.a.moi@exemple.fr' }, `/gestion/adherents/${id}/modifier`);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /ne peut pas être changée depuis la conciergerie, pour que personne d’autre ne puisse prendre son compte\. Remettez elodie\.marchetti@exemple\.fr\./);
  assert.match(refused.body, /value="boite\.a\.moi@exemple\.fr"/, 'what was typed is kept');
  const account = await ctx.db.selectFrom('accounts').select('email').where('member_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(account.email, 'elodie.marchetti@exemple.fr');
  // The same address in capitals, with the phone changed, is saved.
  const saved = await concierge.post(`/gestion/adherents/${id}/modifier`, { ...base, phone: '06 44 44 44 44', email: 'Elodie.Marchetti@exemple.fr' }, `/gestion/adherents/${id}/modifier`);
  assert.equal(saved.statusCode, 303);
});

test('an access opened later can be disabled, which logs the resident out at once, and re-enabled', async () => {
  const id = await makeMember(ctx.db, { firstName: 'Louis', lastName: 'Garcin', email: 'louis.garcin@exemple.fr' });
  const opened = await concierge.post(`/gestion/adherents/${id}/acces`, {}, `/gestion/adherents/${id}`);
  assert.equal(opened.statusCode, 303);
  assert.equal((await mailsTo('louis.garcin@exemple.fr')).length, 1);
  await concierge.post(`/gestion/adherents/${id}/acces`, {}, `/gestion/adherents/${id}`);
  assert.equal((await mailsTo('louis.garcin@exemple.fr')).length, 1, 'a second click opens nothing more');

  const resident = await acceptInvitation('louis.garcin@exemple.fr', 'le train de sept heures');
  assert.equal((await resident.get('/compte')).statusCode, 200);

  const disabled = await concierge.post(`/gestion/adherents/${id}/acces/desactiver`, {}, `/gestion/adherents/${id}`);
  assert.equal(disabled.statusCode, 303);
  const card = await concierge.get(`/gestion/adherents/${id}`);
  assert.match(card.body, /Accès désactivé\. L’adhérent a été déconnecté\./);
  assert.match(card.body, /<dd>Désactivé<\/dd>/);
  const kicked = await resident.get('/compte');
  assert.equal(kicked.statusCode, 303, 'the resident session ended');
  await assert.rejects(new Agent(ctx.app).login('louis.garcin@exemple.fr', 'le train de sept heures'));

  await concierge.post(`/gestion/adherents/${id}/acces/reactiver`, {}, `/gestion/adherents/${id}`);
  await new Agent(ctx.app).login('louis.garcin@exemple.fr', 'le train de sept heures');
});

test('access actions refuse extra fields and members without access', async () => {
  const id = await makeMember(ctx.db);
  const extra = await concierge.post(`/gestion/adherents/${id}/acces/desactiver`, { account_id: 'x' }, `/gestion/adherents/${id}`);
  assert.equal(extra.statusCode, 400);
  const none = await concierge.post(`/gestion/adherents/${id}/acces/desactiver`, {}, `/gestion/adherents/${id}`);
  assert.equal(none.statusCode, 404);
});
