// Closes one period with the real `closePeriod`, alone in this process, and prints one JSON
// line: how long closePeriod took and the process's peak resident memory. Started by
// scripts/bench/closing.ts on the database it has just filled (DATABASE_URL in the env).
//
//   node --import tsx scripts/bench/closing-run.ts monthly 2026-03-01
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/index.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';
import { closePeriod } from '../../src/settlement/statements/statements.service.ts';
import type { PeriodKind } from '../../src/settlement/settlement.statements.rules.ts';

const CONCIERGE: CurrentAccount = { id: 'bench', email: 'banc@exemple.fr', role: 'concierge', displayName: 'Banc d’essai', shopId: null, memberId: null };

/** The high-water mark of resident memory in kB, as the kernel counts it (Linux). */
function vmHwmKb(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const [kind, start] = process.argv.slice(2);
if ((kind !== 'weekly' && kind !== 'monthly') || !/^\d{4}-\d{2}-\d{2}$/.test(start ?? '')) {
  console.error('usage: closing-run.ts weekly|monthly YYYY-MM-DD');
  process.exit(2);
}

const config = loadConfig(process.env);
const db = createDb(config.database);
try {
  const startRssKb = Math.round(process.memoryUsage().rss / 1024);
  const startedAt = performance.now();
  const result = await closePeriod(db, config, CONCIERGE, { kind: kind as PeriodKind, start });
  const elapsedMs = performance.now() - startedAt;
  // maxRSS (kB) and VmHWM are the same peak read two ways; keep the larger.
  const maxRssKb = Math.max(process.resourceUsage().maxRSS, vmHwmKb() ?? 0);
  console.log(JSON.stringify({ elapsedMs, maxRssKb, startRssKb, statementCount: result.statementCount }));
} finally {
  await db.destroy();
}
