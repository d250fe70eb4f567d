// The demo town's delivery runs, as the concierge and the driver would find them: seeded on
// a fixed Saturday, the next Friday has the van's run to the park and the tricycle's to the
// second residence and the homes, the next Wednesday the foyer's run, all given to the
// driver; behind them a year of finished runs with their legs, whose every order was handed
// over or went back to the counter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, seedDemoTown } from '../../src/demo/seed.ts';
import { RUNS_PATH } from '../../src/rounds/runs/runs.paths.ts';
import { Agent } from '../helpers/agent.ts';
import { buildTestApp } from '../helpers/app.ts';
import { plain, visibleText } from '../helpers/text.ts';

/** Saturday 28 November 2026: the live Friday is 4 December, the foyer's Wednesday 2 December. */
const TODAY = new Date(Date.UTC(2026, 10, 28, 15, 30));
const TODAY_DATE = '2026-11-28';
const LIVE_FRIDAY = '2026-12-04';
const FOYER_WEDNESDAY = '2026-12-02';

function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

test('the demo town: the driver’s runs ahead and a year of finished runs behind them', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  assert.equal(await seedDemoTown(db, config, { onlyIfEmpty: true, today: TODAY }), true);

  const driver = await db.selectFrom('accounts').select(['id', 'role', 'display_name']).where('email', '=', 'chauffeur@conciergerie.test').executeTakeFirstOrThrow();
  assert.deepEqual([driver.role, driver.display_name], ['driver', 'Karim Haddad']);

  const places = await db.selectFrom('places').select(['id', 'kind', 'name', 'latitude', 'longitude']).execute();
  const kindOf = new Map(places.map((place) => [place.id, place.kind]));
  assert.equal(places.filter((place) => place.kind === 'residence').length, 2, 'two senior residences');
  assert.ok(places.every((place) => place.latitude !== null && place.longitude !== null));
  const park = places.find((place) => place.kind === 'company')!;
  const parkHours = await db.selectFrom('place_opening_hours').select(['weekday', 'opens_at', 'closes_at']).where('place_id', '=', park.id).execute();
  assert.deepEqual(parkHours.map((range) => [range.weekday, range.opens_at, range.closes_at]), [[5, '14:00', '17:00']]);

  const runs = await db.selectFrom('delivery_runs as r').innerJoin('vehicles as v', 'v.id', 'r.vehicle_id').select(['r.id', 'r.run_date', 'r.status', 'r.driver_account_id', 'v.kind']).execute();
  const stops = await db.selectFrom('delivery_stops').selectAll().execute();
  const deliveries = await db.selectFrom('delivery_orders').selectAll().execute();
  const orders = new Map((await db.selectFrom('orders').select(['id', 'status', 'place_id', 'destination_kind', 'member_id']).execute()).map((order) => [order.id, order]));
  const stopsOf = (runId: string) => stops.filter((stop) => stop.run_id === runId);
  const ordersOf = (runId: string) => deliveries.filter((row) => stopsOf(runId).some((stop) => stop.id === row.stop_id)).map((row) => orders.get(row.order_id)!);

  // The live Friday: the van to the park with several employees' orders, the tricycle to the
  // second residence and to homes; all planned, all the driver's, every order ready at the counter.
  const friday = runs.filter((run) => run.run_date === LIVE_FRIDAY);
  assert.ok(friday.length >= 2 && friday.every((run) => run.status === 'planned' && run.driver_account_id === driver.id), 'the driver has the Friday runs');
  const van = friday.find((run) => run.kind === 'van')!;
  const atWork = ordersOf(van.id).filter((order) => order.place_id === park.id && order.destination_kind === 'workplace');
  assert.ok(new Set(atWork.map((order) => order.member_id)).size >= 4, `${atWork.length} employees’ orders on the van`);
  const tricycle = friday.find((run) => run.kind === 'tricycle')!;
  assert.ok(stopsOf(tricycle.id).some((stop) => kindOf.get(stop.place_id ?? '') === 'residence'), 'the tricycle stops at a residence');
  assert.ok(stopsOf(tricycle.id).filter((stop) => stop.place_id === null && stop.address).length >= 2, 'the tricycle goes to homes');
  assert.ok(ordersOf(tricycle.id).filter((order) => order.destination_kind === 'home').length >= 2);
  assert.ok([...friday, ...runs.filter((run) => run.run_date === FOYER_WEDNESDAY)].every((run) => ordersOf(run.id).every((order) => order.status === 'ready')), 'orders ready at the counter');

  // The foyer's Wednesday, by van, for the driver.
  const wednesday = runs.filter((run) => run.run_date === FOYER_WEDNESDAY);
  assert.ok(wednesday.some((run) => run.kind === 'van' && run.driver_account_id === driver.id && stopsOf(run.id).some((stop) => kindOf.get(stop.place_id ?? '') === 'community_centre')));

  // A year of finished runs, each with its legs and arrivals: the van on Friday and Wednesday, the tricycle at the residences.
  const finished = runs.filter((run) => run.status === 'finished');
  assert.ok(finished.length >= 40, `${finished.length} finished runs`);
  assert.ok(finished.every((run) => run.run_date < TODAY_DATE && run.run_date >= '2025-11-28'));
  assert.ok(finished.filter((run) => run.kind === 'van').every((run) => [3, 5].includes(weekdayOf(run.run_date))), 'the van goes out on Wednesday and Friday');
  for (const run of finished) {
    const ofRun = stopsOf(run.id);
    assert.ok(ofRun.length > 0 && ofRun.every((stop) => Number(stop.leg_metres) > 0 && stop.planned_arrival_at && stop.actual_arrival_at), `run ${run.id} has stops with legs and arrivals`);
  }
  const kmBy = (kind: string) => stops.filter((stop) => finished.some((run) => run.id === stop.run_id && run.kind === kind)).reduce((sum, stop) => sum + Number(stop.leg_metres), 0) / 1000;
  assert.ok(kmBy('van') > 100 && kmBy('tricycle') > 5, `${kmBy('van')} km by van, ${kmBy('tricycle')} km by tricycle`);

  // Every order of a finished run was handed over, or went back to the counter; mostly delivered, a few absent.
  const counter = places.find((place) => place.kind === 'counter')!;
  const past = deliveries.filter((row) => finished.some((run) => stopsOf(run.id).some((stop) => stop.id === row.stop_id)));
  assert.ok(past.every((row) => row.settled_at !== null && row.recorded_at !== null));
  for (const row of past) {
    const order = orders.get(row.order_id)!;
    const backAtCounter = order.place_id === counter.id && order.destination_kind === 'collection';
    assert.ok(order.status === 'handed_over' || backAtCounter, `order ${order.id} on a past run is ${order.status}`);
    if (row.outcome === 'absent') assert.ok(backAtCounter, 'an absent order went back to the counter');
  }
  const absent = past.filter((row) => row.outcome === 'absent').length;
  assert.ok(absent >= 1 && absent * 10 < past.length, `${absent} absent out of ${past.length}`);

  // The concierge sees the Friday's runs with their driver.
  const concierge = new Agent(app);
  await concierge.login('concierge@conciergerie.test', DEMO_PASSWORD);
  const page = await concierge.get(`${RUNS_PATH}?date=${LIVE_FRIDAY}`);
  assert.equal(page.statusCode, 200);
  assert.match(plain(visibleText(page.body)), /Karim Haddad/);
});
