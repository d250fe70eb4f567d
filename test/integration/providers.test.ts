// Providers (« prestataires ») in the shops directory: the concierge records one through the
// shop forms (a trade is required, the repair bonus goes with clothes and shoes), the
// directory filters them and says whether each is a member, absences are kept on a page of
// the shop, the public page of a member provider says how to reach it, and the requests area
// reads providers and whether one can come at a given time (local hours, summer time safe).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { CONCIERGE } from '../helpers/orders.ts';
import { ensureCategories, makeProvider, makeShop } from '../helpers/shops.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { changeStage, findProvidersByIds, getProviderProfile, listProviders, providerAvailability, setOpeningHours } from '../../src/shops/index.ts';

let ctx: TestApp;
let concierge: Agent;
let town: Agent;
let resident: Agent;

async function loggedIn(role: 'concierge' | 'town' | 'resident'): Promise<Agent> {
  const account = await makeAccount(ctx.db, ctx.config, role);
  const agent = new Agent(ctx.app);
  await agent.login(account.email, account.password);
  return agent;
}

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: '2026-11-18T09:00:00Z' });
  await ensureCategories(ctx.db);
  [concierge, town, resident] = [await loggedIn('concierge'), await loggedIn('town'), await loggedIn('resident')];
});

after(() => ctx.close());

/** Whether the checkbox of that name is ticked in the page. */
function ticked(html: string, name: string): boolean {
  return new RegExp(`<input[^>]*name="${name}"[^>]*type="checkbox"[^>]*checked`).test(html);
}

async function newShopForm(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  await concierge.get('/gestion/commerces/nouveau');
  const key = /name="idempotency_key" value="([^"]+)"/.exec(concierge.lastHtml)?.[1];
  assert.ok(key);
  return {
    idempotency_key: key,
    independent: 'oui',
    trade_name: 'Cordonnerie Vidal',
    legal_name: 'Vidal Jean EI',
    siret: '',
    category_code: 'cordonnerie',
    address_line: '3 rue de la Gare',
    postal_code: '13800',
    city: 'Istres',
    latitude: '',
    longitude: '',
    phone: '04 42 10 20 30',
    email: '',
    description: '',
    kind: 'provider',
    area_served: 'Istres et Entressen',
    makes_quotes: 'oui',
    usual_delay_days: '3',
    channel_phone: 'on',
    channel_walk_in: 'on',
    ...overrides,
  };
}

test('the shop form records a provider: a trade is required, the repair bonus needs a clothes or shoe trade, ticks are kept', async () => {
  const page = await concierge.get('/gestion/commerces/nouveau');
  assert.match(plain(page.body), /Commerce ou prestataire \?/);
  assert.match(page.body, /name="trade_plumber"/);

  const noTrade = await concierge.post('/gestion/commerces/nouveau', await newShopForm({ label_repair_bonus: 'on' }), '/gestion/commerces/nouveau');
  assert.equal(noTrade.statusCode, 422);
  assert.match(plain(noTrade.body), /id="erreur-trades">.*Un prestataire a au moins un métier : cochez-en un\./);
  assert.match(plain(noTrade.body), /id="erreur-labels">.*Le bonus réparation ne concerne que les retouches de vêtements et la cordonnerie/);
  assert.ok(ticked(noTrade.body, 'channel_walk_in') && !ticked(noTrade.body, 'channel_email'), 'what was ticked comes back');
  assert.match(noTrade.body, /value="Istres et Entressen"/);

  const saved = await concierge.post('/gestion/commerces/nouveau', await newShopForm({ trade_cobbler: 'on', trade_locksmith: 'on', label_repair_bonus: 'on' }), '/gestion/commerces/nouveau');
  assert.equal(saved.statusCode, 303);
  const id = /\/gestion\/commerces\/([^/?#]+)$/.exec(String(saved.headers.location))![1];
  const profile = await getProviderProfile(ctx.db, id);
  assert.deepEqual(profile, {
    kind: 'provider',
    trades: ['locksmith', 'cobbler'],
    labels: ['repair_bonus'],
    areaServed: 'Istres et Entressen',
    requestChannels: ['phone', 'walk_in'],
    makesQuotes: true,
    usualDelayDays: 3,
  });
  const shopPage = visibleText((await concierge.get(`/gestion/commerces/${id}`)).body);
  assert.ok(shopPage.includes('Prestataire non adhérent'));
  assert.ok(shopPage.includes('Serrurier, Cordonnier'));
  assert.ok(shopPage.includes('Par téléphone, En passant à la boutique'));
  assert.ok(shopPage.includes('3 jours'));
});

test('the edit form shows the profile ticked; back to a plain shop, nothing of the provider is kept', async () => {
  const id = await makeProvider(ctx.db, { tradeName: 'Jardins Roux', profile: { trades: ['gardener'], labels: ['personal_services'] } });
  const edit = await concierge.get(`/gestion/commerces/${id}/modifier`);
  assert.ok(ticked(edit.body, 'trade_gardener') && !ticked(edit.body, 'trade_plumber'));
  assert.ok(ticked(edit.body, 'label_personal_services'));
  assert.match(edit.body, /id="champ-kind-provider" name="kind" value="provider" checked/);

  const form: Record<string, string> = {};
  for (const match of edit.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) if (!/type="(radio|checkbox|hidden)"/.test(match[0])) form[match[1]] = match[2];
  const back = await concierge.post(`/gestion/commerces/${id}/modifier`, { ...form, siret: '', latitude: '', longitude: '', category_code: 'cordonnerie', description: '', kind: 'shop', trade_gardener: 'on', makes_quotes: 'non' }, `/gestion/commerces/${id}/modifier`);
  assert.equal(back.statusCode, 303, /<div class="error-summary"[\s\S]*?<\/div>/.exec(back.body)?.[0]);
  assert.deepEqual(await getProviderProfile(ctx.db, id), { kind: 'shop', trades: [], labels: [], areaServed: '', requestChannels: [], makesQuotes: false, usualDelayDays: null });
});

test('the directory filters « Prestataires » and says for each whether it is a member', async () => {
  await makeProvider(ctx.db, { tradeName: 'Électricité Blanc', profile: { trades: ['electrician'] } });
  await makeProvider(ctx.db, { tradeName: 'Plomberie Rey', stage: 'contacted', profile: { trades: ['plumber', 'heating'] } });
  await makeShop(ctx.db, { tradeName: 'Fromagerie Bleue' });
  const all = await concierge.get('/gestion/commerces');
  assert.match(plain(all.body), /Prestataires/);
  const providers = visibleText((await town.get('/gestion/commerces?genre=provider')).body);
  assert.ok(providers.includes('Électricité Blanc') && providers.includes('Plomberie Rey'));
  assert.ok(!providers.includes('Fromagerie Bleue'), 'a plain shop is not a provider');
  assert.ok(providers.includes('Prestataire adhérent Électricien'));
  assert.ok(providers.includes('Prestataire non adhérent Plombier, Chauffagiste'));
});

test('absences: the concierge adds and removes them with French messages, the town reads them, a resident gets 404', async () => {
  const id = await makeProvider(ctx.db, { tradeName: 'Serrurerie Arnaud', profile: { trades: ['locksmith'] } });
  const path = `/gestion/commerces/${id}/absences`;
  assert.match(visibleText((await concierge.get(`/gestion/commerces/${id}`)).body), /Absences du prestataire/);
  const backwards = await concierge.post(path, { starts_on: '24/12/2026', ends_on: '20/12/2026', note: '' }, path);
  assert.equal(backwards.statusCode, 422);
  assert.match(plain(backwards.body), /id="erreur-ends_on">.*Le dernier jour ne peut pas être avant le premier jour\./);
  const badDate = await concierge.post(path, { starts_on: '32/12/2026', ends_on: '02/01/2027', note: '' }, path);
  assert.match(plain(badDate.body), /id="erreur-starts_on">.*Indiquez une date au format jj\/mm\/aaaa/);

  assert.equal((await concierge.post(path, { starts_on: '24/12/2026', ends_on: '02/01/2027', note: 'Congés de fin d’année' }, path)).statusCode, 303);
  const listed = visibleText((await town.get(path)).body);
  assert.ok(listed.includes('Congés de fin d’année') && listed.includes('jeudi 24 décembre 2026'));
  assert.ok(!listed.includes('Enregistrer l’absence'), 'the town only reads');
  assert.equal((await resident.get(path)).statusCode, 404);
  assert.equal((await town.post(path, { starts_on: '01/12/2026', ends_on: '01/12/2026', note: '' }, path)).statusCode, 404);

  const absence = await ctx.db.selectFrom('shop_absences').select('id').where('shop_id', '=', id).executeTakeFirstOrThrow();
  const remove = `${path}/${absence.id}/supprimer`;
  assert.equal((await concierge.post(remove, {}, path)).statusCode, 303);
  assert.equal((await concierge.post(remove, {}, path)).statusCode, 404, 'removed once only');
});

test('the public directory lists member providers apart; a provider’s page gives its trades, labels and the conciergerie’s phone', async () => {
  const id = await makeProvider(ctx.db, { tradeName: 'Aide à Domicile Lou Cantoun', profile: { trades: ['home_help', 'cleaning'], labels: ['personal_services'], areaServed: 'Istres, Entressen et Miramas' } });
  await makeProvider(ctx.db, { tradeName: 'Informatique Pas Encore', stage: 'contacted', profile: { trades: ['computer_help'] } });
  const list = visibleText((await resident.get('/commerces?genre=prestataires')).body);
  assert.ok(list.includes('Aide à Domicile Lou Cantoun'));
  assert.ok(list.includes('Prestataire adhérent Aide à domicile, Ménage et repassage'));
  assert.ok(!list.includes('Informatique Pas Encore'), 'a non-member is not public');
  assert.ok(!list.includes('Fromagerie Bleue'));

  const page = visibleText((await resident.get(`/commerces/${id}`)).body);
  assert.ok(page.includes('Aide à domicile, Ménage et repassage'));
  assert.ok(page.includes('Istres, Entressen et Miramas'));
  assert.ok(page.includes('Services à la personne : vous avez droit à un crédit d’impôt de 50 % des sommes payées.'));
  assert.ok(page.includes(plain('Pour le joindre, passez par la conciergerie au 04 42 55 00 00')));
});

test('listProviders and findProvidersByIds: by name, of a trade, without those that left, saying who is a member', async () => {
  const left = await makeProvider(ctx.db, { tradeName: 'Aaa Plomberie Partie', profile: { trades: ['plumber'] } });
  await changeStage(ctx.db, CONCIERGE, left, 'left', undefined, { reason: 'moved', note: '' });
  const plumbers = await listProviders(ctx.db, { trade: 'plumber' });
  assert.deepEqual(plumbers.map((provider) => [provider.tradeName, provider.isMember]), [['Plomberie Rey', false]]);
  assert.deepEqual(plumbers[0].trades, ['plumber', 'heating']);
  const names = (await listProviders(ctx.db)).map((provider) => provider.tradeName);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'fr')), 'in French order');
  assert.ok(!names.includes('Aaa Plomberie Partie'));
  const shopId = await makeShop(ctx.db, { tradeName: 'Pas un prestataire' });
  const found = await findProvidersByIds(ctx.db, [left, shopId]);
  assert.deepEqual(found.map((provider) => provider.shopId), [left], 'a request keeps its provider that left; a plain shop is no provider');
});

test('whether a provider can come is read on the town’s wall clock, across the change to summer time', async () => {
  const id = await makeProvider(ctx.db, { tradeName: 'Électricité du Dimanche', profile: { trades: ['electrician'] } });
  await setOpeningHours(ctx.db, CONCIERGE, id, [{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }]);
  const zone = ctx.config.timeZone;
  // Monday 23 March 2026 is in winter time (UTC+1), Monday 30 March in summer time (UTC+2).
  assert.equal(await providerAvailability(ctx.db, id, '2026-03-23T10:30:00Z', '2026-03-23T11:00:00Z', zone), 'open', '11:30–12:00 in Istres');
  assert.equal(await providerAvailability(ctx.db, id, '2026-03-30T10:30:00Z', '2026-03-30T11:00:00Z', zone), 'closed', '12:30–13:00 in Istres');
  assert.equal(await providerAvailability(ctx.db, id, '2026-03-30T07:00:00Z', '2026-03-30T08:00:00Z', zone), 'open', '9:00–10:00 in Istres');
  assert.equal(await providerAvailability(ctx.db, id, '2026-03-24T08:00:00Z', '2026-03-24T09:00:00Z', zone), 'closed', 'closed on Tuesday');
  const path = `/gestion/commerces/${id}/absences`;
  assert.equal((await concierge.post(path, { starts_on: '30/03/2026', ends_on: '30/03/2026', note: 'Formation' }, path)).statusCode, 303);
  assert.equal(await providerAvailability(ctx.db, id, '2026-03-30T07:00:00Z', '2026-03-30T08:00:00Z', zone), 'absent');
});
