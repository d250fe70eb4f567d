// The concierge's phone desk offers a member the same destinations as the site: a senior who
// phones is delivered at home inside the zone (an address outside it is refused next to the
// field, what was typed kept), an employee of a company at work on the company's run.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { makeRunsTown, RUNS_TUESDAY, type RunsTown } from '../helpers/runs.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { addEmployee } from '../../src/members/members.companies.service.ts';
import { CONCIERGE } from '../helpers/orders.ts';

let ctx: TestApp;
let town: RunsTown;
let concierge: Agent;

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: RUNS_TUESDAY });
  town = await makeRunsTown(ctx.db);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
});
beforeEach(() => startClockAt(RUNS_TUESDAY));
after(() => ctx.close());

const text = (html: string) => plain(visibleText(html));
const DESK = '/gestion/commandes/nouvelle';

function fieldValue(html: string, name: string): string {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html);
  const match = input && /value="([^"]*)"/.exec(input[0]);
  if (!match) throw new Error(`no field ${name}`);
  return match[1].replace(/&amp;/g, '&');
}

async function basketFor(memberId: string): Promise<void> {
  const added = await concierge.post(`${DESK}/${memberId}/ajouter`, { offer_id: town.offerId, quantity: '1' }, `${DESK}/${memberId}`);
  assert.equal(added.statusCode, 303);
}

test('a senior who phones is delivered at home; the same number one street outside the zone is refused next to the field', async () => {
  const memberId = await makeMember(ctx.db, { firstName: 'Odette', lastName: 'Blanc', addressLine: '8 rue Frédéric Mistral', postalCode: '13800' });
  await basketFor(memberId);
  const basket = text((await concierge.get(`${DESK}/${memberId}`)).body);
  assert.match(basket, /Livraison à domicile/);

  const outside = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=domicile&address=${encodeURIComponent('8 allée des Cigales')}&postal_code=13800`);
  assert.equal(outside.statusCode, 422);
  assert.match(text(outside.body), /Nous ne livrons pas à cette adresse/);
  assert.equal(fieldValue(outside.body, 'address'), '8 allée des Cigales', 'what was typed is kept');

  const slots = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=domicile&address=${encodeURIComponent('8 rue Frédéric Mistral')}&postal_code=13800`);
  assert.equal(slots.statusCode, 200);
  assert.match(text(slots.body), /Livraison à domicile, 8 rue Frédéric Mistral, 13800/);
  const slot = /name="slot"[^>]*value="([^"]+)"/.exec(slots.body)?.[1] ?? /value="([^"]+)"[^>]*name="slot"/.exec(slots.body)?.[1];
  assert.ok(slot, 'a slot is offered');
  const placed = await concierge.post(
    `${DESK}/${memberId}/commande`,
    { place_id: 'domicile', address: '8 rue Frédéric Mistral', postal_code: '13800', slot, canal: 'telephone', payment: 'at_counter', idempotency_key: fieldValue(slots.body, 'idempotency_key') },
    `${DESK}/${memberId}`,
  );
  assert.equal(placed.statusCode, 303, text(placed.body));
  const order = await ctx.db.selectFrom('orders').select(['destination_kind', 'delivery_address', 'channel']).where('member_id', '=', memberId).executeTakeFirstOrThrow();
  assert.deepEqual(order, { destination_kind: 'home', delivery_address: '8 rue Frédéric Mistral, 13800', channel: 'telephone' });
});

test('an employee who phones is delivered at work on the company’s Friday run', async () => {
  const email = `salarie-${Date.now()}@exemple.fr`;
  const memberId = await makeMember(ctx.db, { firstName: 'Yanis', lastName: 'Morel', email });
  await addEmployee(ctx.db, CONCIERGE, town.companyId, email);
  await basketFor(memberId);
  assert.match(text((await concierge.get(`${DESK}/${memberId}`)).body), /livraison vendredi 11 décembre/);
  const slots = await concierge.get(`${DESK}/${memberId}/creneau?canal=telephone&place_id=${town.companyPlaceId}`);
  assert.equal(slots.statusCode, 200);
  const offered = [...slots.body.matchAll(/name="slot"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="slot"/g)].map((match) => match[1] ?? match[2]);
  assert.equal(offered.length, 1, 'the run is the one choice');
  const placed = await concierge.post(
    `${DESK}/${memberId}/commande`,
    { place_id: town.companyPlaceId, slot: offered[0], canal: 'telephone', payment: 'at_counter', idempotency_key: fieldValue(slots.body, 'idempotency_key') },
    `${DESK}/${memberId}`,
  );
  assert.equal(placed.statusCode, 303, text(placed.body));
  const order = await ctx.db.selectFrom('orders').select(['destination_kind', 'slot_local_date']).where('member_id', '=', memberId).executeTakeFirstOrThrow();
  assert.deepEqual(order, { destination_kind: 'workplace', slot_local_date: '2026-12-11' });
});
