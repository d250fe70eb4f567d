// The directory of the town's shops: counts per stage, filters, accent-insensitive search,
// pages of 25, and who may see it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { changeStage } from '../../src/shops/index.ts';

const FACTORY_CONCIERGE = { id: 'setup', email: 'setup@exemple.fr', role: 'concierge', displayName: 'Setup', shopId: null, memberId: null } as const;

let ctx: TestApp;
let concierge: Agent;
let town: Agent;
let fromagerieId: string;

function rowsOf(html: string): number {
  return (html.match(/<th scope="row">/g) ?? []).length;
}

before(async () => {
  ctx = await buildTestApp();
  const { app, db, config } = ctx;
  // 30 shops: 12 members, 8 prospects, 6 contacted, 3 inactive, 1 gone.
  const stages = [...Array(12).fill('member'), ...Array(8).fill('prospect'), ...Array(6).fill('contacted'), ...Array(3).fill('inactive'), 'left'];
  for (const [index, stage] of stages.entries()) {
    // An inactive shop was a member first.
    const id = await makeShop(db, { stage: stage === 'inactive' ? 'member' : stage, tradeName: `Commerce ${String(index).padStart(2, '0')}`, categoryCode: index % 3 === 0 ? 'cave' : 'habillement' });
    if (stage === 'inactive') await changeStage(db, FACTORY_CONCIERGE, id, 'inactive', undefined, { reason: 'no_time', note: '' });
  }
  fromagerieId = await makeShop(db, { stage: 'contacted', tradeName: 'Fromagerie Éric', legalName: 'SARL Les Délices de Provence', categoryCode: 'fromagerie' });
  concierge = new Agent(app);
  const conciergeAccount = await makeAccount(db, config, 'concierge');
  await concierge.login(conciergeAccount.email, conciergeAccount.password);
  town = new Agent(app);
  const townAccount = await makeAccount(db, config, 'town');
  await town.login(townAccount.email, townAccount.password);
});

after(() => ctx.close());

test('the directory counts members out of all shops and shows each stage', async () => {
  const response = await concierge.get('/gestion/commerces');
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /12 adhérents sur 31 commerces/);
  assert.match(response.body, /À contacter \(8\)/);
  assert.match(response.body, /Contacté \(7\)/);
  assert.match(response.body, /Adhérent \(12\)/);
  assert.match(response.body, /Inactif \(3\)/);
  assert.match(response.body, /Parti \(1\)/);
  assert.equal((response.body.match(/<h1>/g) ?? []).length, 1);
  assert.match(response.body, /<div class="table-wrap"><table><caption>Commerces, page 1 sur 2<\/caption>/);
});

test('the directory is paginated by 25 and the next page keeps the filters', async () => {
  const first = await concierge.get('/gestion/commerces');
  assert.equal(rowsOf(first.body), 25);
  assert.match(first.body, /href="\/gestion\/commerces\?page=2" rel="next"/);
  const second = await concierge.get('/gestion/commerces?page=2');
  assert.equal(rowsOf(second.body), 6);
  const filtered = await concierge.get('/gestion/commerces?q=commerce&categorie=habillement');
  assert.match(filtered.body, /20 commerces trouvés/);
  assert.doesNotMatch(filtered.body, /rel="next"/);
  const searched = await concierge.get('/gestion/commerces?q=commerce');
  assert.match(searched.body, /30 commerces trouvés/);
  assert.match(searched.body, /href="\/gestion\/commerces\?q=commerce&amp;page=2" rel="next"/);
  // A page past the end shows the last page rather than an empty list.
  const beyond = await concierge.get('/gestion/commerces?page=9');
  assert.equal(rowsOf(beyond.body), 6);
});

test('filters by stage and by category narrow the list', async () => {
  const prospects = await concierge.get('/gestion/commerces?etape=prospect');
  assert.equal(rowsOf(prospects.body), 8);
  assert.doesNotMatch(prospects.body, /badge--stage-member">Adhérent/);
  const members = await concierge.get('/gestion/commerces?etape=member&categorie=cave');
  // Indexes 0, 3, 6 and 9 are members in the wine category.
  assert.equal(rowsOf(members.body), 4);
  assert.match(members.body, /4 commerces trouvés/);
  const none = await concierge.get('/gestion/commerces?etape=left&categorie=fromagerie');
  assert.match(none.body, /Aucun commerce ne correspond à cette recherche/);
});

test('search ignores accents and case, on the trade name and on the legal name', async () => {
  for (const query of ['eric', 'ÉRIC', 'fromagerie eric', 'delices', 'Délices Provence']) {
    const response = await concierge.get(`/gestion/commerces?q=${encodeURIComponent(query)}`);
    assert.equal(rowsOf(response.body), 1, query);
    assert.match(response.body, new RegExp(`href="/gestion/commerces/${fromagerieId}">Fromagerie Éric`));
    assert.match(response.body, new RegExp(`value="${query}"`), 'the query stays in the field');
  }
  const nothing = await concierge.get('/gestion/commerces?q=boulangerie');
  assert.equal(rowsOf(nothing.body), 0);
  assert.match(nothing.body, /Effacer la recherche/);
});

test('a malformed filter is refused without a stack trace', async () => {
  const response = await concierge.get('/gestion/commerces?etape=ferme');
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /La demande est incomplète ou mal formée/);
});

test('the town reads the directory and a shop, but changes nothing', async () => {
  const directory = await town.get('/gestion/commerces');
  assert.equal(directory.statusCode, 200);
  assert.doesNotMatch(directory.body, /Ajouter un commerce/);
  const page = await town.get(`/gestion/commerces/${fromagerieId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1>Fromagerie Éric<\/h1>/);
  assert.doesNotMatch(page.body, /Valider l’adhésion/);
  assert.doesNotMatch(page.body, /Comptes commerçants/);
  assert.doesNotMatch(page.body, /Modifier l’identité/);
  assert.equal((await town.get('/gestion/commerces/nouveau')).statusCode, 404);
  assert.equal((await town.get(`/gestion/commerces/${fromagerieId}/modifier`)).statusCode, 404);
  const move = await town.post(`/gestion/commerces/${fromagerieId}/etape`, { from: 'contacted', to: 'member' }, '/gestion/commerces');
  assert.equal(move.statusCode, 404);
  const shop = await ctx.db.selectFrom('shops').select('stage').where('id', '=', fromagerieId).executeTakeFirstOrThrow();
  assert.equal(shop.stage, 'contacted');
});

test('residents and merchants get 404, visitors are sent to the login page', async () => {
  const { app, db, config } = ctx;
  const resident = new Agent(app);
  const residentAccount = await makeAccount(db, config, 'resident');
  await resident.login(residentAccount.email, residentAccount.password);
  const merchant = new Agent(app);
  const merchantAccount = await makeAccount(db, config, 'merchant', { shopId: fromagerieId });
  await merchant.login(merchantAccount.email, merchantAccount.password);
  for (const url of ['/gestion/commerces', '/gestion/commerces/nouveau', `/gestion/commerces/${fromagerieId}`, `/gestion/commerces/${fromagerieId}/modifier`]) {
    assert.equal((await resident.get(url)).statusCode, 404, url);
    assert.equal((await merchant.get(url)).statusCode, 404, url);
    const visitor = await new Agent(app).get(url);
    assert.equal(visitor.statusCode, 303, url);
    assert.match(String(visitor.headers.location), /^\/connexion\?retour=/);
  }
});

test('an unknown or malformed shop id is a 404', async () => {
  assert.equal((await concierge.get('/gestion/commerces/0190f1e2-0000-7000-8000-000000000000')).statusCode, 404);
  assert.equal((await concierge.get('/gestion/commerces/pas-un-id')).statusCode, 404);
});
