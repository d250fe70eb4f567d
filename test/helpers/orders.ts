// Factories for collection points and orders, through the real services: the basket is
// filled with addToBasket and the order placed by placeOrder, so every row, history line
// and mail is the one the application writes.
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { createPlace, listSlots, type NewPlace, type Slot } from '../../src/places/index.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { addToBasket, checkoutPlan, placeOrder, residentBuyer, type Buyer } from '../../src/orders/index.ts';
import { pauseOffer, updateOffer } from '../../src/catalogue/catalogue.portal.service.ts';
import type { FormAvailability, LoadClass, MeasureUnit } from '../../src/catalogue/catalogue.rules.ts';
import { makeAccount } from './accounts.ts';
import { makeOffer } from './catalogue.ts';
import { makeMember } from './members.ts';
import { makeShop } from './shops.ts';

export const CONCIERGE: CurrentAccount = { id: 'factory', email: 'factory@exemple.fr', role: 'concierge', displayName: 'Factory', shopId: null, memberId: null };

/** Open every day, all day: tests do not depend on the hour they run at. */
export const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '00:00', closesAt: '23:30' }));

let counter = 0;

export async function makePlace(db: Db, fields: Partial<NewPlace> = {}): Promise<string> {
  counter += 1;
  return createPlace(db, {
    name: `Comptoir ${counter}`,
    kind: 'counter',
    addressLine: '12 rue Hôtel de Ville',
    postalCode: '13800',
    city: 'Istres',
    phone: '04 42 55 00 00',
    position: counter,
    hours: ALL_WEEK,
    ...fields,
  });
}

/** The first slot a buyer's basket can be collected in at a place. */
export async function firstSlot(db: Db, config: Config, actor: CurrentAccount, buyer: Buyer, placeId: string): Promise<Slot> {
  const plan = await checkoutPlan(db, config, actor, buyer);
  const [slot] = await listSlots(db, placeId, { notBeforeAt: plan.notBeforeAt, days: 14, timeZone: config.timeZone });
  if (!slot) throw new Error('no slot open for this basket');
  return slot;
}

export interface MadeOrder {
  orderId: string;
  memberId: string;
  placeId: string;
  offerIds: string[];
  shopIds: string[];
}

export interface OrderFields {
  /** Places the order as this resident (their own basket); otherwise the concierge orders by phone. */
  resident?: CurrentAccount;
  memberId?: string;
  placeId?: string;
  /** Offers and quantities; otherwise one offer (12,50 €) of each of `shops` new shops. */
  lines?: Array<{ offerId: string; quantity: number }>;
  shops?: number;
  /** How the member chose to pay; at the counter unless said. */
  paymentMethod?: 'online' | 'at_counter';
}

/** Places an order through the real basket and checkout; returns its id and what it was made of. */
export async function makeOrder(db: Db, config: Config, fields: OrderFields = {}): Promise<MadeOrder> {
  counter += 1;
  const placeId = fields.placeId ?? (await makePlace(db));
  const memberId = fields.resident?.memberId ?? fields.memberId ?? (await makeMember(db, { email: `adherent${counter}-${Date.now()}@exemple.fr` }));
  const actor = fields.resident ?? CONCIERGE;
  const buyer: Buyer = fields.resident ? residentBuyer(fields.resident) : { ownerKey: `member:${memberId}`, memberId, channel: 'telephone' };
  let lines = fields.lines;
  if (!lines) {
    lines = [];
    for (let index = 0; index < (fields.shops ?? 1); index += 1) lines.push({ offerId: await makeOffer(db, await makeShop(db)), quantity: 2 });
  }
  for (const line of lines) await addToBasket(db, buyer.ownerKey, line.offerId, line.quantity);
  const slot = await firstSlot(db, config, actor, buyer, placeId);
  const orderId = await placeOrder(db, config, actor, buyer, { placeId, slotStartAt: slot.startAt, paymentMethod: fields.paymentMethod ?? 'at_counter' }, newIdempotencyKey());
  const offers = await db.selectFrom('offers').select(['id', 'shop_id']).where('id', 'in', lines.map((line) => line.offerId)).execute();
  return { orderId, memberId, placeId, offerIds: lines.map((line) => line.offerId), shopIds: [...new Set(offers.map((offer) => offer.shop_id))] };
}

export interface Resident {
  account: CurrentAccount;
  email: string;
  password: string;
  memberId: string;
}

/** A member with site access: the resident account logs in with `password`. */
export async function makeResident(db: Db, config: Config, fields: { email?: string } = {}): Promise<Resident> {
  counter += 1;
  const email = fields.email ?? `resident${counter}-${Date.now()}@exemple.fr`;
  const memberId = await makeMember(db, { email, firstName: 'Lucie', lastName: `Martin${counter}` });
  const displayName = `Lucie Martin${counter}`;
  const made = await makeAccount(db, config, 'resident', { email, memberId, displayName });
  return { account: { id: made.id, email, role: 'resident', displayName, shopId: null, memberId }, email, password: made.password, memberId };
}

/** The merchant changes an offer's price, through the catalogue's own use case. */
export async function setOfferPrice(db: Db, offerId: string, priceCents: number): Promise<void> {
  const row = await db.selectFrom('offers').selectAll().where('id', '=', offerId).executeTakeFirstOrThrow();
  await updateOffer(db, CONCIERGE, row.shop_id, offerId, {
    title: row.title,
    description: row.description,
    priceCents,
    vatRateBp: row.vat_rate_bp,
    unit: row.unit,
    measureAmount: row.measure_amount,
    measureUnit: row.measure_unit as MeasureUnit | null,
    availability: row.availability as FormAvailability,
    leadTimeDays: row.lead_time_days,
    loadClass: row.load_class as LoadClass,
  });
}

/** The merchant pauses an offer. */
export async function pause(db: Db, offerId: string): Promise<void> {
  const row = await db.selectFrom('offers').select('shop_id').where('id', '=', offerId).executeTakeFirstOrThrow();
  await pauseOffer(db, CONCIERGE, row.shop_id, offerId);
}
