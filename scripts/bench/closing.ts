// The month-closing figure: a large town's month (150 shops, 1,000,000 order lines handed over)
// closed by the real `closePeriod`, timed and its peak memory read in a child process of its
// own (scripts/bench/closing-run.ts), so the figure is the closing's and not the generator's.
//
// The month is written straight into the database with a few INSERT … SELECT statements
// over a sequence of integers (generate_series on PostgreSQL, a recursive CTE on SQLite):
// benchmark data, not product code. Every row is a function of its number, so totals are
// consistent by construction: a purchase order's total is the sum of its lines, an order's
// the sum of its purchase orders. The ledger already holds every hand-over and refund (as
// the counter's poster would have written them during the month), so the closing's own
// posting finds nothing left to do and the figure measures the closing alone.
//
// After the run the database is checked: one statement per shop, the statements' sales equal
// the lines' totals and their refunds the refunds', every purchase order stamped, every
// ledger transaction balanced, commission invoices numbered 1..N without a gap.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Config } from '../../src/config.ts';
import { createDb, type Db, type Executor } from '../../src/db/index.ts';
import { isPostgres, migrateToLatest } from '../../src/db/migrate.ts';
import { addDays, localDateOf, localToUtc } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { t, tDynamic } from '../../src/platform/i18n/index.ts';
import { periodOf, type Period } from '../../src/settlement/settlement.statements.rules.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ClosingSizes {
  lines: number;
  shops: number;
  members: number;
  refunds: number;
}

/** A large town's month: 150 shops, a million lines; two lines per purchase order, two shops per order. */
export const LARGE_TOWN: ClosingSizes = { lines: 1_000_000, shops: 150, members: 20_000, refunds: 300 };
const LINES_PER_PO = 2;
const POS_PER_ORDER = 2;

export interface ClosingFigure {
  lines: number;
  purchaseOrders: number;
  generationMs: number;
  /** closePeriod alone, in the child process. */
  closingMs: number;
  /** The child's own peak resident memory (kB), start-up included. */
  peakRssKb: number;
  /** The child's resident memory just before closePeriod (kB): node, tsx, every module it needs, connected. */
  startRssKb: number;
  /** The child's resident memory before it loads the program's modules (kB): node and tsx. */
  bareRssKb: number;
  /** Peak − start (kB): what closing the month costs; must not grow with the month's size. */
  addedRssKb: number;
  statementCount: number;
}

// ---------- SQL pieces that differ between the two databases ----------

interface Dialect {
  /** `WITH seq(i) AS (…)` giving i = 1..n. */
  sequence: (n: number) => string;
  /** A whole number as text, zero-padded to `width` digits. */
  padded: (number: string, width: number) => string;
  /** An ISO instant (as nowIso writes it) `seconds` after the Unix epoch. */
  iso: (seconds: string) => string;
}

const SQLITE: Dialect = {
  sequence: (n) => `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})`,
  padded: (number, width) => `printf('%0${width}d', ${number})`,
  iso: (seconds) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${seconds}, 'unixepoch')`,
};

const POSTGRES: Dialect = {
  sequence: (n) => `WITH seq(i) AS (SELECT generate_series(1::bigint, ${n}::bigint))`,
  padded: (number, width) => `lpad((${number})::text, ${width}, '0')`,
  iso: (seconds) => `to_char(to_timestamp(${seconds}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

/** Table prefixes of the generated ids (statements, invoices and commissions get real UUIDv7 ids). */
const P = {
  shop: 'b0000001',
  member: 'b0000002',
  place: 'b0000003',
  order: 'b0000004',
  po: 'b0000005',
  line: 'b0000006',
  handoverTx: 'b0000007',
  handoverEntry: 'b0000008',
  refund: 'b0000009',
  refundTx: 'b000000a',
  refundEntry: 'b000000b',
} as const;

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Every figure of the month as an SQL expression of a number: line m belongs to purchase
 * order (m-1)/2+1, which belongs to order (p-1)/2+1; an order is handed over at an instant
 * spread evenly over the month.
 */
class Month {
  readonly orders: number;
  readonly purchaseOrders: number;
  constructor(
    readonly sizes: ClosingSizes,
    readonly d: Dialect,
    /** Unix seconds of the hand-over of order 1 and the spacing range. */
    readonly firstAt: number,
    readonly spanSeconds: number,
  ) {
    this.purchaseOrders = Math.ceil(sizes.lines / LINES_PER_PO);
    this.orders = Math.ceil(this.purchaseOrders / POS_PER_ORDER);
  }
  poOfLine = (m: string) => `((${m} - 1) / ${LINES_PER_PO} + 1)`;
  orderOfPo = (p: string) => `((${p} - 1) / ${POS_PER_ORDER} + 1)`;
  shopOfPo = (p: string) => `((${p} - 1) % ${this.sizes.shops} + 1)`;
  memberOfOrder = (k: string) => `((${k} - 1) % ${this.sizes.members} + 1)`;
  quantity = (m: string) => `(1 + (${m}) % 3)`;
  unitPrice = (m: string) => `(150 + ((${m}) * 7919) % 2400)`;
  lineTotal = (m: string) => `(${this.quantity(m)} * ${this.unitPrice(m)})`;
  /** The sum of lines first..first+count-1 that exist. */
  private linesTotal(first: string, count: number): string {
    return Array.from({ length: count }, (_, k) => `(CASE WHEN ${first} + ${k} <= ${this.sizes.lines} THEN ${this.lineTotal(`${first} + ${k}`)} ELSE 0 END)`).join(' + ');
  }
  poTotal = (p: string) => this.linesTotal(`((${p} - 1) * ${LINES_PER_PO} + 1)`, LINES_PER_PO);
  orderTotal = (k: string) => this.linesTotal(`((${k} - 1) * ${LINES_PER_PO * POS_PER_ORDER} + 1)`, LINES_PER_PO * POS_PER_ORDER);
  handedAt = (k: string) => `(${this.firstAt} + ((${k}) - 1) * ${this.spanSeconds} / ${this.orders})`;
  /** A text id in the shape of a UUID: a prefix naming the table, then the number. */
  id = (prefix: string, number: string) => `('${prefix}-0000-7000-8000-' || ${this.d.padded(number, 12)})`;
  code = (k: string) => `('B' || ${this.d.padded(k, 7)})`;
  at = (seconds: string) => this.d.iso(seconds);
}

async function run(db: Executor, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

async function insertFixtures(db: Executor, month: Month, createdAt: string): Promise<void> {
  await db.insertInto('categories').values({ code: 'banc', label: 'Banc d’essai', position: 99 }).onConflict((oc) => oc.column('code').doNothing()).execute();
  const shops = Array.from({ length: month.sizes.shops }, (_, index) => {
    const number = String(index + 1).padStart(3, '0');
    return {
      id: `${P.shop}-0000-7000-8000-${String(index + 1).padStart(12, '0')}`,
      trade_name: `Commerce ${number}`,
      legal_name: `Commerce ${number} SARL`,
      siret: null,
      category_code: 'banc',
      address_line: `${index + 1} rue du Banc`,
      postal_code: '13800',
      city: 'Istres',
      latitude: null,
      longitude: null,
      phone: null,
      email: null,
      description: '',
      image_id: null,
      stage: 'member',
      stage_changed_at: createdAt,
      joined_at: createdAt,
      search_text: `commerce ${number}`,
      created_at: createdAt,
      updated_at: createdAt,
      settlement_period: 'monthly',
    };
  });
  for (let at = 0; at < shops.length; at += 50) await db.insertInto('shops').values(shops.slice(at, at + 50)).execute();
  await db
    .insertInto('places')
    .values({ id: `${P.place}-0000-7000-8000-000000000001`, name: 'Comptoir', kind: 'counter', address_line: '1 place du Banc', postal_code: '13800', city: 'Istres', phone: null, position: 1, created_at: createdAt })
    .execute();
}

/** The month's members, orders, purchase orders and lines, all handed over. */
async function insertOrders(db: Executor, m: Month, createdAt: string): Promise<void> {
  const { d } = m;
  await run(
    db,
    `INSERT INTO members (id, first_name, last_name, email, phone, address_line, postal_code, city, kind, notes, search_text, created_at, updated_at)
     ${d.sequence(m.sizes.members)}
     SELECT ${m.id(P.member, 'i')}, 'Habitant', 'Numéro ' || i, NULL, NULL, 'rue du Banc', '13800', 'Istres', 'resident', '', 'numero ' || i || ' habitant', '${createdAt}', '${createdAt}' FROM seq`,
  );
  const place = `'${P.place}-0000-7000-8000-000000000001'`;
  await run(
    db,
    `INSERT INTO orders (id, member_id, placed_by_account_id, channel, status, place_id, slot_start_at, slot_end_at, slot_local_date, payment_method, collection_code, total_cents, placed_at, updated_at, ready_at, reminded_at, closed_at)
     ${d.sequence(m.orders)}
     SELECT ${m.id(P.order, 'i')}, ${m.id(P.member, m.memberOfOrder('i'))}, NULL, 'telephone', 'handed_over', ${place},
       ${m.at(m.handedAt('i'))}, ${m.at(`${m.handedAt('i')} + 1800`)}, substr(${m.at(m.handedAt('i'))}, 1, 10), 'at_counter', ${m.code('i')}, ${m.orderTotal('i')},
       ${m.at(`${m.handedAt('i')} - 172800`)}, ${m.at(m.handedAt('i'))}, ${m.at(`${m.handedAt('i')} - 3600`)}, NULL, ${m.at(m.handedAt('i'))}
     FROM seq`,
  );
  const order = m.orderOfPo('i');
  await run(
    db,
    `INSERT INTO purchase_orders (id, order_id, shop_id, status, total_cents, collection_round_at, created_at, updated_at, storage_location, chilled, collected_at)
     ${d.sequence(m.purchaseOrders)}
     SELECT ${m.id(P.po, 'i')}, ${m.id(P.order, order)}, ${m.id(P.shop, m.shopOfPo('i'))}, 'handed_over', ${m.poTotal('i')},
       ${m.at(`${m.handedAt(order)} - 86400`)}, ${m.at(`${m.handedAt(order)} - 172800`)}, ${m.at(m.handedAt(order))}, 'S1', 0, ${m.at(`${m.handedAt(order)} - 7200`)}
     FROM seq`,
  );
  const po = m.poOfLine('i');
  await run(
    db,
    `INSERT INTO order_lines (id, order_id, purchase_order_id, shop_id, offer_id, title, unit, quantity, unit_price_cents, vat_rate_bp, total_cents, price_is_estimate, status, refusal_reason, refusal_note, position)
     ${d.sequence(m.sizes.lines)}
     SELECT ${m.id(P.line, 'i')}, ${m.id(P.order, m.orderOfPo(po))}, ${m.id(P.po, po)}, ${m.id(P.shop, m.shopOfPo(po))}, NULL,
       'Article ' || ((i - 1) % 500 + 1), 'piece', ${m.quantity('i')}, ${m.unitPrice('i')}, 550, ${m.lineTotal('i')}, 0, 'ordered', NULL, NULL, (i - 1) % ${LINES_PER_PO * POS_PER_ORDER}
     FROM seq`,
  );
}

/** The hand-overs in the ledger, as the counter's poster writes them: member owes, shop is owed. */
async function insertHandOverLedger(db: Executor, m: Month): Promise<void> {
  const { d } = m;
  const [before, after] = t('settlement.tx.handover', { code: '§' }).split('§');
  const order = m.orderOfPo('i');
  await run(
    db,
    `INSERT INTO ledger_transactions (id, kind, source_key, description, occurred_at, posted_at)
     ${d.sequence(m.purchaseOrders)}
     SELECT ${m.id(P.handoverTx, 'i')}, 'handover', 'handover:' || ${m.id(P.po, 'i')}, ${quote(before)} || ${m.code(order)} || ${quote(after)}, ${m.at(m.handedAt(order))}, ${m.at(`${m.handedAt(order)} + 60`)}
     FROM seq`,
  );
  // Two entries per hand-over: 2p-1 debits the member, 2p credits the shop.
  for (const side of [1, 0]) {
    const member = side === 1 ? m.id(P.member, m.memberOfOrder(order)) : 'NULL';
    const shop = side === 1 ? 'NULL' : m.id(P.shop, m.shopOfPo('i'));
    await run(
      db,
      `INSERT INTO ledger_entries (id, transaction_id, account, shop_id, member_id, debit_cents, credit_cents, position)
       ${d.sequence(m.purchaseOrders)}
       SELECT ${m.id(P.handoverEntry, `2 * i - ${side}`)}, ${m.id(P.handoverTx, 'i')}, '${side === 1 ? 'member_receivable' : 'shop_payable'}', ${shop}, ${member},
         ${side === 1 ? m.poTotal('i') : '0'}, ${side === 1 ? '0' : m.poTotal('i')}, ${1 - side}
       FROM seq`,
    );
  }
}

/** A few lines refunded by card after their hand-over, borne by their shop, and posted. */
async function insertRefunds(db: Executor, m: Month): Promise<void> {
  const { d } = m;
  const step = Math.floor(m.sizes.lines / m.sizes.refunds);
  const line = `(i * ${step})`;
  const po = m.poOfLine(line);
  const order = m.orderOfPo(po);
  const at = m.at(`${m.handedAt(order)} + 600`);
  await run(
    db,
    `INSERT INTO refunds (id, order_id, order_line_id, shop_id, method, online_payment_id, provider_refund_id, amount_cents, reason, account_id, actor_label, at, statement_id)
     ${d.sequence(m.sizes.refunds)}
     SELECT ${m.id(P.refund, 'i')}, ${m.id(P.order, order)}, ${m.id(P.line, line)}, ${m.id(P.shop, m.shopOfPo(po))}, 'card', NULL, NULL, ${m.lineTotal(line)},
       'Produit abîmé', NULL, 'Conciergerie', ${at}, NULL
     FROM seq`,
  );
  const [before, after] = t('settlement.tx.refund', { method: tDynamic('settlement.method.card'), code: '§' }).split('§');
  await run(
    db,
    `INSERT INTO ledger_transactions (id, kind, source_key, description, occurred_at, posted_at)
     ${d.sequence(m.sizes.refunds)}
     SELECT ${m.id(P.refundTx, 'i')}, 'refund', 'refund:' || ${m.id(P.refund, 'i')}, ${quote(before)} || ${m.code(order)} || ${quote(after)}, ${at}, ${at}
     FROM seq`,
  );
  for (const side of [1, 0]) {
    await run(
      db,
      `INSERT INTO ledger_entries (id, transaction_id, account, shop_id, member_id, debit_cents, credit_cents, position)
       ${d.sequence(m.sizes.refunds)}
       SELECT ${m.id(P.refundEntry, `2 * i - ${side}`)}, ${m.id(P.refundTx, 'i')}, '${side === 1 ? 'shop_payable' : 'card_clearing'}', ${side === 1 ? m.id(P.shop, m.shopOfPo(po)) : 'NULL'}, NULL,
         ${side === 1 ? m.lineTotal(line) : '0'}, ${side === 1 ? '0' : m.lineTotal(line)}, ${1 - side}
       FROM seq`,
    );
  }
}

/** The month before today's, in the town's zone, and where its hand-overs fall (UTC seconds). */
export function lastMonth(config: Config): { period: Period; firstAt: number; spanSeconds: number } {
  const today = localDateOf(nowIso(), config.timeZone);
  const period = periodOf('monthly', addDays(periodOf('monthly', today).start, -1));
  const startAt = Date.parse(localToUtc(period.start, '00:00', config.timeZone)!) / 1000;
  const endAt = Date.parse(localToUtc(addDays(period.end, 1), '00:00', config.timeZone)!) / 1000;
  // Hand-overs from one hour after the month starts to one hour before it ends.
  return { period, firstAt: startAt + 3600, spanSeconds: endAt - startAt - 7200 };
}

/** Writes the month into a migrated, empty database; answers the month's shape. */
export async function generateMonth(db: Db, config: Config, sizes: ClosingSizes): Promise<{ month: Month; period: Period }> {
  const { period, firstAt, spanSeconds } = lastMonth(config);
  const month = new Month(sizes, isPostgres(db) ? POSTGRES : SQLITE, firstAt, spanSeconds);
  const createdAt = new Date((firstAt - 90 * 86400) * 1000).toISOString();
  const writeMonth = async (trx: Executor) => {
    await insertFixtures(trx, month, createdAt);
    await insertOrders(trx, month, createdAt);
    await insertHandOverLedger(trx, month);
    await insertRefunds(trx, month);
  };
  // The rows are consistent by construction: the generator skips the foreign-key checks
  // (on this connection only; the closing process checks them as the app does).
  if (isPostgres(db)) {
    await db.transaction().execute(async (trx) => {
      await run(trx, "SET LOCAL session_replication_role = 'replica'");
      await writeMonth(trx);
    });
  } else {
    await run(db, 'PRAGMA foreign_keys = OFF');
    await run(db, 'PRAGMA cache_size = -262144');
    await db.transaction().execute(writeMonth);
  }
  if (isPostgres(db)) {
    // A live server's autovacuum would have analysed and vacuumed tables this size by the
    // end of the month; without it the planner works blind on tables it thinks are empty.
    await run(db, 'VACUUM ANALYZE');
  } else {
    // SQLite's WAL is checkpointed every 1,000 pages in use; do it once after the bulk load.
    await run(db, 'PRAGMA wal_checkpoint(TRUNCATE)');
  }
  return { month, period };
}

// ---------- the closing, in its own process ----------

interface ChildReport {
  elapsedMs: number;
  maxRssKb: number;
  startRssKb: number;
  bareRssKb: number;
  addedRssKb: number;
  statementCount: number;
}

export function runClosing(env: Record<string, string>, period: Period, profileDir?: string): Promise<ChildReport> {
  const args = ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), 'scripts/bench/closing-run.ts', period.kind, period.start];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = output.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`the closing process exited with ${code}:\n${output}`));
      resolve(JSON.parse(line) as ChildReport);
    });
  });
}

// ---------- checks ----------

async function one(db: Db, text: string): Promise<number> {
  const result = await sql.raw<{ value: number | string | null }>(text).execute(db);
  return Number(result.rows[0]?.value ?? 0);
}

class VerificationError extends Error {}

function expectEqual(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new VerificationError(`closing not verified: ${what} is ${actual}, expected ${expected}`);
}

/** What the closing must have written; throws on the first difference. */
export async function verifyClosing(db: Db, sizes: ClosingSizes, purchaseOrders: number): Promise<void> {
  expectEqual('statements', await one(db, 'SELECT count(*) AS value FROM statements'), sizes.shops);
  expectEqual('statement sales', await one(db, 'SELECT sum(sales_cents) AS value FROM statements'), await one(db, 'SELECT sum(total_cents) AS value FROM order_lines'));
  expectEqual('statement refunds', await one(db, 'SELECT sum(refunds_cents) AS value FROM statements'), await one(db, 'SELECT sum(amount_cents) AS value FROM refunds'));
  expectEqual('purchase orders counted', await one(db, 'SELECT sum(purchase_order_count) AS value FROM statements'), purchaseOrders);
  expectEqual(
    'purchase orders outside every statement',
    await one(db, 'SELECT count(*) AS value FROM purchase_orders po WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.shop_id = po.shop_id AND po.updated_at >= s.covers_from_at AND po.updated_at < s.covers_to_at)'),
    0,
  );
  expectEqual('refunds not stamped', await one(db, 'SELECT count(*) AS value FROM refunds WHERE statement_id IS NULL'), 0);
  expectEqual('ledger debits − credits', await one(db, 'SELECT sum(debit_cents) - sum(credit_cents) AS value FROM ledger_entries'), 0);
  expectEqual(
    'unbalanced ledger transactions',
    await one(db, 'SELECT count(*) AS value FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(debit_cents) <> sum(credit_cents)) AS unbalanced'),
    0,
  );
  expectEqual('commission transactions', await one(db, "SELECT count(*) AS value FROM ledger_transactions WHERE kind = 'commission'"), sizes.shops);
  expectEqual(
    'commission posted − commission of statements',
    await one(db, "SELECT sum(credit_cents) AS value FROM ledger_entries WHERE account IN ('commission_income', 'vat_on_commission')"),
    await one(db, 'SELECT sum(commission_cents + vat_cents) AS value FROM statements'),
  );
  expectEqual('commission invoices', await one(db, 'SELECT count(*) AS value FROM commission_invoices'), sizes.shops);
  expectEqual('lowest invoice number', await one(db, 'SELECT min(number) AS value FROM commission_invoices'), 1);
  expectEqual('highest invoice number', await one(db, 'SELECT max(number) AS value FROM commission_invoices'), sizes.shops);
  expectEqual('distinct invoice numbers', await one(db, 'SELECT count(DISTINCT number) AS value FROM commission_invoices'), sizes.shops);
}

// ---------- the whole figure ----------

/**
 * Builds the month in the empty database at `env.DATABASE_URL`, closes it in a child process,
 * checks the result (throws when anything is wrong) and answers the figures.
 */
export async function measureClosing(config: Config, env: Record<string, string>, sizes: ClosingSizes = LARGE_TOWN, profileDir?: string): Promise<ClosingFigure> {
  const db = createDb(config.database);
  let generated: Awaited<ReturnType<typeof generateMonth>>;
  const startedAt = performance.now();
  try {
    await migrateToLatest(db);
    generated = await generateMonth(db, config, sizes);
  } finally {
    await db.destroy();
  }
  const generationMs = performance.now() - startedAt;
  const report = await runClosing(env, generated.period, profileDir);
  const check = createDb(config.database);
  try {
    await verifyClosing(check, sizes, generated.month.purchaseOrders);
  } finally {
    await check.destroy();
  }
  return {
    lines: sizes.lines,
    purchaseOrders: generated.month.purchaseOrders,
    generationMs,
    closingMs: report.elapsedMs,
    peakRssKb: report.maxRssKb,
    startRssKb: report.startRssKb,
    bareRssKb: report.bareRssKb,
    addedRssKb: report.addedRssKb,
    statementCount: report.statementCount,
  };
}

export { VerificationError };
