// Follow-up tasks of the shops CRM: one live task per shop and reason however many runs ask at
// once, none for a shop that left or asked not to be contacted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { makeShop } from '../helpers/shops.ts';
import { openShopTask } from '../../src/shops/index.ts';
import { inTransaction } from '../../src/db/index.ts';

let ctx: TestApp;

before(async () => {
  ctx = await buildTestApp();
});

after(() => ctx.close());

const ALERT = { reasonCode: 'no_order_4_weeks', title: 'Aucune commande depuis 4 semaines', dueDate: '2026-12-03', source: 'alert' } as const;

async function liveTasks(shopId: string): Promise<number> {
  const rows = await ctx.db.selectFrom('shop_tasks').select('id').where('shop_id', '=', shopId).where('state', '!=', 'done').execute();
  return rows.length;
}

test('ten runs at once open one task per shop and reason', async () => {
  const shopId = await makeShop(ctx.db, { stage: 'member' });
  const opened = await Promise.all(Array.from({ length: 10 }, () => inTransaction(ctx.db, (trx) => openShopTask(trx, { shopId, ...ALERT }))));
  assert.equal(opened.filter(Boolean).length, 1);
  assert.equal(await liveTasks(shopId), 1);
  // Another reason is another task.
  assert.equal(await inTransaction(ctx.db, (trx) => openShopTask(trx, { shopId, ...ALERT, reasonCode: 'no_offer_online' })), true);
  assert.equal(await liveTasks(shopId), 2);
});

test('a done task lets the same reason open a new one; a snoozed one does not', async () => {
  const shopId = await makeShop(ctx.db, { stage: 'member' });
  assert.equal(await openShopTask(ctx.db, { shopId, ...ALERT }), true);
  await ctx.db.updateTable('shop_tasks').set({ state: 'snoozed', snoozed_until: '2026-12-20' }).where('shop_id', '=', shopId).execute();
  assert.equal(await openShopTask(ctx.db, { shopId, ...ALERT }), false);
  await ctx.db.updateTable('shop_tasks').set({ state: 'done', closed_at: '2026-12-03T10:00:00.000Z' }).where('shop_id', '=', shopId).execute();
  assert.equal(await openShopTask(ctx.db, { shopId, ...ALERT }), true);
  assert.equal(await liveTasks(shopId), 1);
});

test('no task for a shop that left or asked not to be contacted', async () => {
  for (const stage of ['left', 'do_not_contact'] as const) {
    const shopId = await makeShop(ctx.db, { stage });
    assert.equal(await openShopTask(ctx.db, { shopId, ...ALERT }), false, stage);
    assert.equal(await liveTasks(shopId), 0);
  }
});
