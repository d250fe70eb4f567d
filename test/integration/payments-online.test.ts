// Online payment of an order, through the pages and the webhook, on a real database: the
// resident chooses « Payer en ligne » at checkout and pays on the demo page; with Stripe, the
// real SDK talks to a local double of Stripe's API and the webhook receives events signed by
// the SDK's own helper. A payment is recorded once (same session → one row, same event →
// ignored), never more than what is due, and only for the order's owner.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makeShop } from '../helpers/shops.ts';
import { makeOrder, makePlace, makeResident, type Resident } from '../helpers/orders.ts';
import { signedWebhook, startStripeDouble, stripeEvent, type StripeDouble } from '../helpers/stripe-api.ts';
import { accountBasketKey, addFreeTextLine, cancelOrder, FIRST_CURSOR, onlinePaymentsAfter } from '../../src/orders/index.ts';
import { moneyOfOrders } from '../../src/orders/money/balance.repository.ts';
import { newId } from '../../src/platform/ids.ts';
import { nowIso, nowMs } from '../../src/platform/clock.ts';
import { visibleText as text, plain } from '../helpers/text.ts';

const WEBHOOK_SECRET = 'whsec_test_conciergerie_webhook';

function fieldValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]+)"`).exec(html);
  if (!match) throw new Error(`no field ${name}`);
  return match[1];
}

async function loggedIn(ctx: TestApp, resident: Resident): Promise<Agent> {
  const agent = new Agent(ctx.app);
  await agent.login(resident.email, resident.password);
  return agent;
}

/** « Payer … en ligne »: the page, then its form; the POST's answer, or the GET's when no page was shown. */
async function startPaying(agent: Agent, orderId: string) {
  const page = await agent.get(`/commandes/${orderId}/payer`);
  if (page.statusCode !== 200) return page;
  return agent.post(`/commandes/${orderId}/payer`, { idempotency_key: fieldValue(page.body, 'idempotency_key'), montant_cents: fieldValue(page.body, 'montant_cents'), _csrf: fieldValue(page.body, '_csrf') });
}

async function paymentsOf(ctx: TestApp, orderId: string) {
  return ctx.db.selectFrom('online_payments').selectAll().where('order_id', '=', orderId).orderBy('created_at').execute();
}

/** Walks the checkout pages up to the payment step; returns its page and the place and slot chosen. */
async function reachPayment(agent: Agent, placeId: string) {
  await agent.get('/commande');
  const slots = await agent.get(`/commande/creneau?place_id=${placeId}`);
  const slot = fieldValue(slots.body, 'slot');
  const page = await agent.get(`/commande/paiement?place_id=${placeId}&slot=${encodeURIComponent(slot)}`);
  return { page, slot };
}

/** A resident's online order placed through the pages; returns its id and where the site sent them. */
async function orderOnline(ctx: TestApp, agent: Agent, placeId: string, offerId: string) {
  assert.equal((await agent.post('/panier/ajouter', { offer_id: offerId, quantity: '3' }, '/panier')).statusCode, 303);
  const { page, slot } = await reachPayment(agent, placeId);
  assert.match(text(page.body), /Payer maintenant en ligne \(carte bancaire\)/);
  const confirm = await agent.get(`/commande/confirmer?place_id=${placeId}&slot=${encodeURIComponent(slot)}&payment=online`);
  assert.equal(confirm.statusCode, 200);
  assert.match(text(confirm.body), /En ligne, par carte bancaire/);
  const placed = await agent.post('/commande', { place_id: placeId, slot, payment: 'online', idempotency_key: fieldValue(confirm.body, 'idempotency_key') });
  assert.equal(placed.statusCode, 303);
  const orderId = /^\/commandes\/([^/]+)\/payer$/.exec(placed.headers.location as string)?.[1];
  assert.ok(orderId, `sent to ${placed.headers.location}`);
  return orderId;
}

describe('with the demo provider', () => {
  let ctx: TestApp;
  let placeId: string;
  let offerId: string;

  before(async () => {
    ctx = await buildTestApp({ PAYMENT_PROVIDER: 'demo' });
    placeId = await makePlace(ctx.db);
    offerId = await makeOffer(ctx.db, await makeShop(ctx.db), { title: 'Panier de légumes', priceCents: 2550 });
  });
  after(() => ctx.close());

  test('a resident pays online at checkout on the demo page: one payment, « Payée en ligne » on the order', async () => {
    const resident = await makeResident(ctx.db, ctx.config);
    const agent = await loggedIn(ctx, resident);
    const orderId = await orderOnline(ctx, agent, placeId, offerId);
    const order = await ctx.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
    assert.equal(order.payment_method, 'online');
    assert.equal(Number(order.total_cents), 7650);
    const mail = await ctx.db.selectFrom('outbox').select('text_body').where('recipient', '=', resident.email).where('subject', 'like', '%commande est enregistrée%').executeTakeFirstOrThrow();
    assert.match(mail.text_body, /à payer en ligne par carte bancaire/);

    const payPage = await agent.get(`/commandes/${orderId}/payer`);
    assert.equal(payPage.statusCode, 200, 'a page first: nothing is opened by a GET');
    assert.match(text(payPage.body), /Montant à payer 76,50 €/);
    assert.match(text(payPage.body), /Payer 76,50 € en ligne/);
    assert.match(payPage.body, /<form method="post" action="\/commandes\/[^"]+\/payer"/);
    assert.equal((await paymentsOf(ctx, orderId)).length, 0);
    const noCsrf = await ctx.app.inject({ method: 'POST', url: `/commandes/${orderId}/payer`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'montant_cents=7650&idempotency_key=abcdefgh12' });
    // without the session's cookie and the form's token: sent to log in, nothing opened
    assert.ok(noCsrf.statusCode === 403 || (noCsrf.statusCode === 303 && noCsrf.headers.location?.startsWith('/connexion')), 'no checkout without the form’s token');
    // the button said another amount: the page shows the amount due now, nothing is opened
    const stale = await agent.post(`/commandes/${orderId}/payer`, { idempotency_key: fieldValue(payPage.body, 'idempotency_key'), montant_cents: '5000', _csrf: fieldValue(payPage.body, '_csrf') });
    assert.equal(stale.statusCode, 409);
    assert.match(text(stale.body), /Le montant à payer vient de changer.*Payer 76,50 € en ligne/);
    assert.equal((await paymentsOf(ctx, orderId)).length, 0);
    const start = await startPaying(agent, orderId);
    assert.equal(start.statusCode, 303);
    const demoUrl = start.headers.location as string;
    assert.match(demoUrl, /^\/paiement\/demo\/demo_[0-9a-f]{24}$/);
    // starting again reuses the open checkout
    assert.equal((await startPaying(agent, orderId)).headers.location, demoUrl);
    const [pending, ...others] = await paymentsOf(ctx, orderId);
    assert.equal(others.length, 0);
    assert.equal(pending.status, 'pending');
    assert.equal(Number(pending.amount_cents), 7650);

    const page = await agent.get(demoUrl);
    assert.equal(page.statusCode, 200);
    assert.match(text(page.body), /Payer 76,50 €/);
    const paid = await agent.post(demoUrl, {});
    assert.equal(paid.statusCode, 303);
    assert.equal(paid.headers.location, `/commandes/${orderId}/paiement/retour`);
    // a second click (another tab) records nothing more
    assert.equal((await agent.post(demoUrl, {}, demoUrl)).statusCode, 303);

    assert.match(text((await agent.get(`/commandes/${orderId}/paiement/retour`)).body), /Merci, votre paiement est enregistré.*76,50 €/);
    const orderPage = text((await agent.get(`/compte/commandes/${orderId}`)).body);
    assert.match(plain(orderPage), /Payée en ligne : 76,50 €/);
    assert.doesNotMatch(orderPage, /Payer maintenant en ligne</);

    const rows = await paymentsOf(ctx, orderId);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].status, 'paid');
    assert.ok(rows[0].paid_at && rows[0].provider_payment_id);
    const events = await ctx.db.selectFrom('payment_events').selectAll().where('provider', '=', 'demo').execute();
    assert.equal(events.filter((event) => event.kind === 'paid').length >= 1, true);
    assert.equal((await moneyOfOrders(ctx.db, [orderId])).get(orderId)!.onlineCents, 7650);
    const history = await ctx.db.selectFrom('order_events').select('note').where('order_id', '=', orderId).where('kind', '=', 'online_payment').execute();
    assert.deepEqual(history.map((row) => row.note.replace(/[\u00a0\u202f]/g, ' ')), ['Payé en ligne : 76,50 €']);

    // nothing is due any more: no second checkout
    const again = await startPaying(agent, orderId);
    assert.equal(again.headers.location, `/compte/commandes/${orderId}`);
    assert.match(text((await agent.get(`/compte/commandes/${orderId}`)).body), /Cette commande est déjà payée\./);
    assert.equal((await paymentsOf(ctx, orderId)).length, 1);

    const facts = await onlinePaymentsAfter(ctx.db, FIRST_CURSOR, 100);
    const fact = facts.find((candidate) => candidate.orderId === orderId)!;
    assert.deepEqual({ ...fact, at: undefined }, { id: rows[0].id, orderId, memberId: resident.memberId, collectionCode: order.collection_code, amountCents: 7650, at: undefined });
    assert.equal(fact.at, rows[0].paid_at);
    const after = await onlinePaymentsAfter(ctx.db, { at: fact.at, id: fact.id }, 100);
    assert.ok(!after.some((candidate) => candidate.id === fact.id));
  });

  test('cancelling on the payment page goes back to the order: pay at the counter', async () => {
    const resident = await makeResident(ctx.db, ctx.config);
    const agent = await loggedIn(ctx, resident);
    const orderId = await orderOnline(ctx, agent, placeId, offerId);
    const demoUrl = (await startPaying(agent, orderId)).headers.location as string;
    assert.match((await agent.get(demoUrl)).body, new RegExp(`href="/commandes/${orderId}/paiement/annule"`));
    const cancelled = await agent.get(`/commandes/${orderId}/paiement/annule`);
    assert.equal(cancelled.headers.location, `/compte/commandes/${orderId}`);
    const page = text((await agent.get(`/compte/commandes/${orderId}`)).body);
    assert.match(plain(page), /Paiement annulé : vous pourrez payer au retrait\./);
    assert.match(page, /Payer maintenant en ligne/);
    assert.match(text((await agent.get(`/commandes/${orderId}/paiement/retour`)).body), /Paiement en cours de confirmation/);
  });

  test('a demo checkout past its hour takes no payment: it closes, and a new start opens another', async () => {
    const resident = await makeResident(ctx.db, ctx.config);
    const agent = await loggedIn(ctx, resident);
    const orderId = await orderOnline(ctx, agent, placeId, offerId);
    const demoUrl = (await startPaying(agent, orderId)).headers.location as string;
    await ctx.db.updateTable('online_payments').set({ created_at: new Date(nowMs() - 61 * 60_000).toISOString() }).where('order_id', '=', orderId).execute();
    assert.equal((await agent.post(demoUrl, {})).statusCode, 303);
    assert.deepEqual((await paymentsOf(ctx, orderId)).map((row) => row.status), ['expired']);
    assert.match(plain(text((await agent.get(demoUrl)).body)), /Cette page de paiement est fermée : rien n’a été payé\./);
    const next = (await startPaying(agent, orderId)).headers.location as string;
    assert.notEqual(next, demoUrl);
    assert.deepEqual((await paymentsOf(ctx, orderId)).map((row) => row.status), ['expired', 'pending']);
  });

  test('another resident, the concierge or a visitor cannot pay or see someone else’s payment', async () => {
    const owner = await makeResident(ctx.db, ctx.config);
    const orderId = await orderOnline(ctx, await loggedIn(ctx, owner), placeId, offerId);
    const ownerAgent = await loggedIn(ctx, owner);
    const demoUrl = (await startPaying(ownerAgent, orderId)).headers.location as string;
    const stranger = await loggedIn(ctx, await makeResident(ctx.db, ctx.config));
    assert.equal((await stranger.get(`/commandes/${orderId}/payer`)).statusCode, 404);
    assert.equal((await stranger.post(`/commandes/${orderId}/payer`, { idempotency_key: 'stranger-key-1', montant_cents: '7650' }, '/compte/commandes')).statusCode, 404);
    assert.equal((await stranger.get(`/commandes/${orderId}/paiement/retour`)).statusCode, 404);
    assert.equal((await stranger.get(demoUrl)).statusCode, 404);
    assert.equal((await stranger.post(demoUrl, {}, '/compte/commandes')).statusCode, 404);
    assert.equal((await stranger.get(`/commandes/${newId()}/payer`)).statusCode, 404);
    const visitor = new Agent(ctx.app);
    assert.match((await visitor.get(`/commandes/${orderId}/payer`)).headers.location as string, /^\/connexion/);
    assert.equal((await paymentsOf(ctx, orderId)).filter((row) => row.status === 'paid').length, 0);
  });

  test('an order to pay « au comptoir » cannot be marked paid from home, even by posting the form', async () => {
    const resident = await makeResident(ctx.db, ctx.config);
    const agent = await loggedIn(ctx, resident);
    await agent.post('/panier/ajouter', { offer_id: offerId, quantity: '1' }, '/panier');
    const { slot } = await reachPayment(agent, placeId);
    const confirm = await agent.get(`/commande/confirmer?place_id=${placeId}&slot=${encodeURIComponent(slot)}&payment=at_counter`);
    const placed = await agent.post('/commande', { place_id: placeId, slot, payment: 'at_counter', idempotency_key: fieldValue(confirm.body, 'idempotency_key') });
    assert.equal(placed.statusCode, 303);
    const order = await ctx.db.selectFrom('orders').select(['id', 'payment_method']).where('member_id', '=', resident.memberId).executeTakeFirstOrThrow();
    assert.equal(order.payment_method, 'at_counter');
    const page = await agent.get(`/commandes/${order.id}/payer`);
    assert.equal(page.statusCode, 422);
    assert.match(text(page.body), /Cette commande se paie au comptoir, au moment du retrait\./);
    const forced = await agent.post(`/commandes/${order.id}/payer`, { idempotency_key: 'cle-forcee-0123456789', montant_cents: '1000' }, `/compte/commandes/${order.id}`);
    assert.equal(forced.statusCode, 422);
    assert.deepEqual(await paymentsOf(ctx, order.id), []);
  });

  test('a basket with a weighed price is paid at the counter: online is not offered, and refused if forced', async () => {
    const resident = await makeResident(ctx.db, ctx.config);
    const agent = await loggedIn(ctx, resident);
    const shopId = await makeShop(ctx.db);
    await addFreeTextLine(ctx.db, accountBasketKey(resident.account.id), { shopId, title: 'Une côte de bœuf d’un kilo environ', quantity: 1, estimatedPriceCents: 3200 });
    await agent.post('/panier/ajouter', { offer_id: offerId, quantity: '1' }, '/panier');
    const { page, slot } = await reachPayment(agent, placeId);
    assert.doesNotMatch(text(page.body), /Payer maintenant en ligne/);
    assert.match(text(page.body), /le prix d’un article sera connu à la pesée/);
    const forced = await agent.get(`/commande/confirmer?place_id=${placeId}&slot=${encodeURIComponent(slot)}&payment=online`);
    assert.equal(forced.statusCode, 422);
    const confirm = await agent.get(`/commande/confirmer?place_id=${placeId}&slot=${encodeURIComponent(slot)}&payment=at_counter`);
    const posted = await agent.post('/commande', { place_id: placeId, slot, payment: 'online', idempotency_key: fieldValue(confirm.body, 'idempotency_key') });
    assert.equal(posted.statusCode, 422);
    assert.match(text(posted.body), /le prix d’un article sera connu à la pesée/);
    assert.equal((await ctx.db.selectFrom('orders').select('id').where('member_id', '=', resident.memberId).execute()).length, 0);
  });

  test('Stripe’s webhook does not exist when Stripe is not the provider', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/paiement/stripe/webhook', headers: { 'content-type': 'application/json' }, payload: '{}' });
    assert.equal(response.statusCode, 404);
  });
});

describe('with Stripe', () => {
  let ctx: TestApp;
  let stripe: StripeDouble;

  before(async () => {
    stripe = await startStripeDouble();
    ctx = await buildTestApp({
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_conciergerie',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
      BASE_URL: 'https://conciergerie.istres.example',
    });
  });
  after(async () => {
    await ctx.close();
    await stripe.close();
  });

  /** An order of 25,00 € placed by a resident, and the resident's agent. */
  async function residentOrder() {
    const resident = await makeResident(ctx.db, ctx.config);
    const made = await makeOrder(ctx.db, ctx.config, { resident: resident.account, paymentMethod: 'online' });
    return { orderId: made.orderId, agent: await loggedIn(ctx, resident) };
  }

  async function startCheckout(agent: Agent, orderId: string) {
    const response = await startPaying(agent, orderId);
    assert.equal(response.statusCode, 303);
    const sessionId = /\/c\/pay\/(cs_test_[0-9a-f]+)$/.exec(response.headers.location as string)?.[1];
    assert.ok(sessionId, `sent to ${response.headers.location}`);
    return { location: response.headers.location as string, session: stripe.sessions.get(sessionId)! };
  }

  function postWebhook(event: unknown, secret = WEBHOOK_SECRET) {
    const { payload, signature } = signedWebhook(event, secret);
    return ctx.app.inject({ method: 'POST', url: '/paiement/stripe/webhook', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });
  }

  test('the checkout is opened at Stripe for the amount due, in euros, with our return addresses; starting twice reuses it', async () => {
    const { orderId, agent } = await residentOrder();
    const before = stripe.received.length;
    const first = await startCheckout(agent, orderId);
    assert.match(first.location, /^https:\/\/checkout\.stripe\.com\/c\/pay\//);
    const sent = stripe.received[before];
    assert.equal(sent.path, '/v1/checkout/sessions');
    assert.equal(sent.fields['line_items[0][price_data][unit_amount]'], '2500');
    assert.equal(sent.fields['line_items[0][price_data][currency]'], 'eur');
    assert.equal(sent.fields.success_url, `https://conciergerie.istres.example/commandes/${orderId}/paiement/retour`);
    assert.equal(sent.fields.cancel_url, `https://conciergerie.istres.example/commandes/${orderId}/paiement/annule`);
    assert.equal(sent.fields['metadata[order_id]'], orderId);
    assert.ok(sent.idempotencyKey);
    const second = await startCheckout(agent, orderId);
    assert.equal(second.location, first.location);
    assert.equal(stripe.received[before + 1].idempotencyKey, sent.idempotencyKey);
    const rows = await paymentsOf(ctx, orderId);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].provider, 'stripe');
    assert.equal(rows[0].provider_session_id, first.session.id);
  });

  test('five simultaneous starts open one checkout', async () => {
    const { orderId, agent } = await residentOrder();
    const page = await agent.get(`/commandes/${orderId}/payer`);
    const form = { idempotency_key: fieldValue(page.body, 'idempotency_key'), montant_cents: fieldValue(page.body, 'montant_cents'), _csrf: fieldValue(page.body, '_csrf') };
    // the same form sent five times, and forms from other tabs
    const responses = await Promise.all([1, 2, 3, 4, 5].map((n) => (n % 2 ? agent.post(`/commandes/${orderId}/payer`, form) : startPaying(agent, orderId))));
    assert.equal(new Set(responses.map((response) => response.headers.location)).size, 1);
    assert.equal((await paymentsOf(ctx, orderId)).length, 1);
  });

  test('a signed « completed » event records the payment once, however often it comes', async () => {
    const { orderId, agent } = await residentOrder();
    const { session } = await startCheckout(agent, orderId);
    const event = stripeEvent('checkout.session.completed', session);
    const first = await postWebhook(event);
    assert.equal(first.statusCode, 200);
    const [row] = await paymentsOf(ctx, orderId);
    assert.equal(row.status, 'paid');
    assert.equal(row.provider_payment_id, event.data.object.payment_intent);
    assert.ok(row.paid_at);
    // resent, and the same payment told again by another event
    assert.equal((await postWebhook(event)).statusCode, 200);
    assert.equal((await postWebhook(stripeEvent('checkout.session.async_payment_succeeded', session))).statusCode, 200);
    await Promise.all([postWebhook(event), postWebhook(event)]);
    assert.equal((await moneyOfOrders(ctx.db, [orderId])).get(orderId)!.onlineCents, 2500);
    assert.equal((await ctx.db.selectFrom('payment_events').select('event_id').where('event_id', '=', event.id).execute()).length, 1);
    assert.equal((await ctx.db.selectFrom('order_events').select('id').where('order_id', '=', orderId).where('kind', '=', 'online_payment').execute()).length, 1);
    assert.match(text((await agent.get(`/commandes/${orderId}/paiement/retour`)).body), /Merci, votre paiement est enregistré/);
    assert.match(plain(text((await agent.get(`/compte/commandes/${orderId}`)).body)), /Payée en ligne : 25,00 €/);
  });

  test('a forged signature, an unsigned call or an amount that differs from the checkout is refused and records nothing', async () => {
    const { orderId, agent } = await residentOrder();
    const { session } = await startCheckout(agent, orderId);
    const forged = stripeEvent('checkout.session.completed', session);
    assert.equal((await postWebhook(forged, 'whsec_not_ours')).statusCode, 400);
    const unsigned = await ctx.app.inject({ method: 'POST', url: '/paiement/stripe/webhook', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(forged) });
    assert.equal(unsigned.statusCode, 400);
    const cheaper = stripeEvent('checkout.session.completed', session, { amount_total: 100 });
    assert.equal((await postWebhook(cheaper)).statusCode, 400);
    const [row] = await paymentsOf(ctx, orderId);
    assert.equal(row.status, 'pending');
    const events = await ctx.db.selectFrom('payment_events').select('event_id').where('event_id', 'in', [forged.id, cheaper.id]).execute();
    assert.equal(events.length, 0);
    // an event about a checkout opened elsewhere is acknowledged and changes nothing
    const elsewhere = stripeEvent('checkout.session.completed', { ...session, id: 'cs_test_not_ours' });
    assert.equal((await postWebhook(elsewhere)).statusCode, 200);
    assert.equal((await paymentsOf(ctx, orderId))[0].status, 'pending');
  });

  test('an expired checkout is closed and the next start opens a new one; a payment after a part payment asks only the rest', async () => {
    const { orderId, agent } = await residentOrder();
    const { session } = await startCheckout(agent, orderId);
    assert.equal((await postWebhook(stripeEvent('checkout.session.expired', session))).statusCode, 200);
    assert.equal((await paymentsOf(ctx, orderId))[0].status, 'expired');
    // 10,00 € already taken at the counter (a part payment)
    await ctx.db.insertInto('counter_payments').values({ id: newId(), order_id: orderId, method: 'cash', amount_cents: 1000, account_id: null, actor_label: 'Comptoir', at: nowIso() }).execute();
    const next = await startCheckout(agent, orderId);
    assert.notEqual(next.session.id, session.id);
    assert.equal(next.session.amount_total, 1500);
    const rows = await paymentsOf(ctx, orderId);
    assert.deepEqual(rows.map((row) => [row.status, Number(row.amount_cents)]), [['expired', 2500], ['pending', 1500]]);
    assert.equal((await postWebhook(stripeEvent('checkout.session.completed', next.session))).statusCode, 200);
    const money = (await moneyOfOrders(ctx.db, [orderId])).get(orderId)!;
    assert.equal(money.counterCents + money.onlineCents, 2500);
    const paidUp = await startPaying(agent, orderId);
    assert.equal(paidUp.headers.location, `/compte/commandes/${orderId}`);
  });

  test('a checkout closes within the hour; a new one expires the old at Stripe first, so only one can be paid', async () => {
    const { orderId, agent } = await residentOrder();
    // The app counts the hour from the minute the checkout opened.
    const started = Math.floor(nowMs() / 60_000) * 60_000;
    const first = await startCheckout(agent, orderId);
    const expiresAt = first.session.expires_at * 1000;
    assert.ok(expiresAt >= started + 30 * 60_000 && expiresAt <= started + 60 * 60_000, `closes in ${(expiresAt - started) / 60_000} minutes`);
    // what is due changes (10,00 € taken at the counter): the open checkout for 25,00 € is closed at Stripe
    await ctx.db.insertInto('counter_payments').values({ id: newId(), order_id: orderId, method: 'cash', amount_cents: 1000, account_id: null, actor_label: 'Comptoir', at: nowIso() }).execute();
    const second = await startCheckout(agent, orderId);
    assert.notEqual(second.session.id, first.session.id);
    assert.ok(stripe.received.some((request) => request.path === `/v1/checkout/sessions/${first.session.id}/expire`));
    assert.equal(first.session.status, 'expired');
    assert.deepEqual((await paymentsOf(ctx, orderId)).map((row) => [row.status, Number(row.amount_cents)]), [['expired', 2500], ['pending', 1500]]);
    // an hour later the same amount opens a new checkout rather than one about to close
    await ctx.db.updateTable('online_payments').set({ created_at: new Date(nowMs() - 55 * 60_000).toISOString() }).where('provider_session_id', '=', second.session.id).execute();
    const third = await startCheckout(agent, orderId);
    assert.notEqual(third.session.id, second.session.id);
    assert.equal(second.session.status, 'expired');
    assert.deepEqual((await paymentsOf(ctx, orderId)).map((row) => row.status), ['expired', 'expired', 'pending']);
  });

  test('a checkout the resident completed but Stripe has not confirmed yet is not replaced', async () => {
    const { orderId, agent } = await residentOrder();
    const { session } = await startCheckout(agent, orderId);
    session.status = 'complete'; // a bank debit on its way
    await ctx.db.insertInto('counter_payments').values({ id: newId(), order_id: orderId, method: 'cash', amount_cents: 500, account_id: null, actor_label: 'Comptoir', at: nowIso() }).execute();
    const refused = await startPaying(agent, orderId);
    assert.equal(refused.headers.location, `/compte/commandes/${orderId}`);
    assert.match(text((await agent.get(`/compte/commandes/${orderId}`)).body), /en cours de confirmation par la banque/);
    assert.deepEqual((await paymentsOf(ctx, orderId)).map((row) => row.status), ['pending']);
  });

  test('paid online for more than is still due: recorded, and the order says what to give back', async () => {
    const { orderId, agent } = await residentOrder();
    const { session } = await startCheckout(agent, orderId);
    // 10,00 € taken at the counter while the resident was paying 25,00 € online
    await ctx.db.insertInto('counter_payments').values({ id: newId(), order_id: orderId, method: 'cash', amount_cents: 1000, account_id: null, actor_label: 'Comptoir', at: nowIso() }).execute();
    assert.equal((await postWebhook(stripeEvent('checkout.session.completed', session))).statusCode, 200);
    assert.equal((await moneyOfOrders(ctx.db, [orderId])).get(orderId)!.onlineCents, 2500, 'the money moved: it is recorded');
    const history = await ctx.db.selectFrom('order_events').select('note').where('order_id', '=', orderId).where('kind', '=', 'online_payment').orderBy('id').execute();
    assert.deepEqual(history.map((row) => row.note.replace(/[\u00a0\u202f]/g, ' ')), ['Payé en ligne : 25,00 €', 'Paiement en ligne en trop : 10,00 € à rembourser']);
    const concierge = new Agent(ctx.app);
    const account = await makeAccount(ctx.db, ctx.config, 'concierge');
    await concierge.login(account.email, account.password);
    assert.match(plain(text((await concierge.get(`/gestion/commandes/${orderId}`)).body)), /Paiement en ligne en trop : 10,00 € à rembourser/);
  });

  test('a cancelled order cannot be paid online', async () => {
    const { orderId, agent } = await residentOrder();
    const account = await ctx.db.selectFrom('orders').select('member_id').where('id', '=', orderId).executeTakeFirstOrThrow();
    await cancelOrder(ctx.db, ctx.config, { id: 'c', email: 'c@exemple.fr', role: 'concierge', displayName: 'Conciergerie', shopId: null, memberId: null }, orderId);
    const response = await startPaying(agent, orderId);
    assert.equal(response.headers.location, `/compte/commandes/${orderId}`);
    assert.match(text((await agent.get(`/compte/commandes/${orderId}`)).body), /ne peut plus être payée en ligne/);
    assert.ok(account.member_id);
    assert.equal((await paymentsOf(ctx, orderId)).length, 0);
  });
});

describe('with online payment off', () => {
  let ctx: TestApp;
  before(async () => {
    ctx = await buildTestApp({ PAYMENT_PROVIDER: 'none' });
  });
  after(() => ctx.close());

  test('the checkout offers only the counter and the payment pages do not exist', async () => {
    const placeId = await makePlace(ctx.db);
    const offerId = await makeOffer(ctx.db, await makeShop(ctx.db));
    const resident = await makeResident(ctx.db, ctx.config);
    const agent = await loggedIn(ctx, resident);
    await agent.post('/panier/ajouter', { offer_id: offerId, quantity: '1' }, '/panier');
    const { page, slot } = await reachPayment(agent, placeId);
    assert.match(text(page.body), /Au comptoir, au retrait/);
    assert.doesNotMatch(text(page.body), /en ligne/);
    assert.equal((await agent.get(`/commande/confirmer?place_id=${placeId}&slot=${encodeURIComponent(slot)}&payment=online`)).statusCode, 422);
    const made = await makeOrder(ctx.db, ctx.config, { resident: resident.account, placeId });
    assert.equal((await agent.get(`/commandes/${made.orderId}/payer`)).statusCode, 404);
  });
});
