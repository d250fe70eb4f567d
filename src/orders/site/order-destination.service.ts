// Where a placed order goes, as the thank-you page and « Mes commandes » show it: collected
// at its place, delivered at home (with the address typed at checkout) or delivered at work
// (with the company's name).
import type { Executor } from '../../db/index.ts';
import { companyOfMember } from '../../members/index.ts';
import type { CollectionPoint } from '../../places/index.ts';
import type { Order } from '../orders.repository.ts';
import { findDestinationColumns } from './account.repository.ts';

export type OrderDestination =
  | { kind: 'collection' }
  | { kind: 'home'; address: string }
  /** `companyName`: the company whose stop the order goes to; the stop's name if the member has left it since */
  | { kind: 'workplace'; companyName: string };

export async function orderDestinationOf(db: Executor, order: Order, place: CollectionPoint): Promise<OrderDestination> {
  const columns = await findDestinationColumns(db, order.id);
  if (columns?.kind === 'home') return { kind: 'home', address: columns.deliveryAddress ?? '' };
  if (columns?.kind !== 'workplace') return { kind: 'collection' };
  const company = await companyOfMember(db, order.memberId);
  return { kind: 'workplace', companyName: company && company.placeId === order.placeId ? company.name : place.name };
}
