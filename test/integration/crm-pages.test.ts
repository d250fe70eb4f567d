// The shops CRM through its pages: exits take a reason and land in the history, a follow-up
// closed suggests the next one, a visit settles the due follow-up and keeps its photos, a
// campaign counts what it brought; only the concierge writes, the town reads, others see 404.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeMember } from '../helpers/members.ts';
import { makePhoto } from '../helpers/catalogue.ts';
import { visibleText } from '../helpers/text.ts';
import { openShopTask } from '../../src/shops/index.ts';
import { campaignResults } from '../../src/shops/index.ts';
import { addDays, localDateOf } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';

let ctx: TestApp;
let concierge: Agent;
let town: Agent;
let merchant: Agent;
let resident: Agent;
let merchantShopId: string;

async function agentOf(role: 'concierge' | 'town' | 'merchant' | 'resident', fields: { shopId?: string; memberId?: string } = {}): Promise<Agent> {
  const agent = new Agent(ctx.app);
  const account = await makeAccount(ctx.db, ctx.config, role, fields);
  await agent.login(account.email, account.password);
  return agent;
}

before(async () => {
  ctx = await buildTestApp();
  concierge = await agentOf('concierge');
  town = await agentOf('town');
  merchantShopId = await makeShop(ctx.db, { stage: 'member' });
  merchant = await agentOf('merchant', { shopId: merchantShopId });
  resident = await agentOf('resident', { memberId: await makeMember(ctx.db) });
});

after(() => ctx.close());

const today = () => localDateOf(nowIso(), ctx.config.timeZone);
const french = (date: string) => date.split('-').reverse().join('/');

async function stageOf(id: string): Promise<string> {
  return (await ctx.db.selectFrom('shops').select('stage').where('id', '=', id).executeTakeFirstOrThrow()).stage;
}

test('an exit needs a reason from the list (and a note for « autre »), then shows in the history', async () => {
  const id = await makeShop(ctx.db, { stage: 'contacted', tradeName: 'Librairie Mistral' });
  const url = `/gestion/commerces/${id}`;
  const missing = await concierge.post(`${url}/etape`, { from: 'contacted', to: 'do_not_contact', reason: '', note: '' }, url);
  assert.equal(missing.statusCode, 422);
  assert.match(visibleText(missing.body), /Choisissez la raison dans la liste/);
  assert.equal(await stageOf(id), 'contacted');
  const other = await concierge.post(`${url}/etape`, { from: 'contacted', to: 'do_not_contact', reason: 'other', note: '' }, url);
  assert.equal(other.statusCode, 422);
  assert.match(visibleText(other.body), /Précisez la raison/);
  const done = await concierge.post(`${url}/etape`, { from: 'contacted', to: 'do_not_contact', reason: 'chain', note: 'Fait partie d’un réseau' }, url);
  assert.equal(done.statusCode, 303);
  assert.equal(await stageOf(id), 'do_not_contact');
  const page = visibleText((await concierge.get(url)).body);
  assert.match(page, /Contacté → Ne pas contacter — raison : Chaîne ou franchise \(Fait partie d’un réseau\)/);
  assert.match(page, /Enregistré à l’étape À contacter/);
  // A shop that asked not to be contacted gets no follow-up, neither by hand nor from an alert.
  assert.equal(await openShopTask(ctx.db, { shopId: id, reasonCode: 'x', title: 'Relancer', dueDate: today(), source: 'alert' }), false);
  assert.doesNotMatch(page, /Prévoir une relance/);
});

test('contacts: added, corrected, removed, with French errors next to the fields', async () => {
  const id = await makeShop(ctx.db, { stage: 'prospect' });
  const form = `/gestion/commerces/${id}/contacts/nouveau`;
  const refused = await concierge.post(form, { idempotency_key: newIdempotencyKey(), person: 'Mme Durand', role: 'gérante', phone: '12', email: '' }, form);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /id="erreur-phone"/);
  const noWay = await concierge.post(form, { idempotency_key: newIdempotencyKey(), person: 'Mme Durand', role: 'gérante', phone: '', email: '' }, form);
  assert.match(visibleText(noWay.body), /Indiquez un téléphone ou un courriel/);
  assert.equal((await concierge.post(form, { idempotency_key: newIdempotencyKey(), person: 'Mme Durand', role: 'gérante', phone: '04.42.11.22.33', email: '' }, form)).statusCode, 303);
  const contact = await ctx.db.selectFrom('shop_contacts').selectAll().where('shop_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(contact.phone, '04 42 11 22 33');
  const edit = `/gestion/commerces/${id}/contacts/${contact.id}/modifier`;
  assert.equal((await concierge.post(edit, { person: 'Mme Durand', role: 'gérante', phone: '', email: 'durand@exemple.fr' }, edit)).statusCode, 303);
  assert.match(visibleText((await concierge.get(`/gestion/commerces/${id}`)).body), /Mme Durand ?, gérante — durand@exemple\.fr/);
  assert.equal((await concierge.post(`/gestion/commerces/${id}/contacts/${contact.id}/supprimer`, {}, `/gestion/commerces/${id}`)).statusCode, 303);
  assert.equal((await ctx.db.selectFrom('shop_contacts').select('id').where('shop_id', '=', id).execute()).length, 0);
});

test('« Fait » asks for a note, closes the follow-up, logs the call and suggests calling back in 2 weeks', async () => {
  const id = await makeShop(ctx.db, { stage: 'contacted' });
  await openShopTask(ctx.db, { shopId: id, reasonCode: 'no_order', title: 'Appeler la gérante', dueDate: today(), source: 'alert' });
  const task = await ctx.db.selectFrom('shop_tasks').selectAll().where('shop_id', '=', id).executeTakeFirstOrThrow();
  const url = `/gestion/commerces/${id}/relances/${task.id}/fait`;
  const noNote = await concierge.post(url, { kind: 'call', outcome: 'call_back', note: ' ' }, url);
  assert.equal(noNote.statusCode, 422);
  const done = await concierge.post(url, { kind: 'call', outcome: 'call_back', note: 'Rappeler après les fêtes' }, url);
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, `/gestion/commerces/${id}/relances/nouvelle?apres=call&resultat=call_back`);
  const closed = await ctx.db.selectFrom('shop_tasks').selectAll().where('id', '=', task.id).executeTakeFirstOrThrow();
  assert.equal(closed.state, 'done');
  assert.equal(closed.note, 'Rappeler après les fêtes');
  const suggestion = await concierge.get(done.headers.location as string);
  assert.match(suggestion.body, /name="title" type="text" value="Rappeler"/);
  assert.match(suggestion.body, new RegExp(`name="due_date" type="text" value="${french(addDays(today(), 14))}"`));
  assert.match(visibleText(suggestion.body), /Ne rien prévoir/);
  const log = await ctx.db.selectFrom('shop_interactions').selectAll().where('shop_id', '=', id).execute();
  assert.deepEqual(log.map((row) => [row.kind, row.outcome]), [['call', 'call_back']]);
  // Accepting it opens the next follow-up.
  const accepted = await concierge.post(`/gestion/commerces/${id}/relances/nouvelle`, { title: 'Rappeler', due_date: french(addDays(today(), 14)) });
  assert.equal(accepted.statusCode, 303);
  const live = await ctx.db.selectFrom('shop_tasks').select(['title', 'due_date']).where('shop_id', '=', id).where('state', '=', 'open').execute();
  assert.deepEqual(live, [{ title: 'Rappeler', due_date: addDays(today(), 14) }]);
});

test('« Plus tard » puts a follow-up off to a later day, never to a past one', async () => {
  const id = await makeShop(ctx.db, { stage: 'member' });
  await openShopTask(ctx.db, { shopId: id, reasonCode: 'r', title: 'Passer voir', dueDate: today(), source: 'alert' });
  const task = await ctx.db.selectFrom('shop_tasks').selectAll().where('shop_id', '=', id).executeTakeFirstOrThrow();
  const url = `/gestion/commerces/${id}/relances/${task.id}/plus-tard`;
  const past = await concierge.post(url, { until: french(today()) }, url);
  assert.equal(past.statusCode, 422);
  assert.match(visibleText(past.body), /Choisissez un jour après aujourd’hui/);
  assert.equal((await concierge.post(url, { until: french(addDays(today(), 3)) }, url)).statusCode, 303);
  const snoozed = await ctx.db.selectFrom('shop_tasks').selectAll().where('id', '=', task.id).executeTakeFirstOrThrow();
  assert.deepEqual([snoozed.state, snoozed.snoozed_until], ['snoozed', addDays(today(), 3)]);
});

async function postPhotos(url: string, photos: Buffer[]) {
  const token = await concierge.csrfToken(url);
  const form = new FormData();
  form.append('_csrf', token);
  photos.forEach((photo, index) => form.append('photos', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `produit-${index}.jpg`));
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return ctx.app.inject({ method: 'POST', url, headers: { cookie: concierge.cookieHeader(), 'content-type': request.headers.get('content-type')! }, payload: Buffer.from(await request.arrayBuffer()) });
}

test('a visit settles the due follow-up, plans the next one, moves a prospect on and keeps its product photos', async () => {
  const id = await makeShop(ctx.db, { stage: 'prospect', tradeName: 'Épicerie Fine Lou' });
  await openShopTask(ctx.db, { shopId: id, reasonCode: 'visit', title: 'Première visite', dueDate: addDays(today(), -2), source: 'manual' });
  const task = await ctx.db.selectFrom('shop_tasks').selectAll().where('shop_id', '=', id).executeTakeFirstOrThrow();
  const shopPage = await concierge.get(`/gestion/commerces/${id}`);
  assert.match(shopPage.body, new RegExp(`href="/gestion/commerces/${id}/visite\\?relance=${task.id}"`));
  const visitUrl = `/gestion/commerces/${id}/visite?relance=${task.id}`;
  const visitPage = await concierge.get(visitUrl);
  assert.match(visibleText(visitPage.body), /Cette visite règle la relance « Première visite »/);
  const visitKey = /name="idempotency_key" value="([^"]+)"/.exec(visitPage.body)![1];
  const declinedWithoutReason = await concierge.post(`/gestion/commerces/${id}/visite`, { met: 'M. Lou', notes: '', outcome: 'declined', reason: '', next_title: '', next_date: '', task_id: task.id, campaign_id: '', idempotency_key: visitKey });
  assert.equal(declinedWithoutReason.statusCode, 422);
  assert.match(visibleText(declinedWithoutReason.body), /Choisissez la raison dans la liste/);
  const next = french(addDays(today(), 30));
  const saved = await concierge.post(`/gestion/commerces/${id}/visite`, { met: 'M. Lou, gérant', notes: 'Intéressé par la livraison', outcome: 'interested', reason: '', next_title: 'Repasser voir le commerce', next_date: next, task_id: task.id, campaign_id: '', idempotency_key: visitKey });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `/gestion/commerces/${id}/visite/photos`);
  assert.equal(await stageOf(id), 'in_talks');
  const tasks = await ctx.db.selectFrom('shop_tasks').select(['title', 'state', 'due_date']).where('shop_id', '=', id).orderBy('created_at').execute();
  assert.deepEqual(tasks, [
    { title: 'Première visite', state: 'done', due_date: addDays(today(), -2) },
    { title: 'Repasser voir le commerce', state: 'open', due_date: addDays(today(), 30) },
  ]);
  const none = await postPhotos(`/gestion/commerces/${id}/visite/photos`, []);
  assert.equal(none.statusCode, 422);
  const photos = await postPhotos(`/gestion/commerces/${id}/visite/photos`, [await makePhoto(), await makePhoto(640, 480)]);
  assert.equal(photos.statusCode, 303);
  const kept = await ctx.db.selectFrom('shop_visit_photos').select('image_id').where('shop_id', '=', id).execute();
  assert.equal(kept.length, 2);
  const page = visibleText((await concierge.get(`/gestion/commerces/${id}`)).body);
  assert.match(page, /2 photos enregistrées/);
  assert.match(page, /Photos de produits prises en visite/);
  assert.match(page, /Visite, .* — Intéressé/);
  // The storefront stays hidden: an « en discussion » shop is not public.
  assert.equal((await resident.get(`/commerces/${id}`)).statusCode, 404);
});

test('a campaign targets shops by stage (never « ne pas contacter ») and counts who joined and who declined', async () => {
  const [joins, declines, talks, silent] = await Promise.all([
    makeShop(ctx.db, { stage: 'prospect', categoryCode: 'cave' }),
    makeShop(ctx.db, { stage: 'prospect', categoryCode: 'cave' }),
    makeShop(ctx.db, { stage: 'contacted', categoryCode: 'cave' }),
    makeShop(ctx.db, { stage: 'prospect', categoryCode: 'cave' }),
  ]);
  const refused = await makeShop(ctx.db, { stage: 'do_not_contact', categoryCode: 'cave' });
  const form = '/gestion/campagnes/nouvelle';
  const backwards = await concierge.post(form, { idempotency_key: newIdempotencyKey(), name: 'Caves', starts_on: french(today()), ends_on: french(addDays(today(), -1)), stages: ['prospect', 'contacted'], category: 'cave' }, form);
  assert.equal(backwards.statusCode, 422);
  assert.match(visibleText(backwards.body), /La fin de la campagne ne peut pas être avant son début/);
  const created = await concierge.post(form, { idempotency_key: newIdempotencyKey(), name: 'Caves', starts_on: french(addDays(today(), -1)), ends_on: french(addDays(today(), 30)), stages: ['prospect', 'contacted', 'do_not_contact'], category: 'cave' }, form);
  assert.equal(created.statusCode, 303);
  const campaignUrl = created.headers.location as string;
  const campaignId = campaignUrl.split('/').pop()!;
  const targets = (await ctx.db.selectFrom('shop_campaign_targets').select('shop_id').where('campaign_id', '=', campaignId).execute()).map((row) => row.shop_id);
  assert.ok(!targets.includes(refused));
  assert.ok([joins, declines, talks, silent].every((id) => targets.includes(id)));
  await concierge.post(`/gestion/commerces/${joins}/etape`, { from: 'prospect', to: 'member' }, `/gestion/commerces/${joins}`);
  const declinesVisit = await concierge.get(`/gestion/commerces/${declines}/visite?campagne=${campaignId}`);
  const declinesKey = /name="idempotency_key" value="([^"]+)"/.exec(declinesVisit.body)![1];
  await concierge.post(`/gestion/commerces/${declines}/visite`, { met: '', notes: 'Trop cher pour lui', outcome: 'declined', reason: 'commission_too_high', next_title: '', next_date: '', task_id: '', campaign_id: campaignId, idempotency_key: declinesKey });
  await concierge.post(`/gestion/commerces/${talks}/etape`, { from: 'contacted', to: 'in_talks' }, `/gestion/commerces/${talks}`);
  const [result] = (await campaignResults(ctx.db, { timeZone: ctx.config.timeZone })).filter((campaign) => campaign.id === campaignId);
  assert.equal(result.targets, targets.length);
  assert.equal(result.joined, 1);
  assert.equal(result.inTalks, 1);
  assert.equal(result.declined, 1);
  assert.deepEqual(result.declinedReasons, { commission_too_high: 1 });
  assert.equal(result.contacted, 3);
  const page = visibleText((await town.get(campaignUrl)).body);
  assert.match(page, /Devenus adhérents\s*1/);
  assert.match(page, /Commission trop élevée : 1/);
});

test('access: a merchant and a resident get 404, the town reads but cannot write', async () => {
  const id = await makeShop(ctx.db, { stage: 'contacted' });
  const readable = [`/gestion/commerces/${id}`, '/gestion/relances', '/gestion/campagnes'];
  for (const url of readable) {
    assert.equal((await town.get(url)).statusCode, 200, url);
    assert.equal((await merchant.get(url)).statusCode, 404, url);
    assert.equal((await resident.get(url)).statusCode, 404, url);
  }
  assert.doesNotMatch((await town.get(`/gestion/commerces/${id}`)).body, /Noter une visite|Ajouter un contact/);
  for (const url of [`/gestion/commerces/${id}/visite`, `/gestion/commerces/${id}/contacts/nouveau`, '/gestion/campagnes/nouvelle']) {
    assert.equal((await town.get(url)).statusCode, 404, url);
    assert.equal((await merchant.get(url)).statusCode, 404, url);
  }
  const token = await town.csrfToken(`/gestion/commerces/${id}`);
  const posted = await town.post(`/gestion/commerces/${id}/contacts/nouveau`, { _csrf: token, idempotency_key: newIdempotencyKey(), person: 'X', role: '', phone: '0442000000', email: '' });
  assert.equal(posted.statusCode, 404);
  const ownShop = await merchant.get(`/gestion/commerces/${merchantShopId}`);
  assert.equal(ownShop.statusCode, 404);
  assert.equal((await ctx.db.selectFrom('shop_contacts').select('id').where('shop_id', '=', id).execute()).length, 0);
});
