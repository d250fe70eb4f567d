// Transactions of form submissions: on SQLite, concurrent ones share one durable commit with a
// savepoint each; on PostgreSQL they are ordinary transactions. Either way each one succeeds
// or fails alone, and a caller is answered only once its writes are committed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { inTransaction, type Db } from '../../src/db/index.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/app.ts';

let database: TestDatabase;
let db: Db;

before(async () => {
  database = await createTestDatabase();
  db = database.db;
});
after(async () => database.drop());

async function claim(trx: Parameters<Parameters<typeof inTransaction>[1]>[0], key: string): Promise<string> {
  await trx.insertInto('idempotency_keys').values({ scope: 'test.group', key, result_id: key, created_at: nowIso() }).execute();
  return key;
}

async function keysOf(prefix: string): Promise<string[]> {
  const rows = await db.selectFrom('idempotency_keys').select('key').where('scope', '=', 'test.group').where('key', 'like', `${prefix}%`).orderBy('key').execute();
  return rows.map((row) => row.key);
}

test('concurrent transactions all commit; one that fails rolls back alone, even after writing', async () => {
  const keys = Array.from({ length: 40 }, (_, index) => `a-${String(index).padStart(2, '0')}`);
  const outcomes = await Promise.allSettled(
    keys.map((key, index) =>
      inTransaction(db, async (trx) => {
        await claim(trx, key);
        if (index === 7) throw new Error('refused');
        return key;
      }),
    ),
  );
  assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 39);
  assert.equal((outcomes[7] as PromiseRejectedResult).reason.message, 'refused');
  assert.deepEqual(await keysOf('a-'), keys.filter((_, index) => index !== 7));
});

test('a unique-key clash inside one transaction fails that one only; the first holder keeps the key', async () => {
  const outcomes = await Promise.allSettled([
    inTransaction(db, (trx) => claim(trx, 'b-same')),
    inTransaction(db, (trx) => claim(trx, 'b-same')),
    inTransaction(db, (trx) => claim(trx, 'b-other')),
  ]);
  // Which of the two gets the key is up to the database; exactly one does.
  assert.deepEqual(outcomes.slice(0, 2).map((outcome) => outcome.status).sort(), ['fulfilled', 'rejected']);
  assert.equal(outcomes[2].status, 'fulfilled');
  assert.deepEqual(await keysOf('b-'), ['b-other', 'b-same']);
});

test('when a caller is answered, its rows are already visible to a fresh read', async () => {
  const seen = await Promise.all(
    Array.from({ length: 10 }, async (_, index) => {
      const key = await inTransaction(db, (trx) => claim(trx, `c-${index}`));
      const row = await db.selectFrom('idempotency_keys').select('key').where('scope', '=', 'test.group').where('key', '=', key).executeTakeFirst();
      return row?.key;
    }),
  );
  assert.deepEqual(seen, Array.from({ length: 10 }, (_, index) => `c-${index}`));
});

test('after a group with failures, the others are kept and (SQLite) the connection commits durably again', async () => {
  const synchronous = async () => Number((await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0].synchronous);
  const results = await Promise.allSettled(
    Array.from({ length: 12 }, (_, index) =>
      inTransaction(db, async (trx) => {
        await claim(trx, `d-${index}`);
        if (index % 4 === 3) throw new Error('refused');
        return index;
      }),
    ),
  );
  assert.equal(results.filter((result) => result.status === 'fulfilled').length, 9);
  assert.deepEqual(await keysOf('d-'), ['d-0', 'd-1', 'd-10', 'd-2', 'd-4', 'd-5', 'd-6', 'd-8', 'd-9']);
  // 2 is FULL: every write outside a group waits for the disk, as the database was opened.
  if (database.dialect === 'sqlite') assert.equal(await synchronous(), 2);
});
