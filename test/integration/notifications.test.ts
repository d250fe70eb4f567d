// « Courriels envoyés »: the concierge reads every mail of the outbox, newest first, with its
// state in French; a mail's text and its links; a calm notice when mails are not sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { queueMail, signatureOf } from '../../src/platform/mail/mail.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;

before(async () => {
  ctx = await buildTestApp();
  concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

async function queue(recipient: string, subject: string, paragraphs: string[], createdAt: string, status = 'pending'): Promise<string> {
  const id = await queueMail(ctx.db, recipient, { subject, paragraphs }, signatureOf(ctx.config));
  await ctx.db.updateTable('outbox').set({ created_at: createdAt, status }).where('id', '=', id).execute();
  return id;
}

test('the list shows every mail newest first, with recipient, subject, date and state in French', async () => {
  await queue('ancien@exemple.fr', 'Un ancien courriel', ['Bonjour.'], '2026-01-05T08:00:00.000Z', 'sent');
  await queue('echec@exemple.fr', 'Un courriel en échec', ['Bonjour.'], '2026-06-01T08:00:00.000Z', 'failed');
  await queue('marie@exemple.fr', 'Votre commande est prête', ['Bonjour Marie,', 'Votre commande vous attend au comptoir.'], '2026-12-04T17:30:00.000Z');
  const page = await concierge.get('/gestion/courriels');
  assert.equal(page.statusCode, 200);
  assert.equal((page.body.match(/<h1[\s>]/g) ?? []).length, 1);
  const newest = page.body.indexOf('Votre commande est prête');
  const middle = page.body.indexOf('Un courriel en échec');
  const oldest = page.body.indexOf('Un ancien courriel');
  assert.ok(newest > 0 && newest < middle && middle < oldest, 'newest first');
  assert.match(page.body, /marie@exemple\.fr/);
  assert.match(plain(page.body), /vendredi 4 décembre( 2026)? à 18 h 30/);
  assert.match(page.body, /En attente d’envoi/);
  assert.match(page.body, /Envoyé/);
  assert.match(page.body, /Échec/);
  assert.match(page.body, /les courriels ne partent pas, ils sont conservés ici/);
});

test('a mail shows its plain text and its links as real links', async () => {
  const link = `${ctx.config.baseUrl}/commerces/fromagerie-lou-cabanoun`;
  const id = await queue('paul@exemple.fr', 'Une nouvelle boutique à découvrir', ['Bonjour Paul <le voisin>,', 'Ouvrez ce lien :', link], '2026-03-02T09:15:00.000Z');
  const page = await concierge.get(`/gestion/courriels/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1>Une nouvelle boutique à découvrir<\/h1>/);
  assert.match(page.body, /<pre class="mail-body">Bonjour Paul &lt;le voisin>,/);
  assert.match(page.body, new RegExp(`<a href="${link}"[^>]*>${link}</a>`));
  assert.match(page.body, /paul@exemple\.fr/);
  assert.match(page.body, /href="\/gestion\/courriels"/);
});

test('the list is paginated 25 at a time', async () => {
  for (let index = 0; index < 25; index += 1) {
    await queue(`lot${index}@exemple.fr`, `Courriel du lot ${index}`, ['Bonjour.'], `2025-02-${String((index % 27) + 1).padStart(2, '0')}T10:00:00.000Z`);
  }
  const first = await concierge.get('/gestion/courriels');
  assert.equal((first.body.match(/<th scope="row">/g) ?? []).length, 25);
  assert.match(first.body, /Page 1 sur 2/);
  const second = await concierge.get('/gestion/courriels?page=2');
  assert.equal((second.body.match(/<th scope="row">/g) ?? []).length, 4);
});

test('an unknown mail is a 404; other roles cannot read mails', async () => {
  assert.equal((await concierge.get('/gestion/courriels/0190a0a0-0000-7000-8000-000000000000')).statusCode, 404);
  const id = await queue('secret@exemple.fr', 'Privé', ['Bonjour.'], '2026-03-02T09:15:00.000Z');
  for (const role of ['resident', 'merchant', 'town'] as const) {
    const agent = new Agent(ctx.app);
    const account = await makeAccount(ctx.db, ctx.config, role);
    await agent.login(account.email, account.password);
    assert.equal((await agent.get('/gestion/courriels')).statusCode, 404, role);
    assert.equal((await agent.get(`/gestion/courriels/${id}`)).statusCode, 404, role);
  }
  assert.equal((await new Agent(ctx.app).get('/gestion/courriels')).statusCode, 303);
});

test('with an SMTP server configured, the notice about kept mails is not shown', async (t) => {
  const withSmtp = await buildTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '2525' });
  t.after(() => withSmtp.close());
  const agent = new Agent(withSmtp.app);
  const account = await makeAccount(withSmtp.db, withSmtp.config, 'concierge');
  await agent.login(account.email, account.password);
  const page = await agent.get('/gestion/courriels');
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /ne partent pas/);
});
