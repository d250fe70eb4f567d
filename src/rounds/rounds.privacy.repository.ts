// What delivery runs copied about a member: the home address of a stop and the name of who
// took the parcel at the door. The run, its stops and outcomes stay for the town's figures.
import type { Executor } from '../db/index.ts';
import type { DataSubject, ErasedPerson, PersonalDataHolder } from '../platform/personal-data.ts';
import { scrubText } from '../platform/personal-data.repository.ts';
import { t } from '../platform/i18n/index.ts';

function ordersOf(trx: Executor, memberId: string) {
  return trx.selectFrom('orders').select('id').where('member_id', '=', memberId);
}

async function describeDeliveries(trx: Executor, { memberId }: DataSubject): Promise<Array<Record<string, unknown>>> {
  const rows = await trx
    .selectFrom('delivery_orders as d')
    .innerJoin('delivery_stops as s', 's.id', 'd.stop_id')
    .innerJoin('delivery_runs as r', 'r.id', 's.run_id')
    .select(['r.run_date', 's.address', 'd.outcome', 'd.recipient_name'])
    .where('d.order_id', 'in', ordersOf(trx, memberId))
    .orderBy('r.run_date')
    .execute();
  return rows.map((row) => ({ le: row.run_date, adresse: row.address, résultat: row.outcome, remis_à: row.recipient_name }));
}

async function eraseDeliveries(trx: Executor, person: ErasedPerson): Promise<number> {
  const names = await trx.updateTable('delivery_orders').set({ recipient_name: null }).where('order_id', 'in', ordersOf(trx, person.memberId)).where('recipient_name', 'is not', null).executeTakeFirst();
  // A home stop is the member's address; a stop at a drop-off point or a company has a place instead.
  const stops = trx.selectFrom('delivery_orders').select('stop_id').where('order_id', 'in', ordersOf(trx, person.memberId));
  const addresses = await trx.updateTable('delivery_stops').set({ address: person.replacement }).where('id', 'in', stops).where('address', 'is not', null).where('place_id', 'is', null).executeTakeFirst();
  const quoted = await scrubText(trx, 'delivery_stops', ['address'], person);
  return Number(names.numUpdatedRows) + Number(addresses.numUpdatedRows) + quoted;
}

export const ROUNDS_PERSONAL_DATA: PersonalDataHolder = {
  name: t('mydata.section.deliveries'),
  describe: describeDeliveries,
  openReasons: async () => [],
  erase: eraseDeliveries,
};
