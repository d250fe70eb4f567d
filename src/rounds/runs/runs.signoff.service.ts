// Ticking a drop-off point's paper list back into the app, the concierge's job once the day
// at the foyer is over. Each line says whether the member collected the order (and, when
// something was due, how they paid on the spot) or not. Collected: the order is handed over
// and paid as at the counter, which reaches the ledger. Not collected: the order goes back to
// wait at the counter « à retirer » and the member is told. A line is ticked in once: sending
// the same list again changes nothing more.
import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import { backToCounter, deliverOrder, type CounterPaymentMethod } from '../../orders/index.ts';
import { actorOf, assertConcierge } from '../../platform/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import type { RunDetail, OrderOnStop, StopView } from './runs.service.ts';
import { dropOffStop } from './runs.sheet.service.ts';
import { settleTickedLine } from './runs.signoff.repository.ts';

/** How a member pays on the spot: as at the counter. */
export const PAID_ON_SITE: readonly CounterPaymentMethod[] = ['cash', 'card', 'cheque'];

export type SignOffChoice = 'collected' | 'not_collected';

/** One line of the paper list as the concierge reports it. */
export interface TickedChoice {
  orderId: string;
  choice: SignOffChoice;
  method?: CounterPaymentMethod;
}

/** A line of the list on screen: still to tick, or done (and how). */
export interface SignOffLine {
  order: OrderOnStop;
  /** null: still to tick in; otherwise what was recorded, and when. */
  done: { outcome: 'delivered' | 'absent' | 'refused'; at: string } | null;
}

export interface SignOffList {
  detail: RunDetail;
  stop: StopView;
  lines: SignOffLine[];
}

export interface SignOffResult {
  saved: number;
  /** Members told nothing by mail (no address): to call. */
  toCall: string[];
}

/** The form field of a line's choice, and of its method of payment. */
export const choiceField = (orderId: string) => `issue_${orderId}`;
export const methodField = (orderId: string) => `moyen_${orderId}`;

function lineOf(order: OrderOnStop): SignOffLine {
  const { outcome, settledAt, recordedAt } = order.delivery;
  if (outcome === null || outcome === 'dropped') return { order, done: null };
  return { order, done: { outcome, at: settledAt ?? recordedAt ?? '' } };
}

/** The list of a drop-off stop as the tick-back screen shows it, in alphabetical order. */
export async function signOffList(db: Executor, actor: CurrentAccount | null, runId: string, stopId: string): Promise<SignOffList> {
  const reader = assertConcierge(actor);
  const { detail, stop } = await dropOffStop(db, reader, runId, stopId);
  const orders = [...stop.orders].sort((a, b) => a.memberName.localeCompare(b.memberName, 'fr'));
  return { detail, stop, lines: orders.map(lineOf) };
}

/** A line « Retiré » with money due needs its method: the message goes next to that line. */
export function missingMethods(lines: readonly SignOffLine[], choices: readonly TickedChoice[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const choice of choices) {
    const line = lines.find((candidate) => candidate.order.orderId === choice.orderId);
    if (!line || line.done || choice.choice !== 'collected' || line.order.dueCents === 0 || choice.method) continue;
    errors[methodField(choice.orderId)] = t('signoff.line.method_required', { amount: formatEuros(line.order.dueCents) });
  }
  return errors;
}

/**
 * Ticks the list in, in one transaction: nothing is written unless every line can be. Lines
 * already done, lines left blank and orders that are not on this list are left alone.
 */
export async function tickSignOffList(db: Db, config: Config, actor: CurrentAccount | null, runId: string, stopId: string, choices: readonly TickedChoice[]): Promise<SignOffResult> {
  const concierge = assertConcierge(actor);
  const who = actorOf(concierge);
  return inTransaction(db, async (trx) => {
    const { stop, lines } = await signOffList(trx, concierge, runId, stopId);
    const [firstMissing] = Object.entries(missingMethods(lines, choices));
    if (firstMissing) throw new DomainError('signoff_method_required', firstMissing[0]);
    const result: SignOffResult = { saved: 0, toCall: [] };
    const at = nowIso();
    for (const choice of choices) {
      const line = lines.find((candidate) => candidate.order.orderId === choice.orderId);
      if (!line || line.done) continue;
      const { order } = line;
      const collected = choice.choice === 'collected';
      const method = collected && order.dueCents > 0 ? choice.method : undefined;
      const written = await settleTickedLine(trx, {
        orderId: order.orderId,
        stopId: stop.id,
        outcome: collected ? 'delivered' : 'absent',
        recipientName: collected ? order.memberName : null,
        paymentMethod: method ?? null,
        at,
        accountId: concierge.id,
      });
      if (!written) continue;
      result.saved += 1;
      if (collected) await deliverOrder(trx, who, order.orderId, method);
      else if (!(await backToCounter(trx, config, who, order.orderId, t('signoff.why', { place: stop.name })))) result.toCall.push(order.memberName);
    }
    return result;
  });
}
