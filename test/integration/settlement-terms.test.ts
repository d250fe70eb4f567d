// Settlement terms: the concierge sets each shop's period, bank details, VAT number, mandate
// and commission rate, and the town's rates; the merchant reads its own terms, IBAN masked;
// anyone else gets 404. The closing reads the rates in force and who each shop is paid as.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { randomUUID } from 'node:crypto';
import { handOver, receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { addDays, localDateOf } from '../../src/platform/calendar.ts';
import { periodOf } from '../../src/settlement/settlement.statements.rules.ts';
import { closePeriod } from '../../src/settlement/statements/statements.service.ts';
import { ratesInForce, shopPayee } from '../../src/settlement/terms/terms.service.ts';
import { CONCIERGE, makeOrder } from '../helpers/orders.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { plain } from '../helpers/text.ts';

let ctx: TestApp;
let shopId: string;
let otherShopId: string;
let concierge: Agent;
let merchant: Agent;

const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const SIRET = '73282932000074';

async function loggedIn(role: 'merchant' | 'concierge' | 'resident' | 'town', shop?: string): Promise<Agent> {
  const account = await makeAccount(ctx.db, ctx.config, role, shop ? { shopId: shop } : {});
  const agent = new Agent(ctx.app);
  await agent.login(account.email, account.password);
  return agent;
}

async function settlementColumns(id: string) {
  return ctx.db.selectFrom('shops').select(['settlement_period', 'iban', 'bic', 'vat_number', 'self_billing_since']).where('id', '=', id).executeTakeFirstOrThrow();
}

before(async () => {
  ctx = await buildTestApp();
  shopId = await makeShop(ctx.db, { tradeName: 'Fromagerie du Cours', legalName: 'Fromagerie du Cours SARL', siret: SIRET });
  otherShopId = await makeShop(ctx.db, { tradeName: 'Librairie des Salins' });
  concierge = await loggedIn('concierge');
  merchant = await loggedIn('merchant', shopId);
});

after(() => ctx.close());

test('without any rate recorded: 5 % commission and 20 % VAT for every shop; the payee has no bank details yet', async () => {
  const rates = await ratesInForce(ctx.db, [shopId, otherShopId], '2026-01-01');
  assert.deepEqual(rates.get(shopId), { commissionBp: 500, vatBp: 2000, sells: 'goods' });
  assert.deepEqual(rates.get(otherShopId), { commissionBp: 500, vatBp: 2000, sells: 'goods' });
  const payees = await shopPayee(ctx.db, [shopId]);
  const payee = payees.get(shopId)!;
  assert.equal(payee.legalName, 'Fromagerie du Cours SARL');
  assert.equal(payee.siret, SIRET);
  assert.equal(payee.iban, null);
  assert.equal(payee.settlementPeriod, 'monthly');
  assert.match(payee.address, /rue de la République, 13800 Istres$/);
});

test('the concierge saves a shop’s terms: IBAN and BIC normalised, VAT number checked against the SIRET', async () => {
  const url = `/gestion/commerces/${shopId}/reglement`;
  const page = await concierge.get(url);
  assert.equal(page.statusCode, 200);
  assert.match(plain(page.body), /<h1>Règlement du commerce : Fromagerie du Cours<\/h1>/);
  assert.match(page.body, /Fromagerie du Cours SARL/);
  assert.match(page.body, /732 829 320 00074/);
  const response = await concierge.post(url, { settlementPeriod: 'weekly', iban: IBAN.toLowerCase(), bic: 'bnpa fr pp xxx', vatNumber: 'fr 44 732 829 320', selfBillingSince: '15/03/2026' });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, url);
  assert.deepEqual(await settlementColumns(shopId), {
    settlement_period: 'weekly',
    iban: 'FR7630006000011234567890189',
    bic: 'BNPAFRPPXXX',
    vat_number: 'FR44732829320',
    self_billing_since: '2026-03-15',
  });
  const shown = await concierge.get(url);
  assert.match(shown.body, /Conditions de règlement enregistrées\./);
  assert.match(shown.body, /FR76 3000 6000 0112 3456 7890 189/);
  assert.match(plain(shown.body), /Mandat d’autofacturation signé le dimanche 15 mars/);
  assert.match(shown.body, /Chaque semaine/);
  const payee = (await shopPayee(ctx.db, [shopId])).get(shopId)!;
  assert.deepEqual([payee.iban, payee.bic, payee.vatNumber, payee.selfBillingSince, payee.settlementPeriod], ['FR7630006000011234567890189', 'BNPAFRPPXXX', 'FR44732829320', '2026-03-15', 'weekly']);
});

test('every wrong field gets its French message at once, what was typed is kept and nothing is saved', async () => {
  const url = `/gestion/commerces/${shopId}/reglement`;
  const before = await settlementColumns(shopId);
  const response = await concierge.post(url, { settlementPeriod: 'monthly', iban: 'FR76 3000 6000 0112 3456 7890 188', bic: 'BNPA', vatNumber: 'FR45732829320', selfBillingSince: '31/02/2026' });
  assert.equal(response.statusCode, 422);
  assert.match(response.body, /id="erreur-iban">.*Cet IBAN n’est pas valable/);
  assert.match(response.body, /id="erreur-bic">.*Ce BIC n’est pas valable/);
  assert.match(response.body, /id="erreur-vatNumber">.*Ce numéro de TVA n’est pas valable/);
  assert.match(response.body, /id="erreur-selfBillingSince">.*Indiquez une date au format jj\/mm\/aaaa/);
  assert.match(response.body, /value="FR76 3000 6000 0112 3456 7890 188"/);
  assert.match(response.body, /value="31\/02\/2026"/);
  assert.deepEqual(await settlementColumns(shopId), before);

  const foreignVat = await concierge.post(url, { settlementPeriod: 'monthly', iban: '', bic: '', vatNumber: 'FR40303265045', selfBillingSince: '' });
  assert.equal(foreignVat.statusCode, 422);
  assert.match(foreignVat.body, /id="erreur-vatNumber">.*ne correspond pas au SIRET du commerce/);
  const ibanWithoutBic = await concierge.post(url, { settlementPeriod: 'monthly', iban: IBAN, bic: '', vatNumber: '', selfBillingSince: '' });
  assert.match(ibanWithoutBic.body, /id="erreur-bic">.*Indiquez le BIC de la banque avec l’IBAN/);
  const unknownField = await concierge.post(url, { settlementPeriod: 'monthly', iban: '', bic: '', vatNumber: '', selfBillingSince: '', stage: 'left' });
  assert.equal(unknownField.statusCode, 422);
  const badPeriod = await concierge.post(url, { settlementPeriod: 'daily', iban: '', bic: '', vatNumber: '', selfBillingSince: '' });
  assert.equal(badPeriod.statusCode, 422);
  assert.match(badPeriod.body, /id="erreur-settlementPeriod">/);
  assert.deepEqual(await settlementColumns(shopId), before);
});

test('a shop’s own rate from a date: 150 % refused, « 4,5 » recorded and in force from that day only', async () => {
  const url = `/gestion/commerces/${shopId}/reglement/taux`;
  const page = `/gestion/commerces/${shopId}/reglement`;
  const tooHigh = await concierge.post(url, { rate: '150', startsOn: '01/07/2026' }, page);
  assert.equal(tooHigh.statusCode, 422);
  assert.match(plain(tooHigh.body), /id="erreur-rate">.*Le taux doit être compris entre 0 et 100 %\./);
  assert.match(tooHigh.body, /name="rate" type="text" value="150"/);
  const badBoth = await concierge.post(url, { rate: 'cinq', startsOn: 'demain' }, page);
  assert.match(badBoth.body, /id="erreur-rate">.*Indiquez un taux en pourcentage/);
  assert.match(badBoth.body, /id="erreur-startsOn">.*Indiquez une date/);
  assert.equal((await ctx.db.selectFrom('commission_rates').selectAll().execute()).length, 0);

  const saved = await concierge.post(url, { rate: '4,5', startsOn: '2026-07-01' }, page);
  assert.equal(saved.statusCode, 303);
  const rows = await ctx.db.selectFrom('commission_rates').select(['shop_id', 'rate_bp', 'starts_on']).execute();
  assert.deepEqual(rows, [{ shop_id: shopId, rate_bp: 450, starts_on: '2026-07-01' }]);
  const shown = await concierge.get(page);
  assert.match(shown.body, /Nouveau taux enregistré\./);
  assert.match(plain(shown.body), /mercredi 1er juillet/);
  assert.match(plain(shown.body), /4,5 %/);

  const june = await ratesInForce(ctx.db, [shopId, otherShopId], '2026-06-30');
  assert.equal(june.get(shopId)!.commissionBp, 500);
  const july = await ratesInForce(ctx.db, [shopId, otherShopId], '2026-07-01');
  assert.equal(july.get(shopId)!.commissionBp, 450);
  assert.equal(july.get(otherShopId)!.commissionBp, 500);
});

test('the town’s rates: commission for shops without their own, VAT or « TVA non applicable », each from a date', async () => {
  const page = '/gestion/comptabilite/taux';
  const shown = await concierge.get(page);
  assert.equal(shown.statusCode, 200);
  assert.match(plain(shown.body), /Aucun taux enregistré : 5 % s’applique\./);
  assert.match(plain(shown.body), /Aucun taux enregistré : 20 % s’applique\./);

  assert.equal((await concierge.post(`${page}/commission`, { rate: '4', startsOn: '01/09/2026' }, page)).statusCode, 303);
  const exempt = await concierge.post(`${page}/tva`, { vatRate: '', vatExempt: 'on', vatStartsOn: '01/10/2026' }, page);
  assert.equal(exempt.statusCode, 303);
  const sameDay = await concierge.post(`${page}/tva`, { vatRate: '20', vatStartsOn: '01/10/2026' }, page);
  assert.equal(sameDay.statusCode, 422);
  assert.match(sameDay.body, /id="erreur-vatStartsOn">.*Un taux de TVA commence déjà ce jour-là/);
  const noRate = await concierge.post(`${page}/tva`, { vatRate: '', vatStartsOn: '01/11/2026' }, page);
  assert.match(noRate.body, /id="erreur-vatRate">.*Indiquez un taux en pourcentage/);

  const september = await ratesInForce(ctx.db, [shopId, otherShopId], '2026-09-15');
  assert.deepEqual(september.get(otherShopId), { commissionBp: 400, vatBp: 2000, sells: 'goods' });
  assert.deepEqual(september.get(shopId), { commissionBp: 450, vatBp: 2000, sells: 'goods' }, 'the shop’s own rate wins over the town’s');
  const october = await ratesInForce(ctx.db, [otherShopId], '2026-10-01');
  assert.deepEqual(october.get(otherShopId), { commissionBp: 400, vatBp: null, sells: 'goods' });
  const history = await concierge.get(page);
  assert.match(history.body, /TVA non applicable/);
});

test('rates for many shops are read at once, each with its own rate or the town’s', async () => {
  const many = Array.from({ length: 1200 }, (_, index) => `00000000-0000-7000-8000-${String(index).padStart(12, '0')}`);
  const rates = await ratesInForce(ctx.db, [...many, shopId], '2026-09-15');
  assert.equal(rates.size, 1201);
  assert.equal(rates.get(many[0])!.commissionBp, 400);
  assert.equal(rates.get(shopId)!.commissionBp, 450);
});

test('the merchant reads its terms with the IBAN masked, and is told to phone to change it', async () => {
  const page = await merchant.get(`/boutique/${shopId}/reglement`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1>Vos conditions de règlement<\/h1>/);
  assert.match(page.body, /•••• 0189/);
  assert.doesNotMatch(page.body, /3000 6000|30006000/);
  assert.doesNotMatch(page.body, /<form[^>]*action="\/boutique\/[^"]*\/reglement"/);
  assert.match(page.body, /Pour changer vos coordonnées bancaires, appelez la conciergerie au /);
  assert.match(page.body, /Mandat d’autofacturation signé le/);
});

test('another shop’s merchant, a resident, the town and a merchant on the concierge’s pages get 404', async () => {
  const stranger = await loggedIn('merchant', otherShopId);
  assert.equal((await stranger.get(`/boutique/${shopId}/reglement`)).statusCode, 404);
  assert.equal((await stranger.get(`/boutique/${otherShopId}/reglement`)).statusCode, 200);
  assert.equal((await merchant.get(`/gestion/commerces/${shopId}/reglement`)).statusCode, 404);
  assert.equal((await merchant.get('/gestion/comptabilite/taux')).statusCode, 404);
  const token = await merchant.csrfToken(`/boutique/${shopId}/reglement`);
  const forged = await merchant.post(`/gestion/commerces/${shopId}/reglement`, { _csrf: token, settlementPeriod: 'weekly', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', vatNumber: '', selfBillingSince: '' });
  assert.equal(forged.statusCode, 404);
  assert.equal((await settlementColumns(shopId)).iban, 'FR7630006000011234567890189');
  const resident = await loggedIn('resident');
  assert.equal((await resident.get(`/boutique/${shopId}/reglement`)).statusCode, 404);
  const town = await loggedIn('town');
  assert.equal((await town.get('/gestion/comptabilite/taux')).statusCode, 404);
  assert.equal((await concierge.get('/gestion/commerces/00000000-0000-7000-8000-000000000000/reglement')).statusCode, 404);
  assert.equal((await concierge.get('/gestion/commerces/pas-un-id/reglement')).statusCode, 404);
});

test('the shop’s back-office page links to its terms', async () => {
  const page = await concierge.get(`/gestion/commerces/${shopId}`);
  assert.match(page.body, new RegExp(`href="/gestion/commerces/${shopId}/reglement"`));
});

test('a new rate never reaches back into a closed period', async () => {
  // A purchase order of a fresh shop handed over today, and this month closed as if it had ended.
  const made = await makeOrder(ctx.db, ctx.config);
  const po = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).executeTakeFirstOrThrow();
  await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
  await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, po.id, { storageLocation: 'A1', chilled: false });
  await handOver(ctx.db, CONCIERGE, made.orderId, { purchaseOrderIds: [po.id], shownIds: [po.id], method: 'card' }, randomUUID());
  const month = periodOf('monthly', localDateOf(nowIso(), ctx.config.timeZone));
  await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start: month.start }, `${addDays(month.end, 2)}T12:00:00.000Z`);

  const page = `/gestion/commerces/${po.shop_id}/reglement`;
  const shown = await concierge.get(page);
  assert.match(shown.body, /Les périodes sont clôturées jusqu’au/);
  const [y, m, d] = month.end.split('-');
  const refused = await concierge.post(`${page}/taux`, { rate: '3', startsOn: `${d}/${m}/${y}` }, page);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /id="erreur-startsOn">.*Cette date tombe dans une période déjà clôturée\./);
  const town = await concierge.post('/gestion/comptabilite/taux/tva', { vatRate: '10', vatStartsOn: month.start }, '/gestion/comptabilite/taux');
  assert.match(town.body, /id="erreur-vatStartsOn">.*Cette date tombe dans une période déjà clôturée\./);
  const next = addDays(month.end, 1);
  assert.equal((await concierge.post(`${page}/taux`, { rate: '3', startsOn: next }, page)).statusCode, 303);
  const rates = await ratesInForce(ctx.db, [po.shop_id], next);
  assert.equal(rates.get(po.shop_id)!.commissionBp, 300);
});
