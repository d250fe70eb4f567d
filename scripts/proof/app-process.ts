// The app as `npm start` runs it (the node command of package.json's « start » script, on the
// compiled build), started many times in a row by the proofs: the build is checked once, not
// at every start as test/helpers/server.ts does, and the app is asked whether it answers
// every 50 ms, so a restart after a kill costs the app's own start and little more.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from '../build.ts';
import { freePort } from '../system.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LiveApp {
  url: string;
  pid: number;
  /** Ends the process with SIGKILL, as a power cut or the OOM killer would. */
  kill: () => Promise<void>;
  /** Asks the process to stop (SIGTERM) and waits for it. */
  stop: () => Promise<void>;
  output: () => string;
}

let startCommand: Promise<string[]> | undefined;

/** package.json's `start` script without its leading `node`, the build brought up to date once. */
function startArgs(): Promise<string[]> {
  startCommand ??= (async () => {
    await buildIfStale();
    const scripts = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts as Record<string, string>;
    return scripts.start.split(/\s+/).slice(1);
  })();
  return startCommand;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the app on a free port with `env` (DATABASE_URL and the rest) and waits until it answers. */
export async function launchApp(env: Record<string, string>, timeoutMs = 60_000): Promise<LiveApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', BASE_URL: url, ...env };
  delete childEnv.CLOCK_START;
  const child = spawn(process.execPath, await startArgs(), { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const end = async (signal: NodeJS.Signals) => {
    if (alive()) child.kill(signal);
    await exited;
  };
  const app: LiveApp = { url, pid: child.pid!, kill: () => end('SIGKILL'), stop: () => end('SIGTERM'), output: () => printed };
  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (!alive()) throw new Error(`the app stopped before answering (exit ${child.exitCode}):\n${printed}`);
    try {
      const response = await fetch(`${url}/connexion`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status < 500) return app;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await end('SIGKILL');
      throw new Error(`the app did not answer within ${timeoutMs / 1000} s:\n${printed}`);
    }
    await sleep(50);
  }
}
