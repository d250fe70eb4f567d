// The mails of a delivery, only those that make sense for where the order goes: the run is
// coming (the concierge's « Prévenir les adhérents », once per order), it is on its way (when
// the driver leaves: homes and workplaces, not drop-off points, where members come when they
// like within their slot), it was delivered (when the outcome is settled). « Not delivered »
// is the orders area's backToCounter. Members without e-mail are listed to be called.
// Every mail goes through the outbox, in the transaction of the step it tells about.
import type { Config } from '../../config.ts';
import type { Db, Trx } from '../../db/index.ts';
import { inTransaction } from '../../db/index.ts';
import type { OrderForRun } from '../../orders/index.ts';
import { utcToLocal } from '../../places/index.ts';
import { assertConcierge } from '../../platform/actor.ts';
import { formatClock, formatDate, formatDateTime, nowIso } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { queueMail, signatureOf, type MailContent } from '../../platform/mail/mail.ts';
import { formatEuros } from '../../platform/money.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import type { UnsettledOutcome } from './runs.driver.repository.ts';
import { listScheduledMailed, markScheduledMailed } from './runs.driver.repository.ts';
import { runDetail, type OrderOnStop, type RunDetail, type StopView } from './runs.service.ts';

/** A member of a run who has no e-mail address: the concierge calls them. */
export interface MemberToCall {
  orderId: string;
  code: string;
  name: string;
  phone: string | null;
  stopName: string;
}

export interface NotifyResult {
  detail: RunDetail;
  mailed: number;
  alreadyTold: number;
  toCall: MemberToCall[];
}

function hello(name: string): string {
  return t('orders.mail.hello_name', { name });
}

function orderUrl(config: Config, orderId: string): string {
  return `${config.baseUrl}/compte/commandes/${orderId}`;
}

/** « vendredi 11 décembre, de 14 h à 17 h »: the slot the member chose. */
function slotOf(order: OrderForRun, timeZone: string): string {
  return t('orders.slot', {
    date: formatDate(order.slotStartAt, timeZone),
    start: formatClock(utcToLocal(order.slotStartAt, timeZone).time),
    end: formatClock(utcToLocal(order.slotEndAt, timeZone).time),
  });
}

function dueLine(order: OrderForRun): string {
  if (order.dueCents === 0) return t('driver.mail.paid');
  return t(order.destination === 'drop_off' ? 'driver.mail.due_drop_off' : 'driver.mail.due', { amount: formatEuros(order.dueCents) });
}

/** Where and when the run brings the order, in the member's words. */
export function scheduledMail(order: OrderForRun, stop: Pick<StopView, 'name' | 'address'>, timeZone: string, url: string): MailContent {
  const slot = slotOf(order, timeZone);
  const code = order.collectionCode;
  const where =
    order.destination === 'home'
      ? t('driver.mail.scheduled.home', { code, slot, address: order.deliveryAddress ?? stop.address })
      : order.destination === 'workplace'
        ? t('driver.mail.scheduled.work', { code, slot, place: stop.name, address: stop.address })
        : t('driver.mail.scheduled.drop_off', { code, slot, place: stop.name, address: stop.address });
  return {
    subject: t('driver.mail.scheduled.subject', { code, date: formatDate(order.slotStartAt, timeZone) }),
    paragraphs: [hello(order.memberName), where, dueLine(order), url],
  };
}

/** The members of a run who cannot be mailed, stop by stop. */
export function membersToCall(detail: RunDetail): MemberToCall[] {
  return detail.stops.flatMap((stop) =>
    stop.orders
      .filter((order) => !order.memberEmail)
      .map((order) => ({ orderId: order.orderId, code: order.collectionCode, name: order.memberName, phone: order.memberPhone, stopName: `${stop.number}. ${stop.name}` })),
  );
}

/**
 * « Prévenir les adhérents »: one mail per order of the run whose member was not told yet
 * (pressing again after adding orders tells only the new ones), and those to call.
 */
export async function notifyRun(db: Db, config: Config, actor: CurrentAccount | null, runId: string): Promise<NotifyResult> {
  assertConcierge(actor);
  return inTransaction(db, async (trx) => {
    const detail = await runDetail(trx, actor, runId);
    if (detail.stops.length === 0) throw new DomainError('run_empty');
    if (detail.run.status === 'finished') throw new DomainError('driver_run_finished');
    const orders = detail.stops.flatMap((stop) => stop.orders.map((order) => ({ stop, order })));
    const told = await listScheduledMailed(trx, orders.map(({ order }) => order.orderId));
    let mailed = 0;
    for (const { stop, order } of orders) {
      if (!order.memberEmail || told.has(order.orderId)) continue;
      if (!(await markScheduledMailed(trx, order.orderId, nowIso()))) continue;
      await queueMail(trx, order.memberEmail, scheduledMail(order, stop, config.timeZone, orderUrl(config, order.orderId)), signatureOf(config));
      mailed += 1;
    }
    return { detail, mailed, alreadyTold: orders.filter(({ order }) => order.memberEmail && told.has(order.orderId)).length, toCall: membersToCall(detail) };
  });
}

/** The orders a leaving run brings to a door (a home, a workplace): drop-off points get no « en route ». */
function onTheWay(stop: StopView): OrderOnStop[] {
  return stop.isDropOff ? [] : stop.orders.filter((order) => order.destination !== 'drop_off' && order.memberEmail);
}

/** « Votre commande est en route », when the driver leaves, with the run's window. */
export async function queueOnTheWayMails(trx: Trx, config: Config, detail: RunDetail): Promise<void> {
  const window = { from: formatClock(detail.run.windowOpens), to: formatClock(detail.run.windowCloses) };
  for (const stop of detail.stops) {
    for (const order of onTheWay(stop)) {
      const where = order.destination === 'home' ? t('driver.mail.on_way.home', { address: order.deliveryAddress ?? stop.address }) : t('driver.mail.on_way.work', { place: stop.name, address: stop.address });
      const mail: MailContent = {
        subject: t('driver.mail.on_way.subject', { code: order.collectionCode }),
        paragraphs: [hello(order.memberName), t('driver.mail.on_way.intro', { code: order.collectionCode, ...window }), where, dueLine(order), orderUrl(config, order.orderId)],
      };
      await queueMail(trx, order.memberEmail!, mail, signatureOf(config));
    }
  }
}

/** « Votre commande est livrée », when a delivery is settled: who took it, and what was paid at the door. */
export async function queueDeliveredMail(trx: Trx, config: Config, order: OrderForRun | undefined, row: UnsettledOutcome): Promise<void> {
  if (!order?.memberEmail) return;
  const paid = order.dueCents > 0 && row.paymentMethod ? [t('driver.mail.delivered.paid', { amount: formatEuros(order.dueCents), how: tDynamic(`driver.order.how.${row.paymentMethod}`) })] : [];
  const mail: MailContent = {
    subject: t('driver.mail.delivered.subject', { code: order.collectionCode }),
    paragraphs: [
      hello(order.memberName),
      t('driver.mail.delivered.intro', { code: order.collectionCode, name: row.recipientName ?? order.memberName, when: formatDateTime(row.recordedAt, config.timeZone) }),
      ...paid,
      t('driver.mail.delivered.thanks'),
      orderUrl(config, order.orderId),
    ],
  };
  await queueMail(trx, order.memberEmail, mail, signatureOf(config));
}
