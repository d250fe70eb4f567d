// The public contact page: phone in big, e-mail, address, and the counter's hours read from
// the database; other drop-off points listed; without any place, an invitation to call.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { createPlace, listPlacesWithHours, localDateOf } from '../../src/places/index.ts';
import { addClosure, addOpening } from '../../src/places/places.service.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;

before(async () => {
  ctx = await buildTestApp();
});

after(() => ctx.close());

const COUNTER_HOURS = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
  { weekday, opensAt: '12:00', closesAt: '14:00' },
  { weekday, opensAt: '18:00', closesAt: '20:00' },
]);

test('without any place set up, the page says to call for the hours', async () => {
  const page = await ctx.app.inject({ method: 'GET', url: '/contact' });
  assert.equal(page.statusCode, 200);
  assert.equal((page.body.match(/<h1[\s>]/g) ?? []).length, 1);
  assert.match(plain(page.body), /<p class="big-phone"><a href="tel:0442550000">04 42 55 00 00<\/a><\/p>/);
  assert.match(page.body, /href="mailto:conciergerie@istres\.example"/);
  assert.match(page.body, /12 rue Hôtel de Ville, 13800 Istres/);
  assert.match(plain(page.body), /Appelez-nous pour connaître les horaires d’ouverture du comptoir : 04 42 55 00 00/);
});

test('the counter’s hours come from the database, day by day, and other points are listed', async () => {
  await ctx.db.transaction().execute(async (trx) => {
    await createPlace(trx, { name: 'Foyer La Meraviho', kind: 'community_centre', addressLine: 'Place de la Mairie annexe', postalCode: '13118', city: 'Entressen', phone: null, position: 2, hours: [{ weekday: 3, opensAt: '14:00', closesAt: '17:30' }] });
    await createPlace(trx, { name: 'Conciergerie d’Istres', kind: 'counter', addressLine: '12 rue Hôtel de Ville', postalCode: '13800', city: 'Istres', phone: '04 42 55 00 00', position: 1, hours: COUNTER_HOURS });
  });
  const page = await ctx.app.inject({ method: 'GET', url: '/contact' });
  assert.equal(page.statusCode, 200);
  assert.match(plain(page.body), /<dt>lundi<\/dt><dd>12 h – 14 h et 18 h – 20 h<\/dd>/);
  assert.match(plain(page.body), /<dt>samedi<\/dt><dd>12 h – 14 h et 18 h – 20 h<\/dd>/);
  assert.match(page.body, /<dt>dimanche<\/dt><dd>fermé<\/dd>/);
  assert.doesNotMatch(page.body, /Appelez-nous pour connaître les horaires/);
  assert.match(page.body, /<h2>Autres points de retrait<\/h2>/);
  assert.match(page.body, /Foyer La Meraviho/);
  assert.match(page.body, /13118 Entressen/);
  assert.match(plain(page.body), /<dt>mercredi<\/dt><dd>14 h – 17 h 30<\/dd>/);
  assert.equal((page.body.match(/<dt>dimanche<\/dt>/g) ?? []).length, 1, 'a drop-off point lists only its open days');
});

test('places are listed counter first with their hours in two queries, and bad hours are refused', async () => {
  const places = await listPlacesWithHours(ctx.db);
  assert.deepEqual(places.map((place) => place.kind), ['counter', 'community_centre']);
  assert.equal(places[0].hours.length, 12);
  await assert.rejects(
    createPlace(ctx.db, { name: 'Mauvais', kind: 'residence', addressLine: '', postalCode: '13800', city: 'Istres', phone: null, position: 3, hours: [{ weekday: 1, opensAt: '14:00', closesAt: '12:00' }] }),
    /bad_request/,
  );
});

test('closures and exceptional openings to come are listed under the hours; past ones are not', async () => {
  const concierge = { id: 'c', email: 'c@exemple.fr', role: 'concierge', displayName: 'Concierge', shopId: null, memberId: null } as const;
  const [counter] = await listPlacesWithHours(ctx.db);
  const today = localDateOf(nowIso(), ctx.config.timeZone);
  const day = (offset: number) => new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  await addClosure(ctx.db, concierge, 'contact-closure-1', counter.id, { fromDate: day(-10), toDate: day(-8), reason: 'Inventaire passé' });
  await addClosure(ctx.db, concierge, 'contact-closure-2', counter.id, { fromDate: day(30), toDate: day(30), reason: 'Fermeture de Noël' });
  await addOpening(ctx.db, concierge, 'contact-opening-1', counter.id, { date: day(5), reason: '', ranges: [{ opensAt: '09:00', closesAt: '11:00' }] });
  const page = await ctx.app.inject({ method: 'GET', url: '/contact' });
  assert.doesNotMatch(page.body, /Inventaire passé/);
  const notes = /<ul class="calendar-notes">(.*?)<\/ul>/.exec(page.body)?.[1] ?? '';
  assert.match(plain(notes), /^<li>Ouvert exceptionnellement le [^<]+, 9 h – 11 h<\/li><li>Fermé le [^<]+ : Fermeture de Noël<\/li>$/, 'in date order');
});
