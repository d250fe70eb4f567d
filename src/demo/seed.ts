// The demo town: a conciergerie modelled on Istres, with its 150 local shops (80 members
// with storefronts), 400 registered residents, its collection points and one login per
// role, a year of orders ending in a live day (demo.orders.ts) and the delivery runs that
// carried some of them (demo.runs.ts). Everything is drawn from a fixed seed, ids included,
// so two empty databases seeded the same day hold the same town; only the demo logins, made by the accounts
// service, get fresh ids and hashes. Rows are written in bulk in one transaction: this is
// the one place that writes several areas' tables directly, for speed. Then the town's money
// (terms, closed months, invoices, payouts: demo.money.ts) goes through the settlement use
// cases, each in its own transactions.
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/index.ts';
import type { ImagesTable } from '../db/schema.ts';
import { createAccount } from '../platform/auth/auth.service.ts';
import { DomainError } from '../platform/errors.ts';
import type { CurrentAccount, Role } from '../platform/page-context.ts';
import { buildShopImages } from './demo.images.ts';
import { chooseOnlineOrders, refundableLines, seedDemoMoney } from './demo.money.ts';
import { buildMembers, type DemoMembers } from './demo.members.ts';
import { buildOffers } from './demo.offers.ts';
import { buildOrders, type DemoOrders } from './demo.orders.ts';
import { buildPlaces } from './demo.places.ts';
import { buildDestinations, type DemoDestinations } from './demo.destinations.ts';
import { DemoCalendar, SeededIds } from './demo.random.ts';
import { hasShops, insertCategories, insertRows } from './demo.repository.ts';
import { buildShops, type DemoShop } from './demo.shops.ts';
import { buildCrm, type DemoCrm } from './demo.crm.ts';
import { buildProviders, insertProviders, type DemoProviders } from './demo.providers.ts';
import { seedDemoRequests } from './demo.requests.ts';
import { postCounterActivity } from '../settlement/index.ts';
import { rollUpCompleteMonths } from '../reports/index.ts';
import { CATEGORIES } from './demo.town.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from './demo.logins.ts';
import { buildPastRuns, insertPastRuns, liveRunDates, prepareLiveRuns, type RunsInput } from './demo.runs.ts';
import { now } from '../platform/clock.ts';
import { localDateOf } from '../places/index.ts';

export { DEMO_LOGINS, DEMO_PASSWORD } from './demo.logins.ts';

export interface SeedOptions {
  /** Leave a database that already has shops untouched (and say so by returning false). */
  onlyIfEmpty: boolean;
  /** The day the town is seeded (the clock's today by default; another day seeds no money); dates such as this spring's canvassing campaign follow it. */
  today?: Date;
}

/** When the conciergerie opened: its places and pictures date from then. */
const OPENING_AT = '2020-12-01T09:00:00.000Z';

interface DemoTown {
  images: Map<string, ImagesTable>;
  shops: DemoShop[];
  offers: ReturnType<typeof buildOffers>;
  members: DemoMembers;
  places: ReturnType<typeof buildPlaces>;
  destinations: DemoDestinations;
  orders: DemoOrders;
  online: ReturnType<typeof chooseOnlineOrders>;
  refundable: ReturnType<typeof refundableLines>;
  providers: DemoProviders;
  crm: DemoCrm;
}

async function buildTown(config: Config, today: Date): Promise<DemoTown> {
  const calendar = new DemoCalendar(today);
  const shops = buildShops(calendar, new SeededIds('shops'));
  const storefronts = shops.filter((shop) => shop.row.stage === 'member').map(({ row }) => ({ id: row.id, name: row.trade_name, categoryCode: row.category_code }));
  const images = await buildShopImages(storefronts, new SeededIds('images'), OPENING_AT);
  for (const shop of shops) shop.row.image_id = images.get(shop.row.id)?.id ?? null;
  const offers = buildOffers(calendar, new SeededIds('offers'), shops, () => null);
  for (const offer of offers) offer.image_id = images.get(offer.shop_id)?.id ?? null;
  const members = buildMembers(calendar, new SeededIds('members'));
  const places = buildPlaces(config, new SeededIds('places'), OPENING_AT);
  const destinations = buildDestinations(members.members, places.places, new SeededIds('destinations'), OPENING_AT);
  // The destinations' rows: the delivery runs' orders need who works where and who cannot move.
  const orders = buildOrders({ config, today, shops, offers, members: destinations.members, demoResidentId: members.demoResidentId, places });
  giveAccountCodes(shops.map((shop) => shop.row), 'C', 4);
  giveAccountCodes(members.members, 'A', 5);
  const online = chooseOnlineOrders(orders.orders, members.demoResidentId);
  const refundable = refundableLines(orders.orders, orders.lines, today);
  return { images, shops, offers, members, places, destinations, orders, online, refundable, providers: buildProviders(calendar, shops), crm: buildCrm(calendar, shops) };
}

/** The short accounting codes, in creation order, as the shops and members areas give them one by one. */
function giveAccountCodes(rows: Array<{ id: string; created_at: string; account_code: string | null }>, letter: string, digits: number): void {
  const ordered = [...rows].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1));
  for (const [index, row] of ordered.entries()) row.account_code = `${letter}${String(index + 1).padStart(digits, '0')}`;
}

/** The areas go on numbering after the demo's codes. */
async function setAccountCodeSequences(trx: Executor, town: DemoTown): Promise<void> {
  for (const [kind, count] of [['shops', town.shops.length], ['members', town.members.members.length]] as const) {
    await trx.insertInto('account_code_sequences').values({ kind, last_number: count }).onConflict((oc) => oc.column('kind').doUpdateSet({ last_number: count })).execute();
  }
}

async function insertTown(trx: Executor, town: DemoTown): Promise<void> {
  await setAccountCodeSequences(trx, town);
  await insertCategories(trx, CATEGORIES.map((category, index) => ({ code: category.code, label: category.label, position: index + 1 })));
  await insertRows(trx, 'images', [...town.images.values()]);
  await insertRows(trx, 'shops', town.shops.map((shop) => shop.row));
  await insertRows(trx, 'shop_opening_hours', town.shops.flatMap((shop) => shop.hours));
  await insertRows(trx, 'offers', town.offers);
  // Places first: a company names its van stop, and an employee their company.
  await insertRows(trx, 'places', town.places.places);
  await insertRows(trx, 'place_opening_hours', town.places.hours);
  await insertRows(trx, 'companies', town.destinations.companies);
  await insertRows(trx, 'members', town.destinations.members);
  await insertRows(trx, 'accounts', town.members.accounts);
  await insertRows(trx, 'home_delivery_settings', [{ id: 'town', audience: 'needs_delivery', updated_at: OPENING_AT }]);
  await insertRows(trx, 'home_delivery_streets', town.destinations.streets);
  await insertRows(trx, 'orders', town.orders.orders);
  await insertRows(trx, 'purchase_orders', town.orders.purchaseOrders);
  await insertRows(trx, 'order_lines', town.orders.lines);
  await insertRows(trx, 'order_events', town.orders.events);
  await insertRows(trx, 'counter_payments', town.orders.payments);
  await insertRows(trx, 'slot_bookings', town.orders.bookings);
  await insertProviders(trx, town.providers);
  await insertCrm(trx, town.crm);
}

async function insertCrm(trx: Executor, crm: DemoCrm): Promise<void> {
  await insertRows(trx, 'shop_campaigns', crm.campaigns);
  await insertRows(trx, 'shop_campaign_targets', crm.targets);
  await insertRows(trx, 'shop_stage_events', crm.events);
  await insertRows(trx, 'shop_contacts', crm.contacts);
  await insertRows(trx, 'shop_interactions', crm.interactions);
  await insertRows(trx, 'shop_tasks', crm.tasks);
}

function linksOf(login: DemoLogin, town: DemoTown): { shopId: string | null; memberId: string | null; displayName: string } {
  if (login.shop) {
    const shop = town.shops.find((candidate) => candidate.row.trade_name === login.shop);
    if (!shop) throw new Error(`demo: no shop « ${login.shop} »`);
    return { shopId: shop.row.id, memberId: null, displayName: shop.ownerName };
  }
  if (login.role === 'resident') return { shopId: null, memberId: town.members.demoResidentId, displayName: login.displayName };
  return { shopId: null, memberId: null, displayName: login.displayName };
}

interface DemoStaff {
  /** They then tell the town's money and prepare the runs ahead. */
  concierges: CurrentAccount[];
  /** Who drives the runs, past and ahead. */
  driverId: string | null;
}

/** With a password, the accounts service sends no invitation. An address already taken is kept. */
async function createDemoLogins(trx: Executor, config: Config, town: DemoTown): Promise<DemoStaff> {
  const staff: DemoStaff = { concierges: [], driverId: null };
  for (const login of DEMO_LOGINS) {
    try {
      const links = linksOf(login, town);
      const id = await createAccount(trx, config, { email: login.email, role: login.role as Role, password: DEMO_PASSWORD, ...links });
      if (login.role === 'concierge') staff.concierges.push({ id, email: login.email, role: 'concierge', displayName: links.displayName, shopId: null, memberId: null });
      if (login.role === 'driver') staff.driverId = id;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'email_taken')) throw error;
    }
  }
  return staff;
}

function runsInput(config: Config, town: DemoTown, today: Date): RunsInput {
  return { orders: town.orders, places: town.places, members: town.destinations.members, today: localDateOf(today.toISOString(), config.timeZone), timeZone: config.timeZone };
}

function requestsInput(config: Config, town: DemoTown, today: Date, concierge: CurrentAccount) {
  const rows = [...town.shops.map((shop) => shop.row), ...town.providers.shops.map((shop) => shop.row)];
  const shopIds = new Map(rows.map((row) => [row.trade_name, row.id]));
  // Work is sold only by shops the town's money gives bank details to: the member shops.
  const memberShops = new Set(town.shops.filter((shop) => shop.row.stage === 'member').map((shop) => shop.row.trade_name));
  return { config, today, concierge, members: town.members.members, accounts: town.members.accounts, demoResidentId: town.members.demoResidentId, shopIds, memberShops };
}

/** Seeds the demo town (its rows in one transaction, then its money); false when `onlyIfEmpty` found shops already. */
export async function seedDemoTown(db: Db, config: Config, options: SeedOptions): Promise<boolean> {
  if (options.onlyIfEmpty && (await hasShops(db))) return false;
  const today = options.today ?? now();
  const town = await buildTown(config, today);
  const staff = await db.transaction().execute(async (trx) => {
    if (await hasShops(trx)) {
      if (options.onlyIfEmpty) return undefined;
      throw new Error('La base contient déjà des commerces : la ville de démonstration ne se charge que dans une base vide.');
    }
    await insertTown(trx, town);
    const staff = await createDemoLogins(trx, config, town);
    await insertPastRuns(trx, buildPastRuns(runsInput(config, town, today), staff.driverId));
    return staff;
  });
  if (!staff) return false;
  const { concierges } = staff;
  // The runs ahead go through « Préparer les tournées », as the concierge would click it.
  if (concierges.length > 0) await prepareLiveRuns(db, config, concierges[0], staff.driverId, liveRunDates(runsInput(config, town, today)));
  // The year of service requests goes through the requests area's use cases, before the money
  // is told: the repairs and quotes paid at the counter are sales of their providers.
  // The year's shopping goes into the ledger first: the requests' payments are posted as they
  // are recorded, at their past instants, and posting resumes after the latest fact posted.
  if (options.today === undefined) await postCounterActivity(db, config.timeZone, { together: 500 });
  if (concierges.length > 0) await seedDemoRequests(db, requestsInput(config, town, today, concierges[0]));
  // The money goes through the settlement use cases, each in its own transactions, which
  // stamp the clock: a town seeded for another day than the clock's (tests of the seed) has
  // no money yet, whatever day the tests run.
  if (options.today === undefined) {
    await seedDemoMoney(db, { config, today, shops: town.shops, concierges, online: town.online, refundable: town.refundable });
    // The town's dashboard reads its complete months rolled up, as the monthly job leaves them; the
    // current month stays live. This year and the last are enough for the charts and the yearly
    // review's comparison; the job rolls up the older, quiet months on its first run.
    const year = localDateOf(today.toISOString(), config.timeZone).slice(0, 4);
    await rollUpCompleteMonths(db, config.timeZone, { fromMonth: `${Number(year) - 1}-01` });
  }
  return true;
}

/** The site's address and the demo logins, in French, aligned in two columns. */
export function printDemoLogins(config: Config): void {
  const width = Math.max(...DEMO_LOGINS.map((login) => login.label.length));
  const lines = [
    '',
    `${config.conciergerie.name} — ville de démonstration`,
    `Adresse du site : ${config.baseUrl}`,
    '',
    `Comptes de démonstration (mot de passe commun : ${DEMO_PASSWORD})`,
    ...DEMO_LOGINS.map((login) => `  ${login.label.padEnd(width)}   ${login.email}`),
    '',
  ];
  console.log(lines.join('\n'));
}
