// What the counter refuses on a repair, each with a French message and nothing lost: an intake
// without description or shelf, a price that is not an amount, a move not allowed from the
// current step, an item handed back twice, a photo that is not an image, an invoice that is
// not a PDF. Only the concierge reaches the repair pages; another resident reads nothing of
// someone else's item, and a wrong follow token opens nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeMember } from '../helpers/members.ts';
import { makePlace } from '../helpers/orders.ts';
import { makeProvider } from '../helpers/shops.ts';
import { payServiceOrder } from '../helpers/services.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { askForService } from '../../src/requests/requests.service.ts';
import { followLink } from '../../src/requests/requests.mails.ts';
import { followPath, ownRequestPath } from '../../src/requests/requests.paths.ts';
import { COUNTER_ITEMS_PATH, repairInvoicePath, repairPath } from '../../src/requests/repairs/repairs.paths.ts';

const THURSDAY = '2026-12-03T09:00:00.000Z';

let ctx: TestApp;
let desk: Agent;
let clerk: CurrentAccount;
let memberId: string;
let tailorId: string;

const text = (html: string) => plain(visibleText(html));

before(async () => {
  startClockAt(THURSDAY);
  ctx = await buildTestApp({ CLOCK_START: THURSDAY });
  await makePlace(ctx.db);
  memberId = await makeMember(ctx.db, { firstName: 'Lucien', lastName: 'Maurel', email: 'lucien.maurel@exemple.fr' });
  tailorId = await makeProvider(ctx.db, { tradeName: 'Couture Lucie', stage: 'member', profile: { trades: ['tailor'] } });
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  clerk = { id: account.id, email: account.email, role: 'concierge', displayName: 'Conciergerie', shopId: null, memberId: null };
  desk = new Agent(ctx.app);
  await desk.login(account.email, account.password);
});
after(() => ctx.close());

let keys = 0;
const key = () => `cle-refus-${(keys += 1)}-xyz`;

async function newRepair(): Promise<string> {
  return askForService(ctx.db, ctx.config, clerk, { kind: 'repair', title: 'Manteau', details: '', memberId, channel: 'counter' }, key());
}

async function intake(id: string, fields: Record<string, string>) {
  return desk.post(repairPath(id, 'depot'), { idempotency_key: key(), description: 'manteau gris', provider: tailorId, shelf: 'B3', ...fields }, COUNTER_ITEMS_PATH);
}

async function itemCount(id: string): Promise<number> {
  return (await ctx.db.selectFrom('repair_items').select('id').where('request_id', '=', id).execute()).length;
}

test('an intake without description or shelf is refused beside both fields, what was typed kept, nothing taken in', async () => {
  const id = await newRepair();
  const refused = await intake(id, { description: '  ', shelf: '', price: '18,00' });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /id="erreur-description"/);
  assert.match(refused.body, /id="erreur-shelf"/);
  assert.match(refused.body, /value="18,00"/);
  assert.equal(await itemCount(id), 0);
  const request = await ctx.db.selectFrom('service_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(request.status, 'new');
});

test('a price that is not an amount is refused beside the price, at intake and on return', async () => {
  const id = await newRepair();
  const refused = await intake(id, { price: 'douze euros' });
  assert.equal(refused.statusCode, 422);
  assert.match(text(refused.body), /Prix convenu, en euros \(si vous le connaissez\) : Indiquez un prix/);
  assert.equal(await itemCount(id), 0);

  assert.equal((await intake(id, {})).statusCode, 303);
  await desk.post(repairPath(id, 'chez-artisan'), {}, COUNTER_ITEMS_PATH);
  const back = await desk.post(repairPath(id, 'retour'), { idempotency_key: key(), shelf: 'B4', price: '-3' }, COUNTER_ITEMS_PATH);
  assert.equal(back.statusCode, 422);
  assert.match(back.body, /id="erreur-price"/);
  const noPrice = await desk.post(repairPath(id, 'retour'), { idempotency_key: key(), shelf: 'B4', price: '' }, COUNTER_ITEMS_PATH);
  assert.equal(noPrice.statusCode, 422);
  assert.match(text(noPrice.body), /Indiquez le prix final en euros/);
  const item = await ctx.db.selectFrom('repair_items').select(['status', 'order_id']).where('request_id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual([item.status, item.order_id], ['at_provider', null]);
});

test('a move not allowed from the current step says so and changes nothing; an item handed back twice says when', async () => {
  const id = await newRepair();
  await intake(id, {});
  const early = await desk.post(repairPath(id, 'rendu'), {}, COUNTER_ITEMS_PATH);
  assert.equal(early.statusCode, 422);
  assert.match(text(early.body), /Cette demande ne peut pas passer à cette étape maintenant/);
  const notBack = await desk.post(repairPath(id, 'retour'), { idempotency_key: key(), shelf: 'B3', price: '20' }, COUNTER_ITEMS_PATH);
  assert.equal(notBack.statusCode, 422);
  assert.equal((await ctx.db.selectFrom('repair_items').select('status').where('request_id', '=', id).executeTakeFirstOrThrow()).status, 'at_counter');

  await desk.post(repairPath(id, 'chez-artisan'), {}, COUNTER_ITEMS_PATH);
  await desk.post(repairPath(id, 'retour'), { idempotency_key: key(), shelf: 'B3', price: '20' }, COUNTER_ITEMS_PATH);
  const unpaid = await desk.post(repairPath(id, 'rendu'), {}, COUNTER_ITEMS_PATH);
  assert.equal(unpaid.statusCode, 422);
  assert.match(text(unpaid.body), /n’est pas encore payée : remettez-la d’abord au comptoir/);
  assert.equal((await ctx.db.selectFrom('repair_items').select('status').where('request_id', '=', id).executeTakeFirstOrThrow()).status, 'at_counter');
  await payServiceOrder(ctx.db, clerk, id);
  assert.equal((await desk.post(repairPath(id, 'rendu'), {}, COUNTER_ITEMS_PATH)).statusCode, 303);
  const twice = await desk.post(repairPath(id, 'rendu'), {}, COUNTER_ITEMS_PATH);
  assert.equal(twice.statusCode, 422);
  assert.match(text(twice.body), /Cet objet a déjà été rendu le jeudi 3 décembre/);
  const again = await desk.post(repairPath(id, 'chez-artisan'), {}, COUNTER_ITEMS_PATH);
  assert.match(text(again.body), /Cet objet a déjà été rendu le jeudi 3 décembre/);
  const moves = await ctx.db.selectFrom('repair_item_moves').innerJoin('repair_items', 'repair_items.id', 'repair_item_moves.item_id').select('to_status').where('repair_items.request_id', '=', id).execute();
  assert.equal(moves.filter((move) => move.to_status === 'handed_back').length, 1);
});

test('a photo that is not an image and an invoice that is not a PDF are refused beside the file', async () => {
  const id = await newRepair();
  await intake(id, {});
  await desk.get(COUNTER_ITEMS_PATH);
  const photo = await desk.postMultipart(repairPath(id, 'pieces'), { idempotency_key: key(), kind: 'photo_after' }, { field: 'file', filename: 'photo.jpg', contentType: 'image/jpeg', data: Buffer.from('ceci n’est pas une photo') });
  assert.equal(photo.statusCode, 422);
  assert.match(text(photo.body), /Ce fichier n’est pas une image lisible/);
  await desk.get(COUNTER_ITEMS_PATH);
  const invoice = await desk.postMultipart(repairPath(id, 'pieces'), { idempotency_key: key(), kind: 'invoice' }, { field: 'file', filename: 'facture.pdf', contentType: 'application/pdf', data: Buffer.from('GIF89a pas un pdf') });
  assert.equal(invoice.statusCode, 422);
  assert.match(text(invoice.body), /La facture doit être un fichier PDF/);
  assert.equal((await ctx.db.selectFrom('repair_attachments').select('id').execute()).length, 0);
});

test('a resident reaches no repair page, reads no one else’s request, and a wrong follow token opens nothing', async () => {
  const id = await newRepair();
  await intake(id, {});
  const otherMember = await makeMember(ctx.db, { firstName: 'Autre', lastName: 'Voisin' });
  const other = await makeAccount(ctx.db, ctx.config, 'resident', { memberId: otherMember });
  const neighbour = new Agent(ctx.app);
  await neighbour.login(other.email, other.password);
  for (const path of [repairPath(id, 'etiquette.pdf'), repairPath(id, 'recu.pdf'), repairInvoicePath(id, id), COUNTER_ITEMS_PATH]) {
    assert.equal((await neighbour.get(path)).statusCode, 404, path);
  }
  const token = await neighbour.csrfToken('/');
  assert.equal((await neighbour.post(repairPath(id, 'rendu'), { _csrf: token })).statusCode, 404);
  assert.equal((await neighbour.get(ownRequestPath(id))).statusCode, 404, 'another resident does not read the item');
  assert.equal((await new Agent(ctx.app).get(followPath(id, 'A'.repeat(32)))).statusCode, 404, 'a wrong follow token opens nothing');
  const right = new URL(followLink(ctx.config, id)).pathname;
  assert.equal((await new Agent(ctx.app).get(right.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')))).statusCode, 404);

  const visitor = new Agent(ctx.app);
  const label = await visitor.get(repairPath(id, 'etiquette.pdf'));
  assert.equal(label.statusCode, 303, 'a visitor is asked to log in');
});
