// A service sold through the conciergerie is an order of one line from its provider: born with
// the provider's part accepted, ready at the counter once the work is done, then paid and
// handed over there like any order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction } from '../../src/db/index.ts';
import { handOver, markServiceDone, placeServiceOrder } from '../../src/orders/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { makeMember } from '../helpers/members.ts';
import { CONCIERGE, makePlace } from '../helpers/orders.ts';
import { makeShop } from '../helpers/shops.ts';

let ctx: TestApp;
let memberId: string;
let tailorId: string;

before(async () => {
  ctx = await buildTestApp();
  await makePlace(ctx.db);
  memberId = await makeMember(ctx.db);
  tailorId = await makeShop(ctx.db, { tradeName: 'Couture Lucie', stage: 'member' });
});
after(() => ctx.close());

async function statusesOf(orderId: string) {
  const order = await ctx.db.selectFrom('orders').select(['status', 'total_cents', 'payment_method']).where('id', '=', orderId).executeTakeFirstOrThrow();
  const po = await ctx.db.selectFrom('purchase_orders').select(['status', 'shop_id', 'storage_location']).where('order_id', '=', orderId).executeTakeFirstOrThrow();
  return { order, po };
}

const sale = (ready: boolean) => ({
  memberId,
  shopId: '',
  title: 'Retouche : raccourcir les manches d’un manteau',
  amountCents: 2500,
  vatRateBp: 2000,
  channel: 'comptoir' as const,
  actor: CONCIERGE,
  ready,
});

test('a finished repair is ready at the counter, then paid and handed over like any order', async () => {
  const { orderId, code } = await inTransaction(ctx.db, (trx) => placeServiceOrder(trx, ctx.config, { ...sale(true), shopId: tailorId, storageLocation: 'B3' }));
  assert.match(code, /\S/);
  let now = await statusesOf(orderId);
  assert.deepEqual([now.order.status, now.po.status, now.po.shop_id, now.po.storage_location, Number(now.order.total_cents)], ['ready', 'collected', tailorId, 'B3', 2500]);
  const po = await ctx.db.selectFrom('purchase_orders').select('id').where('order_id', '=', orderId).executeTakeFirstOrThrow();
  await handOver(ctx.db, CONCIERGE, orderId, { purchaseOrderIds: [po.id], shownIds: [po.id], method: 'card' }, 'service-handover-1');
  now = await statusesOf(orderId);
  assert.deepEqual([now.order.status, now.po.status], ['handed_over', 'handed_over']);
  const paid = await ctx.db.selectFrom('counter_payments').select('amount_cents').where('order_id', '=', orderId).execute();
  assert.deepEqual(paid.map((row) => Number(row.amount_cents)), [2500]);
});

test('work still to do waits with the provider; marking it done twice makes it ready once', async () => {
  const { orderId } = await inTransaction(ctx.db, (trx) => placeServiceOrder(trx, ctx.config, { ...sale(false), shopId: tailorId }));
  assert.deepEqual(Object.values(await statusesOf(orderId)).map((row) => row.status), ['preparing', 'accepted']);
  await inTransaction(ctx.db, (trx) => markServiceDone(trx, orderId, CONCIERGE));
  await inTransaction(ctx.db, (trx) => markServiceDone(trx, orderId, CONCIERGE));
  assert.deepEqual(Object.values(await statusesOf(orderId)).map((row) => row.status), ['ready', 'collected']);
  const moves = await ctx.db.selectFrom('order_events').select('to_status').where('order_id', '=', orderId).where('to_status', '=', 'ready').execute();
  assert.equal(moves.length, 1);
});

test('a service without a price is refused', async () => {
  await assert.rejects(
    inTransaction(ctx.db, (trx) => placeServiceOrder(trx, ctx.config, { ...sale(true), shopId: tailorId, amountCents: 0 })),
    (error: { code?: string }) => error.code === 'service_amount_invalid',
  );
});
