// Use cases of the driver's phone: the runs of the coming days, leaving, recording what
// happened to each order at its stop (one tap), taking a wrong tap back for a few minutes,
// and coming back to the counter. Only the run's driver, or the concierge, may act on a run;
// anyone else gets « not found » (runDetail checks it against run.driverAccountId).
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import type { CounterPaymentMethod } from '../../orders/index.ts';
import { localDateOf } from '../../places/index.ts';
import { requireRole } from '../../platform/actor.ts';
import { addSeconds, nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { shiftDate } from '../rounds.rules.ts';
import { clearOutcomeRow, recordOutcomeRow } from './runs.driver.repository.ts';
import { settleRunNow } from './runs.driver.settle.ts';
import { queueOnTheWayMails } from './runs.notify.service.ts';
import { listRunsOfDriver, listStopsOfRuns, markStopReached, updateRunStatus, type Run } from './runs.repository.ts';
import { UNDO_MINUTES, type DeliveryRefusal } from './runs.rules.ts';
import { runDetail, type OrderOnStop, type RunDetail, type StopView } from './runs.service.ts';

/** How far ahead the driver's list looks: the week's runs, so Friday's can be checked on Tuesday. */
const LOOK_AHEAD_DAYS = 7;

export interface DriverRunItem {
  run: Run;
  stopCount: number;
}

/** The runs the actor drives from today on, soonest first. */
export async function driverRuns(db: Executor, config: Config, actor: CurrentAccount | null): Promise<DriverRunItem[]> {
  const reader = requireRole(actor, 'concierge', 'driver');
  const today = localDateOf(nowIso(), config.timeZone);
  const runs = await listRunsOfDriver(db, reader.id, today, shiftDate(today, LOOK_AHEAD_DAYS));
  const stops = await listStopsOfRuns(db, runs.map((run) => run.id));
  return runs
    .sort((a, b) => a.runDate.localeCompare(b.runDate) || a.windowOpens.localeCompare(b.windowOpens))
    .map((run) => ({ run, stopCount: stops.filter((stop) => stop.runId === run.id).length }));
}

/** One stop of a run the actor may read. */
export async function driverStop(db: Executor, actor: CurrentAccount | null, runId: string, stopId: string): Promise<{ detail: RunDetail; stop: StopView }> {
  const detail = await runDetail(db, actor, runId);
  const stop = detail.stops.find((candidate) => candidate.id === stopId);
  if (!stop) throw notFound();
  return { detail, stop };
}

/** The orders of a stop that have no outcome yet. */
export function ordersLeft(stop: StopView): number {
  return stop.orders.filter((order) => order.delivery.outcome === null).length;
}

/** « Partir »: the run is under way and the members delivered at home or at work are told. Pressing twice does nothing more. */
export async function startRun(db: Db, config: Config, actor: CurrentAccount | null, runId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const detail = await runDetail(trx, actor, runId);
    if (detail.run.status === 'finished') throw new DomainError('driver_run_finished');
    if (detail.run.status === 'under_way') return;
    if (detail.stops.length === 0) throw new DomainError('run_empty');
    if (!(await updateRunStatus(trx, runId, ['planned'], 'under_way', nowIso()))) return;
    await queueOnTheWayMails(trx, config, detail);
  });
}

/**
 * « Retour au comptoir »: every order must have its outcome; the run is finished and every
 * outcome settled now (the undo window closes). Pressing twice does nothing more.
 */
export async function finishRun(db: Db, config: Config, actor: CurrentAccount | null, runId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const detail = await runDetail(trx, actor, runId);
    if (detail.run.status === 'finished') return;
    if (detail.run.status === 'planned') throw new DomainError('driver_not_left');
    if (detail.stops.some((stop) => ordersLeft(stop) > 0)) throw new DomainError('driver_orders_left');
    if (!(await updateRunStatus(trx, runId, ['under_way'], 'finished', nowIso()))) return;
    await settleRunNow(trx, config, runId);
  });
}

export type OutcomeInput =
  | { outcome: 'delivered'; recipientName: string; paymentMethod: CounterPaymentMethod | null }
  | { outcome: 'absent' }
  | { outcome: 'refused'; reason: DeliveryRefusal };

/** A run under way that the actor drives, and one of its orders. */
async function orderUnderWay(trx: Executor, actor: CurrentAccount | null, runId: string, orderId: string): Promise<{ stop: StopView; order: OrderOnStop }> {
  const detail = await runDetail(trx, actor, runId);
  const stop = detail.stops.find((candidate) => candidate.orders.some((order) => order.orderId === orderId));
  if (!stop) throw notFound();
  if (detail.run.status === 'planned') throw new DomainError('driver_not_left');
  if (detail.run.status === 'finished') throw new DomainError('driver_run_finished');
  return { stop, order: stop.orders.find((order) => order.orderId === orderId)! };
}

/** What the driver may record for an order, checked before anything is written. */
function checkOutcome(stop: StopView, order: OrderOnStop, input: OutcomeInput): void {
  if (stop.isDropOff) throw new DomainError('driver_drop_off_only');
  if (input.outcome !== 'delivered') return;
  if (order.status !== 'ready') throw new DomainError('driver_not_on_board');
  if (input.recipientName.trim() === '') throw new DomainError('driver_recipient_required', `recipient-${order.orderId}`);
  if (order.dueCents > 0 && !input.paymentMethod) throw new DomainError('driver_payment_method_required');
}

/**
 * Records what happened to one order (one tap). A tap sent twice records once: the second
 * finds the outcome there and changes nothing (false). The first record at a stop is the
 * driver's arrival there.
 */
export async function recordOutcome(db: Db, actor: CurrentAccount | null, runId: string, orderId: string, input: OutcomeInput): Promise<{ recorded: boolean; stopId: string }> {
  return inTransaction(db, async (trx) => {
    const { stop, order } = await orderUnderWay(trx, actor, runId, orderId);
    if (order.delivery.outcome !== null) return { recorded: false, stopId: stop.id };
    checkOutcome(stop, order, input);
    const at = nowIso();
    const recorded = await recordOutcomeRow(trx, orderId, {
      outcome: input.outcome,
      recipientName: input.outcome === 'delivered' ? input.recipientName.trim() : null,
      refusalReason: input.outcome === 'refused' ? input.reason : null,
      paymentMethod: input.outcome === 'delivered' && order.dueCents > 0 ? input.paymentMethod : null,
      at,
      accountId: actor!.id,
    });
    if (recorded) await markStopReached(trx, stop.id, at);
    return { recorded, stopId: stop.id };
  });
}

/** « Déposé au point de dépôt »: every order of a drop-off stop at once; those already recorded are left as they are. */
export async function dropAtStop(db: Db, actor: CurrentAccount | null, runId: string, stopId: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { detail, stop } = await driverStop(trx, actor, runId, stopId);
    if (detail.run.status === 'planned') throw new DomainError('driver_not_left');
    if (detail.run.status === 'finished') throw new DomainError('driver_run_finished');
    if (!stop.isDropOff) throw new DomainError('driver_not_drop_off');
    const at = nowIso();
    let count = 0;
    for (const order of stop.orders.filter((candidate) => candidate.delivery.outcome === null)) {
      const record = { outcome: 'dropped' as const, recipientName: null, refusalReason: null, paymentMethod: null, at, accountId: actor!.id };
      if (await recordOutcomeRow(trx, order.orderId, record)) count += 1;
    }
    if (count > 0) await markStopReached(trx, stop.id, at);
    return count;
  });
}

/** Takes a wrong tap back, within UNDO_MINUTES of it and before it is settled. */
export async function undoOutcome(db: Db, actor: CurrentAccount | null, runId: string, orderId: string): Promise<{ stopId: string }> {
  return inTransaction(db, async (trx) => {
    const { stop, order } = await orderUnderWay(trx, actor, runId, orderId);
    // « Annuler » pressed twice: the first took it back, the second has nothing to do
    if (order.delivery.outcome === null) return { stopId: stop.id };
    const notBeforeAt = addSeconds(nowIso(), -UNDO_MINUTES * 60);
    if (!(await clearOutcomeRow(trx, orderId, notBeforeAt))) throw new DomainError('driver_undo_too_late');
    return { stopId: stop.id };
  });
}
