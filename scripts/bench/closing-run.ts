// Closes one period with the real `closePeriod`, alone in this process, and prints one JSON
// line: how long closePeriod took and the process's resident memory at its start and peak.
// Started by scripts/bench/closing.ts on the database it has just filled (DATABASE_URL in the env).
//
//   node --import tsx scripts/bench/closing-run.ts monthly 2026-03-01
//
// Output fields (kB and ms): elapsedMs, maxRssKb (this process's peak), startRssKb (the
// program loaded and connected, just before closePeriod), statementCount; and bareRssKb (node
// and the TypeScript loader, before the program's modules) and addedRssKb (peak − start: what
// the closing itself costs, the figure that must not grow with the month).
import { readFileSync } from 'node:fs';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import type { PeriodKind } from '../../src/settlement/settlement.statements.rules.ts';

/** Resident memory now, in kB. */
const rssKb = () => Math.round(process.memoryUsage().rss / 1024);

const bareRssKb = rssKb();

/**
 * The peak resident memory of this process in kB. The kernel's VmHWM counts this program
 * only; getrusage's maxRSS does not: Linux keeps it across fork and exec, so a child of a
 * parent holding 300 MB reports 300 MB before it has done anything. maxRSS is the fallback
 * where /proc is missing.
 */
function peakRssKb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux: fall back below
  }
  return process.resourceUsage().maxRSS;
}

const [kind, start] = process.argv.slice(2);
if ((kind !== 'weekly' && kind !== 'monthly') || !/^\d{4}-\d{2}-\d{2}$/.test(start ?? '')) {
  console.error('usage: closing-run.ts weekly|monthly YYYY-MM-DD');
  process.exit(2);
}

// Everything the closing needs is loaded (and the database connected) before « start » is read,
// so the start is the whole program and the peak above it is the closing's own work.
const [{ sql }, { loadConfig }, { createDb }, { closePeriod }] = await Promise.all([
  import('kysely'),
  import('../../src/config.ts'),
  import('../../src/db/index.ts'),
  import('../../src/settlement/statements/statements.service.ts'),
]);

const CONCIERGE: CurrentAccount = { id: 'bench', email: 'banc@exemple.fr', role: 'concierge', displayName: 'Banc d’essai', shopId: null, memberId: null };

const config = loadConfig(process.env);
const db = createDb(config.database);
try {
  await sql`select 1`.execute(db);
  const startRssKb = rssKb();
  const startedAt = performance.now();
  const result = await closePeriod(db, config, CONCIERGE, { kind: kind as PeriodKind, start: start! });
  const elapsedMs = performance.now() - startedAt;
  const maxRssKb = peakRssKb();
  console.log(JSON.stringify({ elapsedMs, maxRssKb, startRssKb, statementCount: result.statementCount, bareRssKb, addedRssKb: maxRssKb - startRssKb }));
} finally {
  await db.destroy();
}
