// The town's dashboard against figures computed by hand on a small town (test/helpers/reports.ts),
// on a fixed clock (18 November 2026, Istres): October is complete and rolled up, November is
// the open month read live. Also: the roll-up is idempotent and equal to the live computation,
// a late change is picked up by the job's second pass, the period's error, and the files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { insertLateHandOver, makeFiguresTown, type FiguresTown } from '../helpers/reports.ts';
import { visibleText, plain } from '../helpers/text.ts';
import { computeMonth, rollUpCompleteMonths, rollUpMonth, townFigures, type MonthFigure } from '../../src/reports/index.ts';
import { inTransaction } from '../../src/db/index.ts';

type XlsxData = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];

let ctx: TestApp;
let town: FiguresTown;
let townAgent: Agent;
let merchantAgent: Agent;
const PERIOD = { fromMonth: '2026-10', toMonth: '2026-11' };

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: '2026-11-18T09:00:00Z' });
  town = await makeFiguresTown(ctx.db);
  townAgent = new Agent(ctx.app);
  merchantAgent = new Agent(ctx.app);
  const townAccount = await makeAccount(ctx.db, ctx.config, 'town');
  const merchant = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: town.shopA });
  await townAgent.login(townAccount.email, townAccount.password);
  await merchantAgent.login(merchant.email, merchant.password);
});

after(() => ctx.close());

/** « measure key » → value, for comparing a month's figures whatever their order. */
function asMap(figures: readonly MonthFigure[]): Record<string, number> {
  return Object.fromEntries(figures.map((figure) => [`${figure.measure} ${figure.key}`.trim(), figure.value]));
}

const OCTOBER: Record<string, number> = {
  members_new: 1,
  members_total: 2,
  members_active: 2,
  shops_joined: 1,
  shops_active: 3,
  goods_orders: 2,
  sales_goods_cents: 4250,
  sales_services_cents: 4500,
  commission_cents: 425,
  'orders_by_channel site': 1,
  'orders_by_channel telephone': 1,
  'sales_by_category_cents fromagerie': 3000,
  'sales_by_category_cents cave': 1250,
  'sales_by_category_cents cordonnerie': 4500,
  'sales_by_channel_cents site': 7500,
  'sales_by_channel_cents telephone': 1250,
  'sales_by_destination_cents counter': 7500,
  'sales_by_destination_cents residence': 1250,
  'runs Fourgon 1': 1,
  'run_metres Fourgon 1': 4600,
  'requests repair': 1,
};

test('October computed from the day-to-day tables gives the figures counted by hand', async () => {
  assert.deepEqual(asMap(await computeMonth(ctx.db, '2026-10', ctx.config.timeZone)), OCTOBER);
});

test('rolling a month up twice writes the same rows, equal to its live computation', async () => {
  await inTransaction(ctx.db, (trx) => rollUpMonth(trx, '2026-10', ctx.config.timeZone));
  await inTransaction(ctx.db, (trx) => rollUpMonth(trx, '2026-10', ctx.config.timeZone));
  const rows = await ctx.db.selectFrom('report_months').select(['month', 'measure', 'key', 'value']).where('month', '=', '2026-10').execute();
  assert.equal(rows.length, Object.keys(OCTOBER).length, 'one row per figure, not two');
  assert.deepEqual(asMap(rows.map((row) => ({ month: row.month, measure: row.measure as MonthFigure['measure'], key: row.key, value: Number(row.value) }))), OCTOBER);
});

test('the period reads October rolled up and November live, with every figure computed by hand', async () => {
  const figures = await townFigures(ctx.db, ctx.config, PERIOD);
  assert.deepEqual(
    figures.months.map((row) => [row.month, row.live, row.membersNew, row.membersTotal, row.membersActive, row.orders, row.goodsCents, row.servicesCents]),
    [
      ['2026-10', false, 1, 2, 2, 2, 4250, 4500],
      ['2026-11', true, 2, 4, 4, 3, 3800, 0],
    ],
  );
  assert.deepEqual(figures.members, { total: 4, active12Months: 4, newInPeriod: 3 });
  // Five local shops (the provider apart), two of them members: 40 %.
  assert.deepEqual(figures.shops.byStage.map((part) => [part.key, part.value]), [['member', 2], ['contacted', 1], ['prospect', 1], ['left', 1]]);
  assert.equal(figures.shops.members, 2);
  assert.equal(figures.shops.all, 5);
  assert.equal(figures.shops.adherenceBp, 4000, 'members ÷ all local shops');
  assert.equal(figures.shops.joinedInPeriod, 2);
  assert.equal(figures.orders.total, 5, 'the cancelled order is not counted');
  assert.deepEqual(figures.orders.byChannel.map((part) => [part.key, part.value]), [['site', 2], ['telephone', 1], ['courriel', 1], ['comptoir', 1]]);
  assert.equal(figures.sales.goodsCents, 8050);
  assert.equal(figures.sales.servicesCents, 4500);
  // 80,50 € of goods over 4 orders with goods: 20,125 € → 20,13 €.
  assert.equal(figures.sales.basketPerOrderCents, 2013);
  // 80,50 € in 2 months → 483 € a year, shared by 4 members: 120,75 €.
  assert.equal(figures.sales.goodsPerMemberPerYearCents, 12075);
  assert.deepEqual(figures.sales.byCategory.map((part) => [part.key, part.value]), [['fromagerie', 6800], ['cordonnerie', 4500], ['cave', 1250]]);
  assert.deepEqual(figures.sales.byChannel.map((part) => [part.key, part.value]), [['site', 9300], ['telephone', 1250], ['courriel', 2000], ['comptoir', 0]]);
  assert.deepEqual(figures.sales.byDestination.map((part) => [part.key, part.value]), [['counter', 7500], ['hamlet', 0], ['business_park', 1800], ['residence', 1250], ['home', 2000]]);
  // 60 000 € a year: 10 000 € for two months, over 5 orders = 2 000 € an order.
  assert.deepEqual(figures.commission, { earnedCents: 425, budgetCents: 1_000_000, yearlyBudgetCents: 6_000_000, costPerOrderCents: 200_000 });
  assert.deepEqual(figures.vehicles, [{ vehicle: 'Fourgon 1', runs: 2, metres: 7100 }, { vehicle: 'Triporteur', runs: 1, metres: 800 }]);
  assert.deepEqual(figures.requests.byKind.map((part) => [part.key, part.value]), [['repair', 2], ['advice', 1]]);
  assert.deepEqual(figures.requests.byKindAndStatus.map((row) => [row.kind, row.status, row.count]).sort(), [['advice', 'new', 1], ['repair', 'at_counter', 1], ['repair', 'done', 1]]);
});

test('a hand-over recorded late in a rolled-up month shows once the job rolls the last complete month again', async () => {
  await insertLateHandOver(ctx.db, town, '2026-10-30T10:00:00.000Z', 1000);
  const before = await townFigures(ctx.db, ctx.config, PERIOD);
  assert.equal(before.months[0].goodsCents, 4250, 'the dashboard reads the roll-up, not the orders');
  const rolled = await rollUpCompleteMonths(ctx.db, ctx.config.timeZone);
  assert.ok(rolled.includes('2026-10') && !rolled.includes('2026-11'), `rolled ${rolled.join(', ')}: complete months only`);
  const afterJob = await townFigures(ctx.db, ctx.config, PERIOD);
  assert.equal(afterJob.months[0].goodsCents, 5250);
  assert.deepEqual(asMap(await computeMonth(ctx.db, '2026-10', ctx.config.timeZone)), asMap((await ctx.db.selectFrom('report_months').selectAll().where('month', '=', '2026-10').execute()).map((row) => ({ ...row, measure: row.measure as MonthFigure['measure'], value: Number(row.value) }))));
  // Back to the hand-counted town for the tests that follow.
  await ctx.db.deleteFrom('purchase_orders').where('updated_at', '=', '2026-10-30T10:00:00.000Z').execute();
  await inTransaction(ctx.db, (trx) => rollUpMonth(trx, '2026-10', ctx.config.timeZone));
});

test('the town reads the dashboard: the adherence rate and the period shown', async () => {
  const response = await townAgent.get('/ville/tableau-de-bord?from=10%2F2026&to=11%2F2026');
  assert.equal(response.statusCode, 200);
  const text = visibleText(response.body);
  assert.match(text, /Taux d’adhésion des commerces 40 % 2 commerces adhérents sur 5 commerces de la ville/);
  assert.match(text, /De octobre 2026 à novembre 2026/);
  assert.match(text, /novembre 2026 \(en cours\)/);
  assert.equal((response.body.match(/role="img"/g) ?? []).length >= 9, true, 'every chart is an image with a title');
});

test('an end before the start keeps what was typed and says so beside the field', async () => {
  const response = await townAgent.get('/ville/tableau-de-bord?from=11%2F2026&to=10%2F2026');
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /id="champ-to"[^>]*value="10\/2026"|value="10\/2026"[^>]*id="champ-to"/);
  assert.match(response.body, /id="champ-from"[^>]*value="11\/2026"|value="11\/2026"[^>]*id="champ-from"/);
  assert.match(visibleText(response.body), /Le dernier mois doit venir après le premier mois/);
  const badMonth = await townAgent.get('/ville/tableau-de-bord?from=13%2F2026&to=10%2F2026');
  assert.equal(badMonth.statusCode, 400);
  assert.match(visibleText(badMonth.body), /Écrivez un mois et une année, par exemple 01\/2026/);
});

test('a table as CSV: French Excel, the header row, the rows and the total', async () => {
  const response = await townAgent.get('/ville/tableau-de-bord/tableau?table=categories&format=csv&from=10%2F2026&to=11%2F2026');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-disposition']), /categories-2026-10-2026-11\.csv/);
  const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.deepEqual(lines, ['Catégorie;Ventes', 'Fromagerie;68,00', 'Cordonnerie;45,00', 'Cave à vins;12,50', 'Total;125,50']);
});

test('a table as XLSX: the header row and numbers as numbers', async () => {
  const response = await townAgent.get('/ville/tableau-de-bord/tableau?table=adherents&format=xlsx&from=10%2F2026&to=11%2F2026');
  assert.equal(response.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as XlsxData);
  const sheet = workbook.worksheets[0];
  assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['Mois', 'Nouveaux adhérents', 'Adhérents inscrits', 'Adhérents actifs']);
  assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1), ['octobre 2026', 1, 2, 2]);
  assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1).map((value) => (typeof value === 'string' ? plain(value) : value)), ['novembre 2026 (en cours)', 2, 4, 4]);
});

test('a merchant is told the dashboard does not exist; an unknown table is not found', async () => {
  assert.equal((await merchantAgent.get('/ville/tableau-de-bord')).statusCode, 404);
  assert.equal((await merchantAgent.get('/ville/tableau-de-bord/tableau?table=adherents&format=csv&from=10%2F2026&to=11%2F2026')).statusCode, 404);
  assert.equal((await townAgent.get('/ville/tableau-de-bord/tableau?table=salaires&format=csv&from=10%2F2026&to=11%2F2026')).statusCode, 404);
});
