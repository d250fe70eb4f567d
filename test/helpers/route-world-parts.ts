// The parts of the route matrix's world, one kind of object each, side A and its twin B.
import assert from 'node:assert/strict';
import type { World, Setup } from './route-world.ts';
import { ALL_WEEK, CONCIERGE, makeOrder, makePlace } from './orders.ts';
import { makeProvider } from './shops.ts';
import { handedOverOrder } from './settlement.ts';
import { recordRefund } from '../../src/orders/money/refunds.service.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { listCompanyStops } from '../../src/places/index.ts';
import { createCompany } from '../../src/members/members.companies.service.ts';
import { assignDriver, prepareRuns } from '../../src/rounds/index.ts';
import { attachToRepair } from '../../src/requests/repairs/repairs.read.service.ts';
import { takeInItem } from '../../src/requests/repairs/repairs.service.ts';
import { askForService } from '../../src/requests/requests.service.ts';
import { FOLLOW_PURPOSE } from '../../src/requests/requests.mails.ts';
import { addAbsence } from '../../src/shops/providers.service.ts';
import { askProviders, sendQuote } from '../../src/requests/quotes/quotes.service.ts';
import { QUOTE_LINK_PURPOSE } from '../../src/requests/quotes/quotes.mails.ts';
import { bookAppointment } from '../../src/requests/appointments/appointments.service.ts';
import { addContact } from '../../src/shops/crm/crm.service.ts';
import { addManualTask } from '../../src/shops/crm/tasks.service.ts';
import { createCampaign } from '../../src/shops/crm/campaigns.service.ts';
import { inTransaction } from '../../src/db/index.ts';
import { PROVIDER_PURPOSE, providerLinkSubject } from '../../src/requests/appointments/appointments.mails.ts';
import { setOpeningHours } from '../../src/shops/index.ts';
import { signedToken } from '../../src/platform/signed-links.ts';
import { askForReview, buildNextReview } from '../../src/reports/review/review.service.ts';
import { uploadShopList } from '../../src/shops/import/import.service.ts';
import { siretNumber } from '../fixtures/shop-list.ts';

/** Resident A's coat, taken in at the counter for shop A, with its invoice kept. */
export async function repairsOf(setup: Setup, shopId: string, memberId: string): Promise<Pick<World, 'repairA' | 'repairInvoiceA'>> {
  const { db, config } = setup.ctx;
  const concierge = setup.accounts.get('concierge')!;
  const repairA = await askForService(db, config, concierge, { kind: 'repair', title: 'Manteau', details: '', memberId, channel: 'counter' }, newIdempotencyKey());
  await takeInItem(db, config, concierge, repairA, { description: 'manteau gris', providerShopId: shopId, shelf: 'B3', agreedPriceCents: null, bonusEligible: false, bonusCode: null }, newIdempotencyKey());
  const invoice = { kind: 'invoice' as const, file: Buffer.from('%PDF-1.4 facture du tailleur') };
  return { repairA, repairInvoiceA: await attachToRepair(db, config, concierge, repairA, invoice, newIdempotencyKey()) };
}

/** Two companies of the business park, served at one van stop; resident A is an employee of the first, and its contact. */
export async function companiesOf(setup: Setup, employeeId: string, contactEmail: string): Promise<Pick<World, 'companyA' | 'companyB' | 'companyPlace'>> {
  const { db } = setup.ctx;
  const companyPlace = await makePlace(db, { kind: 'company', name: 'Zone du Tubé — accueil' });
  const stops = await listCompanyStops(db);
  const company = (name: string) =>
    createCompany(db, CONCIERGE, newIdempotencyKey(), { name, addressLine: '1 rue du Tubé', postalCode: '13800', city: 'Istres', contactName: 'Jeanne Contact', contactPhone: null, contactEmail: name === 'Entreprise A' ? contactEmail : null, paysDeliveryFee: false, placeId: companyPlace }, stops);
  const [companyA, companyB] = [await company('Entreprise A'), await company('Entreprise B')];
  await db.updateTable('members').set({ company_id: companyA }).where('id', '=', employeeId).execute();
  return { companyA, companyB, companyPlace };
}

/**
 * Two delivery runs, each with one drop-off stop and one order: A's (resident A's order at a
 * hamlet's community centre, by van) driven by driver A, B's (resident B's at a senior
 * residence, by tricycle) by driver B.
 */
/** A question of each resident, still new, so every form of a request reaches its checks; and their follow links. */
export async function requestsOf(setup: Setup, residentA: CurrentAccount, residentB: CurrentAccount): Promise<Pick<World, 'requestA' | 'requestB' | 'followTokenA' | 'followTokenB'>> {
  const ask = (resident: CurrentAccount) => askForService(setup.ctx.db, setup.ctx.config, resident, { kind: 'advice', title: 'Un bon artisan ?', details: '' }, newIdempotencyKey());
  const [requestA, requestB] = [await ask(residentA), await ask(residentB)];
  const token = (id: string) => signedToken(setup.ctx.config.sessionSecret, FOLLOW_PURPOSE, id);
  return { requestA, requestB, followTokenA: token(requestA), followTokenB: token(requestB) };
}

/** An absence of providers A and B, next month. */
export async function absencesOf(setup: Setup, shopA: string, shopB: string): Promise<Pick<World, 'absenceA' | 'absenceB'>> {
  const day = localDateOf(new Date(Date.now() + 40 * 86_400_000).toISOString(), setup.ctx.config.timeZone);
  const absence = async (shopId: string) => {
    assert.equal(await addAbsence(setup.ctx.db, CONCIERGE, shopId, { startsOn: day, endsOn: day, note: 'Congés' }), undefined);
    return (await setup.ctx.db.selectFrom('shop_absences').select('id').where('shop_id', '=', shopId).executeTakeFirstOrThrow()).id;
  };
  return { absenceA: await absence(shopA), absenceB: await absence(shopB) };
}

/** A quote request of the member, asked of one provider who answered with a PDF: the member's choice is awaited. */
export async function quoteRound(setup: Setup, memberId: string, shopId: string): Promise<{ requestId: string; quoteId: string; token: string }> {
  const { db, config } = setup.ctx;
  const concierge = setup.accounts.get('concierge')!;
  const requestId = await askForService(db, config, concierge, { kind: 'quote', title: 'Fuite', details: '', memberId, channel: 'phone' }, newIdempotencyKey());
  await askProviders(db, config, concierge, requestId, { providerIds: [shopId], shareContact: false }, newIdempotencyKey());
  const quoteId = (await db.selectFrom('service_quotes').select('id').where('request_id', '=', requestId).executeTakeFirstOrThrow()).id;
  const token = signedToken(config.sessionSecret, QUOTE_LINK_PURPOSE, quoteId);
  const validUntilDate = localDateOf(new Date(Date.now() + 30 * 86_400_000).toISOString(), config.timeZone);
  await sendQuote(db, config, { by: 'link', quoteId, token }, { amountCents: 12_000, vatRateBp: 1000, validUntilDate, note: '', pdf: Buffer.from('%PDF-1.4 devis') });
  return { requestId, quoteId, token };
}

/** A quote round for each member (shop A asked for A, shop B for B), with the providers' and the follow links. */
export async function quotesOf(setup: Setup, shopA: string, shopB: string, memberA: string, memberB: string): Promise<Pick<World, 'quoteRequestA' | 'quoteRequestB' | 'quoteA' | 'quoteB' | 'quoteTokenA' | 'quoteTokenB' | 'quoteFollowTokenA'>> {
  const [a, b] = [await quoteRound(setup, memberA, shopA), await quoteRound(setup, memberB, shopB)];
  return {
    quoteRequestA: a.requestId,
    quoteRequestB: b.requestId,
    quoteA: a.quoteId,
    quoteB: b.quoteId,
    quoteTokenA: a.token,
    quoteTokenB: b.token,
    quoteFollowTokenA: signedToken(setup.ctx.config.sessionSecret, FOLLOW_PURPOSE, a.requestId),
  };
}

/** An appointment proposed for each member, and the provider's signed link of each. */
export async function appointmentsOf(setup: Setup, memberA: string, memberB: string, conciergeId: string): Promise<Pick<World, 'appointmentA' | 'appointmentB' | 'appointmentTokenA' | 'appointmentTokenB' | 'appointmentProvider' | 'appointmentConcierge'>> {
  const concierge: CurrentAccount = { ...CONCIERGE, id: conciergeId };
  const appointmentProvider = await makeProvider(setup.ctx.db, { tradeName: 'Serrurerie Ouverte', profile: { trades: ['locksmith'] } });
  await setOpeningHours(setup.ctx.db, CONCIERGE, appointmentProvider, ALL_WEEK);
  const date = localDateOf(new Date(Date.now() + 7 * 86_400_000).toISOString(), setup.ctx.config.timeZone);
  const booked = async (memberId: string) => {
    const requestId = await askForService(setup.ctx.db, setup.ctx.config, concierge, { kind: 'appointment', memberId, channel: 'phone', title: 'Une serrure', details: '' }, newIdempotencyKey());
    return bookAppointment(setup.ctx.db, setup.ctx.config, concierge, requestId, { providerShopId: appointmentProvider, date, time: '10:00', durationMinutes: 60 }, newIdempotencyKey());
  };
  const [appointmentA, appointmentB] = [await booked(memberA), await booked(memberB)];
  const token = (id: string) => signedToken(setup.ctx.config.sessionSecret, PROVIDER_PURPOSE, providerLinkSubject(id, 0));
  return { appointmentA, appointmentB, appointmentTokenA: token(appointmentA), appointmentTokenB: token(appointmentB), appointmentProvider, appointmentConcierge: conciergeId };
}

export async function runsOf(setup: Setup, memberA: string, memberB: string, offerA: string, offerB: string, driverA: string, driverB: string): Promise<Pick<World, 'runA' | 'runB' | 'stopA' | 'stopB' | 'runOrderA' | 'runOrderB'>> {
  const { db, config } = setup.ctx;
  const orderAt = async (kind: 'community_centre' | 'residence', memberId: string, offerId: string) => {
    const placeId = await makePlace(db, { kind, name: kind === 'residence' ? 'Résidence B' : 'Foyer A' });
    await db.updateTable('places').set({ latitude: 43.52, longitude: 4.99 }).where('id', '=', placeId).execute();
    return (await makeOrder(db, config, { memberId, placeId, lines: [{ offerId, quantity: 1 }] })).orderId;
  };
  const orders = [await orderAt('community_centre', memberA, offerA), await orderAt('residence', memberB, offerB)];
  // every date once: preparing a date again writes its stops anew
  const dates = await db.selectFrom('orders').select('slot_local_date').distinct().where('id', 'in', orders).execute();
  for (const { slot_local_date: date } of dates) await prepareRuns(db, config, CONCIERGE, date);
  const side = async (orderId: string, driverId: string) => {
    const row = await db
      .selectFrom('delivery_orders as d')
      .innerJoin('delivery_stops as s', 's.id', 'd.stop_id')
      .select(['s.id as stop_id', 's.run_id'])
      .where('d.order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    await assignDriver(db, CONCIERGE, row.run_id, driverId);
    return { run: row.run_id, stop: row.stop_id, order: orderId };
  };
  const a = await side(orders[0], driverA);
  const b = await side(orders[1], driverB);
  return { runA: a.run, runB: b.run, stopA: a.stop, stopB: b.stop, runOrderA: a.order, runOrderB: b.order };
}

/** Shops CRM: a contact and a follow-up of shop A and of shop B, and a campaign aiming at both. */
export async function crmOf(setup: Setup, shopA: string, shopB: string, concierge: CurrentAccount): Promise<Pick<World, 'contactA' | 'contactB' | 'taskA' | 'taskB' | 'campaignA'>> {
  const contact = (shopId: string) => addContact(setup.ctx.db, concierge, shopId, { person: 'Mme Essai', role: 'gérante', phone: '04 42 00 00 09', email: null });
  const task = (shopId: string) => addManualTask(setup.ctx.db, concierge, shopId, { title: 'Rappeler', dueDate: '2030-01-07' });
  const campaignA = await inTransaction(setup.ctx.db, (trx) => createCampaign(trx, concierge, { name: 'Campagne', startsOn: '2030-01-01', endsOn: '2030-02-01', stages: ['member', 'prospect'] }));
  return { contactA: await contact(shopA), contactB: await contact(shopB), taskA: await task(shopA), taskB: await task(shopB), campaignA };
}

/** MEMBERS + PRIVACY: member A's erasure and unsubscribe links as mailed, and B's tokens for the mixed addresses. */
export function privacyLinksOf(setup: Setup, memberA: string, memberB: string): Pick<World, 'erasureExpiresA' | 'erasureTokenA' | 'erasureTokenB' | 'unsubscribeTokenA' | 'unsubscribeTokenB'> {
  const secret = setup.ctx.config.sessionSecret;
  const expires = String(Math.floor(Date.parse(nowIso()) / 1000) + 86_400);
  return {
    erasureExpiresA: expires,
    erasureTokenA: signedToken(secret, 'member-erasure', `${memberA}.${expires}`),
    erasureTokenB: signedToken(secret, 'member-erasure', `${memberB}.${expires}`),
    unsubscribeTokenA: signedToken(secret, 'news-unsubscribe', memberA),
    unsubscribeTokenB: signedToken(secret, 'news-unsubscribe', memberB),
  };
}

/** YEARLY REVIEW: the town's review of 2025, asked for by the town and built by the job's own export function. */
export async function reviewsOf(setup: Setup): Promise<Pick<World, 'reviewA'>> {
  const { request } = await askForReview(setup.ctx.db, setup.accounts.get('town')!, { year: '2025', again: false }, setup.ctx.config.timeZone);
  assert.equal(await buildNextReview(setup.ctx), 'built');
  return { reviewA: request.id };
}

/** IMPORT + HEALTH: a list of shops uploaded by concierge A, waiting for its import. */
export async function shopImportsOf(setup: Setup, conciergeId: string, n = 1): Promise<Pick<World, 'shopImportA'>> {
  const concierge: CurrentAccount = { ...CONCIERGE, id: conciergeId };
  const list = Buffer.from(`Raison sociale;SIRET;Adresse;Code postal;Commune\nBoulangerie ${n};${siretNumber(n, '9911')};1 rue A;13800;Istres\n`);
  return { shopImportA: await uploadShopList(setup.ctx.db, concierge, list) };
}


/** Resident A's order handed over at the counter, then refunded 1 € by the concierge. */
export async function refundsOf(setup: Setup, placeId: string, offerId: string, memberId: string): Promise<Pick<World, 'refundedOrderA' | 'refundA'>> {
  const { db, config } = setup.ctx;
  const { orderId } = await handedOverOrder(db, config, placeId, [{ offerId }], { memberId, method: 'cash' });
  const refundA = await recordRefund(db, config, setup.accounts.get('concierge')!, orderId, { scope: { kind: 'amount', amountCents: 100 }, reason: 'Geste commercial' }, newIdempotencyKey());
  return { refundedOrderA: orderId, refundA };
}
