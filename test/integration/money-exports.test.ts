// The money exports through their pages: the FEC of the ledger fed by the real counter (18
// zones, pipes, ISO-8859-15, legal file name, numbers continuous per journal and stable from
// one export to the next, debit = credit), the statements and payouts tables (CSV and XLSX,
// empty or not), the town's money by month, bad dates refused next to their field, and who
// may see what.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';

/** exceljs declares its own Buffer type, older than Node's. */
type XlsxData = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { Agent } from '../helpers/agent.ts';
import { makeAccount } from '../helpers/accounts.ts';
import { makeShop } from '../helpers/shops.ts';
import { CONCIERGE, makeOrder, makePlace } from '../helpers/orders.ts';
import { receivePurchaseOrder } from '../../src/orders/index.ts';
import { acceptPurchaseOrder } from '../../src/orders/portal/portal.service.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { now, nowIso } from '../../src/platform/clock.ts';
import { closePeriod } from '../../src/settlement/statements/statements.service.ts';
import { visibleText as text, plain } from '../helpers/text.ts';

let ctx: TestApp;
let concierge: Agent;
let town: Agent;
let merchant: Agent;
let placeId: string;
let today: string;

before(async () => {
  // « Today » is read once for the whole file: a fixed mid-month morning, so a run never
  // crosses midnight or a month's end between two tests.
  ctx = await buildTestApp({ CLOCK_START: '2026-11-18T09:00:00Z' });
  placeId = await makePlace(ctx.db);
  today = localDateOf(nowIso(), ctx.config.timeZone);
  concierge = new Agent(ctx.app);
  town = new Agent(ctx.app);
  merchant = new Agent(ctx.app);
  const accounts = await Promise.all([
    makeAccount(ctx.db, ctx.config, 'concierge'),
    makeAccount(ctx.db, ctx.config, 'town'),
    makeAccount(ctx.db, ctx.config, 'merchant', { shopId: await makeShop(ctx.db) }),
  ]);
  await concierge.login(accounts[0].email, accounts[0].password);
  await town.login(accounts[1].email, accounts[1].password);
  await merchant.login(accounts[2].email, accounts[2].password);
});

after(() => ctx.close());

function french(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** An order of `shops` shops (2 × 12,50 € each), received, handed over and paid at the counter's page. */
async function soldAtCounter(shops: number, method: 'cash' | 'card' | 'cheque'): Promise<void> {
  const made = await makeOrder(ctx.db, ctx.config, { placeId, shops });
  const pos = await ctx.db.selectFrom('purchase_orders').select(['id', 'shop_id']).where('order_id', '=', made.orderId).orderBy('created_at').orderBy('id').execute();
  for (const [index, po] of pos.entries()) {
    await acceptPurchaseOrder(ctx.db, CONCIERGE, po.shop_id, po.id);
    await receivePurchaseOrder(ctx.db, ctx.config, CONCIERGE, po.id, { storageLocation: `L${index + 1}`, chilled: false });
  }
  const page = await concierge.get(`/gestion/comptoir/${made.orderId}`);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(key, 'the hand-over form is on the page');
  const ids = pos.map((po) => po.id);
  const response = await concierge.post(`/gestion/comptoir/${made.orderId}`, { bons: ids, shown: ids.join(','), payment: method, idempotency_key: key });
  assert.equal(response.statusCode, 303, text(response.body).slice(0, 300));
}

function fileUrl(path: string, query: Record<string, string>): string {
  return `${path}?${new URLSearchParams(query).toString()}`;
}

async function fec(from: string, to: string) {
  const response = await concierge.get(fileUrl('/gestion/comptabilite/export/fichier', { from: french(from), to: french(to), format: 'fec' }));
  assert.equal(response.statusCode, 200, text(response.body).slice(0, 300));
  const content = new TextDecoder('iso-8859-15').decode(response.rawPayload);
  return { response, content, lines: content.split('\r\n').filter(Boolean).map((line) => line.split('|')) };
}

const cents = (amount: string) => Number(amount.replace(',', ''));

test('the FEC of the range: legal name, 18 zones, every écriture numbered without gaps in its journal, debit = credit', async () => {
  await soldAtCounter(2, 'card');
  await soldAtCounter(1, 'cash');
  const { response, content, lines } = await fec(today, today);
  assert.equal(response.headers['content-disposition'], `attachment; filename="${ctx.config.operator.siren}FEC${today.replaceAll('-', '')}.txt"`);
  assert.match(String(response.headers['content-type']), /iso-8859-15/);
  assert.ok(content.endsWith('\r\n'));
  assert.deepEqual(lines[0].slice(0, 4), ['JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate']);
  const body = lines.slice(1);
  assert.equal(body.length, 10, 'two payments and three hand-overs, two lines each');
  for (const zones of body) assert.equal(zones.length, 18);

  let debit = 0;
  let credit = 0;
  for (const zones of body) {
    debit += cents(zones[11]);
    credit += cents(zones[12]);
    assert.match(zones[11], /^\d+,\d{2}$/);
    assert.equal(zones[3], today.replaceAll('-', ''));
  }
  assert.equal(debit, credit);
  assert.equal(debit, 7500 + 7500, 'the payments (50 € and 25 €) and the hand-overs (3 × 25 €)');

  const numbers = (journal: string) => [...new Set(body.filter((zones) => zones[0] === journal).map((zones) => Number(zones[2])))];
  assert.deepEqual(numbers('BQ'), [1, 2]);
  assert.deepEqual(numbers('VE'), [1, 2, 3]);
  const accounts = new Set(body.map((zones) => `${zones[4]} ${zones[5]}`));
  for (const account of ['511200 Cartes bancaires à encaisser', '530000 Caisse', '411000 Adhérents', '401000 Commerces']) assert.ok(accounts.has(account), account);
  const shopLine = body.find((zones) => zones[4] === '401000')!;
  assert.ok(shopLine[6].length > 0 && shopLine[7].length > 0, 'a shop’s line names the shop');
});

test('numbers do not change from one export to the next, and a later range goes on where the earlier stopped', async () => {
  const first = await fec(today, today);
  await soldAtCounter(1, 'cheque');
  const second = await fec(today, today);
  // Lines come journal by journal in number order, so a new payment (BQ) comes before the
  // hand-overs (VE) already exported: each line exported before is found again, unchanged.
  const key = (zones: string[]) => zones.join('|');
  const again = new Set(second.lines.map(key));
  for (const zones of first.lines) assert.ok(again.has(key(zones)), `what was exported keeps its number: ${key(zones)}`);
  const lastOf = (journal: string) => Number(first.lines.filter((zones) => zones[0] === journal).at(-1)![2]);
  const before = new Set(first.lines.map(key));
  const added = second.lines.filter((zones) => !before.has(key(zones)));
  assert.deepEqual(
    added.map((zones) => [zones[0], zones[2]]),
    [
      ['BQ', String(lastOf('BQ') + 1)],
      ['BQ', String(lastOf('BQ') + 1)],
      ['VE', String(lastOf('VE') + 1)],
      ['VE', String(lastOf('VE') + 1)],
    ],
  );
  const journals = second.lines.slice(1).map((zones) => `${zones[0]} ${zones[2].padStart(6, '0')}`);
  assert.deepEqual(journals, [...journals].sort(), 'journal by journal, in number order');

  const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const empty = await fec(yesterday, yesterday);
  assert.equal(empty.lines.length, 1, 'a range with nothing posted is the header alone');
});

test('the statements and payouts tables download as CSV and XLSX, with their header even when empty', async () => {
  for (const table of ['statements', 'payouts']) {
    const csv = await concierge.get(fileUrl('/gestion/comptabilite/export/fichier', { from: '01/01/2026', to: french(today), format: `${table}_csv` }));
    assert.equal(csv.statusCode, 200);
    assert.match(plain(String(csv.headers['content-disposition'])), new RegExp(`attachment; filename="${table === 'statements' ? 'releves' : 'virements'}-2026-01-01-${today}\\.csv"`));
    assert.deepEqual([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const header = csv.rawPayload.subarray(3).toString('utf8').split('\r\n')[0];
    assert.ok(header.startsWith(table === 'statements' ? 'Commerce;Période;Début;Fin;Ventes' : 'Lot de virements;Date d’exécution;Commerce'), header);

    const xlsx = await town.get(fileUrl('/ville/argent/fichier', { from: '01/01/2026', to: french(today), format: `${table}_xlsx` }));
    assert.equal(xlsx.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as XlsxData);
    assert.ok(workbook.worksheets[0].rowCount >= 1);
    assert.equal(workbook.worksheets[0].getCell('A1').value, table === 'statements' ? 'Commerce' : 'Lot de virements');
  }
});

test('the town sees the money of the last 12 months, this month with what the counter took', async () => {
  const page = await town.get('/ville/argent');
  assert.equal(page.statusCode, 200);
  const body = text(page.body);
  assert.match(body, /L’argent de la conciergerie/);
  const rows = [...page.body.matchAll(/<tr><th scope="row">([^<]+)<\/th>/g)].map((match) => match[1]);
  assert.equal(rows.length, 13, 'twelve months and the total');
  const thisMonth = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: ctx.config.timeZone }).format(now());
  assert.equal(rows[11], thisMonth);

  const csv = await town.get('/ville/argent/par-mois?format=csv');
  assert.equal(csv.statusCode, 200);
  const lines = csv.rawPayload.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  assert.equal(lines[0], 'Mois;Encaissé;Reversé aux commerces;Commission;TVA sur la commission;Commandes');
  assert.equal(lines.length, 13);
  const [, collected, paidOut, , , orders] = lines[12].split(';');
  const paid = await ctx.db.selectFrom('counter_payments').select((eb) => eb.fn.sum<number>('amount_cents').as('cents')).executeTakeFirstOrThrow();
  assert.equal(cents(collected), Number(paid.cents), 'everything paid at the counter this month');
  assert.equal(paidOut, '0,00');
  assert.equal(Number(orders), 3);

  const xlsx = await concierge.get('/ville/argent/par-mois?format=xlsx');
  assert.equal(xlsx.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.rawPayload as unknown as XlsxData);
  assert.equal(workbook.worksheets[0].getCell('B13').value, Number(paid.cents) / 100);
});

test('bad dates are refused next to their field, with what was typed kept', async () => {
  const wrong = await concierge.get(fileUrl('/gestion/comptabilite/export/fichier', { from: '31/02/2026', to: '01/01/2026', format: 'fec' }));
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /id="erreur-from"[^>]*>.*Indiquez une date au format jj\/mm\/aaaa/s);
  assert.match(wrong.body, /value="31\/02\/2026"/);

  const reversed = await concierge.get(fileUrl('/gestion/comptabilite/export/fichier', { from: '01/02/2026', to: '01/01/2026', format: 'fec' }));
  assert.equal(reversed.statusCode, 400);
  assert.match(text(reversed.body), /La date de fin est avant la date de début/);

  const noFormat = await town.get(fileUrl('/ville/argent/fichier', { from: '01/01/2026', to: '31/01/2026', format: 'fec' }));
  assert.equal(noFormat.statusCode, 400, 'the town has no FEC');
  assert.match(noFormat.body, /id="erreur-format"/);

  const unknown = await concierge.get(fileUrl('/gestion/comptabilite/export/fichier', { from: '01/01/2026', to: '31/01/2026', format: 'fec', admin: '1' }));
  assert.equal(unknown.statusCode, 400);
  assert.match(text(unknown.body), /champ inattendu/);
});

test('the export page is the concierge’s, the money pages the town’s and the concierge’s: anyone else gets 404', async () => {
  const page = await concierge.get('/gestion/comptabilite/export');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<form method="get" action="\/gestion\/comptabilite\/export\/fichier"/);
  assert.equal((await concierge.get('/ville/argent')).statusCode, 200);

  const fecUrl = fileUrl('/gestion/comptabilite/export/fichier', { from: french(today), to: french(today), format: 'fec' });
  assert.equal((await town.get('/gestion/comptabilite/export')).statusCode, 404);
  assert.equal((await town.get(fecUrl)).statusCode, 404);
  for (const url of ['/gestion/comptabilite/export', fecUrl, '/ville/argent', '/ville/argent/par-mois?format=csv', fileUrl('/ville/argent/fichier', { from: '01/01/2026', to: '31/01/2026', format: 'payouts_csv' })]) {
    assert.equal((await merchant.get(url)).statusCode, 404, url);
    const visitor = await ctx.app.inject({ method: 'GET', url });
    assert.equal(visitor.statusCode, 303, url);
  }
});

test('a closed month: its statements in the table, its commission in the FEC and on the town page', async () => {
  const start = `${today.slice(0, 7)}-01`;
  const next = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 2, 12)).toISOString();
  const closing = await closePeriod(ctx.db, ctx.config, CONCIERGE, { kind: 'monthly', start }, next);
  assert.ok(closing.statementCount >= 4, 'one statement per shop that sold this month');
  const statements = await ctx.db.selectFrom('statements').select(['shop_id', 'sales_cents', 'commission_cents', 'vat_cents', 'payable_cents']).execute();

  const csv = await town.get(fileUrl('/ville/argent/fichier', { from: french(start), to: french(today), format: 'statements_csv' }));
  assert.equal(csv.statusCode, 200);
  const rows = csv.rawPayload.subarray(3).toString('utf8').split('\r\n').filter(Boolean).slice(1).map((line) => line.split(';'));
  assert.equal(rows.length, statements.length);
  const sum = (index: number) => rows.reduce((total, row) => total + cents(row[index]), 0);
  const expected = (pick: (row: (typeof statements)[number]) => number) => statements.reduce((total, row) => total + Number(pick(row)), 0);
  assert.equal(sum(4), expected((row) => row.sales_cents));
  assert.equal(sum(6), expected((row) => row.commission_cents));
  assert.equal(sum(7), expected((row) => row.vat_cents));
  assert.equal(sum(8), expected((row) => row.payable_cents));
  for (const row of rows) {
    assert.equal(row[1], 'mois');
    assert.equal(row[2], french(start));
    assert.equal(row[9], 'facture attendue');
  }

  // Closed on the 2nd of the next month, the commission is dated the month's last day: in the month's FEC.
  const end = new Date(Date.parse(next) - 2 * 86_400_000).toISOString().slice(0, 10);
  assert.equal((await fec(today, today)).lines.filter((zones) => zones[0] === 'OD').length, 0, 'not on the day of the sales');
  const { lines } = await fec(start, end);
  const commission = lines.filter((zones) => zones[0] === 'OD');
  for (const zones of commission) assert.equal(zones[3], end.replaceAll('-', ''), 'dated the last day of the month');
  for (const zones of commission) assert.match(zones[8], /^[A-Z]+-2026-\d{6}$/, 'the commission invoice is its document');
  assert.ok(commission.some((zones) => zones[4] === '706000'));
  assert.deepEqual([...new Set(commission.map((zones) => Number(zones[2])))], Array.from({ length: statements.length }, (_, index) => index + 1), 'one écriture per statement, numbered from 1');
  const odCredit = commission.filter((zones) => ['706000', '445710'].includes(zones[4])).reduce((total, zones) => total + cents(zones[12]), 0);
  assert.equal(odCredit, expected((row) => row.commission_cents + row.vat_cents));
  let debit = 0;
  let credit = 0;
  for (const zones of lines.slice(1)) {
    debit += cents(zones[11]);
    credit += cents(zones[12]);
  }
  assert.equal(debit, credit);

  const months = await town.get('/ville/argent/par-mois?format=csv');
  const thisMonth = months.rawPayload.subarray(3).toString('utf8').split('\r\n').filter(Boolean)[12].split(';');
  assert.equal(cents(thisMonth[3]), expected((row) => row.commission_cents));
  assert.equal(cents(thisMonth[4]), expected((row) => row.vat_cents));
});
