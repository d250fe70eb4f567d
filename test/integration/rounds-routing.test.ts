// The collection round planned with the shops' hours and the tricycle's load: a shop closed
// that day or before the tricycle can get there is flagged with a call to make, each stop
// has its planned time, and a load too big for one trip is split into trips, each shop once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { CONCIERGE, makePlace } from '../helpers/orders.ts';
import { makeRoundOrder, text } from '../helpers/rounds.ts';
import { plain } from '../helpers/text.ts';
import { replaceOpeningHours } from '../../src/shops/shops.repository.ts';
import { collectionRound } from '../../src/rounds/rounds.service.ts';
import { TRICYCLE } from '../../src/rounds/rounds.rules.ts';
import { planNotes } from '../../src/rounds/rounds.components.tsx';

let ctx: TestApp;
let concierge: Agent;

// A Wednesday far from today: nothing here depends on the day the tests run.
const WEDNESDAY = '2030-03-13';
const ROUND = `/gestion/tournee?date=${WEDNESDAY}`;
let shops: { early: string; monday: string; anyTime: string; afternoon: string };

before(async () => {
  ctx = await buildTestApp();
  const placeId = await makePlace(ctx.db);
  await ctx.db.updateTable('places').set({ latitude: 43.5151, longitude: 4.9895 }).execute();
  const account = await makeAccount(ctx.db, ctx.config, 'concierge');
  concierge = new Agent(ctx.app);
  await concierge.login(account.email, account.password);
  const world = await makeRoundOrder(
    ctx.db,
    ctx.config,
    placeId,
    [
      { tradeName: 'Boulangerie de l’aube', latitude: 43.516, longitude: 4.99 },
      { tradeName: 'Fleuriste du lundi', latitude: 43.52, longitude: 4.985 },
      { tradeName: 'Droguerie sans horaires', latitude: 43.512, longitude: 4.995 },
      { tradeName: 'Librairie de l’après-midi', latitude: 43.518, longitude: 4.98 },
    ],
    { date: WEDNESDAY },
  );
  const [early, monday, anyTime, afternoon] = world.purchaseOrders.map((po) => po.shopId);
  shops = { early, monday, anyTime, afternoon };
  // Wednesday is weekday 3: the bakery closes at 9 h, before the round leaves; the florist opens on Mondays only.
  await replaceOpeningHours(ctx.db, early, [{ weekday: 3, opensAt: '06:30', closesAt: '09:00' }]);
  await replaceOpeningHours(ctx.db, monday, [{ weekday: 1, opensAt: '09:00', closesAt: '18:00' }]);
  await replaceOpeningHours(ctx.db, afternoon, [{ weekday: 3, opensAt: '14:00', closesAt: '19:00' }]);
});

after(() => ctx.close());

test('the round flags the shop closed before the tricycle comes and the one closed all day, and says when each stop is planned', async () => {
  const round = await collectionRound(ctx.db, ctx.config, CONCIERGE, WEDNESDAY);
  const byShop = new Map(round.stops.map((stop) => [stop.shop.id, stop]));
  assert.equal(byShop.get(shops.early)!.closedAtArrival, true);
  assert.equal(byShop.get(shops.monday)!.closedAllDay, true);
  assert.equal(byShop.get(shops.anyTime)!.closedAtArrival || byShop.get(shops.anyTime)!.closedAllDay, false);
  // The bookshop opens at 14 h: the tricycle waits for it, so it is last and planned no earlier than opening.
  const afternoon = byShop.get(shops.afternoon)!;
  assert.equal(afternoon.closedAtArrival, false);
  assert.ok(afternoon.arrivalClock !== null && afternoon.arrivalClock >= '10:30');
  assert.equal(round.closedCount, 2);
  assert.deepEqual(round.trips.map((trip) => [trip.firstStop, trip.lastStop]), [[1, 4]]);

  const page = await concierge.get(ROUND);
  assert.equal(page.statusCode, 200);
  const body = plain(text(page.body));
  assert.match(body, /Départ du comptoir à 10 h 30, retour vers \d{1,2} h( \d{2})?\./);
  assert.match(body, /2 commerces seront fermés au passage prévu : ils sont signalés dans la liste\./);
  assert.match(body, /Boulangerie de l’aube .*Fermé à l’heure du passage prévu : appelez le commerce pour convenir d’un moment\./);
  assert.match(body, /Fleuriste du lundi .*Fermé ce jour-là : appelez le commerce avant de passer\./);
  assert.match(body, /Passage prévu vers 10 h \d{2}/);

  const print = plain(text((await concierge.get(`/gestion/tournee/imprimer?date=${WEDNESDAY}`)).body));
  assert.match(print, /Passage prévu : vers \d{1,2} h/);
  assert.match(print, /Fermé ce jour-là/);
});

test('bags beyond the tricycle: the round is split into trips, each within the box, each shop once', async () => {
  // Each shop gives 2 articles; a box of 4 takes two shops a trip.
  const small = { ...TRICYCLE, capacity: { articles: 4 } };
  const round = await collectionRound(ctx.db, ctx.config, CONCIERGE, WEDNESDAY, small);
  assert.equal(round.trips.length, 2);
  assert.deepEqual(
    round.trips.map((trip) => [trip.firstStop, trip.lastStop]),
    [
      [1, 2],
      [3, 4],
    ],
  );
  assert.ok(round.trips[1].departureClock > round.trips[0].returnClock, 'the second trip leaves once the first is back and unloaded');
  assert.deepEqual(new Set(round.stops.map((stop) => stop.shop.id)), new Set(Object.values(shops)));
  assert.deepEqual(round.stops.map((stop) => stop.trip), [1, 1, 2, 2]);
  const { schedule } = planNotes(round);
  assert.equal(plain(schedule[0]), 'Trop de colis pour un seul voyage : la tournée se fait en 2 voyages.');
  assert.match(plain(schedule[1]), /^Voyage 1 : arrêts 1 à 2, départ du comptoir à 10 h 30, retour vers /);
});

test('a shop whose bags alone exceed the tricycle is told, the others still planned', async () => {
  const tiny = { ...TRICYCLE, capacity: { articles: 1 } };
  const round = await collectionRound(ctx.db, ctx.config, CONCIERGE, WEDNESDAY, tiny);
  assert.equal(round.tooBigCount, 4);
  assert.equal(round.stops.length, 4);
  assert.match(plain(planNotes(round).warnings.join(' ')), /4 commerces ont plus de colis que le triporteur ne peut en porter : prévoyez la camionnette\./);
});
