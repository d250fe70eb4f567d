// « Imprimer l’invitation »: for a resident who reads no mail, the concierge prints a sheet
// with a fresh password link, shown on that page only and stored nowhere in clear; older
// links stop working. Merchant, concierge and town accounts never get one this way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Transporter } from 'nodemailer';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { linkIn, startSmtpServer, type SmtpInbox } from '../helpers/server.ts';
import { createTransport, sendDueMails } from '../../src/platform/mail/mail.ts';
import { printInvitationLink } from '../../src/platform/auth/auth.service.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { plain } from '../helpers/text.ts';

const BASE_URL = 'https://conciergerie.istres.example';
const LINK = new RegExp(`${BASE_URL.replace(/\./g, '\\.')}/mot-de-passe/([A-Za-z0-9_-]{43})`);

let ctx: TestApp;
let inbox: SmtpInbox;
let transport: Transporter;
let concierge: Agent;
let conciergeActor: CurrentAccount;

before(async () => {
  inbox = await startSmtpServer();
  ctx = await buildTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port), BASE_URL });
  transport = createTransport(ctx.config)!;
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  conciergeActor = { id: account.id, email: account.email, role: 'concierge', displayName: 'Concierge', shopId: null, memberId: null };
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
});

after(async () => {
  transport.close();
  await ctx.close();
  await inbox.close();
});

/** A member whose site access was opened by the concierge (an invitation mail is queued). */
async function memberWithAccess(email: string): Promise<string> {
  const id = await makeMember(ctx.db, { firstName: 'Gisèle', lastName: 'Aubert', email });
  assert.equal((await concierge.post(`/gestion/adherents/${id}/acces`, {}, `/gestion/adherents/${id}`)).statusCode, 303);
  return id;
}

async function print(memberId: string, agent = concierge) {
  return agent.post(`/gestion/adherents/${memberId}/acces/invitation`, {}, `/gestion/adherents/${memberId}`);
}

function printedToken(html: string): string {
  const token = LINK.exec(html)?.[1];
  assert.ok(token, 'the sheet shows the link');
  return token;
}

async function choose(token: string, password: string) {
  const path = `/mot-de-passe/${token}`;
  return new Agent(ctx.app).post(path, { password, password_confirm: password }, '/mot-de-passe-oublie');
}

test('the member card offers to print the invitation; the sheet is one printable French page, never cached', async () => {
  const id = await memberWithAccess('gisele.aubert@exemple.fr');
  const card = await concierge.get(`/gestion/adherents/${id}`);
  assert.match(card.body, new RegExp(`action="/gestion/adherents/${id}/acces/invitation"`));
  assert.match(card.body, /Imprimer l’invitation/);

  const sheet = await print(id);
  assert.equal(sheet.statusCode, 200);
  assert.equal(sheet.headers['cache-control'], 'no-store');
  assert.match(sheet.body, /<html lang="fr">/);
  assert.match(sheet.body, /<body class="print-sheet">/);
  assert.equal((sheet.body.match(/<h1[\s>]/g) ?? []).length, 1);
  assert.match(sheet.body, /Bonjour Gisèle Aubert,/);
  assert.match(sheet.body, /gisele\.aubert@exemple\.fr/);
  assert.match(sheet.body, /valable jusqu’au/);
  assert.match(plain(sheet.body), /04 42 55 00 00/);
  const token = printedToken(sheet.body);
  const dump = JSON.stringify(await ctx.db.selectFrom('outbox').selectAll().execute());
  assert.ok(!dump.includes(token), 'the printed link is in no mail');
  assert.ok(!JSON.stringify(await ctx.db.selectFrom('password_resets').selectAll().execute()).includes(token), 'only its hash is stored');
  const viewer = await concierge.get('/gestion/courriels');
  assert.ok(!viewer.body.includes(token));
});

test('the printed link works once and the links given before it no longer work', async () => {
  const email = 'armand.roche@exemple.fr';
  const id = await memberWithAccess(email);
  await sendDueMails(ctx.db, transport, ctx.config);
  const mailed = inbox.mails.find((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.text === email));
  assert.ok(mailed, 'the invitation mail was received');
  const mailedToken = new URL(linkIn(mailed, BASE_URL)).pathname.split('/').pop()!;

  const firstPrinted = printedToken((await print(id)).body);
  const token = printedToken((await print(id)).body);
  assert.notEqual(token, firstPrinted, 'each sheet has a fresh link');
  for (const older of [mailedToken, firstPrinted]) {
    const refused = await new Agent(ctx.app).get(`/mot-de-passe/${older}`);
    assert.equal(refused.statusCode, 422, 'an older link is revoked');
    assert.match(refused.body, /Ce lien n’est plus valable/);
  }

  const chosen = await choose(token, 'la tisane du soir');
  assert.equal(chosen.statusCode, 303);
  assert.equal(chosen.headers.location, '/compte');
  await new Agent(ctx.app).login(email, 'la tisane du soir');
  const again = await choose(token, 'un autre mot de passe');
  assert.equal(again.statusCode, 422, 'the printed link works once');
  await new Agent(ctx.app).login(email, 'la tisane du soir');
  // Once the resident has chosen a password, no concierge can print a link to set another.
  const takeover = await print(id);
  assert.notEqual(takeover.statusCode, 200);
  assert.match(takeover.body, /Cet adhérent a déjà choisi son mot de passe/);
  assert.equal(takeover.body.match(/\/mot-de-passe\/[A-Za-z0-9_-]{20,}/), null, 'no link on the page');
});

test('a member linked to a concierge or merchant account gets no printed link: refused by the service', async () => {
  for (const role of ['concierge', 'merchant', 'town'] as const) {
    const memberId = await makeMember(ctx.db);
    const account = await makeAccount(ctx.db, ctx.config, role, { memberId });
    const linksBefore = await ctx.db.selectFrom('password_resets').select('token_hash').where('account_id', '=', account.id).execute();
    const response = await print(memberId);
    assert.equal(response.statusCode, 404, role);
    assert.doesNotMatch(response.body, /\/mot-de-passe\//, role);
    await assert.rejects(printInvitationLink(ctx.db, ctx.config, conciergeActor, account.id), /not_found/, role);
    const linksAfter = await ctx.db.selectFrom('password_resets').select('token_hash').where('account_id', '=', account.id).execute();
    assert.deepEqual(linksAfter, linksBefore, `no link was made for a ${role} account`);
  }
});

test('only a concierge prints, with the form’s CSRF token; a disabled access gets none', async () => {
  const id = await memberWithAccess('colette.marin@exemple.fr');
  for (const role of ['resident', 'merchant', 'town'] as const) {
    const account = await makeAccount(ctx.db, ctx.config, role);
    const agent = new Agent(ctx.app);
    await agent.login(account.email, account.password);
    const response = await agent.post(`/gestion/adherents/${id}/acces/invitation`, {}, '/connexion');
    assert.equal(response.statusCode, 404, role);
    assert.doesNotMatch(response.body, /\/mot-de-passe\/[A-Za-z0-9_-]/, role);
  }
  const forged = await concierge.post(`/gestion/adherents/${id}/acces/invitation`, { _csrf: 'faux' });
  assert.equal(forged.statusCode, 403);
  assert.doesNotMatch(forged.body, /\/mot-de-passe\/[A-Za-z0-9_-]/);

  await concierge.post(`/gestion/adherents/${id}/acces/desactiver`, {}, `/gestion/adherents/${id}`);
  const card = await concierge.get(`/gestion/adherents/${id}`);
  assert.doesNotMatch(card.body, /Imprimer l’invitation/);
  const refused = await print(id);
  assert.equal(refused.statusCode, 403);
  assert.doesNotMatch(refused.body, /\/mot-de-passe\/[A-Za-z0-9_-]/);
});
