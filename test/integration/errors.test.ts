// Every failure answers in French, with the phone number and a way back, never a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { buildTestApp, createTestDatabase } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const STACK_LINE = /\bat\s+\S+\s+\(?\S+:\d+:\d+\)?|\.tsx?:\d+/;

test('an unknown address answers a French 404 page with the way back and the phone', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  const response = await app.inject({ method: 'GET', url: '/cette-page-n-existe-pas?x=1' });
  assert.equal(response.statusCode, 404);
  assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
  assert.match(response.body, /<html lang="fr"/);
  assert.match(response.body, /<h1>Page introuvable<\/h1>/);
  assert.match(response.body, /Cette page n’existe pas ou n’est plus disponible\./);
  assert.match(response.body, /Revenir à l’accueil/);
  assert.match(response.body, /href="tel:0442550000"/);
  assert.match(response.body, /<meta name="robots" content="noindex"/);
});

test('an unknown API address answers JSON, not a page', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  const response = await app.inject({ method: 'GET', url: '/api/rien-ici' });
  assert.equal(response.statusCode, 404);
  assert.match(String(response.headers['content-type']), /application\/json/);
  assert.deepEqual(response.json(), { error: 'not_found', message: 'Cette page n’existe pas ou n’est plus disponible.' });
});

test('a malformed path parameter is a page that does not exist', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  for (const url of ['/mot-de-passe/trop-court', `/mot-de-passe/${'x'.repeat(30)}!`, `/mot-de-passe/${'%27'.repeat(10)}${'a'.repeat(20)}`]) {
    const response = await app.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 404, url);
    assert.match(response.body, /Page introuvable/, url);
  }
});

test('an unexpected error shows a French page with a reference and no internals', async (t) => {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', MAIL_WORKER: 'false', DATABASE_URL: database.databaseUrl });
  const app = await buildApp(config, { db: database.db });
  // A route that fails the way a bug or a lost database connection would.
  app.get('/panne', async () => {
    throw new Error('connection to /var/lib/secret.db lost at Object.query (src/db/index.ts:12:3)');
  });
  app.get('/api/panne', async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'priceCents')");
  });
  await app.ready();
  t.after(async () => {
    await app.close();
    await database.drop();
  });

  const page = await app.inject({ method: 'GET', url: '/panne' });
  assert.equal(page.statusCode, 500);
  assert.match(page.body, /<h1>Un problème est survenu<\/h1>/);
  assert.match(page.body, /Réessayez dans un instant ou appelez la conciergerie/);
  const reference = /Référence à donner à la conciergerie\s: ([^<]+)</.exec(page.body)?.[1];
  assert.ok(reference && UUID.test(reference), `a reference is shown: ${reference}`);
  assert.doesNotMatch(page.body, /secret\.db|Object\.query|Error:/);
  assert.doesNotMatch(page.body, STACK_LINE);

  const api = await app.inject({ method: 'GET', url: '/api/panne' });
  assert.equal(api.statusCode, 500);
  assert.equal(api.json().error, 'unexpected');
  assert.doesNotMatch(api.body, /priceCents|TypeError/);
  assert.doesNotMatch(api.body, STACK_LINE);
});

test('two failures get two different references', async (t) => {
  const database = await createTestDatabase();
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', MAIL_WORKER: 'false', DATABASE_URL: database.databaseUrl }), { db: database.db });
  app.get('/panne', async () => {
    throw new Error('boom');
  });
  await app.ready();
  t.after(async () => {
    await app.close();
    await database.drop();
  });
  const references = new Set<string>();
  for (let i = 0; i < 2; i += 1) {
    const body = (await app.inject({ method: 'GET', url: '/panne' })).body;
    references.add(UUID.exec(body)?.[0] ?? '');
  }
  assert.equal(references.size, 2);
});

test('a form posted with another visitor’s CSRF token is refused in French', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  const other = new Agent(app);
  const foreignToken = await other.csrfToken('/connexion');
  const agent = new Agent(app);
  await agent.get('/connexion');
  const response = await agent.post('/connexion', { email: 'a@exemple.fr', password: 'x', _csrf: foreignToken });
  assert.equal(response.statusCode, 403);
  assert.match(response.body, /Le formulaire a expiré/);
});

test('a body too large is refused with a French page', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  const agent = new Agent(app);
  const token = await agent.csrfToken('/connexion');
  const response = await agent.post('/connexion', { email: 'a@exemple.fr', password: 'x'.repeat(200_000), _csrf: token });
  assert.equal(response.statusCode, 413);
  assert.match(response.body, /<html lang="fr"/);
  assert.match(response.body, /La demande est incomplète ou mal formée/);
  assert.doesNotMatch(response.body, STACK_LINE);
});

test('a malformed form body is refused with a French page', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  const response = await app.inject({
    method: 'POST',
    url: '/connexion',
    headers: { 'content-type': 'application/json' },
    payload: '{"email": ',
  });
  assert.ok(response.statusCode >= 400 && response.statusCode < 500, String(response.statusCode));
  assert.match(response.body, /<html lang="fr"/);
  assert.doesNotMatch(response.body, STACK_LINE);
});
