// The ledger fed by the counter: orders handed over and paid through the real counter pages
// are posted as balanced transactions (a payment: till or bank ← member; a hand-over: member
// ← shop), in the transaction of the hand-over itself, and once each however often and however
// concurrently the posting job runs for facts left unposted; the trial balance and a shop's
// balance page, who may see them, and that reading any money page writes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { CONCIERGE, makeOrder, makePlace, makeResident } from '../helpers/orders.ts';
import { receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { accountBalanceCents, conciergeTrialBalance, postCounterActivity, postMoneyFacts } from '../../src/settlement/index.ts';
import { whenMoneyFactsRecorded } from '../../src/orders/index.ts';
import { jobsOf } from '../../src/app.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { runJobNow } from '../../src/platform/jobs.ts';
import { visibleText as text } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
  concierge = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

interface AtCounter {
  orderId: string;
  memberId: string;
  poIds: string[];
  shopIds: string[];
}

/** An order of `shops` shops (2 × 12,50 € each), every purchase order received at the counter. */
async function orderAtCounter(shops: number): Promise<AtCounter> {
  const made = await makeOrder(ctx.db, ctx.config, { placeId, shops });
  const pos = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).orderBy('created_at').orderBy('id').execute();
  for (const [index, po] of pos.entries()) {
    await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, po.id, { storageLocation: `L${index + 1}`, chilled: false });
  }
  return { orderId: made.orderId, memberId: made.memberId, poIds: pos.map((po) => po.id), shopIds: pos.map((po) => po.shop_id) };
}

/** Hands over some purchase orders through the counter's page, paying by `method`. */
async function handOver(orderId: string, poIds: string[], method: 'cash' | 'card' | 'cheque'): Promise<void> {
  const page = await concierge.get(`/gestion/comptoir/${orderId}`);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(key, 'the hand-over form is on the page');
  const response = await concierge.post(`/gestion/comptoir/${orderId}`, { bons: poIds, shown: poIds.join(','), payment: method, idempotency_key: key });
  assert.equal(response.statusCode, 303, text(response.body).slice(0, 300));
}

async function paymentIdsOf(orderId: string): Promise<string[]> {
  const rows = await ctx.db.selectFrom('counter_payments').select('id').where('order_id', '=', orderId).orderBy('at').execute();
  return rows.map((row) => row.id);
}

/** The entries of the transactions posted for these source keys, as [key, account, owner, debit, credit]. */
async function entriesOf(sourceKeys: string[]) {
  const rows = await ctx.db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transactions as t', 't.id', 'e.transaction_id')
    .select(['t.source_key', 'e.account', 'e.shop_id', 'e.member_id', 'e.debit_cents', 'e.credit_cents'])
    .where('t.source_key', 'in', sourceKeys)
    .orderBy('t.source_key')
    .orderBy('e.position')
    .execute();
  return rows.map((row) => [row.source_key, row.account, row.shop_id ?? row.member_id ?? null, Number(row.debit_cents), Number(row.credit_cents)]);
}

async function transactionCount(): Promise<number> {
  const row = await ctx.db.selectFrom('ledger_transactions').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

test('an order handed over and paid by card at the counter posts exactly its entries, and everything balances', async () => {
  const { orderId, memberId, poIds, shopIds } = await orderAtCounter(2);
  await handOver(orderId, poIds, 'card');
  await postCounterActivity(ctx.db, ctx.config.timeZone);

  const [paymentId] = await paymentIdsOf(orderId);
  const keys = [`payment:${paymentId}`, ...poIds.map((id) => `handover:${id}`)];
  const expected = [
    ...poIds.flatMap((id, index) => [
      [`handover:${id}`, 'member_receivable', memberId, 2500, 0],
      [`handover:${id}`, 'shop_payable', shopIds[index], 0, 2500],
    ]),
    [`payment:${paymentId}`, 'card_clearing', null, 5000, 0],
    [`payment:${paymentId}`, 'member_receivable', memberId, 0, 5000],
  ];
  assert.deepEqual(await entriesOf(keys), expected.sort((a, b) => String(a[0]).localeCompare(String(b[0]))));

  assert.equal(await accountBalanceCents(ctx.db, 'member_receivable', { memberId }), 0, 'the member paid everything handed over');
  for (const shopId of shopIds) assert.equal(await accountBalanceCents(ctx.db, 'shop_payable', { shopId }), -2500, 'each shop is owed its sales');
  const balance = await conciergeTrialBalance(ctx.db, CONCIERGE);
  assert.equal(balance.balanced, true);
  assert.equal(balance.totalDebitCents, balance.totalCreditCents);
});

/** Runs `work` as a process without the ledger's listener would (a script, or before it existed): facts wait for the posting job. */
async function unposted<T>(work: () => Promise<T>): Promise<T> {
  whenMoneyFactsRecorded(undefined);
  try {
    return await work();
  } finally {
    whenMoneyFactsRecorded((trx, facts) => postMoneyFacts(trx, facts, ctx.config.timeZone));
  }
}

test('a hand-over posts its facts in its own transaction; posting again posts nothing more', async () => {
  const { orderId, poIds } = await orderAtCounter(2);
  const before = await transactionCount();
  await handOver(orderId, poIds, 'cash');
  assert.equal(await transactionCount(), before + 3, 'one payment and two hand-overs');
  assert.deepEqual(await postCounterActivity(ctx.db, ctx.config.timeZone), { payments: 0, onlinePayments: 0, handOvers: 0, refunds: 0 });
  assert.equal(await transactionCount(), before + 3);
});

test('facts recorded without the listener: posting again, or several times at once, posts each fact once', async () => {
  const { orderId, poIds } = await orderAtCounter(3);
  const before = await transactionCount();
  await unposted(() => handOver(orderId, poIds, 'cash'));
  assert.equal(await transactionCount(), before);
  const results = await Promise.all(Array.from({ length: 6 }, () => postCounterActivity(ctx.db, ctx.config.timeZone)));
  const posted = results.reduce((sum, result) => sum + result.payments + result.handOvers, 0);
  assert.equal(posted, 4, 'one payment and three hand-overs, posted by whichever poster came first');
  assert.equal(await transactionCount(), before + 4);
  assert.deepEqual(await postCounterActivity(ctx.db, ctx.config.timeZone), { payments: 0, onlinePayments: 0, handOvers: 0, refunds: 0 });
  assert.equal(await transactionCount(), before + 4);

  const [paymentId] = await paymentIdsOf(orderId);
  const entries = await entriesOf([`payment:${paymentId}`]);
  assert.deepEqual(entries.map((entry) => entry.slice(1, 2).concat(entry.slice(3))), [
    ['cash', 7500, 0],
    ['member_receivable', 0, 7500],
  ]);
});

test('a partial hand-over posts the part handed over, the rest when it is handed over', async () => {
  const { orderId, memberId, poIds, shopIds } = await orderAtCounter(2);
  await handOver(orderId, [poIds[0]], 'cash');
  await postCounterActivity(ctx.db, ctx.config.timeZone);
  assert.equal(await accountBalanceCents(ctx.db, 'shop_payable', { shopId: shopIds[0] }), -2500);
  assert.equal(await accountBalanceCents(ctx.db, 'shop_payable', { shopId: shopIds[1] }), 0, 'nothing owed for goods still at the counter');
  assert.equal(await accountBalanceCents(ctx.db, 'member_receivable', { memberId }), 0);
  assert.deepEqual(await entriesOf([`handover:${poIds[1]}`]), []);

  await handOver(orderId, [poIds[1]], 'cheque');
  await postCounterActivity(ctx.db, ctx.config.timeZone);
  assert.equal(await accountBalanceCents(ctx.db, 'shop_payable', { shopId: shopIds[1] }), -2500);
  assert.equal(await accountBalanceCents(ctx.db, 'member_receivable', { memberId }), 0);
  const [, second] = await paymentIdsOf(orderId);
  assert.deepEqual((await entriesOf([`payment:${second}`])).map((entry) => entry[1]), ['cheque_clearing', 'member_receivable']);
});

test('the trial balance page: every account in French, totals, « Équilibrée »; current without waiting for the hourly job', async () => {
  const { orderId, poIds } = await orderAtCounter(1);
  const before = await transactionCount();
  await handOver(orderId, poIds, 'card');
  assert.equal(await transactionCount(), before + 2, 'the hand-over and its payment are posted with them');
  const page = await concierge.get('/gestion/comptabilite');
  assert.equal(page.statusCode, 200);
  assert.equal(await transactionCount(), before + 2, 'the page wrote nothing');
  const body = text(page.body);
  for (const label of ['Espèces en caisse', 'Paiements par carte à recevoir de la banque', 'Chèques à déposer', 'Dû par les adhérents', 'Dû aux commerces', 'Totaux']) {
    assert.ok(body.includes(label), label);
  }
  assert.match(body, /Équilibrée/);
  const balance = await conciergeTrialBalance(ctx.db, CONCIERGE);
  const payable = balance.lines.find((line) => line.account === 'shop_payable');
  assert.ok(payable && payable.balanceCents < 0);
  assert.ok(body.includes(`${(-payable.balanceCents / 100).toFixed(2).replace('.', ',')} € créditeur`));
});

test('a shop sees what it is owed and its latest entries; nobody else but the concierge sees them', async () => {
  const { orderId, poIds, shopIds } = await orderAtCounter(1);
  await handOver(orderId, poIds, 'cash');
  const [shopId] = shopIds;
  const path = `/boutique/${shopId}/solde`;

  const merchant = new Agent(ctx.app);
  const own = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId });
  await merchant.login(own.email, own.password);
  const page = await merchant.get(path);
  assert.equal(page.statusCode, 200);
  const body = text(page.body);
  assert.match(body, /La conciergerie vous doit 25,00 €/);
  assert.match(body, /Remise au comptoir, commande [A-Z0-9]+/);
  assert.equal((await concierge.get(path)).statusCode, 200);

  const stranger = new Agent(ctx.app);
  const other = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: await makeShop(ctx.db) });
  await stranger.login(other.email, other.password);
  assert.equal((await stranger.get(path)).statusCode, 404);
  assert.equal((await stranger.get('/gestion/comptabilite')).statusCode, 404);

  const resident = await makeResident(ctx.db, ctx.config);
  const residentAgent = new Agent(ctx.app);
  await residentAgent.login(resident.email, resident.password);
  assert.equal((await residentAgent.get(path)).statusCode, 404);
  assert.equal((await residentAgent.get('/gestion/comptabilite')).statusCode, 404);

  const town = new Agent(ctx.app);
  const townAccount = await makeAccount(ctx.db, ctx.config, 'town');
  await town.login(townAccount.email, townAccount.password);
  assert.equal((await town.get(path)).statusCode, 404);
  assert.equal((await town.get('/gestion/comptabilite')).statusCode, 404);

  const visitor = new Agent(ctx.app);
  for (const address of [path, '/gestion/comptabilite']) {
    const response = await visitor.get(address);
    assert.equal(response.statusCode, 303);
    assert.match(String(response.headers.location), /^\/connexion\?retour=/);
  }
  assert.equal((await concierge.get(`/boutique/${await makeShop(ctx.db)}x/solde`)).statusCode, 404, 'a malformed shop id');
  assert.equal((await concierge.get('/boutique/0190a0b0-0000-7000-8000-000000000000/solde')).statusCode, 404, 'an unknown shop');
});

test('a payment stamped before the latest one posted, but committed after it, is still posted', async () => {
  const { orderId, poIds } = await orderAtCounter(1);
  await handOver(orderId, poIds, 'card');
  await postCounterActivity(ctx.db, ctx.config.timeZone);
  const latest = await ctx.db.selectFrom('ledger_transactions').select('occurred_at').where('kind', '=', 'counter_payment').orderBy('occurred_at', 'desc').limit(1).executeTakeFirstOrThrow();
  // As if a second till's transaction had stamped its payment ten minutes earlier and committed only now.
  const late = { id: '0190a0b0-0000-7000-8000-00000000abcd', at: new Date(Date.parse(latest.occurred_at) - 10 * 60 * 1000).toISOString() };
  await ctx.db.insertInto('counter_payments').values({ id: late.id, order_id: orderId, method: 'cash', amount_cents: 100, account_id: null, actor_label: 'Test', at: late.at }).execute();
  assert.deepEqual(await postCounterActivity(ctx.db, ctx.config.timeZone), { payments: 1, onlinePayments: 0, handOvers: 0, refunds: 0 });
  assert.deepEqual((await entriesOf([`payment:${late.id}`])).map((entry) => entry.slice(1, 2).concat(entry.slice(3))), [
    ['cash', 100, 0],
    ['member_receivable', 0, 100],
  ]);
});

/** Rows of the ledger, transactions and entries. */
async function ledgerRows(): Promise<{ transactions: number; entries: number }> {
  const count = async (table: 'ledger_transactions' | 'ledger_entries') =>
    Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count);
  return { transactions: await count('ledger_transactions'), entries: await count('ledger_entries') };
}

test('reading the money pages writes nothing: a fact left unposted waits for the posting job', async () => {
  const { orderId, poIds, shopIds } = await orderAtCounter(1);
  await unposted(() => handOver(orderId, poIds, 'card'));
  const today = localDateOf(nowIso(), ctx.config.timeZone);
  const french = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;
  const pages = [
    '/gestion/comptabilite',
    `/boutique/${shopIds[0]}/solde`,
    '/ville/argent',
    '/ville/argent/par-mois?format=csv',
    `/gestion/comptabilite/export/fichier?${new URLSearchParams({ from: french, to: french, format: 'fec' })}`,
  ];
  const before = await ledgerRows();
  for (const page of pages) assert.equal((await concierge.get(page)).statusCode, 200, page);
  assert.deepEqual(await ledgerRows(), before, 'no GET posted anything');
  const balance = text((await concierge.get(`/boutique/${shopIds[0]}/solde`)).body);
  assert.match(balance, /La conciergerie ne vous doit rien/, 'the hand-over is not in the books yet');

  const job = jobsOf(ctx.config).find((candidate) => candidate.name === 'ledger-posting')!;
  assert.equal((await runJobNow({ db: ctx.db, config: ctx.config, log: { error: () => {} } }, job)).status, 'done');
  assert.deepEqual(await ledgerRows(), { transactions: before.transactions + 2, entries: before.entries + 4 });
  assert.match(text((await concierge.get(`/boutique/${shopIds[0]}/solde`)).body), /La conciergerie vous doit 25,00 €/);
});
