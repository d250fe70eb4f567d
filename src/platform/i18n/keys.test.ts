// Every French text a page asks for exists. `t('…')` is typed, so a literal missing key
// already fails the typecheck; this test also reads the sources for it (a cast or a plain
// string would slip through), and above all checks the keys built at run time with
// `tDynamic(`prefix.${value}`)`: each family must have texts, and where the values it can
// take are known (every status table of the `*.rules.ts` files, and a few lists of kinds),
// every value must have its text. A page showing « statements.status.carried_forward »
// fails here. The rules files are imported by path, so the platform stays free of areas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { messages } from './fr/index.ts';

const SRC = fileURLToPath(new URL('../../', import.meta.url));
const KEYS = new Set(Object.keys(messages));

function sourceFiles(accept: (name: string) => boolean): string[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && accept(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const APP_FILES = sourceFiles((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name));
const where = (file: string) => relative(SRC, file);

/** A family of keys built at run time: `prefix` + a value (+ `suffix`). */
interface Family {
  prefix: string;
  suffix: string;
  files: Set<string>;
}

function dynamicFamilies(): Map<string, Family> {
  const families = new Map<string, Family>();
  for (const file of APP_FILES) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\btDynamic\(\s*`([^`$]*)\$\{[^}]*\}([^`]*)`/g)) {
      const [, prefix, suffix] = match;
      const family = families.get(prefix + '…' + suffix) ?? { prefix, suffix, files: new Set<string>() };
      family.files.add(where(file));
      families.set(prefix + '…' + suffix, family);
    }
  }
  return families;
}

/** Every status table registered in a `*.rules.ts` file (`…_STATUS_TABLES`), by its column: `statements.status` → its statuses. */
async function statusTables(): Promise<Map<string, string[]>> {
  const tables = new Map<string, string[]>();
  for (const file of sourceFiles((name) => name.endsWith('.rules.ts'))) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (!name.endsWith('_STATUS_TABLES')) continue;
      for (const [column, transitions] of Object.entries(value as Record<string, object>)) tables.set(column, Object.keys(transitions));
    }
  }
  return tables;
}

/** The status column each status family of the pages names. A new status family must be added here. */
const STATUS_FAMILIES: Record<string, string> = {
  'statements.status.': 'statements.status',
  'money.statement_status.': 'statements.status',
  'invoices.status.': 'shop_invoices.status',
  'payouts.status.': 'payout_batches.status',
  'money.batch_status.': 'payout_batches.status',
  'terms.bank.status.': 'bank_detail_changes.status',
  'orders.status.': 'orders.status',
  'orders.po_status.': 'purchase_orders.status',
  'portal.po_status.': 'purchase_orders.status',
  'shops.stage.': 'shops.stage',
  'runs.status.': 'delivery_runs.status',
  'requests.status.': 'service_requests.status',
  'requests.mail.status.': 'service_requests.status',
  'quotes.status.': 'service_quotes.status',
  'appointments.status.': 'appointments.status',
  'yearly_review.status.': 'yearly_reviews.status',
};

/** Other families whose values a list of the rules names: the file under src/ and the export. */
const LISTED_FAMILIES: Record<string, [file: string, name: string]> = {
  'statements.kind.': ['settlement/settlement.statements.rules.ts', 'PERIOD_KINDS'],
  'terms.period.': ['settlement/settlement.statements.rules.ts', 'PERIOD_KINDS'],
  'money.period_kind.': ['settlement/settlement.statements.rules.ts', 'PERIOD_KINDS'],
  'places.kind.': ['places/places.rules.ts', 'PLACE_KINDS'],
  'members.kind.': ['members/members.rules.ts', 'MEMBER_KINDS'],
  'refunds.method.': ['orders/money/refunds.rules.ts', 'REFUND_METHODS'],
  'counter.method.': ['orders/orders.rules.ts', 'COUNTER_PAYMENT_METHODS'],
  'counter.history.paid_by.': ['orders/orders.rules.ts', 'COUNTER_PAYMENT_METHODS'],
  'orders.refusal.': ['orders/orders.rules.ts', 'REFUSAL_REASONS'],
  'orders.channel.': ['orders/orders.rules.ts', 'CHANNELS'],
  'orders.payment.': ['orders/orders.rules.ts', 'PAYMENT_METHODS'],
  'runs.outcome.': ['rounds/runs/runs.rules.ts', 'OUTCOMES'],
  'requests.kind.': ['requests/requests.rules.ts', 'REQUEST_KINDS'],
  'requests.kind_short.': ['requests/requests.rules.ts', 'REQUEST_KINDS'],
  'requests.kind_hint.': ['requests/requests.rules.ts', 'REQUEST_KINDS'],
};

const isStatusFamily = (prefix: string) => /(status|stage)\.$/.test(prefix);

/** The values of `prefix` that have no text. */
function missingOf(prefix: string, values: readonly string[]): string[] {
  return values.filter((value) => !KEYS.has(prefix + value)).map((value) => prefix + value);
}

test('every literal key given to t() or tDynamic() has its French text', () => {
  const missing: string[] = [];
  for (const file of APP_FILES) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:t|tDynamic)\(\s*(['"`])([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\1/g)) {
      if (!KEYS.has(match[2])) missing.push(`${where(file)}: ${match[2]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every family of keys built at run time has texts, and every status a page can show has its text', async () => {
  const families = [...dynamicFamilies().values()];
  assert.ok(families.length >= 20, `the sources use tDynamic (found ${families.length} families)`);
  const tables = await statusTables();
  assert.ok(tables.has('statements.status') && tables.size >= 10, 'the status tables of the rules are found');
  const problems: string[] = [];
  for (const { prefix, files } of families) {
    if (![...KEYS].some((key) => key.startsWith(prefix))) problems.push(`${prefix}… (${[...files].join(', ')}) has no text at all`);
    if (!isStatusFamily(prefix)) continue;
    const column = STATUS_FAMILIES[prefix];
    if (!column) problems.push(`${prefix}… (${[...files].join(', ')}) shows statuses: name its status table in STATUS_FAMILIES`);
    else if (!tables.has(column)) problems.push(`${prefix}…: no status table ${column}`);
    else problems.push(...missingOf(prefix, tables.get(column)!).map((key) => `${key} is missing (a status of ${column}, shown by ${[...files].join(', ')})`));
  }
  assert.deepEqual(problems, []);
});

test('every kind listed by the rules has its text where the pages show it', async () => {
  const used = new Set([...dynamicFamilies().values()].map((family) => family.prefix));
  const problems: string[] = [];
  for (const [prefix, [file, name]] of Object.entries(LISTED_FAMILIES)) {
    assert.ok(used.has(prefix), `${prefix} is still used by a page (else remove it here)`);
    const values = ((await import(pathToFileURL(join(SRC, file)).href)) as Record<string, unknown>)[name];
    assert.ok(Array.isArray(values) && values.length > 0, `${file} exports ${name}`);
    problems.push(...missingOf(prefix, values as string[]));
  }
  assert.deepEqual(problems, []);
});
