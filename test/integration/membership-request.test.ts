// A visitor who is not yet a member asks to join (« Je ne suis pas encore adhérent »): the
// request keeps their basket under a short number, the concierge lists it, registers the
// member from it and takes the basket up into a phone order. Also: refusals next to the
// fields with what was typed kept, one request per form, nobody but the concierge handles
// requests, and nobody but the visitor who asked sees the number.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeMember } from '../helpers/members.ts';
import { makePlace, makeResident, setOfferPrice } from '../helpers/orders.ts';
import { visibleText } from '../helpers/text.ts';

const DESK = '/gestion/commandes/nouvelle';
const REQUESTS = '/gestion/adhesions';

let ctx: TestApp;
let concierge: Agent;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db, { name: 'Conciergerie d’Istres' });
  const account = await makeAccount(ctx.db, ctx.config, 'concierge', { displayName: 'Sandrine Roux' });
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

function fieldValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}"[^>]*? value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no field ${name}`);
  return match[1];
}

/** A visitor fills a basket and sends the request; returns the agent, the form and the answer. */
async function visitorRequests(lines: Array<{ offerId: string; quantity: string }>, person: { name: string; phone: string; email: string }) {
  const visitor = new Agent(ctx.app);
  for (const line of lines) {
    const added = await visitor.post('/panier/ajouter', { offer_id: line.offerId, quantity: line.quantity }, `/offres/${line.offerId}`);
    assert.equal(added.statusCode, 303);
  }
  const form = await visitor.get('/adhesion');
  assert.equal(form.statusCode, 200);
  const fields = { ...person, idempotency_key: fieldValue(form.body, 'idempotency_key') };
  const sent = await visitor.post('/adhesion', fields);
  return { visitor, fields, sent };
}

async function requestRow(name: string) {
  return ctx.db.selectFrom('membership_requests').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

test('the login page offers « Je ne suis pas encore adhérent »', async () => {
  const page = await new Agent(ctx.app).get('/connexion');
  assert.match(page.body, /href="\/adhesion"[^>]*>\s*Je ne suis pas encore adhérent/);
});

test('the request keeps the basket; the concierge registers the member and takes the basket up into the phone order', async () => {
  const cave = await makeShop(ctx.db, { tradeName: 'La Cave d’Istres' });
  const rose = await makeOffer(ctx.db, cave, { title: 'Rosé de Provence', priceCents: 990 });
  const bandol = await makeOffer(ctx.db, cave, { title: 'Bandol rouge', priceCents: 1850 });
  const { visitor, sent } = await visitorRequests(
    [
      { offerId: rose, quantity: '2' },
      { offerId: bandol, quantity: '1' },
    ],
    { name: 'Jeanne Martinez', phone: '06.12.34.56.78', email: 'Jeanne.Martinez@exemple.fr' },
  );
  assert.equal(sent.statusCode, 303);
  assert.equal(sent.headers.location, '/adhesion/merci');
  const row = await requestRow('Jeanne Martinez');
  assert.match(row.basket_number, /^[1-9]\d{3}[A-Z]$/);
  assert.equal(row.phone, '06 12 34 56 78');
  assert.equal(row.email, 'jeanne.martinez@exemple.fr');
  assert.equal(row.status, 'open');
  const spoken = `${row.basket_number.slice(0, 4)} ${row.basket_number.slice(4)}`;

  const done = visibleText((await visitor.get('/adhesion/merci')).body);
  assert.match(done, /Votre demande est enregistrée\. La conciergerie vous appelle au 06 12 34 56 78/);
  assert.ok(done.includes(`Votre numéro de panier : ${spoken}`), done);
  assert.ok(done.includes(ctx.config.conciergerie.phone.replace(/\s+/g, ' ')), 'the conciergerie’s number is given');
  assert.match(done, /2 × Rosé de Provence/);
  assert.match(done, /Total aujourd’hui : 38,30/);
  assert.ok(!visibleText((await new Agent(ctx.app).get('/adhesion/merci')).body).includes(spoken), 'another visitor does not see the number');

  // The concierge's list: newest first, the lines and total, the phone as a tel: link.
  const list = await concierge.get(REQUESTS);
  assert.equal(list.statusCode, 200);
  const listText = visibleText(list.body);
  assert.match(listText, /Demandes d’adhésion \(\d+\)/);
  assert.ok(listText.includes(`Jeanne Martinez — Panier n° ${spoken}`));
  assert.match(listText, /1 × Bandol rouge/);
  assert.match(list.body, /href="tel:0612345678"/);

  // « Inscrire cet adhérent »: the member form filled from the request.
  const register = await concierge.get(`${DESK}?demande=${row.id}`);
  assert.equal(register.statusCode, 200);
  assert.equal(fieldValue(register.body, 'first_name'), 'Jeanne');
  assert.equal(fieldValue(register.body, 'last_name'), 'Martinez');
  assert.equal(fieldValue(register.body, 'phone'), '06 12 34 56 78');
  assert.equal(fieldValue(register.body, 'demande'), row.id);
  const created = await concierge.post(`${DESK}/adherent`, {
    last_name: 'Martinez',
    first_name: 'Jeanne',
    phone: '06 12 34 56 78',
    email: 'jeanne.martinez@exemple.fr',
    idempotency_key: fieldValue(register.body, 'idempotency_key'),
    demande: row.id,
  });
  assert.equal(created.statusCode, 303);
  const member = await ctx.db.selectFrom('members').selectAll().where('last_name', '=', 'Martinez').executeTakeFirstOrThrow();
  assert.equal(created.headers.location, `${DESK}/${member.id}?demande=${row.id}`);
  const basketPage = visibleText((await concierge.get(created.headers.location as string)).body);
  assert.ok(basketPage.includes(`Reprendre le panier n° ${spoken}`), basketPage);

  // The price changed meanwhile: the server takes today's.
  await setOfferPrice(ctx.db, rose, 1050);
  const taken = await concierge.post(`${DESK}/${member.id}/reprendre`, { basket_number: spoken.toLowerCase() }, created.headers.location as string);
  assert.equal(taken.statusCode, 303);
  assert.equal(taken.headers.location, `${DESK}/${member.id}#panier`);
  const deskLines = await ctx.db.selectFrom('basket_lines').selectAll().where('owner_key', '=', `desk:${member.id}`).execute();
  assert.deepEqual(deskLines.map((line) => [line.offer_id, Number(line.quantity), Number(line.seen_price_cents)]).sort(), [[rose, 2, 1050], [bandol, 1, 1850]].sort());
  assert.equal((await requestRow('Jeanne Martinez')).status, 'taken_up');
  assert.equal((await requestRow('Jeanne Martinez')).member_id, member.id);
  const twice = await concierge.post(`${DESK}/${member.id}/reprendre`, { basket_number: spoken }, `${DESK}/${member.id}`);
  assert.equal(twice.statusCode, 422);
  assert.match(visibleText(twice.body), /Cette demande vient d’être traitée/);

  // The order through the desk has the visitor's lines.
  const slotPage = await concierge.get(`${DESK}/${member.id}/creneau?canal=telephone&place_id=${placeId}`);
  assert.equal(slotPage.statusCode, 200);
  const placed = await concierge.post(`${DESK}/${member.id}/commande`, {
    place_id: placeId,
    canal: 'telephone',
    payment: 'at_counter',
    slot: fieldValue(slotPage.body, 'slot'),
    idempotency_key: fieldValue(slotPage.body, 'idempotency_key'),
  });
  assert.equal(placed.statusCode, 303);
  const order = await ctx.db.selectFrom('orders').selectAll().where('member_id', '=', member.id).executeTakeFirstOrThrow();
  const orderLines = await ctx.db.selectFrom('order_lines').selectAll().where('order_id', '=', order.id).execute();
  assert.deepEqual(orderLines.map((line) => [line.offer_id, Number(line.quantity)]).sort(), [[rose, 2], [bandol, 1]].sort());
  assert.equal(Number(order.total_cents), 2 * 1050 + 1850);

  // « Classer »: the request leaves the list.
  const closed = await concierge.post(`/gestion/adhesions/${row.id}/classer`, {}, REQUESTS);
  assert.equal(closed.statusCode, 303);
  assert.equal((await requestRow('Jeanne Martinez')).status, 'closed');
  assert.ok(!visibleText((await concierge.get(REQUESTS)).body).includes('Jeanne Martinez'));
});

test('bad input: French messages next to the fields, what was typed kept, nothing recorded', async () => {
  const visitor = new Agent(ctx.app);
  const form = await visitor.get('/adhesion');
  const key = fieldValue(form.body, 'idempotency_key');
  const refused = await visitor.post('/adhesion', { name: '  ', phone: '12 34', email: 'pas-une-adresse', idempotency_key: key });
  assert.equal(refused.statusCode, 422);
  const page = visibleText(refused.body);
  assert.match(page, /Ce champ est obligatoire/);
  assert.match(page, /Indiquez un numéro de téléphone français/);
  assert.match(refused.body, /id="erreur-name"/);
  assert.match(refused.body, /id="erreur-phone"/);
  assert.match(refused.body, /aria-describedby="[^"]*erreur-phone/);
  assert.ok(refused.body.includes('value="12 34"') && refused.body.includes('value="pas-une-adresse"'), 'what was typed is kept');
  assert.equal(fieldValue(refused.body, 'idempotency_key'), key, 'the same form key comes back');
  const unknown = await visitor.post('/adhesion', { name: 'Paul', phone: '06 00 00 00 00', email: '', idempotency_key: key, extra: 'x' });
  assert.equal(unknown.statusCode, 422, 'a field the schema does not list is refused');
  assert.equal((await ctx.db.selectFrom('membership_requests').select('id').where('name', '=', 'Paul').execute()).length, 0);
});

test('a double submission creates one request; a logged-in resident has no form to send', async () => {
  const { visitor, fields, sent } = await visitorRequests([], { name: 'Marcel Double', phone: '04 42 11 22 33', email: '' });
  assert.equal(sent.statusCode, 303);
  const again = await visitor.post('/adhesion', fields, '/adhesion');
  assert.equal(again.statusCode, 303);
  assert.equal((await ctx.db.selectFrom('membership_requests').select('id').where('name', '=', 'Marcel Double').execute()).length, 1);

  const resident = await makeResident(ctx.db, ctx.config);
  const agent = new Agent(ctx.app);
  await agent.login(resident.email, resident.password);
  const page = await agent.get('/adhesion');
  assert.match(visibleText(page.body), /votre compte existe déjà/);
  assert.ok(!page.body.includes('name="phone"'));
});

test('only the concierge lists requests, registers from them, takes up or files a basket', async () => {
  const shop = await makeShop(ctx.db, { tradeName: 'Boulangerie du Port' });
  const bread = await makeOffer(ctx.db, shop, { title: 'Fougasse', priceCents: 350 });
  const { sent } = await visitorRequests([{ offerId: bread, quantity: '1' }], { name: 'Yvette Secret', phone: '06 98 76 54 32', email: '' });
  assert.equal(sent.statusCode, 303);
  const row = await requestRow('Yvette Secret');
  const spoken = `${row.basket_number.slice(0, 4)} ${row.basket_number.slice(4)}`;
  const memberId = await makeMember(ctx.db, { firstName: 'Yvette', lastName: 'Secret' });

  const shopId = await makeShop(ctx.db);
  const agents: Array<[string, Agent]> = [['visitor', new Agent(ctx.app)]];
  for (const [role, fields] of [
    ['resident', {}],
    ['merchant', { shopId }],
    ['town', {}],
  ] as const) {
    const account = role === 'resident' ? await makeResident(ctx.db, ctx.config) : await makeAccount(ctx.db, ctx.config, role, fields);
    const agent = new Agent(ctx.app);
    await agent.login(account.email, account.password);
    agents.push([role, agent]);
  }
  for (const [role, agent] of agents) {
    const list = await agent.get(REQUESTS);
    assert.ok([303, 404].includes(list.statusCode), `${role} cannot list requests (${list.statusCode})`);
    assert.ok(!list.body.includes(spoken.replace(' ', '\u00a0')) && !list.body.includes(row.basket_number), `${role} never sees the number`);
    assert.ok([303, 404].includes((await agent.get(`${DESK}?demande=${row.id}`)).statusCode));
    const token = await agent.csrfToken('/adhesion');
    const takeUp = await agent.post(`${DESK}/${memberId}/reprendre`, { basket_number: row.basket_number, _csrf: token });
    assert.ok([303, 404].includes(takeUp.statusCode) && takeUp.headers.location !== `${DESK}/${memberId}#panier`, `${role} cannot take up a basket`);
    const close = await agent.post(`/gestion/adhesions/${row.id}/classer`, { _csrf: token });
    assert.ok([303, 404].includes(close.statusCode), `${role} cannot file a request`);
    assert.ok(!visibleText((await agent.get('/adhesion/merci')).body).includes(spoken), `${role} does not see the number on the confirmation`);
  }
  assert.equal((await requestRow('Yvette Secret')).status, 'open');
  assert.equal((await ctx.db.selectFrom('basket_lines').select('id').where('owner_key', '=', `desk:${memberId}`).execute()).length, 0);

  const wrong = await concierge.post(`${DESK}/${memberId}/reprendre`, { basket_number: '12' }, `${DESK}/${memberId}`);
  assert.equal(wrong.statusCode, 422);
  assert.match(visibleText(wrong.body), /Indiquez un numéro de panier : quatre chiffres et une lettre/);
  assert.ok(wrong.body.includes('value="12"'));
  const none = await concierge.post(`${DESK}/${memberId}/reprendre`, { basket_number: '9999 Z' }, `${DESK}/${memberId}`);
  assert.equal(none.statusCode, 422);
  assert.match(visibleText(none.body), /Aucune demande en cours ne porte ce numéro de panier/);
});

test('the public form is rate-limited like the login', async (t) => {
  const limited = await buildTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '2' });
  t.after(limited.close);
  const visitor = new Agent(limited.app);
  const token = await visitor.csrfToken('/adhesion');
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    statuses.push((await visitor.post('/adhesion', { name: '', phone: '', email: '', idempotency_key: `cle-essai-${attempt}-0000`, _csrf: token })).statusCode);
  }
  assert.deepEqual(statuses, [422, 422, 429]);
});

test('the staff bar says how many requests wait for a call, and leads to them; filed ones no longer count', async () => {
  const waiting = async (): Promise<number> => {
    const page = visibleText((await concierge.get('/gestion/comptoir')).body);
    const match = /(\d+) demandes? d’adhésion/.exec(page);
    return match ? Number(match[1]) : 0;
  };
  const before = await waiting();
  const { sent } = await visitorRequests([], { name: 'Lucienne Barre', phone: '04 42 11 22 66', email: '' });
  assert.equal(sent.statusCode, 303);
  assert.equal(await waiting(), before + 1);
  const bar = (await concierge.get('/gestion/comptoir')).body;
  assert.match(bar, /<a href="\/gestion\/adhesions">\d+ demandes? d’adhésion<\/a>/);

  const row = await requestRow('Lucienne Barre');
  assert.equal((await concierge.post(`${REQUESTS}/${row.id}/classer`, {}, REQUESTS)).statusCode, 303);
  assert.equal(await waiting(), before);
});
