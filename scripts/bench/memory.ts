// The memory at start: the app started in production on the seeded demo town, one page
// fetched (so the modules a visitor's page needs are loaded), then its resident memory read
// from the kernel (/proc/PID/status, Linux), as a town's server would show it.
import { readFileSync } from 'node:fs';
import type { AppProcess } from '../../test/helpers/server.ts';

export interface MemoryFigure {
  /** Resident memory after the first page (kB). */
  rssKb: number;
  /** Its high-water mark since the process started (kB). */
  peakRssKb: number;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]);
}

export async function measureStartMemory(app: AppProcess): Promise<MemoryFigure> {
  const page = await fetch(`${app.url}/`);
  await page.text();
  if (page.status !== 200) throw new Error(`the home page answered ${page.status}`);
  return { rssKb: statusKb(app.pid, 'VmRSS'), peakRssKb: statusKb(app.pid, 'VmHWM') };
}
