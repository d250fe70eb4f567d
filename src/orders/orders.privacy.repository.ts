// What orders keep about a member, for their data export and their erasure. The order rows
// themselves stay (amounts, dates and codes are accounting records, kept ten years); only
// what names or locates the person goes: a home delivery address, their name in the
// history, their request to join.
import type { Executor } from '../db/index.ts';
import type { DataSubject, PersonalDataHolder } from '../platform/personal-data.ts';
import { scrubText } from '../platform/personal-data.repository.ts';
import { formatEuros } from '../platform/money.ts';
import { t } from '../platform/i18n/index.ts';
import { OPEN_ORDER_STATUSES } from './orders.rules.ts';

async function describeOrders(trx: Executor, { memberId }: DataSubject): Promise<Array<Record<string, unknown>>> {
  const orders = await trx
    .selectFrom('orders')
    .select(['id', 'collection_code', 'status', 'channel', 'placed_at', 'total_cents', 'slot_local_date', 'destination_kind', 'delivery_address'])
    .where('member_id', '=', memberId)
    .orderBy('placed_at')
    .execute();
  if (orders.length === 0) return [];
  const lines = await trx
    .selectFrom('order_lines')
    .select(['order_id', 'title', 'quantity', 'unit', 'total_cents'])
    .where('order_id', 'in', orders.map((order) => order.id))
    .orderBy('position')
    .execute();
  return orders.map((order) => ({
    commande: order.collection_code,
    passée_le: order.placed_at,
    état: order.status,
    canal: order.channel,
    retrait_le: order.slot_local_date,
    destination: order.destination_kind,
    adresse_de_livraison: order.delivery_address,
    total: formatEuros(Number(order.total_cents)),
    articles: lines.filter((line) => line.order_id === order.id).map((line) => `${line.quantity} × ${line.title} (${line.unit}) : ${formatEuros(Number(line.total_cents))}`),
  }));
}

async function openOrders(trx: Executor, { memberId }: DataSubject): Promise<string[]> {
  const open = await trx.selectFrom('orders').select('collection_code').where('member_id', '=', memberId).where('status', 'in', OPEN_ORDER_STATUSES).execute();
  return open.map((order) => t('erasure.reason.open_order', { code: order.collection_code }));
}

async function eraseOrders(trx: Executor, person: Parameters<PersonalDataHolder['erase']>[1]): Promise<number> {
  const addresses = await trx.updateTable('orders').set({ delivery_address: null }).where('member_id', '=', person.memberId).where('delivery_address', 'is not', null).executeTakeFirst();
  let changed = Number(addresses.numUpdatedRows);
  const requests = await trx
    .updateTable('membership_requests')
    .set({ name: person.replacement, phone: '', email: null })
    .where((eb) => eb.or([eb('member_id', '=', person.memberId), ...(person.email ? [eb('email', '=', person.email)] : [])]))
    .executeTakeFirst();
  changed += Number(requests.numUpdatedRows);
  // Free text others wrote: a clerk's note on the order, the actor of a step taken by the member.
  changed += await scrubText(trx, 'order_events', ['actor_label', 'note'], person);
  changed += await scrubText(trx, 'order_lines', ['title', 'refusal_note'], person);
  changed += await scrubText(trx, 'membership_requests', ['name'], person);
  return changed;
}

export const ORDERS_PERSONAL_DATA: PersonalDataHolder = {
  name: t('mydata.section.orders'),
  describe: describeOrders,
  openReasons: openOrders,
  erase: eraseOrders,
  activeSince: (db, sinceAt) => db.selectFrom('orders').select('member_id').where('placed_at', '>=', sinceAt),
};
