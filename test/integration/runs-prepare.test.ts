// Preparing a day's delivery runs on a real database: the orders due beyond the counter
// become stops of the van (business park, hamlet) and of the tricycle (residence, homes),
// ordered by the solver; a stop moved by hand stays where it was put when the runs are
// prepared again; a full tricycle gets a second run; an order cannot be moved onto a run of
// another day or onto a full run; a day with nothing due has nothing to prepare.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { CONCIERGE } from '../helpers/orders.ts';
import { bringToCounter, makeRunOrder, makeRunsTown, RUNS_FRIDAY, RUNS_TUESDAY, RUNS_WEDNESDAY, type RunsTown } from '../helpers/runs.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { moveOrderToRun, moveStop, prepareRuns, runsOn } from '../../src/rounds/index.ts';
import { DomainError } from '../../src/platform/errors.ts';

let ctx: TestApp;
let town: RunsTown;

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: RUNS_TUESDAY });
  town = await makeRunsTown(ctx.db);
});
beforeEach(() => startClockAt(RUNS_TUESDAY));
after(() => ctx.close());

const refusedWith = (code: string) => (error: unknown) => error instanceof DomainError && error.code === code;

test('Friday: the van takes the company, the tricycle the residence and the homes; Wednesday: the van takes the foyer', async () => {
  const work = await makeRunOrder(ctx.db, ctx.config, town, 'workplace');
  const work2 = await makeRunOrder(ctx.db, ctx.config, town, 'workplace');
  const senior = await makeRunOrder(ctx.db, ctx.config, town, 'residence');
  const home = await makeRunOrder(ctx.db, ctx.config, town, 'home');
  const foyer = await makeRunOrder(ctx.db, ctx.config, town, 'foyer');
  for (const order of [work, senior, home]) await bringToCounter(ctx.db, ctx.config, order.orderId);

  const prepared = await prepareRuns(ctx.db, ctx.config, CONCIERGE, RUNS_FRIDAY);
  assert.equal(prepared.runCount, 2);
  const friday = await runsOn(ctx.db, CONCIERGE, RUNS_FRIDAY);
  assert.equal(friday.waitingCount, 0);
  const van = friday.runs.find((detail) => detail.run.vehicle.kind === 'van')!;
  const tricycle = friday.runs.find((detail) => detail.run.vehicle.kind === 'tricycle')!;
  assert.deepEqual(van.stops.map((stop) => stop.placeId), [town.companyPlaceId]);
  assert.deepEqual(new Set(van.stops[0].orders.map((order) => order.orderId)), new Set([work.orderId, work2.orderId]));
  assert.equal(tricycle.stops.length, 2);
  assert.equal(tricycle.stops[0].placeId, town.residenceId, 'the located residence first, the home after it');
  assert.equal(tricycle.stops[1].address, '8 rue Frédéric Mistral, 13800');
  assert.equal(tricycle.stops[1].orders[0].orderId, home.orderId);
  // the van gets to the business park when the companies open, and its leg is measured
  assert.ok(van.stops[0].plannedArrivalAt, 'a planned arrival');
  assert.ok((van.stops[0].legMetres ?? 0) > 2000, `the business park is a few km away (${van.stops[0].legMetres} m)`);
  // it reaches the park when the companies open at 14 h, leaving just in time rather than waiting there
  assert.equal(van.stops[0].plannedArrivalAt, '2026-12-11T13:00:00.000Z');
  assert.ok(van.run.windowOpens > '13:30' && van.run.windowOpens < '14:00', `leaves shortly before 14 h (${van.run.windowOpens})`);
  // a home has no position: no made-up time or distance
  assert.equal(tricycle.stops[1].legMetres, null);

  const wednesday = await runsOn(ctx.db, CONCIERGE, RUNS_WEDNESDAY);
  assert.equal(wednesday.runs.length, 0);
  assert.equal(wednesday.waitingCount, 1);
  await prepareRuns(ctx.db, ctx.config, CONCIERGE, RUNS_WEDNESDAY);
  const foyerRun = (await runsOn(ctx.db, CONCIERGE, RUNS_WEDNESDAY)).runs[0];
  assert.equal(foyerRun.run.vehicle.kind, 'van');
  assert.ok(foyerRun.stops[0].isDropOff);
  assert.equal(foyerRun.stops[0].orders[0].orderId, foyer.orderId);

  // an order of Friday cannot ride on Wednesday's run
  await assert.rejects(moveOrderToRun(ctx.db, ctx.config, CONCIERGE, work.orderId, foyerRun.run.id), refusedWith('run_other_day'));
});

test('a stop moved by hand stays where the concierge put it when the runs are prepared again', async () => {
  // a second residence: the tricycle now has two stops on the map, in the solver's order
  const other = await makeRunsTown(ctx.db);
  await makeRunOrder(ctx.db, ctx.config, other, 'residence');
  await prepareRuns(ctx.db, ctx.config, CONCIERGE, RUNS_FRIDAY);
  const tricycleRun = async () => (await runsOn(ctx.db, CONCIERGE, RUNS_FRIDAY)).runs.find((detail) => detail.run.vehicle.kind === 'tricycle')!;
  const solved = (await tricycleRun()).stops.filter((stop) => stop.placeId !== null);
  assert.equal(solved.length, 2);
  const second = solved[1];
  await moveStop(ctx.db, ctx.config, CONCIERGE, (await tricycleRun()).run.id, second.id, 'up');
  const moved = await tricycleRun();
  assert.equal(moved.stops[0].placeId, second.placeId, 'moved up');
  assert.ok(moved.stops[0].locked, 'and locked there');

  await prepareRuns(ctx.db, ctx.config, CONCIERGE, RUNS_FRIDAY);
  const again = await tricycleRun();
  assert.equal(again.stops[0].placeId, second.placeId, 'preparing again does not undo the move');
  assert.ok(again.stops[0].locked);
});

test('a full tricycle gets a second run, and an order cannot be moved onto a full run', async () => {
  const sessionTown = await makeRunsTown(ctx.db);
  // 30 loaves each: two orders do not fit in the 40 units of the tricycle
  const first = await makeRunOrder(ctx.db, ctx.config, sessionTown, 'home', { quantity: 30, homeAddress: '2 rue Frédéric Mistral' });
  const second = await makeRunOrder(ctx.db, ctx.config, sessionTown, 'home', { quantity: 30, homeAddress: '20 rue Frédéric Mistral' });
  const day = await runsOn(ctx.db, CONCIERGE, RUNS_FRIDAY);
  const before = day.runs.filter((detail) => detail.run.vehicle.kind === 'tricycle').length;
  await prepareRuns(ctx.db, ctx.config, CONCIERGE, RUNS_FRIDAY);
  const tricycles = (await runsOn(ctx.db, CONCIERGE, RUNS_FRIDAY)).runs.filter((detail) => detail.run.vehicle.kind === 'tricycle');
  assert.ok(tricycles.length >= before + 1 && tricycles.length >= 2, `two tricycle runs at least (${tricycles.length})`);
  const runOf = (orderId: string) => tricycles.find((detail) => detail.stops.some((stop) => stop.orders.some((order) => order.orderId === orderId)))!;
  assert.notEqual(runOf(first.orderId).run.id, runOf(second.orderId).run.id);
  await assert.rejects(moveOrderToRun(ctx.db, ctx.config, CONCIERGE, first.orderId, runOf(second.orderId).run.id), refusedWith('run_full'));
});

test('a day with no order to deliver has no run to prepare', async () => {
  await assert.rejects(prepareRuns(ctx.db, ctx.config, CONCIERGE, '2026-12-15'), refusedWith('run_nothing_due'));
});
