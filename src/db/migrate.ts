// Runs the files of `migrations/` in name order; each works on SQLite and PostgreSQL.
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Migrator, PostgresAdapter, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    // .js when running the compiled build (dist/migrations/): the names, stored in the database, stay the same.
    const files = (await readdir(MIGRATIONS_DIR)).filter((name) => /^\d{4}_.+\.(ts|js)$/.test(name)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.(ts|js)$/, '')] = await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href);
    }
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the schema to `name` exactly (tests of a migration's data start from the one before). */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
}

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Column type for raw bytes. */
export function binaryType(db: Kysely<any>): 'bytea' | 'blob' {
  return isPostgres(db) ? 'bytea' : 'blob';
}

/** Column type for a double-precision number (coordinates). */
export function doubleType(db: Kysely<any>): 'double precision' | 'real' {
  return isPostgres(db) ? 'double precision' : 'real';
}
