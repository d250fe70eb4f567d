// The opening-hours editor: the shop's own merchant and the concierge may use it; another
// shop's merchant, a resident and the town get 404. Mistakes are shown next to the field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;
let shopId: string;
let merchant: Agent;
let concierge: Agent;

async function loggedIn(role: 'merchant' | 'concierge' | 'resident' | 'town', shop?: string): Promise<Agent> {
  const account = await makeAccount(ctx.db, ctx.config, role, shop ? { shopId: shop } : {});
  const agent = new Agent(ctx.app);
  await agent.login(account.email, account.password);
  return agent;
}

async function savedHours(id: string) {
  return ctx.db.selectFrom('shop_opening_hours').select(['weekday', 'opens_at', 'closes_at']).where('shop_id', '=', id).orderBy('weekday').orderBy('opens_at').execute();
}

before(async () => {
  ctx = await buildTestApp();
  shopId = await makeShop(ctx.db, { tradeName: 'Boulangerie Sainte-Catherine', categoryCode: 'alimentation' });
  merchant = await loggedIn('merchant', shopId);
  concierge = await loggedIn('concierge');
});

after(() => ctx.close());

test('the merchant sets two ranges a day and the week is shown in French', async () => {
  const url = `/boutique/${shopId}/horaires`;
  const page = await merchant.get(url);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1>Horaires d’ouverture de Boulangerie Sainte-Catherine<\/h1>/);
  assert.match(page.body, /<legend>Lundi<span class="muted"> — Fermé<\/span><\/legend>/);
  assert.match(page.body, /<label for="champ-d1_opens_1">Ouverture \(1re plage\)/);
  assert.match(page.body, /type="time"/);
  const response = await merchant.post(url, {
    d1_opens_1: '09:00', d1_closes_1: '12:00', d1_opens_2: '14:30', d1_closes_2: '19:00',
    d2_opens_1: '9:00', d2_closes_1: '12:00',
    d6_opens_1: '08:00', d6_closes_1: '12:30',
    d7_opens_1: '', d7_closes_1: '',
  });
  assert.equal(response.statusCode, 303);
  assert.deepEqual(
    (await savedHours(shopId)).map((row) => `${row.weekday} ${row.opens_at}-${row.closes_at}`),
    ['1 09:00-12:00', '1 14:30-19:00', '2 09:00-12:00', '6 08:00-12:30'],
  );
  const shown = await merchant.get(url);
  assert.match(shown.body, /Horaires enregistrés\./);
  assert.match(plain(shown.body), /<dt>lundi<\/dt><dd>9 h – 12 h, 14 h 30 – 19 h<\/dd>/);
  assert.match(shown.body, /<dt>dimanche<\/dt><dd>fermé<\/dd>/);
  assert.match(shown.body, /id="champ-d1_opens_2" name="d1_opens_2" type="time" value="14:30"/);
});

test('mistakes are shown next to the right field and everything typed is kept', async () => {
  const url = `/boutique/${shopId}/horaires`;
  const before = await savedHours(shopId);
  const response = await merchant.post(url, {
    d1_opens_1: '12:00', d1_closes_1: '09:00',
    d2_opens_1: '09:00', d2_closes_1: '12:00', d2_opens_2: '11:30', d2_closes_2: '18:00',
    d3_opens_1: '25:00', d3_closes_1: '12:00',
    d4_opens_1: '', d4_closes_1: '18:00',
  });
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-d1_closes_1">.*L’heure de fermeture doit venir après l’heure d’ouverture/);
  assert.match(response.body, /id="erreur-d2_opens_2">.*Cette plage chevauche l’autre plage du même jour/);
  assert.match(response.body, /id="erreur-d3_opens_1">.*Indiquez une heure au format 12:00/);
  assert.match(response.body, /id="erreur-d4_opens_1">.*Indiquez aussi l’heure d’ouverture/);
  assert.match(response.body, /href="#champ-d2_opens_2">Mardi, ouverture \(2e plage\)/);
  assert.match(response.body, /name="d2_opens_2" type="time" value="11:30"/);
  assert.match(response.body, /name="d3_opens_1" type="time" value="25:00"/);
  assert.deepEqual(await savedHours(shopId), before, 'nothing saved');
  const unknown = await merchant.post(url, { d8_opens_1: '09:00' });
  assert.equal(unknown.statusCode, 422);
  assert.match(unknown.body, /Le formulaire contient un champ inattendu/);
});

test('the concierge edits any shop’s hours; emptying every day closes the shop', async () => {
  const other = await makeShop(ctx.db);
  const url = `/boutique/${other}/horaires`;
  const page = await concierge.get(url);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /href="\/gestion\/commerces"/);
  assert.equal((await concierge.post(url, { d3_opens_1: '10:00', d3_closes_1: '18:00' })).statusCode, 303);
  assert.equal((await savedHours(other)).length, 1);
  assert.equal((await concierge.post(url, {})).statusCode, 303);
  assert.equal((await savedHours(other)).length, 0);
});

test('another shop’s merchant, a resident and the town get 404; a visitor is sent to log in', async () => {
  const otherShop = await makeShop(ctx.db);
  const stranger = await loggedIn('merchant', otherShop);
  const resident = await loggedIn('resident');
  const town = await loggedIn('town');
  const url = `/boutique/${shopId}/horaires`;
  const before = await savedHours(shopId);
  for (const agent of [stranger, resident, town]) {
    assert.equal((await agent.get(url)).statusCode, 404);
    const token = await agent.csrfToken('/');
    const post = await agent.post(url, { _csrf: token, d1_opens_1: '06:00', d1_closes_1: '07:00' });
    assert.equal(post.statusCode, 404);
    assert.doesNotMatch(post.body, /Boulangerie Sainte-Catherine/);
  }
  assert.deepEqual(await savedHours(shopId), before);
  const visitor = await new Agent(ctx.app).get(url);
  assert.equal(visitor.statusCode, 303);
  assert.match(String(visitor.headers.location), /^\/connexion\?retour=/);
  assert.equal((await merchant.get('/boutique/0190f1e2-0000-7000-8000-000000000000/horaires')).statusCode, 404);
});
