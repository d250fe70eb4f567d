// SQL of the driver's phone: what happened to an order at its stop, taking a wrong tap back,
// and settling the outcomes whose undo window has passed. Every write is conditional, so a
// tap sent twice, or a job run twice, changes a row once.
import type { Executor } from '../../db/index.ts';
import type { DeliveryRefusal, Outcome } from './runs.rules.ts';

export interface OutcomeRecord {
  outcome: Outcome;
  recipientName: string | null;
  refusalReason: DeliveryRefusal | null;
  paymentMethod: string | null;
  at: string;
  accountId: string;
}

/** Records an outcome for an order that has none yet; false when one was already recorded. */
export async function recordOutcomeRow(db: Executor, orderId: string, record: OutcomeRecord): Promise<boolean> {
  const result = await db
    .updateTable('delivery_orders')
    .set({
      outcome: record.outcome,
      recipient_name: record.recipientName,
      refusal_reason: record.refusalReason,
      payment_method: record.paymentMethod,
      recorded_at: record.at,
      recorded_by_account_id: record.accountId,
    })
    .where('order_id', '=', orderId)
    .where('outcome', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Takes an outcome back while it is not settled and was recorded after `notBeforeAt`. */
export async function clearOutcomeRow(db: Executor, orderId: string, notBeforeAt: string): Promise<boolean> {
  const result = await db
    .updateTable('delivery_orders')
    .set({ outcome: null, recipient_name: null, refusal_reason: null, payment_method: null, recorded_at: null, recorded_by_account_id: null })
    .where('order_id', '=', orderId)
    .where('outcome', 'is not', null)
    .where('settled_at', 'is', null)
    .where('recorded_at', '>', notBeforeAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks an outcome settled; false when it already was (another process, a second press) or
 * when the tap read at `recordedAt` was taken back or replaced since.
 */
export async function markSettled(db: Executor, orderId: string, recordedAt: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('delivery_orders')
    .set({ settled_at: at })
    .where('order_id', '=', orderId)
    .where('recorded_at', '=', recordedAt)
    .where('settled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface UnsettledOutcome {
  orderId: string;
  runId: string;
  outcome: Outcome;
  recipientName: string | null;
  refusalReason: DeliveryRefusal | null;
  paymentMethod: string | null;
  recordedAt: string;
  recorder: { accountId: string | null; displayName: string | null; role: string | null };
}

function unsettledQuery(db: Executor) {
  return db
    .selectFrom('delivery_orders as d')
    .innerJoin('delivery_stops as s', 's.id', 'd.stop_id')
    .leftJoin('accounts as a', 'a.id', 'd.recorded_by_account_id')
    .select(['d.order_id', 's.run_id', 'd.outcome', 'd.recipient_name', 'd.refusal_reason', 'd.payment_method', 'd.recorded_at', 'd.recorded_by_account_id', 'a.display_name', 'a.role'])
    .where('d.outcome', 'is not', null)
    .where('d.settled_at', 'is', null);
}

type UnsettledRow = Awaited<ReturnType<ReturnType<typeof unsettledQuery>['executeTakeFirstOrThrow']>>;

function toUnsettled(row: UnsettledRow): UnsettledOutcome {
  return {
    orderId: row.order_id,
    runId: row.run_id,
    outcome: row.outcome as Outcome,
    recipientName: row.recipient_name,
    refusalReason: row.refusal_reason as DeliveryRefusal | null,
    paymentMethod: row.payment_method,
    recordedAt: row.recorded_at ?? '',
    recorder: { accountId: row.recorded_by_account_id, displayName: row.display_name, role: row.role },
  };
}

/** Outcomes recorded at or before `recordedBeforeAt` and not settled yet, oldest first (the job's batch). */
export async function listUnsettledBefore(db: Executor, recordedBeforeAt: string, limit: number): Promise<UnsettledOutcome[]> {
  const rows = await unsettledQuery(db).where('d.recorded_at', '<=', recordedBeforeAt).orderBy('d.recorded_at').orderBy('d.order_id').limit(limit).execute();
  return rows.map(toUnsettled);
}

/** Every outcome of a run not settled yet, whatever its age (« Retour au comptoir »). */
export async function listUnsettledOfRun(db: Executor, runId: string): Promise<UnsettledOutcome[]> {
  const rows = await unsettledQuery(db).where('s.run_id', '=', runId).orderBy('d.recorded_at').orderBy('d.order_id').execute();
  return rows.map(toUnsettled);
}

/** The run an order travels on, to check who may record for it. */
export async function findRunOfOrder(db: Executor, orderId: string): Promise<{ runId: string; stopId: string } | undefined> {
  const row = await db
    .selectFrom('delivery_orders as d')
    .innerJoin('delivery_stops as s', 's.id', 'd.stop_id')
    .select(['s.run_id', 'd.stop_id'])
    .where('d.order_id', '=', orderId)
    .executeTakeFirst();
  return row ? { runId: row.run_id, stopId: row.stop_id } : undefined;
}

/** Which orders of a run were already told by mail that the run is coming. */
export async function listScheduledMailed(db: Executor, orderIds: readonly string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const rows = await db.selectFrom('delivery_orders').select('order_id').where('order_id', 'in', [...orderIds]).where('scheduled_mail_at', 'is not', null).execute();
  return new Set(rows.map((row) => row.order_id));
}

/** Remembers that the member of an order was told; false when another press did it first. */
export async function markScheduledMailed(db: Executor, orderId: string, at: string): Promise<boolean> {
  const result = await db.updateTable('delivery_orders').set({ scheduled_mail_at: at }).where('order_id', '=', orderId).where('scheduled_mail_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
