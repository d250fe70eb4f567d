// A shop's page in the back office: membership stage moves (one move when two clerks click
// at once) and the merchant accounts of the shop (invitation mail, disabling ends sessions).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
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

async function stageOf(id: string): Promise<string> {
  const row = await ctx.db.selectFrom('shops').select('stage').where('id', '=', id).executeTakeFirstOrThrow();
  return row.stage;
}

function keyOf(html: string): string {
  const key = /action="[^"]*\/comptes"[\s\S]*?name="idempotency_key" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(key, 'the account form carries an idempotency key');
  return key;
}

test('the page offers exactly the allowed moves as buttons', async () => {
  const id = await makeShop(ctx.db, { stage: 'contacted' });
  const page = await concierge.get(`/gestion/commerces/${id}`);
  assert.equal(page.statusCode, 200);
  for (const label of ['Valider l’adhésion', 'Remettre à contacter', 'Marquer comme parti']) assert.match(page.body, new RegExp(label));
  assert.doesNotMatch(page.body, /Passer en inactif|Réactiver</);
  assert.equal((page.body.match(/<h1>/g) ?? []).length, 1);
});

test('validating a membership makes the storefront public, then pausing and coming back', async () => {
  const id = await makeShop(ctx.db, { stage: 'contacted' });
  const url = `/gestion/commerces/${id}`;
  const joined = await concierge.post(`${url}/etape`, { from: 'contacted', to: 'member' }, url);
  assert.equal(joined.statusCode, 303);
  assert.equal(await stageOf(id), 'member');
  const page = await concierge.get(url);
  assert.match(plain(page.body), /Étape enregistrée : Adhérent/);
  assert.match(page.body, new RegExp(`href="/commerces/${id}"`));
  assert.match(page.body, /Passer en inactif/);
  assert.match(page.body, /Adhérent depuis le/);
  await concierge.post(`${url}/etape`, { from: 'member', to: 'inactive' }, url);
  assert.equal(await stageOf(id), 'inactive');
  const inactive = await concierge.get(url);
  assert.match(inactive.body, />Réactiver</);
  assert.doesNotMatch(inactive.body, /Voir la vitrine publique/);
  await concierge.post(`${url}/etape`, { from: 'inactive', to: 'member' }, url);
  assert.equal(await stageOf(id), 'member');
});

test('a move that the stage table forbids is refused', async () => {
  const id = await makeShop(ctx.db, { stage: 'prospect' });
  const url = `/gestion/commerces/${id}`;
  const response = await concierge.post(`${url}/etape`, { from: 'prospect', to: 'inactive' }, url);
  assert.equal(response.statusCode, 409);
  assert.match(response.body, /Ce changement d’étape n’est pas possible/);
  assert.equal(await stageOf(id), 'prospect');
  const unknown = await concierge.post(`${url}/etape`, { from: 'prospect', to: 'ferme' }, url);
  assert.equal(unknown.statusCode, 400);
});

test('two concurrent moves from the same stage give one move', async () => {
  const id = await makeShop(ctx.db, { stage: 'member' });
  const url = `/gestion/commerces/${id}`;
  const token = await concierge.csrfToken(url);
  const [pause, leave] = await Promise.all([
    concierge.post(`${url}/etape`, { _csrf: token, from: 'member', to: 'inactive' }),
    concierge.post(`${url}/etape`, { _csrf: token, from: 'member', to: 'left' }),
  ]);
  const statuses = [pause.statusCode, leave.statusCode].sort();
  assert.deepEqual(statuses, [303, 409]);
  const loser = pause.statusCode === 409 ? pause : leave;
  assert.match(loser.body, /L’étape de ce commerce vient d’être modifiée par quelqu’un d’autre/);
  assert.equal(await stageOf(id), pause.statusCode === 303 ? 'inactive' : 'left');
  // A late click on a page showing the old stage is refused too, not applied on top.
  const late = await concierge.post(`${url}/etape`, { _csrf: token, from: 'member', to: 'inactive' });
  assert.equal(late.statusCode, pause.statusCode === 303 ? 303 : 409);
});

test('adding a merchant account queues an invitation mail whose password link is sealed', async () => {
  const id = await makeShop(ctx.db, { tradeName: 'Poissonnerie du Port', categoryCode: 'poissonnerie' });
  const url = `/gestion/commerces/${id}`;
  await concierge.get(url);
  const key = keyOf(concierge.lastHtml);
  const response = await concierge.post(`${url}/comptes`, { display_name: 'Hélène Roux', email: 'Helene.Roux@exemple.fr', idempotency_key: key });
  assert.equal(response.statusCode, 303);
  const account = await ctx.db.selectFrom('accounts').selectAll().where('email', '=', 'helene.roux@exemple.fr').executeTakeFirstOrThrow();
  assert.equal(account.role, 'merchant');
  assert.equal(account.shop_id, id);
  assert.equal(account.password_hash, null);
  const mails = await ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', 'helene.roux@exemple.fr').execute();
  assert.equal(mails.length, 1);
  assert.match(mails[0].subject, /Votre compte/);
  // The link itself is sealed for the sending worker: the stored text only says where it goes.
  assert.match(mails[0].text_body, /\[lien personnel envoyé au destinataire seulement\]/);
  assert.doesNotMatch(`${mails[0].text_body}${mails[0].html_body}`, /\/mot-de-passe\//);
  assert.ok(mails[0].sealed_link, 'the link waits sealed for the worker');
  // The same form sent again creates nothing more and sends no second mail.
  const again = await concierge.post(`${url}/comptes`, { display_name: 'Hélène Roux', email: 'helene.roux@exemple.fr', idempotency_key: key });
  assert.equal(again.statusCode, 303);
  assert.equal((await ctx.db.selectFrom('outbox').select('id').where('recipient', '=', 'helene.roux@exemple.fr').execute()).length, 1);
  const page = await concierge.get(url);
  assert.match(plain(page.body), /Compte créé : une invitation a été envoyée à helene.roux@exemple.fr/);
  assert.match(page.body, /<caption>Comptes commerçants de Poissonnerie du Port<\/caption>/);
  assert.match(page.body, /Hélène Roux<\/th><td>helene.roux@exemple.fr<\/td><td>Jamais<\/td><td>Invitation envoyée<\/td>/);
});

test('an e-mail already used is refused next to the field, nothing is sent', async () => {
  const id = await makeShop(ctx.db);
  const other = await makeAccount(ctx.db, ctx.config, 'resident', { email: 'deja.pris@exemple.fr' });
  const url = `/gestion/commerces/${id}`;
  await concierge.get(url);
  const response = await concierge.post(`${url}/comptes`, { display_name: 'Paul Blanc', email: other.email, idempotency_key: keyOf(concierge.lastHtml) });
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-email">.*Cette adresse e-mail est déjà utilisée par un autre compte/);
  assert.match(response.body, /value="Paul Blanc"/);
  const invalid = await concierge.post(`${url}/comptes`, { display_name: '', email: 'paul', idempotency_key: keyOf(concierge.lastHtml) });
  assert.equal(invalid.statusCode, 422);
  assert.match(invalid.body, /id="erreur-display_name">.*Ce champ est obligatoire/);
  assert.match(invalid.body, /id="erreur-email">.*Indiquez une adresse e-mail valable/);
  assert.equal((await ctx.db.selectFrom('outbox').select('id').where('recipient', '=', other.email).execute()).length, 0);
});

test('disabling a merchant account logs the merchant out at once; re-enabling lets them back', async () => {
  const id = await makeShop(ctx.db);
  const merchantAccount = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: id, displayName: 'Marc Vidal' });
  const merchant = new Agent(ctx.app);
  await merchant.login(merchantAccount.email, merchantAccount.password);
  assert.equal((await merchant.get(`/boutique/${id}/horaires`)).statusCode, 200);

  const url = `/gestion/commerces/${id}`;
  const page = await concierge.get(url);
  assert.match(page.body, /Marc Vidal<\/th>.*Actif/);
  const disabled = await concierge.post(`${url}/comptes/${merchantAccount.id}/desactiver`, {}, url);
  assert.equal(disabled.statusCode, 303);
  const sessions = await ctx.db.selectFrom('sessions').select('id').where('account_id', '=', merchantAccount.id).execute();
  assert.equal(sessions.length, 0);

  const after = await merchant.get(`/boutique/${id}/horaires`);
  assert.equal(after.statusCode, 303);
  assert.match(String(after.headers.location), /^\/connexion/);
  const retry = await merchant.post('/connexion', { email: merchantAccount.email, password: merchantAccount.password }, '/connexion');
  assert.ok([401, 403].includes(retry.statusCode));
  assert.match(retry.body, /Ce compte est désactivé/);
  assert.match((await concierge.get(url)).body, /Marc Vidal<\/th>.*Désactivé/);

  await concierge.post(`${url}/comptes/${merchantAccount.id}/reactiver`, {}, url);
  await merchant.login(merchantAccount.email, merchantAccount.password);
  assert.equal((await merchant.get(`/boutique/${id}/horaires`)).statusCode, 200);
});

test('an account of another shop cannot be disabled through this shop', async () => {
  const id = await makeShop(ctx.db);
  const otherShop = await makeShop(ctx.db);
  const stranger = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: otherShop });
  const url = `/gestion/commerces/${id}`;
  const response = await concierge.post(`${url}/comptes/${stranger.id}/desactiver`, {}, url);
  assert.equal(response.statusCode, 404);
  const row = await ctx.db.selectFrom('accounts').select('disabled_at').where('id', '=', stranger.id).executeTakeFirstOrThrow();
  assert.equal(row.disabled_at, null);
});

test('only the concierge manages accounts and stages', async () => {
  const id = await makeShop(ctx.db, { stage: 'contacted' });
  const merchantAccount = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: id });
  const merchant = new Agent(ctx.app);
  await merchant.login(merchantAccount.email, merchantAccount.password);
  const url = `/gestion/commerces/${id}`;
  const token = await merchant.csrfToken(`/boutique/${id}/horaires`);
  assert.equal((await merchant.post(`${url}/etape`, { _csrf: token, from: 'contacted', to: 'member' })).statusCode, 404);
  assert.equal((await merchant.post(`${url}/comptes`, { _csrf: token, display_name: 'Moi', email: 'moi@exemple.fr', idempotency_key: 'abcdefgh1234' })).statusCode, 404);
  assert.equal((await merchant.post(`${url}/comptes/${merchantAccount.id}/desactiver`, { _csrf: token })).statusCode, 404);
  assert.equal(await stageOf(id), 'contacted');
});
