// Fuzzing every input of the app from its own schemas. Every form POST is sent, by its
// rightful owner with a valid CSRF token and its address filled, bodies drawn from its TypeBox
// schema (in and out of bounds, wrong types, missing and unknown fields) mixed with hostile
// values (injections, odd Unicode, NUL, impossible numbers); every GET with a query schema is
// sent such queries, and the JSON API such parameters as its OpenAPI document describes. No
// answer may be a 5xx, show an internal error (stack, error name, SQL, a path of the code) or
// an injected script unescaped, and a refused request writes nothing.
//
// FUZZ_RUNS sets the number of cases of a run (default 3000), FUZZ_SEED replays one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { TObject } from '@sinclair/typebox';
import { changedTables } from '../helpers/route-check.ts';
import { fill, validBody } from '../helpers/route-fill.ts';
import { encodeFields, fieldArb, fieldsArb, leaksIn, seedOf, unescapedIn, type Fields } from '../helpers/route-fuzz.ts';
import { isWrite, keyOf, ruleOf, type FoundRoute, type Who } from '../helpers/route-table.ts';
import { openTown, type Town } from '../helpers/route-town.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

/**
 * Forms sent last: what they do when accepted (logging out, erasing one's data, changing one's
 * password or second step) would leave the owner unable to reach the forms after them.
 */
const LAST = /deconnexion|effacer|effacement|securite|mot-de-passe|desabonnement/;

let town: Town;

before(async () => {
  town = await openTown();
  // The background jobs run on their own timer (a yearly review asked by an accepted case is
  // built a moment later): their writes would be blamed on the refused cases sent meanwhile.
  // The fuzzer judges requests; the jobs have tests of their own.
  await town.ctx.app.jobs.stop();
});

after(() => town?.close());

/** What the run found, for its summary line and its verdict. */
const found = { cases: 0, targets: 0, serverErrors: [] as string[], leaks: [] as string[], writes: [] as string[] };

function report(what: string, response: LightMyRequestResponse): void {
  found.cases += 1;
  const type = String(response.headers['content-type'] ?? '');
  if (response.statusCode >= 500) found.serverErrors.push(`${what}: ${response.statusCode}`);
  for (const leak of leaksIn(type, response.body)) found.leaks.push(`${what}: ${leak} in the answer (${response.statusCode})`);
  for (const marker of unescapedIn(type, response.body)) found.leaks.push(`${what}: « ${marker} » unescaped in the page`);
}

function shortly(fields: Fields | string): string {
  const text = typeof fields === 'string' ? fields : JSON.stringify(fields);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
}

const accepted = (response: LightMyRequestResponse) => response.statusCode < 400;

/** The form routes to fuzz, each with its rightful owner. */
function forms(): Array<{ route: FoundRoute; who: Who }> {
  const list = town
    .requested()
    .filter((route) => isWrite(route) && route.csrf)
    .map((route) => ({ route, who: ruleOf(route)!.allow[0] }));
  return [...list.filter(({ route }) => !LAST.test(route.url)), ...list.filter(({ route }) => LAST.test(route.url))];
}

function pagesWithQuery(): FoundRoute[] {
  return town.requested().filter((route) => !isWrite(route) && route.query);
}

/** A form that uploads a file, as a browser sends it: its fields and a small PDF (or an image). */
async function multipart(fields: Fields): Promise<{ payload: Buffer; type: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  for (const name of ['file', 'photo']) form.append(name, new Blob([new Uint8Array(Buffer.from('%PDF-1.4 essai'))], { type: 'application/pdf' }), '../../etc/<script>.pdf');
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), type: request.headers.get('content-type')! };
}

/** One form case sent as `who`, with their CSRF token. */
async function post(route: FoundRoute, url: string, who: Who, fields: Fields): Promise<LightMyRequestResponse> {
  const all = { ...fields, _csrf: town.tokens.get(who)! };
  const cookie = town.agents.get(who)!.cookieHeader();
  const { payload, type } = route.multipart ? await multipart(all) : { payload: encodeFields(all), type: 'application/x-www-form-urlencoded' };
  return town.ctx.app.inject({ method: 'POST', url, payload, headers: { 'content-type': type, cookie } });
}

/**
 * Sends the refused cases of a batch again, one by one between two snapshots: a batch that
 * ended with an accepted case wrote, and what it wrote must be blamed on that case alone.
 */
async function blameRefused(route: FoundRoute, url: string, who: Who, batch: Fields[]): Promise<void> {
  for (const fields of batch) {
    const before = await town.snapshot();
    const response = await post(route, url, who, fields);
    const changed = changedTables(before, await town.snapshot());
    if (!accepted(response) && changed.length > 0) found.writes.push(`POST ${url} as ${who} with ${shortly(fields)}: refused (${response.statusCode}) yet changed ${changed.join(', ')}`);
  }
}

/** Fuzzes one form: a snapshot before, and one after each accepted case; refused cases in between must write nothing. */
async function fuzzForm(route: FoundRoute, who: Who, runs: number): Promise<void> {
  const url = fill(route.url, town.world)!;
  const values = town.values();
  const cases = fc.sample(fieldsArb(route.body as TObject, validBody(route, values), values), { numRuns: runs, seed: seedOf(SEED, keyOf(route)) });
  let before = await town.snapshot();
  let refused: Fields[] = [];
  for (const fields of cases) {
    const response = await post(route, url, who, fields);
    report(`POST ${url} as ${who} with ${shortly(fields)}`, response);
    if (!accepted(response)) {
      refused.push(fields);
      continue;
    }
    const now = await town.snapshot();
    if (refused.length > 0 && changedTables(before, now).length > 0) await blameRefused(route, url, who, refused);
    before = refused.length > 0 ? await town.snapshot() : now;
    refused = [];
  }
  const changed = changedTables(before, await town.snapshot());
  if (refused.length > 0 && changed.length > 0) found.writes.push(`POST ${url} as ${who}: refused cases changed ${changed.join(', ')} (cases: ${refused.map(shortly).join(' | ').slice(0, 600)})`);
}

test('fuzzing every form as its rightful owner: no 5xx, no internal error shown, no script unescaped, nothing written when refused', async (t) => {
  const targets = forms();
  const pages = pagesWithQuery();
  const runs = Math.max(2, Math.round((RUNS * 0.8) / (targets.length + pages.length)));
  t.diagnostic(`seed ${SEED}: FUZZ_SEED=${SEED} replays this run`);
  for (const { route, who } of targets) await fuzzForm(route, who, runs);
  found.targets += targets.length;
  for (const route of pages) {
    const who = ruleOf(route)!.allow[0];
    const url = fill(route.url, town.world)!;
    const values = town.values();
    const valid = validBody({ ...route, body: route.query }, values);
    const cases = fc.sample(fieldsArb(route.query as TObject, valid, values), { numRuns: runs, seed: seedOf(SEED, keyOf(route)) });
    const before = await town.snapshot();
    for (const query of cases) {
      const address = `${url}?${encodeFields(query)}`;
      report(`GET ${shortly(address)} as ${who}`, await town.agents.get(who)!.get(address));
    }
    const changed = changedTables(before, await town.snapshot());
    if (changed.length > 0) found.writes.push(`GET ${url}?… as ${who}: changed ${changed.join(', ')}`);
  }
  found.targets += pages.length;
});

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}

/** The JSON API's GET operations, with their parameters, as its OpenAPI document describes them. */
async function apiOperations(): Promise<Array<{ path: string; parameters: OpenApiParameter[] }>> {
  const response = await town.ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(response.statusCode, 200);
  const document = JSON.parse(response.body) as { paths: Record<string, { get?: { parameters?: OpenApiParameter[] } }> };
  return Object.entries(document.paths)
    .filter(([, item]) => item.get)
    .map(([path, item]) => ({ path, parameters: item.get!.parameters ?? [] }));
}

test('fuzzing the JSON API from its OpenAPI document: no 5xx, no internal error shown, nothing written', async (t) => {
  const operations = await apiOperations();
  assert.ok(operations.length >= 3, `the OpenAPI document describes ${operations.length} GET operations`);
  const runs = Math.max(10, Math.round((RUNS * 0.2) / operations.length));
  const before = await town.snapshot();
  for (const { path, parameters } of operations) {
    const valid: Record<string, string> = { id: town.world.shopA };
    const arbitraries = Object.fromEntries(parameters.map((parameter) => [parameter.name, fieldArb((parameter.schema ?? {}) as never, parameter.name in valid ? () => valid[parameter.name] : undefined)]));
    const cases = fc.sample(fc.record(arbitraries, { requiredKeys: [] }), { numRuns: runs, seed: seedOf(SEED, path) });
    for (const drawn of cases) {
      const query: Fields = {};
      let address = path;
      for (const parameter of parameters) {
        const value = drawn[parameter.name];
        if (parameter.in === 'path') address = address.replace(`{${parameter.name}}`, encodeFields({ v: typeof value === 'string' ? value || 'x' : (value?.[0] ?? valid[parameter.name] ?? 'x') }).slice(2));
        else if (parameter.in === 'query' && value !== undefined) query[parameter.name] = value;
      }
      const url = Object.keys(query).length > 0 ? `${address}?${encodeFields(query)}` : address;
      report(`GET ${shortly(url)}`, await town.ctx.app.inject({ method: 'GET', url }));
    }
  }
  found.targets += operations.length;
  const changed = changedTables(before, await town.snapshot());
  if (changed.length > 0) found.writes.push(`the JSON API changed ${changed.join(', ')}`);
  t.diagnostic(`${operations.length} API operations`);
});

test('a number that overflows to Infinity in a query is refused, not a 500 (ajv skipped the bounds of a coerced Infinity)', async () => {
  for (const url of ['/api/v1/shops?page=1e309', '/api/v1/offers?page=-1e309', '/api/v1/shops?page=Infinity', '/commerces?page=1e309']) {
    const response = await town.ctx.app.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 400, `${url}: ${response.statusCode}`);
  }
  const fine = await town.ctx.app.inject({ method: 'GET', url: '/api/v1/shops?page=1' });
  assert.equal(fine.statusCode, 200);
});

test('the fuzzer’s figures', (t) => {
  t.diagnostic(`fuzz: ${found.cases} cases, ${found.targets} routes, ${found.serverErrors.length} server errors, ${found.leaks.length} leaks, ${found.writes.length} writes by refused requests (seed ${SEED})`);
  const failures = [...found.serverErrors, ...found.leaks, ...found.writes];
  if (failures.length > 0) t.diagnostic(`FUZZ_SEED=${SEED} replays this run`);
  assert.deepEqual(failures.slice(0, 40), [], `${failures.length} failures; FUZZ_SEED=${SEED} replays them`);
  assert.ok(found.cases >= Math.min(RUNS, 100) * 0.9, `${found.cases} cases sent`);
});
