// Idempotency: every form that creates something carries a key generated when the form was
// shown (`newIdempotencyKey()` in a hidden field). The first submission creates and records
// the new id under that key in the same transaction; a repeat (double click, retry, second
// tab) gets the same id back and creates nothing.
//
// A form shown for one object to one person (the concierge's money forms: a payment on this
// order, the approval of this batch) binds its key to both (`boundTo`). The same key sent for
// another object or by another account is refused (`idempotency_key_elsewhere`): it cannot be
// a repeat of the first submission, so answering that submission's success would be a lie,
// and running it as new would hide a tampered or broken form. The key stays unique within
// its scope, so the primary key catches such a replay even when both arrive at once.
import { inTransaction, type Db, type Trx } from '../../db/index.ts';
import { DomainError } from '../errors.ts';
import { newId, newToken } from '../ids.ts';
import { claimKey, findClaim, recordResult, type Claim } from './idempotency.repository.ts';

export function newIdempotencyKey(): string {
  return newToken().slice(0, 32);
}

/** The binding of a key to the object a form acts on and the account that was shown it. */
export function boundTo(objectId: string, accountId: string): string {
  return `${objectId}:${accountId}`;
}

/** The key a form comes back with after a refusal: a fresh one when the refusal was the key's. */
export function keyAfterRefusal(error: unknown, key: string): string {
  return error instanceof DomainError && error.code === 'idempotency_key_elsewhere' ? newIdempotencyKey() : key;
}

/**
 * Runs `create` in a transaction unless `key` was already used in `scope`; returns the id
 * created by whichever submission came first. With `binding`, a key first used under another
 * binding (or under none) is refused and nothing runs. `create` is offered an id for what it
 * creates: using it spares a write, since the key is claimed with it.
 */
export async function createOnce(db: Db, scope: string, key: string, create: (trx: Trx, offeredId: string) => Promise<string>, binding?: string): Promise<string> {
  try {
    // Concurrent submissions share one durable commit on SQLite (each in its own savepoint).
    // A repeat is found by the claim itself, which spares every first submission a read.
    return await inTransaction(db, async (trx) => {
      // The key is claimed before anything is done: its primary key makes a concurrent twin
      // wait for this submission's end and then roll back, so `create` (which may ask a
      // payment provider for money back) never runs twice for one key, whatever its binding.
      const offeredId = newId();
      if (!(await claimKey(trx, scope, key, binding ?? null, offeredId))) throw new DuplicateSubmission();
      const id = await create(trx, offeredId);
      if (id !== offeredId) await recordResult(trx, scope, key, id);
      return id;
    });
  } catch (error) {
    if (error instanceof DuplicateSubmission || isUniqueViolation(error)) {
      const winner = await findClaim(db, scope, key);
      if (winner) return resultFor(winner, binding);
    }
    throw error;
  }
}

/** The first submission's result, when it was made for the same object by the same account. */
function resultFor(claim: Claim, binding: string | undefined): string {
  if ((claim.boundTo ?? undefined) !== binding) throw new DomainError('idempotency_key_elsewhere');
  return claim.resultId;
}

class DuplicateSubmission extends Error {}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
