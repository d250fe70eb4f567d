// Members' segments, consent to news (opt-in, dated), the news mail to a segment through the
// outbox with its unsubscribe link and List-Unsubscribe headers, and the retention job.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { startSmtpServer } from '../helpers/server.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { PERSONAL_DATA_HOLDERS, jobsOf } from '../../src/app.ts';
import { createTransport, sendDueMails } from '../../src/platform/mail/mail.ts';
import { nowIso } from '../../src/platform/clock.ts';

let ctx: TestApp;
let concierge: Agent;
let resident: Agent;
let residentMemberId: string;
const ids: Record<string, string> = {};

before(async () => {
  ctx = await buildTestApp();
  const staff = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(staff.email, staff.password);
  residentMemberId = await makeMember(ctx.db, { firstName: 'Odile', lastName: 'Sauvaire', email: 'odile.sauvaire@exemple.fr' });
  const account = await makeAccount(ctx.db, ctx.config, 'resident', { email: 'odile.sauvaire@exemple.fr', memberId: residentMemberId });
  resident = new Agent(ctx.app);
  await resident.login(account.email, account.password);
  ids.employeeYes = await makeMember(ctx.db, { firstName: 'Aline', lastName: 'Employée', email: 'aline@exemple.fr', kind: 'employee' });
  ids.employeeNo = await makeMember(ctx.db, { firstName: 'Bruno', lastName: 'Employé', email: 'bruno@exemple.fr', kind: 'employee' });
  ids.employeeNoMail = await makeMember(ctx.db, { firstName: 'Carla', lastName: 'Employée', kind: 'employee' });
  ids.residentYes = await makeMember(ctx.db, { firstName: 'Denis', lastName: 'Résident', email: 'denis@exemple.fr', city: 'Entressen', postalCode: '13118' });
  for (const id of [ids.employeeYes, ids.employeeNoMail, ids.residentYes]) {
    assert.equal((await concierge.post(`/gestion/adherents/${id}/nouvelles/accord`, {}, `/gestion/adherents/${id}`)).statusCode, 303);
  }
});

after(() => ctx.close());

async function memberRow(id: string) {
  return ctx.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

test('consent is opt-in and dated: given and withdrawn by the member in one click', async () => {
  assert.equal((await memberRow(residentMemberId)).consent_news_at, null, 'no consent by default');
  let page = await resident.get('/compte');
  assert.match(plain(page.body), /Vous ne recevez pas les nouvelles/);
  assert.equal((await resident.post('/compte/nouvelles/accepter', {})).statusCode, 303);
  const given = await memberRow(residentMemberId);
  assert.ok(given.consent_news_at && given.consent_news_at <= nowIso());
  assert.equal(given.consent_news_source, 'self');
  page = await resident.get('/compte');
  assert.match(plain(page.body), /Vous recevez les nouvelles de la conciergerie par courriel depuis le/);
  assert.equal((await resident.post('/compte/nouvelles/refuser', {}, '/compte')).statusCode, 303);
  assert.equal((await memberRow(residentMemberId)).consent_news_at, null);
});

test('the concierge records a consent given by telephone, dated, shown on the card', async () => {
  const row = await memberRow(ids.employeeYes);
  assert.equal(row.consent_news_source, 'phone');
  const card = await concierge.get(`/gestion/adherents/${ids.employeeYes}`);
  assert.match(plain(card.body), /Accord donné par téléphone le/);
});

test('segments filter the list: employees, hamlet, seniors, consent', async () => {
  const employees = visibleText((await concierge.get('/gestion/adherents?groupe=employees')).body);
  assert.match(employees, /Aline/);
  assert.match(employees, /Bruno/);
  assert.doesNotMatch(employees, /Denis/);
  const hamlet = visibleText((await concierge.get('/gestion/adherents?groupe=hamlet')).body);
  assert.match(hamlet, /Denis/);
  assert.doesNotMatch(hamlet, /Aline/);
  await concierge.post(`/gestion/adherents/${ids.employeeNo}/senior`, {}, `/gestion/adherents/${ids.employeeNo}`);
  const seniors = visibleText((await concierge.get('/gestion/adherents?groupe=seniors')).body);
  assert.match(seniors, /Bruno/);
  assert.doesNotMatch(seniors, /Aline/);
  const consent = visibleText((await concierge.get('/gestion/adherents?groupe=consent')).body);
  assert.match(consent, /Aline/);
  assert.doesNotMatch(consent, /Bruno/);
  const inactive = visibleText((await concierge.get('/gestion/adherents?groupe=inactive')).body);
  assert.match(inactive, /Aline/, 'no order at all: inactive');
  assert.equal((await concierge.get('/gestion/adherents?groupe=nimportequoi')).statusCode, 400);
});

test('a news mail goes only to the segment’s members who agreed and have an e-mail, once per key, with a working unsubscribe link', async (t) => {
  const draft = { segment: 'employees', subject: 'Nouveaux horaires', body: 'La conciergerie ouvre le samedi.\n\nÀ bientôt.' };
  const preview = await concierge.post('/gestion/adherents/lettre/apercu', draft, '/gestion/adherents/lettre');
  const key = /name="idempotency_key" value="([^"]+)"/.exec(preview.body)![1];
  const form = { ...draft, idempotency_key: key };
  assert.equal(preview.statusCode, 200);
  assert.match(plain(preview.body), /Elle partira à 1 adhérent\./);
  assert.equal(await ctx.db.selectFrom('outbox').select('id').where('subject', '=', 'Nouveaux horaires').execute().then((rows) => rows.length), 0, 'the preview writes nothing');
  const sent = await concierge.post('/gestion/adherents/lettre/envoyer', form);
  assert.equal(sent.statusCode, 303);
  await concierge.post('/gestion/adherents/lettre/envoyer', form, '/gestion/adherents/lettre');
  const mails = await ctx.db.selectFrom('outbox').select(['recipient', 'text_body', 'headers']).where('subject', '=', 'Nouveaux horaires').execute();
  assert.deepEqual(mails.map((mail) => mail.recipient), ['aline@exemple.fr']);
  assert.match(mails[0].text_body, /Bonjour Aline Employée,/);

  // Through a real SMTP server: the headers of RFC 2369 and RFC 8058.
  const inbox = await startSmtpServer();
  t.after(() => inbox.close());
  const config = { ...ctx.config, smtp: { host: '127.0.0.1', port: inbox.port, secure: false, user: '', password: '' } };
  const transport = createTransport(config as typeof ctx.config)!;
  t.after(() => transport.close());
  await sendDueMails(ctx.db, transport, config as typeof ctx.config, 100);
  const received = (await inbox.waitForMails(1)).find((mail) => mail.subject === 'Nouveaux horaires')!;
  // A long header is folded over two lines (RFC 5322): unfold it before reading.
  const header = (name: string) => (received.headerLines.find((line) => line.key === name)?.line ?? '').replace(/\r?\n\s+/g, ' ');
  assert.match(header('list-unsubscribe'), /^List-Unsubscribe: <https?:\/\/\S+\/desabonnement\/\S+>$/);
  assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  const link = /https?:\/\/\S+\/desabonnement\/\S+/.exec(received.text ?? '')![0];
  const path = new URL(link).pathname;

  const visitor = new Agent(ctx.app);
  assert.equal((await visitor.get(path.replace(/.{4}$/, 'AAAA'))).statusCode, 404, 'a forged link names nothing');
  const page = await visitor.get(path);
  assert.equal(page.statusCode, 200);
  assert.ok((await memberRow(ids.employeeYes)).consent_news_at, 'a GET never writes');
  // The mail program's one-click POST carries no CSRF token.
  const oneClick = await ctx.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
  assert.equal(oneClick.statusCode, 200);
  assert.equal((await memberRow(ids.employeeYes)).consent_news_at, null);
  const forged = await ctx.app.inject({ method: 'POST', url: path.replace(/.{4}$/, 'AAAA'), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
  assert.equal(forged.statusCode, 404);
});

test('retention: a dry-run report first, then the job erases the long-silent member only, never a staff-linked one', async () => {
  const old = await makeMember(ctx.db, { firstName: 'Gaston', lastName: 'Ancien', postalCode: '13800' });
  const staffLinked = await makeMember(ctx.db, { firstName: 'Hélène', lastName: 'Équipe', email: 'helene.equipe@exemple.fr' });
  await makeAccount(ctx.db, ctx.config, 'concierge', { email: 'helene.equipe@exemple.fr', memberId: staffLinked });
  const longAgo = '2019-01-15T10:00:00.000Z';
  await ctx.db.updateTable('members').set({ created_at: longAgo, updated_at: longAgo }).where('id', 'in', [old, staffLinked]).execute();
  const report = await concierge.get('/gestion/adherents/conservation');
  assert.equal(report.statusCode, 200);
  assert.match(plain(report.body), /1 adhérent serait effacé\./);
  assert.equal((await memberRow(old)).erased_at, null, 'the report erases nothing');
  const job = jobsOf(ctx.config).find((one) => one.name === 'member-retention')!;
  await job.run({ db: ctx.db, config: ctx.config, log: { error: () => undefined } });
  assert.ok((await memberRow(old)).erased_at);
  assert.equal((await memberRow(old)).first_name, 'Adhérent effacé');
  assert.equal((await memberRow(staffLinked)).erased_at, null, 'a staff account’s member is never erased by the job');
  assert.equal((await memberRow(ids.employeeNo)).erased_at, null, 'a recent member stays');
  const log = await ctx.db.selectFrom('member_erasures').select(['reason']).where('member_id', '=', old).executeTakeFirstOrThrow();
  assert.equal(log.reason, 'retention');
  assert.ok(PERSONAL_DATA_HOLDERS.length >= 5);
  const after = await concierge.get('/gestion/adherents/conservation');
  assert.match(plain(after.body), /Personne à effacer aujourd’hui\./);
  assert.match(plain(after.body), /la tâche de conservation/);
});
