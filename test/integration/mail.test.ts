// The outbox: a mail is written in the transaction of the change that causes it and sent
// by the worker through a real SMTP server, once, even with two workers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, createTestDatabase } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { startSmtpServer } from '../helpers/server.ts';
import { loadConfig } from '../../src/config.ts';
import { createTransport, mailJobs, outboxMessageId, queueMail, renderMail, sendDueMails, signatureOf } from '../../src/platform/mail/mail.ts';
import { listMails } from '../../src/platform/mail/outbox.repository.ts';
import { plain } from '../helpers/text.ts';

async function setUp(t: { after: (fn: () => unknown) => void }, options: { refuse?: boolean } = {}) {
  const inbox = await startSmtpServer(options);
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.databaseUrl, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port) });
  const transport = createTransport(config)!;
  t.after(async () => {
    transport.close();
    await inbox.close();
    await database.drop();
  });
  return { inbox, db: database.db, config, transport };
}

const CONTENT = { subject: 'Votre commande est prête', paragraphs: ['Bonjour Éric,', 'Votre commande vous attend au comptoir.', 'https://conciergerie.istres.example/compte'] };

test('a queued mail reaches the SMTP server with its text, HTML and signature', async (t) => {
  const { inbox, db, config, transport } = await setUp(t);
  await queueMail(db, 'eric@exemple.fr', CONTENT, signatureOf(config));
  assert.equal(await sendDueMails(db, transport, config), 1);
  const [mail] = await inbox.waitForMails(1);
  assert.equal(mail.subject, 'Votre commande est prête');
  assert.equal(mail.from?.text, '"Conciergerie d’Istres" <conciergerie@istres.example>');
  assert.match(mail.text ?? '', /Bonjour Éric,\n\nVotre commande vous attend au comptoir\./);
  assert.match(plain(mail.text ?? ''), /Téléphone : 04 42 55 00 00/);
  assert.match(String(mail.html), /<html lang="fr">/);
  assert.match(String(mail.html), /<a href="https:\/\/conciergerie\.istres\.example\/compte"/);
  const [row] = await listMails(db, 10);
  assert.equal(row.status, 'sent');
  assert.ok(row.sentAt);
  assert.equal(await sendDueMails(db, transport, config), 0, 'a sent mail is not sent again');
});

test('a mail sent again after a crash carries the same Message-ID, its outbox id', async (t) => {
  const { inbox, db, config, transport } = await setUp(t);
  const id = await queueMail(db, 'eric@exemple.fr', CONTENT, signatureOf(config));
  assert.equal(await sendDueMails(db, transport, config), 1);
  // A worker killed after the SMTP server accepted the mail but before it was marked sent:
  // the mail is back in the queue once its claim has lapsed.
  await db.updateTable('outbox').set({ status: 'pending', sent_at: null, next_attempt_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
  assert.equal(await sendDueMails(db, transport, config), 1);
  const mails = await inbox.waitForMails(2);
  assert.equal(outboxMessageId(id, config.mailFrom), `<${id}@istres.example>`);
  assert.deepEqual(mails.map((mail) => mail.messageId), [`<${id}@istres.example>`, `<${id}@istres.example>`]);
});

test('a rolled-back change sends no mail', async (t) => {
  const { inbox, db, config, transport } = await setUp(t);
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await queueMail(trx, 'eric@exemple.fr', CONTENT, signatureOf(config));
      throw new Error('the order could not be saved');
    }),
    /could not be saved/,
  );
  assert.equal(await sendDueMails(db, transport, config), 0);
  assert.equal(inbox.mails.length, 0);
  assert.deepEqual(await listMails(db, 10), []);
});

test('a refused mail stays in the outbox with its error and waits before the next try', async (t) => {
  const { db, config, transport } = await setUp(t, { refuse: true });
  await queueMail(db, 'inconnu@exemple.fr', CONTENT, signatureOf(config));
  assert.equal(await sendDueMails(db, transport, config), 0);
  const [row] = await listMails(db, 10);
  assert.equal(row.status, 'pending');
  assert.equal(row.attempts, 1);
  assert.match(row.lastError ?? '', /Mailbox unavailable|550/);
  assert.equal(await sendDueMails(db, transport, config), 0, 'not retried at once');
  assert.equal((await listMails(db, 10))[0].attempts, 1);
});

test('two workers at once send each mail exactly once', async (t) => {
  const { inbox, db, config, transport } = await setUp(t);
  const secondTransport = createTransport(config)!;
  t.after(() => secondTransport.close());
  for (let i = 1; i <= 12; i += 1) await queueMail(db, `adherent${i}@exemple.fr`, { subject: `Message ${i}`, paragraphs: ['Bonjour.'] }, signatureOf(config));
  const [first, second] = await Promise.all([sendDueMails(db, transport, config, 8), sendDueMails(db, secondTransport, config, 8)]);
  const rest = await sendDueMails(db, transport, config, 20);
  assert.equal(first + second + rest, 12);
  await inbox.waitForMails(12);
  await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  const subjects = inbox.mails.map((mail) => mail.subject).sort();
  assert.equal(subjects.length, 12);
  assert.equal(new Set(subjects).size, 12);
});

test('the mail-sending job of the app sends the mails it finds, without being asked', async (t) => {
  const inbox = await startSmtpServer();
  t.after(inbox.close);
  const { app, db, config, close } = await buildTestApp({ MAIL_WORKER: 'true', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port) });
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  await new Agent(app).post('/mot-de-passe-oublie', { email: resident.email }, '/mot-de-passe-oublie');
  const [mail] = await inbox.waitForMails(1, 15_000);
  assert.equal(mail.subject, 'Choisir un nouveau mot de passe');
});

test('an account created without a password gets its invitation by mail', async (t) => {
  const { inbox, db, config, transport } = await setUp(t);
  const { createAccount } = await import('../../src/platform/auth/auth.service.ts');
  await createAccount(db, config, { email: 'nouvelle@exemple.fr', role: 'merchant', displayName: 'Nadia Benali' });
  await sendDueMails(db, transport, config);
  const [mail] = await inbox.waitForMails(1);
  assert.equal(mail.subject, 'Votre compte à la Conciergerie d’Istres');
  assert.match(mail.text ?? '', /Commerçant/);
  assert.match(mail.text ?? '', /\/mot-de-passe\/[A-Za-z0-9_-]{43}/);
});

test('without an SMTP server the mails stay in the outbox to be read', async (t) => {
  const database = await createTestDatabase();
  t.after(database.drop);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.databaseUrl });
  assert.equal(createTransport(config), undefined);
  assert.deepEqual(mailJobs(config), [], 'no job sends without SMTP');
  await queueMail(database.db, 'eric@exemple.fr', CONTENT, signatureOf(config));
  const [mail] = await listMails(database.db, 10);
  assert.deepEqual([mail.status, mail.recipient, mail.subject], ['pending', 'eric@exemple.fr', CONTENT.subject]);
});

test('mail HTML escapes what people typed and keeps it readable', () => {
  const { text, html } = renderMail(
    { subject: 'Question <urgent>', paragraphs: ['Message de « Dupont & fils » :\n<script>alert(1)</script>', 'https://exemple.fr/a?b=1&c=2'] },
    { name: 'Conciergerie d’Istres', phone: '04 42 55 00 00', address: '12 rue Hôtel de Ville, 13800 Istres' },
  );
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
  assert.match(html, /Dupont &#38; fils/);
  assert.match(html, /<br>/);
  assert.match(html, /href="https:\/\/exemple\.fr\/a\?b=1&#38;c=2"/);
  assert.match(html, /<title>Question &#60;urgent&#62;<\/title>/);
  assert.match(text, /<script>alert\(1\)<\/script>/, 'the plain text keeps the words as typed');
  assert.match(plain(text), /Téléphone : 04 42 55 00 00$/);
});
