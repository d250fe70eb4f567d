// What the crash proof asks the database after each kill: the file is sound, every request
// answered with success is there exactly once, no order is half written, the ledger balances.
// Each check returns a count of faults, zero when all is well.
import { sql } from 'kysely';
import type { Db } from '../../src/db/index.ts';
import type { Answered } from './crash-load.ts';

export interface Faults {
  /** Answered requests not found in the database. */
  missing: number;
  /** Answered requests found more than once. */
  duplicates: number;
  halfWritten: number;
  unbalanced: number;
  /** The sum of every debit minus every credit: zero in a sound ledger. */
  trialBalanceCents: number;
}

const count = (value: unknown) => Number(value ?? 0);

/** `pragma integrity_check` of a SQLite file: 'ok' or the first problem it reports. */
export async function integrityOf(db: Db): Promise<string> {
  const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  return rows.map((row) => row.integrity_check).join('; ');
}

/** How many times each idempotency key of `keys` is in the table. */
async function keyCounts(db: Db, keys: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let at = 0; at < keys.length; at += 200) {
    const rows = await db
      .selectFrom('idempotency_keys')
      .select(['key', (eb) => eb.fn.countAll().as('n')])
      .where('key', 'in', keys.slice(at, at + 200))
      .groupBy('key')
      .execute();
    for (const row of rows) counts.set(row.key, count(row.n));
  }
  return counts;
}

/** Each answered checkout's order is there, once, under the key its form carried; each other form's key once. */
async function checkAnswered(db: Db, answered: readonly Answered[]): Promise<{ missing: number; duplicates: number }> {
  const withKey = answered.filter((answer) => answer.kind !== 'closing');
  const counts = await keyCounts(db, withKey.map((answer) => answer.key));
  let missing = withKey.filter((answer) => !counts.has(answer.key)).length;
  let duplicates = [...counts.values()].filter((n) => n > 1).length;
  const orderIds = withKey.filter((answer) => answer.kind === 'checkout').map((answer) => answer.orderId);
  for (let at = 0; at < orderIds.length; at += 200) {
    const found = await db.selectFrom('orders').select('id').where('id', 'in', orderIds.slice(at, at + 200)).execute();
    missing += orderIds.slice(at, at + 200).length - found.length;
  }
  for (const answer of answered.filter((candidate) => candidate.kind === 'closing')) {
    const [kind, start] = answer.period!.split(':');
    const row = await db.selectFrom('settlement_closings').select((eb) => eb.fn.countAll().as('n')).where('period_kind', '=', kind).where('period_start', '=', start).executeTakeFirstOrThrow();
    if (count(row.n) === 0) missing += 1;
    if (count(row.n) > 1) duplicates += 1;
  }
  return { missing, duplicates };
}

/** Residents of the load with more than one order: each had one basket and checked out once. */
async function extraOrders(db: Db, since: string): Promise<number> {
  const { rows } = await sql<{ n: unknown }>`select count(*) as n from (select member_id from orders where placed_at >= ${since} group by member_id having count(*) > 1) as twice`.execute(db);
  return count(rows[0]?.n);
}

/**
 * Orders placed by the load that miss a part: no line, no purchase order, no event, a purchase
 * order without lines, a total that is not the sum of its purchase orders, no mail queued
 * for the resident.
 */
async function halfWrittenOrders(db: Db, since: string): Promise<number> {
  const { rows } = await sql<{ n: unknown }>`
    select count(*) as n from orders o
    where o.placed_at >= ${since} and (
      not exists (select 1 from order_lines l where l.order_id = o.id)
      or not exists (select 1 from purchase_orders p where p.order_id = o.id)
      or not exists (select 1 from order_events e where e.order_id = o.id)
      or exists (select 1 from purchase_orders p where p.order_id = o.id and not exists (select 1 from order_lines l where l.purchase_order_id = p.id))
      or o.total_cents <> (select coalesce(sum(p.total_cents), 0) from purchase_orders p where p.order_id = o.id)
      or not exists (select 1 from outbox m join members r on r.email = m.recipient where r.id = o.member_id and m.created_at >= o.placed_at)
    )`.execute(db);
  return count(rows[0]?.n);
}

/** Ledger transactions whose debits differ from their credits, or that hold no entry. */
async function unbalancedTransactions(db: Db): Promise<number> {
  const { rows } = await sql<{ n: unknown }>`
    select (select count(*) from (select transaction_id from ledger_entries group by transaction_id having sum(debit_cents) <> sum(credit_cents)) as uneven)
         + (select count(*) from ledger_transactions t where not exists (select 1 from ledger_entries e where e.transaction_id = t.id)) as n`.execute(db);
  return count(rows[0]?.n);
}

async function trialBalanceCents(db: Db): Promise<number> {
  const row = await db.selectFrom('ledger_entries').select((eb) => [eb.fn.sum<number>('debit_cents').as('debit'), eb.fn.sum<number>('credit_cents').as('credit')]).executeTakeFirstOrThrow();
  return count(row.debit) - count(row.credit);
}

/** Every check of one life of the app, on what it answered, the orders it placed and the whole ledger. */
export async function findFaults(db: Db, answered: readonly Answered[], since: { proofAt: string; lifeAt: string }): Promise<Faults> {
  const { missing, duplicates } = await checkAnswered(db, answered);
  return {
    missing,
    duplicates: duplicates + (await extraOrders(db, since.proofAt)),
    // The orders of this life, answered or cut by the kill: earlier ones were checked before.
    halfWritten: await halfWrittenOrders(db, since.lifeAt),
    unbalanced: await unbalancedTransactions(db),
    trialBalanceCents: await trialBalanceCents(db),
  };
}
