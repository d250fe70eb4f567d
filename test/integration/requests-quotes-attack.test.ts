// Bad input against quote rounds: a quote without amount, an amount that is no number or not
// above zero, a validity already over, a file that is no PDF, a link used twice or after the
// request was cancelled, a token or a merchant reading another provider's quote, too many (or
// no) providers, two acceptances for one request (one after the other, and at once). Each is
// refused in French, never a 500, and changes nothing.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { startClockAt } from '../../src/platform/clock.ts';
import { cancelRequest } from '../../src/requests/requests.service.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeResident } from '../helpers/orders.ts';
import { linkInMail, makeQuoteRequest, makeQuotesTown, QUOTES_DAY, type QuotesTown } from '../helpers/quotes.ts';
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

async function ask(requestId: string, providerIds: string[]) {
  await concierge.get(quotesPage(requestId));
  const key = /name="idempotency_key" value="([^"]+)"/.exec(concierge.lastHtml)![1];
  return concierge.post(`${quotesPage(requestId)}/demander`, { idempotency_key: key, providers: providerIds });
}

async function quotesOf(requestId: string) {
  return ctx.db.selectFrom('service_quotes').selectAll().where('request_id', '=', requestId).orderBy('asked_at').orderBy('id').execute();
}

/** A request asked of the first `count` providers; their links, in the same order. */
async function round(title: string, count = 1) {
  const requestId = await makeQuoteRequest(ctx.db, ctx.config, town, title);
  const providers = town.providers.slice(0, count);
  assert.equal((await ask(requestId, providers.map((provider) => provider.id))).statusCode, 303);
  const links = [];
  for (const provider of providers) links.push(await linkInMail(ctx.db, ctx.config, provider.email!, new RegExp(title)));
  return { requestId, links };
}

async function send(agent: Agent, link: string, fields: Record<string, string>, file?: { filename: string; contentType: string; data: Buffer }) {
  await agent.get(link);
  return agent.postMultipart(`${link}/envoyer`, { vat_rate: '2000', ...fields }, file ? { field: 'file', ...file } : undefined);
}

test('a quote without amount, with an amount that is no number or not above zero, a validity already over or a file that is no PDF: refused beside its field, nothing recorded', async () => {
  const { requestId, links } = await round('Volets roulants bloqués');
  const provider = new Agent(ctx.app);
  const cases: Array<[Record<string, string>, RegExp, { filename: string; contentType: string; data: Buffer }?]> = [
    [{ amount: '', valid_until: '31/12/2026' }, /Indiquez le montant du devis, toutes taxes comprises/],
    [{ amount: 'quatre cents', valid_until: '31/12/2026' }, /Indiquez un prix en euros, par exemple 12,50/],
    [{ amount: '0', valid_until: '31/12/2026' }, /Indiquez un montant supérieur à 0/],
    [{ amount: '-20', valid_until: '31/12/2026' }, /Indiquez un prix en euros/],
    [{ amount: '250', valid_until: '02/12/2026' }, /Cette date est déjà passée/],
    [{ amount: '250', valid_until: '31/02/2026' }, /Indiquez une date, par exemple 31\/12\/2026/],
    [{ amount: '250', valid_until: '31/12/2026' }, /Le fichier doit être un PDF/, { filename: 'devis.pdf', contentType: 'application/pdf', data: Buffer.from('<html>pas un pdf</html>') }],
  ];
  for (const [fields, message, file] of cases) {
    const answer = await send(provider, links[0], fields, file);
    assert.equal(answer.statusCode, 422, `${JSON.stringify(fields)}: ${answer.statusCode}`);
    assert.match(text(answer.body), message);
    assert.match(answer.body, /aria-invalid="true"/, 'the field in error is marked');
  }
  const [quote] = await quotesOf(requestId);
  assert.deepEqual([quote.status, quote.amount_cents, quote.pdf_bytes], ['asked', null, null]);
  assert.equal((await ctx.db.selectFrom('service_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status, 'quotes_asked');
  // The same day is still valid: a quote holds until the end of the day it names.
  assert.equal((await send(provider, links[0], { amount: '250', valid_until: '03/12/2026' })).statusCode, 303);
});

test('a link used twice says « Votre devis a déjà été envoyé » and keeps the first quote', async () => {
  const { requestId, links } = await round('Chasse d’eau qui fuit');
  const provider = new Agent(ctx.app);
  assert.equal((await send(provider, links[0], { amount: '120', valid_until: '31/12/2026' })).statusCode, 303);
  const token = await provider.csrfToken('/connexion');
  const second = await provider.postMultipart(`${links[0]}/envoyer`, { _csrf: token, vat_rate: '2000', amount: '999', valid_until: '31/12/2026' });
  assert.notEqual(second.statusCode, 500);
  assert.match(text(second.body), /Votre devis a déjà été envoyé/);
  assert.match(text((await provider.get(links[0])).body), /Votre devis a déjà été envoyé/);
  assert.equal(Number((await quotesOf(requestId))[0].amount_cents), 12_000);
});

test('a link after the request was cancelled says so, and sends nothing', async () => {
  const { requestId, links } = await round('Carrelage de la douche');
  await cancelRequest(ctx.db, ctx.config, town.concierge, requestId, 'Mme Martin a trouvé quelqu’un');
  const provider = new Agent(ctx.app);
  const page = await provider.get(links[0]);
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body), /Cette demande a été annulée/);
  assert.doesNotMatch(page.body, /envoyer"/, 'no form to send a quote');
  const token = await provider.csrfToken('/connexion');
  const sent = await provider.postMultipart(`${links[0]}/envoyer`, { _csrf: token, vat_rate: '2000', amount: '100', valid_until: '31/12/2026' });
  assert.notEqual(sent.statusCode, 500);
  assert.match(text(sent.body), /Cette demande a été annulée/);
  assert.equal((await quotesOf(requestId))[0].status, 'asked');
});

test('a token for quote A opens neither quote B nor its PDF, and cannot send quote B (a merchant’s portal: requests-quotes.test.ts)', async () => {
  const { links } = await round('Robinet thermostatique', 2);
  const [, quoteB] = links.map((link) => link.split('/')[2]);
  const tokenA = links[0].split('/')[3];
  const stranger = new Agent(ctx.app);
  assert.equal((await stranger.get(`/devis/${quoteB}/${tokenA}`)).statusCode, 404);
  assert.equal((await stranger.get(`/devis/${quoteB}/${tokenA}/pdf`)).statusCode, 404);
  assert.equal((await stranger.get(`/devis/${quoteB}/pas-un-jeton`)).statusCode, 404);
  const token = await stranger.csrfToken('/connexion');
  const forged = await stranger.postMultipart(`/devis/${quoteB}/${tokenA}/envoyer`, { _csrf: token, vat_rate: '2000', amount: '1', valid_until: '31/12/2026' });
  assert.equal(forged.statusCode, 404);
  assert.match(text(forged.body), /Cette page n’existe pas/);
});

test('no provider, or more than three, is refused in French; nothing is asked', async () => {
  const requestId = await makeQuoteRequest(ctx.db, ctx.config, town, 'Peinture du salon');
  const none = await ask(requestId, []);
  assert.equal(none.statusCode, 422);
  assert.match(text(none.body), /Cochez au moins un artisan/);
  const four = await ask(requestId, town.providers.map((provider) => provider.id));
  assert.equal(four.statusCode, 422);
  assert.match(text(four.body), /Cochez au plus 3 artisans/);
  assert.match(four.body, /checked/, 'the ticks are kept');
  const forged = await ask(requestId, ['not an id']);
  assert.equal(forged.statusCode, 422);
  assert.equal((await quotesOf(requestId)).length, 0);
  assert.equal((await ctx.db.selectFrom('service_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status, 'new');
});

/** A round of two quotes both received, and the member logged in on its page. */
async function twoQuotesIn(title: string) {
  const { requestId, links } = await round(title, 2);
  for (const [index, link] of links.entries()) assert.equal((await send(new Agent(ctx.app), link, { amount: `${200 + index}`, valid_until: '31/12/2026' })).statusCode, 303);
  const member = new Agent(ctx.app);
  await member.login(town.resident.email, town.resident.password);
  const page = await member.get(`/compte/demandes/${requestId}/devis`);
  const quotes = await quotesOf(requestId);
  const keyOf = (quoteId: string) => new RegExp(`/devis/${quoteId}/accepter"[\\s\\S]*?name="idempotency_key" value="([^"]+)"`).exec(page.body)![1];
  return { requestId, member, quotes, keys: quotes.map((quote) => keyOf(quote.id)), csrf: await member.csrfToken() };
}

test('a second quote accepted for the same request is refused: « Un devis est déjà accepté pour cette demande »', async () => {
  const { requestId, member, quotes, keys, csrf } = await twoQuotesIn('Évier bouché');
  const accept = (index: number) => member.post(`/compte/demandes/${requestId}/devis/${quotes[index].id}/accepter`, { _csrf: csrf, idempotency_key: keys[index] });
  assert.equal((await accept(0)).statusCode, 303);
  const second = await accept(1);
  assert.equal(second.statusCode, 422);
  assert.match(text(second.body), /Un devis est déjà accepté pour cette demande/);
  // The concierge recording a « yes » by phone for the other is refused the same way.
  const page = `${quotesPage(requestId)}/${quotes[1].id}`;
  await concierge.get(page);
  const byPhone = await concierge.post(`${page}/accepter`, { idempotency_key: 'cle-de-test-telephone-1', who: 'Mme Martin', accepted_on: '03/12/2026' });
  assert.equal(byPhone.statusCode, 422);
  assert.match(text(byPhone.body), /Un devis est déjà accepté pour cette demande/);
  const statuses = (await quotesOf(requestId)).map((quote) => quote.status);
  assert.deepEqual(statuses, ['accepted', 'closed']);
  assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', town.resident.memberId).where('total_cents', 'in', [20_000, 20_100]).execute()).length, 1);
});

test('two acceptances sent at once for two quotes of one request: one wins, the other is told, one order', async () => {
  const { requestId, member, quotes, keys, csrf } = await twoQuotesIn('Mitigeur de douche');
  const answers = await Promise.all(quotes.map((quote, index) => member.post(`/compte/demandes/${requestId}/devis/${quote.id}/accepter`, { _csrf: csrf, idempotency_key: keys[index] })));
  assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [303, 422]);
  assert.match(text(answers.find((answer) => answer.statusCode === 422)!.body), /Un devis est déjà accepté pour cette demande/);
  const rows = await quotesOf(requestId);
  assert.deepEqual(rows.map((quote) => quote.status).sort(), ['accepted', 'closed']);
  assert.equal(rows.filter((quote) => quote.order_id !== null).length, 1);
});

test('another member reads neither the quotes nor accepts one; a provider’s page is no member’s page', async () => {
  const { requestId, quotes } = await twoQuotesIn('Fuite du radiateur');
  const other = await makeResident(ctx.db, ctx.config);
  const intruder = new Agent(ctx.app);
  await intruder.login(other.email, other.password);
  assert.equal((await intruder.get(`/compte/demandes/${requestId}/devis`)).statusCode, 404);
  assert.equal((await intruder.get(`/compte/demandes/${requestId}/devis/${quotes[0].id}/pdf`)).statusCode, 404);
  const token = await intruder.csrfToken('/compte');
  const forged = await intruder.post(`/compte/demandes/${requestId}/devis/${quotes[0].id}/accepter`, { _csrf: token, idempotency_key: 'cle-de-test-intrus-001' });
  assert.equal(forged.statusCode, 404);
  assert.equal((await intruder.get(quotesPage(requestId))).statusCode, 404, 'the concierge’s page');
  assert.deepEqual((await quotesOf(requestId)).map((quote) => quote.status), ['received', 'received']);
});
