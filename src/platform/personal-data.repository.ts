// The one SQL tool every holder shares: writing « Adhérent effacé » over a person's name,
// e-mail and phone wherever free text quotes them (a mail to a shop, a history note). SQL's
// replace() is the same on SQLite and PostgreSQL; only rows holding a needle are touched.
import { sql } from 'kysely';
import type { Database, Executor } from '../db/index.ts';
import { needlesOf, type ErasedPerson } from './personal-data.ts';

/** Replaces the person's needles in these text columns of `table`; returns the rows changed. */
export async function scrubText<T extends keyof Database & string>(trx: Executor, table: T, columns: ReadonlyArray<keyof Database[T] & string>, person: ErasedPerson): Promise<number> {
  let changed = 0;
  for (const needle of needlesOf(person)) {
    for (const column of columns) {
      const result = await sql`update ${sql.table(table)} set ${sql.ref(column)} = replace(${sql.ref(column)}, ${needle}, ${person.replacement}) where ${sql.ref(column)} like ${`%${escapeLikeText(needle)}%`} escape '\\'`.execute(trx);
      changed += Number(result.numAffectedRows ?? 0);
    }
  }
  return changed;
}

function escapeLikeText(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
