// The membership request, its concierge's list, the photo guide and the search, tried by
// everyone who might misuse them: visitors, two residents, merchants of two shops, two
// concierges and the town. Hostile input (HTML, NUL bytes, letters in a phone, 10 000
// characters), keys reused by another visitor, a request filed twice or taken up after it
// was filed, a missing CSRF token, a GET on a POST address. Each answer is French, never a
// 500, and nobody but the visitor who asked and the concierges reads a request.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeMember } from '../helpers/members.ts';
import { makeResident } from '../helpers/orders.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { newId } from '../../src/platform/ids.ts';

const DESK = '/gestion/commandes/nouvelle';
const REQUESTS = '/gestion/adhesions';

type Who = 'visitor' | 'residentA' | 'residentB' | 'merchantA' | 'merchantB' | 'concierge' | 'concierge2' | 'town';

let ctx: TestApp;
const agents = new Map<Who, Agent>();
let offerId: string;

before(async () => {
  ctx = await buildTestApp();
  const { db, config } = ctx;
  const shopA = await makeShop(db, { tradeName: 'La Cave d’Istres' });
  const shopB = await makeShop(db, { tradeName: 'Boulangerie du Port' });
  offerId = await makeOffer(db, shopA, { title: 'Rosé de Provence', priceCents: 990 });
  const accounts: Array<[Who, Promise<{ email: string; password: string }>]> = [
    ['residentA', makeResident(db, config)],
    ['residentB', makeResident(db, config)],
    ['merchantA', makeAccount(db, config, 'merchant', { shopId: shopA })],
    ['merchantB', makeAccount(db, config, 'merchant', { shopId: shopB })],
    ['concierge', makeAccount(db, config, 'concierge', { displayName: 'Sandrine Roux' })],
    ['concierge2', makeAccount(db, config, 'concierge', { displayName: 'Nathalie Bonnet' })],
    ['town', makeAccount(db, config, 'town')],
  ];
  agents.set('visitor', new Agent(ctx.app));
  for (const [who, made] of accounts) {
    const { email, password } = await made;
    const agent = new Agent(ctx.app);
    await agent.login(email, password);
    agents.set(who, agent);
  }
});

after(() => ctx.close());

const agent = (who: Who) => agents.get(who)!;

function fieldValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}"[^>]*? value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no field ${name}`);
  return match[1];
}

/** A new visitor who was shown the form: their agent and the form's key. */
async function newVisitor(withBasket = false): Promise<{ visitor: Agent; key: string }> {
  const visitor = new Agent(ctx.app);
  if (withBasket) assert.equal((await visitor.post('/panier/ajouter', { offer_id: offerId, quantity: '2' }, `/offres/${offerId}`)).statusCode, 303);
  const form = await visitor.get('/adhesion');
  return { visitor, key: fieldValue(form.body, 'idempotency_key') };
}

async function requestsNamed(name: string) {
  return ctx.db.selectFrom('membership_requests').selectAll().where('name', '=', name).execute();
}

/** A request made by a new visitor; returns its row and the visitor. */
async function madeRequest(name: string, withBasket = false) {
  const { visitor, key } = await newVisitor(withBasket);
  const sent = await visitor.post('/adhesion', { name, phone: '06 11 22 33 44', email: '', idempotency_key: key });
  assert.equal(sent.statusCode, 303, visibleText(sent.body));
  const [row] = await requestsNamed(name);
  return { row, visitor, key };
}

function spokenNumber(basketNumber: string): string {
  return `${basketNumber.slice(0, 4)} ${basketNumber.slice(4)}`;
}

/** A refusal shown in French: a 4xx page whose text holds `message`. */
function assertFrenchPage(response: LightMyRequestResponse, status: number, message: RegExp, what: string): void {
  assert.equal(response.statusCode, status, `${what}: ${response.statusCode}`);
  assert.match(visibleText(response.body), message, what);
}

describe('the visitor’s form', () => {
  test('HTML in the name is kept as text: escaped on the confirmation and in the concierge’s list', async () => {
    const name = '<script>alert("x")</script> Jeanne <b>Gras</b>';
    const { visitor } = await madeRequest(name);
    const done = await visitor.get('/adhesion/merci');
    const list = await agent('concierge').get(REQUESTS);
    for (const page of [done, list]) {
      assert.ok(!page.body.includes('<script>alert') && !page.body.includes('<b>Gras'), 'no markup from the name reaches the page');
    }
    assert.ok(visibleText(list.body).includes('<script>alert("x")</script> Jeanne <b>Gras</b>'), 'the concierge reads the name as typed');
  });

  test('NUL and other control characters in the name or the e-mail are refused next to their field, never a 500', async () => {
    const invalid = /Cette valeur n’est pas valable/;
    const letters = /Écrivez vos nom et prénom en lettres/;
    for (const [field, body, message] of [
      ['name', { name: 'Jeanne\u0000Nul', phone: '06 55 44 33 22', email: '' }, invalid],
      ['name', { name: 'Jeanne\u0007Bip', phone: '06 55 44 33 22', email: '' }, letters],
      ['name', { name: '\u200b\u2060', phone: '06 55 44 33 22', email: '' }, letters],
      ['name', { name: '... !', phone: '06 55 44 33 22', email: '' }, letters],
      ['email', { name: 'Jeanne Courriel', phone: '06 55 44 33 22', email: 'jeanne\u0000@exemple.fr' }, invalid],
    ] as const) {
      const { visitor, key } = await newVisitor();
      const sent = await visitor.post('/adhesion', { ...body, idempotency_key: key });
      assert.equal(sent.statusCode, 422, `${field}: ${sent.statusCode}`);
      assert.match(sent.body, new RegExp(`id="erreur-${field}"`), `${field}: the message is next to the field`);
      assert.match(visibleText(sent.body), message);
    }
    // Looked up by phone: PostgreSQL refuses a NUL even in a query's parameter.
    assert.equal((await ctx.db.selectFrom('membership_requests').select('id').where('phone', '=', '06 55 44 33 22').execute()).length, 0, 'nothing recorded');
  });

  test('a phone with letters, an e-mail without @, a name too long: French messages by the fields, what was typed kept', async () => {
    const { visitor, key } = await newVisitor();
    const long = 'N'.repeat(121);
    const sent = await visitor.post('/adhesion', { name: long, phone: '06 12 AB 56 78', email: 'jeanne.exemple.fr', idempotency_key: key });
    assert.equal(sent.statusCode, 422);
    const text = visibleText(sent.body);
    assert.match(text, /Ce texte est trop long : 120 caractères au plus/);
    assert.match(text, /Indiquez un numéro de téléphone français/);
    assert.match(sent.body, /id="erreur-email"/);
    for (const typed of [long, '06 12 AB 56 78', 'jeanne.exemple.fr']) assert.ok(sent.body.includes(`value="${typed}"`), `${typed} is kept`);
    assert.equal(fieldValue(sent.body, 'idempotency_key'), key);
  });

  test('10 000 characters in every field: refused in French, nothing recorded', async () => {
    const { visitor, key } = await newVisitor();
    const huge = 'x'.repeat(10_000);
    const sent = await visitor.post('/adhesion', { name: huge, phone: huge, email: huge, idempotency_key: key });
    assert.equal(sent.statusCode, 422);
    assert.match(visibleText(sent.body), /trop long/);
    assert.equal((await requestsNamed(huge)).length, 0);
  });

  test('a missing idempotency key: the form comes back with a message and a fresh key, nothing recorded', async () => {
    const { visitor } = await newVisitor();
    const sent = await visitor.post('/adhesion', { name: 'Sans Clé', phone: '06 11 22 33 44', email: '' });
    assert.equal(sent.statusCode, 422);
    assert.match(fieldValue(sent.body, 'idempotency_key'), /^[A-Za-z0-9_-]{8,64}$/);
    assert.match(visibleText(sent.body), /Le formulaire|Ce champ est obligatoire|Envoyez-le de nouveau|n’est pas valable/i);
    assert.equal(sent.body.includes('value="Sans Clé"'), true, 'the name typed is kept');
    assert.equal((await requestsNamed('Sans Clé')).length, 0);
  });

  test('one key sent twice by one visitor makes one request; the second answer leads to the same number', async () => {
    const { visitor, key } = await newVisitor(true);
    const fields = { name: 'Rose Deuxfois', phone: '06 11 22 33 44', email: '', idempotency_key: key };
    const [first, second] = await Promise.all([visitor.post('/adhesion', fields), visitor.post('/adhesion', fields)]);
    assert.deepEqual([first.statusCode, second.statusCode], [303, 303]);
    const third = await visitor.post('/adhesion', { ...fields, name: 'Rose Autre' });
    assert.equal(third.statusCode, 303);
    const rows = await requestsNamed('Rose Deuxfois');
    assert.equal(rows.length, 1);
    assert.equal((await requestsNamed('Rose Autre')).length, 0);
    assert.equal((await ctx.db.selectFrom('basket_lines').select('id').where('owner_key', '=', `adhesion:${rows[0].id}`).execute()).length, 1, 'the basket is copied once');
    assert.ok(visibleText((await visitor.get('/adhesion/merci')).body).includes(spokenNumber(rows[0].basket_number)));
  });

  test('another visitor sending someone’s key is refused and never shown that person’s request', async () => {
    const { row, key } = await madeRequest('Paulette Volée');
    const { visitor: thief } = await newVisitor();
    const sent = await thief.post('/adhesion', { name: 'Voleur', phone: '06 99 99 99 99', email: '', idempotency_key: key });
    assert.equal(sent.statusCode, 422);
    assert.notEqual(fieldValue(sent.body, 'idempotency_key'), key, 'the form comes back with a new key');
    assert.ok(sent.body.includes('value="Voleur"'));
    const done = visibleText((await thief.get('/adhesion/merci')).body);
    assert.ok(!done.includes(spokenNumber(row.basket_number)) && !done.includes('06 11 22 33 44') && !done.includes('Paulette'), 'nothing of the first request');
    assert.equal((await requestsNamed('Voleur')).length, 0);
  });

  test('a resident, a merchant, a concierge or the town who sends the form is told kindly they have an account; nothing recorded', async () => {
    for (const who of ['residentA', 'merchantA', 'concierge', 'town'] as const) {
      const form = await agent(who).get('/adhesion');
      assert.equal(form.statusCode, 200);
      assert.ok(!form.body.includes('name="phone"'), `${who}: no form to send`);
      assert.ok(!/Vous préférez appeler/.test(visibleText(form.body)), `${who}: not asked to call the conciergerie to join`);
      const sent = await agent(who).post('/adhesion', { name: `Compte ${who}`, phone: '06 11 22 33 44', email: '', idempotency_key: `cle-${who}-0000000` }, '/');
      assert.ok(sent.statusCode < 500 && sent.statusCode !== 403 && sent.statusCode !== 404, `${who}: ${sent.statusCode}`);
      const text = visibleText(sent.body);
      assert.match(text, /votre compte existe déjà|compte de la conciergerie|compte professionnel/, `${who}: ${text.slice(0, 300)}`);
      if (who !== 'residentA') assert.ok(!/depuis votre panier/.test(visibleText(form.body)), `${who} has no basket: not told to order from it`);
      assert.equal((await requestsNamed(`Compte ${who}`)).length, 0);
    }
  });

  test('a missing CSRF token: 403 in French, nothing recorded', async () => {
    const { visitor, key } = await newVisitor();
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/adhesion',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: visitor.cookieHeader() },
      payload: new URLSearchParams({ name: 'Sans Jeton', phone: '06 11 22 33 44', email: '', idempotency_key: key }).toString(),
    });
    assertFrenchPage(response, 403, /Le formulaire a expiré/, 'no CSRF token');
    assert.equal((await requestsNamed('Sans Jeton')).length, 0);
  });

  test('the confirmation shows a request only to the session that made it', async () => {
    const { row } = await madeRequest('Odette Privée', true);
    for (const who of [...agents.keys()]) {
      const text = visibleText((await agent(who).get('/adhesion/merci')).body);
      assert.ok(!text.includes(spokenNumber(row.basket_number)) && !text.includes('Odette'), `${who} does not read the request`);
    }
  });
});

describe('the concierge’s list and « Classer »', () => {
  test('only the concierges list requests: a visitor is sent to log in, anyone else gets 404', async () => {
    const { row } = await madeRequest('Yvonne Liste');
    for (const who of agents.keys()) {
      const list = await agent(who).get(REQUESTS);
      if (who === 'concierge' || who === 'concierge2') {
        assert.equal(list.statusCode, 200);
        assert.ok(visibleText(list.body).includes('Yvonne Liste'));
        continue;
      }
      if (who === 'visitor') {
        assert.equal(list.statusCode, 303);
        assert.match(String(list.headers.location), /^\/connexion/);
      } else assertFrenchPage(list, 404, /Cette page n’existe pas/, `${who} lists requests`);
      assert.ok(!list.body.includes('Yvonne') && !list.body.includes(row.basket_number), `${who} never reads the request`);
    }
  });

  test('only the concierges file a request; the others get 404 (a visitor: log in) and it stays open', async () => {
    const { row } = await madeRequest('Yvonne Classée');
    for (const who of agents.keys()) {
      if (who === 'concierge' || who === 'concierge2') continue;
      const token = await agent(who).csrfToken('/adhesion');
      const response = await agent(who).post(`${REQUESTS}/${row.id}/classer`, { _csrf: token });
      if (who === 'visitor') assert.equal(response.statusCode, 303);
      else assertFrenchPage(response, 404, /Cette page n’existe pas/, `${who} files a request`);
    }
    assert.equal((await requestsNamed('Yvonne Classée'))[0].status, 'open');
  });

  test('an address that is not an id, or names no request: 404 in French; a GET on « classer »: 404', async () => {
    const concierge = agent('concierge');
    for (const id of ['pas-un-id', '1%27%20or%201=1', newId(), 'x'.repeat(100)]) {
      assertFrenchPage(await concierge.post(`${REQUESTS}/${id}/classer`, {}, REQUESTS), 404, /Cette page n’existe pas/, `classer ${id.slice(0, 20)}`);
    }
    const { row } = await madeRequest('Yvonne Get');
    assertFrenchPage(await concierge.get(`${REQUESTS}/${row.id}/classer`), 404, /Cette page n’existe pas/, 'GET classer');
    assert.equal((await requestsNamed('Yvonne Get'))[0].status, 'open');
  });

  // The router would answer a long path parameter itself (414, in English): buildApp lets it reach the schema.
  test('an address parameter of 300 characters: a French page', async () => {
    const response = await agent('concierge').post(`${REQUESTS}/${'x'.repeat(300)}/classer`, {}, REQUESTS);
    assertFrenchPage(response, 404, /Cette page n’existe pas/, 'a 300-character id');
  });

  test('a form field « classer » does not expect is refused in French, nothing changes', async () => {
    const { row } = await madeRequest('Yvonne Champ');
    const response = await agent('concierge').post(`${REQUESTS}/${row.id}/classer`, { status: 'open' }, REQUESTS);
    assert.ok(response.statusCode >= 400 && response.statusCode < 500, String(response.statusCode));
    assert.ok(visibleText(response.body).length > 0);
    assert.equal((await requestsNamed('Yvonne Champ'))[0].status, 'open');
  });

  test('filed twice (by two concierges at once, then again): one move, the others refused in French', async () => {
    const { row } = await madeRequest('Yvonne Deuxfois', true);
    const one = agent('concierge');
    const two = agent('concierge2');
    const [tokenOne, tokenTwo] = [await one.csrfToken(REQUESTS), await two.csrfToken(REQUESTS)];
    const answers = await Promise.all([one.post(`${REQUESTS}/${row.id}/classer`, { _csrf: tokenOne }), two.post(`${REQUESTS}/${row.id}/classer`, { _csrf: tokenTwo })]);
    assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [303, 422]);
    const refused = answers.find((answer) => answer.statusCode === 422)!;
    assert.match(visibleText(refused.body), /Cette demande vient d’être traitée/);
    const again = await one.post(`${REQUESTS}/${row.id}/classer`, {}, REQUESTS);
    assertFrenchPage(again, 422, /Cette demande vient d’être traitée/, 'a second « classer »');
    const [filed] = await requestsNamed('Yvonne Deuxfois');
    assert.equal(filed.status, 'closed');
    assert.ok(['Sandrine Roux', 'Nathalie Bonnet'].some((name) => filed.handled_by_label?.includes(name)), String(filed.handled_by_label));
    assert.equal((await ctx.db.selectFrom('basket_lines').select('id').where('owner_key', '=', `adhesion:${row.id}`).execute()).length, 0, 'the basket copy goes');
  });

  test('a basket is not taken up after its request was filed; a filed request does not prefill the member form', async () => {
    const { row } = await madeRequest('Yvonne Reprise', true);
    const concierge = agent('concierge');
    assert.equal((await concierge.post(`${REQUESTS}/${row.id}/classer`, {}, REQUESTS)).statusCode, 303);
    const memberId = await makeMember(ctx.db, { firstName: 'Yvonne', lastName: 'Reprise' });
    const taken = await concierge.post(`${DESK}/${memberId}/reprendre`, { basket_number: row.basket_number }, `${DESK}/${memberId}`);
    assertFrenchPage(taken, 422, /Aucune demande en cours ne porte ce numéro de panier/, 'take-up after classer');
    assert.equal((await ctx.db.selectFrom('basket_lines').select('id').where('owner_key', '=', `desk:${memberId}`).execute()).length, 0);
    const register = await concierge.get(`${DESK}?demande=${row.id}`);
    assert.ok(register.statusCode < 500, String(register.statusCode));
    assert.ok(!/value="Reprise"/.test(register.body), 'the member form is not filled from a filed request');
  });

  test('a request taken up can still be filed; it is not taken up twice', async () => {
    const { row } = await madeRequest('Yvonne Prise', true);
    const concierge = agent('concierge');
    const memberId = await makeMember(ctx.db, { firstName: 'Yvonne', lastName: 'Prise' });
    assert.equal((await concierge.post(`${DESK}/${memberId}/reprendre`, { basket_number: row.basket_number }, `${DESK}/${memberId}`)).statusCode, 303);
    const twice = await concierge.post(`${DESK}/${memberId}/reprendre`, { basket_number: row.basket_number }, `${DESK}/${memberId}`);
    assertFrenchPage(twice, 422, /Cette demande vient d’être traitée/, 'a second take-up');
    assert.equal((await ctx.db.selectFrom('basket_lines').select(['quantity']).where('owner_key', '=', `desk:${memberId}`).execute()).map((line) => Number(line.quantity)).join(), '2');
    assert.equal((await concierge.post(`${REQUESTS}/${row.id}/classer`, {}, REQUESTS)).statusCode, 303);
    assert.equal((await requestsNamed('Yvonne Prise'))[0].status, 'closed');
  });

  test('no page of the list or of the registration from it carries a credential: no reset link, no token', async () => {
    const { row } = await madeRequest('Yvonne Secrets', true);
    const concierge = agent('concierge');
    const list = (await concierge.get(REQUESTS)).body;
    assert.ok(!/mot-de-passe\/[A-Za-z0-9_-]{20,}/.test(list), 'no reset link');
    assert.ok(!/idempotency_key/.test(list), 'no form key of the visitor');
    const register = await concierge.get(`${DESK}?demande=${row.id}`);
    const created = await concierge.post(`${DESK}/adherent`, {
      last_name: 'Secrets',
      first_name: 'Yvonne',
      phone: '06 11 22 33 44',
      email: 'yvonne.secrets@exemple.fr',
      idempotency_key: fieldValue(register.body, 'idempotency_key'),
      demande: row.id,
    });
    assert.equal(created.statusCode, 303);
    const next = await concierge.get(String(created.headers.location));
    assert.equal(next.statusCode, 200);
    assert.ok(!/mot-de-passe\/[A-Za-z0-9_-]{20,}/.test(next.body), 'no reset link on the member’s page');
  });
});

describe('the photo guide and the search', () => {
  test('the photo guide answers 200 to everyone, in French', async () => {
    for (const who of agents.keys()) {
      const page = await agent(who).get('/guide-photo');
      assert.equal(page.statusCode, 200, `${who}: ${page.statusCode}`);
      assert.match(plain(visibleText(page.body)), /photo/i);
    }
  });

  test('hostile searches answer 200 with a French page, never a 500', async () => {
    const hostile = ['x'.repeat(10_000), '"', '"vin', 'vin*', '*', 'NEAR(vin rosé)', 'vin NEAR rosé', '(vin', 'vin)', 'vin OR', 'AND', 'NOT vin', '^vin', 'vin:*', "'", "l'", '\\', '%', '_', 'vin\u0000rosé', '\u0000', '🍷', '🍷 vin 🍾', '!!!', '...', '?;:,', '&|!<->', 'a'.repeat(3000) + ' vin', 'le la les', 'est ce que', '@', '+'];
    for (const q of hostile) {
      const page = await agent('visitor').get(`/recherche?q=${encodeURIComponent(q)}`);
      assert.equal(page.statusCode, 200, `« ${q.slice(0, 30)} »: ${page.statusCode}`);
      assert.match(visibleText(page.body), /Recherche|résultat|Aucun/i, q.slice(0, 30));
    }
    assert.equal((await agent('visitor').get('/recherche?q=vin&q=rose')).statusCode < 500, true, 'the query given twice');
    const wine = await agent('visitor').get(`/recherche?q=${encodeURIComponent('"rosé" *')}`);
    assert.ok(visibleText(wine.body).includes('Rosé de Provence'), 'the quoted word is still found');
  });
});
