// Erasure: a member asks on « Mes données », follows the link mailed to them, and is erased
// in one transaction everywhere — then every text column of every table is searched for
// their first name, last name, e-mail and phone, and none holds them. The accounting stays.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { CONCIERGE, makeOrder } from '../helpers/orders.ts';
import { plain } from '../helpers/text.ts';
import { linkInMail } from '../helpers/quotes.ts';
import { cancelOrder } from '../../src/orders/index.ts';
import { askForService } from '../../src/requests/index.ts';
import { logInteraction } from '../../src/shops/crm/crm.service.ts';
import { makeShop } from '../helpers/shops.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';

const PERSON = { firstName: 'Zéphirine', lastName: 'Quatremare', email: 'zephirine.quatremare@exemple.fr', phone: '06 47 58 69 13', addressLine: '17 impasse des Goélands' };
const NEEDLES = [PERSON.firstName, PERSON.lastName, PERSON.email, '0647586913', PERSON.phone, 'Goélands'];

let ctx: TestApp;
let member: Agent;
let memberId: string;
let residentAccount: CurrentAccount;
let openOrderId: string;

before(async () => {
  ctx = await buildTestApp();
  memberId = await makeMember(ctx.db, { ...PERSON, notes: `Appeler ${PERSON.firstName} le matin` });
  const account = await makeAccount(ctx.db, ctx.config, 'resident', { email: PERSON.email, displayName: `${PERSON.firstName} ${PERSON.lastName}`, memberId });
  residentAccount = { id: account.id, email: PERSON.email, role: 'resident', displayName: `${PERSON.firstName} ${PERSON.lastName}`, shopId: null, memberId };
  // Her history: an order cancelled, another still open (which forbids erasure), a request
  // whose text quotes her phone, and the mails all of these sent.
  const done = await makeOrder(ctx.db, ctx.config, { resident: residentAccount });
  await cancelOrder(ctx.db, ctx.config, residentAccount, done.orderId);
  openOrderId = (await makeOrder(ctx.db, ctx.config, { resident: residentAccount })).orderId;
  await askForService(ctx.db, ctx.config, residentAccount, { kind: 'advice', title: 'Trouver un plombier', details: `Rappelez-moi au ${PERSON.phone}, ${PERSON.firstName} ${PERSON.lastName}` }, newIdempotencyKey());
  // A concierge's note on a shop that names her (a customer who recommended the shop).
  const shopId = await makeShop(ctx.db, { tradeName: 'Mercerie du Port' });
  const note = `${PERSON.firstName} ${PERSON.lastName} nous a parlé de cette mercerie`;
  await logInteraction(ctx.db, CONCIERGE, shopId, { kind: 'call', localDate: '2026-11-30', met: 'La gérante', notes: note, outcome: 'informed', reasonCode: null, campaignId: null, next: null, settlesTaskId: null });
  member = new Agent(ctx.app);
  await member.login(account.email, account.password);
});

after(() => ctx.close());

/** Every text column of every table, as the database itself lists them. */
async function textColumns(): Promise<Array<{ table: string; column: string }>> {
  const tables = await ctx.db.introspection.getTables();
  const textual = /^(text|varchar|character varying|char|bpchar|character)$/i;
  return tables.flatMap((table) => table.columns.filter((column) => textual.test(column.dataType)).map((column) => ({ table: table.name, column: column.name })));
}

async function whereFound(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column } of await textColumns()) {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where lower(${sql.ref(column)}) like ${`%${needle.toLowerCase()}%`}`.execute(ctx.db);
    if (Number(row.rows[0]?.n ?? 0) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

test('the text columns searched include the members, the outbox and the orders (the search itself works)', async () => {
  const columns = (await textColumns()).map(({ table, column }) => `${table}.${column}`);
  for (const expected of ['members.first_name', 'outbox.text_body', 'orders.delivery_address', 'service_request_messages.body', 'accounts.email']) assert.ok(columns.includes(expected), expected);
  const before = await whereFound(PERSON.lastName);
  for (const column of ['members.last_name', 'accounts.display_name', 'service_requests.details', 'outbox.text_body', 'shop_interactions.notes']) assert.ok(before.includes(column), `${column} holds her name before`);
  assert.ok((await whereFound(PERSON.email)).includes('outbox.recipient'), 'her mails are in the outbox before');
});

test('« Mes données » shows her orders and requests, and the JSON file holds them', async () => {
  const page = await member.get('/compte/donnees');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1>Mes données<\/h1>/);
  assert.match(page.body, /Mes commandes/);
  assert.match(page.body, /Trouver un plombier/);
  const file = await member.get('/compte/donnees.json');
  assert.equal(file.statusCode, 200);
  assert.match(String(file.headers['content-disposition']), /attachment; filename="mes-donnees.json"/);
  const data = JSON.parse(file.body) as Record<string, unknown>;
  const orders = data['Mes commandes'] as Array<Record<string, unknown>>;
  assert.equal(orders.length, 2);
  assert.equal((data['Mon adhésion'] as Record<string, unknown>)['Nom'], PERSON.lastName);
  assert.equal((data['Mes demandes de service'] as unknown[]).length, 1);
});

test('erasure is refused while an order is open, with the order named', async () => {
  const page = await member.get('/compte/donnees/effacer');
  assert.match(plain(page.body), /La commande [A-Z0-9-]+ est en cours/i);
  const response = await member.post('/compte/donnees/effacer', {});
  assert.equal(response.statusCode, 422);
  assert.match(plain(response.body), /L’effacement n’est pas possible pour le moment : la commande/);
  const row = await ctx.db.selectFrom('members').select('erased_at').where('id', '=', memberId).executeTakeFirstOrThrow();
  assert.equal(row.erased_at, null);
});

test('the mailed link erases her everywhere, logs her out, and her name is found in no text column', async () => {
  await cancelOrder(ctx.db, ctx.config, CONCIERGE, openOrderId);
  const asked = await member.post('/compte/donnees/effacer', {});
  assert.equal(asked.statusCode, 303);
  // The link is sealed in the outbox: only the worker that sends the mail opens it.
  const path = await linkInMail(ctx.db, ctx.config, PERSON.email, /^Confirmez l’effacement de votre compte$/);
  // A forged token names nothing.
  assert.equal((await member.get(path.replace(/.{4}$/, 'AAAA'))).statusCode, 404);
  const confirm = await member.get(path);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Effacer mon compte/);
  const row = await ctx.db.selectFrom('members').select('erased_at').where('id', '=', memberId).executeTakeFirstOrThrow();
  assert.equal(row.erased_at, null, 'a GET never erases');
  const erased = await member.post(path, {});
  assert.equal(erased.statusCode, 303);

  for (const needle of NEEDLES) assert.deepEqual(await whereFound(needle), [], `« ${needle} » is found nowhere`);

  const kept = await ctx.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
  assert.equal(kept.first_name, 'Adhérent effacé');
  assert.equal(kept.postal_code, '13800', 'the postcode stays for the figures');
  assert.equal(kept.kind, 'resident');
  assert.ok(kept.account_code, 'the accounting code stays');
  const orders = await ctx.db.selectFrom('orders').select(['total_cents']).where('member_id', '=', memberId).execute();
  assert.equal(orders.length, 2, 'the orders stay, without her name');
  const log = await ctx.db.selectFrom('member_erasures').selectAll().where('member_id', '=', memberId).executeTakeFirstOrThrow();
  assert.equal(log.reason, 'member');
  assert.ok(Object.values(JSON.parse(log.counts) as Record<string, number>).some((count) => count > 0));
  // Logged out, and the login is gone.
  const account = await member.get('/compte');
  assert.notEqual(account.statusCode, 200);
  assert.equal((await ctx.db.selectFrom('sessions').select('id').where('account_id', '=', residentAccount.id).execute()).length, 0);
  const login = await new Agent(ctx.app).post('/connexion', { email: PERSON.email, password: 'mot de passe de test' }, '/connexion');
  assert.notEqual(login.headers.location, '/compte');
  // The link works once: the member no longer exists for it.
  assert.equal((await new Agent(ctx.app).get(path)).statusCode, 404);
});
