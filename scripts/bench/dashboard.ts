// The dashboard figure: a large town's year (150 shops, 20 000 members, 1 000 000 order lines
// handed over across the twelve months before this one and this one so far), its complete
// months rolled up as the monthly job does, then the town's dashboard for the year asked over
// HTTP, one request at a time, as the town's user opens it: the open month is computed live.
// The year is prepared once; the page's timings can be asked for several times.
//
// The year is written with INSERT … SELECT over a sequence of integers (generate_series on
// PostgreSQL, a recursive CTE on SQLite): benchmark data, not product code. Hand-overs are
// spread evenly from 12 months ago to now; each purchase order has two lines and its ledger
// hand-over (the live month's money is read from the ledger as the app does).
import { sql } from 'kysely';
import type { Config } from '../../src/config.ts';
import { createDb, type Db, type Executor } from '../../src/db/index.ts';
import { isPostgres, migrateToLatest } from '../../src/db/migrate.ts';
import { createAccount } from '../../src/platform/auth/auth.service.ts';
import { nowIso } from '../../src/platform/clock.ts';
import { rollUpCompleteMonths } from '../../src/reports/index.ts';
import { startAppProcess } from '../../test/helpers/server.ts';
import { cookieHeader, hiddenField, keepCookies, newAgent, percentile, request } from './http.ts';

export interface DashboardSizes {
  lines: number;
  shops: number;
  members: number;
}

export const LARGE_YEAR: DashboardSizes = { lines: 1_000_000, shops: 150, members: 20_000 };
const LINES_PER_PO = 2;
const POS_PER_ORDER = 2;
const CHANNELS = ['site', 'telephone', 'courriel', 'comptoir'];
const PASSWORD = 'banc d’essai du tableau de bord';

/** The year's preparation, done once. */
export interface DashboardYear {
  generationMs: number;
  rollUpMs: number;
  monthsRolled: number;
}

/** The page, one request at a time. */
export interface DashboardTimes {
  medianMs: number;
  p95Ms: number;
  requests: number;
}

async function run(db: Executor, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

const seq = (db: Db, n: number) => (isPostgres(db) ? `WITH seq(i) AS (SELECT generate_series(1::bigint, ${n}::bigint))` : `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})`);
const pad = (db: Db, number: string, width: number) => (isPostgres(db) ? `lpad((${number})::text, ${width}, '0')` : `printf('%0${width}d', ${number})`);
const iso = (db: Db, seconds: string) => (isPostgres(db) ? `to_char(to_timestamp(${seconds}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `strftime('%Y-%m-%dT%H:%M:%fZ', ${seconds}, 'unixepoch')`);
const id = (db: Db, prefix: string, number: string) => `('${prefix}-0000-7000-8000-' || ${pad(db, number, 12)})`;

/** Writes the year; every row is a function of its number. */
export async function generateYear(db: Db, sizes: DashboardSizes): Promise<void> {
  const nowSeconds = Math.floor(Date.parse(nowIso()) / 1000);
  const firstAt = nowSeconds - 365 * 86400;
  const purchaseOrders = Math.ceil(sizes.lines / LINES_PER_PO);
  const orders = Math.ceil(purchaseOrders / POS_PER_ORDER);
  const at = (order: string) => `(${firstAt} + ((${order}) - 1) * ${nowSeconds - firstAt - 3600} / ${orders})`;
  const orderOfPo = (p: string) => `((${p} - 1) / ${POS_PER_ORDER} + 1)`;
  const shopOfPo = (p: string) => `((${p} - 1) % ${sizes.shops} + 1)`;
  const poTotal = (p: string) => `(300 + ((${p}) * 7919) % 4800)`;
  const createdAt = new Date((firstAt - 400 * 86400) * 1000).toISOString();
  await db.insertInto('categories').values({ code: 'banc', label: 'Banc d’essai', position: 99 }).onConflict((oc) => oc.column('code').doNothing()).execute();
  await run(
    db,
    `INSERT INTO shops (id, trade_name, legal_name, siret, category_code, address_line, postal_code, city, latitude, longitude, phone, email, description, image_id, stage, stage_changed_at, joined_at, search_text, created_at, updated_at)
     ${seq(db, sizes.shops)} SELECT ${id(db, 'c0000001', 'i')}, 'Commerce ' || i, 'Commerce ' || i, NULL, 'banc', 'rue du Banc', '13800', 'Istres', NULL, NULL, NULL, NULL, '', NULL,
       CASE WHEN i % 3 = 0 THEN 'prospect' ELSE 'member' END, '${createdAt}', ${iso(db, `${firstAt} + i * 86400`)}, 'commerce', '${createdAt}', '${createdAt}' FROM seq`,
  );
  await db.insertInto('places').values({ id: 'c0000003-0000-7000-8000-000000000001', name: 'Comptoir', kind: 'counter', address_line: '1 place du Banc', postal_code: '13800', city: 'Istres', phone: null, position: 1, created_at: createdAt }).execute();
  // Members joined over the year and the one before.
  await run(
    db,
    `INSERT INTO members (id, first_name, last_name, email, phone, address_line, postal_code, city, kind, notes, search_text, created_at, updated_at)
     ${seq(db, sizes.members)} SELECT ${id(db, 'c0000002', 'i')}, 'Habitant', 'Numéro ' || i, NULL, NULL, 'rue du Banc', '13800', 'Istres', 'resident', '', 'habitant', ${iso(db, `${firstAt - 365 * 86400} + i * ${Math.floor((2 * 365 * 86400) / sizes.members)}`)}, '${createdAt}' FROM seq`,
  );
  const channel = `(CASE i % 4 ${CHANNELS.map((name, index) => `WHEN ${index} THEN '${name}'`).join(' ')} END)`;
  await run(
    db,
    `INSERT INTO orders (id, member_id, placed_by_account_id, channel, status, place_id, slot_start_at, slot_end_at, slot_local_date, payment_method, collection_code, total_cents, placed_at, updated_at, ready_at, reminded_at, closed_at)
     ${seq(db, orders)} SELECT ${id(db, 'c0000004', 'i')}, ${id(db, 'c0000002', `((i - 1) % ${sizes.members} + 1)`)}, NULL, ${channel}, 'handed_over', 'c0000003-0000-7000-8000-000000000001',
       ${iso(db, at('i'))}, ${iso(db, at('i'))}, substr(${iso(db, at('i'))}, 1, 10), 'at_counter', 'B' || ${pad(db, 'i', 7)}, 0, ${iso(db, `${at('i')} - 3600`)}, ${iso(db, at('i'))}, NULL, NULL, NULL FROM seq`,
  );
  await run(
    db,
    `INSERT INTO purchase_orders (id, order_id, shop_id, status, total_cents, collection_round_at, created_at, updated_at, storage_location, chilled, collected_at)
     ${seq(db, purchaseOrders)} SELECT ${id(db, 'c0000005', 'i')}, ${id(db, 'c0000004', orderOfPo('i'))}, ${id(db, 'c0000001', shopOfPo('i'))}, 'handed_over', ${poTotal('i')},
       ${iso(db, at(orderOfPo('i')))}, ${iso(db, at(orderOfPo('i')))}, ${iso(db, at(orderOfPo('i')))}, 'S1', 0, NULL FROM seq`,
  );
  const po = `((i - 1) / ${LINES_PER_PO} + 1)`;
  await run(
    db,
    `INSERT INTO order_lines (id, order_id, purchase_order_id, shop_id, offer_id, title, unit, quantity, unit_price_cents, vat_rate_bp, total_cents, price_is_estimate, status, refusal_reason, refusal_note, position)
     ${seq(db, sizes.lines)} SELECT ${id(db, 'c0000006', 'i')}, ${id(db, 'c0000004', orderOfPo(po))}, ${id(db, 'c0000005', po)}, ${id(db, 'c0000001', shopOfPo(po))}, NULL,
       'Article', 'piece', 1, 100, 550, 100, 0, 'ordered', NULL, NULL, (i - 1) % 2 FROM seq`,
  );
  await run(
    db,
    `INSERT INTO ledger_transactions (id, kind, source_key, description, occurred_at, posted_at)
     ${seq(db, purchaseOrders)} SELECT ${id(db, 'c0000007', 'i')}, 'handover', 'handover:' || i, 'Remise', ${iso(db, at(orderOfPo('i')))}, ${iso(db, at(orderOfPo('i')))} FROM seq`,
  );
  for (const side of [1, 0]) {
    await run(
      db,
      `INSERT INTO ledger_entries (id, transaction_id, account, shop_id, member_id, debit_cents, credit_cents, position)
       ${seq(db, purchaseOrders)} SELECT ${id(db, 'c0000008', `2 * i - ${side}`)}, ${id(db, 'c0000007', 'i')}, '${side === 1 ? 'member_receivable' : 'shop_payable'}',
         ${side === 1 ? 'NULL' : id(db, 'c0000001', shopOfPo('i'))}, ${side === 1 ? id(db, 'c0000002', `((${orderOfPo('i')} - 1) % ${sizes.members} + 1)`) : 'NULL'},
         ${side === 1 ? poTotal('i') : '0'}, ${side === 1 ? '0' : poTotal('i')}, ${1 - side} FROM seq`,
    );
  }
}

/**
 * Generates, rolls up, logs the town's user in to the app; each `time()` then asks for the
 * page `requests` times (after two to warm up). The database at config.database must be empty.
 */
export async function openDashboard(
  config: Config,
  env: Record<string, string>,
  sizes: DashboardSizes = LARGE_YEAR,
  requests = 20,
): Promise<DashboardYear & { time: () => Promise<DashboardTimes>; close: () => Promise<void> }> {
  const year = await prepareYear(config, sizes);
  const app = await startAppProcess(env);
  const agent = newAgent(1);
  const close = async () => {
    agent.destroy();
    await app.stop();
  };
  try {
    const jar = new Map<string, string>();
    const form = await request(agent, `${app.url}/connexion`);
    keepCookies(jar, form.setCookies);
    const login = await request(agent, `${app.url}/connexion`, { method: 'POST', cookie: cookieHeader(jar), form: { _csrf: hiddenField(form.body, '_csrf'), email: 'ville@banc.test', password: PASSWORD } });
    keepCookies(jar, login.setCookies);
    const time = async (): Promise<DashboardTimes> => {
      const times: number[] = [];
      for (let index = 0; index < requests + 2; index += 1) {
        const page = await request(agent, `${app.url}/ville/tableau-de-bord`, { cookie: cookieHeader(jar) });
        if (page.status !== 200) throw new Error(`the dashboard answered ${page.status}`);
        if (index >= 2) times.push(page.ms); // two to warm up
      }
      times.sort((a, b) => a - b);
      return { medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95), requests };
    };
    return { ...year, time, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function prepareYear(config: Config, sizes: DashboardSizes): Promise<DashboardYear> {
  const db = createDb(config.database);
  try {
    await migrateToLatest(db);
    const started = performance.now();
    if (isPostgres(db)) {
      await db.transaction().execute(async (trx) => {
        await run(trx, "SET LOCAL session_replication_role = 'replica'");
        await generateYear(trx as unknown as Db, sizes);
      });
      await run(db, 'VACUUM ANALYZE');
    } else {
      await run(db, 'PRAGMA foreign_keys = OFF');
      await db.transaction().execute((trx) => generateYear(trx as unknown as Db, sizes));
      await run(db, 'PRAGMA foreign_keys = ON');
      await run(db, 'PRAGMA wal_checkpoint(TRUNCATE)');
    }
    const generationMs = performance.now() - started;
    const rolling = performance.now();
    const monthsRolled = (await rollUpCompleteMonths(db, config.timeZone)).length;
    const rollUpMs = performance.now() - rolling;
    await createAccount(db, config, { email: 'ville@banc.test', role: 'town', displayName: 'Ville', shopId: null, memberId: null, password: PASSWORD });
    return { generationMs, rollUpMs, monthsRolled };
  } finally {
    await db.destroy();
  }
}
