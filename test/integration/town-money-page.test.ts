// The town's money page read from the ledger: the year's headline figures (sales, commission
// against the yearly budget, paid back, still owed), each month « clos » or « en cours » as its
// periods are closed, « à reverser » beside « reversé », and the chart drawn on the server (an
// SVG with a title and a description giving the same figures as the table). Fixed clock.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { CONCIERGE, makeOrder, makePlace } from '../helpers/orders.ts';
import { makeShop } from '../helpers/shops.ts';
import { visibleText } from '../helpers/text.ts';
import { receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { formatEuros } from '../../src/platform/money.ts';
import { closePeriod } from '../../src/settlement/statements/statements.service.ts';

let ctx: TestApp;
let concierge: Agent;
let town: Agent;
let placeId: string;

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: '2026-11-18T09:00:00Z', TOWN_YEARLY_BUDGET_CENTS: '6000000' });
  placeId = await makePlace(ctx.db);
  concierge = new Agent(ctx.app);
  town = new Agent(ctx.app);
  const [conciergeAccount, townAccount] = await Promise.all([makeAccount(ctx.db, ctx.config, 'concierge'), makeAccount(ctx.db, ctx.config, 'town')]);
  await concierge.login(conciergeAccount.email, conciergeAccount.password);
  await town.login(townAccount.email, townAccount.password);
});

after(() => ctx.close());

/** An order of two shops, received, handed over and paid in cash at the counter's page. */
async function soldAtCounter(): Promise<void> {
  const made = await makeOrder(ctx.db, ctx.config, { placeId, shops: 2 });
  const pos = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).orderBy('created_at').orderBy('id').execute();
  for (const [index, po] of pos.entries()) {
    await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, po.id, { storageLocation: `M${index + 1}`, chilled: false });
  }
  const page = await concierge.get(`/gestion/comptoir/${made.orderId}`);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(key, 'the hand-over form is on the page');
  const ids = pos.map((po) => po.id);
  const response = await concierge.post(`/gestion/comptoir/${made.orderId}`, { bons: ids, shown: ids.join(','), payment: 'cash', idempotency_key: key });
  assert.equal(response.statusCode, 303);
}

/** The shops' account in the ledger: what the conciergerie owes them (credits less debits). */
async function owedToShops(): Promise<number> {
  const row = await ctx.db
    .selectFrom('ledger_entries')
    .select([(eb) => eb.fn.sum<number>('credit_cents').as('credit'), (eb) => eb.fn.sum<number>('debit_cents').as('debit')])
    .where('account', '=', 'shop_payable')
    .executeTakeFirstOrThrow();
  return Number(row.credit ?? 0) - Number(row.debit ?? 0);
}

/** The cells of a month's row of the table, as a reader sees them. */
function monthRow(html: string, label: string): string {
  const row = new RegExp(`<tr><th scope="row">${label}</th>([\\s\\S]*?)</tr>`).exec(html);
  assert.ok(row, `a row for ${label}`);
  return visibleText(row[1]);
}

test('headline figures, « en cours » this month, what is owed beside what was paid, the chart with its figures', async () => {
  await soldAtCounter();
  await soldAtCounter();
  const handovers = await ctx.db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transactions as t', 't.id', 'e.transaction_id')
    .select((eb) => eb.fn.sum<number>('e.credit_cents').as('sales'))
    .where('t.kind', '=', 'handover')
    .where('e.account', '=', 'shop_payable')
    .executeTakeFirstOrThrow();
  const sales = Number(handovers.sales);
  assert.ok(sales > 0);
  const owed = await owedToShops();

  const page = await town.get('/ville/argent');
  assert.equal(page.statusCode, 200);
  const body = visibleText(page.body);
  assert.match(body, /En 2026, jusqu’à aujourd’hui/);
  assert.ok(body.includes(`Ventes des commerces ${visibleText(formatEuros(sales))}`), 'the year’s sales');
  assert.match(body, /Commission gagnée 0,00 € soit 0 % du budget annuel de 60 000 €/);
  assert.ok(body.includes(`Reste à reverser aujourd’hui ${visibleText(formatEuros(owed))}`));
  assert.match(body, /Les commerces sont payés après la clôture de leur période/);

  const november = monthRow(page.body, 'novembre 2026');
  assert.match(november, /^en cours/, 'the month is not over');
  assert.ok(november.includes(visibleText(formatEuros(sales))), 'sales of the month');
  // « Reversé » then « À reverser » side by side: nothing paid, everything still owed.
  assert.ok(november.includes(`0,00 € ${visibleText(formatEuros(owed))}`), november);

  const svg = /<svg[^>]*role="img"[^>]*>[\s\S]*?<\/svg>/.exec(page.body)?.[0];
  assert.ok(svg, 'a chart drawn on the server');
  assert.match(svg, /<title id="graphique-titre">/);
  const description = visibleText(/<desc[^>]*>([\s\S]*?)<\/desc>/.exec(svg)?.[1] ?? '');
  assert.ok(description.includes(`nov. : ventes ${visibleText(formatEuros(sales))}, à reverser ${visibleText(formatEuros(owed))}`), description);
  assert.equal((svg.match(/<rect /g) ?? []).length, 12, 'a bar a month');
  assert.doesNotMatch(page.body, /<script/);
});

test('once the periods are closed a month is « clos »; the commission counts against the budget', async () => {
  const before = await town.get('/ville/argent');
  assert.match(monthRow(before.body, 'octobre 2026'), /^en cours/, 'no period closed yet');
  // Closed on 2 December (as the concierge would), while the page's clock still reads 18 November.
  await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start: '2026-11-01' }, '2026-12-02T09:00:00.000Z');
  const statements = await ctx.db.selectFrom('statements').select(['commission_cents']).execute();
  const commission = statements.reduce((sum, row) => sum + Number(row.commission_cents), 0);
  assert.ok(commission > 0);
  const page = await town.get('/ville/argent');
  assert.match(monthRow(page.body, 'octobre 2026'), /^clos/, 'every period through its end is closed');
  assert.match(monthRow(page.body, 'novembre 2026'), /^en cours/, 'the month is not over yet');
  const body = visibleText(page.body);
  assert.ok(body.includes(`Commission gagnée ${visibleText(formatEuros(commission))}`), 'dated the period’s last day, in this year');
  assert.ok(monthRow(page.body, 'novembre 2026').includes(visibleText(formatEuros(commission))));
  // What is owed drops by the commission: the shops' account less what the conciergerie keeps.
  assert.ok(body.includes(`Reste à reverser aujourd’hui ${visibleText(formatEuros(await owedToShops()))}`));
});

test('the money page is the town’s and the concierge’s: a merchant gets 404', async () => {
  const account = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: await makeShop(ctx.db) });
  const merchant = new Agent(ctx.app);
  await merchant.login(account.email, account.password);
  assert.equal((await merchant.get('/ville/argent')).statusCode, 404);
  assert.equal((await concierge.get('/ville/argent')).statusCode, 200);
});
