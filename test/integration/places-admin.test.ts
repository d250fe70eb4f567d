// The concierge's pages about collection points, through real forms: the list, a new
// drop-off point, weekly hours (changing 20:00 to 21:00 is a form), slot settings,
// exceptional closures and openings. Mistakes are shown next to the field with the typed
// values kept; the town reads without forms; anyone else gets 404.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { createPlace, localDateOf } from '../../src/places/index.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
let counterId: string;

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
const WEEK_FIELDS = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].flatMap((day) => [1, 2, 3].flatMap((index) => [[`d${day}_opens_${index}`, ''], [`d${day}_closes_${index}`, '']])));

/** A local date `days` from today, as typed in the form ("24/12/2026") and as stored. */
function dayFromToday(days: number): { typed: string; iso: string } {
  const iso = new Date(Date.parse(`${localDateOf(nowIso(), 'Europe/Paris')}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return { typed: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`, iso };
}

async function loggedIn(role: 'merchant' | 'concierge' | 'resident' | 'town'): Promise<Agent> {
  const account = await makeAccount(ctx.db, ctx.config, role);
  const agent = new Agent(ctx.app);
  await agent.login(account.email, account.password);
  return agent;
}

function keyOf(html: string, action: string): string {
  const form = html.slice(html.indexOf(`action="${action}`));
  const match = /name="idempotency_key" value="([^"]+)"/.exec(form);
  if (!match) throw new Error(`no idempotency key in the form ${action}`);
  return match[1];
}

function errorOf(html: string, field: string): string | undefined {
  const match = new RegExp(`<p class="field__error" id="erreur-${field}"><span class="visually-hidden">Erreur\\s: </span>([^<]*)</p>`).exec(html);
  return match?.[1];
}

before(async () => {
  ctx = await buildTestApp();
  counterId = await ctx.db.transaction().execute((trx) =>
    createPlace(trx, {
      name: 'Conciergerie d’Istres',
      kind: 'counter',
      addressLine: '12 rue Hôtel de Ville',
      postalCode: '13800',
      city: 'Istres',
      phone: '04 42 55 00 00',
      position: 1,
      hours: [1, 2, 3, 4, 5, 6].flatMap((weekday) => [{ weekday, opensAt: '12:00', closesAt: '14:00' }, { weekday, opensAt: '18:00', closesAt: '20:00' }]),
    }),
  );
  concierge = await loggedIn('concierge');
});

after(() => ctx.close());

test('only the concierge and the town reach the pages; a visitor is sent to log in', async () => {
  const visitor = await new Agent(ctx.app).get('/gestion/lieux');
  assert.equal(visitor.statusCode, 303);
  assert.match(String(visitor.headers.location), /^\/connexion\?retour=/);
  for (const role of ['resident', 'merchant'] as const) {
    const agent = await loggedIn(role);
    assert.equal((await agent.get('/gestion/lieux')).statusCode, 404, role);
    assert.equal((await agent.get(`/gestion/lieux/${counterId}`)).statusCode, 404, role);
  }
});

test('the list shows each point with its hours in one line, its slots and its next closure', async () => {
  const page = await concierge.get('/gestion/lieux');
  assert.equal(page.statusCode, 200);
  assert.equal((page.body.match(/<h1[\s>]/g) ?? []).length, 1);
  assert.match(page.body, /<h1>Points de retrait<\/h1>/);
  assert.match(page.body, new RegExp(`<a href="/gestion/lieux/${counterId}">Conciergerie d’Istres</a>`));
  assert.match(plain(page.body), /du lundi au samedi : 12 h – 14 h et 18 h – 20 h/);
  assert.match(page.body, /de 30 minutes, sans limite de commandes/);
  assert.match(page.body, /aucune prévue/);
  assert.match(page.body, /href="\/gestion\/lieux\/nouveau"/);
  assert.match((await concierge.get('/gestion')).body, /href="\/gestion\/lieux"/, 'reached from the back-office home');
});

test('a new drop-off point: mistakes next to the fields with the values kept, then created once', async () => {
  const form = await concierge.get('/gestion/lieux/nouveau');
  assert.equal(form.statusCode, 200);
  const key = keyOf(form.body, '/gestion/lieux/nouveau');
  const wrong = await concierge.post('/gestion/lieux/nouveau', { name: ' ', kind: 'castle', address_line: '2 place de la Fontaine', postal_code: '131', city: 'Entressen', phone: '12', idempotency_key: key });
  assert.equal(wrong.statusCode, 422);
  assert.equal(errorOf(wrong.body, 'name'), 'Ce champ est obligatoire.');
  assert.equal(errorOf(wrong.body, 'kind'), 'Choisissez une des valeurs proposées.');
  assert.equal(errorOf(wrong.body, 'postal_code'), 'Indiquez un code postal à 5 chiffres.');
  assert.equal(plain(errorOf(wrong.body, 'phone') ?? ''), 'Indiquez un numéro de téléphone français, par exemple 04 42 55 00 00.');
  assert.match(wrong.body, /value="2 place de la Fontaine"/);
  assert.match(wrong.body, /value="Entressen"/);
  assert.equal((await ctx.db.selectFrom('places').select('id').execute()).length, 1, 'nothing created');

  const fields = { name: 'Foyer La Meraviho', kind: 'community_centre', address_line: '2 place de la Fontaine', postal_code: '13118', city: 'Entressen', phone: '04.42.56.18.30', idempotency_key: key };
  const created = await concierge.post('/gestion/lieux/nouveau', fields);
  assert.equal(created.statusCode, 303);
  const location = String(created.headers.location);
  assert.match(location, /^\/gestion\/lieux\/[0-9a-f-]{36}$/);
  const again = await concierge.post('/gestion/lieux/nouveau', fields, '/gestion/lieux/nouveau');
  assert.equal(again.headers.location, location, 'a second click leads to the same point');
  const rows = await ctx.db.selectFrom('places').selectAll().where('name', '=', 'Foyer La Meraviho').execute();
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0].phone, Number(rows[0].position), Number(rows[0].slot_minutes), rows[0].slot_capacity, Number(rows[0].active)], ['04 42 56 18 30', 2, 30, null, 1]);
  const page = await concierge.get(location);
  assert.match(page.body, /Point de retrait ajouté/);
  assert.match(page.body, /<h1>Foyer La Meraviho<\/h1>/);

  const extra = await concierge.post('/gestion/lieux/nouveau', { ...fields, idempotency_key: 'another-key-123', is_admin: 'on' }, '/gestion/lieux/nouveau');
  assert.equal(extra.statusCode, 422);
  assert.match(extra.body, /Le formulaire contient un champ inattendu/);
});

test('weekly hours: the counter stays open until 21:00 by filling a form', async () => {
  const url = `/gestion/lieux/${counterId}`;
  const page = await concierge.get(url);
  assert.match(page.body, /id="champ-d1_closes_2"[^>]*value="20:00"|value="20:00"[^>]*id="champ-d1_closes_2"/);
  const hours = { ...WEEK_FIELDS };
  for (const day of [1, 2, 3, 4, 5, 6]) Object.assign(hours, { [`d${day}_opens_1`]: '12:00', [`d${day}_closes_1`]: '14:00', [`d${day}_opens_2`]: '18:00', [`d${day}_closes_2`]: '21:00' });
  hours.d3_opens_3 = '09:00';
  hours.d3_closes_3 = '11:00';
  const saved = await concierge.post(`${url}/horaires`, hours, url);
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `${url}#horaires`);
  const after = await concierge.get(url);
  assert.match(after.body, /Horaires enregistrés\./);
  assert.match(plain(after.body), /<dt>lundi<\/dt><dd>12 h – 14 h et 18 h – 21 h<\/dd>/);
  assert.match(plain(after.body), /<dt>mercredi<\/dt><dd>9 h – 11 h, 12 h – 14 h et 18 h – 21 h<\/dd>/);
  const contact = await new Agent(ctx.app).get('/contact');
  assert.match(plain(contact.body), /<dt>samedi<\/dt><dd>12 h – 14 h et 18 h – 21 h<\/dd>/);
});

test('weekly hours: mistakes are shown next to the time, the typed hours kept, nothing saved', async () => {
  const url = `/gestion/lieux/${counterId}`;
  const wrong = await concierge.post(`${url}/horaires`, { ...WEEK_FIELDS, d1_opens_1: '14:00', d1_closes_1: '12:00', d2_opens_1: '12:00', d2_closes_1: '14:00', d2_opens_2: '13:00', d2_closes_2: '15:00', d4_opens_1: 'midi', d4_closes_1: '14:00' }, url);
  assert.equal(wrong.statusCode, 422);
  assert.equal(errorOf(wrong.body, 'd1_closes_1'), 'L’heure de fermeture doit venir après l’heure d’ouverture.');
  assert.match(errorOf(wrong.body, 'd2_opens_2') ?? '', /chevauche/);
  assert.equal(errorOf(wrong.body, 'd4_opens_1'), 'Indiquez une heure au format 12:00.');
  assert.match(wrong.body, /value="midi"/);
  assert.match(plain(wrong.body), /<a href="#champ-d1_closes_1">Lundi, fermeture \(1re plage\) : /);
  const saved = await ctx.db.selectFrom('place_opening_hours').select('closes_at').where('place_id', '=', counterId).where('weekday', '=', 1).orderBy('opens_at').execute();
  assert.deepEqual(saved.map((row) => row.closes_at), ['14:00', '21:00'], 'the hours saved before are untouched');
  const tooLong = await concierge.post(`${url}/horaires`, { ...WEEK_FIELDS, d1_opens_1: '12:00:00:00:00' }, url);
  assert.equal(tooLong.statusCode, 422);
  assert.ok(errorOf(tooLong.body, 'd1_opens_1'));
});

test('slot settings: length and capacity saved; a wrong capacity is explained', async () => {
  const url = `/gestion/lieux/${counterId}`;
  const wrong = await concierge.post(`${url}/creneaux`, { slot_minutes: '30', slot_capacity: '0' }, url);
  assert.equal(wrong.statusCode, 422);
  assert.equal(errorOf(wrong.body, 'slot_capacity'), 'Indiquez un nombre entier de 1 à 500, ou laissez vide.');
  assert.match(wrong.body, /id="champ-slot_capacity"[^>]*value="0"|value="0"[^>]*id="champ-slot_capacity"/);
  const odd = await concierge.post(`${url}/creneaux`, { slot_minutes: '7', slot_capacity: '' }, url);
  assert.equal(errorOf(odd.body, 'slot_minutes'), 'Choisissez une des valeurs proposées.');
  const saved = await concierge.post(`${url}/creneaux`, { slot_minutes: '15', slot_capacity: '4' }, url);
  assert.equal(saved.statusCode, 303);
  const page = await concierge.get(url);
  assert.match(page.body, /de 15 minutes, 4 commandes au plus par créneau/);
  const row = await ctx.db.selectFrom('places').select(['slot_minutes', 'slot_capacity']).where('id', '=', counterId).executeTakeFirstOrThrow();
  assert.deepEqual([Number(row.slot_minutes), Number(row.slot_capacity)], [15, 4]);
  await concierge.post(`${url}/creneaux`, { slot_minutes: '30', slot_capacity: '' }, url);
  assert.equal((await ctx.db.selectFrom('places').select('slot_capacity').where('id', '=', counterId).executeTakeFirstOrThrow()).slot_capacity, null, 'empty: no limit');
});

test('exceptional closures: added once, shown on the contact page, overlaps and past dates refused, removed', async () => {
  const url = `/gestion/lieux/${counterId}`;
  const [from, to] = [dayFromToday(10), dayFromToday(12)];
  const page = await concierge.get(url);
  const key = keyOf(page.body, `${url}/fermetures`);
  const fields = { closure_from: from.typed, closure_to: to.typed, closure_reason: 'Fermeture de Noël', idempotency_key: key };
  assert.equal((await concierge.post(`${url}/fermetures`, fields)).statusCode, 303);
  assert.equal((await concierge.post(`${url}/fermetures`, fields, url)).statusCode, 303, 'a double click');
  const rows = await ctx.db.selectFrom('place_closures').selectAll().where('place_id', '=', counterId).execute();
  assert.deepEqual(rows.map((row) => [row.from_date, row.to_date, row.reason]), [[from.iso, to.iso, 'Fermeture de Noël']]);

  const detail = await concierge.get(url);
  assert.match(detail.body, /Fermeture ajoutée\./);
  assert.match(plain(detail.body), /<li>Fermé du [^<]+ : Fermeture de Noël<form method="post" action="[^"]+\/supprimer"/);
  const contact = await new Agent(ctx.app).get('/contact');
  assert.match(plain(contact.body), /<li>Fermé du [^<]+ : Fermeture de Noël<\/li>/);
  const list = await concierge.get('/gestion/lieux');
  assert.match(plain(list.body), /<td>Fermé du [^<]+ : Fermeture de Noël<\/td>/);

  const overlap = await concierge.post(`${url}/fermetures`, { closure_from: to.typed, closure_to: dayFromToday(14).typed, closure_reason: 'Inventaire', idempotency_key: 'overlap-key-0001' }, url);
  assert.equal(overlap.statusCode, 422);
  assert.equal(errorOf(overlap.body, 'closure_from'), 'Une fermeture est déjà prévue sur une partie de ces dates. Supprimez-la ou choisissez d’autres dates.');
  assert.match(overlap.body, /value="Inventaire"/);
  const past = await concierge.post(`${url}/fermetures`, { closure_from: dayFromToday(-3).typed, closure_to: dayFromToday(-1).typed, closure_reason: 'Trop tard', idempotency_key: 'past-key-000001' }, url);
  assert.equal(errorOf(past.body, 'closure_to'), 'Cette date est déjà passée.');
  const nonsense = await concierge.post(`${url}/fermetures`, { closure_from: '31/02/2030', closure_to: '', closure_reason: '', idempotency_key: 'bad-key-0000001' }, url);
  assert.equal(errorOf(nonsense.body, 'closure_from'), 'Indiquez une date valable, par exemple 24/12/2026.');
  assert.equal(errorOf(nonsense.body, 'closure_reason'), 'Ce champ est obligatoire.');
  assert.equal((await ctx.db.selectFrom('place_closures').select('id').execute()).length, 1);

  const removed = await concierge.post(`${url}/fermetures/${rows[0].id}/supprimer`, {}, url);
  assert.equal(removed.statusCode, 303);
  assert.equal((await ctx.db.selectFrom('place_closures').select('id').execute()).length, 0);
  assert.equal((await concierge.post(`${url}/fermetures/${rows[0].id}/supprimer`, {}, url)).statusCode, 404);
});

test('exceptional openings: a day with its own hours, one per day, at least one range', async () => {
  const url = `/gestion/lieux/${counterId}`;
  const sunday = dayFromToday(20);
  const page = await concierge.get(url);
  const key = keyOf(page.body, `${url}/ouvertures`);
  const fields = { opening_date: sunday.typed, opening_reason: 'Ouverture avant Noël', opening_opens_1: '10:00', opening_closes_1: '12:00', opening_opens_2: '', opening_closes_2: '', opening_opens_3: '', opening_closes_3: '', idempotency_key: key };
  assert.equal((await concierge.post(`${url}/ouvertures`, fields)).statusCode, 303);
  const detail = await concierge.get(url);
  assert.match(plain(detail.body), /Ouvert exceptionnellement le [^<]+, 10 h – 12 h : Ouverture avant Noël/);
  const contact = await new Agent(ctx.app).get('/contact');
  assert.match(plain(contact.body), /Ouvert exceptionnellement le [^<]+, 10 h – 12 h : Ouverture avant Noël/);

  const twin = await concierge.post(`${url}/ouvertures`, { ...fields, idempotency_key: 'twin-key-000001' }, url);
  assert.equal(twin.statusCode, 422);
  assert.equal(errorOf(twin.body, 'opening_date'), 'Une ouverture exceptionnelle est déjà prévue ce jour-là. Supprimez-la d’abord pour la remplacer.');
  const empty = await concierge.post(`${url}/ouvertures`, { ...fields, opening_date: dayFromToday(21).typed, opening_opens_1: '', opening_closes_1: '', idempotency_key: 'empty-key-00001' }, url);
  assert.equal(errorOf(empty.body, 'opening_opens_1'), 'Indiquez au moins une plage d’ouverture pour ce jour-là.');
  assert.match(empty.body, /value="Ouverture avant Noël"/);

  const [opening] = await ctx.db.selectFrom('place_openings').select('id').execute();
  const ranges = await ctx.db.selectFrom('place_opening_ranges').select(['opens_at', 'closes_at']).where('opening_id', '=', opening.id).execute();
  assert.deepEqual(ranges, [{ opens_at: '10:00', closes_at: '12:00' }]);
  assert.equal((await concierge.post(`${url}/ouvertures/${opening.id}/supprimer`, {}, url)).statusCode, 303);
  assert.equal((await ctx.db.selectFrom('place_opening_ranges').select('opening_id').execute()).length, 0);
  assert.equal((await concierge.post(`${url}/ouvertures/${UNKNOWN_ID}/supprimer`, {}, url)).statusCode, 404);
});

test('a point can stop being offered and come back', async () => {
  const url = `/gestion/lieux/${counterId}`;
  assert.equal((await concierge.post(`${url}/desactiver`, {}, url)).statusCode, 303);
  const page = await concierge.get(url);
  assert.match(page.body, /Ce lieu n’est plus proposé aux adhérents\./);
  assert.match(page.body, /Proposer de nouveau ce lieu/);
  assert.match((await concierge.get('/gestion/lieux')).body, /désactivé/);
  assert.match((await new Agent(ctx.app).get('/contact')).body, /Appelez-nous pour connaître les horaires/);
  assert.equal((await concierge.post(`${url}/reactiver`, {}, url)).statusCode, 303);
  assert.equal(Number((await ctx.db.selectFrom('places').select('active').where('id', '=', counterId).executeTakeFirstOrThrow()).active), 1);
});

test('the town reads the pages without any form and cannot post', async () => {
  const town = await loggedIn('town');
  const url = `/gestion/lieux/${counterId}`;
  const list = await town.get('/gestion/lieux');
  assert.equal(list.statusCode, 200);
  assert.doesNotMatch(list.body, /gestion\/lieux\/nouveau/);
  const page = await town.get(url);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h2 id="horaires">Horaires de la semaine<\/h2>/);
  assert.doesNotMatch(page.body, /Enregistrer les horaires|Ajouter la fermeture|desactiver/);
  assert.equal((await town.get('/gestion/lieux/nouveau')).statusCode, 404);
  const token = await town.csrfToken(url);
  assert.equal((await town.post(`${url}/horaires`, { ...WEEK_FIELDS, _csrf: token })).statusCode, 404);
  assert.equal((await town.post(`${url}/desactiver`, { _csrf: token })).statusCode, 404);
});

test('a missing or malformed point is 404, on pages and on forms', async () => {
  assert.equal((await concierge.get(`/gestion/lieux/${UNKNOWN_ID}`)).statusCode, 404);
  assert.equal((await concierge.get('/gestion/lieux/pas-un-id')).statusCode, 404);
  const token = await concierge.csrfToken('/gestion/lieux');
  assert.equal((await concierge.post(`/gestion/lieux/${UNKNOWN_ID}/creneaux`, { slot_minutes: '30', slot_capacity: '', _csrf: token })).statusCode, 404);
  assert.equal((await concierge.post(`/gestion/lieux/${UNKNOWN_ID}/horaires`, { ...WEEK_FIELDS, _csrf: token })).statusCode, 404);
  assert.equal((await concierge.post(`/gestion/lieux/${UNKNOWN_ID}/fermetures`, { closure_from: dayFromToday(3).typed, closure_to: '', closure_reason: 'x', idempotency_key: 'ghost-key-00001', _csrf: token })).statusCode, 404);
  assert.equal((await concierge.post(`/gestion/lieux/${counterId}/fermetures/pas-un-id/supprimer`, { _csrf: token })).statusCode, 404);
});
