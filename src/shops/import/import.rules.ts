// Reading a town's list of shops from a CSV, as a chamber of commerce or a town hall exports
// it: the bytes' encoding, the delimiter, the columns' meaning, and every row's checks. Pure
// functions: the service reads the database (SIRETs already known, categories) and hands it in.
//
// Invariants:
// - a shop is recognised by its SIRET only, never by its name: « Boulangerie Martin » and
//   « Boulangerie Martín » may be two shops, and one shop may change its sign;
// - a row is either new (it will be created), known (its SIRET is in the directory: skipped)
//   or bad (with its reasons); one bad row stops the whole import;
// - a cell that a spreadsheet would take for a formula is kept as plain text: the database and
//   the pages never evaluate it, and the export writes it escaped (platform/spreadsheets.ts).
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { t } from '../../platform/i18n/index.ts';
import { foldForSearch } from '../../platform/text.ts';
import { normalisePhone, EMAIL_PATTERN } from '../../platform/forms.ts';
import { isValidSiret, normaliseSiret } from '../shops.rules.ts';

/** A town's list is a few thousand shops at most; past these, the file is refused. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5_000;
/** How long an uploaded file waits for its import. */
export const IMPORT_KEEP_HOURS = 24;
/** Rows shown in the preview; the checks cover every row. */
export const PREVIEW_ROWS = 5;

/** What a column can mean; `trade_name` or `legal_name` names the shop (one of them is enough). */
export const IMPORT_FIELDS = ['trade_name', 'legal_name', 'siret', 'address_line', 'postal_code', 'city', 'phone', 'email', 'category'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Fields the import cannot do without (besides a name). */
export const REQUIRED_FIELDS: readonly ImportField[] = ['siret', 'address_line', 'postal_code', 'city'];

/** A column index per field, or null when no column holds it. */
export type Mapping = Record<ImportField, number | null>;

/**
 * Header names seen in exports, folded (lower case, no accents, words only). The first name of
 * each list is the export's header. Email comes before the address so « Adresse électronique »
 * is taken for an e-mail.
 */
export const HEADER_NAMES: ReadonlyArray<[ImportField, readonly string[]]> = [
  ['email', ['courriel', 'e mail', 'email', 'mel', 'adresse electronique', 'adresse mail']],
  ['siret', ['siret', 'n siret', 'numero siret', 'no siret']],
  ['postal_code', ['code postal', 'cp']],
  ['legal_name', ['raison sociale', 'denomination', 'nom legal', 'societe', 'entreprise']],
  ['trade_name', ['enseigne', 'nom commercial', 'nom du commerce', 'commerce', 'nom']],
  ['address_line', ['adresse', 'adresse postale', 'voie', 'rue']],
  ['city', ['commune', 'ville', 'localite']],
  ['phone', ['telephone', 'tel', 'telephone fixe', 'portable']],
  ['category', ['activite', 'categorie', 'code naf', 'naf', 'code ape', 'ape', 'secteur']],
];

/** The headers the export writes, one per field: the file it gives can be imported again. */
export const EXPORT_HEADERS: Readonly<Record<ImportField, string>> = {
  trade_name: 'Enseigne',
  legal_name: 'Raison sociale',
  siret: 'SIRET',
  address_line: 'Adresse',
  postal_code: 'Code postal',
  city: 'Commune',
  phone: 'Téléphone',
  email: 'Courriel',
  category: 'Activité',
};

/** Longest text each field may hold (the shop form's limits). */
const MAX_LENGTHS: Partial<Record<ImportField, number>> = { trade_name: 120, legal_name: 160, address_line: 200, city: 80, email: 254 };

// ---- the file ----

export type Encoding = 'utf-8' | 'windows-1252';

/**
 * Strict UTF-8 first (a byte order mark is dropped); anything else is taken for Windows-1252,
 * what Excel writes on a French Windows. Read with iconv-lite: Node 20's TextDecoder turns
 * that encoding's €, œ and ’ into control characters.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: Encoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252' };
  }
}

const DELIMITERS = [';', '\t', ','] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter is the one the header line uses most, outside quotes; on a tie, `;` then tab
 * then `,`. Only the header is read: « Dupont, fils » in a row of a `;` file changes nothing.
 */
export function sniffDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  return DELIMITERS.reduce((best, delimiter) => (counts.get(delimiter)! > counts.get(best)! ? delimiter : best), DELIMITERS[0]);
}

export interface CsvRow {
  /** The row's number as a spreadsheet shows it: the header is 1. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/** Why a file cannot be read at all. */
export type TableRefusal = { code: 'shop_import_unreadable'; line: number } | { code: 'shop_import_empty' } | { code: 'shop_import_too_many_rows' };

/** The header and the rows, blank lines skipped; or why the file is not a table. */
export function readTable(text: string, delimiter: Delimiter): { table: CsvTable } | { refusal: TableRefusal } {
  let records: Array<{ record: string[]; info: { records: number } }>;
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = Number((error as { lines?: number }).lines) || 1;
    return { refusal: { code: 'shop_import_unreadable', line } };
  }
  const rows = records.filter(({ record }) => record.some((cell) => cell.trim() !== ''));
  if (rows.length < 2) return { refusal: { code: 'shop_import_empty' } };
  if (rows.length - 1 > IMPORT_MAX_ROWS) return { refusal: { code: 'shop_import_too_many_rows' } };
  const [head, ...body] = rows;
  return { table: { header: head.record.map((cell) => cell.trim()), rows: body.map(({ record, info }) => ({ line: info.records, cells: record.map((cell) => cell.trim()) })) } };
}

// ---- the columns ----

function foldHeader(header: string): string {
  return foldForSearch(header).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The mapping guessed from the header names: exact names first, then names that contain one. */
export function guessMapping(header: readonly string[]): Mapping {
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((field) => [field, null])) as Mapping;
  const folded = header.map(foldHeader);
  const taken = new Set<number>();
  const matchers: Array<(name: string, candidate: string) => boolean> = [
    (name, candidate) => name === candidate,
    (name, candidate) => ` ${name} `.includes(` ${candidate} `),
  ];
  for (const matches of matchers) {
    for (const [field, names] of HEADER_NAMES) {
      if (mapping[field] !== null) continue;
      const index = folded.findIndex((name, at) => !taken.has(at) && names.some((candidate) => matches(name, candidate)));
      if (index >= 0) {
        mapping[field] = index;
        taken.add(index);
      }
    }
  }
  return mapping;
}

/** Fields the import needs that no column holds. */
export function missingFields(mapping: Mapping): Array<ImportField | 'name'> {
  const missing: Array<ImportField | 'name'> = mapping.trade_name === null && mapping.legal_name === null ? ['name'] : [];
  return [...missing, ...REQUIRED_FIELDS.filter((field) => mapping[field] === null)];
}

// ---- the rows ----

/** A spreadsheet would run a cell starting so as a formula. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

export interface CategoryChoice {
  code: string;
  label: string;
}

/** The shop a good row describes, as the shops service takes it. */
export interface ShopDraft {
  tradeName: string;
  legalName: string;
  siret: string;
  categoryCode: string;
  addressLine: string;
  postalCode: string;
  city: string;
  phone: string | null;
  email: string | null;
}

export type RowVerdict =
  | { line: number; kind: 'new'; draft: ShopDraft; formulaFields: ImportField[] }
  | { line: number; kind: 'known'; draft: ShopDraft; formulaFields: ImportField[] }
  | { line: number; kind: 'bad'; reasons: string[] };

export interface RowContext {
  mapping: Mapping;
  /** SIRETs (14 digits) already in the directory. */
  knownSirets: ReadonlySet<string>;
  categories: readonly CategoryChoice[];
  /** The category of a row whose activity matches none. */
  defaultCategory: string;
}

/** A few NAF codes of local trade, for lists that give the code rather than a word. */
const NAF_CATEGORIES: Readonly<Record<string, string>> = {
  '1071': 'boulangerie', '1013': 'boucherie', '4722': 'boucherie', '4723': 'poissonnerie', '4729': 'alimentation', '4711': 'alimentation',
  '4721': 'alimentation', '4725': 'cave', '4724': 'chocolaterie', '4761': 'librairie', '4762': 'librairie', '4771': 'habillement',
  '4772': 'habillement', '9523': 'cordonnerie', '4776': 'fleuriste',
};

/** The category of an activity cell: its code or label, a label it contains, its NAF code; else the default. */
export function categoryOf(activity: string, categories: readonly CategoryChoice[], defaultCategory: string): string {
  const folded = foldForSearch(activity);
  if (folded === '') return defaultCategory;
  const exact = categories.find((category) => category.code === folded || foldForSearch(category.label) === folded);
  if (exact) return exact.code;
  const within = categories.find((category) => folded.includes(foldForSearch(category.label)) || folded.includes(category.code));
  if (within) return within.code;
  const naf = NAF_CATEGORIES[folded.replace(/[^0-9]/g, '').slice(0, 4)];
  return categories.some((category) => category.code === naf) ? naf : defaultCategory;
}

function cellOf(row: CsvRow, mapping: Mapping, field: ImportField): string {
  const index = mapping[field];
  return index === null ? '' : (row.cells[index] ?? '').trim();
}

const EMAIL = new RegExp(EMAIL_PATTERN);

/** The reasons a row's cells are refused, in French, in the order of its columns. */
function reasonsOf(cells: Record<ImportField, string>, phone: string | null): string[] {
  const reasons: string[] = [];
  if (cells.trade_name === '' && cells.legal_name === '') reasons.push(t('shop_import.reason.name_empty'));
  if (cells.siret === '') reasons.push(t('shop_import.reason.siret_empty'));
  else if (!isValidSiret(normaliseSiret(cells.siret))) reasons.push(t('shop_import.reason.siret_invalid', { siret: cells.siret }));
  for (const field of ['address_line', 'postal_code', 'city'] as const) if (cells[field] === '') reasons.push(t(`shop_import.reason.${field}_empty`));
  if (cells.postal_code !== '' && !/^\d{5}$/.test(cells.postal_code)) reasons.push(t('shop_import.reason.postal_code_invalid', { value: cells.postal_code }));
  if (cells.phone !== '' && (phone === null || !/^0[1-9]( \d{2}){4}$/.test(phone))) reasons.push(t('shop_import.reason.phone_invalid', { value: cells.phone }));
  if (cells.email !== '' && !EMAIL.test(cells.email)) reasons.push(t('shop_import.reason.email_invalid', { value: cells.email }));
  for (const [field, max] of Object.entries(MAX_LENGTHS) as Array<[ImportField, number]>) {
    if (cells[field].length > max) reasons.push(t('shop_import.reason.too_long', { column: EXPORT_HEADERS[field], max }));
  }
  return reasons;
}

/**
 * Every row's verdict. Duplicates inside the file are bad rows (which one is right is the
 * concierge's call); a SIRET already in the directory makes the row known, not bad.
 */
export function checkRows(rows: readonly CsvRow[], context: RowContext): RowVerdict[] {
  const firstLineOfSiret = new Map<string, number>();
  return rows.map((row): RowVerdict => {
    const cells = Object.fromEntries(IMPORT_FIELDS.map((field) => [field, cellOf(row, context.mapping, field)])) as Record<ImportField, string>;
    const phone = cells.phone === '' ? null : normalisePhone(cells.phone);
    const reasons = reasonsOf(cells, phone);
    const siret = normaliseSiret(cells.siret);
    const earlier = siret === '' ? undefined : firstLineOfSiret.get(siret);
    if (earlier !== undefined) reasons.push(t('shop_import.reason.siret_twice', { line: earlier }));
    else if (siret !== '') firstLineOfSiret.set(siret, row.line);
    if (reasons.length > 0) return { line: row.line, kind: 'bad', reasons };
    const draft: ShopDraft = {
      tradeName: cells.trade_name || cells.legal_name,
      legalName: cells.legal_name || cells.trade_name,
      siret,
      categoryCode: categoryOf(cells.category, context.categories, context.defaultCategory),
      addressLine: cells.address_line,
      postalCode: cells.postal_code,
      city: cells.city,
      phone,
      email: cells.email === '' ? null : cells.email.toLowerCase(),
    };
    // The phone is rewritten as digits, so a « +33 » is no formula once stored.
    const formulaFields = IMPORT_FIELDS.filter((field) => field !== 'phone' && looksLikeFormula(cells[field]));
    return { line: row.line, kind: context.knownSirets.has(siret) ? 'known' : 'new', draft, formulaFields };
  });
}

/** How many rows of each kind. */
export function countVerdicts(verdicts: readonly RowVerdict[]): Record<RowVerdict['kind'], number> {
  const counts = { new: 0, known: 0, bad: 0 };
  for (const verdict of verdicts) counts[verdict.kind] += 1;
  return counts;
}
