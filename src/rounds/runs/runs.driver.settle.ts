// Settling what the driver recorded: once the undo window has passed (a job, every minute) or
// at « Retour au comptoir », an outcome's effects are applied, once. Delivered: the hand-over
// and the payment taken at the door, as at the counter (the ledger follows from the money
// facts); absent or refused: the order waits at the counter « à retirer » and the member is
// told; dropped at a drop-off point: nothing yet, its list is ticked in later. settled_at is
// set in the same transaction by a conditional update, so settling twice does nothing.
import type { Config } from '../../config.ts';
import type { Db, Trx } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import { backToCounter, deliverOrder, ordersOnRuns, type CounterPaymentMethod } from '../../orders/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { addSeconds, nowIso } from '../../platform/clock.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import type { Job, JobLog } from '../../platform/jobs.ts';
import { listUnsettledBefore, listUnsettledOfRun, markSettled, type UnsettledOutcome } from './runs.driver.repository.ts';
import { queueDeliveredMail } from './runs.notify.service.ts';
import { UNDO_MINUTES } from './runs.rules.ts';

/** How many outcomes one run of the job settles; the rest wait a minute. */
const BATCH = 50;

/** The history names the driver who tapped, not the job that applied it. */
function actorOfRecorder(row: UnsettledOutcome): Actor {
  const { accountId, displayName, role } = row.recorder;
  if (!displayName) return { accountId, label: t('orders.history.system') };
  return { accountId, label: `${displayName} (${tDynamic(`role.${role ?? 'driver'}`).toLowerCase()})` };
}

/** Applies one outcome's effects, unless it was settled, taken back or replaced meanwhile. */
export async function settleOutcome(trx: Trx, config: Config, row: UnsettledOutcome): Promise<boolean> {
  if (!(await markSettled(trx, row.orderId, row.recordedAt, nowIso()))) return false;
  const who = actorOfRecorder(row);
  if (row.outcome === 'delivered') {
    const [order] = await ordersOnRuns(trx, [row.orderId]);
    await deliverOrder(trx, who, row.orderId, (row.paymentMethod as CounterPaymentMethod | null) ?? undefined);
    await queueDeliveredMail(trx, config, order, row);
  } else if (row.outcome === 'absent') {
    await backToCounter(trx, config, who, row.orderId, t('driver.why.absent'));
  } else if (row.outcome === 'refused') {
    const reason = tDynamic(`driver.refusal.${row.refusalReason ?? 'other'}`);
    await backToCounter(trx, config, who, row.orderId, t('driver.why.refused', { reason }));
  }
  return true;
}

/** Every outcome of a run, now: the driver is back at the counter. */
export async function settleRunNow(trx: Trx, config: Config, runId: string): Promise<void> {
  for (const row of await listUnsettledOfRun(trx, runId)) await settleOutcome(trx, config, row);
}

/** The outcomes whose undo window has passed, each in its own transaction: one that fails does not hold back the others. */
export async function settleDueOutcomes(db: Db, config: Config, log?: JobLog): Promise<number> {
  const rows = await listUnsettledBefore(db, addSeconds(nowIso(), -UNDO_MINUTES * 60), BATCH);
  let settled = 0;
  for (const row of rows) {
    try {
      if (await inTransaction(db, (trx) => settleOutcome(trx, config, row))) settled += 1;
    } catch (error) {
      log?.error(error, `delivery outcome of order ${row.orderId} not settled`);
    }
  }
  return settled;
}

export const DELIVERY_OUTCOMES_JOB: Job = {
  name: 'delivery-outcomes',
  label: t('jobs.label.delivery_outcomes'),
  everySeconds: 60,
  run: async ({ db, config, log }) => {
    await settleDueOutcomes(db, config, log);
  },
};
