// The page of one statement tells the merchant what to do: « Facturez-nous » the sales less
// refunds, first and before the lower amount paid back; by e-mail to the conciergerie with
// the statement's reference; the commission invoice deducted (its PDF) and the transfer to
// come. Its lines add up to the total shown, amounts carried from earlier statements (a
// negative statement, a credit note) included, on the merchant's page and the concierge's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { CONCIERGE, makePlace } from '../helpers/orders.ts';
import { closeCurrentPeriod, handedOverOrder, shopWithOffer } from '../helpers/settlement.ts';
import { closePeriod } from '../../src/settlement/statements/statements.service.ts';
import { cancelCommissionInvoice } from '../../src/settlement/invoices/invoices.service.ts';
import { recordRefund } from '../../src/orders/index.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { addDays, localToUtc } from '../../src/platform/calendar.ts';
import { periodOf } from '../../src/settlement/settlement.statements.rules.ts';
import { visibleText as text, plain } from '../helpers/text.ts';

let ctx: TestApp;
let placeId: string;
let concierge: Agent;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
  concierge = new Agent(ctx.app);
  const staff = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(staff.email, staff.password);
});
after(() => ctx?.close());

/** « −5,88 € » → -588. */
function centsOf(shown: string): number {
  const plain = text(shown).trim();
  const match = /^([−-])?\s*([\d\s]+),(\d\d)\s*€$/.exec(plain);
  assert.ok(match, `an amount: ${plain}`);
  return (match[1] ? -1 : 1) * (Number(match[2].replace(/\s/g, '')) * 100 + Number(match[3]));
}

/** The lines of the page's sum and its total, as shown. */
function sumShown(html: string): { lines: Array<{ label: string; cents: number }>; totalCents: number } {
  const table = /<table class="ledger-table statement-sum">([\s\S]*?)<\/table>/.exec(html);
  assert.ok(table, 'the page shows the sum of its lines');
  const rows = (part: string) => [...part.matchAll(/<th scope="row">([\s\S]*?)<\/th>\s*<td class="number">([\s\S]*?)<\/td>/g)].map((row) => ({ label: text(row[1]).trim(), cents: centsOf(row[2]) }));
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[1])![1];
  const foot = rows(/<tfoot>([\s\S]*?)<\/tfoot>/.exec(table[1])![1]);
  assert.equal(foot.length, 1);
  return { lines: rows(body), totalCents: foot[0].cents };
}

function assertAddsUp(html: string, expectedTotalCents: number): Array<{ label: string; cents: number }> {
  const { lines, totalCents } = sumShown(html);
  assert.equal(totalCents, expectedTotalCents);
  assert.equal(lines.reduce((sum, line) => sum + line.cents, 0), totalCents, `the lines shown add up to the total shown: ${JSON.stringify(lines)}`);
  return lines;
}

async function merchantOf(shopId: string): Promise<Agent> {
  const merchant = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId });
  await merchant.login(account.email, account.password);
  return merchant;
}

test('the merchant reads first what to invoice, how to send it, the commission deducted and the transfer to come', async () => {
  const shop = await shopWithOffer(ctx.db, { priceCents: 7640, period: 'monthly' });
  await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: shop.offerId }]);
  await closeCurrentPeriod(ctx.db, ctx.config, 'monthly');
  const statement = await ctx.db.selectFrom('statements').selectAll().where('shop_id', '=', shop.shopId).executeTakeFirstOrThrow();
  const merchant = await merchantOf(shop.shopId);
  const page = await merchant.get(`/boutique/${shop.shopId}/releves/${statement.id}`);
  assert.equal(page.statusCode, 200);
  const shown = text(page.body);
  // 76,40 € of sales; 5 % commission 3,82 € + 20 % VAT 0,76 € = 4,58 € deducted: 71,82 € paid back.
  assert.match(shown, /Facturez-nous 76,40 €/);
  assert.ok(shown.indexOf('Facturez-nous 76,40 €') < shown.indexOf('71,82 €'), 'what to invoice comes before the amount paid back');
  assert.match(page.body, /<h1 class="statement-todo__amount">Facturez-nous 76,40/);
  assert.match(shown, new RegExp(`par e-mail à ${ctx.config.conciergerie.email.replace(/\./g, '\\.')}`));
  const reference = /RLV-\d{6}(\d{2})?-C\d{4}/.exec(shown)?.[0];
  assert.ok(reference, 'the statement reference to write on the invoice');
  assert.match(page.body, new RegExp(`href="mailto:${ctx.config.conciergerie.email}\\?subject=[^"]*${reference}`));
  const commission = /<a href="([^"]+)">Facture de commission déduite\s: n° (COM-\d{4}-\d{6}) \(4,58/.exec(page.body);
  assert.ok(commission, 'the commission invoice deducted, with its number and amount');
  assert.match(commission[1], new RegExp(`^/boutique/${shop.shopId}/`));
  const pdf = await merchant.get(commission[1]);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.match(plain(shown), /Virement à venir : 71,82 €, au premier virement qui suit la réception de votre facture/);
  const lines = assertAddsUp(page.body, 7182);
  assert.deepEqual(lines.map((line) => line.cents), [7640, -382, -76]);
  // The concierge's page has no « Facturez-nous » panel but the same sum.
  const staffPage = await concierge.get(`/gestion/releves/${statement.id}`);
  assert.doesNotMatch(text(staffPage.body), /Facturez-nous/);
  assertAddsUp(staffPage.body, 7182);
});

test('amounts carried from a negative statement and a credit note are lines: the figures add up on both pages', async () => {
  const shop = await shopWithOffer(ctx.db, { priceCents: 10_000, period: 'weekly' });
  const sold = await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: shop.offerId }]);
  await closeCurrentPeriod(ctx.db, ctx.config, 'weekly');
  const closeNextWeek = async () => {
    const last = await ctx.db.selectFrom('settlement_closings').select((eb) => eb.fn.max('period_end').as('end')).where('period_kind', '=', 'weekly').executeTakeFirstOrThrow();
    const week = periodOf('weekly', addDays(last.end as string, 1));
    await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'weekly', start: week.start }, localToUtc(addDays(week.end, 1), '09:00', ctx.config.timeZone)!);
    return ctx.db.selectFrom('statements').selectAll().where('shop_id', '=', shop.shopId).where('period_start', '=', week.start).executeTakeFirstOrThrow();
  };
  const first = await ctx.db.selectFrom('statements').selectAll().where('shop_id', '=', shop.shopId).executeTakeFirstOrThrow();
  // The commission invoice of the first week is cancelled: its credit note is given back in a later statement.
  const invoice = await ctx.db.selectFrom('commission_invoices').select(['id', 'total_cents']).where('statement_id', '=', first.id).executeTakeFirstOrThrow();
  await cancelCommissionInvoice(ctx.db, ctx.config, CONCIERGE, invoice.id, 'Taux appliqué par erreur', newIdempotencyKey());
  // The goods come back: the refund makes the next week negative.
  const line = await ctx.db.selectFrom('order_lines').select('id').where('order_id', '=', sold.orderId).executeTakeFirstOrThrow();
  await recordRefund(ctx.db, ctx.config, CONCIERGE, sold.orderId, { scope: { kind: 'line', lineId: line.id }, reason: 'Article rapporté abîmé' }, newIdempotencyKey());
  const negative = await closeNextWeek();
  assert.ok(Number(negative.payable_cents) < 0, 'the refund week is negative');
  const again = await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: shop.offerId }]);
  const coveredTo = await ctx.db.selectFrom('statements').select((eb) => eb.fn.max('covers_to_at').as('at')).executeTakeFirstOrThrow();
  await ctx.db.updateTable('purchase_orders').set({ updated_at: new Date(Date.parse(coveredTo.at as string) + 1000).toISOString() }).where('id', '=', again.purchaseOrders[0].id).execute();
  const third = await closeNextWeek();
  assert.notEqual(Number(third.carried_cents), 0);

  const merchant = await merchantOf(shop.shopId);
  /** The carried lines of a statement's page, for the merchant and the concierge alike. */
  const carriedShown = async (statement: { id: string; payable_cents: number; carried_cents: number }) => {
    const shown: Array<Array<{ label: string; cents: number }>> = [];
    for (const [who, url] of [
      [merchant, `/boutique/${shop.shopId}/releves/${statement.id}`],
      [concierge, `/gestion/releves/${statement.id}`],
    ] as const) {
      const page = await who.get(url);
      assert.equal(page.statusCode, 200);
      const lines = assertAddsUp(page.body, Number(statement.payable_cents));
      const carried = lines.filter((row) => /Reporté|Avoir/.test(row.label));
      assert.equal(carried.reduce((sum, row) => sum + row.cents, 0), Number(statement.carried_cents));
      // Each carried amount names what it comes from; none is lumped as « other ».
      assert.doesNotMatch(text(page.body), /statements\.status|Reporté des relevés précédents/);
      shown.push(carried);
    }
    assert.deepEqual(shown[0], shown[1], 'the merchant and the concierge see the same carried lines');
    return shown[0];
  };
  // The credit note issued before the second closing is carried into the second statement.
  const intoNegative = await carriedShown(negative);
  assert.equal(intoNegative.length, 1);
  assert.match(intoNegative[0].label, /^Avoir n° [A-Z]+-\d{4}-\d{6} du .*: commission rendue$/);
  assert.equal(intoNegative[0].cents, Number(invoice.total_cents));
  // The negative statement is carried into the third.
  const intoThird = await carriedShown(third);
  assert.equal(intoThird.length, 1);
  assert.match(intoThird[0].label, /^Reporté du relevé négatif de semaine du /);
  assert.equal(intoThird[0].cents, Number(negative.payable_cents));
  // The negative statement itself: nothing to invoice, what is owed is carried.
  const negativePage = await merchant.get(`/boutique/${shop.shopId}/releves/${negative.id}`);
  assert.match(text(negativePage.body), /Rien à nous facturer pour cette période/);
  assert.match(text(negativePage.body), /Reporté sur le relevé suivant/);
});
