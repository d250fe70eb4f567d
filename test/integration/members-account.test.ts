// « Mon compte »: a resident sees and edits their own details only. The member edited is the
// one of the session's account; an id slipped into the form is refused, never used.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;
let resident: Agent;
let ownId: string;
let otherId: string;

before(async () => {
  ctx = await buildTestApp();
  ownId = await makeMember(ctx.db, { firstName: 'Rose', lastName: 'Castel', email: 'rose.castel@exemple.fr', phone: '06 10 20 30 40', addressLine: '2 rue Pasteur' });
  otherId = await makeMember(ctx.db, { firstName: 'Denis', lastName: 'Voisin', phone: '06 99 88 77 66', addressLine: '9 rue Voltaire' });
  const account = await makeAccount(ctx.db, ctx.config, 'resident', { email: 'rose.castel@exemple.fr', displayName: 'Rose Castel', memberId: ownId });
  resident = new Agent(ctx.app);
  await resident.login(account.email, account.password);
});

after(() => ctx.close());

const form = {
  first_name: 'Rose',
  last_name: 'Castel-Martin',
  phone: '06.10.20.30.41',
  address_line: '4 boulevard de la Libération',
  postal_code: '13800',
  city: 'Istres',
};

async function member(id: string) {
  return ctx.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

test('the resident sees their own details and the links to edit them and to change password', async () => {
  const page = await resident.get('/compte');
  assert.equal(page.statusCode, 200);
  assert.equal((page.body.match(/<h1[\s>]/g) ?? []).length, 1);
  assert.match(page.body, /<h1>Mon compte<\/h1>/);
  assert.match(page.body, /Rose Castel/);
  assert.match(plain(page.body), /06 10 20 30 40/);
  assert.match(page.body, /2 rue Pasteur, 13800 Istres/);
  assert.match(page.body, /href="\/compte\/modifier"/);
  assert.match(page.body, /href="\/mot-de-passe-oublie"/);
  assert.doesNotMatch(page.body, /Voisin/);
});

test('the resident edits their name, phone and address', async () => {
  const edit = await resident.get('/compte/modifier');
  assert.match(edit.body, /value="2 rue Pasteur"/);
  assert.doesNotMatch(edit.body, /name="email"/, 'the login e-mail is not edited here');
  const response = await resident.post('/compte/modifier', form);
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/compte');
  const row = await member(ownId);
  assert.equal(row.last_name, 'Castel-Martin');
  assert.equal(row.phone, '06 10 20 30 41');
  assert.equal(row.address_line, '4 boulevard de la Libération');
  assert.equal(row.email, 'rose.castel@exemple.fr');
  const account = await ctx.db.selectFrom('accounts').select('display_name').where('member_id', '=', ownId).executeTakeFirstOrThrow();
  assert.equal(account.display_name, 'Rose Castel-Martin');
  const page = await resident.get('/compte');
  assert.match(page.body, /Vos coordonnées sont enregistrées\./);
});

test('a bad value is shown next to its field with what was typed', async () => {
  const response = await resident.post('/compte/modifier', { ...form, postal_code: '1380', address_line: '5 rue Neuve' });
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-postal_code"/);
  assert.match(response.body, /value="5 rue Neuve"/);
  assert.equal((await member(ownId)).address_line, '4 boulevard de la Libération');
});

test('an id field slipped into the form is refused and nobody is changed', async () => {
  for (const field of ['member_id', 'id', 'account_id', 'email']) {
    const response = await resident.post('/compte/modifier', { ...form, last_name: 'Pirate', [field]: otherId });
    assert.equal(response.statusCode, 422, field);
    assert.match(response.body, /champ inattendu/, field);
  }
  assert.equal((await member(otherId)).last_name, 'Voisin');
  assert.notEqual((await member(ownId)).last_name, 'Pirate');
});

test('the resident cannot reach another member through the back office', async () => {
  assert.equal((await resident.get(`/gestion/adherents/${otherId}`)).statusCode, 404);
  assert.equal((await resident.get(`/gestion/adherents/${otherId}/modifier`)).statusCode, 404);
  const response = await resident.post(
    `/gestion/adherents/${otherId}/modifier`,
    { ...form, last_name: 'Pirate', email: '', kind: 'resident', notes: '' },
    '/compte/modifier',
  );
  assert.equal(response.statusCode, 404);
  assert.equal((await member(otherId)).last_name, 'Voisin');
});

test('other roles have no « Mon compte » page; a visitor is asked to log in', async () => {
  const concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
  assert.equal((await concierge.get('/compte')).statusCode, 404);
  const visitor = await new Agent(ctx.app).get('/compte');
  assert.equal(visitor.statusCode, 303);
  assert.match(String(visitor.headers.location), /^\/connexion\?retour=/);
});

test('a resident account without a member row shows what the account has', async () => {
  const account = await makeAccount(ctx.db, ctx.config, 'resident', { displayName: 'Sans Fiche' });
  const agent = new Agent(ctx.app);
  await agent.login(account.email, account.password);
  const page = await agent.get('/compte');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Sans Fiche/);
  assert.match(page.body, new RegExp(account.email.replace(/[.+]/g, '\\$&')));
  assert.match(plain(page.body), /Appelez la conciergerie au 04 42 55 00 00 pour les compléter/);
  assert.equal((await agent.get('/compte/modifier')).statusCode, 404);
  const post = await agent.post('/compte/modifier', form, '/compte');
  assert.equal(post.statusCode, 404);
});
