// What the orders area tells the ledger: the money facts (payments taken at the counter or
// online, purchase orders handed over with their totals, refunds). Orders records these facts
// and knows nothing of accounts. Whoever keeps the books (settlement, wired in app.ts) is told
// of each fact inside the transaction that records it, so the books and the fact commit
// together; it can also read them all, in order, to post what was recorded without it.
import type { Executor } from '../../db/index.ts';
import {
  listCounterPaymentsAfter,
  listCounterPaymentsByIds,
  listHandOversAfter,
  listHandOversByIds,
  type CounterPaymentFact,
  type FactCursor,
  type HandOverFact,
} from './money.repository.ts';
import { listOnlinePaymentsByIds, type OnlinePaymentFact } from './payments.repository.ts';
import { listRefundsByIds, type RefundFact } from './refunds.repository.ts';

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

/** The money facts one use case recorded. */
export interface MoneyFacts {
  counterPayments: CounterPaymentFact[];
  onlinePayments: OnlinePaymentFact[];
  handOvers: HandOverFact[];
  refunds: RefundFact[];
}

export type MoneyFactIds = { [kind in keyof MoneyFacts]?: readonly string[] };

/** Called inside the transaction that recorded the facts; what it writes commits with them. */
export type MoneyFactsListener = (trx: Executor, facts: MoneyFacts) => Promise<void>;

// Wiring, the same in every process (app.ts sets it once at start), not state shared between
// them. Unset (a script without the app), the facts wait for the ledger's job.
let listener: MoneyFactsListener | undefined;

/** Who is told of each money fact as it is recorded; app.ts gives the ledger's posting. */
export function whenMoneyFactsRecorded(next: MoneyFactsListener | undefined): void {
  listener = next;
}

/** Tells the listener of the facts just recorded in `trx`, read back as the ledger reads them. */
export async function tellMoneyFacts(trx: Executor, ids: MoneyFactIds): Promise<void> {
  if (!listener) return;
  const [counterPayments, onlinePayments, handOvers, refunds] = await Promise.all([
    listCounterPaymentsByIds(trx, ids.counterPayments ?? []),
    listOnlinePaymentsByIds(trx, ids.onlinePayments ?? []),
    listHandOversByIds(trx, ids.handOvers ?? []),
    listRefundsByIds(trx, ids.refunds ?? []),
  ]);
  await listener(trx, { counterPayments, onlinePayments, handOvers, refunds });
}
