// A small town with known figures for the dashboard's tests: five local shops and a provider,
// four members, six orders over October and November 2026 (Europe/Paris), three delivery runs,
// three service requests and one commission. Rows are written with exact instants so each
// figure can be computed by hand (see test/integration/reports-figures.test.ts).
import type { Db } from '../../src/db/index.ts';
import { makeMember } from './members.ts';
import { makePlace } from './orders.ts';
import { makeShop } from './shops.ts';

export interface FiguresTown {
  shopA: string;
  shopB: string;
  provider: string;
  members: string[];
  counter: string;
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${(sequence += 1)}`;

async function at(db: Db, table: 'members' | 'shops', id: string, fields: Record<string, string | null>): Promise<void> {
  await db.updateTable(table).set(fields).where('id', '=', id).execute();
}

interface OrderSpec {
  member: string;
  placedAt: string;
  channel: string;
  status: string;
  place: string;
  destination?: string;
  pos: Array<{ shop: string; cents: number; status: string; at: string }>;
}

async function insertOrder(db: Db, spec: OrderSpec): Promise<void> {
  const orderId = nextId('ordre');
  const total = spec.pos.reduce((sum, po) => sum + po.cents, 0);
  await db
    .insertInto('orders')
    .values({
      id: orderId,
      member_id: spec.member,
      placed_by_account_id: null,
      channel: spec.channel,
      status: spec.status,
      place_id: spec.place,
      slot_start_at: spec.placedAt,
      slot_end_at: spec.placedAt,
      slot_local_date: spec.placedAt.slice(0, 10),
      payment_method: 'counter',
      collection_code: `C${sequence}`,
      total_cents: total,
      placed_at: spec.placedAt,
      updated_at: spec.placedAt,
      ready_at: null,
      reminded_at: null,
      closed_at: null,
      destination_kind: spec.destination ?? 'collection',
      delivery_address: null,
    })
    .execute();
  for (const po of spec.pos) {
    await db
      .insertInto('purchase_orders')
      .values({ id: nextId('bon'), order_id: orderId, shop_id: po.shop, status: po.status, total_cents: po.cents, collection_round_at: spec.placedAt, created_at: spec.placedAt, updated_at: po.at, storage_location: null, collected_at: null })
      .execute();
  }
}

async function insertRun(db: Db, vehicle: string, runDate: string, legs: Array<number | null>): Promise<void> {
  const runId = nextId('tournee');
  await db
    .insertInto('delivery_runs')
    .values({ id: runId, run_date: runDate, vehicle_id: vehicle, number: sequence, driver_account_id: null, status: 'finished', window_opens: '09:00', window_closes: '12:00', started_at: null, finished_at: null, created_at: `${runDate}T06:00:00.000Z`, updated_at: `${runDate}T06:00:00.000Z` })
    .execute();
  for (const [position, leg] of legs.entries()) {
    await db
      .insertInto('delivery_stops')
      .values({ id: nextId('arret'), run_id: runId, position, place_id: null, address: '1 rue de la Gare', planned_arrival_at: null, actual_arrival_at: null, leg_metres: leg, created_at: `${runDate}T06:00:00.000Z` })
      .execute();
  }
}

async function insertVehicle(db: Db, kind: string, name: string): Promise<string> {
  const id = nextId('vehicule');
  await db.insertInto('vehicles').values({ id, kind, name, volume_units: 100, weight_grams: 300_000, created_at: '2026-01-01T00:00:00.000Z' }).execute();
  return id;
}

async function insertRequest(db: Db, member: string, kind: string, status: string, createdAt: string): Promise<void> {
  sequence += 1;
  await db
    .insertInto('service_requests')
    .values({
      id: `demande-${sequence}`,
      number: 9000 + sequence,
      member_id: member,
      kind,
      status,
      title: 'Demande',
      details: '',
      channel: 'phone',
      provider_shop_id: null,
      due_date: null,
      answer: null,
      rating: null,
      rating_note: null,
      created_by_account_id: null,
      created_at: createdAt,
      status_changed_at: createdAt,
      reminded_at: null,
      updated_at: createdAt,
    })
    .execute();
}

/** A commission of `cents` posted to the ledger at `at`, as a closing posts it (income credited). */
export async function insertCommission(db: Db, at: string, cents: number): Promise<void> {
  const transactionId = nextId('tx');
  await db
    .insertInto('ledger_transactions')
    .values({ id: transactionId, kind: 'commission', source_key: `commission:${transactionId}`, description: 'Commission', occurred_at: at, posted_at: at, occurred_on: at.slice(0, 10), journal: 'OD', journal_year: 2026, journal_number: 9000 + sequence, piece_ref: transactionId, piece_on: at.slice(0, 10) })
    .execute();
  await db
    .insertInto('ledger_entries')
    .values([
      { id: nextId('e'), transaction_id: transactionId, account: 'shop_payable', shop_id: null, member_id: null, debit_cents: cents, credit_cents: 0, position: 0 },
      { id: nextId('e'), transaction_id: transactionId, account: 'commission_income', shop_id: null, member_id: null, debit_cents: 0, credit_cents: cents, position: 1 },
    ])
    .execute();
}

/** A purchase order of goods handed over at `at` (for a late change after a month was rolled up). */
export async function insertLateHandOver(db: Db, town: FiguresTown, at: string, cents: number): Promise<void> {
  await insertOrder(db, { member: town.members[0], placedAt: at, channel: 'site', status: 'handed_over', place: town.counter, pos: [{ shop: town.shopA, cents, status: 'handed_over', at }] });
}

export async function makeFiguresTown(db: Db): Promise<FiguresTown> {
  const shopA = await makeShop(db, { categoryCode: 'fromagerie' });
  const shopB = await makeShop(db, { categoryCode: 'cave' });
  await makeShop(db, { stage: 'prospect' });
  await makeShop(db, { stage: 'contacted' });
  await makeShop(db, { stage: 'left' });
  const provider = await makeShop(db, { categoryCode: 'cordonnerie' });
  await at(db, 'shops', shopA, { joined_at: '2026-10-05T08:00:00.000Z' });
  await at(db, 'shops', shopB, { joined_at: '2026-11-03T08:00:00.000Z' });
  await db.updateTable('shops').set({ kind: 'provider', joined_at: '2026-10-01T08:00:00.000Z' }).where('id', '=', provider).execute();
  // Some shops are created « left » or « prospect » without joining; the factories date the rest now.
  await db.updateTable('shops').set({ joined_at: null }).where('id', 'not in', [shopA, shopB, provider]).execute();

  const members = [await makeMember(db), await makeMember(db), await makeMember(db), await makeMember(db)];
  const created = ['2026-09-15T10:00:00.000Z', '2026-10-10T10:00:00.000Z', '2026-11-02T10:00:00.000Z', '2026-10-31T23:30:00.000Z'];
  for (const [index, member] of members.entries()) await at(db, 'members', member, { created_at: created[index] });
  const [m1, m2, m3, m4] = members;

  const counter = await makePlace(db);
  const residence = await makePlace(db, { kind: 'residence' });
  const hamlet = await makePlace(db, { kind: 'community_centre' });
  const h = 'handed_over';
  await insertOrder(db, { member: m1, placedAt: '2026-10-05T08:00:00.000Z', channel: 'site', status: h, place: counter, pos: [{ shop: shopA, cents: 3000, status: h, at: '2026-10-06T10:00:00.000Z' }, { shop: provider, cents: 4500, status: h, at: '2026-10-07T10:00:00.000Z' }] });
  // Handed over at 23:30 in Istres on 31 October (22:30 UTC): still October.
  await insertOrder(db, { member: m2, placedAt: '2026-10-20T08:00:00.000Z', channel: 'telephone', status: h, place: residence, pos: [{ shop: shopB, cents: 1250, status: h, at: '2026-10-31T22:30:00.000Z' }] });
  await insertOrder(db, { member: m1, placedAt: '2026-11-03T08:00:00.000Z', channel: 'courriel', status: h, place: counter, destination: 'home', pos: [{ shop: shopA, cents: 2000, status: h, at: '2026-11-04T10:00:00.000Z' }] });
  await insertOrder(db, { member: m3, placedAt: '2026-11-05T08:00:00.000Z', channel: 'comptoir', status: 'preparing', place: hamlet, pos: [{ shop: shopB, cents: 750, status: 'accepted', at: '2026-11-05T09:00:00.000Z' }] });
  await insertOrder(db, { member: m2, placedAt: '2026-10-25T08:00:00.000Z', channel: 'site', status: 'cancelled', place: counter, pos: [{ shop: shopA, cents: 1000, status: 'cancelled', at: '2026-10-25T09:00:00.000Z' }] });
  // Placed at 00:30 on 1 November in Istres (23:30 UTC on 31 October): a November order.
  await insertOrder(db, { member: m4, placedAt: '2026-10-31T23:30:00.000Z', channel: 'site', status: h, place: counter, destination: 'workplace', pos: [{ shop: shopA, cents: 1800, status: h, at: '2026-11-12T10:00:00.000Z' }] });

  const van = await insertVehicle(db, 'van', 'Fourgon 1');
  const tricycle = await insertVehicle(db, 'tricycle', 'Triporteur');
  await insertRun(db, van, '2026-10-14', [1200, 3400]);
  await insertRun(db, van, '2026-11-05', [2500]);
  await insertRun(db, tricycle, '2026-11-06', [800, null]);

  await insertRequest(db, m1, 'repair', 'done', '2026-10-12T09:00:00.000Z');
  await insertRequest(db, m2, 'advice', 'new', '2026-11-02T09:00:00.000Z');
  await insertRequest(db, m3, 'repair', 'at_counter', '2026-11-08T09:00:00.000Z');

  await insertCommission(db, '2026-10-31T12:00:00.000Z', 425);
  return { shopA, shopB, provider, members, counter };
}
