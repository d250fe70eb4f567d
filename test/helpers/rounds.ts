// Factories for the concierge's day: orders whose purchase orders the shops have accepted or
// marked ready, through the merchants' own use cases, with the round moved to a chosen day.
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { localDateOf, localToUtc } from '../../src/places/index.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { acceptPurchaseOrder, markPurchaseOrderReady } from '../../src/orders/portal/portal.service.ts';
import { makeOffer } from './catalogue.ts';
import { CONCIERGE, makeOrder } from './orders.ts';
import { makeShop } from './shops.ts';
import { visibleText } from './text.ts';

export function todayIn(config: Config): string {
  return localDateOf(nowIso(), config.timeZone);
}

export interface RoundWorld {
  orderId: string;
  memberId: string;
  code: string;
  /** Purchase orders in the order the shops were given. */
  purchaseOrders: Array<{ id: string; shopId: string }>;
}

export interface RoundShopFields {
  tradeName: string;
  latitude?: number | null;
  longitude?: number | null;
  /** Where the shop's purchase order stands: sent (untouched), accepted or ready. */
  status?: 'sent' | 'accepted' | 'ready';
  offerTitle?: string;
  priceCents?: number;
}

/**
 * An order with one purchase order per shop, each moved as asked by the shop, whose round
 * leaves on `roundDate` at `roundTime` (local).
 */
export async function makeRoundOrder(
  db: Db,
  config: Config,
  placeId: string,
  shops: readonly RoundShopFields[],
  round: { date?: string; time?: string; memberId?: string } = {},
): Promise<RoundWorld> {
  const lines: Array<{ offerId: string; quantity: number }> = [];
  const shopIds: string[] = [];
  for (const shop of shops) {
    const shopId = await makeShop(db, { tradeName: shop.tradeName, latitude: shop.latitude === undefined ? 43.515 : shop.latitude, longitude: shop.longitude === undefined ? 4.988 : shop.longitude });
    shopIds.push(shopId);
    lines.push({ offerId: await makeOffer(db, shopId, { title: shop.offerTitle ?? `Panier de ${shop.tradeName}`, priceCents: shop.priceCents ?? 1250 }), quantity: 2 });
  }
  const made = await makeOrder(db, config, { placeId, lines, memberId: round.memberId });
  const roundAt = localToUtc(round.date ?? todayIn(config), round.time ?? '10:30', config.timeZone)!;
  await db.updateTable('purchase_orders').set({ collection_round_at: roundAt }).where('order_id', '=', made.orderId).execute();
  const purchaseOrders: Array<{ id: string; shopId: string }> = [];
  for (const [index, shopId] of shopIds.entries()) {
    const po = await db.selectFrom('purchase_orders').select('id').where('order_id', '=', made.orderId).where('shop_id', '=', shopId).executeTakeFirstOrThrow();
    purchaseOrders.push({ id: po.id, shopId });
    const status = shops[index].status ?? 'ready';
    if (status !== 'sent') await acceptPurchaseOrder(db, CONCIERGE, shopId, po.id);
    if (status === 'ready') await markPurchaseOrderReady(db, CONCIERGE, shopId, po.id);
  }
  const order = await db.selectFrom('orders').select('collection_code').where('id', '=', made.orderId).executeTakeFirstOrThrow();
  return { orderId: made.orderId, memberId: made.memberId, code: order.collection_code, purchaseOrders };
}

/** Text of a page as a reader sees it (see text.ts). */
export const text = visibleText;
