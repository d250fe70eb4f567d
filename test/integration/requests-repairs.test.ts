// A coat left for alteration, through the app on a real database: taken in at the counter
// (shelf, tailor, the member told once), its label and receipt printed (only the receipt
// carries the follow link), taken to the tailor, back at the counter with its price (the
// member's order made, ready to pay at the counter), sent back to be redone without telling
// the member twice, handed back. The shelves page lists what is there and for how long; a
// labelled cobbler's repair shows the bonus réparation and keeps its photos and invoice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
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
import { ownRequestPath, requestPath } from '../../src/requests/requests.paths.ts';
import { COUNTER_ITEMS_PATH, repairPath } from '../../src/requests/repairs/repairs.paths.ts';

/** Thursday 3 December 2026, 10 h in Istres. */
const THURSDAY = '2026-12-03T09:00:00.000Z';

let ctx: TestApp;
let desk: Agent;
let clerk: CurrentAccount;
let memberId: string;
let tailorId: string;
let cobblerId: string;

const text = (html: string) => plain(visibleText(html));

before(async () => {
  startClockAt(THURSDAY);
  ctx = await buildTestApp({ CLOCK_START: THURSDAY });
  await makePlace(ctx.db);
  memberId = await makeMember(ctx.db, { firstName: 'Odette', lastName: 'Rigaud', email: 'odette.rigaud@exemple.fr' });
  tailorId = await makeProvider(ctx.db, { tradeName: 'Couture Lucie', stage: 'member', profile: { trades: ['tailor'] } });
  cobblerId = await makeProvider(ctx.db, { tradeName: 'Cordonnerie du Port', profile: { trades: ['cobbler'], labels: ['repair_bonus'] } });
  const account = await makeAccount(ctx.db, ctx.config, 'concierge', { displayName: 'Nadia Belkacem' });
  clerk = { id: account.id, email: account.email, role: 'concierge', displayName: 'Nadia Belkacem', shopId: null, memberId: null };
  desk = new Agent(ctx.app);
  await desk.login(account.email, account.password);
});
after(() => ctx.close());

async function newRepair(title: string): Promise<string> {
  return askForService(ctx.db, ctx.config, clerk, { kind: 'repair', title, details: '', memberId, channel: 'phone' }, `key-${title.length}-${Math.random().toString(36).slice(2, 10)}`);
}

async function mailsTo(email: string): Promise<number> {
  return (await ctx.db.selectFrom('outbox').select('id').where('recipient', '=', email).execute()).length;
}

async function statuses(requestId: string) {
  const request = await ctx.db.selectFrom('service_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
  const item = await ctx.db.selectFrom('repair_items').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
  return { request: request.status, shelf: item.shelf, item };
}

function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'repair-pdf-'));
  writeFileSync(join(dir, 'doc.pdf'), bytes);
  return plain(execFileSync('pdftotext', [join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' }));
}

async function intake(requestId: string, fields: Record<string, string>) {
  return desk.post(repairPath(requestId, 'depot'), { idempotency_key: `intake-${requestId.slice(-12)}`, ...fields }, COUNTER_ITEMS_PATH);
}

test('a coat goes counter → tailor → counter → back to the tailor → counter → handed back; the member is told once per step', async () => {
  const id = await newRepair('Manteau gris à raccourcir');
  const taken = await intake(id, { description: 'manteau gris, raccourcir les manches', provider: tailorId, shelf: ' b3 ', price: '25,00' });
  assert.equal(taken.statusCode, 303);
  assert.equal(taken.headers.location, requestPath(id));
  let now = await statuses(id);
  assert.deepEqual([now.request, now.item.status, now.shelf], ['at_counter', 'at_counter', 'B3']);
  assert.equal(await mailsTo('odette.rigaud@exemple.fr'), 1);

  // The same form sent twice takes the item in once.
  assert.equal((await intake(id, { description: 'manteau gris, raccourcir les manches', provider: tailorId, shelf: 'B3' })).statusCode, 303);
  assert.equal((await ctx.db.selectFrom('repair_items').select('id').where('request_id', '=', id).execute()).length, 1);

  assert.equal((await desk.post(repairPath(id, 'chez-artisan'), {}, COUNTER_ITEMS_PATH)).statusCode, 303);
  assert.equal((await statuses(id)).request, 'at_provider');
  const back = await desk.post(repairPath(id, 'retour'), { idempotency_key: 'retour-premier-1', shelf: 'C1', price: '27,50' }, COUNTER_ITEMS_PATH);
  assert.equal(back.statusCode, 303);
  now = await statuses(id);
  assert.deepEqual([now.request, now.item.status, now.shelf, Number(now.item.final_price_cents)], ['ready', 'at_counter', 'C1', 2750]);
  const order = await ctx.db.selectFrom('orders').select(['id', 'status', 'total_cents', 'collection_code']).where('id', '=', now.item.order_id!).executeTakeFirstOrThrow();
  assert.deepEqual([order.status, Number(order.total_cents), order.collection_code], ['ready', 2750, now.item.order_code]);
  assert.equal(await mailsTo('odette.rigaud@exemple.fr'), 3);

  // The tailor must redo it: back to the provider and back again, nobody told twice, one order.
  assert.equal((await desk.post(repairPath(id, 'chez-artisan'), {}, COUNTER_ITEMS_PATH)).statusCode, 303);
  assert.equal((await desk.post(repairPath(id, 'retour'), { idempotency_key: 'retour-second-1', shelf: 'C2' }, COUNTER_ITEMS_PATH)).statusCode, 303);
  assert.equal(await mailsTo('odette.rigaud@exemple.fr'), 3);
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', memberId).execute()).length, 1);

  await payServiceOrder(ctx.db, clerk, id);
  assert.equal((await desk.post(repairPath(id, 'rendu'), {}, COUNTER_ITEMS_PATH)).statusCode, 303);
  now = await statuses(id);
  assert.deepEqual([now.request, now.item.status], ['handed_back', 'handed_back']);
  const moves = await ctx.db.selectFrom('repair_item_moves').select(['to_status', 'shelf']).where('item_id', '=', now.item.id).orderBy('at').orderBy('id').execute();
  assert.deepEqual(
    moves.map((move) => `${move.to_status}${move.shelf ? ` ${move.shelf}` : ''}`),
    ['at_counter B3', 'at_provider', 'at_counter C1', 'at_provider', 'at_counter C2', 'handed_back'],
  );

  // The member's own page says where the coat is, as the follow page does.
  const resident = await makeAccount(ctx.db, ctx.config, 'resident', { memberId });
  const member = new Agent(ctx.app);
  await member.login(resident.email, resident.password);
  assert.match(text((await member.get(ownRequestPath(id))).body), /Où est votre objet \? Rendu le jeudi 3 décembre/);

  // The follow page (no login) names the tailor and the dates, never the staff.
  const follow = await new Agent(ctx.app).get(new URL(followLink(ctx.config, id)).pathname);
  assert.equal(follow.statusCode, 200);
  assert.match(text(follow.body), /Rendu le jeudi 3 décembre/);
  assert.match(text(follow.body), /chez l’artisan Couture Lucie/);
  assert.match(text(follow.body), /au comptoir, étagère C2/);
  assert.doesNotMatch(text(follow.body), /Nadia/);
});

test('the label carries the number and the shelf but not the follow link; the receipt carries the link', async () => {
  const id = await newRepair('Pantalon');
  await intake(id, { description: 'pantalon bleu, ourlet', provider: tailorId, shelf: 'A2' });
  const number = `D-${String((await ctx.db.selectFrom('service_requests').select('number').where('id', '=', id).executeTakeFirstOrThrow()).number).padStart(4, '0')}`;
  const label = await desk.get(repairPath(id, 'etiquette.pdf'));
  assert.equal(label.headers['content-type'], 'application/pdf');
  const labelText = pdfText(label.rawPayload);
  assert.match(labelText, new RegExp(number));
  assert.match(labelText, /Étagère A2/);
  assert.match(labelText, /Odette Rigaud/);
  assert.match(labelText, /Couture Lucie/);
  assert.doesNotMatch(labelText, /suivi/);
  const receiptText = pdfText((await desk.get(repairPath(id, 'recu.pdf'))).rawPayload);
  assert.match(receiptText, new RegExp(number));
  // The link wraps where it may (after a hyphen), which pdftotext joins back without it.
  const bare = (value: string) => value.replace(/[\s-]/g, '');
  assert.ok(bare(receiptText).includes(bare(followLink(ctx.config, id))), 'the receipt prints the follow link');
});

test('« Objets au comptoir » lists each item by shelf with its member and how long it has been there', async () => {
  const id = await newRepair('Veste');
  await intake(id, { description: 'veste en laine, bouton', provider: tailorId, shelf: 'Z9' });
  startClockAt('2026-12-05T09:30:00.000Z');
  try {
    const page = await desk.get(COUNTER_ITEMS_PATH);
    assert.equal(page.statusCode, 200);
    const shelf = text(page.body).split('Étagère Z9')[1] ?? '';
    assert.match(shelf, /Odette Rigaud veste en laine, bouton Déposé au comptoir 2 jours/);
  } finally {
    startClockAt(THURSDAY);
  }
});

test('a cobbler labelled « Bonus réparation » in the directory makes the repair eligible: the line shows the bonus, the member pays the price less it, and photos and invoice are kept together', async () => {
  const id = await newRepair('Talons');
  await intake(id, { description: 'bottines noires, bonbouts', provider: cobblerId, shelf: 'D1', price: '20', bonus_code: 'shoe_heel_tip' });
  await desk.post(repairPath(id, 'chez-artisan'), {}, COUNTER_ITEMS_PATH);
  await desk.post(repairPath(id, 'retour'), { idempotency_key: 'retour-bonus-1', shelf: 'D1', price: '20,00' }, COUNTER_ITEMS_PATH);
  const { item } = await statuses(id);
  assert.equal(Number(item.bonus_cents), 700);
  const order = await ctx.db.selectFrom('orders').select('total_cents').where('id', '=', item.order_id!).executeTakeFirstOrThrow();
  assert.equal(Number(order.total_cents), 1300);

  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#884422' } }).png().toBuffer();
  const pdf = Buffer.from('%PDF-1.4\n% facture du cordonnier\n%%EOF\n');
  await desk.get(COUNTER_ITEMS_PATH);
  const sent = await desk.postMultipart(repairPath(id, 'pieces'), { idempotency_key: 'piece-avant-1', kind: 'photo_before' }, { field: 'file', filename: 'avant.png', contentType: 'image/png', data: photo });
  assert.equal(sent.statusCode, 303);
  await desk.get(COUNTER_ITEMS_PATH);
  await desk.postMultipart(repairPath(id, 'pieces'), { idempotency_key: 'piece-facture-1', kind: 'invoice' }, { field: 'file', filename: 'facture.pdf', contentType: 'application/pdf', data: pdf });

  const panel = (await desk.get(requestPath(id))).body;
  assert.match(text(panel), /Bonus réparation : − 7,00 €/);
  assert.match(text(panel), /À payer : 13,00 €/);
  assert.match(text(panel), /Photo avant réparation/);
  const invoiceHref = /href="([^"]+\.pdf)">Facture de l’artisan/.exec(panel)?.[1];
  assert.ok(invoiceHref, 'the invoice is linked');
  const invoice = await desk.get(invoiceHref);
  assert.deepEqual([invoice.statusCode, invoice.rawPayload.equals(pdf)], [200, true]);
});

test('a shop outside the directory’s labels is made eligible by the intake’s box; an alteration gets no bonus', async () => {
  const zip = await newRepair('Fermeture');
  await intake(zip, { description: 'blouson, fermeture éclair', provider: tailorId, shelf: 'E1', price: '20,00', bonus_eligible: 'on', bonus_code: 'clothes_zip_small' });
  const hem = await newRepair('Ourlet');
  await intake(hem, { description: 'pantalon, ourlet', provider: tailorId, shelf: 'E2', price: '20,00', bonus_eligible: 'on', bonus_code: '' });
  for (const id of [zip, hem]) {
    await desk.post(repairPath(id, 'chez-artisan'), {}, COUNTER_ITEMS_PATH);
    await desk.post(repairPath(id, 'retour'), { idempotency_key: `retour-${id.slice(-12)}`, shelf: 'E1', price: '20,00' }, COUNTER_ITEMS_PATH);
  }
  const totals = [];
  for (const id of [zip, hem]) {
    const { item } = await statuses(id);
    totals.push(Number((await ctx.db.selectFrom('orders').select('total_cents').where('id', '=', item.order_id!).executeTakeFirstOrThrow()).total_cents));
  }
  assert.deepEqual(totals, [1200, 2000]);
});
