// The SQL of ticking a drop-off point's list back in: each line's outcome written once.
import type { Executor } from '../../db/index.ts';

export interface TickedLine {
  orderId: string;
  stopId: string;
  outcome: 'delivered' | 'absent';
  recipientName: string | null;
  paymentMethod: string | null;
  at: string;
  accountId: string;
}

/**
 * Writes a line's outcome, settled at once (there is no tap to undo on paper). Only a line
 * still waiting — nothing recorded, or only « left at the drop-off point » — is written:
 * false means it was ticked in already, and its effects must not be applied twice.
 */
export async function settleTickedLine(db: Executor, line: TickedLine): Promise<boolean> {
  const result = await db
    .updateTable('delivery_orders')
    .set({
      outcome: line.outcome,
      recipient_name: line.recipientName,
      payment_method: line.paymentMethod,
      recorded_at: line.at,
      recorded_by_account_id: line.accountId,
      settled_at: line.at,
    })
    .where('order_id', '=', line.orderId)
    .where('stop_id', '=', line.stopId)
    .where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', '=', 'dropped')]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
