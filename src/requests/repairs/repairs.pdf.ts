// The two papers of an item taken in at the counter, in large type, black on white: the LABEL
// tied to the item (its number very large, then who and where), in a box to cut out; and
// the member's RECEIPT, which alone carries the follow link (as text and as a QR code),
// because it is handed to its owner. This file lays out the words it is given.
import { renderPdf, type PdfDocument } from '../../platform/pdf/index.ts';

const BLACK = '#000000';
const NUMBER_SIZE = 44;
const LABEL_SIZE = 15;
const BODY_SIZE = 13;
const TITLE_SIZE = 22;
/** The label's box: about an A6 card, to cut out and pin to the item. */
const LABEL_WIDTH = 300;
const LABEL_PAD = 14;
const QR_SIZE = 130;

export interface LabelDocument {
  number: string;
  /** member, phone, shelf, provider, date: one line each */
  lines: readonly string[];
  cutHint: string;
}

export interface ReceiptDocument {
  title: string;
  number: string;
  facts: readonly (readonly [string, string])[];
  followIntro: string;
  followLink: string;
  footer: readonly string[];
}

export interface PaperMeta {
  title: string;
  author: string;
}

function text(doc: PdfDocument, value: string, size: number, options: { bold?: boolean; x?: number; width?: number } = {}): void {
  const x = options.x ?? doc.page.margins.left;
  const width = options.width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(options.bold ? 'bold' : 'regular').fontSize(size).fillColor(BLACK).text(value, x, doc.y, { width, lineGap: 2 });
}

export function renderLabelPdf(meta: PaperMeta, label: LabelDocument): Promise<Buffer> {
  return renderPdf({ title: meta.title, author: meta.author }, (writer) => {
    const doc = writer.document;
    const left = doc.page.margins.left;
    const top = doc.page.margins.top;
    const inner = { x: left + LABEL_PAD, width: LABEL_WIDTH - 2 * LABEL_PAD };
    doc.y = top + LABEL_PAD;
    text(doc, label.number, NUMBER_SIZE, { bold: true, ...inner });
    doc.moveDown(0.3);
    for (const line of label.lines) text(doc, line, LABEL_SIZE, inner);
    const bottom = doc.y + LABEL_PAD;
    doc.save().lineWidth(1).dash(6, { space: 4 }).rect(left, top, LABEL_WIDTH, bottom - top).stroke(BLACK).restore();
    doc.y = bottom + 8;
    text(doc, label.cutHint, 10, { x: left, width: LABEL_WIDTH });
  });
}

export async function renderReceiptPdf(meta: PaperMeta, receipt: ReceiptDocument): Promise<Buffer> {
  const { default: QRCode } = await import('qrcode'); // loaded with the first QR code, not at start
  const qr = await QRCode.toBuffer(receipt.followLink, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: QR_SIZE * 2 });
  return renderPdf({ title: meta.title, author: meta.author }, (writer) => {
    const doc = writer.document;
    text(doc, receipt.title, TITLE_SIZE, { bold: true });
    text(doc, receipt.number, NUMBER_SIZE, { bold: true });
    doc.moveDown(0.4);
    for (const [label, value] of receipt.facts) {
      text(doc, label, BODY_SIZE, { bold: true });
      text(doc, value, BODY_SIZE);
      doc.moveDown(0.3);
    }
    doc.moveDown(0.5);
    text(doc, receipt.followIntro, BODY_SIZE, { bold: true });
    text(doc, receipt.followLink, BODY_SIZE);
    doc.moveDown(0.3);
    doc.image(qr, doc.page.margins.left, doc.y, { width: QR_SIZE, height: QR_SIZE });
    doc.y += QR_SIZE + 10;
    for (const line of receipt.footer) text(doc, line, BODY_SIZE);
  });
}
