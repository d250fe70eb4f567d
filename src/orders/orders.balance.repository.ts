// What has been paid for orders so far: payments at the counter and online, less refunds.
// One query per kind of money for any number of orders, never one per order.
import type { Executor } from '../db/index.ts';

export interface OrderMoney {
  /** taken at the counter (every method) */
  counterCents: number;
  /** paid online and confirmed by the provider */
  onlineCents: number;
  refundedCents: number;
}

const NOTHING: OrderMoney = { counterCents: 0, onlineCents: 0, refundedCents: 0 };

/** What each order received and gave back; orders without money get zeros. */
export async function moneyOfOrders(db: Executor, orderIds: readonly string[]): Promise<Map<string, OrderMoney>> {
  const money = new Map<string, OrderMoney>(orderIds.map((id) => [id, { ...NOTHING }]));
  if (orderIds.length === 0) return money;
  const ids = [...orderIds];
  const [counter, online, refunds] = await Promise.all([
    db.selectFrom('counter_payments').select(['order_id', (eb) => eb.fn.sum<number>('amount_cents').as('cents')]).where('order_id', 'in', ids).groupBy('order_id').execute(),
    db.selectFrom('online_payments').select(['order_id', (eb) => eb.fn.sum<number>('amount_cents').as('cents')]).where('order_id', 'in', ids).where('status', '=', 'paid').groupBy('order_id').execute(),
    db.selectFrom('refunds').select(['order_id', (eb) => eb.fn.sum<number>('amount_cents').as('cents')]).where('order_id', 'in', ids).groupBy('order_id').execute(),
  ]);
  // pg answers sums as strings
  for (const row of counter) money.get(row.order_id)!.counterCents = Number(row.cents);
  for (const row of online) money.get(row.order_id)!.onlineCents = Number(row.cents);
  for (const row of refunds) money.get(row.order_id)!.refundedCents = Number(row.cents);
  return money;
}

/** Payments received for an order less refunds: what the member has to their credit against goods. */
export function netPaidCents(money: OrderMoney): number {
  return money.counterCents + money.onlineCents - money.refundedCents;
}
