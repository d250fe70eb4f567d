// One concierge alone must not be able to redirect a shop's payout: she cannot confirm her
// own change of IBAN, nor through a merchant access she opened for the shop with her own
// address — whether she opened it before or after the change. The mails really go out (a
// real SMTP server): the access is chosen through its invitation as a person would, and the
// shop's merchants are told an access was opened.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makePlace } from '../helpers/orders.ts';
import { settledWeeklyStatements } from '../helpers/settlement.ts';
import { linkIn, startSmtpServer, type SmtpInbox } from '../helpers/server.ts';
import { createTransport, sendDueMails } from '../../src/platform/mail/mail.ts';
import { visibleText as text, plain } from '../helpers/text.ts';

let ctx: TestApp;
let inbox: SmtpInbox;
let author: Agent;
let colleague: Agent;
let shops: string[];
let realMerchantEmail: string;
const AUTHOR_PRIVATE_MAIL = 'aline.perso@exemple.fr';

before(async () => {
  inbox = await startSmtpServer();
  ctx = await buildTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port), BASE_URL: 'https://conciergerie.istres.example' });
  const placeId = await makePlace(ctx.db);
  ({ shopIds: shops } = await settledWeeklyStatements(ctx.db, ctx.config, placeId, 2));
  author = await loggedIn('concierge', 'Aline Auteur');
  colleague = await loggedIn('concierge', 'Bruno Second');
  realMerchantEmail = (await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: shops[0], displayName: 'Marie Fromage' })).email;
});

after(async () => {
  await ctx.close();
  await inbox.close();
});

async function loggedIn(role: 'concierge', displayName: string): Promise<Agent> {
  const account = await makeAccount(ctx.db, ctx.config, role, { displayName });
  const agent = new Agent(ctx.app);
  await agent.login(account.email, account.password);
  return agent;
}

/** Sends what the outbox holds and returns the mails that reached the server since `seen`. */
async function deliver(seen: number) {
  const transport = createTransport(ctx.config)!;
  let sent = 0;
  try {
    sent = await sendDueMails(ctx.db, transport, ctx.config);
  } finally {
    transport.close();
  }
  const all = await inbox.waitForMails(seen + sent);
  return all.slice(seen);
}

/** The author opens a merchant access for the shop with her own address and takes it through its invitation. */
async function openOwnMerchantAccess(shopId: string, email: string): Promise<Agent> {
  const seen = inbox.mails.length;
  const shopPage = `/gestion/commerces/${shopId}`;
  await author.get(shopPage);
  const key = /action="[^"]*\/comptes"[\s\S]*?name="idempotency_key" value="([^"]+)"/.exec(author.lastHtml)?.[1];
  assert.ok(key);
  assert.equal((await author.post(`${shopPage}/comptes`, { display_name: 'Aline Perso', email, idempotency_key: key })).statusCode, 303);
  const invitation = (await deliver(seen)).find((mail) => mail.subject?.startsWith('Votre compte'));
  assert.ok(invitation, 'the invitation reached the address given');
  const self = new Agent(ctx.app);
  const path = new URL(linkIn(invitation, ctx.config.baseUrl)).pathname;
  await self.get(path);
  const chosen = await self.post(path, { password: 'un fromage de chèvre bien affiné', password_confirm: 'un fromage de chèvre bien affiné' });
  assert.equal(chosen.statusCode, 303);
  return self;
}

async function changeIban(shopId: string, iban: string): Promise<string> {
  const page = `/gestion/commerces/${shopId}/reglement`;
  const saved = await author.post(page, { settlementPeriod: 'weekly', iban, bic: 'AGRIFRPP', vatNumber: '', selfBillingSince: '' }, page);
  assert.equal(saved.statusCode, 303);
  const change = await ctx.db.selectFrom('bank_detail_changes').select('id').where('shop_id', '=', shopId).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return change.id;
}

async function statusOf(changeId: string): Promise<string> {
  return (await ctx.db.selectFrom('bank_detail_changes').select('status').where('id', '=', changeId).executeTakeFirstOrThrow()).status;
}

const REFUSAL = /Cet accès commerçant a été ouvert par la personne qui a fait ce changement/;

test('an access the author opened before her change of IBAN cannot confirm it; the shop’s merchant is told of the new access', async () => {
  const self = await openOwnMerchantAccess(shops[0], AUTHOR_PRIVATE_MAIL);
  const subject = `Un nouvel accès à votre espace commerçant — ${await tradeName(shops[0])}`;
  const told = inbox.mails.find((mail) => mail.subject === subject);
  assert.ok(told, 'the merchant the shop already had is told');
  assert.equal((Array.isArray(told.to) ? told.to[0] : told.to)?.text, realMerchantEmail);
  assert.match(told.text ?? '', /pour Aline Perso \(aline\.perso@exemple\.fr\).*à la demande de Aline Auteur/s);
  assert.match(plain(told.text ?? ''), /appelez la conciergerie au 04 42 55 00 00/);

  const changeId = await changeIban(shops[0], 'FR76 3000 4000 0312 3456 7890 143');
  const page = `/boutique/${shops[0]}/reglement`;
  const refused = await self.post(`${page}/confirmer`, { change: changeId }, page);
  assert.equal(refused.statusCode, 422);
  assert.match(text(refused.body), REFUSAL);
  assert.equal(await statusOf(changeId), 'pending');

  // A second person still can: the shop is not stuck.
  const confirmed = await colleague.post(`/gestion/commerces/${shops[0]}/reglement/confirmer`, { change: changeId }, `/gestion/commerces/${shops[0]}/reglement`);
  assert.equal(confirmed.statusCode, 303);
  assert.equal(await statusOf(changeId), 'confirmed');
});

test('an access the author opens after her change cannot confirm it either, and the shop stays out of payouts', async () => {
  const changeId = await changeIban(shops[1], 'FR76 3000 4000 0312 3456 7890 143');
  const self = await openOwnMerchantAccess(shops[1], 'aline.autre@exemple.fr');
  const page = `/boutique/${shops[1]}/reglement`;
  const refused = await self.post(`${page}/confirmer`, { change: changeId }, page);
  assert.equal(refused.statusCode, 422);
  assert.match(text(refused.body), REFUSAL);
  assert.equal(await statusOf(changeId), 'pending');
  const payouts = await author.get('/gestion/virements');
  assert.match(text(payouts.body), /IBAN à confirmer/);
});

async function tradeName(shopId: string): Promise<string> {
  return (await ctx.db.selectFrom('shops').select('trade_name').where('id', '=', shopId).executeTakeFirstOrThrow()).trade_name;
}
