import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoTown } from '../../src/demo/seed.ts';
import { isValidSiret } from '../../src/shops/index.ts';
import { Agent } from '../helpers/agent.ts';
import { buildTestApp, createTestDatabase } from '../helpers/app.ts';

/** A fixed seeding day, so the counts below do not depend on when the tests run. */
const TODAY = new Date(Date.UTC(2026, 10, 28, 15, 30));

function configFor(databaseUrl: string): Config {
  return loadConfig({ NODE_ENV: 'test', MAIL_WORKER: 'false', DATABASE_URL: databaseUrl });
}

async function count(db: Db, table: 'shops' | 'offers' | 'members' | 'accounts' | 'outbox' | 'images'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Everything the seed draws, in a stable order, for comparing two databases. */
/** The services sold through requests: their ids are the requests area's own, drawn at each seed. */
async function serviceOrderIds(db: Db): Promise<string[]> {
  const repairs = await db.selectFrom('repair_items').select('order_id').execute();
  const quotes = await db.selectFrom('service_quotes').select('order_id').execute();
  return ['', ...[...repairs, ...quotes].flatMap((row) => (row.order_id ? [row.order_id] : []))];
}

async function snapshot(db: Db): Promise<unknown> {
  const services = await serviceOrderIds(db);
  const images = await db.selectFrom('images').select(['id', 'content_type', 'width', 'height', 'bytes']).orderBy('id').execute();
  return {
    categories: await db.selectFrom('categories').selectAll().orderBy('code').execute(),
    shops: await db.selectFrom('shops').selectAll().orderBy('id').execute(),
    shopHours: await db.selectFrom('shop_opening_hours').selectAll().orderBy('shop_id').orderBy('weekday').orderBy('opens_at').execute(),
    offers: await db.selectFrom('offers').selectAll().orderBy('id').execute(),
    members: await db.selectFrom('members').selectAll().orderBy('id').execute(),
    places: await db.selectFrom('places').selectAll().orderBy('id').execute(),
    placeHours: await db.selectFrom('place_opening_hours').selectAll().orderBy('place_id').orderBy('weekday').orderBy('opens_at').execute(),
    invitedAccounts: await db.selectFrom('accounts').selectAll().where('password_hash', 'is', null).orderBy('id').execute(),
    orders: await db.selectFrom('orders').selectAll().where('id', 'not in', services).orderBy('id').execute(),
    purchaseOrders: await db.selectFrom('purchase_orders').selectAll().where('order_id', 'not in', services).orderBy('id').execute(),
    orderLines: await db.selectFrom('order_lines').selectAll().where('order_id', 'not in', services).orderBy('id').execute(),
    orderEvents: await db.selectFrom('order_events').selectAll().where('order_id', 'not in', services).orderBy('id').execute(),
    payments: await db.selectFrom('counter_payments').selectAll().where('order_id', 'not in', services).orderBy('id').execute(),
    bookings: await db.selectFrom('slot_bookings').selectAll().orderBy('place_id').orderBy('start_at').execute(),
    images: images.map(({ bytes, ...image }) => ({ ...image, bytes: Buffer.from(bytes).toString('base64') })),
  };
}

// How fast it is seeded is a figure of `npm run bench`, not a test: a loaded machine is slow.
test('the demo town is seeded with the figures of Istres, and only once', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);

  assert.equal(await seedDemoTown(db, config, { onlyIfEmpty: true, today: TODAY }), true);

  const shops = await db.selectFrom('shops').selectAll().execute();
  assert.ok(shops.length >= 145 && shops.length <= 155, `${shops.length} shops`);
  const members = shops.filter((shop) => shop.stage === 'member');
  assert.ok(members.length >= 75 && members.length <= 85, `${members.length} member shops`);
  const stages = new Set(shops.map((shop) => shop.stage));
  for (const stage of ['prospect', 'contacted', 'inactive', 'left']) assert.ok(stages.has(stage), `no ${stage} shop`);
  const joinedThisYear = members.filter((shop) => shop.joined_at!.startsWith('2026-'));
  assert.ok(joinedThisYear.length >= 25 && joinedThisYear.length <= 35, `${joinedThisYear.length} joined this year`);
  assert.ok(joinedThisYear.every((shop) => shop.joined_at! >= '2026-03-01' && shop.joined_at! < '2026-06-01'), 'campaign members joined in March–May');
  const firstWave = members.filter((shop) => shop.joined_at! >= '2020-12-01' && shop.joined_at! < '2022-01-01');
  assert.ok(firstWave.length >= 45 && firstWave.length <= 55, `${firstWave.length} joined in 2020–2021`);

  const sirets = shops.map((shop) => shop.siret!);
  assert.ok(sirets.every((siret) => isValidSiret(siret)), 'an invalid SIRET');
  assert.equal(new Set(sirets).size, shops.length);
  assert.ok(shops.every((shop) => ['13800', '13118'].includes(shop.postal_code) && shop.search_text.length > 0));
  assert.ok(shops.some((shop) => shop.city === 'Entressen'));

  // Every shop has hours, none on Sunday afternoon or Monday morning.
  const hours = await db.selectFrom('shop_opening_hours').selectAll().execute();
  assert.equal(new Set(hours.map((range) => range.shop_id)).size, shops.length);
  assert.ok(hours.every((range) => range.opens_at < range.closes_at));
  assert.ok(!hours.some((range) => range.weekday === 7 && range.closes_at > '13:00'), 'a shop opens on Sunday afternoon');

  // Two to six offers per member shop, none for the others; prices and rates as stored money.
  const offers = await db.selectFrom('offers').selectAll().execute();
  const perShop = new Map<string, number>();
  for (const offer of offers) perShop.set(offer.shop_id, (perShop.get(offer.shop_id) ?? 0) + 1);
  assert.ok(members.every((shop) => (perShop.get(shop.id) ?? 0) >= 2 && (perShop.get(shop.id) ?? 0) <= 6), 'a member shop without 2–6 offers');
  assert.equal(perShop.size, members.length);
  assert.ok(offers.every((offer) => Number.isInteger(offer.price_cents) && offer.price_cents > 0 && [550, 1000, 2000].includes(offer.vat_rate_bp)));
  assert.ok(offers.every((offer) => offer.availability !== 'made_to_order' || offer.lead_time_days >= 1));
  const paused = offers.filter((offer) => offer.availability === 'paused').length;
  assert.ok(paused >= 1 && paused <= 2, `${paused} paused offers`);
  const port = shops.find((shop) => shop.trade_name === 'Poissonnerie du Port')!;
  const platter = offers.find((offer) => offer.shop_id === port.id && offer.title === 'Plateau de fruits de mer pour 2')!;
  assert.equal(platter.price_cents, 4500);
  const wine = offers.find((offer) => offer.unit === 'la bouteille 75 cl')!;
  assert.deepEqual([wine.measure_amount, wine.measure_unit, wine.vat_rate_bp], [750, 'ml', 2000]);

  // About 400 residents, reachable, with unique e-mails; some invited, none mailed by the seed.
  const residents = await db.selectFrom('members').selectAll().execute();
  assert.ok(residents.length >= 380 && residents.length <= 420, `${residents.length} members`);
  assert.ok(residents.every((member) => member.phone !== null || member.email !== null));
  assert.ok(residents.every((member) => member.phone === null || /^0\d( \d\d){4}$/.test(member.phone)));
  const employees = residents.filter((member) => member.kind === 'employee');
  assert.ok(employees.length >= 30 && employees.length <= 50 && employees.every((member) => /zone du Tubé/.test(member.notes)));
  const invited = await db.selectFrom('accounts').select('id').where('password_hash', 'is', null).where('role', '=', 'resident').execute();
  const withEmail = residents.filter((member) => member.email !== null).length;
  assert.ok(invited.length > withEmail * 0.3 && invited.length < withEmail * 0.5, `${invited.length} invited of ${withEmail}`);
  // The only mails are those the service requests' steps told their members and providers (demo-requests.test.ts).
  const mails = await db.selectFrom('outbox').select('subject').execute();
  assert.ok(mails.every((mail) => /D-\d{4}|^Rendez-vous/.test(mail.subject)), 'a mail of the seed that is not about a request');

  // The counter opens 12:00–14:00 and 18:00–20:00, Monday to Saturday.
  const counter = await db.selectFrom('places').selectAll().where('kind', '=', 'counter').executeTakeFirstOrThrow();
  const counterHours = await db.selectFrom('place_opening_hours').selectAll().where('place_id', '=', counter.id).execute();
  assert.equal(counterHours.length, 12);
  assert.ok(counterHours.every((range) => range.weekday <= 6 && ['12:00-14:00', '18:00-20:00'].includes(`${range.opens_at}-${range.closes_at}`)));
  const kinds = (await db.selectFrom('places').select('kind').execute()).map((place) => place.kind).sort();
  // Two senior residences: the tricycle brings one of them its orders on Friday.
  assert.deepEqual(kinds, ['community_centre', 'company', 'counter', 'residence', 'residence']);

  // A second start leaves the town as it is.
  const before = await Promise.all((['shops', 'offers', 'members', 'accounts', 'images'] as const).map((table) => count(db, table)));
  assert.equal(await seedDemoTown(db, config, { onlyIfEmpty: true }), false);
  const after = await Promise.all((['shops', 'offers', 'members', 'accounts', 'images'] as const).map((table) => count(db, table)));
  assert.deepEqual(after, before);
  await assert.rejects(seedDemoTown(db, config, { onlyIfEmpty: false }), /déjà des commerces/);

  // Each demo login works through the real login form.
  for (const login of DEMO_LOGINS) {
    const response = await new Agent(app).login(login.email, DEMO_PASSWORD);
    assert.notEqual(response.headers.location, '/connexion', login.email);
  }
  const resident = await db.selectFrom('accounts').select('member_id').where('email', '=', 'adherent@conciergerie.test').executeTakeFirstOrThrow();
  const member = await db.selectFrom('members').select('email').where('id', '=', resident.member_id!).executeTakeFirstOrThrow();
  assert.equal(member.email, 'adherent@conciergerie.test');
  const merchant = await db.selectFrom('accounts').select('shop_id').where('email', '=', 'fromagerie@conciergerie.test').executeTakeFirstOrThrow();
  assert.equal(shops.find((shop) => shop.id === merchant.shop_id)?.trade_name, 'Fromagerie Lou Cabanoun');
});

test('two empty databases seeded the same day hold the same town, ids included', async (t) => {
  const first = await createTestDatabase();
  t.after(first.drop);
  const second = await createTestDatabase();
  t.after(second.drop);
  await seedDemoTown(first.db, configFor(first.databaseUrl), { onlyIfEmpty: true, today: TODAY });
  await seedDemoTown(second.db, configFor(second.databaseUrl), { onlyIfEmpty: true, today: new Date(Date.UTC(2026, 10, 28, 8, 5)) });
  const town = (await snapshot(first.db)) as { shops: unknown[]; members: unknown[]; orders: unknown[] };
  // 150 shops and 5 craftsmen or home services (demo.providers.ts).
  assert.equal(town.shops.length, 155);
  assert.ok(town.orders.length > 300);
  assert.equal(town.members.length, 400);
  assert.deepEqual(await snapshot(second.db), town);
});

test('seeded before this spring’s campaign, the recent members are last spring’s', async (t) => {
  const database = await createTestDatabase();
  t.after(database.drop);
  await seedDemoTown(database.db, configFor(database.databaseUrl), { onlyIfEmpty: true, today: new Date(Date.UTC(2027, 0, 20)) });
  const recent = await database.db.selectFrom('shops').select('joined_at').where('stage', '=', 'member').where('joined_at', '>=', '2022-01-01').execute();
  assert.ok(recent.length >= 25 && recent.length <= 35);
  assert.ok(recent.every((shop) => shop.joined_at! >= '2026-03-01' && shop.joined_at! < '2026-06-01'));
  const latest = await database.db.selectFrom('offers').select((eb) => eb.fn.max('created_at').as('at')).executeTakeFirstOrThrow();
  assert.ok(String(latest.at) < '2027-01-20', 'an offer created after the seeding day');
});
