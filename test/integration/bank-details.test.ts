// A shop's bank details are changed by one person and confirmed by a second: every change
// of IBAN or BIC is in the shop's history (who, when, before → after, the IBAN masked) and
// mailed to each merchant of the shop; until another concierge, or a merchant of the shop
// from its own login, confirms it, the shop is left out of payouts. The author cannot
// confirm his own change, a merchant of another shop gets 404, and the first IBAN of a shop
// needs the same confirmation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makePlace } from '../helpers/orders.ts';
import { makeShop } from '../helpers/shops.ts';
import { settledWeeklyStatements } from '../helpers/settlement.ts';
import { visibleText as text, plain } from '../helpers/text.ts';

let ctx: TestApp;
let author: Agent;
let colleague: Agent;
/** Merchants of the first shop (two accounts), of the second, and of a shop of their own. */
let merchantEmails: string[];
let merchant: Agent;
let secondShopMerchant: Agent;
let stranger: Agent;
let strangerShop: string;
let shops: string[];
let statements: string[];

/** What the history shows of the helper's first IBAN (FR14 2004 1010 0505 0001 3M02 606) and of the new one. */
const NEW_IBAN = 'FR76 3000 4000 0312 3456 7890 143';
const NEW_IBAN_STORED = 'FR7630004000031234567890143';

before(async () => {
  ctx = await buildTestApp();
  const placeId = await makePlace(ctx.db);
  ({ shopIds: shops, statementIds: statements } = await settledWeeklyStatements(ctx.db, ctx.config, placeId, 2));
  author = await loggedIn('concierge', { displayName: 'Aline Auteur' });
  colleague = await loggedIn('concierge', { displayName: 'Bruno Second' });
  const first = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: shops[0], displayName: 'Marie Fromage' });
  const second = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: shops[0], displayName: 'Marc Fromage' });
  merchantEmails = [first.email, second.email].sort();
  merchant = await loginAs(first);
  secondShopMerchant = await loggedIn('merchant', { shopId: shops[1], displayName: 'Paul Poisson' });
  strangerShop = await makeShop(ctx.db);
  stranger = await loggedIn('merchant', { shopId: strangerShop, displayName: 'Sacha Voisin' });
});

after(() => ctx.close());

async function loginAs(account: { email: string; password: string }): Promise<Agent> {
  const agent = new Agent(ctx.app);
  await agent.login(account.email, account.password);
  return agent;
}

async function loggedIn(role: 'concierge' | 'merchant', fields: { displayName: string; shopId?: string }): Promise<Agent> {
  return loginAs(await makeAccount(ctx.db, ctx.config, role, fields));
}

const termsPage = (shopId: string) => `/gestion/commerces/${shopId}/reglement`;
const merchantPage = (shopId: string) => `/boutique/${shopId}/reglement`;

async function changesOf(shopId: string) {
  return ctx.db.selectFrom('bank_detail_changes').selectAll().where('shop_id', '=', shopId).orderBy('changed_at').orderBy('id').execute();
}

async function saveTerms(agent: Agent, shopId: string, bank: { iban: string; bic: string }, period = 'weekly') {
  return agent.post(termsPage(shopId), { settlementPeriod: period, ...bank, vatNumber: '', selfBillingSince: '' }, termsPage(shopId));
}

async function pending(shopId: string): Promise<string> {
  const change = (await changesOf(shopId)).find((row) => row.status === 'pending');
  assert.ok(change, 'a change awaits confirmation');
  return change.id;
}

test('a change of IBAN is in the shop’s history, masked, with its author, and mailed to each merchant of the shop', async () => {
  const mailsBefore = await ctx.db.selectFrom('outbox').select('id').execute();
  const saved = await saveTerms(author, shops[0], { iban: NEW_IBAN, bic: 'BNPAFRPPXXX' });
  assert.equal(saved.statusCode, 303);

  const changes = await changesOf(shops[0]);
  const change = changes.at(-1)!;
  assert.equal(change.status, 'pending');
  assert.deepEqual([change.old_iban_masked, change.new_iban_masked, change.old_bic, change.new_bic], ['•••• 2606', '•••• 0143', 'CEPAFRPP131', 'BNPAFRPPXXX']);
  assert.equal(change.changed_by_label, 'Aline Auteur (concierge)');

  const page = text((await author.get(termsPage(shops[0]))).body);
  assert.match(page, /Historique des coordonnées bancaires/);
  assert.match(page, /Aline Auteur \(concierge\)/);
  assert.match(page, /•••• 2606 → •••• 0143/);
  assert.match(page, /CEPAFRPP131 → BNPAFRPPXXX/);
  assert.match(page, /En attente de confirmation/);
  assert.match(page, /Confirmer le nouvel IBAN/);
  assert.doesNotMatch(page, /2004 1010|20041010/, 'the old IBAN is never shown in full');

  const mails = await ctx.db.selectFrom('outbox').selectAll().where('id', 'not in', mailsBefore.map((row) => row.id).concat([''])).orderBy('recipient').execute();
  // Each merchant of the shop, and the conciergerie's own mailbox, which the author cannot redirect.
  assert.deepEqual(mails.map((mail) => mail.recipient), ['conciergerie@istres.example', ...merchantEmails], 'one mail to each merchant account of the shop and to the conciergerie');
  for (const mail of mails) {
    assert.match(mail.subject, /coordonnées bancaires/);
    assert.ok(mail.text_body.includes('•••• 2606 → •••• 0143'), mail.text_body);
    assert.ok(plain(mail.text_body).includes(`Si vous n’êtes pas à l’origine de ce changement, appelez la conciergerie au ${ctx.config.conciergerie.phone}`), mail.text_body);
    assert.ok(mail.text_body.includes(`/boutique/${shops[0]}/reglement`), 'the mail links to the merchant’s terms');
    assert.ok(!mail.text_body.includes(NEW_IBAN_STORED) && !mail.text_body.includes('3000 4000') && !mail.html_body.includes('30004000'), 'the IBAN is masked in the mail');
  }

  // Other terms saved again, bank details unchanged: no change, no mail.
  assert.equal((await saveTerms(author, shops[0], { iban: NEW_IBAN.toLowerCase(), bic: 'bnpa fr pp xxx' }, 'monthly')).statusCode, 303);
  assert.equal((await changesOf(shops[0])).length, changes.length);
  assert.equal((await ctx.db.selectFrom('outbox').select('id').execute()).length, mailsBefore.length + mails.length);
});

test('the author cannot confirm his own change, a merchant of another shop gets 404, and the shop is not paid meanwhile', async () => {
  const changeId = await pending(shops[0]);
  const own = await author.post(`${termsPage(shops[0])}/confirmer`, { change: changeId }, termsPage(shops[0]));
  assert.equal(own.statusCode, 422);
  assert.match(text(own.body), /Vous avez fait ce changement : un autre membre de l’équipe, ou le commerçant depuis son espace, doit le confirmer\./);
  assert.match(own.body, /Confirmer le nouvel IBAN/, 'the refusal is shown with the button');

  const token = await stranger.csrfToken(merchantPage(strangerShop));
  assert.equal((await stranger.post(`${merchantPage(shops[0])}/confirmer`, { _csrf: token, change: changeId })).statusCode, 404);
  assert.equal((await stranger.post(`${termsPage(shops[0])}/confirmer`, { _csrf: token, change: changeId })).statusCode, 404);
  assert.equal((await changesOf(shops[0])).find((row) => row.id === changeId)!.status, 'pending');

  const list = await author.get('/gestion/virements');
  assert.doesNotMatch(list.body, new RegExp(`name="releves" value="${statements[0]}"`), 'not proposed for payment');
  assert.match(list.body, new RegExp(`name="releves" value="${statements[1]}"`), 'the other shop is');
  assert.match(text(list.body), /IBAN à confirmer/);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(list.body)![1];
  const forced = await author.post('/gestion/virements', { releves: [statements[0]], idempotency_key: key });
  assert.equal(forced.statusCode, 422);
  assert.match(text(forced.body), /attendent d’être confirmées par une seconde personne/);
  const statement = await ctx.db.selectFrom('statements').select('status').where('id', '=', statements[0]).executeTakeFirstOrThrow();
  assert.equal(statement.status, 'settled');
});

test('another concierge confirms the new IBAN: the history says who, and the shop is paid again', async () => {
  const changeId = await pending(shops[0]);
  const page = await colleague.get(termsPage(shops[0]));
  assert.match(text(page.body), /Confirmer le nouvel IBAN/);
  const confirmed = await colleague.post(`${termsPage(shops[0])}/confirmer`, { change: changeId });
  assert.equal(confirmed.statusCode, 303);
  assert.equal(confirmed.headers.location, termsPage(shops[0]));
  const change = (await changesOf(shops[0])).find((row) => row.id === changeId)!;
  assert.equal(change.status, 'confirmed');
  assert.equal(change.confirmed_by_label, 'Bruno Second (concierge)');
  const shown = text((await colleague.get(termsPage(shops[0]))).body);
  assert.match(shown, /Nouvel IBAN confirmé\./);
  assert.match(shown, /Confirmé par Bruno Second \(concierge\)/);
  assert.doesNotMatch(shown, /En attente de confirmation/);

  const list = await author.get('/gestion/virements');
  assert.match(list.body, new RegExp(`name="releves" value="${statements[0]}"`));
  const key = /name="idempotency_key" value="([^"]+)"/.exec(list.body)![1];
  assert.equal((await author.post('/gestion/virements', { releves: [statements[0]], idempotency_key: key })).statusCode, 303);
  const payout = await ctx.db.selectFrom('payouts').select('iban').where('statement_id', '=', statements[0]).executeTakeFirstOrThrow();
  assert.equal(payout.iban, NEW_IBAN_STORED);
});

test('a merchant of the shop confirms a change from its own login; a change replaced since cannot be confirmed', async () => {
  assert.equal((await saveTerms(colleague, shops[1], { iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP' })).statusCode, 303);
  const replaced = await pending(shops[1]);
  assert.equal((await saveTerms(colleague, shops[1], { iban: NEW_IBAN, bic: 'BNPAFRPPXXX' })).statusCode, 303);
  const latest = await pending(shops[1]);
  assert.notEqual(latest, replaced);
  assert.equal((await changesOf(shops[1])).find((row) => row.id === replaced)!.status, 'superseded');

  const page = await secondShopMerchant.get(merchantPage(shops[1]));
  assert.equal(page.statusCode, 200);
  const shown = text(page.body);
  assert.match(shown, /•••• 0189 → •••• 0143/);
  assert.match(shown, /Bruno Second \(concierge\)/);
  assert.match(shown, /Confirmer le nouvel IBAN/);
  assert.doesNotMatch(shown, /3000 4000|30004000/, 'the merchant sees its IBAN masked');

  const stale = await secondShopMerchant.post(`${merchantPage(shops[1])}/confirmer`, { change: replaced });
  assert.equal(stale.statusCode, 422);
  assert.match(text(stale.body), /Ce changement n’attend plus de confirmation/);
  const confirmed = await secondShopMerchant.post(`${merchantPage(shops[1])}/confirmer`, { change: latest }, merchantPage(shops[1]));
  assert.equal(confirmed.statusCode, 303);
  assert.equal(confirmed.headers.location, merchantPage(shops[1]));
  assert.equal((await changesOf(shops[1])).find((row) => row.id === latest)!.confirmed_by_label, 'Paul Poisson (commerçant)');
  assert.match(text((await secondShopMerchant.get(merchantPage(shops[1]))).body), /Confirmé par Paul Poisson \(commerçant\)/);
  // The merchant of the first shop confirms nothing of the second.
  assert.equal((await merchant.post(`${merchantPage(shops[1])}/confirmer`, { change: latest }, merchantPage(shops[0]))).statusCode, 404);
});

test('the first IBAN of a shop needs a second person too', async () => {
  const shopId = await makeShop(ctx.db);
  assert.equal((await saveTerms(author, shopId, { iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP' })).statusCode, 303);
  const [change] = await changesOf(shopId);
  assert.deepEqual([change.status, change.old_iban_masked, change.new_iban_masked], ['pending', null, '•••• 0189']);
  const shown = text((await author.get(termsPage(shopId))).body);
  assert.match(shown, /aucun → •••• 0189/);
  assert.match(shown, /En attente de confirmation/);
  assert.equal((await author.post(`${termsPage(shopId)}/confirmer`, { change: change.id })).statusCode, 422);
  assert.equal((await colleague.post(`${termsPage(shopId)}/confirmer`, { change: change.id }, termsPage(shopId))).statusCode, 303);
});
