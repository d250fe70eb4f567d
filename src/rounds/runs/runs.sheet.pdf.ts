// The papers of a delivery run, drawn in large type for a van's cab and a foyer's table: the
// run sheet (stops in order, each with its orders and a box to sign) and a drop-off point's
// « liste d'émargement » (one line per member, boxes to tick by hand). Black on white only:
// meaning is carried by words, bold and rules, never by colour, so a grey photocopy reads the
// same. This file lays out text it is given; the words come from runs.sheet.service.ts.
import { renderPdf, type PdfDocument } from '../../platform/pdf/index.ts';

/** Body text never below 13 pt: the sheet is read at arm's length, in a moving van. */
const BODY_SIZE = 13;
const HEADING_SIZE = 16;
const TITLE_SIZE = 22;
const LINE_GAP = 2;
const PAD = 5;
const BLACK = '#000000';
/** Height of a row with a signature box: room for a hand-written name and signature. */
const SIGNATURE_ROW = 52;
const TICK_BOX = 18;

/** A cell is text, or an empty square to tick by hand. */
export type Cell = string | { tick: true };

export interface GridColumn {
  header: string;
  /** Share of the width; the shares are scaled to the page. */
  width: number;
  align?: 'left' | 'right';
}

export interface Grid {
  columns: readonly GridColumn[];
  rows: readonly (readonly Cell[])[];
}

export interface SheetStop {
  /** « 1. Zone du Tubé, vers 14 h » */
  heading: string;
  /** Address, phone, what kind of stop it is: one line each. */
  lines: readonly string[];
  orders: Grid;
}

export interface RunSheetDocument {
  title: string;
  subtitle: string;
  facts: readonly string[];
  stops: readonly SheetStop[];
  /** Said when the run has no stop, rather than a blank page. */
  empty: string;
}

export interface SignOffDocument {
  title: string;
  subtitle: string;
  facts: readonly string[];
  instructions: string;
  grid: Grid;
  footer: string;
}

export interface PdfMeta {
  title: string;
  author: string;
}

const left = (doc: PdfDocument) => doc.page.margins.left;
const widthOf = (doc: PdfDocument) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomOf = (doc: PdfDocument) => doc.page.height - doc.page.margins.bottom;

function ensureSpace(doc: PdfDocument, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

function write(doc: PdfDocument, text: string, size: number, bold = false): void {
  doc.font(bold ? 'bold' : 'regular').fontSize(size);
  ensureSpace(doc, doc.heightOfString(text, { width: widthOf(doc), lineGap: LINE_GAP }));
  doc.fillColor(BLACK).text(text, left(doc), doc.y, { width: widthOf(doc), lineGap: LINE_GAP });
}

function rule(doc: PdfDocument, thickness: number): void {
  const y = doc.y;
  doc.moveTo(left(doc), y).lineTo(left(doc) + widthOf(doc), y).lineWidth(thickness).strokeColor(BLACK).stroke();
  doc.y = y + thickness + 4;
}

function cellHeight(doc: PdfDocument, cell: Cell, width: number, bold: boolean): number {
  if (typeof cell !== 'string') return TICK_BOX;
  doc.font(bold ? 'bold' : 'regular').fontSize(BODY_SIZE);
  return doc.heightOfString(cell || ' ', { width: width - 2 * PAD, lineGap: LINE_GAP });
}

function rowHeight(doc: PdfDocument, cells: readonly Cell[], widths: readonly number[], bold: boolean, minimum: number): number {
  return Math.max(minimum, ...cells.map((cell, index) => cellHeight(doc, cell, widths[index], bold) + 2 * PAD));
}

/** One row of ruled cells; a tick cell is an empty square on the left, room beside it to write (« CB »). */
function drawRow(doc: PdfDocument, grid: Grid, cells: readonly Cell[], widths: readonly number[], height: number, bold: boolean): void {
  const top = doc.y;
  let x = left(doc);
  cells.forEach((cell, index) => {
    const width = widths[index];
    doc.rect(x, top, width, height).lineWidth(bold ? 1.5 : 1).strokeColor(BLACK).stroke();
    if (typeof cell === 'string') {
      doc.font(bold ? 'bold' : 'regular').fontSize(BODY_SIZE).fillColor(BLACK);
      doc.text(cell, x + PAD, top + PAD, { width: width - 2 * PAD, align: grid.columns[index].align ?? 'left', lineGap: LINE_GAP });
    } else {
      doc.rect(x + PAD + 2, top + PAD + 2, TICK_BOX, TICK_BOX).lineWidth(1.5).strokeColor(BLACK).stroke();
    }
    x += width;
  });
  doc.x = left(doc);
  doc.y = top + height;
}

/**
 * A ruled table whose header is repeated on each new page; every row is at least
 * `minRowHeight` tall (room to sign). `keepWith` is the height of what precedes the table
 * (a stop's heading), kept on the same page as the header and first row.
 */
function drawGrid(doc: PdfDocument, grid: Grid, minRowHeight: number, keepWith = 0): void {
  const scale = widthOf(doc) / grid.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = grid.columns.map((column) => column.width * scale);
  const header = grid.columns.map((column) => column.header);
  const headerHeight = rowHeight(doc, header, widths, true, 0);
  const heights = grid.rows.map((cells) => rowHeight(doc, cells, widths, false, minRowHeight));
  ensureSpace(doc, keepWith + headerHeight + (heights[0] ?? 0));
  drawRow(doc, grid, header, widths, headerHeight, true);
  grid.rows.forEach((cells, index) => {
    if (doc.y + heights[index] > bottomOf(doc)) {
      doc.addPage();
      drawRow(doc, grid, header, widths, headerHeight, true);
    }
    drawRow(doc, grid, cells, widths, heights[index], false);
  });
  doc.moveDown(0.8);
}

function drawTop(doc: PdfDocument, top: { title: string; subtitle: string; facts: readonly string[] }): void {
  write(doc, top.title, TITLE_SIZE, true);
  write(doc, top.subtitle, HEADING_SIZE, true);
  doc.moveDown(0.3);
  for (const fact of top.facts) write(doc, fact, BODY_SIZE);
  doc.moveDown(0.6);
}

function headingHeight(doc: PdfDocument, stop: SheetStop): number {
  doc.font('bold').fontSize(HEADING_SIZE);
  const heading = doc.heightOfString(stop.heading, { width: widthOf(doc), lineGap: LINE_GAP });
  doc.font('regular').fontSize(BODY_SIZE);
  return heading + stop.lines.reduce((sum, line) => sum + doc.heightOfString(line, { width: widthOf(doc), lineGap: LINE_GAP }), 0) + 20;
}

function drawStop(doc: PdfDocument, stop: SheetStop): void {
  // The heading, its lines, the table's header and first order stay together on one page.
  const scale = widthOf(doc) / stop.orders.columns.reduce((sum, column) => sum + column.width, 0);
  const firstRow = stop.orders.rows[0] ? rowHeight(doc, stop.orders.rows[0], stop.orders.columns.map((column) => column.width * scale), false, SIGNATURE_ROW) : 0;
  ensureSpace(doc, headingHeight(doc, stop) + 40 + firstRow);
  rule(doc, 2.5);
  write(doc, stop.heading, HEADING_SIZE, true);
  for (const line of stop.lines) write(doc, line, BODY_SIZE);
  doc.moveDown(0.4);
  drawGrid(doc, stop.orders, SIGNATURE_ROW);
}

export function renderRunSheetPdf(meta: PdfMeta, sheet: RunSheetDocument): Promise<Buffer> {
  return renderPdf({ title: meta.title, author: meta.author }, (writer) => {
    const doc = writer.document;
    drawTop(doc, sheet);
    if (sheet.stops.length === 0) write(doc, sheet.empty, BODY_SIZE, true);
    for (const stop of sheet.stops) drawStop(doc, stop);
  });
}

export function renderSignOffPdf(meta: PdfMeta, list: SignOffDocument): Promise<Buffer> {
  return renderPdf({ title: meta.title, author: meta.author, layout: 'landscape' }, (writer) => {
    const doc = writer.document;
    drawTop(doc, list);
    write(doc, list.instructions, BODY_SIZE);
    doc.moveDown(0.6);
    drawGrid(doc, list.grid, 44);
    write(doc, list.footer, BODY_SIZE, true);
  });
}
