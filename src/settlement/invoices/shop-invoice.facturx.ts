// A shop's invoice that arrives as a Factur-X (or ZUGFeRD, XRechnung CII) PDF carries its
// data as XML: reading it spares the concierge typing the number, date and amount, and the
// typos that come with it. This reads the embedded file out of the PDF (pdf-lib: the
// catalog's /Names /EmbeddedFiles name tree and /AF) and the few terms of the invoice that
// the statement is matched on (EN 16931: BT-1, BT-2, BT-109, BT-112, the seller's SIREN).
// Standalone for now; the conciergerie's own Factur-X reader (facturx.read.ts) may absorb it.
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFStream, PDFString, type PDFObject } from 'pdf-lib';
import { create } from 'xmlbuilder2';

/** The names a CII invoice is embedded under: Factur-X, ZUGFeRD 2, XRechnung (CII). */
const INVOICE_FILE_NAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'];

const RSM = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const RAM = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';
const UDT = 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100';

/** The invoice as the statement matches it. */
export interface CiiInvoice {
  /** BT-1 */
  number: string;
  /** BT-2, as a local date YYYY-MM-DD */
  issuedOn: string;
  /** BT-112: the grand total, VAT included */
  totalCents: number;
  /** BT-109: the total without VAT */
  taxExclusiveCents: number;
  /** BT-30 when its scheme is the SIREN (0002) */
  sellerSiren?: string;
}

function textOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

/** The bytes of a stream, inflated when its filter is FlateDecode (the only one writers use for XML). */
function streamBytes(stream: PDFStream): Buffer | undefined {
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
  if (!node || depth > 10) return [];
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray)?.asArray() ?? [];
  const specs = names.filter((_, index) => index % 2 === 1);
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? [];
  return [...specs, ...kids.flatMap((kid) => nameTreeSpecs(context.lookup(kid) as PDFDict | undefined, context, depth + 1))];
}

/**
 * The CII XML embedded in a PDF under one of the invoice names, as text; undefined when the
 * PDF carries none. Throws when the PDF cannot be read at all.
 */
export async function extractEmbeddedXml(pdf: Buffer): Promise<string | undefined> {
  const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  const { catalog, context } = doc;
  const tree = catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const associated = catalog.lookupMaybe(PDFName.of('AF'), PDFArray)?.asArray() ?? [];
  for (const spec of [...nameTreeSpecs(tree, context), ...associated]) {
    const file = embeddedFile(spec, context);
    if (file && INVOICE_FILE_NAMES.includes(file.name.toLowerCase())) return new TextDecoder('utf-8').decode(file.bytes);
  }
  return undefined;
}

/** « 76.40 » → 7640; undefined for anything but a decimal with at most two significant decimals. */
function centsOf(text: string | undefined): number | undefined {
  const match = /^\s*(-?)(\d{1,12})(?:\.(\d{1,4}))?\s*$/.exec(text ?? '');
  if (!match) return undefined;
  const decimals = (match[3] ?? '').padEnd(4, '0');
  if (decimals.slice(2) !== '00') return undefined;
  const cents = Number(match[2]) * 100 + Number(decimals.slice(0, 2));
  return match[1] ? -cents : cents;
}

/** « 20261130 » (format 102) → « 2026-11-30 », a real calendar day. */
function dateOf(text: string | undefined): string | undefined {
  const match = /^\s*(\d{4})(\d{2})(\d{2})\s*$/.exec(text ?? '');
  if (!match) return undefined;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return new Date(`${date}T00:00:00Z`).toISOString().startsWith(date) ? date : undefined;
}

/** The one element of a name under a parent, by namespace. */
function child(parent: Element | undefined, ns: string, name: string): Element | undefined {
  return parent ? ([...parent.childNodes].find((node) => node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === name) as Element | undefined) : undefined;
}

function path(from: Element | undefined, ...steps: Array<[string, string]>): Element | undefined {
  return steps.reduce<Element | undefined>((node, [ns, name]) => child(node, ns, name), from);
}

/**
 * The terms of a CII invoice the statement is matched on; undefined when the XML is not a
 * well-formed CII invoice carrying them (the parser is lenient: the document must also end
 * with its root element, so a truncated file is refused).
 */
export function parseCiiInvoice(xml: string): CiiInvoice | undefined {
  if (!/<\/([A-Za-z_][\w.-]*:)?CrossIndustryInvoice>\s*$/.test(xml)) return undefined;
  let root: Element | undefined;
  try {
    root = (create(xml).root().node as unknown as Element) ?? undefined;
  } catch {
    return undefined;
  }
  if (!root || root.namespaceURI !== RSM || root.localName !== 'CrossIndustryInvoice') return undefined;
  const document = child(root, RSM, 'ExchangedDocument');
  const number = child(document, RAM, 'ID')?.textContent?.trim();
  const issued = path(document, [RAM, 'IssueDateTime'], [UDT, 'DateTimeString']);
  const agreement = path(root, [RSM, 'SupplyChainTradeTransaction'], [RAM, 'ApplicableHeaderTradeAgreement']);
  const settlement = path(root, [RSM, 'SupplyChainTradeTransaction'], [RAM, 'ApplicableHeaderTradeSettlement']);
  const summation = child(settlement, RAM, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const issuedOn = issued?.getAttribute('format') === '102' ? dateOf(issued.textContent ?? undefined) : undefined;
  const totalCents = centsOf(child(summation, RAM, 'GrandTotalAmount')?.textContent ?? undefined);
  const taxExclusiveCents = centsOf(child(summation, RAM, 'TaxBasisTotalAmount')?.textContent ?? undefined);
  if (!number || !issuedOn || totalCents === undefined || taxExclusiveCents === undefined) return undefined;
  const legal = path(agreement, [RAM, 'SellerTradeParty'], [RAM, 'SpecifiedLegalOrganization'], [RAM, 'ID']);
  const siren = legal?.getAttribute('schemeID') === '0002' ? legal.textContent?.trim() : undefined;
  return { number, issuedOn, totalCents, taxExclusiveCents, ...(siren && /^\d{9}$/.test(siren) ? { sellerSiren: siren } : {}) };
}
