// Destinations beyond the counter, through the pages on a real database: the concierge's
// companies and their employees, workplace delivery on the company's run (its date from the
// cut-off in the town's time zone, at midnight and across both changes of time), home delivery
// inside the town's street list, and what must be refused — a company without address, an
// employee of another company, a non-employee forging a company, an address outside the zone.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { makePlace, makeResident, type Resident } from '../helpers/orders.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { plain, visibleText } from '../helpers/text.ts';

/** Tuesday 8 December 2026, 9 h in Istres. */
const TUESDAY = '2026-12-08T08:00:00Z';

let ctx: TestApp;
let concierge: Agent;
let counterId: string;
let stopId: string;
let offerId: string;

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: TUESDAY });
  counterId = await makePlace(ctx.db, { name: 'Conciergerie d’Istres' });
  stopId = await makePlace(ctx.db, { name: 'Zone du Tubé', kind: 'company', addressLine: 'Zone du Tubé', hours: [{ weekday: 5, opensAt: '14:00', closesAt: '17:00' }] });
  offerId = await makeOffer(ctx.db, await makeShop(ctx.db), { title: 'Pain de campagne', priceCents: 450 });
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
});

beforeEach(() => startClockAt(TUESDAY));
after(() => ctx.close());

const text = (html: string) => plain(visibleText(html));

/** The value of the first input named `name`, whatever the order of its attributes. */
function fieldValue(html: string, name: string): string {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html);
  const match = input && /value="([^"]*)"/.exec(input[0]);
  if (!match) throw new Error(`no field ${name}`);
  return match[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

const COMPANY = {
  name: 'Provence Logistique',
  address_line: '4 rue de l’Industrie, zone du Tubé',
  postal_code: '13800',
  city: 'Istres',
  contact_name: 'Nadia Benali',
  contact_phone: '04 42 00 11 22',
  contact_email: 'rh@provence-logistique.example',
};

let companyCounter = 0;
async function createCompany(fields: Record<string, string> = {}): Promise<string> {
  companyCounter += 1;
  const form = await concierge.get('/gestion/entreprises/nouvelle');
  const key = fieldValue(form.body, 'idempotency_key');
  const response = await concierge.post('/gestion/entreprises/nouvelle', { ...COMPANY, name: `${COMPANY.name} ${companyCounter}`, place_id: stopId, idempotency_key: key, ...fields });
  assert.equal(response.statusCode, 303, text(response.body));
  return (response.headers.location as string).split('/').pop()!;
}

async function employee(companyId: string): Promise<Resident> {
  const resident = await makeResident(ctx.db, ctx.config);
  const added = await concierge.post(`/gestion/entreprises/${companyId}/salaries`, { member: resident.email }, `/gestion/entreprises/${companyId}`);
  assert.equal(added.statusCode, 303);
  return resident;
}

async function shopper(resident: Resident): Promise<Agent> {
  const agent = new Agent(ctx.app);
  await agent.login(resident.email, resident.password);
  const added = await agent.post('/panier/ajouter', { offer_id: offerId, quantity: '1' }, '/panier');
  assert.equal(added.statusCode, 303);
  return agent;
}

async function ordersOf(memberId: string) {
  return ctx.db.selectFrom('orders').selectAll().where('member_id', '=', memberId).execute();
}

test('a company without address is refused next to the field, in French, and nothing is created', async () => {
  const form = await concierge.get('/gestion/entreprises/nouvelle');
  const response = await concierge.post('/gestion/entreprises/nouvelle', { ...COMPANY, address_line: '  ', place_id: stopId, idempotency_key: fieldValue(form.body, 'idempotency_key') });
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-address_line"><span[^>]*>[^<]*<\/span>Indiquez l’adresse de l’entreprise/);
  assert.equal(fieldValue(response.body, 'contact_name'), 'Nadia Benali', 'what was typed is kept');
  assert.equal((await ctx.db.selectFrom('companies').select('id').where('contact_name', '=', 'Nadia Benali').execute()).length, 0);
  const id = await createCompany();
  const row = await ctx.db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual([row.address_line, row.place_id, row.contact_phone, Number(row.pays_delivery_fee)], [COMPANY.address_line, stopId, '04 42 00 11 22', 0]);
  assert.match(text((await concierge.get('/gestion/entreprises')).body), new RegExp(`${COMPANY.name} ${companyCounter}`));
});

test('an employee of another company is refused in French; removed, they may join the other one', async () => {
  const first = await createCompany();
  const second = await createCompany();
  const resident = await employee(first);
  const refused = await concierge.post(`/gestion/entreprises/${second}/salaries`, { member: resident.email }, `/gestion/entreprises/${second}`);
  assert.equal(refused.statusCode, 422);
  assert.match(text(refused.body), /figure déjà parmi les salariés de Provence Logistique \d+/);
  assert.equal((await ctx.db.selectFrom('members').select('company_id').where('id', '=', resident.memberId).executeTakeFirstOrThrow()).company_id, first);
  const unknown = await concierge.post(`/gestion/entreprises/${second}/salaries`, { member: 'personne@exemple.fr' }, `/gestion/entreprises/${second}`);
  assert.match(text(unknown.body), /Aucun adhérent n’a cette adresse e-mail/);

  const removed = await concierge.post(`/gestion/entreprises/${first}/salaries/${resident.memberId}/retirer`, {}, `/gestion/entreprises/${first}`);
  assert.equal(removed.statusCode, 303);
  const phone = (await ctx.db.selectFrom('members').select('phone').where('id', '=', resident.memberId).executeTakeFirstOrThrow()).phone!;
  const joined = await concierge.post(`/gestion/entreprises/${second}/salaries`, { member: phone.replace(/ /g, '.') }, `/gestion/entreprises/${second}`);
  assert.equal(joined.statusCode, 303, 'found by the phone typed with dots');
  assert.equal((await ctx.db.selectFrom('members').select('company_id').where('id', '=', resident.memberId).executeTakeFirstOrThrow()).company_id, second);
});

test('an employee ordering on Tuesday is delivered at work on Friday 11 December, 14 h – 17 h', async () => {
  const resident = await employee(await createCompany());
  const agent = await shopper(resident);
  assert.match(text((await agent.get('/commande/lieu')).body), /Livraison au travail — Provence Logistique \d+, livraison vendredi 11 décembre, entre 14 h et 17 h/);
  const step = await agent.get(`/commande/creneau?place_id=${stopId}`);
  assert.equal(step.statusCode, 303, 'no slot to choose: the run is the next one');
  assert.equal(step.headers.location, `/commande/paiement?place_id=${stopId}&slot=${encodeURIComponent('2026-12-11T13:00:00.000Z')}`);
  const confirm = await agent.get(`/commande/confirmer?place_id=${stopId}&slot=${encodeURIComponent('2026-12-11T13:00:00.000Z')}&payment=at_counter`);
  assert.equal(confirm.statusCode, 200);
  assert.match(text(confirm.body), /Votre livraison au travail — Provence Logistique \d+/);
  assert.match(text(confirm.body), /livraison vendredi 11 décembre, entre 14 h et 17 h/);
  const placed = await agent.post('/commande', { place_id: stopId, slot: '2026-12-11T13:00:00.000Z', payment: 'at_counter', idempotency_key: fieldValue(confirm.body, 'idempotency_key') });
  assert.equal(placed.statusCode, 303);
  const [order] = await ordersOf(resident.memberId);
  assert.deepEqual([order.destination_kind, order.place_id, order.slot_local_date, order.slot_start_at, order.slot_end_at, order.delivery_address], [
    'workplace',
    stopId,
    '2026-12-11',
    '2026-12-11T13:00:00.000Z',
    '2026-12-11T16:00:00.000Z',
    null,
  ]);
});

test('the cut-off, the day before at 18 h: Thursday 17:59 rides this Friday, 18:00 the next; a page left open past it is refused', async () => {
  const resident = await employee(await createCompany());
  const agent = await shopper(resident);
  startClockAt('2026-12-10T16:59:00Z');
  assert.match(text((await agent.get('/commande/lieu')).body), /livraison vendredi 11 décembre/);
  startClockAt('2026-12-10T17:00:00Z');
  assert.match(text((await agent.get('/commande/lieu')).body), /livraison vendredi 18 décembre/);
  const late = await agent.get(`/commande/paiement?place_id=${stopId}&slot=${encodeURIComponent('2026-12-11T13:00:00.000Z')}`);
  assert.equal(late.statusCode, 303, 'the run of the 11th is gone: back to the destination');
});

test('at midnight the town’s day decides: a cut-off at 00:00 two days before, Tuesday 23:50 and Wednesday 00:10', async () => {
  const place = await makePlace(ctx.db, { name: 'Méca Tubé', kind: 'company', hours: [{ weekday: 5, opensAt: '14:00', closesAt: '17:00' }] });
  await ctx.db.updateTable('places').set({ run_cutoff_days: 2, run_cutoff_time: '00:00' }).where('id', '=', place).execute();
  const resident = await employee(await createCompany({ place_id: place }));
  const agent = await shopper(resident);
  startClockAt('2026-12-08T22:50:00Z');
  assert.match(text((await agent.get('/commande/lieu')).body), /livraison vendredi 11 décembre/);
  // 00:10 on Wednesday in Istres, still Tuesday in UTC.
  startClockAt('2026-12-08T23:10:00Z');
  assert.match(text((await agent.get('/commande/lieu')).body), /livraison vendredi 18 décembre/);
});

test('across the last Sunday of October and of March the window stays at 14 h local', async () => {
  const resident = await employee(await createCompany());
  const agent = await shopper(resident);
  for (const [now, date, startAt] of [
    ['2026-10-20T08:00:00Z', 'vendredi 23 octobre', '2026-10-23T12:00:00.000Z'],
    ['2026-10-27T08:00:00Z', 'vendredi 30 octobre', '2026-10-30T13:00:00.000Z'],
    ['2027-03-23T08:00:00Z', 'vendredi 26 mars', '2027-03-26T13:00:00.000Z'],
    ['2027-03-30T07:00:00Z', 'vendredi 2 avril', '2027-04-02T12:00:00.000Z'],
  ]) {
    startClockAt(now);
    assert.match(text((await agent.get('/commande/lieu')).body), new RegExp(`livraison ${date}( \\d{4})?, entre 14 h et 17 h`));
    assert.equal((await agent.get(`/commande/creneau?place_id=${stopId}`)).headers.location, `/commande/paiement?place_id=${stopId}&slot=${encodeURIComponent(startAt)}`);
  }
});

test('a non-employee never sees a company, and a forged choice of one is refused at every step and at the POST', async () => {
  await createCompany();
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await shopper(resident);
  const places = await agent.get('/commande/lieu');
  assert.ok(!places.body.includes(stopId), 'the company stop is not offered');
  assert.doesNotMatch(text(places.body), /Livraison au travail/);
  const forgedStep = await agent.get(`/commande/creneau?place_id=${stopId}`);
  assert.equal(forgedStep.statusCode, 422);
  assert.match(text(forgedStep.body), /Ce lieu de livraison n’est pas proposé à votre compte/);
  const confirm = await agent.get(`/commande/confirmer?place_id=${counterId}&slot=${encodeURIComponent(fieldValue((await agent.get(`/commande/creneau?place_id=${counterId}`)).body, 'slot'))}&payment=at_counter`);
  const forged = await agent.post('/commande', { place_id: stopId, slot: '2026-12-11T13:00:00.000Z', payment: 'at_counter', idempotency_key: fieldValue(confirm.body, 'idempotency_key'), _csrf: fieldValue(confirm.body, '_csrf') });
  assert.equal(forged.statusCode, 422);
  assert.match(text(forged.body), /Ce lieu de livraison n’est pas proposé à votre compte/);
  assert.equal((await ordersOf(resident.memberId)).length, 0);
  assert.equal((await ctx.db.selectFrom('basket_lines').select('id').where('owner_key', '=', `account:${resident.account.id}`).execute()).length, 1, 'the basket is kept');
});

async function setZone(audience: string): Promise<void> {
  const saved = await concierge.post('/gestion/livraison', { audience, streets: 'rue Frédéric Mistral, 13800\n13800 avenue Hélène Boucher\n' }, '/gestion/livraison');
  assert.equal(saved.statusCode, 303);
}

test('the town’s street list: saved, read back, and a line that cannot be read is refused in French', async () => {
  await setZone('needs_delivery');
  const page = await concierge.get('/gestion/livraison');
  assert.match(page.body, /<textarea[^>]*>avenue Hélène Boucher, 13800\nrue Frédéric Mistral, 13800<\/textarea>/);
  const refused = await concierge.post('/gestion/livraison', { audience: 'everyone', streets: 'rue Frédéric Mistral, 13800\nplace sans code' }, '/gestion/livraison');
  assert.equal(refused.statusCode, 422);
  assert.match(text(refused.body), /Cette ligne n’a pas pu être lue : « place sans code »/);
  assert.equal((await ctx.db.selectFrom('home_delivery_streets').select('id').execute()).length, 2, 'nothing half saved');
});

test('home delivery for a member who needs it: in the zone accepted, one street outside refused next to the field with what was typed', async () => {
  await setZone('needs_delivery');
  const resident = await makeResident(ctx.db, ctx.config);
  await ctx.db.updateTable('members').set({ needs_delivery: 1, address_line: '8 rue Frédéric Mistral' }).where('id', '=', resident.memberId).execute();
  const agent = await shopper(resident);
  const places = await agent.get('/commande/lieu');
  assert.match(text(places.body), /Livraison à domicile/);
  assert.equal(fieldValue(places.body, 'address'), '8 rue Frédéric Mistral', 'the member’s own address first');

  const outside = await agent.get(`/commande/creneau?place_id=domicile&address=${encodeURIComponent('8 rue Jean Jaurès')}&postal_code=13800`);
  assert.equal(outside.statusCode, 422);
  assert.match(outside.body, /id="erreur-address"/);
  assert.match(text(outside.body), /Nous ne livrons pas à cette adresse/);
  assert.match(text(outside.body), /Les lieux proposés à votre compte/);
  assert.match(text(outside.body), /Conciergerie d’Istres/);
  assert.equal(fieldValue(outside.body, 'address'), '8 rue Jean Jaurès', 'what was typed is kept');

  const inside = await agent.get(`/commande/creneau?place_id=domicile&address=${encodeURIComponent('8 av. Hélène-Boucher')}&postal_code=13800`);
  assert.equal(inside.statusCode, 200);
  assert.match(text(inside.body), /Livraison à domicile, 8 av\. Hélène-Boucher, 13800/);
  const slot = fieldValue(inside.body, 'slot');
  const query = `place_id=domicile&address=${encodeURIComponent('8 av. Hélène-Boucher')}&postal_code=13800&slot=${encodeURIComponent(slot)}&payment=at_counter`;
  const confirm = await agent.get(`/commande/confirmer?${query}`);
  assert.equal(confirm.statusCode, 200);
  const placed = await agent.post('/commande', { place_id: 'domicile', address: '8 av. Hélène-Boucher', postal_code: '13800', slot, payment: 'at_counter', idempotency_key: fieldValue(confirm.body, 'idempotency_key') });
  assert.equal(placed.statusCode, 303);
  const [order] = await ordersOf(resident.memberId);
  assert.deepEqual([order.destination_kind, order.delivery_address, order.place_id], ['home', '8 av. Hélène-Boucher, 13800', counterId]);
});

test('home delivery only for members marked as needing it, unless the town opens it to everyone', async () => {
  await setZone('needs_delivery');
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await shopper(resident);
  assert.doesNotMatch(text((await agent.get('/commande/lieu')).body), /Livraison à domicile/);
  const forged = await agent.get(`/commande/creneau?place_id=domicile&address=${encodeURIComponent('8 rue Frédéric Mistral')}&postal_code=13800`);
  assert.equal(forged.statusCode, 422);
  assert.match(text(forged.body), /Ce lieu de livraison n’est pas proposé à votre compte/);
  await setZone('everyone');
  assert.match(text((await agent.get('/commande/lieu')).body), /Livraison à domicile/);
});

test('the concierge marks a member « livraison à domicile nécessaire » on the member’s page', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const edit = await concierge.get(`/gestion/adherents/${resident.memberId}/modifier`);
  const values = Object.fromEntries(['first_name', 'last_name', 'phone', 'email', 'address_line', 'postal_code', 'city'].map((name) => [name, fieldValue(edit.body, name)]));
  const saved = await concierge.post(`/gestion/adherents/${resident.memberId}/modifier`, { ...values, kind: 'resident', notes: '', needs_delivery: 'on' });
  assert.equal(saved.statusCode, 303);
  assert.equal(Number((await ctx.db.selectFrom('members').select('needs_delivery').where('id', '=', resident.memberId).executeTakeFirstOrThrow()).needs_delivery), 1);
  assert.match(text((await concierge.get(`/gestion/adherents/${resident.memberId}`)).body), /Livraison à domicile Nécessaire/);
});
