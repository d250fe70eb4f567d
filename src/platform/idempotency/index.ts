// Idempotency: every form that creates something carries a key generated when the form was
// shown (`newIdempotencyKey()` in a hidden field). The first submission creates and records
// the new id under that key in the same transaction; a repeat (double click, retry, second
// tab) gets the same id back and creates nothing.
import { inTransaction, type Db, type Trx } from '../../db/index.ts';
import { newToken } from '../ids.ts';
import { claimKey, findResult } from './idempotency.repository.ts';

export function newIdempotencyKey(): string {
  return newToken().slice(0, 32);
}

/**
 * Runs `create` in a transaction unless `key` was already used in `scope`; returns the id
 * created by whichever submission came first.
 */
export async function createOnce(db: Db, scope: string, key: string, create: (trx: Trx) => Promise<string>): Promise<string> {
  const previous = await findResult(db, scope, key);
  if (previous) return previous;
  try {
    // Concurrent submissions share one durable commit on SQLite (each in its own savepoint).
    return await inTransaction(db, async (trx) => {
      const id = await create(trx);
      // The key's primary key serialises concurrent submissions: the loser rolls back.
      if (!(await claimKey(trx, scope, key, id))) throw new DuplicateSubmission();
      return id;
    });
  } catch (error) {
    if (error instanceof DuplicateSubmission || isUniqueViolation(error)) {
      const winner = await findResult(db, scope, key);
      if (winner) return winner;
    }
    throw error;
  }
}

class DuplicateSubmission extends Error {}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
