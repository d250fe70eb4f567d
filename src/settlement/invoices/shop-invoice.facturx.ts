// A shop's invoice that arrives as a Factur-X (or ZUGFeRD, XRechnung CII) PDF carries its
// data as XML: reading it spares the concierge typing the number, date and amount, and the
// typos that come with it. facturx.read.ts takes the XML out of the PDF; this reads the few
// terms the statement is matched on (EN 16931: BT-1, BT-2, BT-109, BT-112, the seller's SIREN).
import { createRequire } from 'node:module';

/** xmlbuilder2, required with the first XML file (node keeps it after), not when the server starts. */
const xmlbuilder = () => createRequire(import.meta.url)('xmlbuilder2') as typeof import('xmlbuilder2');

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
    root = (xmlbuilder().create(xml).root().node as unknown as Element) ?? undefined;
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
