// A service's order taken at the counter, paid by card: what the concierge does before handing a repaired item back.
import type { Db } from '../../src/db/index.ts';
import { handOver } from '../../src/orders/index.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency/index.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';

export async function payServiceOrder(db: Db, concierge: CurrentAccount, requestId: string): Promise<void> {
  const { order_id: orderId } = await db.selectFrom('repair_items').select('order_id').where('request_id', '=', requestId).executeTakeFirstOrThrow();
  const ids = (await db.selectFrom('purchase_orders').select('id').where('order_id', '=', orderId!).execute()).map((po) => po.id);
  await handOver(db, concierge, orderId!, { purchaseOrderIds: ids, shownIds: ids, method: 'card' }, newIdempotencyKey());
}
