// How much a company's employees use the service, for its contact and the concierge: month
// by month over twelve months, aggregates only, a month of too few employees withheld, and
// « not found » for anyone else. Delivered orders are written as rows (a year of runs through
// the counter would test the counter, not this page).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { makePlace, makeResident, type Resident } from '../helpers/orders.ts';
import { newId } from '../../src/platform/ids.ts';
import { plain, visibleText } from '../helpers/text.ts';

/** Tuesday 8 December 2026, 9 h in Istres: the page covers January to December 2026. */
const NOW = '2026-12-08T08:00:00Z';
const FRIDAY_RUN = { weekday: 5, opensAt: '14:00', closesAt: '17:00' };

let ctx: TestApp;
let concierge: Agent;
let counterId: string;
const company = { a: '', b: '' };
const stop = { a: '', b: '' };
const people: Record<'contactA' | 'plainA' | 'thirdA' | 'fourthA' | 'contactB', Resident> = {} as never;

const text = (html: string) => plain(visibleText(html));

function fieldValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no field ${name}`);
  return match[1];
}

async function createCompany(name: string, placeId: string, contactEmail: string): Promise<string> {
  const form = await concierge.get('/gestion/entreprises/nouvelle');
  const response = await concierge.post('/gestion/entreprises/nouvelle', {
    name,
    address_line: '4 rue de l’Industrie, zone du Tubé',
    postal_code: '13800',
    city: 'Istres',
    contact_name: 'Nadia Benali',
    contact_phone: '',
    contact_email: contactEmail,
    place_id: placeId,
    idempotency_key: fieldValue(form.body, 'idempotency_key'),
  });
  assert.equal(response.statusCode, 303);
  return (response.headers.location as string).split('/').pop()!;
}

async function employeeOf(companyId: string, email?: string): Promise<Resident> {
  const resident = await makeResident(ctx.db, ctx.config, email ? { email } : {});
  const added = await concierge.post(`/gestion/entreprises/${companyId}/salaries`, { member: resident.email }, `/gestion/entreprises/${companyId}`);
  assert.equal(added.statusCode, 303);
  return resident;
}

let code = 0;
/** An order as the van leaves it: delivered at `placeId` on `localDate` at 14 h. */
async function order(memberId: string, placeId: string, localDate: string, euros: number, fields: { status?: string; kind?: string } = {}): Promise<void> {
  code += 1;
  const at = `${localDate}T13:00:00.000Z`;
  await ctx.db
    .insertInto('orders')
    .values({
      id: newId(),
      member_id: memberId,
      placed_by_account_id: null,
      channel: 'site',
      status: fields.status ?? 'handed_over',
      place_id: placeId,
      slot_start_at: at,
      slot_end_at: `${localDate}T16:00:00.000Z`,
      slot_local_date: localDate,
      payment_method: 'at_counter',
      collection_code: `U${String(code).padStart(3, '0')}`,
      total_cents: euros * 100,
      placed_at: at,
      updated_at: at,
      ready_at: null,
      reminded_at: null,
      closed_at: at,
      destination_kind: fields.kind ?? 'workplace',
      delivery_address: null,
    })
    .execute();
}

async function login(email: string, password: string): Promise<Agent> {
  const agent = new Agent(ctx.app);
  await agent.login(email, password);
  return agent;
}

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: NOW });
  counterId = await makePlace(ctx.db, { name: 'Conciergerie d’Istres' });
  stop.a = await makePlace(ctx.db, { name: 'Zone du Tubé, nord', kind: 'company', hours: [FRIDAY_RUN] });
  stop.b = await makePlace(ctx.db, { name: 'Zone du Tubé, sud', kind: 'company', hours: [FRIDAY_RUN] });
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = await login(account.email, account.password);
  company.a = await createCompany('Provence Logistique', stop.a, 'rh@provence-logistique.example');
  company.b = await createCompany('Méca Tubé', stop.b, 'contact@meca-tube.example');
  people.contactA = await employeeOf(company.a, 'rh@provence-logistique.example');
  // Written in another case (an older row, a hand edit): still the same mailbox.
  await ctx.db.updateTable('members').set({ email: 'RH@Provence-Logistique.example' }).where('id', '=', people.contactA.memberId).execute();
  people.plainA = await employeeOf(company.a);
  people.thirdA = await employeeOf(company.a);
  people.fourthA = await employeeOf(company.a);
  people.contactB = await employeeOf(company.b, 'contact@meca-tube.example');

  // December: four orders of three employees, 65 € in all.
  await order(people.contactA.memberId, stop.a, '2026-12-04', 10);
  await order(people.contactA.memberId, stop.a, '2026-12-04', 5, { status: 'partially_handed_over' });
  await order(people.plainA.memberId, stop.a, '2026-12-04', 20);
  await order(people.thirdA.memberId, stop.a, '2026-12-04', 30);
  // Not use of the service at work: cancelled, not collected, still on its way, collected at the counter.
  await order(people.fourthA.memberId, stop.a, '2026-12-04', 40, { status: 'cancelled' });
  await order(people.fourthA.memberId, stop.a, '2026-12-04', 40, { status: 'not_collected' });
  await order(people.fourthA.memberId, stop.a, '2026-12-11', 40, { status: 'placed' });
  await order(people.fourthA.memberId, counterId, '2026-12-05', 40, { kind: 'collection' });
  // November: one employee only, withheld.
  await order(people.plainA.memberId, stop.a, '2026-11-27', 17);
  // January 2026 is the oldest month shown; 31 December 2025 is past it.
  for (const member of [people.plainA, people.thirdA, people.fourthA]) await order(member.memberId, stop.a, '2026-01-02', 12);
  await order(people.plainA.memberId, stop.a, '2025-12-31', 99);
  // Another company's orders are not A's.
  for (let index = 0; index < 3; index += 1) await order(people.contactB.memberId, stop.b, '2026-12-04', 7);
});

after(() => ctx.close());

/** The row of a month as a reader reads it. */
function monthRow(html: string, month: string): string {
  const row = new RegExp(`<tr><th scope="row">${month}</th>(.*?)</tr>`).exec(html);
  assert.ok(row, `a row for ${month}`);
  return text(row[1]);
}

test('the company’s contact finds the page from « Mon compte » and reads twelve months of totals', async () => {
  const contact = await login(people.contactA.email, people.contactA.password);
  const account = await contact.get('/compte');
  assert.match(account.body, /<a href="\/compte\/entreprise" class="button button--secondary">L’utilisation par vos salariés<\/a>/);

  const page = await contact.get('/compte/entreprise');
  assert.equal(page.statusCode, 200);
  const body = text(page.body);
  assert.match(body, /L’utilisation du service par les salariés de Provence Logistique/);
  assert.match(body, /jamais le nom d’un salarié ni le contenu d’une commande/);
  assert.equal((page.body.match(/<tr><th scope="row">/g) ?? []).length, 12, 'twelve months');
  assert.equal(monthRow(page.body, 'Décembre 2026'), '4 3 65,00 €');
  assert.equal(monthRow(page.body, 'Novembre 2026'), 'Moins de 3 salariés ont commandé : chiffres non affichés.');
  assert.equal(monthRow(page.body, 'Octobre 2026'), '0 0 0,00 €');
  assert.equal(monthRow(page.body, 'Janvier 2026'), '3 3 36,00 €');
  assert.doesNotMatch(page.body, /Décembre 2025/);
  // Aggregates only: no employee's name in the page's content (the header names whoever is logged in).
  const main = text(/<main[\s\S]*<\/main>/.exec(page.body)![0]);
  for (const person of Object.values(people)) assert.ok(!new RegExp(`${person.account.displayName}\\b`).test(main), person.account.displayName);
});

test('the concierge reads the same page from the company’s card', async () => {
  const card = await concierge.get(`/gestion/entreprises/${company.a}`);
  assert.match(card.body, new RegExp(`href="/gestion/entreprises/${company.a}/utilisation"`));
  const page = await concierge.get(`/gestion/entreprises/${company.a}/utilisation`);
  assert.equal(page.statusCode, 200);
  assert.equal(monthRow(page.body, 'Décembre 2026'), '4 3 65,00 €');
  const other = await concierge.get(`/gestion/entreprises/${company.b}/utilisation`);
  assert.equal(monthRow(other.body, 'Décembre 2026'), 'Moins de 3 salariés ont commandé : chiffres non affichés.');
  assert.equal((await concierge.get(`/gestion/entreprises/${newId()}/utilisation`)).statusCode, 404);
});

test('anyone else gets « not found »: another company’s contact, a plain employee, a merchant; a visitor is asked to log in', async () => {
  const plainEmployee = await login(people.plainA.email, people.plainA.password);
  assert.doesNotMatch((await plainEmployee.get('/compte')).body, /L’utilisation par vos salariés/);
  assert.equal((await plainEmployee.get('/compte/entreprise')).statusCode, 404);
  assert.equal((await plainEmployee.get(`/gestion/entreprises/${company.a}/utilisation`)).statusCode, 404);

  const otherContact = await login(people.contactB.email, people.contactB.password);
  assert.equal((await otherContact.get(`/gestion/entreprises/${company.a}/utilisation`)).statusCode, 404);
  const own = await otherContact.get('/compte/entreprise');
  assert.match(text(own.body), /salariés de Méca Tubé/, 'their own company, never A');
  assert.doesNotMatch(text(own.body), /Provence Logistique/);

  const merchantAccount = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: await makeShop(ctx.db) });
  const merchant = await login(merchantAccount.email, merchantAccount.password);
  assert.equal((await merchant.get('/compte/entreprise')).statusCode, 404);
  assert.equal((await merchant.get(`/gestion/entreprises/${company.a}/utilisation`)).statusCode, 404);

  for (const url of ['/compte/entreprise', `/gestion/entreprises/${company.a}/utilisation`]) {
    const visitor = await new Agent(ctx.app).get(url);
    assert.equal(visitor.statusCode, 303, url);
    assert.match(String(visitor.headers.location), /^\/connexion\?retour=/);
  }
});

test('a contact who leaves the company, or whose company changes its contact address, loses the page', async () => {
  const former = await employeeOf(company.a, 'ancien.contact@exemple.fr');
  await ctx.db.updateTable('companies').set({ contact_email: 'ancien.contact@exemple.fr' }).where('id', '=', company.a).execute();
  const agent = await login(former.email, former.password);
  assert.equal((await agent.get('/compte/entreprise')).statusCode, 200);
  const removed = await concierge.post(`/gestion/entreprises/${company.a}/salaries/${former.memberId}/retirer`, {}, `/gestion/entreprises/${company.a}`);
  assert.equal(removed.statusCode, 303);
  assert.equal((await agent.get('/compte/entreprise')).statusCode, 404, 'no longer an employee');
  const contactA = await login(people.contactA.email, people.contactA.password);
  assert.equal((await contactA.get('/compte/entreprise')).statusCode, 404, 'no longer the contact address');
  await ctx.db.updateTable('companies').set({ contact_email: 'rh@provence-logistique.example' }).where('id', '=', company.a).execute();
});
