// Factories for delivery runs: a small town (the counter, a company's stop in the business
// park, the hamlet's foyer, a senior residence, a street of the home-delivery zone) and
// orders placed through the real checkout for each destination, then brought to the counter
// by the shops' and the counter's own use cases. The clock is fixed on Tuesday 8 December
// 2026: the company's run is on Friday 11, the foyer's on Wednesday 9.
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { addEmployee, createCompany } from '../../src/members/members.companies.service.ts';
import { saveHomeDeliveryZone } from '../../src/places/places.delivery.service.ts';
import { listSlots, localDateOf, nextRunOf } from '../../src/places/index.ts';
import { addToBasket, checkoutPlan, placeOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder, markPurchaseOrderReady } from '../../src/orders/portal/portal.service.ts';
import { receivePurchaseOrder } from '../../src/orders/counter/reception.service.ts';
import { HOME } from '../../src/orders/site/checkout.destinations.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { makeMember } from './members.ts';
import { makeOffer } from './catalogue.ts';
import { makeShop } from './shops.ts';
import { CONCIERGE, makePlace } from './orders.ts';

/** Tuesday 8 December 2026, 9 h in Istres. */
export const RUNS_TUESDAY = '2026-12-08T08:00:00Z';
export const RUNS_FRIDAY = '2026-12-11';
export const RUNS_WEDNESDAY = '2026-12-09';

export interface RunsTown {
  counterId: string;
  companyPlaceId: string;
  companyId: string;
  foyerId: string;
  residenceId: string;
  offerId: string;
}

let made = 0;

export async function makeRunsTown(db: Db): Promise<RunsTown> {
  made += 1;
  const counterId = await makePlace(db, { name: 'Conciergerie d’Istres', addressLine: '1 place de l’Hôtel de Ville' });
  const companyPlaceId = await makePlace(db, { name: `Zone du Tubé ${made}`, kind: 'company', addressLine: 'Zone du Tubé', hours: [{ weekday: 5, opensAt: '14:00', closesAt: '17:00' }] });
  const foyerId = await makePlace(db, { name: `Foyer La Meraviho ${made}`, kind: 'community_centre', addressLine: 'Place de la Mairie, Entressen', hours: [{ weekday: 3, opensAt: '10:00', closesAt: '12:00' }] });
  const residenceId = await makePlace(db, { name: `Résidence Les Oliviers ${made}`, kind: 'residence', addressLine: '5 avenue des Anciens Combattants', hours: [{ weekday: 5, opensAt: '10:00', closesAt: '12:00' }] });
  // positions: the counter in the old town, the business park north-west, the hamlet east, the residence near the centre
  for (const [id, latitude, longitude] of [
    [counterId, 43.5151, 4.9895],
    [companyPlaceId, 43.5262, 4.9603],
    [foyerId, 43.5521, 5.0524],
    [residenceId, 43.5118, 4.9821],
  ] as const) {
    await db.updateTable('places').set({ latitude, longitude }).where('id', '=', id).execute();
  }
  const companyId = await createCompany(db, CONCIERGE, newIdempotencyKey(), {
    name: `Provence Logistique ${made}`,
    addressLine: '4 rue de l’Industrie, zone du Tubé',
    postalCode: '13800',
    city: 'Istres',
    contactName: 'Nadia Benali',
    contactPhone: '04 42 00 11 22',
    contactEmail: `rh${made}@provence-logistique.example`,
    paysDeliveryFee: false,
    placeId: companyPlaceId,
  }, [{ id: companyPlaceId, name: 'Zone du Tubé' }]);
  await saveHomeDeliveryZone(db, CONCIERGE, { audience: 'everyone', streetsText: 'rue Frédéric Mistral, 13800' });
  const offerId = await makeOffer(db, await makeShop(db, { tradeName: `Boulangerie ${made}` }), { title: 'Pain de campagne', priceCents: 450 });
  return { counterId, companyPlaceId, companyId, foyerId, residenceId, offerId };
}

export type RunDestination = 'workplace' | 'home' | 'foyer' | 'residence';

export interface RunOrder {
  orderId: string;
  memberId: string;
}

/**
 * An order through the real checkout for a destination; `homeAddress` for a home (in the zone
 * by default). `quantity` loaves of bread: 40 of them fill the tricycle's box.
 */
export async function makeRunOrder(db: Db, config: Config, town: RunsTown, destination: RunDestination, fields: { homeAddress?: string; quantity?: number; lastName?: string } = {}): Promise<RunOrder> {
  made += 1;
  const email = `livraison${made}-${Date.now()}@exemple.fr`;
  const memberId = await makeMember(db, { email, firstName: 'Jeanne', lastName: fields.lastName ?? `Arnaud${made}` });
  if (destination === 'workplace') await addEmployee(db, CONCIERGE, town.companyId, email);
  const buyer = { ownerKey: `member:${memberId}`, memberId, channel: 'telephone' as const };
  await addToBasket(db, buyer.ownerKey, town.offerId, fields.quantity ?? 2);
  const plan = await checkoutPlan(db, config, CONCIERGE, buyer);
  const choice = await choiceFor(db, config, town, destination, plan.notBeforeAt, fields.homeAddress);
  const orderId = await placeOrder(db, config, CONCIERGE, buyer, { ...choice, paymentMethod: 'at_counter' }, newIdempotencyKey());
  return { orderId, memberId };
}

async function choiceFor(db: Db, config: Config, town: RunsTown, destination: RunDestination, notBeforeAt: string, homeAddress?: string) {
  const times = { nowAt: nowIso(), notBeforeAt, timeZone: config.timeZone };
  if (destination === 'workplace') {
    const run = await nextRunOf(db, town.companyPlaceId, times);
    if (!run) throw new Error('no run ahead for the company');
    return { placeId: town.companyPlaceId, slotStartAt: run.startAt };
  }
  const placeId = destination === 'foyer' ? town.foyerId : destination === 'residence' ? town.residenceId : town.counterId;
  const date = destination === 'foyer' ? RUNS_WEDNESDAY : RUNS_FRIDAY;
  const slots = await listSlots(db, placeId, { notBeforeAt, days: 14, timeZone: config.timeZone });
  const slot = slots.find((candidate) => localDateOf(candidate.startAt, config.timeZone) === date && (destination !== 'home' || candidate.startAt.slice(11, 16) >= '09:00'));
  if (!slot) throw new Error(`no slot on ${date} at ${placeId}`);
  if (destination !== 'home') return { placeId, slotStartAt: slot.startAt };
  return { placeId: HOME, slotStartAt: slot.startAt, address: homeAddress ?? '8 rue Frédéric Mistral', postalCode: '13800' };
}

/** The shop accepts and prepares the order, the counter receives it: it is ready to leave. */
export async function bringToCounter(db: Db, config: Config, orderId: string): Promise<void> {
  const purchaseOrders = await db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', orderId).execute();
  for (const po of purchaseOrders) {
    await acceptPurchaseOrder(db, CONCIERGE, po.shop_id, po.id);
    await markPurchaseOrderReady(db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(db, config, CONCIERGE, po.id, { storageLocation: 'L1', chilled: false });
  }
}
