// Orders waiting at the counter: one reminder per order after the reminder delay (never two,
// even with two processes), then the « non retirées » list after the limit, oldest first, and
// the declaration that sends the goods back to the shops and tells the member.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { CONCIERGE, makeOrder, makePlace } from '../helpers/orders.ts';
import { receivePurchaseOrder, sendCollectionReminders } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { nowMs } from '../../src/platform/clock.ts';
import { visibleText as text, plain } from '../helpers/text.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
let ctx: TestApp;
let concierge: Agent;
let placeId: string;

before(async () => {
  ctx = await buildTestApp({ UNCOLLECTED_REMINDER_DAYS: '3', UNCOLLECTED_LIMIT_DAYS: '10' });
  placeId = await makePlace(ctx.db, { name: 'Comptoir du Cours' });
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
});

after(() => ctx.close());

let members = 0;

/**
 * An order whose purchase orders were all received at the counter `daysAgo` days ago (the
 * instant it became ready is set back: time passing, not a shortcut through the rules).
 */
async function waitingOrder(daysAgo: number, fields: { email?: string | null } = {}): Promise<{ orderId: string; code: string; memberId: string; email: string | null }> {
  members += 1;
  const email = fields.email === undefined ? `attente${members}-${Date.now()}@exemple.fr` : fields.email;
  const memberId = await makeMember(ctx.db, { email, firstName: 'Rose', lastName: `Fabre${members}` });
  const made = await makeOrder(ctx.db, ctx.config, { placeId, memberId, shops: 1 });
  const pos = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).execute();
  for (const po of pos) {
    await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, po.id, { storageLocation: 'C2', chilled: false });
  }
  const readyAt = new Date(nowMs() - daysAgo * DAY_MS).toISOString();
  await ctx.db.updateTable('orders').set({ ready_at: readyAt }).where('id', '=', made.orderId).execute();
  const order = await ctx.db.selectFrom('orders').select(['collection_code', 'status']).where('id', '=', made.orderId).executeTakeFirstOrThrow();
  assert.equal(order.status, 'ready');
  return { orderId: made.orderId, code: order.collection_code, memberId, email };
}

async function mailsTo(recipient: string) {
  return ctx.db.selectFrom('outbox').select(['subject', 'text_body']).where('recipient', '=', recipient).orderBy('created_at').execute();
}

test('one reminder after the delay, with the code, the place and its hours; never a second one', async () => {
  const late = await waitingOrder(4);
  const recent = await waitingOrder(1);
  const noEmail = await waitingOrder(5, { email: null });

  // Two processes run the job at the same moment: each order is reminded once.
  const counts = await Promise.all([sendCollectionReminders(ctx.db, ctx.config), sendCollectionReminders(ctx.db, ctx.config)]);
  assert.ok(counts[0] + counts[1] >= 2);
  const mails = await mailsTo(late.email!);
  const reminders = mails.filter((mail) => mail.subject.includes('vous attend au comptoir'));
  assert.equal(reminders.length, 1);
  assert.match(reminders[0].subject, new RegExp(late.code));
  assert.match(reminders[0].text_body, /Comptoir du Cours, 12 rue Hôtel de Ville, 13800 Istres/);
  assert.match(plain(reminders[0].text_body), /lundi : 0 h – 23 h 30/);
  assert.match(reminders[0].text_body, /rendus aux commerçants après le/);
  assert.equal((await mailsTo(recent.email!)).filter((mail) => mail.subject.includes('vous attend')).length, 0, 'ready for a day only');

  const rows = await ctx.db.selectFrom('orders').select(['id', 'reminded_at']).where('id', 'in', [late.orderId, recent.orderId, noEmail.orderId]).execute();
  const stamp = new Map(rows.map((row) => [row.id, row.reminded_at]));
  assert.ok(stamp.get(late.orderId));
  assert.equal(stamp.get(recent.orderId), null);
  assert.ok(stamp.get(noEmail.orderId), 'a member without e-mail is stamped too: the concierge calls them');
  const history = text((await concierge.get(`/gestion/commandes/${noEmail.orderId}`)).body);
  assert.match(history, /Rappel à faire par téléphone/);

  assert.equal(await sendCollectionReminders(ctx.db, ctx.config), 0, 'nothing left to remind');
  // Days later the recent one is due, and only it.
  assert.equal(await sendCollectionReminders(ctx.db, ctx.config, new Date(nowMs() + 3 * DAY_MS)), 1);
  assert.equal((await mailsTo(late.email!)).filter((mail) => mail.subject.includes('vous attend')).length, 1);
});

test('the list of orders not collected: past the limit only, the oldest first, 20 a page', async () => {
  const oldest = await waitingOrder(40);
  const made = [];
  for (let index = 0; index < 20; index += 1) made.push(await waitingOrder(11 + index / 10));
  const tooRecent = await waitingOrder(9);

  const first = await concierge.get('/gestion/comptoir/non-retirees');
  assert.equal(first.statusCode, 200);
  const firstText = text(first.body);
  assert.match(firstText, /Commandes prêtes depuis plus de 10 jours/);
  assert.equal((first.body.match(/Déclarer non retirée<\/button>/g) ?? []).length, 20);
  assert.ok(first.body.indexOf(oldest.code) > 0 && first.body.indexOf(oldest.code) < first.body.indexOf(made[19].code), 'the oldest first');
  assert.ok(!first.body.includes(tooRecent.code));
  assert.match(firstText, /Page 1 sur 2/);
  const second = await concierge.get('/gestion/comptoir/non-retirees?page=2');
  assert.equal((second.body.match(/Déclarer non retirée<\/button>/g) ?? []).length, 1);
  assert.ok(second.body.includes(made[0].code), 'the most recent of the late ones comes last');
  assert.equal((await concierge.get('/gestion/comptoir/non-retirees?page=3')).statusCode, 404);
  assert.equal((await concierge.get('/gestion/comptoir/non-retirees?page=zero')).statusCode, 400);
});

test('declared not collected: closed, the goods go back to the shop, the member and the shop are told', async () => {
  const late = await waitingOrder(12);
  const answer = await concierge.post(`/gestion/comptoir/${late.orderId}/non-retiree`, {}, '/gestion/comptoir/non-retirees');
  assert.equal(answer.statusCode, 303);
  assert.equal(answer.headers.location, '/gestion/comptoir/non-retirees');
  const list = text((await concierge.get('/gestion/comptoir/non-retirees')).body);
  assert.match(list, new RegExp(`La commande ${late.code} est déclarée non retirée`));

  const order = await ctx.db.selectFrom('orders').select(['status', 'closed_at']).where('id', '=', late.orderId).executeTakeFirstOrThrow();
  assert.equal(order.status, 'not_collected');
  assert.ok(order.closed_at);
  const pos = await ctx.db.selectFrom('purchase_orders').select(['status', 'shop_id']).where('order_id', '=', late.orderId).execute();
  assert.deepEqual(pos.map((po) => po.status), ['returned']);
  const memberMail = (await mailsTo(late.email!)).find((mail) => mail.subject.includes('n’a pas été retirée'));
  assert.ok(memberMail, 'the member is told');
  assert.match(memberMail.text_body, /rendus aux commerçants/);
  const shop = await ctx.db.selectFrom('shops').select('email').where('id', '=', pos[0].shop_id).executeTakeFirstOrThrow();
  if (shop.email) assert.equal((await mailsTo(shop.email)).filter((mail) => mail.subject.includes('articles rendus')).length, 1);
  const record = text((await concierge.get(`/gestion/commandes/${late.orderId}`)).body);
  assert.match(plain(record), /Non retirée : articles rendus aux commerces/);
  assert.match(record, /Non retirée, rendue au commerce/);
  assert.equal((await concierge.get(`/gestion/comptoir/${late.orderId}`)).statusCode, 200, 'the order still opens at the counter');

  // A second click, or an order not yet past the limit: a message, nothing changes.
  await concierge.post(`/gestion/comptoir/${late.orderId}/non-retiree`, {}, '/gestion/comptoir/non-retirees');
  assert.match(text((await concierge.get('/gestion/comptoir/non-retirees')).body), /vient d’être modifiée par quelqu’un d’autre/);
  const recent = await waitingOrder(2);
  await concierge.post(`/gestion/comptoir/${recent.orderId}/non-retiree`, {}, '/gestion/comptoir/non-retirees');
  assert.match(text((await concierge.get('/gestion/comptoir/non-retirees')).body), /moins de 10 jours/);
  assert.equal((await ctx.db.selectFrom('orders').select('status').where('id', '=', recent.orderId).executeTakeFirstOrThrow()).status, 'ready');
  assert.equal((await concierge.post('/gestion/comptoir/01900000-0000-7000-8000-000000000000/non-retiree', {}, '/gestion/comptoir/non-retirees')).statusCode, 404);
});
