// The small two-sided town the route matrix and the fuzzer ask questions in: shops A and B
// (also providers), residents A and B with orders, requests and baskets, drivers A and B with a
// run each, money (statements, invoices, a payout batch), bank changes, signed links. Every
// object of side A has a twin of side B, so « another owner's object » is always at hand.
import assert from 'node:assert/strict';
import type { TestApp } from './app.ts';
import { makeAccount } from './accounts.ts';
import { makeOffer, makePhoto } from './catalogue.ts';
import { makeOrder, makePlace, makeResident, type Resident } from './orders.ts';
import { closeCurrentPeriod, confirmBankDetails, handedOverOrder } from './settlement.ts';
import { makeProvider, makeShop } from './shops.ts';
import { CONCIERGE } from './orders.ts';
import type { Who } from './route-table.ts';
import { absencesOf, appointmentsOf, companiesOf, crmOf, privacyLinksOf, quotesOf, refundsOf, repairsOf, requestsOf, reviewsOf, runsOf, shopImportsOf } from './route-world-parts.ts';
import { newId } from '../../src/platform/ids.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { accountBasketKey, addFreeTextLine, addToBasket, startOnlinePayment } from '../../src/orders/index.ts';
import { addOfferForMember, deskBasketKey } from '../../src/orders/desk/desk.service.ts';
import { submitMembershipRequest } from '../../src/orders/site/membership.service.ts';
import { addClosure, addOpening } from '../../src/places/places.service.ts';
import { recordShopInvoice } from '../../src/settlement/invoices/invoices.service.ts';
import { moveBatchStep, prepareBatch } from '../../src/settlement/payouts/payouts.service.ts';
import { updateTerms } from '../../src/settlement/terms/terms.service.ts';

/** What the world's builders share: the app and who is who. */
export interface Setup {
  ctx: TestApp;
  accounts: Map<Who, CurrentAccount>;
}

/** How one person of the world logs in. */
export interface Login {
  id: string;
  email: string;
  password: string;
}

export interface World {
  shopA: string;
  shopB: string;
  shopC: string;
  shopD: string;
  /** resident A's coat, taken in at the counter, with the tailor's invoice kept */
  repairA: string;
  repairInvoiceA: string;
  offerA: string;
  offerA2: string;
  offerB: string;
  imageA: string;
  placeA: string;
  placeB: string;
  closureA: string;
  closureB: string;
  openingA: string;
  openingB: string;
  memberA: string;
  memberB: string;
  orderA: string;
  orderB: string;
  orderOnlineA: string;
  orderHandedOver: string;
  orderLineA: string;
  orderLineB: string;
  poA: string;
  poB: string;
  poLineA: string;
  poLineB: string;
  basketLineA: string;
  basketLineB: string;
  deskLineA: string;
  deskLineB: string;
  demoSessionA: string;
  statementA: string;
  statementB: string;
  statementC: string;
  statementD: string;
  commissionInvoiceA: string;
  commissionInvoiceB: string;
  shopInvoiceA: string;
  shopInvoiceB: string;
  batchA: string;
  merchantAccountA: string;
  merchantAccountB: string;
  bankChangeA: string;
  bankChangeB: string;
  inboundMail: string;
  sentMail: string;
  passwordToken: string;
  membershipRequest: string;
  companyA: string;
  companyB: string;
  companyPlace: string;
  runA: string;
  runB: string;
  stopA: string;
  stopB: string;
  runOrderA: string;
  runOrderB: string;
  requestA: string;
  requestB: string;
  followTokenA: string;
  followTokenB: string;
  absenceA: string;
  absenceB: string;
  quoteRequestA: string;
  quoteRequestB: string;
  quoteA: string;
  quoteB: string;
  quoteTokenA: string;
  quoteTokenB: string;
  quoteFollowTokenA: string;
  appointmentA: string;
  appointmentB: string;
  appointmentTokenA: string;
  appointmentTokenB: string;
  appointmentProvider: string;
  appointmentConcierge: string;
  contactA: string;
  contactB: string;
  taskA: string;
  taskB: string;
  campaignA: string;
  erasureExpiresA: string;
  erasureTokenA: string;
  erasureTokenB: string;
  unsubscribeTokenA: string;
  unsubscribeTokenB: string;
  /** YEARLY REVIEW: the town's yearly review of 2025, built */
  reviewA: string;
  shopImportA: string;
  /** resident A's order handed over, then partly refunded (1 €, « Geste commercial »): the refund of someone else's */
  refundedOrderA: string;
  refundA: string;
}

export type WorldKey = keyof World;
/** The bank details of shops A–D (then A and B swap theirs, left waiting for a second person). */
export const IBANS: ReadonlyArray<readonly [string, string]> = [
  ['FR1420041010050500013M02606', 'CEPAFRPP131'],
  ['FR7630006000011234567890189', 'BNPAFRPP'],
  ['FR7630004000031234567890143', 'PSSTFRPPMAR'],
  ['FR7610107001011234567890129', 'AGRIFRPP'],
];

export async function one<T>(promise: Promise<T | undefined>, what: string): Promise<T> {
  const value = await promise;
  assert.ok(value, `setup: ${what}`);
  return value;
}

/** Builds the two-sided world; `setup.accounts` is filled with who is who. */
export async function buildWorld(setup: Setup): Promise<{ world: World; made: Map<Who, Login> }> {
  const { ctx, accounts } = setup;
  const { db, config } = ctx;
  const today = localDateOf(nowIso(), config.timeZone);
  const placeA = await makePlace(db);
  const placeB = await makePlace(db);
  // Shops A and B also work as providers (repairs, quotes), so their merchants have requests on their portal.
  const shopA = await makeProvider(db, { tradeName: 'Boutique A', profile: { trades: ['plumber', 'tailor'] } });
  const shopB = await makeProvider(db, { tradeName: 'Boutique B', profile: { trades: ['plumber', 'tailor'] } });
  const shopC = await makeShop(db, { tradeName: 'Boutique C' });
  const shopD = await makeShop(db, { tradeName: 'Boutique D' });
  const offerA = await makeOffer(db, shopA, { title: 'Comté', photo: await makePhoto(400, 300) });
  const offerA2 = await makeOffer(db, shopA, { title: 'Beaufort' });
  const offerB = await makeOffer(db, shopB, { title: 'Pain' });
  const offerC = await makeOffer(db, shopC, { title: 'Vin' });
  const offerD = await makeOffer(db, shopD, { title: 'Livre' });
  const imageA = (await db.selectFrom('offers').select('image_id').where('id', '=', offerA).executeTakeFirstOrThrow()).image_id!;

  const people: Array<[Who, Promise<Login>]> = [
    ['merchantA', makeAccount(db, config, 'merchant', { shopId: shopA, displayName: 'Marchand A' })],
    ['merchantB', makeAccount(db, config, 'merchant', { shopId: shopB, displayName: 'Marchand B' })],
    ['concierge', makeAccount(db, config, 'concierge', { displayName: 'Concierge Un' })],
    ['concierge2', makeAccount(db, config, 'concierge', { displayName: 'Concierge Deux' })],
    ['town', makeAccount(db, config, 'town', { displayName: 'Mairie' })],
    ['driverA', makeAccount(db, config, 'driver', { displayName: 'Chauffeur A' })],
    ['driverB', makeAccount(db, config, 'driver', { displayName: 'Chauffeur B' })],
  ];
  const made = new Map<Who, Login>();
  for (const [who, account] of people) made.set(who, await account);
  const [residentA, residentB]: Resident[] = await Promise.all([makeResident(db, config), makeResident(db, config)]);
  made.set('residentA', { id: residentA.account.id, email: residentA.email, password: residentA.password });
  made.set('residentB', { id: residentB.account.id, email: residentB.email, password: residentB.password });
  for (const [who, account] of made) {
    const row = await db.selectFrom('accounts').select(['id', 'email', 'role', 'display_name', 'shop_id', 'member_id']).where('id', '=', account.id).executeTakeFirstOrThrow();
    accounts.set(who, { id: row.id, email: row.email, role: row.role as CurrentAccount['role'], displayName: row.display_name, shopId: row.shop_id, memberId: row.member_id });
  }

  // Resident A’s order: an offer of shop A and a line at an estimated price; resident B’s of shop B.
  await addFreeTextLine(db, accountBasketKey(residentA.account.id), { shopId: shopA, title: 'Plateau de fromages', estimatedPriceCents: 2500, quantity: 1 });
  const orderA = (await makeOrder(db, config, { resident: residentA.account, placeId: placeA, lines: [{ offerId: offerA, quantity: 2 }] })).orderId;
  const orderB = (await makeOrder(db, config, { resident: residentB.account, placeId: placeA, lines: [{ offerId: offerB, quantity: 1 }] })).orderId;
  const orderOnlineA = (await makeOrder(db, config, { resident: residentA.account, placeId: placeA, lines: [{ offerId: offerA2, quantity: 1 }], paymentMethod: 'online' })).orderId;
  const demoUrl = await startOnlinePayment(db, config, residentA.account, orderOnlineA);
  const demoSessionA = await one(Promise.resolve(/\/paiement\/demo\/([^/?#]+)/.exec(demoUrl)?.[1]), `a demo checkout address, got ${demoUrl}`);
  const poOf = async (orderId: string) => (await db.selectFrom('purchase_orders').select('id').where('order_id', '=', orderId).orderBy('id').executeTakeFirstOrThrow()).id;
  const poA = await poOf(orderA);
  const poB = await poOf(orderB);
  const lineOf = (orderId: string, estimate: boolean) =>
    db.selectFrom('order_lines').select('id').where('order_id', '=', orderId).where('price_is_estimate', '=', estimate ? 1 : 0).executeTakeFirst().then((row) => row?.id);
  const orderLineA = await one(lineOf(orderA, true), 'the estimated line of order A');
  const orderLineB = await one(lineOf(orderB, false), 'a line of order B');
  const poLineA = await one(lineOf(orderA, false), 'the offer line of order A');
  const poLineB = orderLineB;

  // What stays in baskets: one line in each resident’s basket, one in each member’s desk basket.
  await addToBasket(db, accountBasketKey(residentA.account.id), offerA2, 1);
  await addToBasket(db, accountBasketKey(residentB.account.id), offerB, 1);
  await addOfferForMember(db, CONCIERGE, residentA.memberId, offerA, 1);
  await addOfferForMember(db, CONCIERGE, residentB.memberId, offerB, 1);
  const basketLine = (key: string) => one(db.selectFrom('basket_lines').select('id').where('owner_key', '=', key).executeTakeFirst().then((row) => row?.id), `a basket line of ${key}`);
  const basketLineA = await basketLine(accountBasketKey(residentA.account.id));
  const basketLineB = await basketLine(accountBasketKey(residentB.account.id));
  const deskLineA = await basketLine(deskBasketKey(residentA.memberId));
  const deskLineB = await basketLine(deskBasketKey(residentB.memberId));

  // Exceptional closures and openings of two collection points, next month.
  const inAMonth = localDateOf(new Date(Date.now() + 30 * 86_400_000).toISOString(), config.timeZone);
  const closureA = await addClosure(db, CONCIERGE, newIdempotencyKey(), placeA, { fromDate: inAMonth, toDate: inAMonth, reason: 'Inventaire' });
  const closureB = await addClosure(db, CONCIERGE, newIdempotencyKey(), placeB, { fromDate: inAMonth, toDate: inAMonth, reason: 'Inventaire' });
  const inTwoMonths = localDateOf(new Date(Date.now() + 60 * 86_400_000).toISOString(), config.timeZone);
  const opening = { date: inTwoMonths, reason: 'Marché de Noël', ranges: [{ opensAt: '10:00', closesAt: '12:00' }] };
  const openingA = await addOpening(db, CONCIERGE, newIdempotencyKey(), placeA, opening);
  const openingB = await addOpening(db, CONCIERGE, newIdempotencyKey(), placeB, opening);

  // Money: shops A–D paid back weekly with confirmed bank details (D under a self-billing
  // mandate), one sale each handed over, this week closed; A’s and B’s invoices recorded
  // (matched), C’s and D’s awaited; A’s statement in a payout batch.
  for (const [index, shopId] of [shopA, shopB, shopC, shopD].entries()) {
    const [iban, bic] = IBANS[index];
    const refused = await updateTerms(db, config, CONCIERGE, shopId, { settlementPeriod: 'weekly', iban, bic, vatNumber: '', selfBillingSince: shopId === shopD ? '2020-01-01' : '' });
    assert.equal(refused, undefined, `terms of a shop: ${JSON.stringify(refused)}`);
  }
  await confirmBankDetails(db, [shopA, shopB, shopC, shopD]);
  const orderHandedOver = (await handedOverOrder(db, config, placeA, [{ offerId: offerA2 }, { offerId: offerB }, { offerId: offerC }, { offerId: offerD }])).orderId;
  await closeCurrentPeriod(db, config, 'weekly');
  const statementOf = (shopId: string) => one(db.selectFrom('statements').select(['id', 'sales_cents', 'refunds_cents']).where('shop_id', '=', shopId).executeTakeFirst(), 'a statement');
  const statements = new Map<string, { id: string; sales_cents: number; refunds_cents: number }>();
  for (const shopId of [shopA, shopB, shopC, shopD]) statements.set(shopId, await statementOf(shopId));
  for (const shopId of [shopA, shopB]) {
    const row = statements.get(shopId)!;
    const amount = ((Number(row.sales_cents) - Number(row.refunds_cents)) / 100).toFixed(2).replace('.', ',');
    await recordShopInvoice(db, config, CONCIERGE, row.id, { number: `F-${row.id.slice(-6)}`, invoiceDate: today.split('-').reverse().join('/'), amount, file: Buffer.from('%PDF-1.4 facture') }, newIdempotencyKey());
  }
  const batchA = await prepareBatch(db, config, accounts.get('concierge')!, [statements.get(shopA)!.id], newIdempotencyKey());
  await moveBatchStep(db, config, accounts.get('concierge2')!, batchA, 'approve', newIdempotencyKey());
  const invoiceOf = (table: 'commission_invoices' | 'shop_invoices', shopId: string) =>
    one(db.selectFrom(table).select('id').where('shop_id', '=', shopId).executeTakeFirst().then((row) => row?.id), `${table} of a shop`);

  // A change of bank details waiting for a second person, on shops A and B.
  for (const [shopId, [iban, bic]] of [[shopA, IBANS[1]], [shopB, IBANS[0]]] as const) {
    const refused = await updateTerms(db, config, CONCIERGE, shopId, { settlementPeriod: 'weekly', iban, bic, vatNumber: '', selfBillingSince: '' });
    assert.equal(refused, undefined, `new bank details: ${JSON.stringify(refused)}`);
  }
  const pendingChange = (shopId: string) =>
    one(db.selectFrom('bank_detail_changes').select('id').where('shop_id', '=', shopId).where('status', '=', 'pending').executeTakeFirst().then((row) => row?.id), 'a pending bank change');

  const inboundMail = newId();
  await db
    .insertInto('inbound_mails')
    .values({
      id: inboundMail,
      message_id: `<${inboundMail}@exemple.fr>`,
      from_address: residentA.email,
      from_name: 'Lucie Martin',
      subject: 'Commande pour samedi',
      body_text: 'Un plateau de fromages, merci.',
      received_at: nowIso(),
      fetched_at: nowIso(),
      status: 'new',
      member_id: null,
      order_id: null,
      handled_by_label: null,
      handled_at: null,
    })
    .execute();
  // A visitor's request to join, waiting for the concierge's call (« Classer » files it).
  const membershipRequest = await submitMembershipRequest(db, null, {
    key: newIdempotencyKey(),
    visitorId: newId(),
    visitorKey: undefined,
    request: { name: 'Rose Visiteuse', phone: '04 42 11 22 66', email: null },
  });
  const sentMail = await one(db.selectFrom('outbox').select('id').executeTakeFirst().then((row) => row?.id), 'a mail in the outbox');

  const world: World = {
    shopA,
    shopB,
    shopC,
    shopD,
    offerA,
    offerA2,
    offerB,
    imageA,
    placeA,
    placeB,
    closureA,
    closureB,
    openingA,
    openingB,
    memberA: residentA.memberId,
    memberB: residentB.memberId,
    orderA,
    orderB,
    orderOnlineA,
    orderHandedOver,
    orderLineA,
    orderLineB,
    poA,
    poB,
    poLineA,
    poLineB,
    basketLineA,
    basketLineB,
    deskLineA,
    deskLineB,
    demoSessionA,
    statementA: statements.get(shopA)!.id,
    statementB: statements.get(shopB)!.id,
    statementC: statements.get(shopC)!.id,
    statementD: statements.get(shopD)!.id,
    commissionInvoiceA: await invoiceOf('commission_invoices', shopA),
    commissionInvoiceB: await invoiceOf('commission_invoices', shopB),
    shopInvoiceA: await invoiceOf('shop_invoices', shopA),
    shopInvoiceB: await invoiceOf('shop_invoices', shopB),
    batchA,
    merchantAccountA: made.get('merchantA')!.id,
    merchantAccountB: made.get('merchantB')!.id,
    bankChangeA: await pendingChange(shopA),
    bankChangeB: await pendingChange(shopB),
    inboundMail,
    sentMail,
    passwordToken: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd',
    ...(await repairsOf(setup, shopA, residentA.memberId)),
    membershipRequest,
    ...(await companiesOf(setup, residentA.memberId, residentA.email)),
    ...(await runsOf(setup, residentA.memberId, residentB.memberId, offerA, offerB, made.get('driverA')!.id, made.get('driverB')!.id)),
    ...(await requestsOf(setup, residentA.account, residentB.account)),
    ...(await quotesOf(setup, shopA, shopB, residentA.memberId, residentB.memberId)),
    ...(await absencesOf(setup, shopA, shopB)),
    ...(await appointmentsOf(setup, residentA.memberId, residentB.memberId, made.get('concierge')!.id)),
    ...(await crmOf(setup, shopA, shopB, accounts.get('concierge')!)),
    ...privacyLinksOf(setup, residentA.memberId, residentB.memberId),
    ...(await reviewsOf(setup)),
    ...(await shopImportsOf(setup, made.get('concierge')!.id)),
    ...(await refundsOf(setup, placeA, offerA2, residentA.memberId)),
  };

  return { world, made };
}
