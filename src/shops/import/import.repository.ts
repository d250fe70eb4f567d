// The SQL of shop-list imports: the uploaded files (table shop_imports) and the SIRETs the
// directory already holds.
import type { Executor } from '../../db/index.ts';
import type { ShopImportsTable } from '../../db/schema.ts';

/** An uploaded list, as the import's steps read it. */
export interface ShopImport {
  id: string;
  accountId: string;
  encoding: string;
  delimiter: string;
  content: string;
  rowCount: number;
  createdAt: string;
  importedAt: string | null;
  createdCount: number | null;
  knownCount: number | null;
}

function toImport(row: ShopImportsTable): ShopImport {
  return {
    id: row.id,
    accountId: row.account_id,
    encoding: row.encoding,
    delimiter: row.delimiter,
    content: row.content,
    rowCount: Number(row.row_count),
    createdAt: row.created_at,
    importedAt: row.imported_at,
    createdCount: row.created_count === null ? null : Number(row.created_count),
    knownCount: row.known_count === null ? null : Number(row.known_count),
  };
}

export async function insertImport(db: Executor, row: ShopImportsTable): Promise<void> {
  await db.insertInto('shop_imports').values(row).execute();
}

export async function findImport(db: Executor, id: string): Promise<ShopImport | undefined> {
  const row = await db.selectFrom('shop_imports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toImport(row) : undefined;
}

/** Files never imported and older than `before` are deleted: a list of shops is not kept for nothing. */
export async function deleteStaleImports(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('shop_imports').where('imported_at', 'is', null).where('created_at', '<', before).execute();
}

/**
 * Marks the file imported, once: false when another submission did it first. The content is
 * emptied, the counts stay as the import's log.
 */
export async function markImported(db: Executor, id: string, at: string, counts: { created: number; known: number }): Promise<boolean> {
  const result = await db
    .updateTable('shop_imports')
    .set({ imported_at: at, created_count: counts.created, known_count: counts.known, content: '' })
    .where('id', '=', id)
    .where('imported_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Which of these SIRETs the directory already holds, in chunks the databases accept. */
export async function knownSirets(db: Executor, sirets: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let start = 0; start < sirets.length; start += 500) {
    const chunk = sirets.slice(start, start + 500);
    const rows = await db.selectFrom('shops').select('siret').where('siret', 'in', chunk).execute();
    for (const row of rows) if (row.siret) known.add(row.siret);
  }
  return known;
}
