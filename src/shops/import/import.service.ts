// Use cases of importing the town's list of shops: upload a CSV, map its columns with a
// preview, import all of it or nothing; and export the directory in the same format.
// Only the concierge imports; an uploaded file belongs to the account that sent it.
import type { Db, Executor } from '../../db/index.ts';
import { assertConcierge } from '../../platform/actor.ts';
import { addSeconds, nowIso } from '../../platform/clock.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { boundTo, createOnce } from '../../platform/idempotency/index.ts';
import { newId } from '../../platform/ids.ts';
import type { CurrentAccount } from '../../platform/page-context.ts';
import type { Column } from '../../platform/spreadsheets.ts';
import { listCategories, listShops, type Shop } from '../shops.repository.ts';
import { createShop } from '../shops.service.ts';
import { deleteStaleImports, findImport, insertImport, knownSirets, markImported, type ShopImport } from './import.repository.ts';
import {
  EXPORT_HEADERS,
  IMPORT_FIELDS,
  IMPORT_KEEP_HOURS,
  IMPORT_MAX_BYTES,
  checkRows,
  countVerdicts,
  decodeCsv,
  guessMapping,
  missingFields,
  readTable,
  sniffDelimiter,
  type CategoryChoice,
  type CsvTable,
  type Delimiter,
  type ImportField,
  type Mapping,
  type RowVerdict,
} from './import.rules.ts';

const KEEP_SECONDS = IMPORT_KEEP_HOURS * 3600;

/** Reads the file at once, so a file that is no table is refused at the upload, with its reason. */
function tableOf(text: string, delimiter: Delimiter): CsvTable {
  const read = readTable(text, delimiter);
  if ('refusal' in read) throw new DomainError(read.refusal.code, 'file', 'line' in read.refusal ? { line: read.refusal.line } : {});
  return read.table;
}

/** Keeps an uploaded list for its next steps; returns its id. Old files never imported go. */
export async function uploadShopList(db: Executor, actor: CurrentAccount | null, bytes: Buffer | undefined): Promise<string> {
  const concierge = assertConcierge(actor);
  if (!bytes || bytes.length === 0) throw new DomainError('shop_import_no_file', 'file');
  if (bytes.length > IMPORT_MAX_BYTES) throw new DomainError('shop_import_too_big', 'file');
  const { text, encoding } = decodeCsv(bytes);
  const delimiter = sniffDelimiter(text);
  const table = tableOf(text, delimiter);
  const now = nowIso();
  await deleteStaleImports(db, addSeconds(now, -KEEP_SECONDS));
  const id = newId();
  await insertImport(db, { id, account_id: concierge.id, encoding, delimiter, content: text, row_count: table.rows.length, created_at: now, imported_at: null, created_count: null, known_count: null });
  return id;
}

/** The sender's own file, still fresh; anyone else's answers 404. */
export async function getImport(db: Executor, actor: CurrentAccount | null, id: string): Promise<ShopImport> {
  const concierge = assertConcierge(actor);
  const found = await findImport(db, id);
  if (!found || found.accountId !== concierge.id) throw notFound();
  if (!found.importedAt && found.createdAt < addSeconds(nowIso(), -KEEP_SECONDS)) throw new DomainError('shop_import_expired');
  return found;
}

/** The concierge's choice of columns (indexes as the selects send them) and default category. */
export interface MappingChoice {
  columns?: Partial<Record<ImportField, string>>;
  defaultCategory?: string;
}

export interface ImportPreview {
  file: ShopImport;
  header: string[];
  mapping: Mapping;
  missing: Array<ImportField | 'name'>;
  categories: CategoryChoice[];
  defaultCategory: string;
  verdicts: RowVerdict[];
  counts: Record<RowVerdict['kind'], number>;
}

/** The mapping chosen, else the guessed one: a column index the header does not have counts as none. */
function mappingOf(header: readonly string[], choice: MappingChoice): Mapping {
  const guessed = guessMapping(header);
  if (!choice.columns) return guessed;
  const chosen = {} as Mapping;
  for (const field of IMPORT_FIELDS) {
    const value = choice.columns[field];
    const index = value === undefined ? guessed[field] : value === '' ? null : Number(value);
    chosen[field] = index !== null && Number.isInteger(index) && index >= 0 && index < header.length ? index : null;
  }
  return chosen;
}

/** Every row checked against the directory as it stands: nothing is written. */
async function previewOf(db: Executor, file: ShopImport, choice: MappingChoice): Promise<ImportPreview> {
  const table = tableOf(file.content, file.delimiter as Delimiter);
  const mapping = mappingOf(table.header, choice);
  const categories = (await listCategories(db)).map(({ code, label }) => ({ code, label }));
  if (categories.length === 0) throw new DomainError('shop_import_no_category');
  const defaultCategory = categories.some((category) => category.code === choice.defaultCategory) ? choice.defaultCategory! : categories[0].code;
  const missing = missingFields(mapping);
  const sirets = table.rows.map((row) => (mapping.siret === null ? '' : (row.cells[mapping.siret] ?? '').replace(/[\s.]/g, ''))).filter((siret) => siret !== '');
  const known = await knownSirets(db, sirets);
  const verdicts = missing.length > 0 ? [] : checkRows(table.rows, { mapping, knownSirets: known, categories, defaultCategory });
  return { file, header: table.header, mapping, missing, categories, defaultCategory, verdicts, counts: countVerdicts(verdicts) };
}

export async function previewImport(db: Executor, actor: CurrentAccount | null, id: string, choice: MappingChoice): Promise<ImportPreview> {
  return previewOf(db, await getImport(db, actor, id), choice);
}

export interface ImportOutcome {
  created: number;
  known: number;
}

/**
 * Creates every new shop of the file at stage `prospect` (« à contacter »), in one
 * transaction: one bad row, a missing column or a file already imported and nothing is
 * written. Rows whose SIRET is known are left as they are. The key makes a repeated
 * submission answer the first one's outcome.
 */
export async function importShopList(db: Db, actor: CurrentAccount | null, id: string, choice: MappingChoice, idempotencyKey: string): Promise<ImportOutcome> {
  const concierge = assertConcierge(actor);
  const file = await getImport(db, actor, id);
  // Already imported (a second tab, a late click): the first import's outcome, nothing more.
  if (file.importedAt) return { created: file.createdCount ?? 0, known: file.knownCount ?? 0 };
  await createOnce(
    db,
    'shops.import',
    idempotencyKey,
    async (trx) => {
      const preview = await previewOf(trx, file, choice);
      if (preview.missing.length > 0) throw new DomainError('shop_import_columns_missing');
      if (preview.counts.bad > 0) throw new DomainError('shop_import_rows_bad', undefined, { count: preview.counts.bad });
      const fresh = preview.verdicts.filter((verdict) => verdict.kind === 'new');
      for (const { draft } of fresh) {
        await createShop(trx, concierge, { ...draft, latitude: null, longitude: null, description: '' }, 'prospect');
      }
      if (!(await markImported(trx, id, nowIso(), { created: fresh.length, known: preview.counts.known }))) throw new DomainError('shop_import_done');
      return id;
    },
    boundTo(id, concierge.id),
  );
  const done = await findImport(db, id);
  return { created: done?.createdCount ?? 0, known: done?.knownCount ?? 0 };
}

// ---- the export ----

type ExportRow = Shop & { categoryLabel: string; stageLabel: string };

/** The directory's columns, named as the import reads them: the file can be imported back. */
export function exportColumns(stageHeader: string): Array<Column<ExportRow>> {
  const value: Record<ImportField, (shop: ExportRow) => string | null> = {
    trade_name: (shop) => shop.tradeName,
    legal_name: (shop) => shop.legalName,
    siret: (shop) => shop.siret,
    address_line: (shop) => shop.addressLine,
    postal_code: (shop) => shop.postalCode,
    city: (shop) => shop.city,
    phone: (shop) => shop.phone,
    email: (shop) => shop.email,
    category: (shop) => shop.categoryLabel,
  };
  const columns: Array<Column<ExportRow>> = IMPORT_FIELDS.map((field) => ({ header: EXPORT_HEADERS[field], kind: 'text', value: value[field] }));
  return [...columns, { header: stageHeader, kind: 'text', value: (shop) => shop.stageLabel }];
}

const EXPORT_BATCH = 500;

/** Every shop of the directory, by name, a batch at a time. */
export async function* directoryForExport(db: Executor, actor: CurrentAccount | null, stageLabel: (stage: string) => string): AsyncGenerator<ExportRow[]> {
  assertConcierge(actor);
  const labels = new Map((await listCategories(db)).map((category) => [category.code, category.label]));
  for (let offset = 0; ; offset += EXPORT_BATCH) {
    const shops = await listShops(db, { limit: EXPORT_BATCH, offset });
    if (shops.length === 0) return;
    yield shops.map((shop) => ({ ...shop, categoryLabel: labels.get(shop.categoryCode) ?? shop.categoryCode, stageLabel: stageLabel(shop.stage) }));
    if (shops.length < EXPORT_BATCH) return;
  }
}
