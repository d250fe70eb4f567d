// Bad input against the phone desk's destinations, the company usage pages, the companies
// and the home-delivery zone, through the app on a real database: hostile addresses (HTML,
// 10 000 characters, NUL, letters for a postcode), a home delivery or a company's run forged for
// a member who may not have it, impossible dates, another company's data. Each refusal is in
// French beside its field with what was typed kept, never a 500, and creates nothing.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { CONCIERGE } from '../helpers/orders.ts';
import { makeRunOrder, makeRunsTown, RUNS_FRIDAY, RUNS_TUESDAY, type RunsTown } from '../helpers/runs.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { addEmployee } from '../../src/members/members.companies.service.ts';
import { addToBasket } from '../../src/orders/index.ts';
import { accountBasketKey } from '../../src/orders/site/basket.service.ts';
import { saveHomeDeliveryZone } from '../../src/places/places.delivery.service.ts';

let ctx: TestApp;
let town: RunsTown;
let concierge: Agent;

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: RUNS_TUESDAY });
  town = await makeRunsTown(ctx.db);
  concierge = await loggedIn('concierge');
});
beforeEach(() => startClockAt(RUNS_TUESDAY));
after(() => ctx.close());

const text = (html: string) => plain(visibleText(html));
const DESK = '/gestion/commandes/nouvelle';

async function loggedIn(role: Parameters<typeof makeAccount>[2], fields: Parameters<typeof makeAccount>[3] = {}): Promise<Agent> {
  const account = await makeAccount(ctx.db, ctx.config, role, fields);
  const agent = new Agent(ctx.app);
  await agent.login(account.email, account.password);
  return agent;
}

// ---- the phone desk's destinations ----

async function deskBasketFor(memberId: string): Promise<void> {
  const added = await concierge.post(`${DESK}/${memberId}/ajouter`, { offer_id: town.offerId, quantity: '1' }, `${DESK}/${memberId}`);
  assert.equal(added.statusCode, 303);
}

function fieldValue(html: string, name: string): string | undefined {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html);
  return input ? /value="([^"]*)"/.exec(input[0])?.[1] : undefined;
}

const homeSlots = (memberId: string, address: string, postalCode = '13800') =>
  `${DESK}/${memberId}/creneau?canal=telephone&place_id=domicile&address=${encodeURIComponent(address)}&postal_code=${encodeURIComponent(postalCode)}`;

test('hostile addresses at the desk: escaped, refused next to the field or as a malformed request, never a 500', async () => {
  const memberId = await makeMember(ctx.db, { firstName: 'Odette', lastName: 'Blanc' });
  await deskBasketFor(memberId);
  const script = await concierge.get(homeSlots(memberId, '<script>alert(1)</script> rue Frédéric Mistral'));
  assert.equal(script.statusCode, 422);
  assert.doesNotMatch(script.body, /<script>alert/);
  assert.match(text(script.body), /Nous ne livrons pas à cette adresse/);
  // what was typed is kept, escaped (a `>` inside a quoted attribute is harmless)
  assert.ok(script.body.includes('name="address" type="text" value="&lt;script>alert(1)&lt;/script> rue Frédéric Mistral"'), 'the typed address kept, escaped');

  const typedLong = `8 rue Frédéric Mistral ${'x'.repeat(10_000)}`;
  const long = await concierge.get(homeSlots(memberId, typedLong));
  assert.equal(long.statusCode, 422);
  assert.match(text(long.body), /Ce texte est trop long : 200 caractères au plus/);
  assert.ok(long.body.includes(`value="${typedLong}"`), 'what was typed is kept');

  const letters = await concierge.get(homeSlots(memberId, '8 rue Frédéric Mistral', 'ABCDE'));
  assert.equal(letters.statusCode, 422);
  assert.match(text(letters.body), /Nous ne livrons pas à cette adresse/);

  for (const nul of ['8 rue Frédéric Mistral\u0000', '8 rue\u0000 Frédéric Mistral']) {
    const page = await concierge.get(homeSlots(memberId, nul));
    assert.equal(page.statusCode, 422, 'NUL in the address');
    assert.match(text(page.body), /Cette valeur n’est pas valable/);
    assert.doesNotMatch(page.body, /\u0000/);
    assert.ok(page.body.includes(`value="${nul.replace('\u0000', '')}"`), 'what was typed is kept, without the NUL');
  }
  const token = await concierge.csrfToken(`${DESK}/${memberId}`);
  const placed = await concierge.post(`${DESK}/${memberId}/commande`, {
    _csrf: token,
    place_id: 'domicile',
    address: '8 rue Frédéric Mistral\u0000',
    postal_code: '13800',
    slot: '2026-12-11T09:00:00.000Z',
    canal: 'telephone',
    payment: 'at_counter',
    idempotency_key: 'attack-nul-address-1',
  });
  assert.equal(placed.statusCode, 422);
  assert.match(text(placed.body), /Cette valeur n’est pas valable/);
  assert.ok(placed.body.includes('value="8 rue Frédéric Mistral"'), 'the address back in its field, without the NUL');
  const tooLong = await concierge.post(`${DESK}/${memberId}/commande`, {
    _csrf: token,
    place_id: 'domicile',
    address: typedLong,
    postal_code: '13800',
    slot: '2026-12-11T09:00:00.000Z',
    canal: 'telephone',
    payment: 'at_counter',
    idempotency_key: 'attack-long-address-1',
  });
  assert.equal(tooLong.statusCode, 422);
  assert.match(text(tooLong.body), /Ce texte est trop long : 200 caractères au plus/);
  assert.ok(tooLong.body.includes(`value="${typedLong}"`), 'what was typed is kept');
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 0);
});

test('an address outside the zone sent straight to « commande » comes back next to the field, what was typed kept, no order', async () => {
  const memberId = await makeMember(ctx.db, { firstName: 'Marcel', lastName: 'Pagnol' });
  await deskBasketFor(memberId);
  const slots = await concierge.get(homeSlots(memberId, '8 rue Frédéric Mistral'));
  const slot = /name="slot"[^>]*value="([^"]+)"/.exec(slots.body)?.[1] ?? /value="([^"]+)"[^>]*name="slot"/.exec(slots.body)?.[1];
  assert.ok(slot);
  const placed = await concierge.post(`${DESK}/${memberId}/commande`, {
    _csrf: (await concierge.csrfToken()) as string,
    place_id: 'domicile',
    address: '8 allée des Cigales',
    postal_code: '13800',
    slot,
    canal: 'telephone',
    payment: 'at_counter',
    idempotency_key: fieldValue(slots.body, 'idempotency_key')!,
  });
  assert.equal(placed.statusCode, 422, `${placed.statusCode} ${placed.headers.location ?? ''}`);
  assert.match(text(placed.body), /Nous ne livrons pas à cette adresse/);
  assert.equal(fieldValue(placed.body, 'address'), '8 allée des Cigales');
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 0);
});

test('a company’s run forged for a member who is not its employee is refused, no order', async () => {
  const memberId = await makeMember(ctx.db, { firstName: 'Paul', lastName: 'Ricard' });
  await deskBasketFor(memberId);
  const slots = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=${town.companyPlaceId}`);
  assert.equal(slots.statusCode, 422);
  assert.match(text(slots.body), /Ce lieu de livraison n’est pas proposé/);
  const placed = await concierge.post(`${DESK}/${memberId}/commande`, {
    _csrf: (await concierge.csrfToken()) as string,
    place_id: town.companyPlaceId,
    slot: '2026-12-11T13:00:00.000Z',
    canal: 'telephone',
    payment: 'at_counter',
    idempotency_key: 'attack-forged-company-1',
  });
  assert.ok(placed.statusCode < 500 && placed.statusCode !== 200, String(placed.statusCode));
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 0);
});

// ---- company usage ----

test('a company’s usage: its contact only; a plain employee, another company’s contact and other roles get nothing', async () => {
  const other = await makeRunsTown(ctx.db);
  const contactOf = async (companyId: string) => {
    const row = await ctx.db.selectFrom('companies').select('contact_email').where('id', '=', companyId).executeTakeFirstOrThrow();
    return row.contact_email!;
  };
  const contactEmail = await contactOf(town.companyId);
  const contactMember = await makeMember(ctx.db, { firstName: 'Nadia', lastName: 'Benali', email: contactEmail });
  await ctx.db.updateTable('members').set({ company_id: town.companyId }).where('id', '=', contactMember).execute();
  const contact = await loggedIn('resident', { memberId: contactMember, email: `compte-${contactEmail}` });
  const employee = await makeRunOrder(ctx.db, ctx.config, town, 'workplace');
  const plain = await loggedIn('resident', { memberId: employee.memberId });

  const own = await contact.get('/compte/entreprise');
  assert.equal(own.statusCode, 200);
  assert.match(text(own.body), new RegExp(`Provence Logistique`));
  assert.equal((await plain.get('/compte/entreprise')).statusCode, 404);
  assert.equal((await contact.get(`/gestion/entreprises/${other.companyId}/utilisation`)).statusCode, 404);
  assert.equal((await contact.get(`/gestion/entreprises/${town.companyId}/utilisation`)).statusCode, 404, 'the back office is the concierge’s');
  for (const role of ['town', 'driver'] as const) {
    const agent = await loggedIn(role);
    assert.notEqual((await agent.get('/compte/entreprise')).statusCode, 200, role);
    assert.notEqual((await agent.get(`/gestion/entreprises/${town.companyId}/utilisation`)).statusCode, 200, role);
  }
  assert.equal((await concierge.get(`/gestion/entreprises/${other.companyId}/utilisation`)).statusCode, 200);
  assert.equal((await concierge.get('/gestion/entreprises/no-such-company/utilisation')).statusCode, 404);
});

// ---- the companies and the home-delivery zone ----

test('companies: a forged stop, no address, letters for a postcode, HTML and NUL are refused beside their fields; nothing is created', async () => {
  const count = async () => (await ctx.db.selectFrom('companies').select('id').execute()).length;
  const before = await count();
  const valid = { name: 'Garage <b>du Tubé</b>', address_line: '2 rue de l’Industrie', postal_code: '13800', city: 'Istres', contact_name: 'Jo', contact_phone: '', contact_email: '', place_id: town.companyPlaceId, idempotency_key: 'attack-company-00001' };
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ place_id: town.foyerId }, 'place_id', /Choisissez l’arrêt du camion dans la liste/],
    [{ address_line: '   ' }, 'address_line', /Indiquez l’adresse de l’entreprise/],
    [{ postal_code: 'ABCDE' }, 'postal_code', /code postal à 5 chiffres/],
    [{ name: 'Garage\u0000' }, 'name', /Cette valeur n’est pas valable/],
    [{ member_ids: 'x' }, '', /champ inattendu/],
  ];
  for (const [change, field, message] of cases) {
    const refused = await concierge.post('/gestion/entreprises/nouvelle', { ...valid, ...change }, '/gestion/entreprises/nouvelle');
    assert.equal(refused.statusCode, 422, JSON.stringify(change));
    assert.match(text(refused.body), message);
    if (field === 'name') assert.doesNotMatch(refused.body, /\u0000/);
    if (field && field !== 'name') assert.ok(refused.body.includes('Garage &lt;b>du Tubé&lt;/b>'), 'the typed name kept, escaped');
  }
  assert.equal(await count(), before);
  // an employee of another company cannot be added
  const email = `double-${Date.now()}@exemple.fr`;
  await makeMember(ctx.db, { firstName: 'Léa', lastName: 'Martin', email });
  const other = await makeRunsTown(ctx.db);
  const member = await addEmployee(ctx.db, CONCIERGE, other.companyId, email);
  const refused = await concierge.post(`/gestion/entreprises/${town.companyId}/salaries`, { member: email }, `/gestion/entreprises/${town.companyId}`);
  assert.ok([404, 422].includes(refused.statusCode), String(refused.statusCode));
  const row = await ctx.db.selectFrom('members').select('company_id').where('id', '=', member.id).executeTakeFirstOrThrow();
  assert.equal(row.company_id, other.companyId);
});

test('the zone form: a 50 000-character line is answered at once, HTML comes back escaped, a resident cannot reach it', async () => {
  const before = await ctx.db.selectFrom('home_delivery_streets').selectAll().orderBy('id').execute();
  const started = Date.now();
  const long = await concierge.post('/gestion/livraison', { audience: 'everyone', streets: `rue Frédéric Mistral, 13800\na${' '.repeat(49_000)}b` }, '/gestion/livraison');
  assert.equal(long.statusCode, 422);
  assert.ok(Date.now() - started < 5_000, `answered in ${Date.now() - started} ms`);
  assert.match(text(long.body), /Cette ligne n’a pas pu être lue/);
  const html = await concierge.post('/gestion/livraison', { audience: 'everyone', streets: '<script>alert(1)</script>' }, '/gestion/livraison');
  assert.equal(html.statusCode, 422);
  assert.doesNotMatch(html.body, /<script>alert/);
  assert.deepEqual(await ctx.db.selectFrom('home_delivery_streets').selectAll().orderBy('id').execute(), before);
  const resident = await loggedIn('resident');
  assert.ok([403, 404].includes((await resident.get('/gestion/livraison')).statusCode));
  const townAgent = await loggedIn('town');
  assert.equal((await townAgent.get('/gestion/livraison')).statusCode, 200);
});

test('the desk’s slot page with an impossible « from » date, an unknown place, another company’s stop: never a 500, no order', async () => {
  const other = await makeRunsTown(ctx.db);
  const email = `autre-${Date.now()}@exemple.fr`;
  const memberId = await makeMember(ctx.db, { firstName: 'Inès', lastName: 'Garcia', email });
  await addEmployee(ctx.db, CONCIERGE, other.companyId, email);
  await deskBasketFor(memberId);
  for (const from of ['2026-02-30', '9999-99-99', '0000-00-00']) {
    const page = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=${town.counterId}&from=${from}`);
    assert.ok(page.statusCode < 500, `from=${from}: ${page.statusCode}`);
  }
  // the member's own checkout reads « from » the same way
  const account = await makeAccount(ctx.db, ctx.config, 'resident', { memberId });
  const resident = new Agent(ctx.app);
  await resident.login(account.email, account.password);
  await addToBasket(ctx.db, accountBasketKey(account.id), town.offerId, 1);
  const site = await resident.get(`/commande/creneau?place_id=${town.counterId}&from=9999-99-99`);
  assert.ok(site.statusCode < 500, `the site's slot page: ${site.statusCode}`);
  const unknown = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=${newId()}`);
  assert.ok([404, 422].includes(unknown.statusCode), String(unknown.statusCode));
  // the stop of the company the member does not work for
  const foreign = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=${town.companyPlaceId}`);
  assert.equal(foreign.statusCode, 422);
  assert.match(text(foreign.body), /Ce lieu de livraison n’est pas proposé/);
  // their own company's run, with a slot forged at another time than the run's
  const own = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=${other.companyPlaceId}`);
  assert.equal(own.statusCode, 200);
  const placed = await concierge.post(`${DESK}/${memberId}/commande`, {
    _csrf: (await concierge.csrfToken()) as string,
    place_id: other.companyPlaceId,
    slot: '2026-12-10T08:00:00.000Z',
    canal: 'telephone',
    payment: 'at_counter',
    idempotency_key: fieldValue(own.body, 'idempotency_key')!,
  });
  assert.ok(placed.statusCode === 422 || placed.statusCode === 303, String(placed.statusCode));
  const orders = await ctx.db.selectFrom('orders').select(['slot_local_date', 'destination_kind']).where('member_id', '=', memberId).execute();
  assert.ok(orders.every((order) => order.slot_local_date === RUNS_FRIDAY), `never on another day than the run: ${JSON.stringify(orders)}`);
});

// Last: it changes the town's setting for everyone.
test('home delivery forged at the desk for a member who may not have it is refused, no order', async () => {
  await saveHomeDeliveryZone(ctx.db, CONCIERGE, { audience: 'needs_delivery', streetsText: 'rue Frédéric Mistral, 13800' });
  const memberId = await makeMember(ctx.db, { firstName: 'Lucien', lastName: 'Jourdan', addressLine: '8 rue Frédéric Mistral', postalCode: '13800' });
  await deskBasketFor(memberId);
  const basket = text((await concierge.get(`${DESK}/${memberId}`)).body);
  assert.doesNotMatch(basket, /Livraison à domicile/);
  const slots = await concierge.get(homeSlots(memberId, '8 rue Frédéric Mistral'));
  assert.equal(slots.statusCode, 422);
  assert.match(text(slots.body), /Ce lieu de livraison n’est pas proposé/);
  const placed = await concierge.post(`${DESK}/${memberId}/commande`, {
    _csrf: (await concierge.csrfToken()) as string,
    place_id: 'domicile',
    address: '8 rue Frédéric Mistral',
    postal_code: '13800',
    slot: '2026-12-11T09:00:00.000Z',
    canal: 'telephone',
    payment: 'at_counter',
    idempotency_key: 'attack-forged-home-1',
  });
  assert.ok(placed.statusCode < 500 && placed.statusCode !== 200, String(placed.statusCode));
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 0);
  // marked as needing it, the same member is offered it
  await ctx.db.updateTable('members').set({ needs_delivery: 1 }).where('id', '=', memberId).execute();
  assert.equal((await concierge.get(homeSlots(memberId, '8 rue Frédéric Mistral'))).statusCode, 200);
});
