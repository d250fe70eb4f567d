// Every route of the app, found at run time (a new route is covered without touching this
// file, or makes it fail until it is classified in ACCESS and its parameters in FILL), asked
// by everyone who should not use it, in a small town: two shops with a merchant each, two
// residents with an order each, two concierges, the town, a visitor. A visitor is sent to log
// in, a wrong role or another owner gets 404 (also for an object of B under an address of A,
// and a malformed request tells them no more), a forged CSRF token 403, and a refused POST
// changes nothing in the database. Every form POST is then sent bad input by its rightful
// owner (missing fields, lists for texts, 10 000 characters, impossible amounts, malformed
// ids, NUL characters): never a 500, a refusal in French, nothing written. Every form that carries an
// idempotency key, sent twice with one key, creates once. Each kind of object someone owns
// (order, refund, request, data export; purchase order, statement, invoices, payouts, terms;
// run) is asked by every role; a provider's signed link opens its own object only; a GET of a
// form's address writes nothing. The machinery (route table, world, fillers, checks) is in
// test/helpers/route-*.ts, shared with the fuzzer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TObject } from '@sinclair/typebox';
import type { TestApp } from '../helpers/app.ts';
import type { Agent } from '../helpers/agent.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { assertFrenchRefusal, assertRefused, changedTables, refusalMessages, snapshot, TEMPLATES } from '../helpers/route-check.ts';
import { fill, objectSchema, propertiesOf, validBody, type Body } from '../helpers/route-fill.ts';
import { EVERYONE, isWrite, keyOf, refusalOf, ROLE_OF, ruleOf, WITHOUT_CSRF, type FoundRoute, type Who } from '../helpers/route-table.ts';
import { openTown, type Town } from '../helpers/route-town.ts';
import { IBANS, type World } from '../helpers/route-world.ts';
import { badInputs, HUGE, ownerOf, REFUSES_BY_REDIRECT, RESTART_ON_FORGED_BODY } from '../helpers/route-bad-input.ts';
import { repeats } from '../helpers/route-repeats.ts';
import { newId } from '../../src/platform/ids.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';

let town: Town;
let ctx: TestApp;
let routes: FoundRoute[];
let world: World;
let agents: Map<Who, Agent>;
let tokens: Map<Who, string>;

before(async () => {
  town = await openTown();
  ({ ctx, routes, world, agents, tokens } = town);
});

after(() => town?.close());

const requested = () => town.requested();
const send: Town['send'] = (...args) => town.send(...args);
const baseline = () => town.baseline();
const changesSince = (before: Map<string, string>) => town.changesSince(before);

/** Answers that were not the expected one, over the whole file, for the matrix's figures. */
let unexpected = 0;

function expectNone(failures: string[]): void {
  unexpected += failures.length;
  assert.deepEqual(failures, []);
}

// ---------- 1. every route is known ----------

test('every route is classified in the access table and its parameters can be filled', (t) => {
  assert.ok(routes.length > 100, `found ${routes.length} routes`);
  t.diagnostic(`${routes.length} routes: ${routes.filter((route) => !isWrite(route)).length} GET, ${routes.filter(isWrite).length} POST`);
  const unclassified = requested().filter((route) => !ruleOf(route)).map(keyOf);
  assert.deepEqual(unclassified, [], 'routes with no access rule: add them to ACCESS');
  const unfillable = requested().filter((route) => fill(route.url, world) === undefined).map(keyOf);
  assert.deepEqual(unfillable, [], 'routes whose parameters cannot be filled: add a filler to FILL (or the route to NOT_REQUESTED, with why)');
  const withoutCsrf = routes.filter((route) => isWrite(route) && !route.csrf).map(keyOf).sort();
  assert.deepEqual(withoutCsrf, Object.keys(WITHOUT_CSRF).sort(), 'POST routes that take no CSRF token');
  const unbodied = routes.filter((route) => isWrite(route) && route.csrf && !objectSchema(route)).map(keyOf);
  assert.deepEqual(unbodied, [], 'form POSTs without a body schema');
});

/** The numbers of a schema, by path (as « body.amount »), each with whether it has both bounds. */
function numbersIn(schema: unknown, path: string): Array<{ path: string; bounded: boolean }> {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as { type?: unknown; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number; properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[]; oneOf?: unknown[]; allOf?: unknown[] };
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const bounded = (s.minimum ?? s.exclusiveMinimum) !== undefined && (s.maximum ?? s.exclusiveMaximum) !== undefined;
  const own = types.some((type) => type === 'number' || type === 'integer') ? [{ path, bounded }] : [];
  const nested = [
    ...Object.entries(s.properties ?? {}).map(([name, child]) => numbersIn(child, `${path}.${name}`)),
    numbersIn(s.items, `${path}[]`),
    ...[...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].map((child) => numbersIn(child, path)),
  ];
  return [...own, ...nested.flat()];
}

// The validator lets a number through only between its bounds (ajv's strictNumbers is off so that
// « 1e309 », which becomes Infinity, meets them and is refused): an unbounded number would let Infinity in.
test('every number a route accepts has a minimum and a maximum', (t) => {
  const numbers = routes.flatMap((route) => [...numbersIn(route.body, `${keyOf(route)} body`), ...numbersIn(route.query, `${keyOf(route)} query`)]);
  t.diagnostic(`${numbers.length} numbers in the routes' schemas`);
  assert.ok(numbers.length > 0, 'the schemas name numbers (the page of a list at least)');
  assert.deepEqual(numbers.filter((number) => !number.bounded).map((number) => number.path), []);
});

// ---------- 2. pages ----------

/** GET routes whose rightful user still gets a 404 here, each with why. */
const OWNER_GETS_404: Record<string, string> = {
  'GET /mot-de-passe/:token': 'the token of this file is made up: the page says the link is not valid',
  'GET /gestion/demandes/:id/rendez-vous': 'request A is a question: only an appointment request has an appointment page',
  'GET /compte/demandes/:id/rendez-vous.ics': 'request A is a question: it has no confirmed appointment to put in a diary',
  'GET /suivi/:id/:token/rendez-vous.ics': 'request A is a question: it has no confirmed appointment to put in a diary',
};

test('GET: the rightful users get the page (bank details in full for the concierge only), a visitor is sent to log in, anyone else gets 404', async (t) => {
  const sentBefore = town.requestCount;
  const before = await snapshot(ctx);
  const failures: string[] = [];
  const values = town.values();
  for (const route of requested().filter((candidate) => !isWrite(candidate))) {
    const rule = ruleOf(route)!;
    const query = new URLSearchParams(validBody({ ...route, body: route.query }, values) as Record<string, string>).toString();
    const url = fill(route.url, world)! + (query ? `?${query}` : '');
    // Everyone refused, and one of each role allowed (the page is read the same by both concierges).
    const askers = EVERYONE.filter((who) => !rule.allow.includes(who) || rule.allow.find((other) => ROLE_OF[other] === ROLE_OF[who]) === who);
    for (const who of askers) {
      const response = await send(who, route, url);
      const what = `GET ${url} as ${who}`;
      // Bank details are shown in full to the concierge only (who pays); anyone else sees them masked.
      if (ROLE_OF[who] !== 'concierge') {
        const shown = IBANS.filter(([iban]) => [iban, iban.replace(/(.{4})/g, '$1 ').trim(), iban.slice(4, 20)].some((form) => response.body.includes(form)));
        if (shown.length > 0) failures.push(`${what}: shows the full IBAN ${shown.map(([iban]) => iban).join(', ')}`);
      }
      try {
        if (rule.allow.includes(who)) {
          assert.ok(response.statusCode < 500, `${what}: ${response.statusCode}`);
          if (!(keyOf(route) in OWNER_GETS_404)) assert.notEqual(response.statusCode, 404, `${what}: the rightful user gets 404: is the filler right?`);
        } else {
          assertRefused(response, refusalOf(rule, who), what);
        }
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  }
  t.diagnostic(`${town.requestCount - sentBefore} requests`);
  expectNone(failures);
  assert.deepEqual(changedTables(before, await snapshot(ctx)), [], 'reading pages wrote to the database');
});

// ---------- 3. forms of others ----------

test('POST: a visitor is sent to log in, a wrong role or another owner gets 404, and nothing changes', async (t) => {
  const sentBefore = town.requestCount;
  const values = town.values();
  const failures: string[] = [];
  for (const route of requested().filter((candidate) => isWrite(candidate) && candidate.csrf)) {
    const rule = ruleOf(route)!;
    const url = fill(route.url, world)!;
    const refused = EVERYONE.filter((who) => !rule.allow.includes(who));
    if (refused.length === 0) continue;
    const before = await baseline();
    for (const who of refused) {
      const response = await send(who, route, url, validBody(route, values));
      try {
        assertRefused(response, refusalOf(rule, who), `POST ${url} as ${who}`);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    const changed = await changesSince(before);
    if (changed.length > 0) failures.push(`POST ${url}: refused requests changed ${changed.join(', ')}`);
  }
  t.diagnostic(`${town.requestCount - sentBefore} requests`);
  expectNone(failures);
});

test('POST with a forged, missing or another session’s CSRF token: 403 in French, and nothing changes', async (t) => {
  const sentBefore = town.requestCount;
  const values = town.values();
  const failures: string[] = [];
  for (const route of requested().filter((candidate) => isWrite(candidate) && candidate.csrf)) {
    const owner = ruleOf(route)!.allow[0];
    const url = fill(route.url, world)!;
    const stranger = owner === 'residentB' ? 'residentA' : 'residentB';
    const before = await baseline();
    for (const [how, token] of [
      ['forged', 'abc.def'],
      ['missing', null],
      ['another session’s', tokens.get(stranger)!],
    ] as const) {
      const response = await send(owner, route, url, validBody(route, values), token);
      const what = `POST ${url} as ${owner} with a ${how} token`;
      try {
        assert.equal(response.statusCode, 403, `${what}: ${response.statusCode}`);
        assertFrenchRefusal(response, what);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (route.multipart) {
      const body = Object.fromEntries(Object.entries(validBody(route, values)).map(([name, value]) => [name, String(value)]));
      const response = await agents.get(owner)!.postMultipart(url, { ...body, _csrf: 'abc.def' }, { field: 'photo', filename: 'x.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4') });
      if (response.statusCode !== 403) failures.push(`POST ${url} (multipart) as ${owner} with a forged token: ${response.statusCode}`);
    }
    const changed = await changesSince(before);
    if (changed.length > 0) failures.push(`POST ${url}: refused requests changed ${changed.join(', ')}`);
  }
  assert.ok(routes.filter((route) => route.multipart).length >= 4, 'the forms that upload a file are found');
  t.diagnostic(`${town.requestCount - sentBefore} requests`);
  expectNone(failures);
});

// ---------- 4. another owner’s object under one’s own address ----------

test('an object of side B under an address of side A is not found, for reading and for writing', async (t) => {
  const sentBefore = town.requestCount;
  const values = town.values();
  const failures: string[] = [];
  const mixedRoutes = requested().filter((route) => (route.url.match(/:\w+/g) ?? []).length >= 2 && fill(route.url, world, true) !== undefined);
  assert.ok(mixedRoutes.length >= 15, `found ${mixedRoutes.length} addresses naming two objects`);
  for (const route of mixedRoutes) {
    const rule = ruleOf(route)!;
    const url = fill(route.url, world, true)!;
    const before = await baseline();
    for (const who of rule.allow.filter((candidate) => candidate !== 'visitor')) {
      const response = await send(who, route, url, isWrite(route) ? validBody(route, values) : {});
      try {
        assertRefused(response, 'not_found', `${route.method} ${url} as ${who}`);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    const changed = await changesSince(before);
    if (changed.length > 0) failures.push(`${route.method} ${url}: refused requests changed ${changed.join(', ')}`);
  }
  t.diagnostic(`${town.requestCount - sentBefore} requests`);
  expectNone(failures);
});

// ---------- 5. bad input from the rightful owner ----------

test('bad input from the rightful owner: never a 500, a refusal in French, nothing written', async (t) => {
  const values = town.values();
  const failures: string[] = [];
  let sent = 0;
  for (const route of requested().filter((candidate) => isWrite(candidate) && candidate.csrf)) {
    const owner = ownerOf(route);
    const url = fill(route.url, world)!;
    const before = await baseline();
    for (const bad of badInputs(route, url, validBody(route, values), world)) {
      const response = await send(owner, route, bad.url, bad.body);
      sent += 1;
      const what = `POST ${bad.url} as ${owner} with ${bad.what}`;
      try {
        assert.ok(response.statusCode < 500, `${what}: ${response.statusCode}`);
        if (response.statusCode === 303 && keyOf(route) in REFUSES_BY_REDIRECT) {
          const next = await agents.get(owner)!.get(String(response.headers.location));
          const flash = /<p class="flash"[^>]*>([\s\S]*?)<\/p>/.exec(next.body);
          assert.ok(flash && TEMPLATES.some((template) => template.test(visibleText(flash[1]))), `${what}: the page it leads to says why`);
          continue;
        }
        if (response.statusCode === 303 && keyOf(route) in RESTART_ON_FORGED_BODY) continue;
        assert.ok([400, 401, 404, 409, 413, 422].includes(response.statusCode), `${what}: not refused (${response.statusCode} ${response.headers.location ?? ''})`);
        assertFrenchRefusal(response, what);
      } catch (error) {
        failures.push((error as Error).message.split('\n')[0]);
      }
    }
    const changed = await changesSince(before);
    if (changed.length > 0) failures.push(`POST ${url}: bad input changed ${changed.join(', ')}`);
  }
  t.diagnostic(`${sent} bad requests sent`);
  expectNone(failures);
});

test('bad queries from the rightful reader: never a 500, a refusal in French', async () => {
  const values = town.values();
  const failures: string[] = [];
  const before = await snapshot(ctx);
  for (const route of requested().filter((candidate) => !isWrite(candidate) && candidate.query)) {
    const owner = ownerOf(route);
    const url = fill(route.url, world)!;
    const valid = validBody({ ...route, body: route.query }, values) as Record<string, string>;
    const names = Object.keys((route.query as TObject).properties ?? {});
    for (const name of names) {
      for (const bad of [HUGE, '-1', '0', '99999999999', '2026-02-30', 'x', '', 'a\u0000b']) {
        const address = `${url}?${new URLSearchParams({ ...valid, [name]: bad }).toString()}`;
        const response = await agents.get(owner)!.get(address);
        const what = `GET ${url}?${name}=${bad.slice(0, 20)} as ${owner}`;
        try {
          assert.ok(response.statusCode < 500, `${what}: ${response.statusCode}`);
          if (response.statusCode >= 400) assertFrenchRefusal(response, what);
        } catch (error) {
          failures.push((error as Error).message.split('\n')[0]);
        }
      }
    }
  }
  expectNone(failures);
  assert.deepEqual(changedTables(before, await snapshot(ctx)), [], 'reading pages wrote to the database');
});

// ---------- 6. a stranger learns nothing from a malformed request ----------

test('a malformed request tells a stranger nothing: a wrong role is refused as before, another owner as for an object that does not exist', async (t) => {
  const sentBefore = town.requestCount;
  const failures: string[] = [];
  const before = await snapshot(ctx);
  for (const route of requested().filter((candidate) => candidate.csrf)) {
    const rule = ruleOf(route)!;
    // The basket refuses in its service, once the request is read: there is nothing to hide.
    if (rule.refusal) continue;
    const url = fill(route.url, world)!;
    // A body no form sends (an unknown field, the required ones missing) or a query no link makes.
    const malformed = (address: string) => (isWrite(route) ? address : `${address}?page=-1&champ_inconnu=1`);
    const body: Body = { champ_inconnu: HUGE.slice(0, 100) };
    const allowedRoles = new Set(rule.allow.map((who) => ROLE_OF[who]));
    // One of each role refused outright (they go through the same guard), and every other owner.
    const strangers = EVERYONE.filter((who) => !rule.allow.includes(who));
    const asked = strangers.filter((who) => allowedRoles.has(ROLE_OF[who]) || strangers.find((other) => ROLE_OF[other] === ROLE_OF[who]) === who);
    for (const who of asked) {
      const what = `${route.method} ${malformed(url)} as ${who} (malformed)`;
      try {
        const response = await send(who, route, malformed(url), body);
        if (!allowedRoles.has(ROLE_OF[who])) {
          assertRefused(response, refusalOf(rule, who), what);
          continue;
        }
        // Another owner of the same role: whatever the answer, the same as for an unknown object.
        const unknown = route.url.replace(/:(\w+)/g, () => newId());
        const control = await send(who, route, malformed(unknown.replace(/^\/paiement\/demo\/[^/]+/, '/paiement/demo/demo_000000000000000000000000')), body);
        assert.equal(response.statusCode, control.statusCode, `${what}: ${response.statusCode}, but ${control.statusCode} for an object that does not exist`);
        assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${what}: refused (${response.statusCode})`);
      } catch (error) {
        failures.push((error as Error).message.split('\n')[0]);
      }
    }
  }
  t.diagnostic(`${town.requestCount - sentBefore} requests`);
  expectNone(failures);
  assert.deepEqual(changedTables(before, await snapshot(ctx)), []);
});

// ---------- 7. another owner’s object named in a form’s body ----------

test('an object of another owner named in a form is refused, and nothing changes', async () => {
  const w = world;
  const cases: Array<{ who: Who; url: string; body: Body; why: string }> = [
    { who: 'merchantA', url: `/boutique/${w.shopA}/reglement/confirmer`, body: { change: w.bankChangeB }, why: 'shop B’s new IBAN confirmed from shop A’s page' },
    { who: 'concierge', url: `/gestion/commerces/${w.shopA}/reglement/confirmer`, body: { change: w.bankChangeB }, why: 'shop B’s new IBAN confirmed from shop A’s page' },
    { who: 'concierge', url: `/gestion/comptoir/${w.orderA}`, body: { bons: [w.poB], shown: w.poB, payment: 'cash', idempotency_key: newIdempotencyKey() }, why: 'order B’s purchase order handed over on order A' },
    { who: 'concierge', url: `/gestion/commandes/${w.orderA}/rembourser`, body: { quoi: `ligne:${w.orderLineB}`, source: 'cash', motif: 'Essai', idempotency_key: newIdempotencyKey() }, why: 'a line of order B refunded on order A' },
    { who: 'concierge', url: '/gestion/virements', body: { releves: [w.statementC], idempotency_key: newIdempotencyKey() }, why: 'a statement still waiting for its invoice put in a payout' },
    { who: 'concierge', url: `/gestion/commandes/nouvelle/${w.memberA}/achat-libre`, body: { shop_id: w.placeA, title: 'Essai', price: '1,00', quantity: '1' }, why: 'a free-text line for a shop that does not exist' },
    { who: 'residentA', url: '/panier/ajouter', body: { offer_id: w.orderB, quantity: '1' }, why: 'an id that names no offer added to the basket' },
  ];
  const failures: string[] = [];
  for (const { who, url, body, why } of cases) {
    const before = await baseline();
    const response = await agents.get(who)!.post(url, { ...body, _csrf: tokens.get(who)! });
    const what = `POST ${url} as ${who} (${why})`;
    try {
      assert.ok([404, 409, 422].includes(response.statusCode), `${what}: ${response.statusCode} ${response.headers.location ?? ''}`);
      assertFrenchRefusal(response, what);
    } catch (error) {
      failures.push((error as Error).message.split('\n')[0]);
    }
    const changed = await changesSince(before);
    if (changed.length > 0) failures.push(`${what}: changed ${changed.join(', ')}`);
  }
  expectNone(failures);
});

test('a second-step form sent from a page that is no longer current says why it is refused', async () => {
  // The concierge’s second step is off: a « turn off » or « confirm » form from an old tab.
  for (const action of ['desactiver', 'activer']) {
    const response = await agents.get('concierge')!.post(`/gestion/securite/${action}`, { code: '123456', _csrf: tokens.get('concierge')! });
    assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${action}: ${response.statusCode}`);
    assertFrenchRefusal(response, `POST /gestion/securite/${action} while the second step is off`);
  }
});

// ---------- 8. one idempotency key, one creation ----------


test('a form sent twice with one idempotency key creates once (and the second answer is not an error)', async (t) => {
  const cases = repeats(town);
  const keyed = requested().filter((route) => isWrite(route) && propertiesOf(route).some(([name]) => name === 'idempotency_key')).map(keyOf);
  assert.deepEqual(keyed.filter((route) => !(route in cases)), [], 'forms with an idempotency key and no repeat case here');
  const failures: string[] = [];
  for (const [route, make] of Object.entries(cases)) {
    try {
      const { who, url, body, pdf } = await make();
      const agent = agents.get(who)!;
      const post = () =>
        pdf
          ? agent.postMultipart(url, { ...(body as Record<string, string>), _csrf: tokens.get(who)! }, { field: 'file', filename: 'facture.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 facture du commerce') })
          : agent.post(url, { ...body, _csrf: tokens.get(who)! });
      const before = await snapshot(ctx);
      const first = await post();
      const once = await snapshot(ctx);
      const second = await post();
      const twice = await snapshot(ctx);
      town.forget();
      assert.equal(first.statusCode, 303, `${route}: the first submission succeeds (${first.statusCode} ${plain(refusalMessages(first.body).join(' | '))})`);
      assert.notDeepEqual(changedTables(before, once), [], `${route}: the first submission records something`);
      assert.deepEqual(changedTables(once, twice), [], `${route}: the second submission changed the database`);
      assert.ok(second.statusCode < 400, `${route}: the second submission answers ${second.statusCode} (${plain(refusalMessages(second.body).join(' | '))})`);
    } catch (error) {
      failures.push(`${route}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  t.diagnostic(`${Object.keys(cases).length} forms sent twice`);
  expectNone(failures);
});

// ---------- 9. every kind of object someone else owns, asked by every role ----------

/** The same person on the other side: resident B for resident A… Concierges and the town have no side. */
const TWIN: Partial<Record<Who, Who>> = { residentA: 'residentB', residentB: 'residentA', merchantA: 'merchantB', merchantB: 'merchantA', driverA: 'driverB', driverB: 'driverA' };

/** Each kind of object a person owns, at the address that shows it: side A's, and side B's when the address can name it. */
const OWNED: ReadonlyArray<{ kind: string; route: string; a: (w: World) => string; b?: (w: World) => string }> = [
  { kind: 'a resident’s order', route: '/compte/commandes/:id', a: (w) => `/compte/commandes/${w.orderA}`, b: (w) => `/compte/commandes/${w.orderB}` },
  { kind: 'a resident’s refund (on their order’s page)', route: '/compte/commandes/:id', a: (w) => `/compte/commandes/${w.refundedOrderA}` },
  { kind: 'a resident’s service request', route: '/compte/demandes/:id', a: (w) => `/compte/demandes/${w.requestA}`, b: (w) => `/compte/demandes/${w.requestB}` },
  { kind: 'a resident’s data export', route: '/compte/donnees.json', a: () => '/compte/donnees.json' },
  { kind: 'a shop’s purchase order', route: '/boutique/:shopId/commandes/:poId', a: (w) => `/boutique/${w.shopA}/commandes/${w.poA}`, b: (w) => `/boutique/${w.shopB}/commandes/${w.poB}` },
  { kind: 'a shop’s statement', route: '/boutique/:shopId/releves/:statementId', a: (w) => `/boutique/${w.shopA}/releves/${w.statementA}`, b: (w) => `/boutique/${w.shopB}/releves/${w.statementB}` },
  { kind: 'a shop’s commission invoice', route: '/boutique/:shopId/factures/:id.pdf', a: (w) => `/boutique/${w.shopA}/factures/${w.commissionInvoiceA}.pdf`, b: (w) => `/boutique/${w.shopB}/factures/${w.commissionInvoiceB}.pdf` },
  { kind: 'a shop’s own invoice', route: '/boutique/:shopId/factures-envoyees/:id.pdf', a: (w) => `/boutique/${w.shopA}/factures-envoyees/${w.shopInvoiceA}.pdf`, b: (w) => `/boutique/${w.shopB}/factures-envoyees/${w.shopInvoiceB}.pdf` },
  { kind: 'a shop’s payouts', route: '/boutique/:shopId/virements', a: (w) => `/boutique/${w.shopA}/virements`, b: (w) => `/boutique/${w.shopB}/virements` },
  { kind: 'a payout batch', route: '/gestion/virements/:id', a: (w) => `/gestion/virements/${w.batchA}` },
  { kind: 'a shop’s terms and bank details', route: '/boutique/:shopId/reglement', a: (w) => `/boutique/${w.shopA}/reglement`, b: (w) => `/boutique/${w.shopB}/reglement` },
  { kind: 'a driver’s run', route: '/livraisons/:id', a: (w) => `/livraisons/${w.runA}`, b: (w) => `/livraisons/${w.runB}` },
  { kind: 'a driver’s run sheet', route: '/gestion/tournees-de-livraison/:id/feuille.pdf', a: (w) => `/gestion/tournees-de-livraison/${w.runA}/feuille.pdf`, b: (w) => `/gestion/tournees-de-livraison/${w.runB}/feuille.pdf` },
];

test('every kind of object owned by someone else, asked by every role: its owner and the allowed roles get it, a visitor logs in, anyone else gets 404', async (t) => {
  const sentBefore = town.requestCount;
  const failures: string[] = [];
  for (const owned of OWNED) {
    const route = routes.find((candidate) => candidate.method === 'GET' && candidate.url === owned.route);
    assert.ok(route, `${owned.kind}: the route ${owned.route} exists`);
    const rule = ruleOf(route)!;
    const sides: Array<['A' | 'B', string | undefined]> = [['A', owned.a(world)], ['B', owned.b?.(world)]];
    for (const [side, url] of sides) {
      if (url === undefined) continue;
      // Side B's object belongs to the twins of those who own side A's.
      const allowed = new Set(rule.allow.map((who) => (side === 'B' ? (TWIN[who] ?? who) : who)));
      for (const who of EVERYONE) {
        const response = await send(who, route, url);
        const what: string = `${owned.kind}: GET ${url} as ${who}`;
        try {
          if (allowed.has(who)) assert.equal(response.statusCode, 200, `${what}: the owner or an allowed role gets it (${response.statusCode})`);
          else assertRefused(response, refusalOf(rule, who), what);
        } catch (error) {
          failures.push((error as Error).message.split('\n')[0]);
        }
      }
    }
  }
  t.diagnostic(`${OWNED.length} kinds of objects, ${town.requestCount - sentBefore} requests`);
  expectNone(failures);
});

test('a resident’s data export holds their own orders, requests and refunds, none of another resident’s', async () => {
  const exportOf = async (who: Who) => {
    const response = await agents.get(who)!.get('/compte/donnees.json');
    assert.equal(response.statusCode, 200, `${who}: ${response.statusCode}`);
    return response.body;
  };
  const [own, other] = [await exportOf('residentA'), await exportOf('residentB')];
  const residentA = town.accounts.get('residentA')!;
  const ofA = { email: residentA.email, order: world.orderA, refundedOrder: world.refundedOrderA, request: world.requestA };
  const ownFound = Object.entries(ofA).filter(([, value]) => own.includes(value));
  assert.ok(ownFound.length >= 2, `resident A's export names some of A's things (found ${ownFound.map(([name]) => name).join(', ')})`);
  assert.deepEqual(Object.entries(ofA).filter(([, value]) => other.includes(value)), [], 'resident B’s export shows something of resident A');
});

// ---------- 10. providers: no account, a signed link each ----------

test('a provider’s signed link opens its own quote or appointment; another’s token, a token for another purpose or a tampered one gets 404, and nothing changes', async (t) => {
  const w = world;
  const own = [`/devis/${w.quoteA}/${w.quoteTokenA}`, `/rendez-vous/${w.appointmentA}/${w.appointmentTokenA}`, `/suivi/${w.requestA}/${w.followTokenA}`];
  const tamper = (token: string) => `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
  const forged = [
    `/devis/${w.quoteA}/${w.quoteTokenB}`,
    `/devis/${w.quoteA}/${w.appointmentTokenA}`,
    `/devis/${w.quoteA}/${tamper(w.quoteTokenA)}`,
    `/devis/${w.quoteB}/${w.quoteTokenA}/pdf`,
    `/rendez-vous/${w.appointmentA}/${w.appointmentTokenB}`,
    `/rendez-vous/${w.appointmentA}/${w.quoteTokenA}`,
    `/rendez-vous/${w.appointmentA}/${tamper(w.appointmentTokenA)}`,
    `/suivi/${w.requestA}/${w.followTokenB}`,
    `/suivi/${w.requestA}/${w.quoteTokenA}`,
  ];
  const posts: Array<[string, string]> = [
    ['/devis/:quoteId/:token/refuser', `/devis/${w.quoteA}/${w.quoteTokenB}/refuser`],
    ['/devis/:quoteId/:token/fait', `/devis/${w.quoteA}/${w.quoteTokenB}/fait`],
    ['/rendez-vous/:id/:token/confirmer', `/rendez-vous/${w.appointmentA}/${w.appointmentTokenB}/confirmer`],
    ['/rendez-vous/:id/:token/refuser', `/rendez-vous/${w.appointmentA}/${w.appointmentTokenB}/refuser`],
  ];
  const failures: string[] = [];
  const before = await town.snapshot();
  const get = { method: 'GET', url: '', csrf: true, multipart: false };
  for (const url of own) {
    const response = await send('visitor', get, url);
    if (response.statusCode !== 200) failures.push(`GET ${url} (own link): ${response.statusCode}`);
  }
  for (const url of forged) {
    const response = await send('visitor', get, url);
    try {
      assertRefused(response, 'not_found', `GET ${url}`);
    } catch (error) {
      failures.push((error as Error).message.split('\n')[0]);
    }
  }
  for (const [pattern, url] of posts) {
    const route = routes.find((candidate) => candidate.method === 'POST' && candidate.url === pattern);
    assert.ok(route, `the route POST ${pattern} exists`);
    for (const who of ['visitor', 'merchantB'] as const) {
      const response = await send(who, route, url, validBody(route, town.values()));
      if (response.statusCode !== 404) failures.push(`POST ${url} as ${who}: ${response.statusCode}`);
    }
  }
  t.diagnostic(`${own.length + forged.length + posts.length * 2} provider link requests`);
  expectNone(failures);
  assert.deepEqual(changedTables(before, await town.snapshot()), [], 'a forged provider link changed the database');
  town.forget();
});

// ---------- 11. a state-changing address asked with GET ----------

test('GET of a form’s address by its rightful owner changes nothing and is never a 5xx: its page, or 404/405', async (t) => {
  const failures: string[] = [];
  const before = await town.snapshot();
  const posts = requested().filter(isWrite);
  const pages = new Set(routes.filter((route) => !isWrite(route)).map((route) => route.url));
  for (const route of posts) {
    const who = route.csrf ? ownerOf(route) : 'visitor';
    const url = fill(route.url, world)!;
    const response = await send(who, { ...route, method: 'GET' }, url);
    const what = `GET ${url} (a ${route.method} route) as ${who}`;
    if (response.statusCode >= 500) failures.push(`${what}: ${response.statusCode}`);
    else if (!pages.has(route.url) && ![404, 405].includes(response.statusCode)) failures.push(`${what}: no page there, yet ${response.statusCode}`);
  }
  t.diagnostic(`${posts.length} state-changing addresses asked with GET, ${posts.filter((route) => pages.has(route.url)).length} of them also a page`);
  expectNone(failures);
  assert.deepEqual(changedTables(before, await town.snapshot()), [], 'a GET wrote to the database');
  town.forget();
});

// ---------- the matrix's size ----------

test('the matrix’s figures', (t) => {
  t.diagnostic(`matrix: ${requested().length} routes, ${EVERYONE.length} roles, ${town.requestCount} requests, ${unexpected} unexpected`);
  assert.equal(unexpected, 0);
});
