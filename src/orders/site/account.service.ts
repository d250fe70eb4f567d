// The resident's account, on the orders side: « Commander à nouveau » puts the offers of a
// past order back in the basket. The orders themselves are read through the order record.
import type { Db } from '../../db/index.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { accountBasketKey, addAgain } from './basket.service.ts';
import { listLinesOfOrders } from '../orders.repository.ts';
import { ownOrder } from '../orders.service.ts';

/** « Commander à nouveau »: the same offers back in the resident's basket, at today's prices. */
export async function orderAgain(db: Db, actor: CurrentAccount | null, orderId: string): Promise<{ added: number; missing: number }> {
  const order = await ownOrder(db, actor, orderId);
  const lines = await listLinesOfOrders(db, [order.id]);
  const wanted = lines.flatMap((line) => (line.offerId ? [{ offerId: line.offerId, quantity: line.quantity }] : []));
  return addAgain(db, accountBasketKey(actor!.id), wanted);
}
