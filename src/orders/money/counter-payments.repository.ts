// SQL of the payments taken at the counter (cash, card, cheque): money facts of an order, read
// by the counter's hand-over, the refunds and the balance, whoever took them.
import type { Executor } from '../../db/index.ts';
import type { CounterPaymentsTable } from '../../db/schema.ts';
import type { CounterPaymentMethod } from '../orders.rules.ts';

export interface CounterPayment {
  id: string;
  orderId: string;
  method: CounterPaymentMethod;
  amountCents: number;
  accountId: string | null;
  actorLabel: string;
  at: string;
}

function toPayment(row: CounterPaymentsTable): CounterPayment {
  return {
    id: row.id,
    orderId: row.order_id,
    method: row.method as CounterPaymentMethod,
    amountCents: Number(row.amount_cents),
    accountId: row.account_id,
    actorLabel: row.actor_label,
    at: row.at,
  };
}

export async function insertCounterPayment(db: Executor, row: CounterPaymentsTable): Promise<void> {
  await db.insertInto('counter_payments').values(row).execute();
}

export async function listCounterPayments(db: Executor, orderId: string): Promise<CounterPayment[]> {
  const rows = await db.selectFrom('counter_payments').selectAll().where('order_id', '=', orderId).orderBy('at').orderBy('id').execute();
  return rows.map(toPayment);
}
