// The SQL of service orders beyond the root's: where a finished service waits at the counter.
import type { Executor } from '../../db/index.ts';

export async function storeServiceAt(db: Executor, purchaseOrderId: string, storageLocation: string | null, at: string): Promise<void> {
  await db.updateTable('purchase_orders').set({ storage_location: storageLocation, collected_at: at, updated_at: at }).where('id', '=', purchaseOrderId).execute();
}

export async function orderStatusOf(db: Executor, orderId: string): Promise<string | undefined> {
  const row = await db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirst();
  return row?.status;
}
