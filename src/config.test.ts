import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, parseDatabaseUrl } from './config.ts';

const SECRET = 'a-real-secret-of-more-than-thirty-two-characters';

test('the database URL chooses the dialect', () => {
  assert.deepEqual(parseDatabaseUrl(undefined, '/srv/app'), { dialect: 'sqlite', file: '/srv/app/data/conciergerie.db' });
  assert.deepEqual(parseDatabaseUrl('', '/srv/app'), { dialect: 'sqlite', file: '/srv/app/data/conciergerie.db' });
  assert.deepEqual(parseDatabaseUrl('sqlite:data/town.db', '/srv/app'), { dialect: 'sqlite', file: '/srv/app/data/town.db' });
  assert.deepEqual(parseDatabaseUrl('sqlite:/var/lib/town.db', '/srv/app'), { dialect: 'sqlite', file: '/var/lib/town.db' });
  assert.deepEqual(parseDatabaseUrl('sqlite::memory:'), { dialect: 'sqlite', file: ':memory:' });
  assert.deepEqual(parseDatabaseUrl('postgres://app@db/town'), { dialect: 'postgres', url: 'postgres://app@db/town' });
  assert.deepEqual(parseDatabaseUrl('postgresql://app@db/town'), { dialect: 'postgres', url: 'postgresql://app@db/town' });
});

test('an unknown database URL is refused with the accepted forms', () => {
  assert.throws(() => parseDatabaseUrl('mysql://db/town'), (error: unknown) => error instanceof ConfigError && /postgres:\/\/.*sqlite:/.test(error.message));
});

test('the defaults run the demo town on a laptop', () => {
  const config = loadConfig({});
  assert.equal(config.env, 'development');
  assert.equal(config.port, 3000);
  assert.equal(config.baseUrl, 'http://localhost:3000');
  assert.equal(config.database.dialect, 'sqlite');
  assert.equal(config.smtp, undefined);
  assert.equal(config.timeZone, 'Europe/Paris');
  assert.equal(config.mailWorker, true);
  assert.equal(config.logLevel, 'warn');
  assert.equal(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), BASE_URL: 'https://conciergerie.istres.fr' }).logLevel, 'info');
  assert.equal(loadConfig({ NODE_ENV: 'test' }).logLevel, 'silent');
});

test('a bad port or number is refused, naming the setting', () => {
  for (const PORT of ['abc', '-1', '80.5']) {
    assert.throws(() => loadConfig({ PORT }), (error: unknown) => error instanceof ConfigError && error.message.includes('PORT'), PORT);
  }
  assert.throws(() => loadConfig({ LOGIN_RATE_LIMIT_PER_MINUTE: 'many' }), /LOGIN_RATE_LIMIT_PER_MINUTE/);
  assert.equal(loadConfig({ PORT: '8080' }).port, 8080);
  assert.equal(loadConfig({ PORT: '' }).port, 3000);
});

test('production refuses to start without its own session secret', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), (error: unknown) => error instanceof ConfigError && /SESSION_SECRET/.test(error.message));
  assert.throws(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'too-short' }), /SESSION_SECRET must be at least 32/);
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, BASE_URL: 'https://conciergerie.istres.fr' });
  assert.equal(config.env, 'production');
  assert.equal(config.sessionSecret, SECRET);
});

test('production refuses the demo payment page, which marks orders paid without money', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, BASE_URL: 'https://conciergerie.istres.fr', PAYMENT_PROVIDER: 'demo' }), (error: unknown) => error instanceof ConfigError && /PAYMENT_PROVIDER=demo is refused in production/.test(error.message));
  assert.deepEqual(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, BASE_URL: 'https://conciergerie.istres.fr' }).payments, { provider: 'none' });
  assert.deepEqual(loadConfig({ NODE_ENV: 'development', PAYMENT_PROVIDER: 'demo' }).payments, { provider: 'demo' });
});

test('proxies are trusted by number or by address, never all at once', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy, ['127.0.0.1', '10.0.0.0/8']);
  for (const TRUST_PROXY of ['true', 'nginx', '10.0.0.300']) {
    assert.throws(() => loadConfig({ TRUST_PROXY }), (error: unknown) => error instanceof ConfigError && /TRUST_PROXY must be the number of proxies/.test(error.message), TRUST_PROXY);
  }
});

test('an unknown NODE_ENV is refused', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'staging' }), /NODE_ENV/);
});

test('SMTP is configured only with a host, and its port defaults to 587', () => {
  assert.deepEqual(loadConfig({ SMTP_HOST: 'smtp.exemple.fr' }).smtp, { host: 'smtp.exemple.fr', port: 587, secure: false, user: undefined, password: undefined });
  const smtp = loadConfig({ SMTP_HOST: 'smtp.exemple.fr', SMTP_PORT: '465', SMTP_SECURE: 'true', SMTP_USER: 'u', SMTP_PASSWORD: 'p' }).smtp;
  assert.deepEqual(smtp, { host: 'smtp.exemple.fr', port: 465, secure: true, user: 'u', password: 'p' });
});

test('the public address loses its trailing slash and follows the port', () => {
  assert.equal(loadConfig({ BASE_URL: 'https://conciergerie.istres.fr/' }).baseUrl, 'https://conciergerie.istres.fr');
  assert.equal(loadConfig({ PORT: '8080' }).baseUrl, 'http://localhost:8080');
});

test('the conciergerie shown on every page comes from the settings', () => {
  const config = loadConfig({ CONCIERGERIE_NAME: 'Conciergerie de Miramas', CONCIERGERIE_PHONE: '04 90 00 00 00', TOWN_NAME: 'Miramas' });
  assert.equal(config.conciergerie.name, 'Conciergerie de Miramas');
  assert.equal(config.conciergerie.phone, '04 90 00 00 00');
  assert.equal(config.conciergerie.town, 'Miramas');
});

test('a second login step for staff is off by default, on with REQUIRE_TOTP_FOR_STAFF=true, and a typo is refused', () => {
  assert.equal(loadConfig({}).requireTotpForStaff, false);
  assert.equal(loadConfig({ REQUIRE_TOTP_FOR_STAFF: 'true' }).requireTotpForStaff, true);
  assert.equal(loadConfig({ REQUIRE_TOTP_FOR_STAFF: 'false' }).requireTotpForStaff, false);
  assert.throws(() => loadConfig({ REQUIRE_TOTP_FOR_STAFF: 'oui' }), (error: unknown) => error instanceof ConfigError && /REQUIRE_TOTP_FOR_STAFF/.test(error.message));
});

test('production links go out in https, except for a trial on this machine', () => {
  const production = { NODE_ENV: 'production', SESSION_SECRET: SECRET };
  assert.throws(() => loadConfig({ ...production, BASE_URL: 'http://conciergerie.istres.fr' }), /BASE_URL must start with https:\/\/ in production/);
  assert.throws(() => loadConfig({ ...production, BASE_URL: 'conciergerie.istres.fr' }), /BASE_URL must be an address/);
  assert.equal(loadConfig({ ...production, BASE_URL: 'https://conciergerie.istres.fr/' }).baseUrl, 'https://conciergerie.istres.fr');
  assert.throws(() => loadConfig(production), /BASE_URL must be set in production/);
  assert.equal(loadConfig({ ...production, BASE_URL: 'http://localhost:8080' }).baseUrl, 'http://localhost:8080');
  assert.equal(loadConfig({ PORT: '8080' }).baseUrl, 'http://localhost:8080');
  assert.equal(loadConfig({ BASE_URL: 'http://192.168.1.20:3000' }).baseUrl, 'http://192.168.1.20:3000');
});
