// The confirmed price of a line ordered at an estimate (« à acheter pour moi »), on the order's
// record: once the shop gives the real price, the concierge confirms it; the line, its
// purchase order and the order take it, the history says so, and the member is told by mail
// when the total changed.
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/index.ts';
import { findMembersByIds, fullName } from '../members/index.ts';
import { actorOf, assertConcierge } from '../platform/actor.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import { queueMail, signatureOf } from '../platform/mail/mail.ts';
import { formatEuros } from '../platform/money.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { eventRow, lockAndRead } from './orders.moves.ts';
import { confirmEstimatedPrice, findOrder, insertEvents, listLinesOfOrders, recomputeTotals } from './orders.repository.ts';
import { checkEstimatePrice } from './orders.rules.ts';

/**
 * The shop gave the real price of a line ordered at an estimate: the line, its purchase
 * order and the order take it, the history records it, and the member (when they have an
 * e-mail) is told the new total if it changed. Refused once confirmed, or once that part of
 * the order was handed over, refused or cancelled.
 */
export async function confirmLinePrice(db: Db, config: Config, actor: CurrentAccount | null, orderId: string, lineId: string, unitPriceCents: number): Promise<void> {
  assertConcierge(actor);
  checkEstimatePrice(unitPriceCents, 'price');
  await db.transaction().execute(async (trx) => {
    const order = await lockAndRead(trx, orderId);
    if (!order) throw notFound();
    const line = (await listLinesOfOrders(trx, [orderId])).find((candidate) => candidate.id === lineId);
    if (!line) throw notFound();
    const totalCents = unitPriceCents * line.quantity;
    if (!(await confirmEstimatedPrice(trx, lineId, orderId, { unitPriceCents, totalCents }))) throw new DomainError('price_not_estimate', 'price');
    await recomputeTotals(trx, orderId);
    const note = t('desk.price.event', { title: line.title, before: formatEuros(line.unitPriceCents), after: formatEuros(unitPriceCents) });
    await insertEvents(trx, [eventRow(orderId, actorOf(actor), 'price_confirmed', { purchaseOrderId: line.purchaseOrderId, note })]);
    const after = await findOrder(trx, orderId);
    if (after && after.totalCents !== order.totalCents) await tellMember(trx, config, after, { title: line.title, unitPriceCents, before: order.totalCents });
  });
}

async function tellMember(
  trx: Executor,
  config: Config,
  order: { id: string; memberId: string; collectionCode: string; totalCents: number },
  change: { title: string; unitPriceCents: number; before: number },
): Promise<void> {
  const [member] = await findMembersByIds(trx, [order.memberId]);
  if (!member?.email) return;
  const mail = {
    subject: t('desk.price.mail.subject', { code: order.collectionCode }),
    paragraphs: [
      t('desk.price.mail.hello', { name: fullName(member) }),
      t('desk.price.mail.what', { title: change.title, price: formatEuros(change.unitPriceCents), code: order.collectionCode }),
      t('desk.price.mail.total', { before: formatEuros(change.before), after: formatEuros(order.totalCents) }),
      t('desk.price.mail.question'),
    ],
  };
  await queueMail(trx, member.email, mail, signatureOf(config));
}
