import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';

test('a concierge logs in with the real form and is sent to the back office', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const concierge = await makeAccount(db, config, 'concierge');
  const agent = new Agent(app);
  const response = await agent.login(concierge.email, concierge.password);
  assert.equal(response.headers.location, '/gestion');
});

test('a wrong password keeps the e-mail typed and says so in French', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  const resident = await makeAccount(db, config, 'resident');
  const agent = new Agent(app);
  const response = await agent.post('/connexion', { email: resident.email, password: 'pas le bon' }, '/connexion');
  assert.equal(response.statusCode, 401);
  assert.match(response.body, /Adresse e-mail ou mot de passe incorrect/);
  assert.match(response.body, new RegExp(`value="${resident.email}"`));
});

test('a form posted without its CSRF token is refused', async (t) => {
  const { app, close } = await buildTestApp();
  t.after(close);
  const response = await app.inject({ method: 'POST', url: '/connexion', payload: 'email=a%40b.fr&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(response.statusCode, 403);
  assert.match(response.body, /Le formulaire a expiré/);
});
