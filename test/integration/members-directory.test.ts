// The concierge's directory of members: found fast by phone in any format, by name without
// accents, by e-mail; listed alphabetically 25 at a time; closed to other roles.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
let dupontId: string;

before(async () => {
  ctx = await buildTestApp();
  concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
  dupontId = await makeMember(ctx.db, { firstName: 'Hélène', lastName: 'Dupré', phone: '06 12 34 56 78', email: 'helene.dupre@exemple.fr' });
  await makeMember(ctx.db, { firstName: 'Émile', lastName: 'Zoé', phone: '04 42 11 22 33' });
  for (let index = 0; index < 28; index += 1) await makeMember(ctx.db, { lastName: `Martin${String(index).padStart(2, '0')}` });
});

after(() => ctx.close());

function h1Count(html: string): number {
  return (html.match(/<h1[\s>]/g) ?? []).length;
}

test('a phone number typed without spaces finds the member stored with spaces', async () => {
  for (const query of ['0612345678', '06.12.34.56.78', '+33 6 12 34 56 78']) {
    const response = await concierge.get(`/gestion/adherents?q=${encodeURIComponent(query)}`);
    assert.equal(response.statusCode, 200);
    assert.match(plain(response.body), /1 adhérent pour/, query);
    assert.match(response.body, new RegExp(`href="/gestion/adherents/${dupontId}"`), query);
  }
});

test('a name typed without accents finds the member, and so does the e-mail', async () => {
  for (const query of ['helene dupre', 'DUPRE', 'helene.dupre@exemple.fr']) {
    const response = await concierge.get(`/gestion/adherents?q=${encodeURIComponent(query)}`);
    assert.match(response.body, /DUPRÉ Hélène/, query);
    assert.match(plain(response.body), /1 adhérent pour/, query);
  }
  const none = await concierge.get('/gestion/adherents?q=inconnu');
  assert.match(plain(none.body), /Aucun adhérent ne correspond à « inconnu »/);
});

test('the list is alphabetical with accents ignored, 25 a page, with a link to the next page', async () => {
  const first = await concierge.get('/gestion/adherents');
  assert.equal(first.statusCode, 200);
  assert.equal(h1Count(first.body), 1);
  assert.match(plain(first.body), /30 adhérents/);
  assert.match(first.body, /Page 1 sur 2/);
  assert.match(first.body, /href="\/gestion\/adherents\?page=2"/);
  assert.match(first.body, /href="\/gestion\/adherents\/nouveau"[^>]*>Nouvel adhérent/);
  const rows = first.body.match(/<th scope="row">/g) ?? [];
  assert.equal(rows.length, 25);
  assert.ok(first.body.indexOf('DUPRÉ') < first.body.indexOf('MARTIN00'), 'Dupré comes before Martin');
  const second = await concierge.get('/gestion/adherents?page=2');
  assert.equal((second.body.match(/<th scope="row">/g) ?? []).length, 5);
  assert.match(second.body, /ZOÉ Émile/, 'Zoé is last, on the second page');
  assert.match(second.body, /Page 2 sur 2/);
});

test('a bad page number is a plain error, not a crash', async () => {
  const response = await concierge.get('/gestion/adherents?page=abc');
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /La demande est incomplète/);
});

test('only the concierge sees members: others get 404, a visitor is asked to log in', async () => {
  for (const role of ['resident', 'merchant', 'town'] as const) {
    const agent = new Agent(ctx.app);
    const account = await makeAccount(ctx.db, ctx.config, role);
    await agent.login(account.email, account.password);
    assert.equal((await agent.get('/gestion/adherents')).statusCode, 404, role);
    assert.equal((await agent.get(`/gestion/adherents/${dupontId}`)).statusCode, 404, role);
  }
  const visitor = await new Agent(ctx.app).get('/gestion/adherents');
  assert.equal(visitor.statusCode, 303);
  assert.equal(visitor.headers.location, '/connexion?retour=%2Fgestion%2Fadherents');
});

test('an unknown or malformed member id is a 404', async () => {
  assert.equal((await concierge.get('/gestion/adherents/0190a0a0-0000-7000-8000-000000000000')).statusCode, 404);
  assert.equal((await concierge.get('/gestion/adherents/pas-un-id')).statusCode, 404);
});
