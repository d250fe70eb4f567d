// A shop's Factur-X uploaded by the concierge is read, not typed: number, date and amount come
// from its XML and the statement is matched; what is typed still wins, and an XML amount that
// differs opens the usual « difference ». A PDF without XML still needs the typed fields (a
// French message next to each); a Factur-X whose XML is malformed is refused, nothing recorded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makePlace } from '../helpers/orders.ts';
import { closeCurrentPeriod, handedOverOrder, shopWithOffer } from '../helpers/settlement.ts';
import { invoicePdf, shopCiiXml } from '../helpers/shop-facturx.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { visibleText as text } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
let placeId: string;
let today: string;

before(async () => {
  ctx = await buildTestApp();
  placeId = await makePlace(ctx.db);
  concierge = new Agent(ctx.app);
  const staff = await makeAccount(ctx.db, ctx.config, 'concierge');
  await concierge.login(staff.email, staff.password);
  today = localDateOf(nowIso(), ctx.config.timeZone);
  const prices = [7640, 5000, 3000, 2000];
  const shops = await Promise.all(prices.map((priceCents) => shopWithOffer(ctx.db, { priceCents, period: 'monthly' })));
  await handedOverOrder(ctx.db, ctx.config, placeId, shops.map((shop) => ({ offerId: shop.offerId })));
  await closeCurrentPeriod(ctx.db, ctx.config, 'monthly');
  for (const [index, shop] of shops.entries()) {
    statementByPrice.set(prices[index], (await ctx.db.selectFrom('statements').select('id').where('shop_id', '=', shop.shopId).executeTakeFirstOrThrow()).id);
  }
});
after(() => ctx?.close());

/** Statements of the month, closed once, by the price of the one item each shop sold. */
const statementByPrice = new Map<number, string>();
async function statementOf(priceCents: number): Promise<string> {
  return statementByPrice.get(priceCents)!;
}

async function upload(statementId: string, file: Buffer, fields: Record<string, string> = {}) {
  const url = `/gestion/releves/${statementId}/facture`;
  const page = await concierge.get(url);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)![1];
  return concierge.postMultipart(url, { idempotency_key: key, number: '', invoice_date: '', amount: '', ...fields }, { field: 'file', filename: 'facture.pdf', contentType: 'application/pdf', data: file });
}

const invoicesOf = (statementId: string) => ctx.db.selectFrom('shop_invoices').selectAll().where('statement_id', '=', statementId).execute();
const statusOf = async (statementId: string) => (await ctx.db.selectFrom('statements').select('status').where('id', '=', statementId).executeTakeFirstOrThrow()).status;

test('a Factur-X is recorded with the number, date and amount of its XML, and matched without typing', async () => {
  const statementId = await statementOf(7640);
  const pdf = await invoicePdf(shopCiiXml({ number: 'FX-2026-0042', issuedOn: today, totalCents: 7640, taxExclusiveCents: 6367 }));
  const response = await upload(statementId, pdf);
  assert.equal(response.statusCode, 303, text(response.body).slice(0, 400));
  const [invoice] = await invoicesOf(statementId);
  assert.deepEqual([invoice.number, invoice.invoice_date, Number(invoice.amount_cents), invoice.status], ['FX-2026-0042', today, 7640, 'matched']);
  assert.equal(await statusOf(statementId), 'settled');
  const page = await concierge.get(response.headers.location as string);
  assert.match(text(page.body), /elle correspond au relevé\. Numéro, date et montant lus dans la facture électronique \(Factur-X\) n° FX-2026-0042/);
  // The file kept is the shop's PDF itself.
  const file = await concierge.get(`/gestion/factures-recues/${invoice.id}.pdf`);
  assert.ok(file.rawPayload.equals(pdf));
});

test('a typed field wins over the XML; an XML amount that differs opens the difference', async () => {
  const statementId = await statementOf(5000);
  const pdf = await invoicePdf(shopCiiXml({ number: 'FX-77', issuedOn: today, totalCents: 4880, taxExclusiveCents: 4067 }));
  const response = await upload(statementId, pdf, { number: 'F-77-BIS' });
  assert.equal(response.statusCode, 303, text(response.body).slice(0, 400));
  const [invoice] = await invoicesOf(statementId);
  assert.deepEqual([invoice.number, Number(invoice.amount_cents), invoice.status], ['F-77-BIS', 4880, 'difference']);
  assert.equal(await statusOf(statementId), 'difference');
  const page = await concierge.get(`/gestion/releves/${statementId}/facture`);
  assert.match(text(page.body), /Écart de 1,20 € entre la facture \(48,80 €\) et le relevé \(50,00 €\)/);
});

test('a PDF without XML still needs the typed fields, each with its French message', async () => {
  const statementId = await statementOf(3000);
  const response = await upload(statementId, await invoicePdf());
  assert.equal(response.statusCode, 422);
  const shown = text(response.body);
  assert.match(shown, /Ce PDF n’est pas une facture électronique \(Factur-X\) : indiquez le numéro de la facture\./);
  assert.match(shown, /indiquez la date de la facture\./);
  assert.match(shown, /indiquez le montant TTC de la facture\./);
  assert.equal((await invoicesOf(statementId)).length, 0);
  // Typed, the same PDF is recorded.
  const typed = await upload(statementId, await invoicePdf(), { number: 'F-3000', invoice_date: today.split('-').reverse().join('/'), amount: '30,00' });
  assert.equal(typed.statusCode, 303, text(typed.body).slice(0, 400));
  assert.equal((await invoicesOf(statementId))[0].status, 'matched');
});

test('a Factur-X whose XML is malformed is refused next to the file, nothing recorded', async () => {
  const statementId = await statementOf(2000);
  const xml = shopCiiXml({ number: 'FX-1', issuedOn: today, totalCents: 2000, taxExclusiveCents: 1667 });
  const response = await upload(statementId, await invoicePdf(xml.slice(0, xml.indexOf('<rsm:SupplyChainTradeTransaction>'))), { number: 'FX-1', invoice_date: today, amount: '20,00' });
  assert.equal(response.statusCode, 422);
  assert.match(text(response.body), /Ce PDF contient un fichier Factur-X illisible \(XML mal formé ou incomplet\)/);
  assert.equal((await invoicesOf(statementId)).length, 0);
  assert.equal(await statusOf(statementId), 'awaiting_invoice');
});
