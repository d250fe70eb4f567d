// Use cases of the ledger: posting the money facts of orders (as they are recorded, and by an
// hourly job for any left behind), and reading the balances the concierge and the shops see.
import type { Db, Executor } from '../db/index.ts';
import { inTransaction } from '../db/index.ts';
import {
  FIRST_CURSOR,
  counterPaymentsAfter,
  handOversAfter,
  onlinePaymentsAfter,
  refundsAfter,
  type CounterPaymentFact,
  type FactCursor,
  type HandOverFact,
  type MoneyFacts,
  type OnlinePaymentFact,
  type RefundFact,
} from '../orders/index.ts';
import { assertCanManageShop, getShop, type Shop } from '../shops/index.ts';
import { localDateOf } from '../platform/calendar.ts';
import { nowIso } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { Job } from '../platform/jobs.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { insertNewTransactions, insertTransaction, latestOccurredAt, listShopEntries, postedSourceKeys, totalsByAccount, totalsOfAccount, type LedgerLine, type NewTransaction, type TransactionKind } from './settlement.repository.ts';
import { buildTransaction, counterPaymentPostings, handOverPostings, onlinePaymentPostings, refundPostings, trialBalance, type LedgerAccount, type Posting, type TrialBalance } from './settlement.rules.ts';
import { assertConcierge } from '../platform/actor.ts';

/** Facts read per query while posting. */
const BATCH = 500;
/** Facts posted at the same time, each in its own transaction. */
const TOGETHER = 8;

/**
 * How far back posting reads again before the latest fact already posted. A fact's instant
 * is stamped inside the counter's database transaction, before it commits, so a fact can
 * become visible after a later one was posted; reading again from a while before (the
 * unique source key skips what is posted) catches it. A counter transaction lasts well
 * under a second: an hour is a wide margin. Reading only the last N days instead would
 * miss the whole past the first time the ledger runs; this cursor starts at the beginning.
 */
const OVERLAP_MS = 60 * 60 * 1000;

/** What one kind of fact needs to be posted. */
interface FactKind<F extends { id: string; at: string }> {
  kind: TransactionKind;
  read: (db: Executor, cursor: FactCursor, limit: number) => Promise<F[]>;
  sourceKey: (fact: F) => string;
  description: (fact: F) => string;
  /** Its document: the order's code, on the receipt the resident is given and on « Mes commandes ». */
  pieceRef: (fact: F) => string;
  /** Nothing to post (no money moved) when undefined. */
  postings: (fact: F) => Posting[] | undefined;
}

const PAYMENTS: FactKind<CounterPaymentFact> = {
  kind: 'counter_payment',
  read: counterPaymentsAfter,
  sourceKey: (payment) => `payment:${payment.id}`,
  description: (payment) => t('settlement.tx.counter_payment', { method: tDynamic(`settlement.method.${payment.method}`), code: payment.collectionCode }),
  pieceRef: (payment) => payment.collectionCode,
  postings: (payment) => (payment.amountCents > 0 ? counterPaymentPostings(payment) : undefined),
};

const HAND_OVERS: FactKind<HandOverFact> = {
  kind: 'handover',
  read: handOversAfter,
  sourceKey: (handOver) => `handover:${handOver.id}`,
  description: (handOver) => t('settlement.tx.handover', { code: handOver.collectionCode }),
  pieceRef: (handOver) => handOver.collectionCode,
  postings: (handOver) => (handOver.totalCents > 0 ? handOverPostings(handOver) : undefined),
};

const ONLINE_PAYMENTS: FactKind<OnlinePaymentFact> = {
  kind: 'online_payment',
  read: onlinePaymentsAfter,
  sourceKey: (payment) => `online:${payment.id}`,
  description: (payment) => t('settlement.tx.online_payment', { code: payment.collectionCode }),
  pieceRef: (payment) => payment.collectionCode,
  postings: (payment) => (payment.amountCents > 0 ? onlinePaymentPostings(payment) : undefined),
};

const REFUNDS: FactKind<RefundFact> = {
  kind: 'refund',
  read: refundsAfter,
  sourceKey: (refund) => `refund:${refund.id}`,
  description: (refund) => t('settlement.tx.refund', { method: tDynamic(`settlement.method.${refund.method}`), code: refund.collectionCode }),
  pieceRef: (refund) => refund.collectionCode,
  postings: (refund) => (refund.amountCents > 0 ? refundPostings(refund) : undefined),
};

async function startCursor(db: Executor, kind: TransactionKind): Promise<FactCursor> {
  const latest = await latestOccurredAt(db, kind);
  if (!latest) return FIRST_CURSOR;
  return { at: new Date(Date.parse(latest) - OVERLAP_MS).toISOString(), id: '' };
}

/** Posts one fact in the caller's transaction; false when there is nothing to post or it was posted already. */
async function postFactIn<F extends { id: string; at: string }>(trx: Executor, facts: FactKind<F>, fact: F, timeZone: string): Promise<boolean> {
  const postings = facts.postings(fact);
  if (!postings) return false;
  const occurredOn = localDateOf(fact.at, timeZone);
  const transaction = { kind: facts.kind, sourceKey: facts.sourceKey(fact), description: facts.description(fact), occurredAt: fact.at, occurredOn, postedAt: nowIso(), pieceRef: facts.pieceRef(fact), pieceOn: occurredOn };
  // A concurrent poster that committed the same fact first wins; this one writes nothing.
  return insertTransaction(trx, transaction, buildTransaction(postings));
}

/** Posts one fact in its own transaction. */
function postFact<F extends { id: string; at: string }>(db: Db, facts: FactKind<F>, fact: F, timeZone: string): Promise<boolean> {
  return inTransaction(db, (trx) => postFactIn(trx, facts, fact, timeZone));
}

/** Posts every fact of a kind not posted yet, each in its own short transaction; answers how many. */
async function postFacts<F extends { id: string; at: string }>(db: Db, facts: FactKind<F>, timeZone: string, together = TOGETHER): Promise<number> {
  let cursor = await startCursor(db, facts.kind);
  let posted = 0;
  for (;;) {
    const batch = await facts.read(db, cursor, BATCH);
    const done = await postedSourceKeys(db, batch.map(facts.sourceKey));
    const waiting = batch.filter((fact) => !done.has(facts.sourceKey(fact)));
    // A few at a time: on SQLite they share one durable commit, on PostgreSQL they leave
    // connections of the pool to the pages being served meanwhile.
    for (let start = 0; start < waiting.length; start += together) {
      const results = await Promise.all(waiting.slice(start, start + together).map((fact) => postFact(db, facts, fact, timeZone)));
      posted += results.filter(Boolean).length;
    }
    if (batch.length < BATCH) return posted;
    const last = batch[batch.length - 1];
    cursor = { at: last.at, id: last.id };
  }
}

export interface PostingResult {
  payments: number;
  onlinePayments: number;
  handOvers: number;
  refunds: number;
}

/**
 * Posts the payments (at the counter and online), hand-overs and refunds not yet in the ledger. Safe to run at any time,
 * as often as wanted and from several processes at once: each fact is posted once.
 */
export async function postCounterActivity(db: Db, timeZone: string, options: { together?: number } = {}): Promise<PostingResult> {
  // `together`: a loader with the database to itself (the demo seed) posts many at once.
  const payments = await postFacts(db, PAYMENTS, timeZone, options.together);
  const onlinePayments = await postFacts(db, ONLINE_PAYMENTS, timeZone, options.together);
  const handOvers = await postFacts(db, HAND_OVERS, timeZone, options.together);
  const refunds = await postFacts(db, REFUNDS, timeZone, options.together);
  return { payments, onlinePayments, handOvers, refunds };
}

/**
 * Posts the money facts a use case of orders just recorded, in its transaction: the ledger
 * and the fact commit together, so the money pages are current without writing anything
 * themselves. app.ts makes this the orders area's listener. The treasury's facts (BQ) come
 * before the hand-overs (VE): journals are always numbered in the same order, so two
 * concurrent posters never wait for each other's journal.
 */
export async function postMoneyFacts(trx: Executor, facts: MoneyFacts, timeZone: string): Promise<void> {
  for (const payment of facts.counterPayments) await postFactIn(trx, PAYMENTS, payment, timeZone);
  for (const payment of facts.onlinePayments) await postFactIn(trx, ONLINE_PAYMENTS, payment, timeZone);
  for (const refund of facts.refunds) await postFactIn(trx, REFUNDS, refund, timeZone);
  for (const handOver of facts.handOvers) await postFactIn(trx, HAND_OVERS, handOver, timeZone);
}

/**
 * Facts recorded without the listener (before it existed, by a script, by a process that
 * stopped between two steps) are posted within the hour. Posting is safe from several
 * processes at once; the lease only spares the work.
 */
export const LEDGER_POSTING_JOB: Job = {
  name: 'ledger-posting',
  label: t('jobs.label.ledger_posting'),
  everySeconds: 60 * 60,
  run: async ({ db, config }) => {
    await postCounterActivity(db, config.timeZone);
  },
};

/** The conciergerie's trial balance, as posted (every money fact is posted when it is recorded). */
export async function conciergeTrialBalance(db: Executor, actor: CurrentAccount | null): Promise<TrialBalance> {
  assertConcierge(actor);
  return trialBalance(await totalsByAccount(db));
}

/** How many of a shop's entries its balance page lists. */
export const SHOP_ENTRIES_SHOWN = 50;

export interface ShopBalance {
  shop: Shop;
  /** What the conciergerie owes the shop for its goods handed over (credits minus debits). */
  owedCents: number;
  entries: LedgerLine[];
}

/** A shop's payable balance and its latest entries: for the concierge and that shop's merchants only. */
export async function shopBalance(db: Executor, actor: CurrentAccount | null, shopId: string): Promise<ShopBalance> {
  assertCanManageShop(actor, shopId);
  const shop = await getShop(db, shopId);
  const [totals, entries] = await Promise.all([totalsOfAccount(db, 'shop_payable', { shopId }), listShopEntries(db, shopId, 'shop_payable', SHOP_ENTRIES_SHOWN)]);
  return { shop, owedCents: totals.creditCents - totals.debitCents, entries };
}

/** Debits minus credits of one account (of one shop or member when it is theirs). */
export async function accountBalanceCents(db: Executor, account: LedgerAccount, owner: { shopId?: string; memberId?: string } = {}): Promise<number> {
  const totals = await totalsOfAccount(db, account, owner);
  return totals.debitCents - totals.creditCents;
}

/** A fact recorded in the ledger within the caller's transaction (commission, payout). */
export interface LedgerFact {
  kind: TransactionKind;
  /** Names the fact; a fact is recorded once, whatever happens. */
  sourceKey: string;
  description: string;
  occurredAt: string;
  /** The local day of the operation when it is not that of `occurredAt` (a period's last day for its commission). */
  occurredOn?: string;
  /** Its document: a number printed on it, and its local date (the operation's day when null). */
  piece: { ref: string; on: string | null };
}

function newTransactionOf(fact: LedgerFact, postedAt: string, timeZone: string): NewTransaction {
  const occurredOn = fact.occurredOn ?? localDateOf(fact.occurredAt, timeZone);
  const { piece, ...rest } = fact;
  return { ...rest, occurredOn, postedAt, pieceRef: piece.ref, pieceOn: piece.on ?? occurredOn };
}

/**
 * Records a fact in the caller's transaction, so the ledger and the status move that caused
 * it commit together. False when the fact was recorded already.
 */
export function recordInLedger(trx: Executor, fact: LedgerFact, postings: readonly Posting[], timeZone: string): Promise<boolean> {
  return insertTransaction(trx, newTransactionOf(fact, nowIso(), timeZone), buildTransaction(postings));
}

/** Records many new facts in the caller's transaction, in a few statements (a closing's commissions). */
export function recordAllInLedger(trx: Executor, facts: ReadonlyArray<{ fact: LedgerFact; postings: readonly Posting[] }>, timeZone: string): Promise<void> {
  const postedAt = nowIso();
  return insertNewTransactions(
    trx,
    facts.map(({ fact, postings }) => ({ transaction: newTransactionOf(fact, postedAt, timeZone), entries: buildTransaction(postings) })),
  );
}
