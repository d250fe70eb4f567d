// The demo town's service requests, as the concierge and the demo resident find them: seeded
// on a fixed Saturday, today's repairs, quote rounds, appointments and questions in each of
// their steps; behind them a year of finished requests, each with a history that leads, move
// by allowed move, to its status; items at the counter on their shelves; the demo resident's
// two quotes to compare; and the repairs and quotes paid at the counter counted as services
// in the town's figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, seedDemoTown } from '../../src/demo/seed.ts';
import { startClockAt } from '../../src/platform/clock.ts';
import { OWN_REQUESTS_PATH, ownRequestPath } from '../../src/requests/requests.paths.ts';
import { canMoveRequest, type RequestKind, type RequestStatus } from '../../src/requests/requests.rules.ts';
import { COUNTER_ITEMS_PATH } from '../../src/requests/repairs/repairs.paths.ts';
import { postCounterActivity } from '../../src/settlement/index.ts';
import { townMoney } from '../../src/settlement/exports/exports.service.ts';
import { Agent } from '../helpers/agent.ts';
import { buildTestApp } from '../helpers/app.ts';
import { SUITE_CLOCK_START } from '../helpers/clock.ts';
import { visibleText } from '../helpers/text.ts';

/** Saturday 28 November 2026: the coming week runs to Saturday 5 December. */
const TODAY = new Date(Date.UTC(2026, 10, 28, 15, 30));
const DAY_MS = 86_400_000;

function countBy<T>(rows: readonly T[], key: (row: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
  return counts;
}

test('the demo town: service requests running today, and a year of them behind', async (t) => {
  const { app, db, config, close } = await buildTestApp();
  t.after(close);
  assert.equal(await seedDemoTown(db, config, { onlyIfEmpty: true, today: TODAY }), true);

  const requests = await db.selectFrom('service_requests').selectAll().execute();
  const events = await db.selectFrom('service_request_events').selectAll().orderBy('at').orderBy('id').execute();
  const counts = countBy(requests, (request) => `${request.kind}.${request.status}`);

  // Today's requests, step by step.
  assert.equal(counts['repair.at_counter'], 3, 'items just taken in');
  assert.equal(counts['repair.ready'], 3, 'items back, ready to collect');
  assert.equal(counts['repair.at_provider'], 3, 'items at the tailor’s or the cobbler’s');
  assert.equal(counts['quote.quotes_asked'], 2);
  assert.equal(counts['quote.quotes_received'], 2);
  assert.equal(counts['quote.quote_accepted'], 1);
  assert.equal(counts['appointment.appointment_proposed'], 2);
  assert.equal(counts['appointment.appointment_confirmed'], 2);
  assert.equal(counts['appointment.new'], 1, 'one appointment declined, back to the conciergerie');
  assert.equal(counts['advice.new'], 3);
  assert.ok(counts['advice.answered'] >= 5, `${counts['advice.answered']} questions answered`);

  // A year of finished requests, spread over the months, mostly rated 4 or 5, a few cancelled.
  const finished = requests.filter((request) => ['handed_back', 'done', 'answered', 'cancelled'].includes(request.status));
  assert.ok(finished.length >= 110 && finished.length <= 135, `${finished.length} finished requests`);
  assert.ok(requests.every((request) => request.created_at >= new Date(TODAY.getTime() - 366 * DAY_MS).toISOString() && request.created_at < TODAY.toISOString()));
  const months = new Set(finished.map((request) => request.created_at.slice(0, 7)));
  assert.ok(months.size >= 11, `${months.size} months with requests`);
  for (const status of ['handed_back', 'done', 'answered', 'cancelled']) assert.ok(finished.some((request) => request.status === status), `no request ${status}`);
  const cancelled = finished.filter((request) => request.status === 'cancelled').length;
  assert.ok(cancelled >= 1 && cancelled <= 12, `${cancelled} cancelled`);
  const rated = requests.filter((request) => request.rating !== null);
  assert.ok(rated.length >= (finished.length - cancelled) / 2, `${rated.length} rated of ${finished.length - cancelled}`);
  assert.ok(rated.filter((request) => Number(request.rating) >= 4).length / rated.length >= 0.7, 'most marks are 4 or 5');

  // Every history starts « new » and follows the kind's table to the request's status.
  const eventsOf = new Map<string, typeof events>();
  for (const event of events) eventsOf.set(event.request_id, [...(eventsOf.get(event.request_id) ?? []), event]);
  for (const request of requests) {
    const moves = (eventsOf.get(request.id) ?? []).filter((event) => event.to_status !== null);
    assert.equal(moves[0]?.to_status, 'new', `D-${request.number} starts new`);
    let status = 'new' as RequestStatus;
    for (const move of moves.slice(1)) {
      assert.equal(move.from_status, status, `D-${request.number}: a move from ${move.from_status} while ${status}`);
      assert.ok(canMoveRequest(request.kind as RequestKind, status, move.to_status as RequestStatus), `D-${request.number}: ${status} → ${move.to_status}`);
      status = move.to_status as RequestStatus;
    }
    assert.equal(status, request.status, `D-${request.number}: its last move is its status`);
    assert.equal(moves.at(-1)!.at, request.status_changed_at, `D-${request.number}: moved when its history says`);
  }

  // Items at the counter are on a shelf; those back from the provider have their price and their order.
  const items = await db.selectFrom('repair_items').selectAll().execute();
  const atCounter = items.filter((item) => item.status === 'at_counter');
  assert.equal(atCounter.length, 6);
  assert.ok(atCounter.every((item) => /^[A-C]\d$/.test(item.shelf)), 'an item without a shelf');
  assert.ok(new Set(atCounter.map((item) => item.shelf)).size >= 3, 'several shelves');
  const statusOf = new Map(requests.map((request) => [request.id, request.status]));
  const ready = atCounter.filter((item) => statusOf.get(item.request_id) === 'ready');
  assert.equal(ready.length, 3);
  assert.ok(ready.every((item) => item.order_id !== null && Number(item.final_price_cents) > 0));

  const concierge = new Agent(app);
  await concierge.login('concierge@conciergerie.test', DEMO_PASSWORD);
  const shelves = visibleText((await concierge.get(COUNTER_ITEMS_PATH)).body);
  for (const item of atCounter) assert.ok(shelves.includes(item.description), `${item.description} is not on the counter’s page`);

  // The demo resident has two quotes to compare, on their own page.
  const resident = new Agent(app);
  await resident.login('adherent@conciergerie.test', DEMO_PASSWORD);
  const own = await db.selectFrom('accounts').select('member_id').where('email', '=', 'adherent@conciergerie.test').executeTakeFirstOrThrow();
  const toCompare = requests.find((request) => request.member_id === own.member_id && request.status === 'quotes_received')!;
  assert.ok(toCompare, 'the demo resident has quotes to compare');
  assert.ok(visibleText((await resident.get(OWN_REQUESTS_PATH)).body).includes(toCompare.title));
  const page = visibleText((await resident.get(ownRequestPath(toCompare.id))).body);
  for (const provider of ['Retouches Nadia', 'L’Atelier de Couture']) assert.ok(page.includes(provider), `${provider}’s quote is not shown`);
  assert.ok(requests.some((request) => request.member_id === own.member_id && request.status === 'appointment_confirmed'), 'the demo resident has an appointment');
  const appointments = await db.selectFrom('appointments').select(['starts_at', 'status']).where('status', '=', 'confirmed').execute();
  assert.ok(appointments.every((appointment) => appointment.starts_at > TODAY.toISOString() && appointment.starts_at < new Date(TODAY.getTime() + 7 * DAY_MS).toISOString()), 'confirmed in the coming week');

  // Repairs and quotes paid at the counter are their providers' sales: services in the town's figures.
  const serviceOrders = await db
    .selectFrom('orders')
    .select(['id', 'status', 'total_cents'])
    .where((eb) => eb.or([eb('id', 'in', eb.selectFrom('repair_items').select('order_id')), eb('id', 'in', eb.selectFrom('service_quotes').select('order_id'))]))
    .execute();
  const paid = serviceOrders.filter((order) => order.status === 'handed_over');
  assert.ok(paid.length >= 50, `${paid.length} services paid`);
  await postCounterActivity(db, config.timeZone);
  const account = await db.selectFrom('accounts').select(['id', 'display_name']).where('email', '=', 'concierge@conciergerie.test').executeTakeFirstOrThrow();
  const reader = { id: account.id, email: 'concierge@conciergerie.test', role: 'concierge' as const, displayName: account.display_name, shopId: null, memberId: null };
  startClockAt(TODAY.toISOString());
  t.after(() => startClockAt(SUITE_CLOCK_START));
  const money = await townMoney(db, reader, config.timeZone);
  const servicesCents = money.months.reduce((sum, month) => sum + month.servicesCents, 0);
  // The repair shops' counter sales of the year of shopping count as services too: they are providers.
  const paidCents = paid.reduce((sum, order) => sum + Number(order.total_cents), 0);
  assert.ok(servicesCents >= paidCents && servicesCents < paidCents * 1.2, `${servicesCents} cents of services for ${paidCents} paid through requests`);
});
