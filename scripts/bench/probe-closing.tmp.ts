// temporary probe (deleted after use)
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createDb, openSqlite } from '../../src/db/index.ts';
import { startPostgres } from '../postgres.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { generateMonth, LARGE_TOWN, verifyClosing } from './closing.ts';
import { closePeriod } from '../../src/settlement/settlement.statements.service.ts';

const lines = Number(process.argv[2] ?? 20000);
const which = process.argv[3] ?? 'postgres';
let url: string; let stop = () => {};
if (which === 'postgres') {
  const cluster = await startPostgres(undefined, true);
  stop = cluster.stop;
  const admin = createDb({ dialect: 'postgres', url: cluster.url });
  await sql`create database probe`.execute(admin);
  await admin.destroy();
  url = cluster.url.replace(/\/postgres$/, '/probe');
} else {
  url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'probe-')), 'p.db')}`;
}
try {
  const env = { NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-0123456789-0123456789-0123', DATABASE_URL: url };
  const config = loadConfig(env);
  const db = createDb(config.database);
  await migrateToLatest(db);
  let t0 = performance.now();
  const { period, month } = await generateMonth(db, config, { ...LARGE_TOWN, lines });
  console.log('generated', Math.round(performance.now() - t0));
  await db.destroy();
  const log = (event: any) => { if (event.queryDurationMillis > 20) console.log(Math.round(event.queryDurationMillis), event.query.sql.slice(0, 200)); };
  const logged = config.database.dialect === 'postgres'
    ? new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }), log })
    : new Kysely<any>({ dialect: new SqliteDialect({ database: openSqlite(config.database.file) }), log });
  if (process.argv[4] === 'explain') {
    const shops = (await logged.selectFrom('shops').select('id').execute()).map((r: any) => r.id);
    const cases = sql.join(shops.map((id: string, n: number) => sql`when ${id} then ${'st' + n}`), sql` `);
    const endAt = '2100-01-01T00:00:00.000Z';
    await logged.transaction().execute(async (trx: any) => {
      const plan = await sql`explain (analyze, buffers) update purchase_orders set statement_id = case shop_id ${cases} end where shop_id in (${sql.join(shops)}) and status = 'handed_over' and statement_id is null and updated_at < ${endAt}`.execute(trx);
      for (const row of plan.rows as any[]) console.log(Object.values(row)[0]);
      throw new Error('rollback');
    }).catch(() => {});
  }
  t0 = performance.now();
  const r = await closePeriod(logged, config, { id: 'x', email: 'x@x.fr', role: 'concierge', displayName: 'X', shopId: null, memberId: null }, { kind: 'monthly', start: period.start });
  console.log('closed', r.statementCount, Math.round(performance.now() - t0), 'rss', Math.round(process.resourceUsage().maxRSS / 1024));
  await verifyClosing(logged, { ...LARGE_TOWN, lines }, month.purchaseOrders);
  console.log('verified');
  await logged.destroy();
} finally { stop(); }
