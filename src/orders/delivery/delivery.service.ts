// The orders' side of delivery runs: which orders of a date leave the counter (to a drop-off
// point, a company, a home) with their contents and what is left to pay; the hand-over at
// the door, paid as at the counter; and the way back to the counter for an order that could
// not be delivered, the member told where to collect it. The rounds area owns the runs and
// checks who may act; these functions run inside its transactions.
import type { Config } from '../../config.ts';
import type { Executor, Trx } from '../../db/index.ts';
import { listLoadClasses, loadOfClass } from '../../catalogue/index.ts';
import { findMembersByIds, fullName } from '../../members/index.ts';
import { getCollectionPoint, listCollectionPoints } from '../../places/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { nowIso } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { queueMail, signatureOf, type MailContent } from '../../platform/mail/mail.ts';
import { formatEuros } from '../../platform/money.ts';
import { handOverEverything } from '../counter/counter.service.ts';
import { moneyOfOrders, stillDueCents } from '../money/balance.repository.ts';
import { eventRow } from '../orders.moves.ts';
import { findOrder, insertEvents, listLinesOfOrders } from '../orders.repository.ts';
import type { CounterPaymentMethod } from '../orders.rules.ts';
import { listOrdersForDelivery, listOrdersToDeliver, sendBackToCounter, type OrderToDeliver } from './delivery.repository.ts';

export type { DeliveryDestination, OrderToDeliver } from './delivery.repository.ts';

export interface DeliveryLine {
  title: string;
  unit: string;
  quantity: number;
  totalCents: number;
  /** What it takes in a vehicle: from its offer's load class; a free-text line counts as a cabas per item. */
  load: { volumeUnits: number; weightGrams: number };
}

/** « À acheter pour moi » names no offer: a cabas per item keeps a margin. */
const FREE_TEXT_CLASS = 'medium';

export interface OrderForRun extends OrderToDeliver {
  lines: DeliveryLine[];
  /** What the member still owes, to collect on delivery; 0 when paid online. */
  dueCents: number;
}

/** Every order due on `localDate` beyond the counter, with its lines and what is left to pay: three queries. */
export async function ordersForRuns(db: Executor, localDate: string): Promise<OrderForRun[]> {
  const orders = await listOrdersToDeliver(db, localDate);
  return withContents(db, orders);
}

/** The same facts for orders already on runs, whatever their status now (sheets, the driver's phone): three queries. */
export async function ordersOnRuns(db: Executor, orderIds: readonly string[]): Promise<OrderForRun[]> {
  return withContents(db, await listOrdersForDelivery(db, orderIds));
}

async function withContents(db: Executor, orders: readonly OrderToDeliver[]): Promise<OrderForRun[]> {
  const ids = orders.map((order) => order.orderId);
  const [lines, money] = await Promise.all([listLinesOfOrders(db, ids), moneyOfOrders(db, ids)]);
  const classes = await listLoadClasses(db, lines.flatMap((line) => (line.offerId ? [line.offerId] : [])));
  return orders.map((order) => ({
    ...order,
    lines: lines
      .filter((line) => line.orderId === order.orderId && line.status === 'ordered')
      .map((line) => ({
        title: line.title,
        unit: line.unit,
        quantity: line.quantity,
        totalCents: line.totalCents,
        load: loadOfClass((line.offerId && classes.get(line.offerId)) || FREE_TEXT_CLASS, line.quantity),
      })),
    dueCents: stillDueCents(order.totalCents, money.get(order.orderId)!),
  }));
}

/** The driver gives the member everything of the order, and takes the payment due as at the counter. */
export async function deliverOrder(trx: Trx, who: Actor, orderId: string, method: CounterPaymentMethod | undefined): Promise<void> {
  await handOverEverything(trx, who, orderId, method);
}

/**
 * An order that was not delivered waits at the counter « à retirer »: its destination becomes
 * the counter, the history says why, and the member is told by mail (true) or is to be
 * called (false: no e-mail address).
 */
export async function backToCounter(trx: Trx, config: Config, who: Actor, orderId: string, why: string): Promise<boolean> {
  const order = await findOrder(trx, orderId);
  if (!order) throw new DomainError('not_found');
  const counter = (await listCollectionPoints(trx)).find((place) => place.kind === 'counter');
  if (!counter) throw new DomainError('destination_not_allowed');
  const at = nowIso();
  await sendBackToCounter(trx, orderId, counter.id, at);
  await insertEvents(trx, [eventRow(orderId, who, 'counter', { note: t('delivery.history.back_to_counter', { why }), at })]);
  const [[member], money] = await Promise.all([findMembersByIds(trx, [order.memberId]), moneyOfOrders(trx, [orderId])]);
  if (!member?.email) return false;
  const place = await getCollectionPoint(trx, counter.id);
  const mail = notDeliveredMail({
    memberName: fullName(member),
    code: order.collectionCode,
    why,
    placeName: place.name,
    placeAddress: `${place.addressLine}, ${place.postalCode} ${place.city}`,
    dueCents: stillDueCents(order.totalCents, money.get(orderId)!),
    url: `${config.baseUrl}/compte/commandes/${order.id}`,
  });
  await queueMail(trx, member.email, mail, signatureOf(config));
  return true;
}

export interface NotDeliveredMail {
  memberName: string;
  code: string;
  why: string;
  placeName: string;
  placeAddress: string;
  dueCents: number;
  url: string;
}

export function notDeliveredMail(input: NotDeliveredMail): MailContent {
  return {
    subject: t('delivery.mail.not_delivered.subject', { code: input.code }),
    paragraphs: [
      t('orders.mail.hello_name', { name: input.memberName }),
      t('delivery.mail.not_delivered.intro', { why: input.why }),
      t('delivery.mail.not_delivered.where', { place: input.placeName, address: input.placeAddress, code: input.code }),
      input.dueCents > 0 ? t('rounds.mail.ready.due', { amount: formatEuros(input.dueCents) }) : t('rounds.mail.ready.paid'),
      t('delivery.mail.not_delivered.call'),
      input.url,
    ],
  };
}
