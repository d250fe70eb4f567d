// Every status column of the database has its transition table, registered by the area that
// owns it: a column named `status` or `stage` found in the schema (src/db/schema.ts) or in the
// migrated database without a table here fails, and so does a table naming a column that does
// not exist. The keys of a table are the statuses of its union (the compiler holds
// `Transitions<S>` to exactly the union); here they are held to what the database itself
// allows (its CHECK constraints) and to what the demo town stores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../../src/db/index.ts';
import { seedDemoTown } from '../../src/demo/seed.ts';
import { NOTIFICATIONS_STATUS_TABLES } from '../../src/notifications/notifications.inbox.rules.ts';
import { ORDERS_STATUS_TABLES } from '../../src/orders/orders.rules.ts';
import { MEMBERSHIP_STATUS_TABLES } from '../../src/orders/site/membership.rules.ts';
import { OUTBOX_STATUS_TABLES } from '../../src/platform/mail/outbox.rules.ts';
import { statusesOf, type StatusTables } from '../../src/platform/transitions.ts';
import { BANK_CHANGES_STATUS_TABLES } from '../../src/settlement/terms/bank.rules.ts';
import { SHOP_INVOICES_STATUS_TABLES } from '../../src/settlement/invoices/invoices.rules.ts';
import { PAYOUTS_STATUS_TABLES } from '../../src/settlement/payouts/payouts.rules.ts';
import { STATEMENTS_STATUS_TABLES } from '../../src/settlement/settlement.statements.rules.ts';
import { SHOPS_STATUS_TABLES } from '../../src/shops/shops.rules.ts';
import { REQUESTS_STATUS_TABLES } from '../../src/requests/requests.rules.ts';
import { QUOTES_STATUS_TABLES } from '../../src/requests/quotes/quotes.rules.ts';
import { REPAIRS_STATUS_TABLES } from '../../src/requests/repairs/repairs.rules.ts';
import { RUNS_STATUS_TABLES } from '../../src/rounds/runs/runs.rules.ts';
import { APPOINTMENTS_STATUS_TABLES } from '../../src/requests/appointments/appointments.rules.ts';
import { REVIEW_STATUS_TABLES } from '../../src/reports/review/review.rules.ts';
import { buildTestApp, createTestDatabase } from '../helpers/app.ts';

/** Each area's registry of its status columns. */
const REGISTRIES: readonly StatusTables[] = [
  ORDERS_STATUS_TABLES,
  MEMBERSHIP_STATUS_TABLES,
  SHOPS_STATUS_TABLES,
  STATEMENTS_STATUS_TABLES,
  SHOP_INVOICES_STATUS_TABLES,
  PAYOUTS_STATUS_TABLES,
  BANK_CHANGES_STATUS_TABLES,
  NOTIFICATIONS_STATUS_TABLES,
  OUTBOX_STATUS_TABLES,
  RUNS_STATUS_TABLES,
  REQUESTS_STATUS_TABLES,
  QUOTES_STATUS_TABLES,
  REPAIRS_STATUS_TABLES,
  APPOINTMENTS_STATUS_TABLES,
  REVIEW_STATUS_TABLES,
];

const REGISTERED: StatusTables = Object.assign({}, ...REGISTRIES);

/** The names a status column goes by. */
const STATUS_COLUMN = /^(status|stage)$/;

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

/** `table.column` of every status column of src/db/schema.ts, read from its interfaces and its `Database`. */
function schemaStatusColumns(): string[] {
  const source = readFileSync(new URL('../../src/db/schema.ts', import.meta.url), 'utf8');
  const fieldsOf = new Map<string, string[]>();
  for (const match of source.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    fieldsOf.set(match[1], [...match[2].matchAll(/^\s+(\w+)\??:/gm)].map((field) => field[1]));
  }
  const database = /export interface Database \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  const columns: string[] = [];
  for (const [, table, types] of database.matchAll(/^\s+(\w+): ([^;]+);/gm)) {
    for (const type of types.split('&').map((part) => part.trim())) {
      const fields = fieldsOf.get(type);
      assert.ok(fields, `schema.ts: ${table} is made of ${type}, which is not an interface of the file`);
      for (const field of fields) if (STATUS_COLUMN.test(field)) columns.push(`${table}.${field}`);
    }
  }
  assert.ok(columns.length > 0, 'schema.ts: no status column found: the reading of the file is broken');
  return sorted(new Set(columns));
}

/** `table.column` of every status column of the migrated database. */
async function databaseStatusColumns(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return sorted(tables.flatMap((table) => table.columns.filter((column) => STATUS_COLUMN.test(column.name)).map((column) => `${table.name}.${column.name}`)));
}

/** The statuses a CHECK constraint of the database allows for a column, when it has one. */
async function checkedValues(db: Db, dialect: 'sqlite' | 'postgres', table: string, column: string): Promise<string[] | undefined> {
  const definitions =
    dialect === 'sqlite'
      ? (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db)).rows.map((row) => row.sql)
      : (await sql<{ definition: string }>`select pg_get_constraintdef(c.oid) as definition from pg_constraint c join pg_class t on t.oid = c.conrelid where t.relname = ${table} and c.contype = 'c'`.execute(db)).rows.map((row) => row.definition);
  // SQLite keeps the text as written (`status in ('a', 'b')`), PostgreSQL rewrites it (`status = ANY (ARRAY['a'::text, …])`).
  const pattern = new RegExp(`\\b${column}\\b\\)?\\s*(?:in\\s*\\(|=\\s*ANY\\s*\\(\\s*\\(?ARRAY\\[)([^\\])]*)`, 'i');
  for (const definition of definitions) {
    const found = pattern.exec(definition);
    if (found) return sorted([...found[1].matchAll(/'([^']*)'/g)].map((value) => value[1]));
  }
  return undefined;
}

test('each status column is registered by one area only, and each table is well formed', () => {
  const keys = REGISTRIES.flatMap((registry) => Object.keys(registry));
  assert.equal(new Set(keys).size, keys.length, `a column registered twice: ${keys.join(', ')}`);
  for (const [column, table] of Object.entries(REGISTERED)) {
    const statuses = statusesOf(table);
    assert.ok(statuses.length > 0, `${column}: no status`);
    for (const from of statuses) {
      for (const to of table[from]) assert.ok(statuses.includes(to), `${column}: ${from} → ${to}, a status the table does not know`);
      assert.equal(new Set(table[from]).size, table[from].length, `${column}: ${from} lists a move twice`);
    }
  }
});

test('every status column of src/db/schema.ts has its transition table', () => {
  assert.deepEqual(schemaStatusColumns(), sorted(Object.keys(REGISTERED)));
});

test('every status column of the migrated database has its transition table, and the statuses it checks are the table’s', async (t) => {
  const database = await createTestDatabase();
  t.after(database.drop);
  assert.deepEqual(await databaseStatusColumns(database.db), sorted(Object.keys(REGISTERED)));
  let checked = 0;
  for (const [column, table] of Object.entries(REGISTERED)) {
    const [tableName, columnName] = column.split('.');
    const allowed = await checkedValues(database.db, database.dialect, tableName, columnName);
    if (!allowed) continue;
    checked += 1;
    assert.deepEqual(allowed, sorted(statusesOf(table)), `${column}: the database's CHECK and the transition table disagree`);
  }
  assert.ok(checked > 0, 'no CHECK constraint read: bank_detail_changes.status has one');
});

test('every status the demo town stores is one its table knows', async (t) => {
  const { db, config, close } = await buildTestApp();
  t.after(close);
  await seedDemoTown(db, config, { onlyIfEmpty: true, today: new Date(Date.UTC(2026, 10, 28, 15, 30)) });
  for (const [column, table] of Object.entries(REGISTERED)) {
    const [tableName, columnName] = column.split('.');
    const { rows } = await sql<{ value: string }>`select distinct ${sql.ref(columnName)} as value from ${sql.table(tableName)}`.execute(db);
    for (const { value } of rows) assert.ok(statusesOf(table).includes(value), `${column}: « ${value} » stored, unknown to its table`);
  }
});
