// The money of services: the town sets a dated commission rate for providers' sales apart
// from goods; a provider's statement takes the services rate in force on the statement's date
// (its own rate still wins), a rate recorded for later changes no closed statement, and the
// town's money page shows goods and services apart. Fixed clock: 18 November 2026.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeOffer } from '../helpers/catalogue.ts';
import { makePlace } from '../helpers/orders.ts';
import { closeCurrentPeriod, handedOverOrder } from '../helpers/settlement.ts';
import { makeProvider, makeShop } from '../helpers/shops.ts';
import { plain, visibleText } from '../helpers/text.ts';
import { formatEuros } from '../../src/platform/money.ts';

const RATES_PAGE = '/gestion/comptabilite/taux';

let ctx: TestApp;
let concierge: Agent;
let town: Agent;
let plumberId: string;
let tailorId: string;
let cheeseId: string;

async function statementOf(shopId: string) {
  return ctx.db.selectFrom('statements').select(['commission_bp', 'commission_cents', 'sales_cents', 'period_start']).where('shop_id', '=', shopId).executeTakeFirstOrThrow();
}

before(async () => {
  ctx = await buildTestApp({ CLOCK_START: '2026-11-18T09:00:00Z' });
  concierge = new Agent(ctx.app);
  town = new Agent(ctx.app);
  const [conciergeAccount, townAccount] = await Promise.all([makeAccount(ctx.db, ctx.config, 'concierge'), makeAccount(ctx.db, ctx.config, 'town')]);
  await concierge.login(conciergeAccount.email, conciergeAccount.password);
  await town.login(townAccount.email, townAccount.password);
  plumberId = await makeProvider(ctx.db, { tradeName: 'Plomberie Rey', profile: { trades: ['plumber'] } });
  tailorId = await makeProvider(ctx.db, { tradeName: 'Retouches Inès', profile: { trades: ['tailor'], labels: ['repair_bonus'] } });
  cheeseId = await makeShop(ctx.db, { tradeName: 'Fromagerie du Cours' });
});

after(() => ctx.close());

test('the town’s page sets a services rate from a date, apart from the goods rate, with French messages next to its fields', async () => {
  const before = await concierge.get(RATES_PAGE);
  assert.match(plain(before.body), /Aucun taux de services enregistré : le taux des commerces s’applique \(5 %\)\./);

  const wrong = await concierge.post(`${RATES_PAGE}/services`, { servicesRate: 'huit', servicesStartsOn: '31/02/2026' }, RATES_PAGE);
  assert.equal(wrong.statusCode, 422);
  assert.match(plain(wrong.body), /id="erreur-servicesRate">.*Indiquez un taux en pourcentage/);
  assert.match(plain(wrong.body), /id="erreur-servicesStartsOn">/);

  assert.equal((await concierge.post(`${RATES_PAGE}/services`, { servicesRate: '8', servicesStartsOn: '01/11/2026' }, RATES_PAGE)).statusCode, 303);
  // Recorded now for January: it must not reach back into November.
  assert.equal((await concierge.post(`${RATES_PAGE}/services`, { servicesRate: '12', servicesStartsOn: '01/01/2027' }, RATES_PAGE)).statusCode, 303);
  const after = await concierge.get(RATES_PAGE);
  assert.match(plain(after.body), /Taux des services en vigueur aujourd’hui : 8 %\./);
  const rows = await ctx.db.selectFrom('commission_rates').select(['applies_to', 'rate_bp']).where('shop_id', 'is', null).orderBy('starts_on').execute();
  assert.deepEqual(rows, [{ applies_to: 'services', rate_bp: 800 }, { applies_to: 'services', rate_bp: 1200 }]);
});

test('a provider’s statement takes the services rate of its date, a shop keeps the goods rate, and a provider’s own rate wins', async () => {
  // The tailor has its own rate: it wins over the town's services rate.
  assert.equal((await concierge.post(`/gestion/commerces/${tailorId}/reglement/taux`, { rate: '3', startsOn: '01/11/2026' }, `/gestion/commerces/${tailorId}/reglement`)).statusCode, 303);
  const placeId = await makePlace(ctx.db);
  const [repair, alteration, cheese] = await Promise.all([
    makeOffer(ctx.db, plumberId, { priceCents: 12000 }),
    makeOffer(ctx.db, tailorId, { priceCents: 2500 }),
    makeOffer(ctx.db, cheeseId, { priceCents: 4000 }),
  ]);
  await handedOverOrder(ctx.db, ctx.config, placeId, [{ offerId: repair }, { offerId: alteration }, { offerId: cheese }]);
  await closeCurrentPeriod(ctx.db, ctx.config);

  const plumber = await statementOf(plumberId);
  assert.equal(plumber.period_start, '2026-11-01');
  assert.deepEqual([plumber.commission_bp, plumber.commission_cents], [800, 960], '8 % of 120 €');
  const tailor = await statementOf(tailorId);
  assert.deepEqual([tailor.commission_bp, tailor.commission_cents], [300, 75], 'its own 3 %');
  const shop = await statementOf(cheeseId);
  assert.deepEqual([shop.commission_bp, shop.commission_cents], [500, 200], 'goods keep the town’s 5 %');
});

test('a services rate recorded after the closing, from a later date, changes no closed statement', async () => {
  const saved = await concierge.post(`${RATES_PAGE}/services`, { servicesRate: '10', servicesStartsOn: '01/12/2026' }, RATES_PAGE);
  assert.equal(saved.statusCode, 303);
  const intoClosed = await concierge.post(`${RATES_PAGE}/services`, { servicesRate: '10', servicesStartsOn: '15/11/2026' }, RATES_PAGE);
  assert.equal(intoClosed.statusCode, 422, 'a rate never reaches back into a closed period');
  const plumber = await statementOf(plumberId);
  assert.deepEqual([plumber.commission_bp, plumber.commission_cents], [800, 960]);
  const terms = await concierge.get(`/gestion/commerces/${plumberId}/reglement`);
  assert.match(plain(terms.body), /Prestataire : ses ventes sont des services\./);
});

test('the town’s money page counts the providers’ services apart from the shops’ goods', async () => {
  const page = await town.get('/ville/argent');
  assert.equal(page.statusCode, 200);
  const text = visibleText(page.body);
  const goods = formatEuros(4000);
  const services = formatEuros(12000 + 2500);
  assert.ok(text.includes(plain(`dont articles des commerces : ${goods} ; services des prestataires : ${services}`)), 'the year’s sales, split');
  assert.ok(text.includes(plain(`articles : ${goods}`)) && text.includes(plain(`services : ${services}`)), 'the month’s sales, split');
});
