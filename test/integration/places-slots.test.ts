// Collection points as the orders area sees them: the points, their open slots (hours,
// closures, exceptional openings, capacity, nothing past), booking a place in a slot —
// never beyond capacity, even with 20 checkouts at once — and giving it back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { DomainError } from '../../src/platform/errors.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { createPlace, getCollectionPoint, isOpenAt, listCollectionPoints, listSlots, releaseSlot, reserveSlot } from '../../src/places/index.ts';
import { addClosure, addOpening, setPlaceActive, setSlotSettings } from '../../src/places/places.service.ts';
import { plain } from '../helpers/text.ts';

const PARIS = 'Europe/Paris';
const CONCIERGE: CurrentAccount = { id: 'c', email: 'c@exemple.fr', role: 'concierge', displayName: 'Concierge', shopId: null, memberId: null };
const ISTRES_WEEK = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
  { weekday, opensAt: '12:00', closesAt: '14:00' },
  { weekday, opensAt: '18:00', closesAt: '20:00' },
]);
/** Monday 30 November 2026, 8 a.m. in Istres. */
const MONDAY_MORNING = '2026-11-30T07:00:00.000Z';

let ctx: TestApp;
let counterId: string;
let foyerId: string;
let keyCounter = 0;

function key(): string {
  keyCounter += 1;
  return `test-key-${keyCounter}-${Date.now()}`;
}

function isUnavailable(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'slot_unavailable' && error.field === 'slot';
}

before(async () => {
  ctx = await buildTestApp();
  await ctx.db.transaction().execute(async (trx) => {
    foyerId = await createPlace(trx, { name: 'Foyer La Meraviho', kind: 'community_centre', addressLine: '2 place de la Fontaine', postalCode: '13118', city: 'Entressen', phone: null, position: 2, hours: [{ weekday: 3, opensAt: '14:00', closesAt: '18:00' }] });
    counterId = await createPlace(trx, { name: 'Conciergerie d’Istres', kind: 'counter', addressLine: '12 rue Hôtel de Ville', postalCode: '13800', city: 'Istres', phone: '04 42 55 00 00', position: 1, hours: ISTRES_WEEK });
  });
});

after(() => ctx.close());

test('collection points: active ones, the counter first; one point by id, or not_found', async () => {
  const points = await listCollectionPoints(ctx.db);
  assert.deepEqual(points.map((point) => point.kind), ['counter', 'community_centre']);
  assert.deepEqual(points[0], { id: counterId, name: 'Conciergerie d’Istres', kind: 'counter', addressLine: '12 rue Hôtel de Ville', postalCode: '13800', city: 'Istres', phone: '04 42 55 00 00' });
  assert.equal((await getCollectionPoint(ctx.db, foyerId)).name, 'Foyer La Meraviho');
  await assert.rejects(getCollectionPoint(ctx.db, '01900000-0000-7000-8000-000000000000'), (error) => error instanceof DomainError && error.code === 'not_found');
});

test('slots follow the weekly hours, with labels in French, from the given instant on', async () => {
  const slots = await listSlots(ctx.db, counterId, { notBeforeAt: MONDAY_MORNING, days: 7, timeZone: PARIS });
  assert.equal(slots.length, 6 * 8, 'Monday to Saturday, 8 slots of 30 minutes a day, none on Sunday');
  assert.deepEqual({ ...slots[0], label: plain(slots[0].label) }, {
    placeId: counterId,
    startAt: '2026-11-30T11:00:00.000Z',
    endAt: '2026-11-30T11:30:00.000Z',
    localDate: '2026-11-30',
    label: 'lundi 30 novembre, de 12 h à 12 h 30',
    capacity: null,
    remaining: null,
  });
  assert.ok(slots.some((slot) => plain(slot.label) === 'vendredi 4 décembre, de 18 h à 18 h 30'));
  const afterNoon = await listSlots(ctx.db, counterId, { notBeforeAt: '2026-11-30T12:10:00.000Z', days: 1, timeZone: PARIS });
  assert.deepEqual(afterNoon.map((slot) => plain(slot.label).split(', ')[1]), ['de 13 h 30 à 14 h', 'de 18 h à 18 h 30', 'de 18 h 30 à 19 h', 'de 19 h à 19 h 30', 'de 19 h 30 à 20 h']);
  await assert.rejects(listSlots(ctx.db, '01900000-0000-7000-8000-000000000000', { notBeforeAt: MONDAY_MORNING, days: 7, timeZone: PARIS }), /not_found/);
  await assert.rejects(listSlots(ctx.db, counterId, { notBeforeAt: 'demain', days: 7, timeZone: PARIS }), /bad_request/);
});

test('slots keep their local time over the change to summer time', async () => {
  const slots = await listSlots(ctx.db, counterId, { notBeforeAt: '2026-03-27T00:00:00.000Z', days: 4, timeZone: PARIS });
  const firstOf = (date: string) => slots.find((slot) => slot.localDate === date)!;
  assert.equal(firstOf('2026-03-28').startAt, '2026-03-28T11:00:00.000Z');
  assert.equal(firstOf('2026-03-30').startAt, '2026-03-30T10:00:00.000Z');
  assert.equal(plain(firstOf('2026-03-30').label), 'lundi 30 mars, de 12 h à 12 h 30');
});

test('closures remove their days; an exceptional opening brings its own hours', async () => {
  await addClosure(ctx.db, CONCIERGE, key(), counterId, { fromDate: '2026-12-24', toDate: '2026-12-26', reason: 'Fermeture de Noël' });
  await addOpening(ctx.db, CONCIERGE, key(), counterId, { date: '2026-12-27', reason: 'Dimanche avant le Nouvel An', ranges: [{ opensAt: '10:00', closesAt: '11:00' }] });
  const slots = await listSlots(ctx.db, counterId, { notBeforeAt: '2026-12-22T07:00:00.000Z', days: 7, timeZone: PARIS });
  assert.deepEqual([...new Set(slots.map((slot) => slot.localDate))], ['2026-12-22', '2026-12-23', '2026-12-27', '2026-12-28']);
  assert.deepEqual(slots.filter((slot) => slot.localDate === '2026-12-27').map((slot) => plain(slot.label)), ['dimanche 27 décembre, de 10 h à 10 h 30', 'dimanche 27 décembre, de 10 h 30 à 11 h']);
  assert.equal(await isOpenAt(ctx.db, counterId, '2026-12-24T11:30:00.000Z', PARIS), false, 'closed for Christmas');
  assert.equal(await isOpenAt(ctx.db, counterId, '2026-12-23T11:30:00.000Z', PARIS), true);
  assert.equal(await isOpenAt(ctx.db, counterId, '2026-12-27T09:15:00.000Z', PARIS), true, 'exceptional Sunday morning');
  assert.equal(await isOpenAt(ctx.db, counterId, '2026-12-23T15:00:00.000Z', PARIS), false, 'between the ranges');
});

test('a slot in the past, outside the hours, on a closed day or off the grid is refused with slot_unavailable', async () => {
  const options = { notBeforeAt: '2026-12-02T12:00:00.000Z', timeZone: PARIS };
  for (const startAt of ['2026-12-01T17:00:00.000Z', '2026-12-02T11:30:00.000Z', '2026-12-02T15:00:00.000Z', '2026-12-25T11:00:00.000Z', '2026-12-06T11:00:00.000Z', '2026-12-03T11:10:00.000Z', 'n’importe quand']) {
    await assert.rejects(ctx.db.transaction().execute((trx) => reserveSlot(trx, counterId, startAt, options)), isUnavailable, startAt);
  }
  await assert.rejects(ctx.db.transaction().execute((trx) => reserveSlot(trx, '01900000-0000-7000-8000-000000000000', '2026-12-03T11:00:00.000Z', options)), isUnavailable);
  const booked = await ctx.db.selectFrom('slot_bookings').selectAll().where('booked', '>', 0).execute();
  assert.deepEqual(booked, [], 'nothing was booked');
});

test('20 concurrent checkouts on a slot of capacity 3 book exactly 3; giving one back frees one', async () => {
  await setSlotSettings(ctx.db, CONCIERGE, counterId, 30, 3);
  const startAt = '2026-12-04T17:00:00.000Z';
  const options = { notBeforeAt: MONDAY_MORNING, timeZone: PARIS };
  const attempts = await Promise.allSettled(
    Array.from({ length: 20 }, () => ctx.db.transaction().execute((trx) => reserveSlot(trx, counterId, startAt, options))),
  );
  const booked = attempts.filter((attempt) => attempt.status === 'fulfilled');
  const refused = attempts.filter((attempt): attempt is PromiseRejectedResult => attempt.status === 'rejected');
  assert.equal(booked.length, 3);
  assert.equal(refused.length, 17);
  for (const attempt of refused) assert.ok(isUnavailable(attempt.reason), String(attempt.reason));
  const row = await ctx.db.selectFrom('slot_bookings').select('booked').where('place_id', '=', counterId).where('start_at', '=', startAt).executeTakeFirstOrThrow();
  assert.equal(Number(row.booked), 3);
  assert.deepEqual(
    booked.map((attempt) => (attempt as PromiseFulfilledResult<{ remaining: number | null }>).value.remaining).sort(),
    [0, 1, 2],
  );

  const friday = await listSlots(ctx.db, counterId, { notBeforeAt: '2026-12-04T16:00:00.000Z', days: 1, timeZone: PARIS });
  assert.equal(friday[0].startAt, '2026-12-04T17:30:00.000Z', 'the full 18:00 slot is not offered');
  assert.deepEqual([friday[0].capacity, friday[0].remaining], [3, 3]);

  await ctx.db.transaction().execute((trx) => releaseSlot(trx, counterId, '2026-12-04T18:00:00+01:00'));
  const again = await listSlots(ctx.db, counterId, { notBeforeAt: '2026-12-04T16:00:00.000Z', days: 1, timeZone: PARIS });
  assert.deepEqual([again[0].startAt, again[0].remaining], [startAt, 1]);
  const slot = await ctx.db.transaction().execute((trx) => reserveSlot(trx, counterId, startAt, options));
  assert.equal(slot.remaining, 0);
});

test('a booking rolled back with its order leaves the slot free', async () => {
  const startAt = '2026-12-05T11:00:00.000Z';
  const options = { notBeforeAt: MONDAY_MORNING, timeZone: PARIS };
  await assert.rejects(
    ctx.db.transaction().execute(async (trx) => {
      await reserveSlot(trx, counterId, startAt, options);
      throw new Error('payment refused');
    }),
    /payment refused/,
  );
  const [slot] = await listSlots(ctx.db, counterId, { notBeforeAt: startAt, days: 1, timeZone: PARIS });
  assert.deepEqual([slot.startAt, slot.remaining], [startAt, 3]);
});

test('an inactive point is no longer offered, its slots are empty and refused, but it can still be read', async () => {
  await setPlaceActive(ctx.db, CONCIERGE, foyerId, false);
  assert.deepEqual((await listCollectionPoints(ctx.db)).map((point) => point.id), [counterId]);
  assert.equal((await getCollectionPoint(ctx.db, foyerId)).name, 'Foyer La Meraviho');
  assert.deepEqual(await listSlots(ctx.db, foyerId, { notBeforeAt: MONDAY_MORNING, days: 7, timeZone: PARIS }), []);
  await assert.rejects(ctx.db.transaction().execute((trx) => reserveSlot(trx, foyerId, '2026-12-02T13:00:00.000Z', { notBeforeAt: MONDAY_MORNING, timeZone: PARIS })), isUnavailable);
  assert.equal(await isOpenAt(ctx.db, foyerId, '2026-12-02T14:00:00.000Z', PARIS), false);
  await setPlaceActive(ctx.db, CONCIERGE, foyerId, true);
  assert.equal(await isOpenAt(ctx.db, foyerId, '2026-12-02T14:00:00.000Z', PARIS), true, 'Wednesday 15:00 at the foyer');
});
