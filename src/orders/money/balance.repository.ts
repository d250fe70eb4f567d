// What has been paid for orders so far: payments at the counter and online, less refunds.
// One query per kind of money for any number of orders, never one per order.
import type { Executor } from '../../db/index.ts';

export interface OrderMoney {
  /** taken at the counter (every method) */
  counterCents: number;
  /** paid online and confirmed by the provider */
  onlineCents: number;
  refundedCents: number;
  /** the part of the refunds borne by shops: goods given back, so no longer due */
  shopBorneRefundCents: number;
}

const NOTHING: OrderMoney = { counterCents: 0, onlineCents: 0, refundedCents: 0, shopBorneRefundCents: 0 };

/** What each order received and gave back; orders without money get zeros. */
export async function moneyOfOrders(db: Executor, orderIds: readonly string[]): Promise<Map<string, OrderMoney>> {
  const money = new Map<string, OrderMoney>(orderIds.map((id) => [id, { ...NOTHING }]));
  if (orderIds.length === 0) return money;
  const ids = [...orderIds];
  const [counter, online, refunds] = await Promise.all([
    db.selectFrom('counter_payments').select(['order_id', (eb) => eb.fn.sum<number>('amount_cents').as('cents')]).where('order_id', 'in', ids).groupBy('order_id').execute(),
    db.selectFrom('online_payments').select(['order_id', (eb) => eb.fn.sum<number>('amount_cents').as('cents')]).where('order_id', 'in', ids).where('status', '=', 'paid').groupBy('order_id').execute(),
    db
      .selectFrom('refunds')
      .select(['order_id', (eb) => eb.fn.sum<number>('amount_cents').as('cents'), (eb) => eb.fn.sum<number>(eb.case().when('shop_id', 'is not', null).then(eb.ref('amount_cents')).else(0).end()).as('shop_cents')])
      .where('order_id', 'in', ids)
      .groupBy('order_id')
      .execute(),
  ]);
  // pg answers sums as strings
  for (const row of counter) money.get(row.order_id)!.counterCents = Number(row.cents);
  for (const row of online) money.get(row.order_id)!.onlineCents = Number(row.cents);
  for (const row of refunds) {
    money.get(row.order_id)!.refundedCents = Number(row.cents);
    money.get(row.order_id)!.shopBorneRefundCents = Number(row.shop_cents);
  }
  return money;
}

/** Payments received for an order less refunds: what the member has to their credit against goods. */
export function netPaidCents(money: OrderMoney): number {
  return money.counterCents + money.onlineCents - money.refundedCents;
}

/**
 * What the member still has to pay on an order: its total less the goods given back (refunds
 * borne by shops lower the price of what was sold) and less what was paid and not refunded;
 * never below 0. The one answer for online payment, part payments and the concierge's pages.
 */
export function stillDueCents(orderTotalCents: number, money: OrderMoney): number {
  return Math.max(0, orderTotalCents - money.shopBorneRefundCents - netPaidCents(money));
}
