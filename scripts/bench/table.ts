// The bench's results: each figure is measured `repeats` times, its lines are printed live
// as each run ends, and one table at the end gives every value as the median of its runs,
// with the machine's load average (1 min) at the start of each run, so a noisy run is seen.
import { loadavg } from 'node:os';

/** One measured value of a run. */
export interface Measure {
  name: string;
  value: number;
  /** The value as written in French, with its unit. */
  show: (value: number) => string;
  target?: string;
  meets?: (value: number) => boolean;
  /**
   * How the runs are folded into one value: their median, or the worst for a guarantee
   * (orders lost, requests refused: one bad run is a bad figure).
   */
  fold?: 'median' | 'max';
}

interface Row {
  name: string;
  value: string;
  target: string;
  verdict: string;
  /** The load average (1 min) at the start of each run of the figure. */
  loads: number[];
}

export const french = (value: number, digits: number) =>
  value.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/\u202f|\u00a0/g, ' ');

export const loadNow = () => loadavg()[0];

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One live line: name, value, target, met / not met (the format of the bench's first versions). */
export function printLine(name: string, value: string, target?: string, met?: boolean): void {
  const verdict = target === undefined ? '' : `target ${target.padEnd(20)} ${met ? 'met' : 'not met'}`;
  console.log(`${name.padEnd(42)} ${value.padStart(16)}   ${verdict}`.trimEnd());
}

function fold(values: number[], how: Measure['fold']): number {
  return how === 'max' ? Math.max(...values) : median(values);
}

export class Results {
  private readonly rows: Row[] = [];

  /**
   * Runs a figure `repeats` times and keeps one row per measure, folded over the runs.
   * Answers the folded values by name, for figures derived from several (the closing's « flat »),
   * and the load average at the start of each run.
   */
  async figure(repeats: number, run: (index: number) => Promise<Measure[]>): Promise<{ values: Map<string, number>; loads: number[] }> {
    const started: number[] = [];
    const runs: Measure[][] = [];
    for (let index = 0; index < repeats; index += 1) {
      started.push(loadNow());
      if (repeats > 1) console.log(`  (run ${index + 1} of ${repeats})`);
      const measures = await run(index);
      for (const measure of measures) printLine(measure.name, measure.show(measure.value), measure.target, measure.meets?.(measure.value));
      runs.push(measures);
    }
    const folded = new Map<string, number>();
    for (const first of runs[0] ?? []) {
      const values = runs.map((measures) => measures.find((measure) => measure.name === first.name)?.value ?? Number.NaN);
      const value = fold(values, first.fold);
      folded.set(first.name, value);
      this.add(first.name, first.show(value), first.target, first.meets?.(value), started);
    }
    return { values: folded, loads: started };
  }

  /** A row computed from other rows, or measured once. */
  add(name: string, value: string, target: string | undefined, met: boolean | undefined, loads: number[]): void {
    this.rows.push({ name, value, target: target ?? '', verdict: target === undefined ? '' : met ? 'met' : 'NOT MET', loads });
  }

  print(repeats: number): void {
    const header = { name: 'figure', value: `value (median of ${repeats})`, target: 'target', verdict: 'met?', loads: 'load 1 min at start of each run' };
    const lines = this.rows.map((row) => ({ ...row, loads: row.loads.map((load) => french(load, 2)).join(' / ') }));
    const width = (key: 'name' | 'value' | 'target' | 'verdict') => Math.max(header[key].length, ...lines.map((line) => line[key].length));
    const cells = (line: typeof header) =>
      `| ${line.name.padEnd(width('name'))} | ${line.value.padStart(width('value'))} | ${line.target.padEnd(width('target'))} | ${line.verdict.padEnd(width('verdict'))} | ${line.loads}`;
    console.log(`\nResults: each figure with a target ran ${repeats} time(s); a value is the median of its runs (a guarantee's count: the worst run).`);
    console.log(cells(header));
    console.log(`|${'-'.repeat(width('name') + 2)}|${'-'.repeat(width('value') + 2)}|${'-'.repeat(width('target') + 2)}|${'-'.repeat(width('verdict') + 2)}|${'-'.repeat(header.loads.length + 1)}`);
    for (const line of lines) console.log(cells(line));
    const missed = this.rows.filter((row) => row.verdict === 'NOT MET').length;
    const judged = this.rows.filter((row) => row.verdict !== '').length;
    console.log(`\n${judged - missed} of ${judged} targets met.`);
  }
}
