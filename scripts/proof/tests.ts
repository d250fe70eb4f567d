// Runs test files the way `npm test` does (node's runner, TAP) and answers what the proof's
// table needs from them: passed, failed, and the summary lines the tests print with
// `t.diagnostic` (« matrix: … », « fuzz: … », « crawl: … »).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface TestRun {
  pass: number;
  fail: number;
  /** The diagnostics whose text starts with one of the asked prefixes, in order. */
  summaries: string[];
  durationMs: number;
}

function count(tap: string, name: string): number {
  const match = new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap);
  return match ? Number(match[1]) : 0;
}

/**
 * Runs `files` in one node test process with `env` added; its spec output goes to this
 * terminal (stderr), its TAP is read back.
 */
export function runTestFiles(files: string[], env: Record<string, string>, prefixes: string[], concurrency = 1): Promise<TestRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=900000', '--test-reporter=tap', ...files], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let tap = '';
    child.stdout.on('data', (chunk: Buffer) => {
      tap += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const summaries = tap
        .split('\n')
        .map((line) => line.trim().replace(/^# /, ''))
        .filter((line) => prefixes.some((prefix) => line.startsWith(prefix)));
      const fail = count(tap, 'fail') + count(tap, 'cancelled') + (code !== 0 && count(tap, 'fail') === 0 ? 1 : 0);
      for (const line of tap.split('\n').filter((text) => /^\s*not ok /.test(text))) process.stderr.write(`${line}\n`);
      resolve({ pass: count(tap, 'pass'), fail, summaries, durationMs: Date.now() - started });
    });
  });
}
