// The thank-you page and the order's page say where the order goes: the counter for a
// collection, « Livraison à domicile, <date> » and the address for a home delivery, the
// company and the run's date and window for a delivery at work. Orders placed through the
// real checkout.
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

const text = (html: string) => plain(visibleText(html));

function fieldValue(html: string, name: string): string {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html);
  const match = input && /value="([^"]*)"/.exec(input[0]);
  if (!match) throw new Error(`no field ${name}`);
  return match[1].replace(/&amp;/g, '&');
}

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: TUESDAY });
  counterId = await makePlace(ctx.db, { name: 'Conciergerie d’Istres' });
  stopId = await makePlace(ctx.db, { name: 'Zone du Tubé', kind: 'company', addressLine: 'Zone du Tubé', hours: [{ weekday: 5, opensAt: '14:00', closesAt: '17:00' }] });
  offerId = await makeOffer(ctx.db, await makeShop(ctx.db), { title: 'Pain de campagne', priceCents: 450 });
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
  const zone = await concierge.post('/gestion/livraison', { audience: 'everyone', streets: 'avenue Hélène Boucher, 13800\n' }, '/gestion/livraison');
  assert.equal(zone.statusCode, 303);
});

beforeEach(() => startClockAt(TUESDAY));
after(() => ctx.close());

async function shopper(resident: Resident): Promise<Agent> {
  const agent = new Agent(ctx.app);
  await agent.login(resident.email, resident.password);
  assert.equal((await agent.post('/panier/ajouter', { offer_id: offerId, quantity: '1' }, '/panier')).statusCode, 303);
  return agent;
}

/** Confirms the order the query describes; returns the thank-you page's address. */
async function place(agent: Agent, query: Record<string, string>): Promise<string> {
  const confirm = await agent.get(`/commande/confirmer?${new URLSearchParams({ ...query, payment: 'at_counter' })}`);
  assert.equal(confirm.statusCode, 200, text(confirm.body));
  const placed = await agent.post('/commande', { ...query, payment: 'at_counter', idempotency_key: fieldValue(confirm.body, 'idempotency_key') });
  assert.equal(placed.statusCode, 303);
  return placed.headers.location as string;
}

async function orderPageOf(agent: Agent, memberId: string): Promise<string> {
  const order = await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).executeTakeFirstOrThrow();
  const page = await agent.get(`/compte/commandes/${order.id}`);
  assert.equal(page.statusCode, 200);
  return text(page.body);
}

test('a home delivery: the thank-you page and the order show « Livraison à domicile » with the date and the address, not the counter', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await shopper(resident);
  const home = { place_id: 'domicile', address: '8 av. Hélène-Boucher', postal_code: '13800' };
  const slot = fieldValue((await agent.get(`/commande/creneau?${new URLSearchParams(home)}`)).body, 'slot');
  const thanks = await place(agent, { ...home, slot });
  const slotDay = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(slot));

  const done = text((await agent.get(thanks)).body);
  assert.match(done, new RegExp(`Livraison Livraison à domicile, ${slotDay}`));
  assert.match(done, /Adresse de livraison 8 av\. Hélène-Boucher, 13800/);
  assert.match(done, new RegExp(`Nous vous apporterons votre commande ${slotDay}\\.`));
  assert.doesNotMatch(done, /Conciergerie d’Istres —/, 'not the counter’s name');
  assert.doesNotMatch(done, /Donnez ce code au comptoir/);

  const detail = await orderPageOf(agent, resident.memberId);
  assert.match(detail, new RegExp(`Livraison à domicile, ${slotDay}`));
  assert.match(detail, /Adresse de livraison 8 av\. Hélène-Boucher, 13800/);
  assert.doesNotMatch(detail, /Lieu de retrait|À retirer/);
});

test('a delivery at work: the company and the run’s date and window', async () => {
  const form = await concierge.get('/gestion/entreprises/nouvelle');
  const created = await concierge.post('/gestion/entreprises/nouvelle', {
    name: 'Provence Logistique',
    address_line: '4 rue de l’Industrie',
    postal_code: '13800',
    city: 'Istres',
    contact_name: 'Nadia Benali',
    contact_phone: '',
    contact_email: '',
    place_id: stopId,
    idempotency_key: fieldValue(form.body, 'idempotency_key'),
  });
  const companyId = (created.headers.location as string).split('/').pop()!;
  const resident = await makeResident(ctx.db, ctx.config);
  assert.equal((await concierge.post(`/gestion/entreprises/${companyId}/salaries`, { member: resident.email }, `/gestion/entreprises/${companyId}`)).statusCode, 303);
  const agent = await shopper(resident);
  const thanks = await place(agent, { place_id: stopId, slot: '2026-12-11T13:00:00.000Z' });

  const done = text((await agent.get(thanks)).body);
  assert.match(done, /Livraison Livraison au travail — Provence Logistique/);
  assert.match(done, /Jour et heures vendredi 11 décembre, 14 h – 17 h/);
  assert.match(done, /Nous vous apporterons votre commande vendredi 11 décembre\./);
  const detail = await orderPageOf(agent, resident.memberId);
  assert.match(detail, /Livraison au travail, vendredi 11 décembre, 14 h – 17 h/, 'the title');
  assert.match(detail, /Livraison au travail — Provence Logistique/);
  assert.doesNotMatch(detail, /Lieu de retrait|À retirer/);
});

test('a collection at the counter still shows the counter and its slot', async () => {
  const resident = await makeResident(ctx.db, ctx.config);
  const agent = await shopper(resident);
  const slot = fieldValue((await agent.get(`/commande/creneau?place_id=${counterId}`)).body, 'slot');
  const done = text((await agent.get(await place(agent, { place_id: counterId, slot }))).body);
  assert.match(done, /Lieu de retrait Conciergerie d’Istres — 12 rue Hôtel de Ville, 13800 Istres/);
  assert.match(done, /Donnez ce code au comptoir/);
  assert.match(await orderPageOf(agent, resident.memberId), /À retirer/);
});
