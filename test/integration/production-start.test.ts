// A real installation: `npm start` with NODE_ENV=production migrates and serves an empty
// conciergerie (never the demo town and its published password), `seed` refuses, and the
// first concierge is created by `create-admin`, whose printed link sets the password over
// real HTTP. Before, start seeded six demo accounts, two of them concierges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../helpers/app.ts';
import { runCli, startAppProcess } from '../helpers/server.ts';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../src/demo/demo.logins.ts';
import { plain } from '../helpers/text.ts';

const BASE_URL = 'https://conciergerie.istres.example';

function productionEnv(database: TestDatabase): Record<string, string> {
  return {
    NODE_ENV: 'production',
    SESSION_SECRET: 'un secret de production assez long pour la session',
    PAYMENT_PROVIDER: 'none',
    // Production sessions travel over HTTPS only: the requests come through a TLS proxy.
    TRUST_PROXY: '127.0.0.1',
    DATABASE_URL: database.databaseUrl,
    BASE_URL,
  };
}

async function rowCounts(database: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['shops', 'accounts', 'members', 'offers', 'orders', 'outbox'] as const) {
    const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}

const EMPTY = { shops: 0, accounts: 0, members: 0, offers: 0, orders: 0, outbox: 0 };

/** A browser's part, over real HTTP: cookies kept by hand, the CSRF token of the last page. */
class HttpVisitor {
  private cookies = new Map<string, string>();
  private csrf = '';

  constructor(private readonly origin: string) {}

  private keep(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  private get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(path: string): Promise<{ status: number; body: string }> {
    const response = await fetch(`${this.origin}${path}`, { headers: { cookie: this.cookieHeader, 'x-forwarded-proto': 'https' }, redirect: 'manual' });
    this.keep(response);
    const body = await response.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? this.csrf;
    return { status: response.status, body };
  }

  async post(path: string, fields: Record<string, string>): Promise<{ status: number; location: string | null }> {
    const response = await fetch(`${this.origin}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
      body: new URLSearchParams({ ...fields, _csrf: this.csrf }).toString(),
      redirect: 'manual',
    });
    this.keep(response);
    await response.text();
    return { status: response.status, location: response.headers.get('location') };
  }
}

test('in production, start serves an empty conciergerie and the first concierge comes from create-admin', async (t) => {
  const database = await createTestDatabase({ migrate: false });
  const env = productionEnv(database);
  const app = await startAppProcess(env);
  t.after(async () => {
    await app.stop();
    await database.drop();
  });

  const started = app.output();
  assert.match(plain(started), /Aucun compte de concierge pour l’instant : créez le premier avec npm run create-admin -- --email=/);
  assert.ok(!started.includes(DEMO_PASSWORD), 'the demo password is not printed');
  for (const login of DEMO_LOGINS) assert.ok(!started.includes(login.email), login.email);
  assert.deepEqual(await rowCounts(database), EMPTY, 'nothing is seeded');
  assert.equal((await fetch(`${app.url}/`)).status, 200, 'the empty site is served');

  const seeded = await runCli(['seed'], env);
  assert.notEqual(seeded.code, 0);
  assert.match(seeded.output, /La ville de démonstration ne se charge jamais en production/);
  assert.deepEqual(await rowCounts(database), EMPTY);

  const created = await runCli(['create-admin', '--email=Anne.Roux@Exemple.fr', '--name=Anne Roux'], env);
  assert.equal(created.code, 0, created.output);
  assert.match(created.output, /Compte de concierge créé pour Anne Roux \(anne\.roux@exemple\.fr\), sans mot de passe\./);
  const link = new RegExp(`${BASE_URL.replace(/\./g, '\\.')}/mot-de-passe/[A-Za-z0-9_-]{43}`).exec(created.output)?.[0];
  assert.ok(link, created.output);
  const account = await database.db.selectFrom('accounts').selectAll().executeTakeFirstOrThrow();
  assert.deepEqual([account.email, account.role, account.password_hash], ['anne.roux@exemple.fr', 'concierge', null]);
  assert.equal((await rowCounts(database)).outbox, 0, 'the link is not mailed: it was printed on the terminal');

  const taken = await runCli(['create-admin', '--email=anne.roux@exemple.fr', '--name=Quelqu’un d’autre'], env);
  assert.equal(taken.code, 1);
  assert.match(plain(taken.output), /Un compte existe déjà avec l’adresse anne\.roux@exemple\.fr : rien n’a été créé\./);
  assert.doesNotMatch(taken.output, /mot-de-passe\//);

  const anne = new HttpVisitor(app.url);
  const path = new URL(link).pathname;
  assert.equal((await anne.get(path)).status, 200);
  const chosen = await anne.post(path, { password: 'la première concierge', password_confirm: 'la première concierge' });
  assert.deepEqual(chosen, { status: 303, location: '/gestion' });
  assert.equal((await new HttpVisitor(app.url).get(path)).status, 422, 'the printed link worked once');

  const later = new HttpVisitor(app.url);
  await later.get('/connexion');
  const login = await later.post('/connexion', { email: 'anne.roux@exemple.fr', password: 'la première concierge' });
  assert.deepEqual(login, { status: 303, location: '/gestion' });
  assert.equal((await later.get('/gestion')).status, 200);
});

test('create-admin also works in development and refuses an incomplete or malformed command in French', async (t) => {
  const database = await createTestDatabase({ migrate: false });
  t.after(database.drop);
  const env = { NODE_ENV: 'development', DATABASE_URL: database.databaseUrl };
  const missing = await runCli(['create-admin', '--email=paul@exemple.fr'], env);
  assert.equal(missing.code, 2);
  assert.match(missing.output, /Indiquez l’adresse e-mail et le nom du concierge/);
  const malformed = await runCli(['create-admin', '--email=paul', '--name=Paul Martin'], env);
  assert.equal(malformed.code, 1);
  assert.match(plain(malformed.output), /L’adresse e-mail « paul » n’est pas valable/);
  const created = await runCli(['create-admin', '--email=paul@exemple.fr', '--name=Paul Martin'], env);
  assert.equal(created.code, 0, created.output);
  assert.match(created.output, /http:\/\/localhost:3000\/mot-de-passe\/[A-Za-z0-9_-]{43}/);
  const accounts = await database.db.selectFrom('accounts').select(['email', 'role']).execute();
  assert.deepEqual(accounts, [{ email: 'paul@exemple.fr', role: 'concierge' }]);
  assert.equal((await database.db.selectFrom('shops').select('id').execute()).length, 0, 'create-admin seeds nothing');
});
