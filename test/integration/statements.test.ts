// Closing a period: one statement per shop with exactly its sales less 5 % commission (rounded
// half-up once on the total) and 20 % VAT on it, a commission invoice per statement numbered
// without gaps, the commission in the ledger; a rate started in the period applies, an exempt
// operator charges no VAT; a period is closed once, even by two concierges at once, and not
// before it ends; the page of a statement sums its lines to the commission; each merchant
// reads its own statements only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { CONCIERGE, makePlace } from '../helpers/orders.ts';
import { closeCurrentPeriod, currentPeriod, handedOverOrder, shopWithOffer } from '../helpers/settlement.ts';
import { closePeriod, statementDetail } from '../../src/settlement/statements/statements.service.ts';
import { accountBalanceCents, conciergeTrialBalance } from '../../src/settlement/index.ts';
import { addCommissionRate, addVatRate } from '../../src/settlement/terms/terms.service.ts';
import { DomainError } from '../../src/platform/errors.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { recordRefund } from '../../src/orders/index.ts';
import { addDays, localToUtc } from '../../src/platform/calendar.ts';
import { periodOf } from '../../src/settlement/settlement.statements.rules.ts';
import { visibleText as text } from '../helpers/text.ts';

let ctx: TestApp;
let placeId: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
});

after(() => ctx.close());

test('closing the week gives each shop its sales less commission and VAT, invoiced and posted', async () => {
  // Weekly shops, so this test's closing leaves the monthly ones to the others.
  const tee = await shopWithOffer(ctx.db, { tradeName: 'Atelier Sérigraphie', priceCents: 2500, period: 'weekly' });
  const cheese = await shopWithOffer(ctx.db, { tradeName: 'Fromagerie', priceCents: 4500, period: 'weekly' });
  const wine = await shopWithOffer(ctx.db, { tradeName: 'Cave', priceCents: 650, period: 'weekly' });
  const order = await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: tee.offerId }, { offerId: cheese.offerId }, { offerId: wine.offerId }], { method: 'card' });
  const second = await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: cheese.offerId, quantity: 2 }], { method: 'cash', memberId: order.memberId });
  assert.ok(second.orderId);

  const closing = await closeCurrentPeriod(ctx.db, ctx.config, 'weekly');
  assert.equal(closing.statementCount, 3);
  const rows = await ctx.db.selectFrom('statements').selectAll().where('closing_id', '=', closing.closingId).execute();
  const byShop = new Map(rows.map((row) => [row.shop_id, row]));
  // 5 % of 25,00 € = 1,25 €, VAT 0,25 €; of 135,00 € = 6,75 €, VAT 1,35 €; of 6,50 € = 0,325 € → 0,33 €, VAT 0,066 € → 0,07 €
  const expected: Array<[string, number, number, number, number]> = [
    [tee.shopId, 2500, 125, 25, 2350],
    [cheese.shopId, 13500, 675, 135, 12690],
    [wine.shopId, 650, 33, 7, 610],
  ];
  for (const [shopId, sales, commission, vat, payable] of expected) {
    const statement = byShop.get(shopId)!;
    assert.deepEqual(
      [Number(statement.sales_cents), Number(statement.commission_cents), Number(statement.vat_cents), Number(statement.payable_cents), statement.status],
      [sales, commission, vat, payable, 'awaiting_invoice'],
    );
    // What the ledger says the shop is owed is exactly the statement's amount to pay.
    assert.equal(-(await accountBalanceCents(ctx.db, 'shop_payable', { shopId })), payable);
  }
  const invoices = await ctx.db.selectFrom('commission_invoices').select(['series', 'number', 'total_cents', 'shop_id']).orderBy('number').execute();
  assert.deepEqual(
    invoices.map((invoice) => Number(invoice.number)),
    [1, 2, 3],
  );
  // The series of the year of issue: the day after the week ends.
  assert.equal(invoices[0].series, `COM-${addDays(closing.period.end, 1).slice(0, 4)}`);
  const balance = await conciergeTrialBalance(ctx.db, CONCIERGE);
  assert.ok(balance.balanced);
  assert.equal(balance.lines.find((line) => line.account === 'commission_income')!.balanceCents, -(125 + 675 + 33));
  assert.equal(balance.lines.find((line) => line.account === 'vat_on_commission')!.balanceCents, -(25 + 135 + 7));

  // The lines of a statement share its commission to the cent.
  const detail = await statementDetail(ctx.db, CONCIERGE, byShop.get(cheese.shopId)!.id);
  assert.equal(detail.lineCount, 2);
  assert.equal(
    detail.lines.reduce((sum, line) => sum + line.commissionCents, 0),
    675,
  );
});

test('a period is closed once, even when two concierges close it at the same moment', async () => {
  const shop = await shopWithOffer(ctx.db, { priceCents: 1000, period: 'monthly' });
  await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: shop.offerId }]);
  const results = await Promise.allSettled([closeCurrentPeriod(ctx.db, ctx.config), closeCurrentPeriod(ctx.db, ctx.config)]);
  assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
  const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
  assert.ok(refused.reason instanceof DomainError && refused.reason.code === 'period_already_closed');
  const period = currentPeriod(ctx.config);
  assert.equal(Number((await ctx.db.selectFrom('statements').select((eb) => eb.fn.countAll().as('n')).where('shop_id', '=', shop.shopId).executeTakeFirstOrThrow()).n), 1);
  await assert.rejects(closeCurrentPeriod(ctx.db, ctx.config), (error: unknown) => error instanceof DomainError && error.code === 'period_already_closed');
  // Not before it ends: today is inside the period.
  const nextMonth = periodOf('monthly', addDays(period.end, 1));
  await assert.rejects(closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start: nextMonth.start }), (error: unknown) => error instanceof DomainError && error.code === 'period_not_ended');
  await assert.rejects(closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start: '2026-11-15' }), (error: unknown) => error instanceof DomainError && error.code === 'period_invalid');
});

test('a rate started in the period applies, and an exempt operator charges no VAT', async () => {
  const shop = await shopWithOffer(ctx.db, { priceCents: 10_000, period: 'weekly' });
  await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: shop.offerId }]);
  // This week is closed (first test) and the month too (second test): the hand-over goes on
  // the statement of a later week, at that week's rates (rates may not start in a closed period).
  const next = periodOf('weekly', addDays(currentPeriod(ctx.config, 'monthly').end, 7));
  const frenchDate = next.start.split('-').reverse().join('/');
  assert.equal(await addCommissionRate(ctx.db, CONCIERGE, shop.shopId, { rate: '4,5', startsOn: frenchDate }), undefined);
  assert.equal(await addVatRate(ctx.db, CONCIERGE, { rate: '', exempt: true, startsOn: frenchDate }), undefined);
  const dayAfter = localToUtc(addDays(next.end, 1), '09:00', ctx.config.timeZone)!;
  await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'weekly', start: next.start }, dayAfter);
  const statement = await ctx.db.selectFrom('statements').selectAll().where('shop_id', '=', shop.shopId).executeTakeFirstOrThrow();
  // 4,5 % of 100,00 € = 4,50 €, no VAT
  assert.deepEqual([Number(statement.commission_bp), Number(statement.commission_cents), statement.vat_bp, Number(statement.vat_cents), Number(statement.payable_cents)], [450, 450, null, 0, 9550]);
  const invoice = await ctx.db.selectFrom('commission_invoices').selectAll().where('statement_id', '=', statement.id).executeTakeFirstOrThrow();
  assert.deepEqual([Number(invoice.net_cents), invoice.vat_bp, Number(invoice.total_cents)], [450, null, 450]);
  // Numbers go on from the first closing of the year, without a gap.
  const numbers = (await ctx.db.selectFrom('commission_invoices').select('number').where('series', '=', invoice.series).orderBy('number').execute()).map((row) => Number(row.number));
  assert.deepEqual(numbers, numbers.map((_, index) => index + 1));
});

test('each merchant reads its own statements; the concierge sees them all with the rounding rule', async () => {
  const rows = await ctx.db.selectFrom('statements').select(['id', 'shop_id']).execute();
  const [mine, other] = rows;
  const merchant = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: mine.shop_id });
  await merchant.login(account.email, account.password);
  const own = await merchant.get(`/boutique/${mine.shop_id}/releves/${mine.id}`);
  assert.equal(own.statusCode, 200);
  assert.match(text(own.body), /À reverser au commerce/);
  assert.equal((await merchant.get(`/boutique/${other.shop_id}/releves/${other.id}`)).statusCode, 404);
  assert.equal((await merchant.get(`/boutique/${mine.shop_id}/releves/${other.id}`)).statusCode, 404);
  assert.equal((await merchant.get(`/gestion/releves/${mine.id}`)).statusCode, 404);

  const concierge = new Agent(ctx.app);
  const staff = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(staff.email, staff.password);
  const list = await concierge.get('/gestion/releves');
  assert.equal(list.statusCode, 200);
  assert.match(text(list.body), /Relevés des commerces/);
  const page = await concierge.get(`/gestion/releves/${mine.id}`);
  assert.match(text(page.body), /arrondie au centime le plus proche/);
  assert.match(text(page.body), /Facture n° COM-\d{4}-0000\d+/);
});

test('a refund borne after the shop was paid makes its next statement negative (less the commission given back), carried into the one after', async () => {
  const shop = await shopWithOffer(ctx.db, { priceCents: 10_000, period: 'weekly' });
  const sold = await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: shop.offerId }]);
  const latestWeek = async () => periodOf('weekly', (await ctx.db.selectFrom('settlement_closings').select((eb) => eb.fn.max('period_end').as('end')).where('period_kind', '=', 'weekly').executeTakeFirstOrThrow()).end as string);
  const closeNextWeek = async () => {
    const week = periodOf('weekly', addDays((await latestWeek()).end, 1));
    await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'weekly', start: week.start }, localToUtc(addDays(week.end, 1), '09:00', ctx.config.timeZone)!);
    return ctx.db.selectFrom('statements').selectAll().where('shop_id', '=', shop.shopId).where('period_start', '=', week.start).executeTakeFirst();
  };
  const first = (await closeNextWeek())!;
  // 5 % commission; no VAT: the operator is exempt from that week on (third test).
  assert.deepEqual([Number(first.sales_cents), Number(first.payable_cents)], [10_000, 9_500]);

  // The resident brings the goods back: the line is refunded by card, borne by the shop.
  const line = await ctx.db.selectFrom('order_lines').select('id').where('order_id', '=', sold.orderId).executeTakeFirstOrThrow();
  await recordRefund(ctx.db, ctx.config, CONCIERGE, sold.orderId, { scope: { kind: 'line', lineId: line.id }, reason: 'Article rapporté abîmé' }, newIdempotencyKey());
  const negative = (await closeNextWeek())!;
  // it bears the refund, and the 5 % taken on those goods the week before comes back to it
  assert.deepEqual(
    [Number(negative.sales_cents), Number(negative.refunds_cents), Number(negative.commission_cents), Number(negative.carried_cents), Number(negative.payable_cents), negative.status],
    [0, 10_000, 0, 500, -9_500, 'settled'],
  );

  // The shop sells again: its next statement pays its sales less what it owed.
  const again = await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: shop.offerId }]);
  // The test's clock: a hand-over made after the closed weeks (real time cannot date one inside them).
  const after = new Date(Date.parse((await ctx.db.selectFrom('statements').select((eb) => eb.fn.max('covers_to_at').as('at')).executeTakeFirstOrThrow()).at as string) + 1000).toISOString();
  await ctx.db.updateTable('purchase_orders').set({ updated_at: after }).where('id', '=', again.purchaseOrders[0].id).execute();
  const next = (await closeNextWeek())!;
  assert.deepEqual([Number(next.sales_cents), Number(next.carried_cents), Number(next.commission_cents), Number(next.vat_cents), Number(next.payable_cents)], [10_000, -9_500, 500, 0, 0]);
  const carried = await ctx.db.selectFrom('statements').select('status').where('id', '=', negative.id).executeTakeFirstOrThrow();
  assert.equal(carried.status, 'carried_forward');
  // The ledger owes the shop what its statements still to pay say: the first (never paid out here) and the last.
  assert.equal(-(await accountBalanceCents(ctx.db, 'shop_payable', { shopId: shop.shopId })), 9_500 + 0);
});
