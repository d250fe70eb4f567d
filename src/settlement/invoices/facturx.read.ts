// Reads the Factur-X XML out of a PDF: the file named `factur-x.xml` (or, for older ZUGFeRD
// files, `zugferd-invoice.xml` / `xrechnung.xml`) in the catalog's /Names /EmbeddedFiles tree,
// inflated when compressed. Used on the conciergerie's own invoices (tests) and on the
// invoices shops upload, so that their number, date and amount need not be typed.
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFObject } from 'pdf-lib';

const XML_NAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'];

function text(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

/** The name → file specification pairs of a name tree, walking its /Kids. */
function namesOf(doc: PDFDocument, node: PDFDict | undefined, depth = 0): Array<[string, PDFDict]> {
  if (!node || depth > 16) return [];
  const pairs: Array<[string, PDFDict]> = [];
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let index = 0; names && index + 1 < names.size(); index += 2) {
    const name = text(names.lookup(index));
    const spec = names.lookup(index + 1);
    if (name !== undefined && spec instanceof PDFDict) pairs.push([name, spec]);
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let index = 0; kids && index < kids.size(); index += 1) {
    const kid = kids.lookup(index);
    if (kid instanceof PDFDict) pairs.push(...namesOf(doc, kid, depth + 1));
  }
  return pairs;
}

function contentsOf(spec: PDFDict): Buffer | undefined {
  const embedded = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
  const stream = embedded?.lookup(PDFName.of('UF')) ?? embedded?.lookup(PDFName.of('F'));
  if (!(stream instanceof PDFRawStream)) return undefined;
  const bytes = Buffer.from(stream.getContents());
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const flate = filter === PDFName.of('FlateDecode') || (filter instanceof PDFArray && filter.size() === 1 && filter.lookup(0) === PDFName.of('FlateDecode'));
  if (flate) return inflateSync(bytes);
  return filter === undefined ? bytes : undefined;
}

/** The Factur-X XML carried by a PDF, or undefined when it carries none (or is not a readable PDF). */
export async function readFacturX(pdf: Buffer): Promise<string | undefined> {
  try {
    return embeddedXmlOf(await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false }));
  } catch {
    // A file pdf-lib cannot parse (damaged, not a PDF) carries nothing we can read.
    return undefined;
  }
}

function embeddedXmlOf(doc: PDFDocument): string | undefined {
  // pdf-lib loads some broken files without a catalog rather than failing.
  if (!doc.catalog) return undefined;
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const files = namesOf(doc, names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict));
  for (const wanted of XML_NAMES) {
    const found = files.find(([name]) => name.toLowerCase() === wanted);
    const bytes = found ? contentsOf(found[1]) : undefined;
    if (bytes) return bytes.toString('utf8');
  }
  return undefined;
}
