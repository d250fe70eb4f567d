// The concierge's list of orders: every order, newest first, filtered by status and found by
// what a caller gives on the phone — a collection code, a name or a phone number — with the
// member's name on each line. Only the concierge reaches it.
import type { Executor } from '../db/index.ts';
import { findMembersByIds, memberSearchTerms, searchMembers, type Member } from '../members/index.ts';
import { getCollectionPoint, listCollectionPoints } from '../places/index.ts';
import { assertConcierge } from '../platform/actor.ts';
import { notFound } from '../platform/errors.ts';
import type { CurrentAccount } from '../platform/page-context.ts';
import { countBackOfficeOrders, listBackOfficeOrders, type BackOfficeOrderFilter } from './orders.backoffice.repository.ts';
import type { Order } from './orders.repository.ts';
import { CODE_LENGTH, normaliseCode, type OrderStatus } from './orders.rules.ts';
import { ORDERS_PER_PAGE } from './orders.service.ts';

export interface BackOfficeOrderItem {
  order: Order;
  member: Member | undefined;
  placeName: string;
}

export interface BackOfficeOrderPage {
  items: BackOfficeOrderItem[];
  total: number;
  page: number;
  pageCount: number;
  /** More members match the words than the search looked at: the caller should say more. */
  tooManyMembers: boolean;
}

/** Names of collection points: the active ones in one query, any retired one apart. */
async function placeNames(db: Executor, placeIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map((await listCollectionPoints(db)).map((point) => [point.id, point.name]));
  const retired = [...new Set(placeIds)].filter((id) => !names.has(id));
  for (const point of await Promise.all(retired.map((id) => getCollectionPoint(db, id)))) names.set(point.id, point.name);
  return names;
}

/** What the words name: a collection code (spaces and case ignored) and the members whose name or phone match. */
async function searchFilter(db: Executor, actor: CurrentAccount | null, query: string): Promise<{ search: NonNullable<BackOfficeOrderFilter['search']>; tooManyMembers: boolean }> {
  const code = normaliseCode(query);
  // Words that fold to nothing (« ## ») would match every member.
  const members = memberSearchTerms(query).length > 0 ? await searchMembers(db, actor, query, 1) : { members: [], total: 0 };
  return {
    search: { code: code.length === CODE_LENGTH ? code : undefined, memberIds: members.members.map((member) => member.id) },
    tooManyMembers: members.total > members.members.length,
  };
}

export async function backOfficeOrders(db: Executor, actor: CurrentAccount | null, options: { status?: OrderStatus; query?: string }, page: number): Promise<BackOfficeOrderPage> {
  assertConcierge(actor);
  const query = options.query?.trim() ?? '';
  const found = query === '' ? undefined : await searchFilter(db, actor, query);
  const filter: BackOfficeOrderFilter = { status: options.status, search: found?.search };
  const total = await countBackOfficeOrders(db, filter);
  const pageCount = Math.max(1, Math.ceil(total / ORDERS_PER_PAGE));
  if (page > pageCount) throw notFound();
  const orders = await listBackOfficeOrders(db, filter, { limit: ORDERS_PER_PAGE, offset: (page - 1) * ORDERS_PER_PAGE });
  const [members, places] = await Promise.all([findMembersByIds(db, [...new Set(orders.map((order) => order.memberId))]), placeNames(db, orders.map((order) => order.placeId))]);
  const memberOf = new Map(members.map((member) => [member.id, member]));
  return {
    items: orders.map((order) => ({ order, member: memberOf.get(order.memberId), placeName: places.get(order.placeId) ?? '' })),
    total,
    page,
    pageCount,
    tooManyMembers: found?.tooManyMembers ?? false,
  };
}
