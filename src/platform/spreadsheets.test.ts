import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';

/** exceljs declares its own Buffer type, older than Node's. */
type XlsxData = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];
import { centsToDecimalText, csvStream, escapeFormula, oneBatch, xlsxStream, type Column } from './spreadsheets.ts';

interface Row {
  name: string;
  cents: number;
  count: number;
  on: string;
}

const COLUMNS: Column<Row>[] = [
  { header: 'Nom', kind: 'text', value: (row) => row.name },
  { header: 'Montant', kind: 'cents', value: (row) => row.cents },
  { header: 'Nombre', kind: 'integer', value: (row) => row.count },
  { header: 'Date', kind: 'date', value: (row) => row.on },
];

const ROWS: Row[] = [
  { name: '=HYPERLINK("http://x","clic")', cents: 123456, count: 3, on: '2026-12-04' },
  { name: 'Boulangerie « Le Fournil »; Istres', cents: -5, count: 0, on: '2026-01-31' },
  { name: '+33 4 42', cents: 0, count: 1, on: '2026-02-01' },
];

async function* batches(): AsyncGenerator<Row[]> {
  yield ROWS.slice(0, 2);
  yield ROWS.slice(2);
}

test('a text a spreadsheet would run as a formula gets a leading apostrophe', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(escapeFormula(`${start}1+1`), `'${start}1+1`);
  assert.equal(escapeFormula('Épicerie'), 'Épicerie');
  assert.equal(escapeFormula(''), '');
});

test('cents are written with a comma and two decimals, no thousands separator', () => {
  assert.equal(centsToDecimalText(123456), '1234,56');
  assert.equal(centsToDecimalText(-5), '-0,05');
  assert.equal(centsToDecimalText(0), '0,00');
});

test('CSV for French Excel: byte order mark, semicolons, CRLF, escaped formulas, French amounts and dates', async () => {
  const bytes = await buffer(csvStream(COLUMNS, batches()));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  const lines = text.split('\r\n');
  assert.equal(lines[0], 'Nom;Montant;Nombre;Date');
  assert.equal(lines[1], `"'=HYPERLINK(""http://x"",""clic"")";1234,56;3;04/12/2026`);
  assert.equal(lines[2], '"Boulangerie « Le Fournil »; Istres";-0,05;0;31/01/2026');
  assert.equal(lines[3], "'+33 4 42;0,00;1;01/02/2026");
});

test('an empty CSV still has its header line', async () => {
  const text = (await buffer(csvStream(COLUMNS, oneBatch([])))).subarray(3).toString('utf8');
  assert.equal(text, 'Nom;Montant;Nombre;Date\r\n');
});

test('XLSX: amounts are numbers of euros shown « 1 234,56 € », texts kept as text cells, dates real dates', async () => {
  const bytes = await buffer(xlsxStream('Essai', COLUMNS, batches()));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as XlsxData);
  const sheet = workbook.getWorksheet('Essai')!;
  assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['Nom', 'Montant', 'Nombre', 'Date']);
  // a formula-looking text is a string cell, shown as typed: no apostrophe, never a formula
  assert.equal(sheet.getCell('A2').value, `=HYPERLINK("http://x","clic")`);
  assert.equal(sheet.getCell('A2').type, ExcelJS.ValueType.String);
  assert.equal(sheet.getCell('A2').formula, undefined);
  assert.equal(sheet.getCell('A4').value, '+33 4 42');
  assert.equal(sheet.getCell('A4').type, ExcelJS.ValueType.String);
  assert.equal(sheet.getCell('A3').value, 'Boulangerie « Le Fournil »; Istres');
  assert.equal(sheet.getCell('B2').value, 1234.56);
  assert.equal(sheet.getCell('B2').numFmt, '#,##0.00 €');
  assert.equal(sheet.getCell('B3').value, -0.05);
  assert.equal(sheet.getCell('C2').value, 3);
  assert.equal((sheet.getCell('D2').value as Date).toISOString(), '2026-12-04T00:00:00.000Z');
  assert.equal(sheet.rowCount, 4);
});
