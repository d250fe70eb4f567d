// A quote round through the app on a real database: the concierge asks providers, each answers
// from its mail's link (or the concierge types in a quote received by phone), the member
// compares and accepts one, the others are closed and told, the accepted quote becomes an
// order that waits at the counter once the work is done. Providers with a login do the same
// from their portal, and see only their own shop's requests.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { startClockAt } from '../../src/platform/clock.ts';
import { renderPage } from '../../src/platform/http.ts';
import { quotePanels } from '../../src/requests/quotes/quotes.panels.tsx';
import { requestFile } from '../../src/requests/requests.service.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { linkInMail, mailsTo, makeQuoteRequest, makeQuotesTown, QUOTES_DAY, TINY_PDF, type QuotesTown } from '../helpers/quotes.ts';
import { plain, visibleText } from '../helpers/text.ts';

let ctx: TestApp;
let town: QuotesTown;
let concierge: Agent;

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: QUOTES_DAY });
  town = await makeQuotesTown(ctx.db, ctx.config);
  concierge = new Agent(ctx.app);
  await concierge.login(town.concierge.email, town.concierge.password);
});
beforeEach(() => startClockAt(QUOTES_DAY));
after(() => ctx.close());

const text = (html: string) => plain(visibleText(html));
const quotesPage = (requestId: string) => `/gestion/demandes/${requestId}/devis`;

async function statusOf(requestId: string) {
  return (await ctx.db.selectFrom('service_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status;
}

async function quotesOf(requestId: string) {
  return ctx.db.selectFrom('service_quotes').select(['id', 'shop_id', 'status', 'amount_cents', 'order_id', 'entered_by', 'accepted_by_label']).where('request_id', '=', requestId).orderBy('asked_at').orderBy('id').execute();
}

async function ask(requestId: string, providerIds: string[], extra: Record<string, string> = {}) {
  await concierge.get(quotesPage(requestId));
  const key = /name="idempotency_key" value="([^"]+)"/.exec(concierge.lastHtml)?.[1] ?? 'missing-key-123';
  return concierge.post(`${quotesPage(requestId)}/demander`, { idempotency_key: key, providers: providerIds, ...extra });
}

async function answer(agent: Agent, path: string, fields: Record<string, string>, pdf?: Buffer) {
  await agent.get(path);
  return agent.postMultipart(`${path}/envoyer`, { vat_rate: '1000', note: '', ...fields }, pdf ? { field: 'file', filename: 'devis.pdf', contentType: 'application/pdf', data: pdf } : undefined);
}

test('two providers answer from their links, the member accepts one on the site, the other is told it is closed, the work done makes the order payable', async () => {
  const [martin, canal] = town.providers;
  const requestId = await makeQuoteRequest(ctx.db, ctx.config, town);
  const asked = await ask(requestId, [martin.id, canal.id]);
  assert.equal(asked.statusCode, 303, text(asked.body));
  assert.equal(await statusOf(requestId), 'quotes_asked');
  assert.deepEqual((await quotesOf(requestId)).map((quote) => quote.status), ['asked', 'asked']);

  // The provider's page: the need, not the member's phone nor address (not shared).
  const martinLink = await linkInMail(ctx.db, ctx.config, martin.email!, /Demande de devis/);
  const provider = new Agent(ctx.app);
  const page = await provider.get(martinLink);
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body), /Fuite sous l’évier de la cuisine/);
  assert.doesNotMatch(text(page.body), /avenue Félix Gouin|06 00 00/);
  assert.match(text(page.body), /transmettra les coordonnées/);

  const sent = await answer(provider, martinLink, { amount: '480,00', valid_until: '31/12/2026' }, TINY_PDF);
  assert.equal(sent.statusCode, 303, text(sent.body));
  assert.equal(await statusOf(requestId), 'quotes_received');
  const toMember = await mailsTo(ctx.db, town.resident.email);
  assert.ok(toMember.some((mail) => /Devis reçus/.test(mail.subject)), 'the member is told there are quotes to compare');

  const canalLink = await linkInMail(ctx.db, ctx.config, canal.email!, /Demande de devis/);
  const canalAgent = new Agent(ctx.app);
  assert.equal((await answer(canalAgent, canalLink, { amount: '395', valid_until: '2026-12-20' })).statusCode, 303);

  // The member compares on the site and accepts the cheaper one.
  const member = new Agent(ctx.app);
  await member.login(town.resident.email, town.resident.password);
  const compare = await member.get(`/compte/demandes/${requestId}/devis`);
  assert.equal(compare.statusCode, 200);
  assert.match(text(compare.body), /Plomberie Martin .*480,00 €.*dimanche 20 décembre inclus|Sanitaires du Canal/);
  assert.match(text(compare.body), /395,00 €/);
  assert.match(text(compare.body), /Voir le devis de Plomberie Martin en PDF/);
  const canalQuote = (await quotesOf(requestId)).find((quote) => quote.shop_id === canal.id)!;
  const key = new RegExp(`/devis/${canalQuote.id}/accepter"[\\s\\S]*?name="idempotency_key" value="([^"]+)"`).exec(compare.body)?.[1];
  assert.ok(key, 'each quote has its accept button');
  const accepted = await member.post(`/compte/demandes/${requestId}/devis/${canalQuote.id}/accepter`, { idempotency_key: key });
  assert.equal(accepted.statusCode, 303, text(accepted.body));
  assert.equal(await statusOf(requestId), 'quote_accepted');

  const quotes = await quotesOf(requestId);
  assert.deepEqual(Object.fromEntries(quotes.map((quote) => [quote.shop_id, quote.status])), { [martin.id]: 'closed', [canal.id]: 'accepted' });
  const closedMail = (await mailsTo(ctx.db, martin.email!)).find((mail) => /close/.test(mail.subject));
  assert.ok(closedMail && /a choisi un autre devis/.test(plain(closedMail.text_body)), 'the other provider is told the round is closed');
  assert.equal(closedMail.sealed_link, null, 'a closing mail carries no link');

  const orderId = quotes.find((quote) => quote.shop_id === canal.id)!.order_id!;
  const order = await ctx.db.selectFrom('orders').select(['status', 'total_cents', 'channel', 'member_id']).where('id', '=', orderId).executeTakeFirstOrThrow();
  assert.deepEqual({ ...order, total_cents: Number(order.total_cents) }, { status: 'preparing', total_cents: 39_500, channel: 'site', member_id: town.resident.memberId });

  // The accepted provider's mail now carries the member's contact; its link marks the work done.
  const acceptedMail = (await mailsTo(ctx.db, canal.email!)).find((mail) => /accepté/.test(mail.subject))!;
  assert.match(plain(acceptedMail.text_body), /avenue Félix Gouin/);
  const donePage = await canalAgent.get(canalLink);
  assert.match(text(donePage.body), /Votre devis est accepté/);
  const done = await canalAgent.post(`${canalLink}/fait`, {});
  assert.equal(done.statusCode, 303, text(done.body));
  assert.equal(await statusOf(requestId), 'done');
  assert.equal((await ctx.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status, 'ready');
  const again = await canalAgent.post(`${canalLink}/fait`, {});
  assert.equal(again.statusCode, 409);
  assert.match(text(again.body), /Le travail est noté comme fait/);
});

test('the concierge types in a quote received by phone, and records the member’s « yes » on the phone after its validity, with a warning kept in the history', async () => {
  const [, , eau] = town.providers;
  const requestId = await makeQuoteRequest(ctx.db, ctx.config, town, 'Chauffe-eau à remplacer');
  assert.equal((await ask(requestId, [eau.id], { share_contact: 'on' })).statusCode, 303);
  const [quote] = await quotesOf(requestId);
  const quotePage = `${quotesPage(requestId)}/${quote.id}`;
  await concierge.get(quotePage);
  const recorded = await concierge.postMultipart(`${quotePage}/saisir`, { amount: '1 250,50 €', valid_until: '04/12/2026', vat_rate: '550', note: 'Pose comprise' });
  assert.equal(recorded.statusCode, 303, text(recorded.body));
  assert.deepEqual((await quotesOf(requestId)).map((row) => [row.status, Number(row.amount_cents), row.entered_by]), [['received', 125_050, 'concierge']]);

  // Two days later the quote is over; the member says yes on the phone all the same.
  startClockAt('2026-12-05T09:00:00.000Z');
  const page = await concierge.get(quotePage);
  assert.match(text(page.body), /n’est plus valable depuis le vendredi 4 décembre/);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)![1];
  const accepted = await concierge.post(`${quotePage}/accepter`, { idempotency_key: key, who: 'Mme Martin', accepted_on: '05/12/2026' });
  assert.equal(accepted.statusCode, 303, text(accepted.body));
  const list = await concierge.get(quotesPage(requestId));
  assert.match(text(list.body), /n’était plus valable/);
  const [row] = await quotesOf(requestId);
  assert.equal(row.status, 'accepted');
  assert.match(plain(row.accepted_by_label ?? ''), /Mme Martin, par téléphone le samedi 5 décembre/);
  const events = await ctx.db.selectFrom('service_request_events').select(['to_status', 'note']).where('request_id', '=', requestId).where('to_status', '=', 'quote_accepted').execute();
  assert.match(plain(events[0].note), /Attention : ce devis n’était plus valable depuis le vendredi 4 décembre/);
  const order = await ctx.db.selectFrom('orders').select('channel').where('id', '=', row.order_id!).executeTakeFirstOrThrow();
  assert.equal(order.channel, 'telephone');
});

test('a provider with a login answers from its portal and sees only its own shop’s requests', async () => {
  const [martin, canal] = town.providers;
  const requestId = await makeQuoteRequest(ctx.db, ctx.config, town, 'Ballon d’eau chaude');
  await ask(requestId, [martin.id]);
  const [quote] = await quotesOf(requestId);
  const own = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: martin.id });
  const merchant = new Agent(ctx.app);
  await merchant.login(own.email, own.password);
  const list = await merchant.get(`/boutique/${martin.id}/demandes`);
  assert.equal(list.statusCode, 200);
  assert.match(text(list.body), /Ballon d’eau chaude/);
  const sent = await answer(merchant, `/boutique/${martin.id}/demandes/${quote.id}`, { amount: '300', valid_until: '15/12/2026' });
  assert.equal(sent.statusCode, 303, text(sent.body));
  assert.equal((await quotesOf(requestId))[0].status, 'received');

  const other = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: canal.id });
  const stranger = new Agent(ctx.app);
  await stranger.login(other.email, other.password);
  assert.equal((await stranger.get(`/boutique/${martin.id}/demandes`)).statusCode, 404);
  assert.equal((await stranger.get(`/boutique/${martin.id}/demandes/${quote.id}`)).statusCode, 404);
  assert.equal((await stranger.get(`/boutique/${canal.id}/demandes/${quote.id}`)).statusCode, 404, 'another shop’s quote under its own portal');
  assert.doesNotMatch(text((await stranger.get(`/boutique/${canal.id}/demandes`)).body), /Ballon d’eau chaude/);
});

test('the panels show the quotes to the concierge, the member and the follow page, whose PDF link opens without login', async () => {
  const [martin] = town.providers;
  const requestId = await makeQuoteRequest(ctx.db, ctx.config, town, 'Robinet de jardin');
  await ask(requestId, [martin.id]);
  const link = await linkInMail(ctx.db, ctx.config, martin.email!, /Demande de devis .*Robinet de jardin/);
  await answer(new Agent(ctx.app), link, { amount: '89,90', valid_until: '10/12/2026' }, TINY_PDF);

  const file = await requestFile(ctx.db, town.concierge, requestId);
  const panelCtx = { account: null, csrfToken: () => 'jeton', path: '/', conciergerie: ctx.config.conciergerie, timeZone: ctx.config.timeZone, assets: ctx.app.assets.urls, basketCount: 0 };
  const follow = renderPage((await quotePanels.follow!({ db: ctx.db, config: ctx.config, ctx: panelCtx, file }))!);
  assert.match(text(follow), /Plomberie Martin .*89,90 €/);
  assert.doesNotMatch(follow, /<form/, 'the follow page only reads');
  const pdfHref = /href="([^"]+\/pdf)"/.exec(follow)![1];
  const pdf = await new Agent(ctx.app).get(pdfHref);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.ok(pdf.rawPayload.equals(TINY_PDF));
  assert.equal((await new Agent(ctx.app).get(pdfHref.replace(/\/suivi\/([^/]+)\/[^/]+\//, '/suivi/$1/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/'))).statusCode, 404);

  const member = renderPage((await quotePanels.member!({ db: ctx.db, config: ctx.config, ctx: panelCtx, file }))!);
  assert.match(text(member), /Accepter ce devis/);
  const desk = renderPage((await quotePanels.concierge!({ db: ctx.db, config: ctx.config, ctx: panelCtx, file }))!);
  assert.match(text(desk), /Demander des devis/);
  assert.match(text(desk), /Robinetterie Durand — Plombier \(pas de courriel : à appeler\)/);
});
