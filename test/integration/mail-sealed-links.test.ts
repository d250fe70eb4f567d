// A password link is a credential: no concierge reads it in « Courriels envoyés » and no
// outbox row holds it (a database dump), yet the mail a real SMTP server receives carries a
// working link. Before, any concierge could ask a reset for another concierge and open it.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedMail } from 'mailparser';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { linkIn, startSmtpServer, type SmtpInbox } from '../helpers/server.ts';
import { createTransport, sendDueMails } from '../../src/platform/mail/mail.ts';

const BASE_URL = 'https://conciergerie.istres.example';
const PLACEHOLDER = '[lien personnel envoyé au destinataire seulement]';

interface World extends TestApp {
  inbox: SmtpInbox;
  send: (settings?: { sessionSecret: string }) => Promise<number>;
}

async function world(t: TestContext, options: { refuse?: boolean } = {}): Promise<World> {
  const inbox = await startSmtpServer(options);
  t.after(inbox.close);
  const app = await buildTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port), BASE_URL });
  t.after(app.close);
  const transport = createTransport(app.config)!;
  t.after(() => transport.close());
  const send = (settings: { sessionSecret: string } = app.config) => sendDueMails(app.db, transport, { mailFrom: app.config.mailFrom, ...settings });
  return { ...app, inbox, send };
}

async function loggedIn(app: TestApp, role: 'concierge' | 'merchant' | 'resident' | 'town'): Promise<{ agent: Agent; id: string; email: string }> {
  const account = await makeAccount(app.db, app.config, role);
  const agent = new Agent(app.app);
  await agent.login(account.email, account.password);
  return { agent, id: account.id, email: account.email };
}

/** Every column of every outbox row, as one text a dump would show. */
async function outboxDump(app: TestApp): Promise<string> {
  return JSON.stringify(await app.db.selectFrom('outbox').selectAll().execute());
}

function tokenOf(mail: ParsedMail): string {
  const link = linkIn(mail, BASE_URL);
  const token = /\/mot-de-passe\/([A-Za-z0-9_-]{43})$/.exec(link)?.[1];
  assert.ok(token, `a password link in the mail received: ${link}`);
  return token;
}

/** The viewer's list and the mail's own page, as the concierge sees them. */
async function viewerPages(concierge: Agent, mailId: string): Promise<string> {
  const list = await concierge.get('/gestion/courriels');
  const page = await concierge.get(`/gestion/courriels/${mailId}`);
  assert.equal(page.statusCode, 200);
  return `${list.body}${page.body}`;
}

test('a concierge who asks a reset for another concierge reads no link; the owner receives one that works', async (t) => {
  const app = await world(t);
  const { agent: intruder } = await loggedIn(app, 'concierge');
  const victim = await makeAccount(app.db, app.config, 'concierge');
  await new Agent(app.app).post('/mot-de-passe-oublie', { email: victim.email }, '/mot-de-passe-oublie');

  const [row] = await app.db.selectFrom('outbox').selectAll().where('recipient', '=', victim.email).execute();
  assert.ok(row.text_body.includes(PLACEHOLDER), 'the stored text says where the link goes');
  assert.ok(row.html_body.includes(PLACEHOLDER), 'so does the stored HTML');
  assert.ok(row.sealed_link, 'the link waits sealed for the worker');
  const before = await viewerPages(intruder, row.id);
  assert.ok(before.includes(PLACEHOLDER));
  assert.doesNotMatch(before, /\/mot-de-passe\/[A-Za-z0-9_-]/);
  assert.match(before, /Un lien de mot de passe n’apparaît jamais ici/);

  assert.equal(await app.send(), 1);
  const [mail] = await app.inbox.waitForMails(1);
  const token = tokenOf(mail);
  assert.ok(String(mail.html).includes(`href="${BASE_URL}/mot-de-passe/${token}"`), 'the HTML sent has the link as a button');
  assert.ok(!(mail.text ?? '').includes(PLACEHOLDER) && !String(mail.html).includes(PLACEHOLDER), 'the placeholder is not sent');

  const after = await viewerPages(intruder, row.id);
  assert.ok(!after.includes(token), 'the viewer never shows the token');
  const dump = await outboxDump(app);
  assert.ok(!dump.includes(token), 'no outbox column holds the token');
  const sent = await app.db.selectFrom('outbox').select(['status', 'sealed_link']).where('id', '=', row.id).executeTakeFirstOrThrow();
  assert.deepEqual(sent, { status: 'sent', sealed_link: null }, 'the seal is dropped once the mail has left');
  assert.ok(!JSON.stringify(await app.db.selectFrom('password_resets').selectAll().execute()).includes(token), 'the link is kept as a hash only');

  const path = `/mot-de-passe/${token}`;
  const chosen = await new Agent(app.app).post(path, { password: 'le secret de la victime', password_confirm: 'le secret de la victime' }, path);
  assert.equal(chosen.statusCode, 303);
  await new Agent(app.app).login(victim.email, 'le secret de la victime');
});

test('an invitation mail shows no link in the viewer nor in the outbox, and the one received works', async (t) => {
  const app = await world(t);
  const { agent: concierge } = await loggedIn(app, 'concierge');
  const memberId = await makeMember(app.db, { firstName: 'Odile', lastName: 'Vasseur', email: 'odile.vasseur@exemple.fr' });
  const opened = await concierge.post(`/gestion/adherents/${memberId}/acces`, {}, `/gestion/adherents/${memberId}`);
  assert.equal(opened.statusCode, 303);
  const [row] = await app.db.selectFrom('outbox').select(['id', 'text_body']).where('recipient', '=', 'odile.vasseur@exemple.fr').execute();
  assert.ok(row.text_body.includes(PLACEHOLDER));
  assert.doesNotMatch(await outboxDump(app), /\/mot-de-passe\//);

  assert.equal(await app.send(), 1);
  const [mail] = await app.inbox.waitForMails(1);
  assert.match(mail.text ?? '', /valable sept jours/);
  const token = tokenOf(mail);
  assert.ok(!(await viewerPages(concierge, row.id)).includes(token));
  assert.ok(!(await outboxDump(app)).includes(token));
  assert.equal((await app.db.selectFrom('outbox').select('sealed_link').where('id', '=', row.id).executeTakeFirstOrThrow()).sealed_link, null);

  const path = `/mot-de-passe/${token}`;
  const odile = new Agent(app.app);
  const chosen = await odile.post(path, { password: 'la tisane du soir au coin du feu', password_confirm: 'la tisane du soir au coin du feu' }, path);
  assert.equal(chosen.statusCode, 303);
  assert.equal(chosen.headers.location, '/compte');
});

test('a sealed link that no longer opens (another SESSION_SECRET) is never sent, and its seal is dropped', async (t) => {
  const app = await world(t);
  const resident = await makeAccount(app.db, app.config, 'resident');
  await new Agent(app.app).post('/mot-de-passe-oublie', { email: resident.email }, '/mot-de-passe-oublie');
  assert.equal(await app.send({ sessionSecret: 'un tout autre secret de session, assez long' }), 0);
  assert.equal(app.inbox.mails.length, 0, 'a mail without its link is worthless: nothing is sent');
  const row = await app.db.selectFrom('outbox').select(['status', 'sealed_link', 'last_error']).executeTakeFirstOrThrow();
  assert.equal(row.status, 'failed');
  assert.equal(row.sealed_link, null);
  assert.match(row.last_error ?? '', /SESSION_SECRET a changé/);
});

test('a seal copied onto a mail to another address does not open', async (t) => {
  const app = await world(t);
  const victim = await makeAccount(app.db, app.config, 'concierge');
  const intruder = await makeAccount(app.db, app.config, 'concierge');
  await new Agent(app.app).post('/mot-de-passe-oublie', { email: victim.email }, '/mot-de-passe-oublie');
  // Someone who can write to the database re-addresses the reset mail to themselves.
  await app.db.updateTable('outbox').set({ recipient: intruder.email }).execute();
  assert.equal(await app.send(), 0);
  assert.equal(app.inbox.mails.length, 0);
  assert.equal((await app.db.selectFrom('outbox').select('status').executeTakeFirstOrThrow()).status, 'failed');
});

test('a mail given up after its last attempt drops its sealed link', async (t) => {
  const app = await world(t, { refuse: true });
  const resident = await makeAccount(app.db, app.config, 'resident');
  await new Agent(app.app).post('/mot-de-passe-oublie', { email: resident.email }, '/mot-de-passe-oublie');
  assert.equal(await app.send(), 0);
  let row = await app.db.selectFrom('outbox').select(['status', 'sealed_link']).executeTakeFirstOrThrow();
  assert.equal(row.status, 'pending', 'a refused mail is tried again');
  assert.ok(row.sealed_link, 'and keeps its link until then');
  await app.db.updateTable('outbox').set({ attempts: 7, next_attempt_at: '2000-01-01T00:00:00.000Z' }).execute();
  assert.equal(await app.send(), 0);
  row = await app.db.selectFrom('outbox').select(['status', 'sealed_link']).executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'failed', sealed_link: null });
});
