// What the orders area tells the ledger: the money facts of the counter (payments taken,
// purchase orders handed over with their totals). Orders records these facts and knows
// nothing of accounts; settlement reads them from here and posts them.
import type { Executor } from '../db/index.ts';
import { listCounterPaymentsAfter, listHandOversAfter, type CounterPaymentFact, type FactCursor, type HandOverFact } from './orders.money.repository.ts';

export type { CounterPaymentFact, FactCursor, HandOverFact };

/** The start of every list: before any instant and any id. */
export const FIRST_CURSOR: FactCursor = { at: '', id: '' };

/** Up to `limit` counter payments after `cursor`, in the order they were taken. */
export function counterPaymentsAfter(db: Executor, cursor: FactCursor, limit: number): Promise<CounterPaymentFact[]> {
  return listCounterPaymentsAfter(db, cursor, limit);
}

/** Up to `limit` purchase orders handed over after `cursor`, in the order they were handed over. */
export function handOversAfter(db: Executor, cursor: FactCursor, limit: number): Promise<HandOverFact[]> {
  return listHandOversAfter(db, cursor, limit);
}
