import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PURCHASE_ORDER_TRANSITIONS } from '../orders/index.ts';
import { canMove } from '../platform/transitions.ts';
import {
  articleGrams,
  ARTICLE_GRAMS_UNKNOWN,
  clockOfMinutes,
  collectionServiceMinutes,
  distanceMetres,
  isLocalDate,
  loadOfLines,
  minutesOfClock,
  shiftDate,
  tidyStorageLocation,
  tourLengthMetres,
  visitingOrder,
  weekdayOfDate,
  windowsOn,
  type Stop,
} from './rounds.rules.ts';

// Istres: the counter near the town hall, shops around the old town and one in Entressen.
const COUNTER = { latitude: 43.5151, longitude: 4.9895 };

function stop(id: string, latitude: number | null, longitude: number | null, name = id): Stop {
  return { id, name, latitude, longitude };
}

test('the haversine distance: Istres to Marseille is about 39 km as the crow flies, a point to itself 0', () => {
  const marseille = { latitude: 43.2965, longitude: 5.3698 };
  const km = distanceMetres(COUNTER, marseille) / 1000;
  assert.ok(km > 38 && km < 40, `got ${km} km`);
  assert.equal(distanceMetres(COUNTER, COUNTER), 0);
});

test('the nearest shop comes first, and the far hamlet is visited on the way, not twice', () => {
  const near = stop('near', 43.5155, 4.99);
  const middle = stop('middle', 43.52, 4.995);
  const far = stop('far', 43.56, 4.86);
  const order = visitingOrder(COUNTER, [far, middle, near]);
  assert.equal(order[0].id, 'near');
  assert.deepEqual(new Set(order.map((s) => s.id)), new Set(['near', 'middle', 'far']));
});

test('a crossed tour is uncrossed by 2-opt', () => {
  // A square visited corner, opposite corner, corner, opposite corner crosses itself.
  const a = stop('a', 43.51, 4.98);
  const b = stop('b', 43.51, 5.0);
  const c = stop('c', 43.53, 5.0);
  const d = stop('d', 43.53, 4.98);
  const crossed = [a, c, b, d];
  const order = visitingOrder(null, crossed);
  assert.ok(tourLengthMetres(null, order) < tourLengthMetres(null, crossed));
  const square = tourLengthMetres(null, [a, b, c, d]);
  assert.ok(Math.abs(tourLengthMetres(null, order) - square) < 1);
});

test('shops without coordinates go last, by name', () => {
  const order = visitingOrder(COUNTER, [stop('x', null, null, 'Zinguerie'), stop('y', 43.52, 4.99), stop('z', null, 4.9, 'Atelier du cuir')]);
  assert.deepEqual(
    order.map((s) => s.id),
    ['y', 'z', 'x'],
  );
});

test('no shop, one shop, no counter position: still an order', () => {
  assert.deepEqual(visitingOrder(COUNTER, []), []);
  assert.deepEqual(visitingOrder(null, [stop('a', 43.5, 4.9)]).map((s) => s.id), ['a']);
});

const coordinate = fc.record({
  latitude: fc.double({ min: 43.4, max: 43.6, noNaN: true }),
  longitude: fc.double({ min: 4.8, max: 5.1, noNaN: true }),
});
const stops = fc
  .array(fc.option(coordinate, { nil: null, freq: 6 }), { maxLength: 14 })
  .map((points) => points.map((point, index) => stop(`s${index}`, point?.latitude ?? null, point?.longitude ?? null, `Commerce ${(index * 7) % 11}`)));

test('property: the order is a permutation of the shops', () => {
  fc.assert(
    fc.property(fc.option(coordinate, { nil: null }), stops, (start, given) => {
      const order = visitingOrder(start, given);
      assert.equal(order.length, given.length);
      assert.deepEqual(order.map((s) => s.id).sort(), given.map((s) => s.id).sort());
    }),
  );
});

test('property: the computed tour is never longer than the given order', () => {
  fc.assert(
    fc.property(fc.option(coordinate, { nil: null }), stops, (start, given) => {
      const order = visitingOrder(start, given);
      // to the millimetre: between tours of equal length the nearest-first one is kept
      assert.ok(tourLengthMetres(start, order) <= tourLengthMetres(start, given) + 1e-3);
    }),
  );
});

test('property: located shops come before unlocated ones', () => {
  fc.assert(
    fc.property(fc.option(coordinate, { nil: null }), stops, (start, given) => {
      const order = visitingOrder(start, given);
      const firstUnlocated = order.findIndex((s) => s.latitude === null || s.longitude === null);
      if (firstUnlocated >= 0) assert.ok(order.slice(firstUnlocated).every((s) => s.latitude === null || s.longitude === null));
    }),
  );
});

test('dates: real calendar dates only, shifting across months, weekdays', () => {
  assert.equal(isLocalDate('2026-12-04'), true);
  assert.equal(isLocalDate('2026-02-30'), false);
  assert.equal(isLocalDate('04/12/2026'), false);
  assert.equal(shiftDate('2026-12-31', 1), '2027-01-01');
  assert.equal(shiftDate('2026-03-01', -1), '2026-02-28');
  assert.equal(weekdayOfDate('2026-12-04'), 5);
  assert.equal(tidyStorageLocation('  Frigo   2 '), 'Frigo 2');
});

test('a purchase order still « acceptée » can be received at the counter (the merchant forgot « prête »)', () => {
  assert.equal(canMove(PURCHASE_ORDER_TRANSITIONS, 'accepted', 'collected'), true);
  assert.equal(canMove(PURCHASE_ORDER_TRANSITIONS, 'sent', 'collected'), false);
});

test('the tricycle’s load is read from the pick lines: articles, and grams from the unit when it says', () => {
  assert.equal(articleGrams('le sachet de 250 g'), 250);
  assert.equal(articleGrams('le panier de 5 kg'), 5000);
  assert.equal(articleGrams('la bouteille 75 cl'), 750);
  assert.equal(articleGrams('le sachet de 1,5 kg'), 1500);
  assert.equal(articleGrams('la pièce'), ARTICLE_GRAMS_UNKNOWN);
  assert.deepEqual(
    loadOfLines([
      { quantity: 2, unit: 'la bouteille 75 cl' },
      { quantity: 3, unit: 'la pièce' },
    ]),
    { articles: 5, weightGrams: 1500 + 3 * ARTICLE_GRAMS_UNKNOWN },
  );
});

test('a shop’s windows on a day: its ranges in minutes; no hours given means any time; none that day means closed', () => {
  const hours = [
    { weekday: 3, opensAt: '14:30', closesAt: '19:00' },
    { weekday: 3, opensAt: '09:00', closesAt: '12:00' },
    { weekday: 5, opensAt: '08:00', closesAt: '12:00' },
  ];
  assert.deepEqual(windowsOn(hours, 3), [
    { opensAt: 540, closesAt: 720 },
    { opensAt: 870, closesAt: 1140 },
  ]);
  assert.deepEqual(windowsOn(hours, 1), []);
  assert.equal(windowsOn([], 1), null);
  assert.equal(minutesOfClock('10:30'), 630);
  assert.equal(clockOfMinutes(630), '10:30');
  assert.equal(clockOfMinutes(65), '01:05');
  assert.equal(collectionServiceMinutes(1), 5);
  assert.equal(collectionServiceMinutes(3), 9);
});
