// The request log keeps no value typed into a GET form: the home address of the checkout
// steps travels in the query string, and the log is kept for months.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, requestLogLine } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase } from '../helpers/app.ts';

test('the log names the query’s fields, never their values, nor a password link’s token', () => {
  const at = { method: 'GET', host: 'conciergerie.istres.fr', ip: '203.0.113.7', socket: { remotePort: 51000 } };
  const checkout = requestLogLine({ ...at, url: '/commande/creneau?place_id=domicile&address=8+rue+Fr%C3%A9d%C3%A9ric+Mistral&postal_code=13800' });
  assert.equal(checkout.url, '/commande/creneau?place_id=…&address=…&postal_code=…');
  assert.equal(requestLogLine({ ...at, url: '/gestion/adherents?q=Dupont&q=06' }).url, '/gestion/adherents?q=…', 'a repeated name once');
  assert.equal(requestLogLine({ ...at, url: '/commerces' }).url, '/commerces');
  assert.equal(requestLogLine({ ...at, url: '/mot-de-passe/secret-token?retour=x' }).url, '/mot-de-passe/…?retour=…');
  assert.deepEqual(requestLogLine({ ...at, url: '/recherche?q=pain' }), { method: 'GET', url: '/recherche?q=…', host: 'conciergerie.istres.fr', remoteAddress: '203.0.113.7', remotePort: 51000 });
});

test('a checkout step with a home address writes the address nowhere in the app’s log', async (t) => {
  const database = await createTestDatabase();
  const lines: string[] = [];
  const config = loadConfig({ NODE_ENV: 'test', MAIL_WORKER: 'false', JOB_SCHEDULER: 'false', LOG_LEVEL: 'info', DATABASE_URL: database.databaseUrl });
  const app = await buildApp(config, { db: database.db, logStream: { write: (line) => void lines.push(line) } });
  t.after(async () => {
    await app.close();
    await database.drop();
  });
  await app.ready();

  const address = '8 rue Frédéric Mistral';
  for (const url of [
    `/commande/creneau?place_id=domicile&address=${encodeURIComponent(address)}&postal_code=13800`,
    `/commande/confirmer?place_id=domicile&address=${encodeURIComponent(address)}&postal_code=13800&slot=x&payment=at_counter`,
  ]) {
    const response = await app.inject(url);
    assert.equal(response.statusCode, 303, 'a visitor is sent to log in first');
  }
  const log = lines.join('');
  assert.match(log, /"url":"\/commande\/creneau\?place_id=…&address=…&postal_code=…"/, 'the request is logged');
  for (const piece of ['Mistral', 'Fr%C3%A9d', 'Frédéric', '13800', 'domicile']) assert.ok(!log.includes(piece), `« ${piece} » is not in the log`);
});
