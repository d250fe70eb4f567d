// PDF documents (invoices, credit notes, printable reviews): A4 pages drawn with pdfkit in
// DejaVu Sans, embedded in the file so a document reads the same everywhere (pdfkit's own
// Helvetica is not embedded). Only layout helpers live here: a title, paragraphs, label–value
// blocks, blocks side by side, a table whose amounts are right-aligned. No business rule.
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';
import { now } from '../clock.ts';

const require = createRequire(import.meta.url);
const REGULAR_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 50;
const BODY_SIZE = 10;
const SMALL_SIZE = 8.5;
const TITLE_SIZE = 18;
const LINE_GAP = 2;
const CELL_PADDING = 4;
const RULE_COLOUR = '#888888';

export interface PdfMetadata {
  title: string;
  author: string;
  subject?: string;
  /** Fixed for reproducible files (tests); the moment of rendering otherwise. */
  createdAt?: Date;
  /** Written as PDF/A-3b (archival, fonts embedded) carrying these files, e.g. an invoice's XML. */
  archive?: PdfArchive;
  /** Landscape for wide lists to fill in by hand (a drop-off point's « liste d'émargement »). */
  layout?: 'portrait' | 'landscape';
}

/** A file carried inside an archival PDF, as PDF/A-3 allows. */
export interface PdfAttachment {
  name: string;
  /** MIME type, e.g. text/xml. */
  type: string;
  bytes: Buffer;
  description: string;
  /** How the file relates to the page content (PDF/A-3's AFRelationship). */
  relationship: 'Alternative' | 'Data' | 'Source' | 'Supplement' | 'Unspecified';
}

export interface PdfArchive {
  attachments: readonly PdfAttachment[];
  /** rdf:Description elements added to the document's XMP metadata. */
  xmp?: string;
}

export interface PdfColumn {
  header: string;
  /** Share of the page width (the shares of a table need not sum to 1: they are scaled). */
  width: number;
  /** Amounts are right-aligned. */
  align?: 'left' | 'right';
}

export interface PdfTable {
  columns: readonly PdfColumn[];
  rows: readonly (readonly string[])[];
  /** Rows under the table in bold, e.g. totals: label then value, aligned on the last column. */
  totals?: readonly (readonly [string, string])[];
}

type Doc = InstanceType<typeof PDFDocument>;
/** A pdfkit document as `PdfWriter.document` hands it over. */
export type PdfDocument = Doc;

/** Draws on an A4 document; every helper moves the cursor down and breaks pages as needed. */
export class PdfWriter {
  constructor(private readonly doc: Doc) {}

  /**
   * The pdfkit document itself, with the embedded fonts registered as 'regular' and 'bold',
   * for papers whose layout the helpers below do not draw (a run sheet in large type).
   */
  get document(): Doc {
    return this.doc;
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  /** Starts a new page when less than `height` points are left on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN) this.doc.addPage();
  }

  pageBreak(): void {
    this.doc.addPage();
  }

  space(lines = 1): void {
    this.doc.moveDown(lines);
  }

  title(text: string): void {
    this.ensureSpace(TITLE_SIZE * 2);
    this.doc.font('bold').fontSize(TITLE_SIZE).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.5);
    this.doc.font('regular').fontSize(BODY_SIZE);
  }

  heading(text: string): void {
    this.ensureSpace(BODY_SIZE * 4);
    this.doc.moveDown(0.5);
    this.doc.font('bold').fontSize(BODY_SIZE + 2).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    this.doc.font('regular').fontSize(BODY_SIZE);
  }

  paragraph(text: string, options: { bold?: boolean; small?: boolean } = {}): void {
    const size = options.small ? SMALL_SIZE : BODY_SIZE;
    this.doc.font(options.bold ? 'bold' : 'regular').fontSize(size);
    this.ensureSpace(this.doc.heightOfString(text, { width: this.width, lineGap: LINE_GAP }));
    this.doc.text(text, MARGIN, this.doc.y, { width: this.width, lineGap: LINE_GAP });
    this.doc.moveDown(0.4);
    this.doc.font('regular').fontSize(BODY_SIZE);
  }

  /** « Label : value » lines, the labels in bold in a column of their own. */
  keyValues(rows: readonly (readonly [string, string])[]): void {
    const labelWidth = this.width * 0.35;
    const valueWidth = this.width - labelWidth - CELL_PADDING;
    for (const [label, value] of rows) {
      this.doc.fontSize(BODY_SIZE);
      const height = Math.max(this.heightOf(label, labelWidth, 'bold'), this.heightOf(value, valueWidth, 'regular'));
      this.ensureSpace(height);
      const top = this.doc.y;
      this.doc.font('bold').text(label, MARGIN, top, { width: labelWidth, lineGap: LINE_GAP });
      this.doc.font('regular').text(value, MARGIN + labelWidth + CELL_PADDING, top, { width: valueWidth, lineGap: LINE_GAP });
      this.doc.y = top + height + LINE_GAP;
    }
    this.doc.x = MARGIN;
    this.doc.moveDown(0.4);
  }

  /** Blocks side by side (seller and buyer): a bold heading, then lines. */
  blocks(blocks: readonly { heading: string; lines: readonly string[] }[]): void {
    const gap = 20;
    const blockWidth = (this.width - gap * (blocks.length - 1)) / blocks.length;
    const heights = blocks.map((block) => this.heightOf(block.heading, blockWidth, 'bold') + block.lines.reduce((sum, line) => sum + this.heightOf(line, blockWidth, 'regular'), 0));
    this.ensureSpace(Math.max(...heights));
    const top = this.doc.y;
    blocks.forEach((block, index) => {
      const left = MARGIN + index * (blockWidth + gap);
      this.doc.font('bold').fontSize(BODY_SIZE).text(block.heading, left, top, { width: blockWidth, lineGap: LINE_GAP });
      this.doc.font('regular');
      for (const line of block.lines) this.doc.text(line, left, this.doc.y, { width: blockWidth, lineGap: LINE_GAP });
    });
    this.doc.x = MARGIN;
    this.doc.y = top + Math.max(...heights) + LINE_GAP;
    this.doc.moveDown(0.8);
  }

  /** A table with a header row repeated on each new page, ruled between rows. */
  table(table: PdfTable): void {
    const scale = this.width / table.columns.reduce((sum, column) => sum + column.width, 0);
    const widths = table.columns.map((column) => column.width * scale);
    const header = table.columns.map((column) => column.header);
    this.row(header, table.columns, widths, 'bold');
    for (const cells of table.rows) {
      if (this.rowHeight(cells, widths, 'regular') + this.doc.y > this.doc.page.height - MARGIN) {
        this.doc.addPage();
        this.row(header, table.columns, widths, 'bold');
      }
      this.row(cells, table.columns, widths, 'regular');
    }
    // A total's label spans every column but the last, right-aligned against its amount.
    const labelWidth = widths.slice(0, -1).reduce((sum, width) => sum + width, 0);
    const totalColumns: PdfColumn[] = [{ header: '', width: labelWidth, align: 'right' }, { header: '', width: widths[widths.length - 1], align: 'right' }];
    for (const [label, value] of table.totals ?? []) this.row([label, value], totalColumns, [labelWidth, widths[widths.length - 1]], 'bold', false);
    this.doc.x = MARGIN;
    this.doc.moveDown(0.8);
  }

  private row(cells: readonly string[], columns: readonly PdfColumn[], widths: readonly number[], font: 'regular' | 'bold', rule = true): void {
    const height = this.rowHeight(cells, widths, font);
    this.ensureSpace(height);
    const top = this.doc.y;
    let left = MARGIN;
    this.doc.font(font).fontSize(BODY_SIZE);
    cells.forEach((cell, index) => {
      const width = widths[index];
      this.doc.text(cell, left + CELL_PADDING, top + CELL_PADDING, { width: width - 2 * CELL_PADDING, align: columns[index].align ?? 'left', lineGap: LINE_GAP });
      left += width;
    });
    const bottom = top + height;
    if (rule) this.doc.moveTo(MARGIN, bottom).lineTo(MARGIN + this.width, bottom).lineWidth(0.5).strokeColor(RULE_COLOUR).stroke();
    this.doc.x = MARGIN;
    this.doc.y = bottom;
  }

  private rowHeight(cells: readonly string[], widths: readonly number[], font: 'regular' | 'bold'): number {
    const tallest = Math.max(...cells.map((cell, index) => this.heightOf(cell, widths[index] - 2 * CELL_PADDING, font)));
    return tallest + 2 * CELL_PADDING;
  }

  private heightOf(text: string, width: number, font: 'regular' | 'bold'): number {
    this.doc.font(font).fontSize(BODY_SIZE);
    return this.doc.heightOfString(text || ' ', { width, lineGap: LINE_GAP });
  }
}

function attach(doc: Doc, archive: PdfArchive, at: Date): void {
  for (const file of archive.attachments) {
    // pdfkit 0.20 writes AFRelationship from `relationship`, which its type definitions do not list yet.
    const options = { name: file.name, type: file.type, description: file.description, relationship: file.relationship, creationDate: at, modifiedDate: at };
    doc.file(file.bytes, options);
  }
  if (archive.xmp) doc.appendXML(archive.xmp);
}

/** Draws a document with `draw` and answers its bytes. */
export async function renderPdf(metadata: PdfMetadata, draw: (writer: PdfWriter) => void): Promise<Buffer> {
  // pdfkit (and its font engine) is loaded with the first document, not by a server that renders none.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    layout: metadata.layout ?? 'portrait',
    margin: MARGIN,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: metadata.title, Author: metadata.author, Subject: metadata.subject ?? '', CreationDate: metadata.createdAt ?? now() },
    ...(metadata.archive ? { subset: 'PDF/A-3b' as const, pdfVersion: '1.7' as const } : {}),
  });
  if (metadata.archive) attach(doc, metadata.archive, metadata.createdAt ?? now());
  doc.registerFont('regular', REGULAR_FONT);
  doc.registerFont('bold', BOLD_FONT);
  doc.font('regular').fontSize(BODY_SIZE);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(new PdfWriter(doc));
  doc.end();
  return done;
}
