// Choosing a password through a reset or invitation link: one a guesser would try early is
// refused in French next to the field, and nothing changes (the link still works, the old
// password too); a good one is accepted.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { linkIn, startSmtpServer, type SmtpInbox } from '../helpers/server.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { createAccount } from '../../src/platform/auth/auth.service.ts';
import { createTransport, sendDueMails } from '../../src/platform/mail/mail.ts';

async function setUp(t: TestContext) {
  const inbox = await startSmtpServer();
  t.after(inbox.close);
  const built = await buildTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port) });
  t.after(built.close);
  const transport = createTransport(built.config)!;
  t.after(() => transport.close());
  return { ...built, inbox, transport };
}

async function resetLinkPath(app: FastifyInstance, db: Db, config: Config, inbox: SmtpInbox, transport: NonNullable<ReturnType<typeof createTransport>>, email: string): Promise<string> {
  const before = inbox.mails.length;
  await new Agent(app).post('/mot-de-passe-oublie', { email }, '/mot-de-passe-oublie');
  await sendDueMails(db, transport, config);
  const mails = await inbox.waitForMails(before + 1);
  return new URL(linkIn(mails[before], config.baseUrl)).pathname;
}

/** The message shown right beside the password field (linked to it by aria-describedby). */
function passwordError(html: string): string | undefined {
  return /<p class="field__error" id="erreur-password">(.*?)<\/p>/s.exec(html)?.[1].replace(/<[^>]+>/g, '');
}

const WEAK: Array<[password: string, message: RegExp]> = [
  ['aaaaaaaaaa', /suit un motif facile à deviner/],
  ['azerty1234', /fait partie des plus utilisés/],
  ['motdepasse123', /fait partie des plus utilisés/],
  // The local part of the address, with a year after it.
  ['josette.martin1952', /contient votre nom ou votre adresse e-mail/],
  // The name, in other letters and without its accent.
  ['Hélène Martin chez elle', /contient votre nom ou votre adresse e-mail/],
  ['conciergerie2026', /contient votre nom ou votre adresse e-mail \(ou le nom de la conciergerie\)/],
];

test('a password too easy to guess is refused next to its field, in French, and nothing changes', async (t) => {
  const { app, db, config, inbox, transport } = await setUp(t);
  const resident = await makeAccount(db, config, 'resident', { email: 'josette.martin@exemple.fr', displayName: 'Josette Hélène Martin' });
  const path = await resetLinkPath(app, db, config, inbox, transport, resident.email);
  const [before] = await db.selectFrom('accounts').select('password_hash').where('id', '=', resident.id).execute();

  const agent = new Agent(app);
  for (const [password, message] of WEAK) {
    const response = await agent.post(path, { password, password_confirm: password }, path);
    assert.equal(response.statusCode, 422, password);
    const shown = passwordError(response.body);
    assert.ok(shown, `${password}: a message beside the password field`);
    assert.match(shown, message, password);
    assert.match(response.body, /aria-describedby="erreur-password"/);
  }
  // Nine characters are refused by length before anything else.
  const short = await agent.post(path, { password: 'azerty123', password_confirm: 'azerty123' }, path);
  assert.equal(short.statusCode, 422);
  assert.match(passwordError(short.body) ?? '', /au moins 10 caractères/);

  const [after] = await db.selectFrom('accounts').select('password_hash').where('id', '=', resident.id).execute();
  assert.equal(after.password_hash, before.password_hash, 'the password did not change');
  assert.equal((await new Agent(app).get(path)).statusCode, 200, 'the link still works');
  await new Agent(app).login(resident.email, resident.password);
});

test('a password hard to guess is accepted and logs in', async (t) => {
  const { app, db, config, inbox, transport } = await setUp(t);
  const resident = await makeAccount(db, config, 'resident', { email: 'josette.martin@exemple.fr', displayName: 'Josette Martin' });
  const path = await resetLinkPath(app, db, config, inbox, transport, resident.email);
  const chosen = await new Agent(app).post(path, { password: 'le vélo bleu de la place', password_confirm: 'le vélo bleu de la place' }, path);
  assert.equal(chosen.statusCode, 303);
  assert.equal(chosen.headers.location, '/compte');
  await new Agent(app).login(resident.email, 'le vélo bleu de la place');
});

test('the invitation of a new merchant refuses a weak password the same way', async (t) => {
  const { app, db, config, inbox, transport } = await setUp(t);
  await createAccount(db, config, { email: 'nadia.benali@exemple.fr', role: 'merchant', displayName: 'Nadia Benali' });
  await sendDueMails(db, transport, config);
  const [mail] = await inbox.waitForMails(1);
  const path = new URL(linkIn(mail, config.baseUrl)).pathname;
  const agent = new Agent(app);
  const weak = await agent.post(path, { password: 'nadiabenali', password_confirm: 'nadiabenali' }, path);
  assert.equal(weak.statusCode, 422);
  assert.match(passwordError(weak.body) ?? '', /contient votre nom ou votre adresse e-mail/);
  const good = await agent.post(path, { password: 'trois pommes sur le buffet', password_confirm: 'trois pommes sur le buffet' }, path);
  assert.equal(good.statusCode, 303);
  assert.equal(good.headers.location, '/boutique');
});
