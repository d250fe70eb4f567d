// Settings reach the pages and the command line refuses bad ones before serving anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestApp, createTestDatabase } from '../helpers/app.ts';
import { runCli } from '../helpers/server.ts';
import { plain } from '../helpers/text.ts';

test('the name and phone of the conciergerie come from the settings, on every page', async (t) => {
  const { app, close } = await buildTestApp({ CONCIERGERIE_NAME: 'Conciergerie de Miramas', CONCIERGERIE_PHONE: '04 90 58 00 00' });
  t.after(close);
  for (const url of ['/connexion', '/page-inconnue']) {
    const body = (await app.inject({ method: 'GET', url })).body;
    assert.match(body, /<title>[^<]+ — Conciergerie de Miramas<\/title>/, url);
    assert.match(plain(body), /<a href="tel:0490580000"[^>]*>04 90 58 00 00<\/a>/, url);
    assert.doesNotMatch(plain(body), /04 42 55 00 00/, url);
  }
});

test('migrate brings a new database up to date, then has nothing left to do', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'conciergerie-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env = { DATABASE_URL: `sqlite:${join(dir, 'town.db')}` };
  const first = await runCli(['migrate'], env);
  assert.equal(first.code, 0, first.output);
  assert.match(first.output, /Migrations applied: 0001_foundation/);
  const second = await runCli(['migrate'], env);
  assert.equal(second.code, 0, second.output);
  assert.match(second.output, /Database schema is up to date\./);
});

test('migrate finds the test database of either dialect up to date', async (t) => {
  const database = await createTestDatabase();
  t.after(database.drop);
  const result = await runCli(['migrate'], { DATABASE_URL: database.databaseUrl });
  assert.equal(result.code, 0, result.output);
  assert.match(result.output, /Database schema is up to date\./);
});

test('a bad setting stops the command before anything starts, naming the setting', async () => {
  const [badPort, badDatabase] = await Promise.all([runCli(['serve'], { PORT: 'trois mille' }), runCli(['migrate'], { DATABASE_URL: 'mysql://localhost/town' })]);
  assert.notEqual(badPort.code, 0);
  assert.match(badPort.output, /PORT must be a positive integer, got "trois mille"/);
  assert.notEqual(badDatabase.code, 0);
  assert.match(badDatabase.output, /DATABASE_URL must start with postgres:\/\/, postgresql:\/\/ or sqlite:/);
});

test('production refuses to serve without its own session secret', async () => {
  const result = await runCli(['serve'], { NODE_ENV: 'production', PORT: '0' });
  assert.notEqual(result.code, 0);
  assert.match(result.output, /SESSION_SECRET must be set in production/);
  assert.doesNotMatch(result.output, /La conciergerie est ouverte/);
});

test('an unknown command prints the usage and fails', async () => {
  const result = await runCli(['demarrer'], {});
  assert.equal(result.code, 2);
  assert.match(result.output, /Usage: node --import tsx src\/main\.ts <command>/);
});
