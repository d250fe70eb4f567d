// The resident's account, on the orders side: their orders as they think of them (the next
// ones to collect first, then the finished ones), the next order to collect shown at the top
// of « Mon compte », and « Commander à nouveau », which puts the offers of a past order back
// in the basket.
import type { Db, Executor } from '../../db/index.ts';
import { getCollectionPoint, type CollectionPoint } from '../../places/index.ts';
import { requireRole } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import { accountBasketKey, addAgain } from './basket.service.ts';
import { countPastOrdersOfMember, listPastOrdersOfMember, listUpcomingOrdersOfMember } from './account.repository.ts';
import { moneyOfOrders, stillDueCents } from '../money/balance.repository.ts';
import { listLinesOfOrders, type OrderLine } from '../orders.repository.ts';
import { ORDERS_PER_PAGE, ownOrder, summaries, type OrderSummary } from '../orders.service.ts';

/** « Commander à nouveau »: the same offers back in the resident's basket, at today's prices. */
export async function orderAgain(db: Db, actor: CurrentAccount | null, orderId: string): Promise<{ added: number; missing: number }> {
  const order = await ownOrder(db, actor, orderId);
  const lines = await listLinesOfOrders(db, [order.id]);
  const wanted = lines.flatMap((line) => (line.offerId ? [{ offerId: line.offerId, quantity: line.quantity }] : []));
  return addAgain(db, accountBasketKey(actor!.id), wanted);
}

export interface OrdersByCollection {
  /** still to collect, soonest slot first: all of them, on the first page only */
  upcoming: OrderSummary[];
  /** collected, cancelled or not collected, the latest first, paged */
  past: OrderSummary[];
  page: number;
  pageCount: number;
}

/** « Mes commandes »: what is still to collect on top, then the past, page by page. */
export async function ownOrdersByCollection(db: Executor, actor: CurrentAccount | null, page: number): Promise<OrdersByCollection> {
  const resident = requireRole(actor, 'resident');
  if (!resident.memberId) return { upcoming: [], past: [], page: 1, pageCount: 1 };
  const pastCount = await countPastOrdersOfMember(db, resident.memberId);
  const pageCount = Math.max(1, Math.ceil(pastCount / ORDERS_PER_PAGE));
  if (page > pageCount) throw notFound();
  const [upcoming, past] = await Promise.all([
    page === 1 ? listUpcomingOrdersOfMember(db, resident.memberId) : [],
    listPastOrdersOfMember(db, resident.memberId, { limit: ORDERS_PER_PAGE, offset: (page - 1) * ORDERS_PER_PAGE }),
  ]);
  return { upcoming: await summaries(db, upcoming), past: await summaries(db, past), page, pageCount };
}

export interface NextOrder {
  summary: OrderSummary;
  place: CollectionPoint;
  /** the lines still ordered (a refused line is not coming) */
  lines: OrderLine[];
  /** what is left to pay at the counter, after online payments and refunds */
  leftCents: number;
  /** how many other orders are still to collect after this one */
  othersCount: number;
}

/** The resident's next order to collect, for the top of « Mon compte »; null when none is on its way. */
export async function nextOrderToCollect(db: Executor, actor: CurrentAccount | null): Promise<NextOrder | null> {
  const resident = requireRole(actor, 'resident');
  if (!resident.memberId) return null;
  const upcoming = await listUpcomingOrdersOfMember(db, resident.memberId);
  const next = upcoming[0];
  if (!next) return null;
  const [[summary], lines, money, place] = await Promise.all([
    summaries(db, [next]),
    listLinesOfOrders(db, [next.id]),
    moneyOfOrders(db, [next.id]),
    getCollectionPoint(db, next.placeId),
  ]);
  return {
    summary,
    place,
    lines: lines.filter((line) => line.status === 'ordered'),
    leftCents: stillDueCents(next.totalCents, money.get(next.id)!),
    othersCount: upcoming.length - 1,
  };
}
