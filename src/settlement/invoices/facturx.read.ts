// Reads the Factur-X XML out of a PDF: the file named `factur-x.xml` (or, for ZUGFeRD and
// XRechnung CII files, `zugferd-invoice.xml` / `xrechnung.xml`) in the catalog's /Names
// /EmbeddedFiles tree or its /AF list, inflated when compressed. Used on the conciergerie's
// own invoices (tests) and on the invoices shops upload, so that their number, date and
// amount need not be typed.
import { inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import type { PDFDict, PDFDocument, PDFObject, PDFStream } from 'pdf-lib';

/** pdf-lib, required with the first PDF read (node keeps it after): a server that reads none never loads it. */
const pdfLib = () => createRequire(import.meta.url)('pdf-lib') as typeof import('pdf-lib');

/** The names a CII invoice is embedded under: Factur-X, ZUGFeRD 2, XRechnung (CII). */
const INVOICE_FILE_NAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'];

function textOf(value: PDFObject | undefined): string | undefined {
  const { PDFHexString, PDFString } = pdfLib();
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

/** The bytes of a stream, inflated when its filter is FlateDecode (the only one writers use for XML). */
function streamBytes(stream: PDFStream): Buffer | undefined {
  const { PDFArray, PDFName, PDFRawStream } = pdfLib();
  if (!(stream instanceof PDFRawStream)) return undefined;
  const filter = stream.dict.get(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
  let bytes = Buffer.from(stream.getContents());
  for (const one of filters) {
    if (one !== PDFName.of('FlateDecode')) return undefined;
    bytes = inflateSync(bytes);
  }
  return bytes;
}

/** A file specification's name and embedded content, when it has one. */
function embeddedFile(spec: PDFObject | undefined, context: PDFDocument['context']): { name: string; bytes: Buffer } | undefined {
  const { PDFDict, PDFName, PDFStream } = pdfLib();
  const dict = spec ? context.lookup(spec) : undefined;
  if (!(dict instanceof PDFDict)) return undefined;
  const name = textOf(dict.lookup(PDFName.of('UF'))) ?? textOf(dict.lookup(PDFName.of('F')));
  const files = dict.lookupMaybe(PDFName.of('EF'), PDFDict);
  const stream = files?.lookup(PDFName.of('F')) ?? files?.lookup(PDFName.of('UF'));
  if (!name || !(stream instanceof PDFStream)) return undefined;
  const bytes = streamBytes(stream);
  return bytes ? { name, bytes } : undefined;
}

/** The file specifications of a name tree (/Names pairs, /Kids below), depth-limited against loops. */
function nameTreeSpecs(node: PDFDict | undefined, context: PDFDocument['context'], depth = 0): PDFObject[] {
  const { PDFArray, PDFName } = pdfLib();
  if (!node || depth > 10) return [];
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray)?.asArray() ?? [];
  const specs = names.filter((_, index) => index % 2 === 1);
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? [];
  return [...specs, ...kids.flatMap((kid) => nameTreeSpecs(context.lookup(kid) as PDFDict | undefined, context, depth + 1))];
}

/** The Factur-X XML carried by a PDF, or undefined when it carries none (or is not a readable PDF). */
export async function readFacturX(pdf: Buffer): Promise<string | undefined> {
  const { PDFDocument } = pdfLib();
  try {
    return embeddedXmlOf(await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false }));
  } catch {
    // A file pdf-lib cannot parse (damaged, not a PDF) carries nothing we can read.
    return undefined;
  }
}

/** The XML under one of the invoice names, in the /EmbeddedFiles name tree or the /AF list. */
function embeddedXmlOf(doc: PDFDocument): string | undefined {
  const { PDFArray, PDFDict, PDFName } = pdfLib();
  const { catalog, context } = doc;
  // pdf-lib loads some broken files without a catalog rather than failing.
  if (!catalog) return undefined;
  const tree = catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const associated = catalog.lookupMaybe(PDFName.of('AF'), PDFArray)?.asArray() ?? [];
  for (const spec of [...nameTreeSpecs(tree, context), ...associated]) {
    const file = embeddedFile(spec, context);
    if (file && INVOICE_FILE_NAMES.includes(file.name.toLowerCase())) return new TextDecoder('utf-8').decode(file.bytes);
  }
  return undefined;
}
