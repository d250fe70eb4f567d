// SQL of the concierge's list of orders: by status, and found by collection code or by
// member (the members area finds who matches a name or a phone). Newest first, by page.
import type { Executor } from '../db/index.ts';
import { toOrder, type Order } from './orders.repository.ts';
import type { OrderStatus } from './orders.rules.ts';

export interface BackOfficeOrderFilter {
  status?: OrderStatus;
  /** A search: orders with this collection code or of these members (nothing matches when both are empty). */
  search?: { code: string | undefined; memberIds: readonly string[] };
}

// Each branch has its index: orders_code_status_idx for the code, orders_member_placed_idx for members.
function filtered(db: Executor, filter: BackOfficeOrderFilter) {
  let query = db.selectFrom('orders');
  if (filter.status) query = query.where('status', '=', filter.status);
  const search = filter.search;
  if (search) {
    query = query.where((eb) => {
      const branches = [];
      if (search.code) branches.push(eb('collection_code', '=', search.code));
      if (search.memberIds.length > 0) branches.push(eb('member_id', 'in', search.memberIds));
      return branches.length > 0 ? eb.or(branches) : eb.lit(false);
    });
  }
  return query;
}

export async function listBackOfficeOrders(db: Executor, filter: BackOfficeOrderFilter, page: { limit: number; offset: number }): Promise<Order[]> {
  const rows = await filtered(db, filter).selectAll().orderBy('placed_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
  return rows.map(toOrder);
}

export async function countBackOfficeOrders(db: Executor, filter: BackOfficeOrderFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
