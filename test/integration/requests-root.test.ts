// What every request shares: a resident asks on « J'ai besoin de… », the concierge takes a
// request by phone or from a mail, answers a question, writes to the member; the member
// follows it on « Mes demandes » or through the link of their mail without logging in, rates
// it once; a status reached again never tells twice; a wait too long is reminded once. Every
// page answers « not found » to whoever may not read it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction } from '../../src/db/index.ts';
import { sendRequestReminders } from '../../src/requests/index.ts';
import { findRequest } from '../../src/requests/requests.repository.ts';
import { askForService, moveRequest } from '../../src/requests/requests.service.ts';
import { addSeconds, nowIso } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { signedToken } from '../../src/platform/signed-links.ts';
import { PERSONAL_LINK } from '../../src/platform/mail/mail.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeResident, type Resident } from '../helpers/orders.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { makeProvider } from '../helpers/shops.ts';

let ctx: TestApp;
let concierge: Agent;
let residentA: Resident;
let residentB: Resident;
let asA: Agent;
let asB: Agent;
let CONCIERGE: CurrentAccount;

const text = (html: string) => plain(visibleText(html));

function fieldValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no field ${name}`);
  return match[1];
}

async function mailsTo(recipient: string) {
  return ctx.db.selectFrom('outbox').select(['subject', 'text_body']).where('recipient', '=', recipient).orderBy('created_at').execute();
}

before(async () => {
  ctx = await buildTestApp();
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  CONCIERGE = { id: account.id, email: account.email, role: 'concierge', displayName: 'Sophie', shopId: null, memberId: null };
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
  residentA = await makeResident(ctx.db, ctx.config);
  residentB = await makeResident(ctx.db, ctx.config);
  asA = new Agent(ctx.app);
  await asA.login(residentA.email, residentA.password);
  asB = new Agent(ctx.app);
  await asB.login(residentB.email, residentB.password);
});
after(() => ctx.close());

test('a visitor sees the phone number and is asked to log in; a resident asks on one page', async () => {
  const visitor = new Agent(ctx.app);
  const page = await visitor.get('/besoin');
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body), /Appelez-nous au 04 42/);
  assert.doesNotMatch(page.body, /name="title"/);

  const form = await asA.get('/besoin');
  const key = fieldValue(form.body, 'idempotency_key');
  const fields = { idempotency_key: key, kind: 'advice', title: 'Un bon plombier ?', details: 'Pour un robinet qui fuit.' };
  const sent = await asA.post('/besoin', fields);
  assert.equal(sent.statusCode, 303);
  const again = await asA.post('/besoin', fields);
  assert.equal(again.headers.location, sent.headers.location, 'the same form sent twice is one request');
  const mine = await asA.get('/compte/demandes');
  assert.equal((mine.body.match(/Un bon plombier/g) ?? []).length, 1);
  const own = await asA.get(String(sent.headers.location));
  assert.match(text(own.body), /Nouvelle demande/);
  assert.equal((await asB.get(String(sent.headers.location))).statusCode, 404, 'another resident');
  assert.equal((await concierge.get(String(sent.headers.location))).statusCode, 404, 'the member page is the member’s');
});

test('bad input is said next to its field and keeps what was typed', async () => {
  const form = await asA.get('/besoin');
  const refused = await asA.post('/besoin', { idempotency_key: fieldValue(form.body, 'idempotency_key'), kind: 'plumbing', title: '', details: 'Le robinet de la cuisine' });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /Le robinet de la cuisine/);
  assert.match(refused.body, /id="erreur-title"/);
  assert.match(refused.body, /id="erreur-kind"/);
});

test('the concierge takes a request by phone; advice answered tells the member with a follow link nobody else reads', async () => {
  const search = await concierge.get(`/gestion/demandes/nouvelle?q=${encodeURIComponent('Martin')}`);
  assert.match(search.body, new RegExp(`adherent=${residentB.memberId}`));
  const form = await concierge.get(`/gestion/demandes/nouvelle?adherent=${residentB.memberId}`);
  const badDate = await concierge.post('/gestion/demandes/nouvelle', {
    idempotency_key: fieldValue(form.body, 'idempotency_key'),
    member_id: residentB.memberId,
    kind: 'advice',
    title: 'Trouver un électricien',
    details: '',
    channel: 'phone',
    due_date: '31/02/2026',
  });
  assert.equal(badDate.statusCode, 422);
  assert.match(text(badDate.body), /jj\/mm\/aaaa/);
  assert.match(badDate.body, /Trouver un électricien/);
  const created = await concierge.post('/gestion/demandes/nouvelle', {
    idempotency_key: fieldValue(badDate.body, 'idempotency_key'),
    member_id: residentB.memberId,
    kind: 'advice',
    title: 'Trouver un électricien',
    details: '',
    channel: 'phone',
    due_date: '18/12/2026',
  });
  assert.equal(created.statusCode, 303);
  const page = String(created.headers.location);
  const list = await concierge.get('/gestion/demandes');
  assert.match(text(list.body), /Trouver un électricien/);
  assert.equal((await asB.get('/gestion/demandes')).statusCode, 404);
  assert.equal((await asB.get(page)).statusCode, 404);

  const electrician = await makeProvider(ctx.db, { tradeName: 'Électricité Roux', phone: '04 42 00 00 01', profile: { trades: ['electrician'] } });
  assert.match(text((await concierge.get(page)).body), /Électricité Roux — électricien/i);
  const answered = await concierge.post(`${page}/reponse`, { answer: 'Un électricien qui se déplace vite :', suggested: [electrician] });
  assert.equal(answered.statusCode, 303);
  const twice = await concierge.post(`${page}/reponse`, { answer: 'Autre réponse' });
  assert.equal(twice.statusCode, 422);
  assert.match(text(twice.body), /déjà reçu une réponse/);

  const mails = await mailsTo(residentB.email);
  const answer = mails.find((mail) => mail.subject.includes('Réponse donnée'));
  assert.ok(answer, 'the member is told');
  assert.match(plain(answer.text_body), /Les artisans que nous vous conseillons :\s+Électricité Roux \(électricien\) : 04 42 00 00 01/);
  assert.ok(answer.text_body.includes(PERSONAL_LINK), 'the follow link is sealed, not readable in the sent mails');

  const requestId = page.split('/').pop()!;
  const link = `/suivi/${requestId}/${signedToken(ctx.config.sessionSecret, 'request-follow', requestId)}`;
  const visitor = new Agent(ctx.app);
  const followed = await visitor.get(link);
  assert.equal(followed.statusCode, 200);
  assert.match(text(followed.body), /Électricité Roux/);
  assert.doesNotMatch(followed.body, /\(concierge\)/, 'no staff names on the public page');
  const other = await askForService(ctx.db, ctx.config, CONCIERGE, { kind: 'advice', title: 'Autre', details: '', memberId: residentA.memberId }, newId());
  assert.equal((await visitor.get(`/suivi/${other}/${signedToken(ctx.config.sessionSecret, 'request-follow', requestId)}`)).statusCode, 404, 'a token opens only its request');
  assert.equal((await visitor.get(`/suivi/${requestId}/${'x'.repeat(32)}`)).statusCode, 404);
});

test('messages, rating once and only when finished, cancelling before anything started', async () => {
  const id = await askForService(ctx.db, ctx.config, residentA.account, { kind: 'advice', title: 'Un jardinier', details: '' }, newId());
  const own = `/compte/demandes/${id}`;
  assert.equal((await asA.post(`${own}/message`, { body: 'Plutôt le matin.' })).statusCode, 303);
  assert.equal((await asB.post(`${own}/message`, { body: 'Intrus' }, own.replace(id, ''))).statusCode, 404);
  const tooEarly = await asA.post(`${own}/noter`, { rating: '5', note: '' }, own);
  assert.equal(tooEarly.statusCode, 422);
  assert.match(text(tooEarly.body), /quand la demande sera terminée/);
  const desk = `/gestion/demandes/${id}`;
  assert.match(text((await concierge.get(desk)).body), /Plutôt le matin/);
  await concierge.post(`${desk}/message`, { body: 'Nous cherchons pour vous.' });
  assert.ok((await mailsTo(residentA.email)).some((mail) => mail.text_body.includes('Nous cherchons pour vous.')));
  await concierge.post(`${desk}/reponse`, { answer: 'Jardins du Tubé.' });
  assert.equal((await asA.post(`${own}/noter`, { rating: '4', note: 'Rapide' }, own)).statusCode, 303);
  const second = await asA.post(`${own}/noter`, { rating: '1', note: '' }, own);
  assert.equal(second.statusCode, 422);
  const row = await findRequest(ctx.db, id);
  assert.equal(row?.rating, 4);

  const other = await askForService(ctx.db, ctx.config, residentA.account, { kind: 'quote', title: 'Peindre la cuisine', details: '' }, newId());
  assert.equal((await asA.post(`/compte/demandes/${other}/annuler`, {}, `/compte/demandes/${other}`)).statusCode, 303);
  assert.equal((await findRequest(ctx.db, other))?.status, 'cancelled');
});

test('a status reached again does not tell the member twice', async () => {
  const id = await askForService(ctx.db, ctx.config, CONCIERGE, { kind: 'repair', title: 'Ourlet de pantalon', details: '', memberId: residentA.memberId }, newId());
  const by = { accountId: null, label: 'Test' };
  const move = (to: 'at_counter' | 'at_provider' | 'ready') =>
    inTransaction(ctx.db, async (trx) => moveRequest(trx, ctx.config, (await findRequest(trx, id))!, to, by));
  assert.deepEqual(await move('at_counter'), { moved: true, notified: true });
  assert.deepEqual(await move('at_provider'), { moved: true, notified: true });
  assert.deepEqual(await move('at_counter'), { moved: true, notified: false }, 'set back');
  assert.deepEqual(await move('at_provider'), { moved: true, notified: false });
  assert.deepEqual(await move('ready'), { moved: true, notified: true });
  await assert.rejects(
    inTransaction(ctx.db, async (trx) => moveRequest(trx, ctx.config, (await findRequest(trx, id))!, 'answered', by)),
    (error: { code?: string }) => error.code === 'request_move_not_allowed',
    'a status of another kind',
  );
});

test('a request waiting too long on the conciergerie is reminded once', async () => {
  const id = await askForService(ctx.db, ctx.config, CONCIERGE, { kind: 'appointment', title: 'Aide à domicile', details: '', memberId: residentA.memberId }, newId());
  const later = addSeconds(nowIso(), 2 * 86_400);
  const before = (await mailsTo(ctx.config.conciergerie.email)).length;
  assert.ok((await sendRequestReminders(ctx.db, ctx.config, later)) >= 1);
  assert.equal(await sendRequestReminders(ctx.db, ctx.config, later), 0, 'never twice for one wait');
  const reminders = (await mailsTo(ctx.config.conciergerie.email)).slice(before);
  assert.ok(reminders.some((mail) => mail.text_body.includes(`/gestion/demandes/${id}`)));
});

test('a mail of the inbox becomes a request of its sender', async () => {
  const mailId = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('inbound_mails')
    .values({
      id: mailId,
      message_id: `<${mailId}@exemple.fr>`,
      from_address: residentA.email,
      from_name: 'Lucie Martin',
      subject: 'Retouche de robe',
      body_text: 'Bonjour, pouvez-vous faire raccourcir ma robe ?',
      received_at: now,
      fetched_at: now,
      status: 'new',
      member_id: null,
      order_id: null,
      handled_by_label: null,
      handled_at: null,
    })
    .execute();
  const form = await concierge.get(`/gestion/demandes/nouvelle?courriel=${mailId}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`name="member_id" value="${residentA.memberId}"`));
  assert.match(form.body, /raccourcir ma robe/);
  const sent = await concierge.post('/gestion/demandes/nouvelle', {
    idempotency_key: fieldValue(form.body, 'idempotency_key'),
    member_id: residentA.memberId,
    mail_id: mailId,
    kind: 'repair',
    title: 'Retouche de robe',
    details: 'Bonjour, pouvez-vous faire raccourcir ma robe ?',
    channel: 'email',
    due_date: '',
  });
  assert.equal(sent.statusCode, 303);
  const mail = await ctx.db.selectFrom('inbound_mails').select('status').where('id', '=', mailId).executeTakeFirstOrThrow();
  assert.equal(mail.status, 'archived');
  assert.equal((await asA.get(`/gestion/demandes/nouvelle?courriel=${mailId}`)).statusCode, 404);
});
