// Tables to download, as CSV for French Excel or as XLSX, written as they are read so a long
// table never sits whole in memory. No business rule lives here: a caller describes its
// columns (a header, a kind, how to read a value from a row) and hands rows in batches.
//
// Two protections apply to every file:
// - formula injection: in CSV, a text cell starting with = + - @ (or a tab or carriage return)
//   would be run as a formula by a spreadsheet; it is written with a leading apostrophe
//   instead. XLSX says each cell's type: a text is written as a string cell, never a formula,
//   so it is kept exactly as it is (an apostrophe there would show);
// - amounts are never floats of our own: cents become « 12,50 » in CSV, and in XLSX a
//   number of euros with two decimals shown as « 12,50 € ».
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Cents } from './money.ts';

/** text: free text; cents: an amount; integer: a count; date: a local date `YYYY-MM-DD`. */
export type ColumnKind = 'text' | 'cents' | 'integer' | 'date';

export interface Column<R> {
  header: string;
  kind: ColumnKind;
  value: (row: R) => string | number | null;
  /** Width in characters in XLSX. */
  width?: number;
}

export type SpreadsheetFormat = 'csv' | 'xlsx';

export const SPREADSHEET_TYPES: Readonly<Record<SpreadsheetFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text that a spreadsheet would take for a formula gets a leading apostrophe. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** 123456 → « 1234,56 »; -5 → « -0,05 » (no thousands separator: Excel reads it as a number). */
export function centsToDecimalText(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.trunc(whole / 100)},${String(whole % 100).padStart(2, '0')}`;
}

/** « 2026-12-04 » → « 04/12/2026 ». */
export function frenchDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

function csvCell<R>(column: Column<R>, row: R): string {
  const value = column.value(row);
  if (value === null) return '';
  switch (column.kind) {
    case 'cents':
      return centsToDecimalText(Number(value));
    case 'integer':
      return String(value);
    case 'date':
      return frenchDate(String(value));
    default:
      return escapeFormula(String(value));
  }
}

function xlsxCell<R>(column: Column<R>, row: R): string | number | Date | null {
  const value = column.value(row);
  if (value === null) return null;
  switch (column.kind) {
    case 'cents':
      // Cents / 100 is exact to two decimals in a double: what the sheet shows is what we hold.
      return Number(value) / 100;
    case 'integer':
      return Number(value);
    case 'date':
      return new Date(`${String(value)}T00:00:00Z`);
    default:
      // A string value is stored as text (an inline string); exceljs writes a formula only from { formula }.
      return String(value);
  }
}

async function* csvRecords<R>(columns: readonly Column<R>[], batches: AsyncIterable<readonly R[]>): AsyncGenerator<string[]> {
  for await (const batch of batches) {
    for (const row of batch) yield columns.map((column) => csvCell(column, row));
  }
}

/**
 * A CSV file for French Excel: `;` between cells, CRLF between lines, a UTF-8 byte order
 * mark so accents show right, the header line even when there is no row.
 */
export function csvStream<R>(columns: readonly Column<R>[], batches: AsyncIterable<readonly R[]>): Readable {
  const out = stringify({ delimiter: ';', bom: true, record_delimiter: 'windows', header: true, columns: columns.map((column) => column.header) });
  const source = Readable.from(csvRecords(columns, batches));
  source.on('error', (error) => out.destroy(error));
  return source.pipe(out);
}

const NUMBER_FORMATS: Readonly<Record<ColumnKind, string | undefined>> = {
  text: undefined,
  cents: '#,##0.00 €',
  integer: '0',
  date: 'dd/mm/yyyy',
};

async function writeWorkbook<R>(out: PassThrough, sheetName: string, columns: readonly Column<R>[], batches: AsyncIterable<readonly R[]>): Promise<void> {
  // Loaded at the first workbook: exceljs is among the largest libraries, and most days none is asked for.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width ?? (column.kind === 'text' ? 28 : 14),
    style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(columns.map((column) => xlsxCell(column, row))).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** An XLSX workbook of one sheet, each row written out as soon as it is read. */
export function xlsxStream<R>(sheetName: string, columns: readonly Column<R>[], batches: AsyncIterable<readonly R[]>): Readable {
  const out = new PassThrough();
  writeWorkbook(out, sheetName, columns, batches).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** The file of a table in the chosen format. */
export function spreadsheetStream<R>(format: SpreadsheetFormat, sheetName: string, columns: readonly Column<R>[], batches: AsyncIterable<readonly R[]>): Readable {
  return format === 'csv' ? csvStream(columns, batches) : xlsxStream(sheetName, columns, batches);
}

/** A whole table already in memory, as one batch (a year of months, a short list). */
export async function* oneBatch<R>(rows: readonly R[]): AsyncGenerator<readonly R[]> {
  yield rows;
}
