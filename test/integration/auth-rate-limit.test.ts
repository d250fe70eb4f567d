// The limit on logging in per client address is counted in the database: two app processes
// sharing one database grant an address the limit once between them, not once each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { buildApp } from '../../src/app.ts';
import { nowMs, startClockAt } from '../../src/platform/clock.ts';
import { SESSION_SWEEP_JOB } from '../../src/platform/auth/auth.service.ts';

test('two processes on one database share the login limit per address, and a minute later it is free again', async (t) => {
  const first = await buildTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  t.after(first.close);
  const second = await buildApp(first.config, { db: first.db });
  t.after(() => second.close());
  const resident = await makeAccount(first.db, first.config, 'resident');
  const onFirst = new Agent(first.app);
  const onSecond = new Agent(second);

  for (const [agent, attempt] of [[onFirst, 1], [onSecond, 2], [onFirst, 3]] as const) {
    const response = await agent.post('/connexion', { email: resident.email, password: `essai ${attempt}` }, '/connexion');
    assert.equal(response.statusCode, 401, `attempt ${attempt}`);
  }
  const token = await onSecond.csrfToken('/connexion');
  const blocked = await onSecond.post('/connexion', { email: resident.email, password: resident.password, _csrf: token });
  assert.equal(blocked.statusCode, 429, 'the fourth attempt, on the other process, is over the limit');
  assert.match(blocked.body, /Trop de tentatives\. Patientez une minute/);

  // Other rate-limited forms count apart: asking for a reset link is still allowed.
  const reset = await onSecond.post('/mot-de-passe-oublie', { email: resident.email }, '/mot-de-passe-oublie');
  assert.notEqual(reset.statusCode, 429);

  startClockAt(new Date(nowMs() + 61_000).toISOString());
  t.after(() => startClockAt(undefined));
  const again = await onFirst.post('/connexion', { email: resident.email, password: resident.password }, '/connexion');
  assert.equal(again.statusCode, 303, 'a minute later the right password is let in');
  assert.ok((await first.db.selectFrom('rate_limit_windows').select('key').execute()).length >= 2);

  startClockAt(new Date(nowMs() + 2 * 3600_000).toISOString());
  await SESSION_SWEEP_JOB.run({ db: first.db, config: first.config, log: { error: (error) => assert.fail(String(error)) } });
  assert.deepEqual(await first.db.selectFrom('rate_limit_windows').select('key').execute(), [], 'the hourly sweep forgets closed windows');
});
