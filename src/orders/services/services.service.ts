// Services sold through the conciergerie: a repair or an accepted quote becomes an order of
// the member with one line sold by the provider, so it is paid at the counter (or online) and
// handed over like any order, and settled with the provider like any shop's sales. The order
// is born « preparing » with the provider's part accepted (the provider took the job); it is
// ready — at the counter, to pay and collect — once the work is done.
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/index.ts';
import { listPlacesWithHours, counterOf, localDateOf } from '../../places/index.ts';
import { actorOf } from '../../platform/actor.ts';
import { addSeconds, nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Cents } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { eventRow, followPurchaseOrders, lockAndRead, movePurchaseOrder } from '../orders.moves.ts';
import { insertPurchaseOrders, listPurchaseOrdersOfOrders } from '../orders.purchase-orders.repository.ts';
import { insertEvents, insertOrder, insertOrderLines, newCollectionCode } from '../orders.repository.ts';
import type { Channel } from '../orders.rules.ts';
import { orderStatusOf, storeServiceAt } from './services.repository.ts';

/** How long a service order waits at the counter before it counts as late: two weeks. */
const WAIT_SECONDS = 14 * 86_400;

export interface ServiceSale {
  memberId: string;
  /** the provider: a shop of the directory */
  shopId: string;
  title: string;
  /** what the member pays, VAT included */
  amountCents: Cents;
  vatRateBp: number;
  channel: Channel;
  actor: CurrentAccount | null;
  /** true: the work is done and at the counter; false: the provider still has to do it */
  ready: boolean;
  /** where the item waits at the counter (a shelf), when there is one */
  storageLocation?: string;
}

/** Creates the member's order for a service; returns its id and collection code. */
export async function placeServiceOrder(trx: Executor, config: Config, sale: ServiceSale): Promise<{ orderId: string; code: string }> {
  if (!Number.isSafeInteger(sale.amountCents) || sale.amountCents <= 0) throw new DomainError('service_amount_invalid', 'amount');
  const counter = counterOf(await listPlacesWithHours(trx, { activeOnly: true }));
  if (!counter) throw new DomainError('service_no_counter');
  const now = nowIso();
  const orderId = newId();
  const purchaseOrderId = newId();
  const code = await newCollectionCode(trx);
  const actor = actorOf(sale.actor);
  await insertOrder(trx, {
    id: orderId,
    member_id: sale.memberId,
    placed_by_account_id: sale.actor?.id ?? null,
    channel: sale.channel,
    status: 'preparing',
    place_id: counter.id,
    slot_start_at: now,
    slot_end_at: addSeconds(now, WAIT_SECONDS),
    slot_local_date: localDateOf(now, config.timeZone),
    payment_method: 'at_counter',
    collection_code: code,
    total_cents: sale.amountCents,
    placed_at: now,
    updated_at: now,
  });
  await insertPurchaseOrders(trx, [
    { id: purchaseOrderId, order_id: orderId, shop_id: sale.shopId, status: 'accepted', total_cents: sale.amountCents, collection_round_at: now, created_at: now, updated_at: now },
  ]);
  await insertOrderLines(trx, [
    {
      id: newId(),
      order_id: orderId,
      purchase_order_id: purchaseOrderId,
      shop_id: sale.shopId,
      offer_id: null,
      title: sale.title,
      unit: 'prestation',
      quantity: 1,
      unit_price_cents: sale.amountCents,
      vat_rate_bp: sale.vatRateBp,
      total_cents: sale.amountCents,
      price_is_estimate: 0,
      status: 'ordered',
      refusal_reason: null,
      refusal_note: null,
      position: 1,
    },
  ]);
  await insertEvents(trx, [
    eventRow(orderId, actor, 'order_status', { to: 'preparing', at: now }),
    eventRow(orderId, actor, 'purchase_order_status', { purchaseOrderId, to: 'accepted', at: now }),
  ]);
  if (sale.ready) await markServiceDone(trx, orderId, sale.actor, sale.storageLocation);
  return { orderId, code };
}

/** The work is done: the order waits at the counter to be paid and collected. Done twice, nothing more happens. */
export async function markServiceDone(trx: Executor, orderId: string, by: CurrentAccount | null, storageLocation?: string): Promise<void> {
  const order = await lockAndRead(trx, orderId);
  if (!order) throw notFound();
  const [purchaseOrder] = await listPurchaseOrdersOfOrders(trx, [orderId]);
  if (!purchaseOrder) throw notFound();
  if (purchaseOrder.status !== 'accepted') return;
  const actor = actorOf(by);
  await movePurchaseOrder(trx, purchaseOrder, 'collected', actor);
  await storeServiceAt(trx, purchaseOrder.id, storageLocation ?? null, nowIso());
  await followPurchaseOrders(trx, order, actor);
}

/** Whether the member took (and so paid for) the service's order at the counter or at the door. */
export async function isServiceHandedOver(db: Executor, orderId: string): Promise<boolean> {
  return (await orderStatusOf(db, orderId)) === 'handed_over';
}
