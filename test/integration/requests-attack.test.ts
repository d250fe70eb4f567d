// Attacks on the service-requests routes, kept as regression tests: each role that is not the
// owner (another resident, a visitor, a merchant of another provider, the town, a driver) is
// turned away from a request's pages, its PDFs and calendar files; an id of another request
// under a request's address opens nothing; a token of one purpose opens nothing of another;
// a provider's page keeps the member's phone and address to itself until shared; NUL
// characters and oversized fields are refused in French.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { startClockAt } from '../../src/platform/clock.ts';
import { signedToken } from '../../src/platform/signed-links.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { setOpeningHours } from '../../src/shops/index.ts';
import { askForService } from '../../src/requests/requests.service.ts';
import { FOLLOW_PURPOSE, followLink } from '../../src/requests/requests.mails.ts';
import { findRequest } from '../../src/requests/requests.repository.ts';
import { QUOTE_LINK_PURPOSE } from '../../src/requests/quotes/quotes.mails.ts';
import { providerLink } from '../../src/requests/appointments/appointments.mails.ts';
import { latestAppointmentOf } from '../../src/requests/appointments/appointments.repository.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { ALL_WEEK, makeResident, type Resident } from '../helpers/orders.ts';
import { makeProvider } from '../helpers/shops.ts';
import { linkInMail, makeQuoteRequest, makeQuotesTown, QUOTES_DAY, type QuotesTown } from '../helpers/quotes.ts';
import { plain, visibleText } from '../helpers/text.ts';

let ctx: TestApp;
let town: QuotesTown;
let concierge: Agent;
let owner: Agent;
let intruder: Agent;
let intruderResident: Resident;
let plumber: string;
let tailor: string;

const text = (html: string) => plain(visibleText(html));

async function loggedIn(email: string, password: string): Promise<Agent> {
  const agent = new Agent(ctx.app);
  await agent.login(email, password);
  return agent;
}

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: QUOTES_DAY });
  town = await makeQuotesTown(ctx.db, ctx.config);
  concierge = await loggedIn(town.concierge.email, town.concierge.password);
  owner = await loggedIn(town.resident.email, town.resident.password);
  intruderResident = await makeResident(ctx.db, ctx.config);
  intruder = await loggedIn(intruderResident.email, intruderResident.password);
  plumber = await makeProvider(ctx.db, { tradeName: 'Plomberie de garde', email: 'garde@exemple.fr' });
  await setOpeningHours(ctx.db, town.concierge, plumber, ALL_WEEK);
  tailor = await makeProvider(ctx.db, { tradeName: 'Couture Lucie', profile: { trades: ['tailor'] } });
});
beforeEach(() => startClockAt(QUOTES_DAY));
after(() => ctx.close());

const quotesPage = (requestId: string) => `/gestion/demandes/${requestId}/devis`;

async function ask(requestId: string, providerIds: string[]) {
  await concierge.get(quotesPage(requestId));
  const key = /name="idempotency_key" value="([^"]+)"/.exec(concierge.lastHtml)![1];
  return concierge.post(`${quotesPage(requestId)}/demander`, { idempotency_key: key, providers: providerIds });
}

/** A quote request asked of the first provider, who answered from its link. */
async function answeredRound(title: string, shareContact = false) {
  const requestId = await makeQuoteRequest(ctx.db, ctx.config, town, title);
  await concierge.get(quotesPage(requestId));
  const key = /name="idempotency_key" value="([^"]+)"/.exec(concierge.lastHtml)![1];
  const asked = await concierge.post(`${quotesPage(requestId)}/demander`, { idempotency_key: key, providers: [town.providers[0].id], ...(shareContact ? { share_contact: 'on' } : {}) });
  assert.equal(asked.statusCode, 303);
  const link = await linkInMail(ctx.db, ctx.config, town.providers[0].email!, new RegExp(title));
  const provider = new Agent(ctx.app);
  await provider.get(link);
  const sent = await provider.postMultipart(`${link}/envoyer`, { vat_rate: '2000', amount: '180', valid_until: '31/12/2026' });
  assert.equal(sent.statusCode, 303);
  const quote = await ctx.db.selectFrom('service_quotes').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
  return { requestId, link, quoteId: quote.id };
}

async function appointmentRequest(): Promise<string> {
  return askForService(ctx.db, ctx.config, town.concierge, { kind: 'appointment', memberId: town.resident.memberId, channel: 'phone', title: 'Chauffe-eau', details: '' }, newIdempotencyKey());
}

async function bookedAppointment(): Promise<{ requestId: string; link: string }> {
  const requestId = await appointmentRequest();
  const desk = `/gestion/demandes/${requestId}/rendez-vous`;
  const booked = await concierge.post(desk, { provider: plumber, date: '10/12/2026', time: '10:00', duration: '60', idempotency_key: newIdempotencyKey() }, desk);
  assert.equal(booked.statusCode, 303);
  const appointment = (await latestAppointmentOf(ctx.db, requestId))!;
  return { requestId, link: new URL(providerLink(ctx.config, appointment)).pathname };
}

/** A quote request of another member, asked of the first provider, who answered. */
async function othersAnsweredRound(title: string) {
  const requestId = await askForService(ctx.db, ctx.config, town.concierge, { kind: 'quote', memberId: intruderResident.memberId, channel: 'phone', title, details: '' }, newIdempotencyKey());
  assert.equal((await ask(requestId, [town.providers[1].id])).statusCode, 303);
  const link = await linkInMail(ctx.db, ctx.config, town.providers[1].email!, new RegExp(title));
  const provider = new Agent(ctx.app);
  await provider.get(link);
  assert.equal((await provider.postMultipart(`${link}/envoyer`, { vat_rate: '2000', amount: '95', valid_until: '31/12/2026' })).statusCode, 303);
  const quote = await ctx.db.selectFrom('service_quotes').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
  return { requestId, quoteId: quote.id };
}

const quoteStatus = async (quoteId: string) => (await ctx.db.selectFrom('service_quotes').select('status').where('id', '=', quoteId).executeTakeFirstOrThrow()).status;
const messageCount = async (requestId: string) => (await ctx.db.selectFrom('service_request_messages').select('id').where('request_id', '=', requestId).execute()).length;

test('another resident opens, writes to, cancels and rates none of a member’s requests, nor reads its calendar file', async () => {
  const { requestId } = await bookedAppointment();
  const mine = `/compte/demandes/${requestId}`;
  assert.equal((await intruder.get(mine)).statusCode, 404);
  assert.equal((await intruder.get(`${mine}/rendez-vous.ics`)).statusCode, 404);
  const csrf = await intruder.csrfToken('/compte');
  for (const [action, fields] of [['message', { body: 'Bonjour' }], ['annuler', {}], ['noter', { rating: '5', note: '' }]] as const) {
    assert.equal((await intruder.post(`${mine}/${action}`, { _csrf: csrf, ...fields })).statusCode, 404, action);
  }
  assert.equal(await messageCount(requestId), 0);
  assert.equal((await findRequest(ctx.db, requestId))!.status, 'appointment_proposed');
  assert.equal((await intruder.get(`/gestion/demandes/${requestId}`)).statusCode, 404, 'the desk page is the concierge’s');
});

test('another request’s quote under one’s own request opens nothing: neither its acceptance, nor its PDF, nor the concierge’s page', async () => {
  const mine = await answeredRound('Chaudière qui siffle');
  const theirs = await othersAnsweredRound('Évier qui fuit');
  const own = `/compte/demandes/${mine.requestId}/devis`;
  await owner.get(own);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(owner.lastHtml)![1];
  assert.equal((await owner.post(`${own}/${theirs.quoteId}/accepter`, { idempotency_key: key })).statusCode, 404);
  assert.equal((await owner.get(`${own}/${theirs.quoteId}/pdf`)).statusCode, 404);
  const desk = `${quotesPage(mine.requestId)}/${theirs.quoteId}`;
  assert.equal((await concierge.get(desk)).statusCode, 404);
  const csrf = await concierge.csrfToken(quotesPage(mine.requestId));
  assert.equal((await concierge.post(`${desk}/accepter`, { _csrf: csrf, idempotency_key: newIdempotencyKey(), who: 'Mme Martin', accepted_on: '03/12/2026' })).statusCode, 404);
  assert.deepEqual([await quoteStatus(theirs.quoteId), await quoteStatus(mine.quoteId)], ['received', 'received']);
  assert.equal((await findRequest(ctx.db, theirs.requestId))!.status, 'quotes_received');
});

test('a request of one kind is no request of another: no item taken in on a quote, no appointment on a repair, no quotes on an appointment', async () => {
  const quoteRequest = await makeQuoteRequest(ctx.db, ctx.config, town, 'Carrelage fendu');
  const repair = await askForService(ctx.db, ctx.config, town.concierge, { kind: 'repair', memberId: town.resident.memberId, channel: 'counter', title: 'Veste', details: '' }, newIdempotencyKey());
  const appointment = await appointmentRequest();
  const csrf = await concierge.csrfToken(`/gestion/demandes/${quoteRequest}`);
  const intake = await concierge.post(`/gestion/demandes/${quoteRequest}/objet/depot`, { _csrf: csrf, idempotency_key: newIdempotencyKey(), description: 'veste', provider: tailor, shelf: 'A1', price: '' });
  assert.equal(intake.statusCode, 404);
  assert.equal((await ctx.db.selectFrom('repair_items').select('id').where('request_id', '=', quoteRequest).execute()).length, 0);
  assert.equal((await concierge.get(`/gestion/demandes/${repair}/rendez-vous`)).statusCode, 404);
  const booked = await concierge.post(`/gestion/demandes/${repair}/rendez-vous`, { _csrf: csrf, provider: plumber, date: '10/12/2026', time: '10:00', duration: '60', idempotency_key: newIdempotencyKey() });
  assert.equal(booked.statusCode, 404);
  assert.equal((await ctx.db.selectFrom('appointments').select('id').where('request_id', '=', repair).execute()).length, 0);
  assert.equal((await concierge.get(quotesPage(appointment))).statusCode, 404);
  const asked = await concierge.post(`${quotesPage(appointment)}/demander`, { _csrf: csrf, idempotency_key: newIdempotencyKey(), providers: [town.providers[0].id] });
  assert.equal(asked.statusCode, 404);
  assert.equal((await ctx.db.selectFrom('service_quotes').select('id').where('request_id', '=', appointment).execute()).length, 0);
  assert.equal((await owner.get(`/compte/demandes/${repair}/devis`)).statusCode, 404);
});

test('a token of one purpose opens nothing of another: follow, quote and appointment links, and one request’s follow token on another', async () => {
  const round = await answeredRound('Fenêtre qui ferme mal');
  const { requestId: appointmentId } = await bookedAppointment();
  const appointment = (await latestAppointmentOf(ctx.db, appointmentId))!;
  const followToken = signedToken(ctx.config.sessionSecret, FOLLOW_PURPOSE, round.requestId);
  const quoteToken = round.link.split('/')[3];
  const visitor = new Agent(ctx.app);
  // Each token signed for the very id in the path, but for another purpose.
  assert.equal((await visitor.get(`/devis/${round.quoteId}/${signedToken(ctx.config.sessionSecret, FOLLOW_PURPOSE, round.quoteId)}`)).statusCode, 404);
  assert.equal((await visitor.get(`/suivi/${round.requestId}/${signedToken(ctx.config.sessionSecret, QUOTE_LINK_PURPOSE, round.requestId)}`)).statusCode, 404);
  assert.equal((await visitor.get(`/rendez-vous/${appointment.id}/${signedToken(ctx.config.sessionSecret, QUOTE_LINK_PURPOSE, appointment.id)}`)).statusCode, 404);
  assert.equal((await visitor.get(`/rendez-vous/${appointment.id}/${signedToken(ctx.config.sessionSecret, FOLLOW_PURPOSE, appointment.id)}`)).statusCode, 404);
  // Real tokens, on the wrong thing.
  assert.equal((await visitor.get(`/devis/${round.quoteId}/${followToken}`)).statusCode, 404);
  assert.equal((await visitor.get(`/suivi/${round.requestId}/${quoteToken}`)).statusCode, 404);
  assert.equal((await visitor.get(`/suivi/${appointmentId}/${followToken}`)).statusCode, 404);
  assert.equal((await visitor.get(`/suivi/${appointmentId}/${followToken}/rendez-vous.ics`)).statusCode, 404);
  assert.equal((await visitor.get(`/suivi/${round.requestId}/${followToken}/devis/${round.quoteId}/pdf`)).statusCode, 404, 'no PDF was sent with this quote');
  // The genuine follow link opens its own request.
  assert.equal((await visitor.get(new URL(followLink(ctx.config, round.requestId)).pathname)).statusCode, 200);
});

test('a merchant of provider B opens neither provider A’s quote on its portal nor lists A’s requests', async () => {
  const round = await answeredRound('Chasse d’eau');
  const providerA = town.providers[0].id;
  const providerB = town.providers[1].id;
  const made = await makeAccount(ctx.db, ctx.config, 'merchant', { shopId: providerB });
  const merchantB = await loggedIn(made.email, made.password);
  for (const path of [`/boutique/${providerA}/demandes`, `/boutique/${providerA}/demandes/${round.quoteId}`, `/boutique/${providerB}/demandes/${round.quoteId}`, `/boutique/${providerB}/demandes/${round.quoteId}/pdf`]) {
    const response = await merchantB.get(path);
    assert.ok([403, 404].includes(response.statusCode), `${path}: ${response.statusCode}`);
    assert.doesNotMatch(text(response.body), /Chasse d’eau|180,00/, path);
  }
  const csrf = await merchantB.csrfToken(`/boutique/${providerB}/demandes`);
  const forged = await merchantB.postMultipart(`/boutique/${providerB}/demandes/${round.quoteId}/fait`, { _csrf: csrf });
  assert.equal(forged.statusCode, 404);
  assert.equal(await quoteStatus(round.quoteId), 'received');
});

test('the provider’s quote page shows the member’s phone and address only when the concierge shared them', async () => {
  const member = await ctx.db.selectFrom('members').select(['phone', 'address_line', 'last_name']).where('id', '=', town.resident.memberId).executeTakeFirstOrThrow();
  const hidden = await answeredRound('Gouttière bouchée');
  const page = text((await new Agent(ctx.app).get(hidden.link)).body);
  assert.match(page, /Gouttière bouchée/);
  assert.doesNotMatch(page, new RegExp(member.last_name));
  assert.ok(!page.includes(plain(member.address_line!)), 'no address');
  assert.ok(!page.replace(/\s/g, '').includes(member.phone!.replace(/\s/g, '')), 'no phone');
  const shared = await answeredRound('Cumulus en panne', true);
  const sharedPage = text((await new Agent(ctx.app).get(shared.link)).body);
  assert.ok(sharedPage.replace(/\s/g, '').includes(member.phone!.replace(/\s/g, '')), 'the phone, once shared');
});

test('« Courriels envoyés » shows no follow link nor provider link, in its list or in any mail it opens', async () => {
  await answeredRound('Prise arrachée');
  await bookedAppointment();
  const list = await concierge.get('/gestion/courriels');
  assert.equal(list.statusCode, 200);
  const rows = await ctx.db.selectFrom('outbox').select(['id', 'recipient']).where('recipient', 'in', [town.resident.email, town.providers[0].email!, 'garde@exemple.fr']).execute();
  assert.ok(rows.length >= 3);
  const credential = /\/(suivi|devis|rendez-vous)\/[^/\s"<]+\/[A-Za-z0-9_-]{32}/;
  assert.match(followLink(ctx.config, rows[0].id), credential, 'the pattern does catch a link');
  assert.doesNotMatch(list.body, credential);
  for (const row of rows) {
    const mail = await concierge.get(`/gestion/courriels/${row.id}`);
    assert.equal(mail.statusCode, 200, row.recipient);
    assert.doesNotMatch(mail.body, credential, row.recipient);
  }
  // Nor the request's page, for the concierge.
  const [request] = await ctx.db.selectFrom('service_requests').select('id').where('title', '=', 'Prise arrachée').execute();
  assert.doesNotMatch((await concierge.get(`/gestion/demandes/${request.id}`)).body, credential);
  assert.doesNotMatch((await concierge.get(quotesPage(request.id))).body, credential);
});

test('a NUL character or an oversized field is refused in French; nothing is stored', async () => {
  const requestId = await makeQuoteRequest(ctx.db, ctx.config, town, 'Volet cassé');
  const mine = `/compte/demandes/${requestId}`;
  const nul = await owner.post(`${mine}/message`, { body: 'Bonjour\u0000' }, mine);
  assert.equal(nul.statusCode, 422);
  const huge = await owner.post(`${mine}/message`, { body: 'x'.repeat(2001) }, mine);
  assert.equal(huge.statusCode, 422);
  assert.equal(await messageCount(requestId), 0);
  const before = (await ctx.db.selectFrom('service_requests').select('id').execute()).length;
  for (const title of ['Fuite\u0000', 'x'.repeat(121)]) {
    await owner.get('/besoin');
    const key = /name="idempotency_key" value="([^"]+)"/.exec(owner.lastHtml)![1];
    const asked = await owner.post('/besoin', { idempotency_key: key, kind: 'quote', title, details: '' });
    assert.equal(asked.statusCode, 422, JSON.stringify(title.slice(0, 10)));
    assert.match(text(asked.body), /[A-Za-zÀ-ÿ]/);
  }
  assert.equal((await ctx.db.selectFrom('service_requests').select('id').execute()).length, before);
});

test('a request is cancelled from its page only while nothing is held: not with a slot proposed, a quote accepted or an item on a shelf', async () => {
  const cancel = (requestId: string) => concierge.post(`/gestion/demandes/${requestId}/annuler`, { reason: 'Plus besoin' }, `/gestion/demandes/${requestId}`);
  const { requestId: slot, link } = await bookedAppointment();
  const refused = await cancel(slot);
  assert.equal(refused.statusCode, 422);
  assert.match(text(refused.body), /un rendez-vous s’annule dans sa partie « Rendez-vous »/);
  assert.equal((await latestAppointmentOf(ctx.db, slot))!.status, 'proposed');
  assert.equal((await new Agent(ctx.app).get(link)).statusCode, 200, 'the provider can still answer');

  const { requestId: accepted, quoteId } = await answeredRound('Chaudière à changer');
  const ownPage = `/compte/demandes/${accepted}/devis`;
  await owner.get(ownPage);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(owner.lastHtml)![1];
  assert.equal((await owner.post(`${ownPage}/${quoteId}/accepter`, { idempotency_key: key })).statusCode, 303);
  assert.equal((await cancel(accepted)).statusCode, 422);
  assert.equal(await quoteStatus(quoteId), 'accepted');

  const repair = await askForService(ctx.db, ctx.config, town.concierge, { kind: 'repair', memberId: town.resident.memberId, channel: 'counter', title: 'Manteau', details: '' }, newIdempotencyKey());
  const page = `/gestion/demandes/${repair}`;
  await concierge.get(`${page}/objet/depot`);
  const intake = await concierge.post(`${page}/objet/depot`, { idempotency_key: newIdempotencyKey(), description: 'manteau gris', provider: tailor, shelf: 'A1', price: '' }, page);
  assert.equal(intake.statusCode, 303);
  assert.equal((await cancel(repair)).statusCode, 422);
  const row = await ctx.db.selectFrom('service_requests').select('status').where('id', '=', repair).executeTakeFirstOrThrow();
  assert.equal(row.status, 'at_counter');
});

test('a phone acceptance dated before its quote came in, and a slot years ahead, are refused next to their field', async () => {
  const { requestId, quoteId } = await answeredRound('Volet roulant');
  const page = `/gestion/demandes/${requestId}/devis/${quoteId}`;
  await concierge.get(page);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(concierge.lastHtml)?.[1] ?? newIdempotencyKey();
  const old = await concierge.post(`${page}/accepter`, { who: 'Mme Blanc', accepted_on: '01/01/1990', idempotency_key: key }, page);
  assert.equal(old.statusCode, 422);
  assert.match(text(old.body), /pas encore reçu ce jour-là/);
  assert.equal(await quoteStatus(quoteId), 'received');

  const slot = await appointmentRequest();
  const desk = `/gestion/demandes/${slot}/rendez-vous`;
  const far = await concierge.post(desk, { provider: plumber, date: '10/12/2999', time: '10:00', duration: '60', idempotency_key: newIdempotencyKey() }, desk);
  assert.equal(far.statusCode, 422);
  assert.match(text(far.body), /plus d’un an/);
  assert.equal(await latestAppointmentOf(ctx.db, slot), undefined);
});
